import ActorGraphAnalysis
import ActorGraphModel
import NetworkAnalysis

/// Everything the briefing page shows besides the drawing, as one Codable value: the page embeds
/// it as JSON (`<script type="application/json" id="briefing-data">`), and its script reads
/// nothing else.
///
/// Relations are named by their ``Relation/key``: the relation's `id`, else `relation-N` with N
/// its 0-based index in the file, the value of `data-relation` on the diagram's element.
public struct BriefingData: Codable, Sendable, Equatable {
    /// The layout version of this value; bumped when a field changes meaning.
    public var version: Int = 1
    /// The page title: `--title`, else the graph's title, else the file's name.
    public var title: String
    /// The graph's description.
    public var description: String?
    /// The program that wrote the page (`actorgraph 0.1.0`).
    public var generator: String
    /// The date the date control starts at (`--at`); nil starts with every date.
    public var openAt: String?
    /// The dates the graph mentions (every `since` and `until`), ascending, each once.
    public var dates: [String]
    /// The documents relations cite.
    public var sources: [Source]
    /// The actor kinds present, in legend order.
    public var actorKinds: [Kind]
    /// The relation kinds present, in legend order.
    public var relationKinds: [Kind]
    /// Every actor, in file order.
    public var actors: [Actor]
    /// Every relation, in file order.
    public var relations: [Relation]
    /// The centrality measures each actor's ``Actor/centrality`` lists, in that order.
    public var measures: [Measure]
    /// Who asserts what (`claims`): claimants in order of first appearance.
    public var claimants: [Claimant]
    /// The contested relations and why.
    public var contested: [Contested]
    /// The claimant control's views: `all`, `facts`, then one per claimant, each with the blocs
    /// and fissures of its relations (the narratives of ``ActorGraphAnalysis/ClaimsReport``).
    public var views: [View]
    /// The brokers panel.
    public var brokers: Brokers
    /// For each date of ``dates``, the relations that hold then (the date control's oracle).
    public var snapshots: [Snapshot]

