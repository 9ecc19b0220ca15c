import ActorGraphCLI
import Foundation

exit(ActorGraphCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
