import ActorGraphModel

/// How actors are grouped into clusters (drawn as boxed `cluster` subgraphs).
///
/// `--cluster kind`, `--cluster attribute:NAME` and `--cluster none` parse into this; an analysis
/// (factions, blocs) supplies its own ``ActorGrouping`` through ``custom(_:)``.
public enum ClusterRule: Hashable, Sendable, CustomStringConvertible {
    /// No clusters.
    case none
    /// One cluster per actor kind.
    case kind
    /// One cluster per value of a free attribute; actors without it stay outside.
    case attribute(String)
    /// Groups computed elsewhere (a faction split), given directly.
    case custom(ActorGrouping)

    /// Parses `none`, `kind` or `attribute:NAME`.
    public init?(argument: String) {
        switch argument {
        case "none": self = .none
        case "kind": self = .kind
        default:
            guard argument.hasPrefix("attribute:"), argument.count > "attribute:".count else { return nil }
            self = .attribute(String(argument.dropFirst("attribute:".count)))
        }
    }

    /// The rule as `--cluster` writes it: `none`, `kind`, `attribute:NAME`, or `custom`.
    public var description: String {
        switch self {
        case .none: return "none"
        case .kind: return "kind"
        case .attribute(let name): return "attribute:\(name)"
        case .custom: return "custom"
        }
    }

    /// The groups this rule makes of `graph`'s actors.
    ///
    /// - Complexity: O(actors · log(groups)).
    public func grouping(of graph: ActorGraph) -> ActorGrouping {
        switch self {
        case .none:
            return ActorGrouping(groups: [])
        case .custom(let grouping):
            return grouping
        case .kind:
            let order = graph.allActorKinds
            return ActorGrouping(groups: order.compactMap { kind in
                let members = graph.actors.filter { $0.kind == kind.id }.map(\.id)
                return members.isEmpty ? nil : ActorGrouping.Group(key: kind.id, label: kind.label, members: members)
            })
        case .attribute(let name):
            var byValue: [String: [String]] = [:]
            for actor in graph.actors {
                if let value = actor.attributes[name] { byValue[value.description, default: []].append(actor.id) }
            }
            return ActorGrouping(groups: byValue.keys.sorted().map {
                ActorGrouping.Group(key: $0, label: "\(name): \($0)", members: byValue[$0]!)
            })
        }
    }
}

/// Actors partitioned into labelled groups; actors in no group are drawn outside any cluster.
public struct ActorGrouping: Hashable, Sendable {
    /// One labelled group of actors, drawn as one cluster.
    public struct Group: Hashable, Sendable {
        /// A stable key (used in the cluster's DOT id).
        public var key: String
        /// The cluster's caption.
        public var label: String
        /// Actor ids, in drawing order.
        public var members: [String]

        /// Creates a group.
        public init(key: String, label: String, members: [String]) {
            self.key = key
            self.label = label
            self.members = members
        }
    }

    /// The groups, in drawing order; an actor should be in one group at most.
    public var groups: [Group]

    /// Creates a grouping from its groups.
    public init(groups: [Group]) { self.groups = groups }
}