    /// A document that relations cite.
    public struct Source: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var date: String?
        public var author: String?
        public var url: String?
        public var note: String?
    }

    /// An actor or relation kind.
    public struct Kind: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        /// Relations only: `positive`, `negative` or `unsigned`.
        public var sign: String?
        /// Relations only: whether the kind points from one actor to another.
        public var directed: Bool?
    }

    /// An actor with its place in the analyses.
    public struct Actor: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var kind: String
        public var kindLabel: String
        public var role: String?
        public var aliases: [String]
        public var note: String?
        /// Free attributes, as text.
        public var attributes: [String: String]
        /// Its bloc (numbered from 1) in the factions of every relation (view `all`); nil when no
        /// signed relation places it.
        public var bloc: Int?
        /// Its rank in each of ``BriefingData/measures``, in that order.
        public var centrality: [Rank]
        /// The keys of the relations it takes part in, in file order.
        public var relations: [String]
    }

    /// A centrality measure.
    public struct Measure: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        /// What it counts, and on which relations.
        public var note: String
    }

    /// An actor's value and rank in one measure: rank 1 is the highest; equal values share a rank
    /// (1, 2, 2, 4).
    public struct Rank: Codable, Sendable, Equatable {
        public var measure: String
        public var value: Double
        public var rank: Int
        /// The number of actors ranked.
        public var of: Int
    }

    /// A passage a relation cites.
    public struct Cite: Codable, Sendable, Equatable {
        /// The source's id.
        public var source: String
        /// The locator (`¶3`), if any.
        public var locator: String?
        /// The citation as the file writes it (`cable ¶3`).
        public var text: String
    }

    /// A relation with all its evidence.
    public struct Relation: Codable, Sendable, Equatable {
        /// The value of `data-relation`: the relation's id, else `relation-N`.
        public var key: String
        /// Its 0-based index in the file.
        public var index: Int
        /// The id the file gives it.
        public var id: String?
        public var kind: String
        public var kindLabel: String
        /// `positive`, `negative` or `unsigned`.
        public var sign: String
        public var directed: Bool
        /// `from` (or the first of `between`) and `to`.
        public var source: String
        public var target: String
        public var weight: Double
        public var since: String?
        public var until: String?
        /// The first day the relation holds (`since`'s first day), ISO; nil when open.
        public var firstDay: String?
        /// The last day it holds (`until`'s last day), ISO; nil when open.
        public var lastDay: String?
        public var cites: [Cite]
        /// The quoted words it rests on (the file's `quote`), when given.
        public var quotes: [String]
        public var claimedBy: [String]
        public var disputedBy: [String]
        /// `low`, `medium`, `high` or a number.
        public var confidence: String?
        public var note: String?
        public var attributes: [String: String]
        /// Whether the diagram draws it as contested (dashed or dotted, faded).
        public var contested: Bool
    }

    /// A claimant and what it asserts and denies (relation keys).
    public struct Claimant: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var claims: [String]
        public var denials: [String]
    }

    /// A contested relation.
    public struct Contested: Codable, Sendable, Equatable {
        public var relation: String
        public var reasons: [String]
    }

    /// One view of the claimant control: which relations it shows, and its analyses.
    public struct View: Codable, Sendable, Equatable {
        /// The option value: `all`, `facts`, or the claimant's id.
        public var id: String
        /// What the option says.
        public var label: String
        /// The relations the view shows (keys, file order): every relation for `all`, the
        /// unclaimed ones for `facts`, the unclaimed ones and the claimant's for a claimant.
        public var relations: [String]
        public var factions: Factions
        public var fissures: Fissures
    }

    /// A split into blocs (`factions`, the balance method).
    public struct Factions: Codable, Sendable, Equatable {
        public var method: String
        /// Member ids per bloc.
        public var blocs: [[String]]
        public var unattached: [String]
        /// P, its lower bound, and the like.
        public var quality: [Quality]
        public var optimal: Bool?
        public var positiveBetween: [String]
        public var negativeInside: [String]
        public var notes: [String]
    }

    /// A measure of a split.
    public struct Quality: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var note: String
    }

    /// The ranked fissures of a view.
    public struct Fissures: Codable, Sendable, Equatable {
        /// The frustration index of the view's signed ties, and whether it is proven optimal.
        public var frustration: Double
        public var frustrationOptimal: Bool
        public var items: [Fissure]
        public var notes: [String]
    }

    /// One coalition or alliance tie under stress, with the four parts of its score.
    public struct Fissure: Codable, Sendable, Equatable {
        public var relation: String
        public var a: String
        public var b: String
        public var score: Double
        public var split: Bool
        public var cycleShare: Double
        public var unbalancedCycles: Int
        public var cycles: Int
        public var ambivalence: Double
        public var dropShare: Double
        public var frustration: Double
        public var frustrationWithout: Double
        public var directNegative: [String]
        public var paths: [Path]
    }

    /// An unbalanced cycle closed by a fissure: the path between its ends.
    public struct Path: Codable, Sendable, Equatable {
        public var actors: [String]
        /// For each step, the relations that give it its sign.
        public var steps: [[String]]
        /// +1 or −1 per step.
        public var signs: [Int]
        public var confidence: Double
    }

    /// Who brokers (`brokers`: Gould–Fernandez roles between blocs, Burt's constraint, key players).
    public struct Brokers: Codable, Sendable, Equatable {
        /// Actors with brokerage, most first (at most 10).
        public var top: [Broker]
        /// Brokers between mutually hostile blocs, most hostile traffic first.
        public var signed: [SignedBroker]
        /// KPP-Neg: the actors whose removal fragments the positive network most.
        public var keyPlayers: [String]
        public var fragmentation: Double
        public var fragmentationWithout: Double
        public var notes: [String]
    }

    /// An actor's Gould–Fernandez brokerage.
    public struct Broker: Codable, Sendable, Equatable {
        public var actor: String
        public var total: Double
        /// Counts per role: coordinator, itinerant, gatekeeper, representative, liaison.
        public var roles: [String: Double]
        /// Burt's constraint; nil when undefined (an isolate).
        public var constraint: Double?
    }

    /// A broker between hostile blocs.
    public struct SignedBroker: Codable, Sendable, Equatable {
        public var actor: String
        public var score: Double
    }

    /// The relations that hold at one date.
    public struct Snapshot: Codable, Sendable, Equatable {
        public var date: String
        public var relations: [String]
    }
}

extension ActorGraph {
    /// The value of `data-relation` for relation `i`: its id, else `relation-i`.
    public func briefingKey(_ i: Int) -> String { relations[i].id ?? "relation-\(i)" }
}
