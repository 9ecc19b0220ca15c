import ActorGraphCLI
import Foundation

Interrupt.install()
exit(ActorGraphCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
