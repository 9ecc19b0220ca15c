// ActorGraphKit: the one module a Swift program imports to use ActorGraph as a library.
//
// It re-exports the document model, the readers and writers, the actor-level analyses, the
// Graphviz rendering, the interactive briefing and the network algorithms, so `import ActorGraphKit` is enough.
@_exported import ActorGraphAnalysis
@_exported import ActorGraphBriefing
@_exported import ActorGraphFormats
@_exported import ActorGraphModel
@_exported import ActorGraphRendering
@_exported import NetworkAnalysis
