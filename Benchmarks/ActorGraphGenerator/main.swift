// ActorGraphGenerator: a seeded synthetic actor graph in the native YAML format, shaped like real
// encodings, for the actor-level benchmark (`make bench-actors`) and for scale tests.
//
//   ActorGraphGenerator --actors 2000 --relations 8000 --seed 1 -o graph.yaml
//
// What it draws, and why:
// - Blocs (communities), grouped into two camps. Ties inside a bloc are mostly positive
//   (coalition, alliance, patronage, membership, support, declared `command` and `pact`), ties
//   between camps mostly negative (conflict, rivalry, opposition, declared `attack`); a share of
//   ties goes against that pattern, so factions, the frustration index and fissures are meaningful.
// - Activity is heavy-tailed (Pareto weights): a few actors carry many ties, as in reporting.
// - Unsigned ties (stronghold, presence, declared `refuge`) go from actors to places.
// - Evidence: citations of 24 sources with paragraph, line or page locators, claimants (a small
//   pool of spokespeople and outlets) and deniers, confidences (words and numbers), weights, ids.
// - Time: partial ISO dates (`2009`, `2009-06`, `2009-06-14`) as `since`, some with `until`.
// - Ambivalent pairs: a share of positive ties is repeated by a negative tie between the same
//   actors, later in time (the coalition partners who start fighting).
// The same arguments give the same bytes, on every platform (SplitMix64, no Foundation randomness).

import Foundation

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n.
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}

struct Options {
    var actors = 2000
    var relations = 8000
    var seed: UInt64 = 1
    var blocs: Int? = nil
    var claimants: Int? = nil
    var output: String? = nil
}

func usage() -> Never {
    FileHandle.standardError.write(Data("""
    usage: ActorGraphGenerator [--actors N] [--relations M] [--seed S] [--blocs B] [--claimants C] [-o FILE]
      --actors N      actors (default 2000; at least 20)
      --relations M   relations (default 8000)
      --seed S        the seed (default 1): the same arguments give the same file
      --blocs B       communities (default max(4, N/250)), split into two camps
      --claimants C   spokespeople and outlets who claim or dispute relations (default min(40, 8 + N/200))
      -o FILE         output (default: standard output)

    """.utf8))
    exit(2)
}

func parse() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    func value(_ name: String) -> String {
        guard let v = args.popFirst() else { FileHandle.standardError.write(Data("\(name) needs a value\n".utf8)); usage() }
        return v
    }
    func number(_ name: String) -> Int {
        let v = value(name)
        guard let n = Int(v), n >= 0 else { FileHandle.standardError.write(Data("\(name): '\(v)' is not a count\n".utf8)); usage() }
        return n
    }
    while let a = args.popFirst() {
        switch a {
        case "--actors": o.actors = number(a)
        case "--relations": o.relations = number(a)
        case "--seed": o.seed = UInt64(number(a))
        case "--blocs": o.blocs = max(1, number(a))
        case "--claimants": o.claimants = number(a)
        case "-o", "--output": o.output = value(a)
        case "-h", "--help": usage()
        default: FileHandle.standardError.write(Data("unknown argument '\(a)'\n".utf8)); usage()
        }
    }
    if o.actors < 20 { FileHandle.standardError.write(Data("--actors must be at least 20\n".utf8)); usage() }
    return o
}

// Kinds: (name, sign, directed). Built-ins first, then the declared ones.
let positiveKinds: [(String, Bool)] = [("coalition", false), ("alliance", false), ("patronage", true), ("membership", true),
                                       ("support", true), ("command", true), ("pact", false)]
let negativeKinds: [(String, Bool)] = [("conflict", false), ("rivalry", false), ("opposition", true), ("attack", true)]
let unsignedKinds = ["stronghold", "presence", "refuge"]
let organisationKinds = ["party", "faction", "gang", "government", "security-force", "organization", "militia"]
let confidenceWords = ["low", "medium", "high"]

