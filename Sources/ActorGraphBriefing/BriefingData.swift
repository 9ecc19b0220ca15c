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
    /// and fissures of its relations (the narratives of ``/ActorGraphAnalysis/ClaimsReport``).
    public var views: [View]
    /// The brokers panel.
    public var brokers: Brokers
    /// For each date of ``dates``, the relations that hold then (the date control's oracle).
    public var snapshots: [Snapshot]
    /// The fissures and factions panels at the dates of ``dates``: one entry per distinct set of
    /// relations that hold, so the panels follow the date control. Empty when the graph is too
    /// large for an analysis per date (see ``periodsLeftOut``).
    public var periods: [Period]
    /// Why ``periods`` is empty on a graph with dates, for the panels' note; nil otherwise.
    public var periodsLeftOut: String?

    /// A document that relations cite.
    public struct Source: Codable, Sendable, Equatable {
        /// The id cites use.
        public var id: String
        /// The document's title.
        public var title: String
        /// When it was written or published (ISO, partial).
        public var date: String?
        /// Who wrote it.
        public var author: String?
        /// Where to find it (shown as text; the page follows no link by itself).
        public var url: String?
        /// Free text.
        public var note: String?
    }

    /// An actor or relation kind.
    public struct Kind: Codable, Sendable, Equatable {
        /// The kind's id (`party`, `conflict`).
        public var id: String
        /// Its label in legends (`Party`, `Conflict`).
        public var label: String
        /// Relations only: `positive`, `negative` or `unsigned`.
        public var sign: String?
        /// Relations only: whether the kind points from one actor to another.
        public var directed: Bool?
    }

    /// An actor with its place in the analyses.
    public struct Actor: Codable, Sendable, Equatable {
        /// The id relations use, and the value of `data-actor`.
        public var id: String
        /// The display name.
        public var name: String
        /// The actor kind's id.
        public var kind: String
        /// The actor kind's label.
        public var kindLabel: String
        /// Office or function.
        public var role: String?
        /// Other names (search finds them).
        public var aliases: [String]
        /// Free text.
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
        /// `degree`, `negative`, `betweenness` or `pagerank`.
        public var id: String
        /// What the details panel calls it.
        public var label: String
        /// What it counts, and on which relations.
        public var note: String
    }

    /// An actor's value and rank in one measure: rank 1 is the highest; equal values share a rank
    /// (1, 2, 2, 4).
    public struct Rank: Codable, Sendable, Equatable {
        /// The measure's id.
        public var measure: String
        /// The actor's value.
        public var value: Double
        /// Its rank among all actors, 1 for the highest.
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
        /// The relation kind's id.
        public var kind: String
        /// The relation kind's label.
        public var kindLabel: String
        /// `positive`, `negative` or `unsigned`.
        public var sign: String
        /// Whether written with `from`/`to`.
        public var directed: Bool
        /// `from` (or the first of `between`) and `to`.
        public var source: String
        /// `to`, or the second of `between`.
        public var target: String
        /// Intensity (1 unless given).
        public var weight: Double
        /// When it began to hold, as written (partial ISO date).
        public var since: String?
        /// When it last held, as written (partial ISO date).
        public var until: String?
        /// The first day the relation holds (`since`'s first day), ISO; nil when open.
        public var firstDay: String?
        /// The last day it holds (`until`'s last day), ISO; nil when open.
        public var lastDay: String?
        /// The passages it cites.
        public var cites: [Cite]
        /// The quoted words it rests on (the file's `quote`), when given.
        public var quotes: [String]
        /// Who asserts it (actor ids); empty for reported fact.
        public var claimedBy: [String]
        /// Who denies it (actor ids).
        public var disputedBy: [String]
        /// `low`, `medium`, `high` or a number.
        public var confidence: String?
        /// Free text.
        public var note: String?
        /// Free attributes, as text.
        public var attributes: [String: String]
        /// Whether the diagram draws it as contested (dashed or dotted, faded).
        public var contested: Bool
    }

    /// A claimant and what it asserts and denies (relation keys).
    public struct Claimant: Codable, Sendable, Equatable {
        /// The claimant's actor id.
        public var id: String
        /// Its display name.
        public var name: String
        /// The relations it asserts (keys, file order).
        public var claims: [String]
        /// The relations it disputes (keys, file order).
        public var denials: [String]
    }

    /// A contested relation.
    public struct Contested: Codable, Sendable, Equatable {
        /// The relation's key.
        public var relation: String
        /// Why: "disputed by malik", "asserted by sabzwari only".
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
        /// The view's blocs.
        public var factions: Factions
        /// The view's fissures.
        public var fissures: Fissures
    }

    /// A split into blocs (`factions`, the balance method).
    public struct Factions: Codable, Sendable, Equatable {
        /// The method (`balance`).
        public var method: String
        /// Member ids per bloc.
        public var blocs: [[String]]
        /// Actors no signed relation of the view places.
        public var unattached: [String]
        /// P, its lower bound, and the like.
        public var quality: [Quality]
        /// Whether the split is proven optimal; nil for heuristics.
        public var optimal: Bool?
        /// Positive relations between blocs (keys).
        public var positiveBetween: [String]
        /// Negative relations inside blocs (keys).
        public var negativeInside: [String]
        /// What the reader must know about the split.
        public var notes: [String]
    }

    /// A measure of a split.
    public struct Quality: Codable, Sendable, Equatable {
        /// `P`, `lower bound`, `modularity`, …
        public var name: String
        /// Its value.
        public var value: Double
        /// How it is defined here.
        public var note: String
    }

    /// The ranked fissures of a view.
    public struct Fissures: Codable, Sendable, Equatable {
        /// The frustration index of the view's signed ties, and whether it is proven optimal.
        public var frustration: Double
        /// Whether the frustration index is proven optimal.
        public var frustrationOptimal: Bool
        /// Most stressed first.
        public var items: [Fissure]
        /// Ties of the scored kinds that were not scored, and why.
        public var notes: [String]
    }

    /// One coalition or alliance tie under stress, with the four parts of its score.
    public struct Fissure: Codable, Sendable, Equatable {
        /// The scored tie (key).
        public var relation: String
        /// Its first end (actor id).
        public var a: String
        /// Its second end.
        public var b: String
        /// The stress score in 0…1: the mean of the four parts.
        public var score: Double
        /// (1) Whether the best balance partition puts a and b in different blocs.
        public var split: Bool
        /// (2) The unbalanced share of the triangles and 4-cycles through the tie.
        public var cycleShare: Double
        /// The number of unbalanced cycles.
        public var unbalancedCycles: Int
        /// The number of cycles examined.
        public var cycles: Int
        /// (3) The negative share of the pair's weight.
        public var ambivalence: Double
        /// (4) The fall in frustration when the tie is dropped, over its weight.
        public var dropShare: Double
        /// The frustration index with the tie.
        public var frustration: Double
        /// The frustration index without it.
        public var frustrationWithout: Double
        /// Negative relations directly between a and b (keys).
        public var directNegative: [String]
        /// The best-evidenced unbalanced cycles, as paths from a to b.
        public var paths: [Path]
    }

    /// An unbalanced cycle closed by a fissure: the path between its ends.
    public struct Path: Codable, Sendable, Equatable {
        /// The actors along the path, from the tie's first end to its second.
        public var actors: [String]
        /// For each step, the relations that give it its sign.
        public var steps: [[String]]
        /// +1 or −1 per step.
        public var signs: [Int]
        /// The weakest step's confidence (each step: its best-supported relation; 0.5 when unstated).
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
        /// The positive network's distance-weighted fragmentation.
        public var fragmentation: Double
        /// Its fragmentation without the key players.
        public var fragmentationWithout: Double
        /// What the analysis left out, and the groups it used.
        public var notes: [String]
    }

    /// An actor's Gould–Fernandez brokerage.
    public struct Broker: Codable, Sendable, Equatable {
        /// The actor's id.
        public var actor: String
        /// Brokered open two-paths over all roles.
        public var total: Double
        /// Counts per role: coordinator, itinerant, gatekeeper, representative, liaison.
        public var roles: [String: Double]
        /// Burt's constraint; nil when undefined (an isolate).
        public var constraint: Double?
    }

    /// A broker between hostile blocs.
    public struct SignedBroker: Codable, Sendable, Equatable {
        /// The actor's id.
        public var actor: String
        /// The share of shortest positive paths between members of hostile blocs that pass through it, weighted by hostility (0…1).
        public var score: Double
    }

    /// The panels at some dates: the analyses of the relations that hold then (`claims --at`).
    public struct Period: Codable, Sendable, Equatable {
        /// The dates of ``BriefingData/dates`` at which exactly these relations hold.
        public var dates: [String]
        /// The panels per view of the claimant control (`all`, `facts`, claimant ids); a claimant
        /// with no claim that holds then is missing, and their view is the facts'.
        public var views: [PeriodView]
    }

    /// One view's panels in a ``Period``.
    public struct PeriodView: Codable, Sendable, Equatable {
        /// The option value: `all`, `facts`, or the claimant's id.
        public var id: String
        /// The view's blocs then.
        public var factions: Factions
        /// The view's fissures then.
        public var fissures: Fissures
    }

    /// The relations that hold at one date.
    public struct Snapshot: Codable, Sendable, Equatable {
        /// A date the graph mentions.
        public var date: String
        /// The relations that hold then (keys, file order).
        public var relations: [String]
    }
}

extension ActorGraph {
    /// The value of `data-relation` for relation `i`: its id, else `relation-i`.
    public func briefingKey(_ i: Int) -> String { relations[i].id ?? "relation-\(i)" }
}