func generate(_ o: Options) -> String {
    var rng = SplitMix64(state: o.seed &* 0x2545_F491_4F6C_DD1D &+ 0x1234_5678)
    let n = o.actors
    let blocCount = o.blocs ?? max(4, n / 250)
    let claimantCount = min(n / 4, o.claimants ?? min(40, 8 + n / 200))
    let placeCount = max(2, n / 25)

    // Actors: places first (ids place-…), then claimants (people and outlets), then the rest.
    struct ActorSpec { var id: String; var kind: String; var bloc: Int; var activity: Double }
    var actors: [ActorSpec] = []
    actors.reserveCapacity(n)
    for i in 0..<placeCount {
        actors.append(ActorSpec(id: "place-\(i + 1)", kind: i % 10 == 0 ? "city" : "neighborhood", bloc: -1, activity: 1))
    }
    for i in 0..<(n - placeCount) {
        let bloc = rng.int(blocCount)
        let kind: String
        if i < claimantCount {
            kind = i % 3 == 2 ? "media" : "person"
        } else {
            let r = rng.unit()
            kind = r < 0.45 ? "person" : r < 0.5 ? "ethnic-group" : r < 0.53 ? "media" : organisationKinds[rng.int(organisationKinds.count)]
        }
        // Pareto(α = 1.6) activity: a few hubs, many actors with one or two ties.
        let activity = pow(1 - rng.unit(), -1 / 1.6)
        actors.append(ActorSpec(id: "\(kind)-\(i + 1)", kind: kind, bloc: bloc, activity: activity))
    }
    let claimantIndex = Array(placeCount..<(placeCount + claimantCount))
    let movers = Array(placeCount..<n)
    var byBloc = Array(repeating: [Int](), count: blocCount)
    for i in movers { byBloc[actors[i].bloc].append(i) }

    /// Cumulative activity for weighted sampling (binary search).
    func cumulative(_ members: [Int]) -> [Double] {
        var c: [Double] = []
        c.reserveCapacity(members.count)
        var s = 0.0
        for m in members { s += actors[m].activity; c.append(s) }
        return c
    }
    func pick(_ members: [Int], _ cum: [Double]) -> Int {
        let x = rng.unit() * cum[cum.count - 1]
        var lo = 0, hi = cum.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if cum[mid] > x { hi = mid } else { lo = mid + 1 } }
        return members[lo]
    }
    let moverCum = cumulative(movers)
    let blocCum = byBloc.map { $0.isEmpty ? [] : cumulative($0) }
    func camp(_ b: Int) -> Int { b % 2 }

    func date() -> (year: Int, text: String) {
        let year = 2000 + rng.int(21)
        switch rng.int(3) {
        case 0: return (year, "\(year)")
        case 1: return (year, String(format: "%d-%02d", year, 1 + rng.int(12)))
        default: return (year, String(format: "%d-%02d-%02d", year, 1 + rng.int(12), 1 + rng.int(28)))
        }
    }

    struct Tie { var kind: String; var directed: Bool; var u: Int; var v: Int; var sinceYear: Int? }
    var seen = Set<UInt64>()
    func key(_ kind: String, _ u: Int, _ v: Int, _ directed: Bool) -> UInt64 {
        let (a, b) = directed || u < v ? (u, v) : (v, u)
        var h: UInt64 = 1469598103934665603
        for c in kind.utf8 { h = (h ^ UInt64(c)) &* 1099511628211 }
        return h ^ (UInt64(a) << 32 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15
    }

    var lines: [String] = []
    lines.reserveCapacity(o.relations)
    var positiveTies: [Tie] = []
    var attempts = 0
    // Every actor and place takes part in some relation: the first ties start at each in turn.
    var nextActor = 0, nextPlace = 0
    while lines.count < o.relations && attempts < o.relations * 20 {
        attempts += 1
        var tie: Tie
        var ambivalent = false
        let r = rng.unit()
        if r < 0.03, let base = positiveTies.isEmpty ? nil : positiveTies[rng.int(positiveTies.count)] {
            // An ambivalent pair: the partners also fight.
            let k = negativeKinds[rng.int(2)]
            tie = Tie(kind: k.0, directed: k.1, u: base.u, v: base.v, sinceYear: base.sinceYear.map { $0 + 1 + rng.int(3) })
            ambivalent = true
        } else if r < 0.11 {
            let u = nextActor < movers.count ? movers[nextActor] : pick(movers, moverCum)
            let place = nextPlace < placeCount ? nextPlace : rng.int(placeCount)
            tie = Tie(kind: unsignedKinds[rng.int(unsignedKinds.count)], directed: true, u: u, v: place, sinceYear: nil)
        } else {
            let u = nextActor < movers.count ? movers[nextActor] : pick(movers, moverCum)
            let bu = actors[u].bloc
            let v: Int
            let inside = rng.chance(0.72) && byBloc[bu].count > 1
            if inside {
                v = pick(byBloc[bu], blocCum[bu])
            } else {
                v = pick(movers, moverCum)
            }
            if u == v { continue }
            let bv = actors[v].bloc
            // The pattern: positive inside a bloc and within a camp, negative across camps; 12% against it.
            var positive = bu == bv ? true : camp(bu) == camp(bv) ? rng.chance(0.6) : false
            if rng.chance(0.12) { positive.toggle() }
            let k = positive ? positiveKinds[rng.int(positiveKinds.count)] : negativeKinds[rng.int(negativeKinds.count)]
            tie = Tie(kind: k.0, directed: k.1, u: u, v: v, sinceYear: nil)
        }
        let h = key(tie.kind, tie.u, tie.v, tie.directed)
        if seen.contains(h) { continue }
        seen.insert(h)
        if !ambivalent && nextActor < movers.count && tie.u == movers[nextActor] { nextActor += 1 }
        if tie.v < placeCount && tie.v == nextPlace { nextPlace += 1 }

        var fields: [String] = ["kind: \(tie.kind)"]
        if tie.directed {
            fields.append("from: \(actors[tie.u].id)")
            fields.append("to: \(actors[tie.v].id)")
        } else {
            fields.append("between: [\(actors[tie.u].id), \(actors[tie.v].id)]")
        }
        // Time.
        var sinceYear: Int? = tie.sinceYear
        if ambivalent, let y = tie.sinceYear {
            let year = min(y, 2022)
            fields.append("since: \(year)")
            sinceYear = year
        } else if rng.chance(0.5) {
            let d = date()
            fields.append("since: \(d.text)")
            sinceYear = d.year
            if rng.chance(0.3) {
                let until = min(2024, d.year + 1 + rng.int(6))
                fields.append("until: \(until)")
            }
        } else if rng.chance(0.08) {
            fields.append("until: \(2000 + rng.int(21))")
        }
        tie.sinceYear = sinceYear
        // Weight.
        if rng.chance(0.3) { fields.append("weight: \(2 + rng.int(2))") }
        // Citations.
        if rng.chance(0.7) {
            func cite() -> String {
                let s = String(format: "s%02d", 1 + rng.int(24))
                switch rng.int(3) {
                case 0: return "\(s) ¶\(1 + rng.int(40))"
                case 1: let a = 1 + rng.int(300); return "\(s) lines \(a)-\(a + rng.int(8))"
                default: return "\(s) p. \(1 + rng.int(120))"
                }
            }
            if rng.chance(0.2) { fields.append("cite: [\(cite()), \(cite())]") } else { fields.append("cite: \(cite())") }
        }
        // Claims and denials, by the pool of spokespeople and outlets (never by an endpoint).
        if tie.kind != "stronghold" && tie.kind != "presence" && tie.kind != "refuge" || rng.chance(0.3) {
            var claimer = -1
            if rng.chance(0.18) {
                let c = claimantIndex[rng.int(claimantIndex.count)]
                if c != tie.u && c != tie.v { fields.append("claimed-by: \(actors[c].id)"); claimer = c }
            }
            if rng.chance(0.05) {
                let d = claimantIndex[rng.int(claimantIndex.count)]
                if d != tie.u && d != tie.v && d != claimer { fields.append("disputed-by: \(actors[d].id)") }
            }
        }
        // Confidence: words mostly, numbers sometimes.
        if rng.chance(0.6) {
            if rng.chance(0.25) { fields.append(String(format: "confidence: %.2f", 0.05 + 0.9 * rng.unit())) }
            else { fields.append("confidence: \(confidenceWords[rng.int(3)])") }
        }
        if rng.chance(0.1) { fields.append("id: r\(lines.count + 1)") }
        lines.append("  - { " + fields.joined(separator: ", ") + " }")
        if !ambivalent && positiveKinds.contains(where: { $0.0 == tie.kind }) && positiveTies.count < 100_000 {
            positiveTies.append(tie)
        }
    }
    if lines.count < o.relations {
        FileHandle.standardError.write(Data("only \(lines.count) distinct relations fit \(n) actors; asked for \(o.relations)\n".utf8))
        exit(1)
    }

    var out = """
    # Synthetic actor graph: \(n) actors, \(o.relations) relations, \(blocCount) blocs in two camps, seed \(o.seed).
    # Generated by Benchmarks/ActorGraphGenerator (make bench-actors); not a real conflict.
    actorgraph: 1
    title: "Synthetic actor graph (\(n) actors, \(o.relations) relations, seed \(o.seed))"
    description: "Blocs of actors tied mostly positively inside and negatively across two camps, with 12% of ties against the pattern, ambivalent pairs, claims, denials, dates and confidences."
    sources:

    """
    for s in 1...24 {
        out += String(format: "  s%02d: { title: \"Synthetic report %d\", date: %d }\n", s, s, 2000 + s % 21)
    }
    out += """
    kinds:
      actors:
        city: { label: City, shape: doubleoctagon }
        militia: { label: Militia, shape: hexagon }
      relations:
        attack: { label: Attacks, sign: negative, directed: true, color: "#b2182b", line: bold, arrowhead: normal }
        command: { label: Commands, sign: positive, directed: true, color: "#4d4d4d", line: solid, arrowhead: normal }
        pact: { label: Pact, sign: positive, directed: false, color: "#1b7837", line: dashed }
        refuge: { label: Finds refuge in, sign: unsigned, directed: true, color: "#8c510a", line: dotted, arrowhead: empty }
    actors:

    """
    for a in actors {
        let label = a.id.replacingOccurrences(of: "-", with: " ").capitalized
        if a.bloc >= 0 {
            out += "  \(a.id): { name: \"\(label)\", kind: \(a.kind), bloc: \(a.bloc + 1) }\n"
        } else {
            out += "  \(a.id): { name: \"\(label)\", kind: \(a.kind) }\n"
        }
    }
    out += "relations:\n"
    out += lines.joined(separator: "\n")
    out += "\n"
    return out
}

let o = parse()
let out = generate(o)
if let path = o.output {
    do { try Data(out.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
        FileHandle.standardError.write(Data("cannot write \(path): \(error.localizedDescription)\n".utf8))
        exit(1)
    }
} else {
    FileHandle.standardOutput.write(Data(out.utf8))
}
