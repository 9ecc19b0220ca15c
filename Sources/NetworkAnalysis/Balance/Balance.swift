/// The triangles of a signed network, classified by structural balance.
///
/// Each pair's sign is **+** (only positive weight), **−** (only negative weight) or
/// **ambivalent** (both). A triangle is
/// - *strongly balanced* when it is +++ or +−− (Cartwright & Harary 1956: balanced in Heider's
///   sense, "the friend of my friend is my friend, the enemy of my enemy is my friend");
/// - *weakly balanced* when it is −−− (clusterable after Davis 1967, with three mutually hostile
///   blocs, but not balanced);
/// - *unbalanced* when it is ++− (no partition into blocs satisfies all three pairs);
/// - *ambivalent* when at least one of its pairs is ambivalent.
///
/// Cartwright, D. & Harary, F. "Structural balance: a generalization of Heider's theory."
/// Psychological Review 63(5):277–293, 1956.
/// Davis, J. A. "Clustering and structural balance in graphs." Human Relations 20(2):181–187, 1967.
public struct TriangleCensus: Sendable, Equatable {
    /// The balance class of a triangle.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// +++ or +−−.
        case strongBalanced
        /// −−−.
        case weakBalanced
        /// ++−.
        case unbalanced
        /// At least one pair has both positive and negative weight.
        case ambivalent
    }

    /// One triangle: its nodes `a < b < c` and its class.
    public struct Triangle: Sendable, Hashable {
        /// The lowest-numbered node.
        public var a: Int32
        /// The middle node.
        public var b: Int32
        /// The highest-numbered node.
        public var c: Int32
        /// The triangle's class.
        public var kind: Kind
        /// Creates a triangle; `a < b < c`.
        public init(a: Int32, b: Int32, c: Int32, kind: Kind) {
            self.a = a; self.b = b; self.c = c; self.kind = kind
        }
    }

    /// The number of +++ and +−− triangles.
    public var strongBalanced: Int = 0
    /// The number of −−− triangles.
    public var weakBalanced: Int = 0
    /// The number of ++− triangles.
    public var unbalanced: Int = 0
    /// The number of triangles with an ambivalent pair.
    public var ambivalent: Int = 0
    /// The number of triangles.
    public var total: Int { strongBalanced + weakBalanced + unbalanced + ambivalent }
    /// The first triangles in (a, b, c) order, at most the `listLimit` asked for.
    public var triangles: [Triangle] = []
    /// Whether there are more triangles than `triangles` lists.
    public var truncated: Bool = false

    /// Creates a census from its counts (tests build expected values this way).
    public init(strongBalanced: Int = 0, weakBalanced: Int = 0, unbalanced: Int = 0, ambivalent: Int = 0,
                triangles: [Triangle] = [], truncated: Bool = false) {
        self.strongBalanced = strongBalanced; self.weakBalanced = weakBalanced
        self.unbalanced = unbalanced; self.ambivalent = ambivalent
        self.triangles = triangles; self.truncated = truncated
    }

    /// The count of one class.
    public subscript(kind: Kind) -> Int {
        switch kind {
        case .strongBalanced: return strongBalanced
        case .weakBalanced: return weakBalanced
        case .unbalanced: return unbalanced
        case .ambivalent: return ambivalent
        }
    }
}

extension SignedNetwork {
    /// The sign class of stored edge `e`: 0 for +, 1 for −, 2 for ambivalent.
    @inline(__always) func _signClass(_ e: Int) -> Int {
        negative[e] > 0 ? (positive[e] > 0 ? 2 : 1) : 0
    }

    /// Counts and lists the triangles by balance class (see ``TriangleCensus``).
    ///
    /// Every triangle is found once by the forward algorithm: nodes ranked by (degree, index),
    /// each triangle reached from its lowest-ranked node through its middle one, with a marker
    /// array instead of a hash set (Schank & Wagner 2005, "Finding, counting and listing all
    /// triangles in large graphs").
    ///
    /// - Parameter listLimit: How many triangles to list, the first in (a, b, c) order; the
    ///   counts always cover every triangle.
    /// - Complexity: O(E^1.5) time; O(V + E + listLimit) extra space.
    public func triangleCensus(listLimit: Int = 10_000) -> TriangleCensus {
        precondition(listLimit >= 0, "listLimit must not be negative")
        var census = TriangleCensus()
        let limit = listLimit
        var listed: [TriangleCensus.Triangle] = []
        var seenMore = false
        func trim() {
            listed.sort { ($0.a, $0.b, $0.c) < ($1.a, $1.b, $1.c) }
            if listed.count > limit { listed.removeLast(listed.count - limit); seenMore = true }
        }
        _forEachTriangle { u, v, w, euv, euw, evw in
            let classes = (_signClass(euv), _signClass(euw), _signClass(evw))
            let kind: TriangleCensus.Kind
            if classes.0 == 2 || classes.1 == 2 || classes.2 == 2 {
                kind = .ambivalent; census.ambivalent += 1
            } else {
                switch classes.0 + classes.1 + classes.2 {
                case 0, 2: kind = .strongBalanced; census.strongBalanced += 1
                case 3: kind = .weakBalanced; census.weakBalanced += 1
                default: kind = .unbalanced; census.unbalanced += 1
                }
            }
            if limit > 0 {
                let lo = min(u, v, w), hi = max(u, v, w)
                listed.append(.init(a: lo, b: u ^ v ^ w ^ lo ^ hi, c: hi, kind: kind))
                if listed.count >= 2 * limit + 1024 { trim() }
            } else {
                seenMore = true
            }
        }
        trim()
        census.triangles = listed
        census.truncated = seenMore
        return census
    }

    /// Calls `body(u, v, w, e(u,v), e(u,w), e(v,w))` once per triangle (stored edge indices).
    /// Forward algorithm; O(E^1.5).
    func _forEachTriangle(_ body: (Int32, Int32, Int32, Int, Int, Int) -> Void) {
        let n = nodeCount
        guard n > 2 else { return }
        // rank by (degree, index); forward edges go to higher rank.
        let order = (0..<n).sorted { a, b in
            let da = offsets[a + 1] - offsets[a], db = offsets[b + 1] - offsets[b]
            return da != db ? da < db : a < b
        }
        var rank = [Int32](repeating: 0, count: n)
        for (r, u) in order.enumerated() { rank[u] = Int32(r) }
        var mark = [Int32](repeating: -1, count: n)
        var markEdge = [Int32](repeating: 0, count: n)
        offsets.withUnsafeBufferPointer { off in
            neighbors.withUnsafeBufferPointer { nb in
                for u in 0..<n {
                    let ru = rank[u]
                    for e in Int(off[u])..<Int(off[u + 1]) where rank[Int(nb[e])] > ru {
                        mark[Int(nb[e])] = Int32(u); markEdge[Int(nb[e])] = Int32(e)
                    }
                    for e in Int(off[u])..<Int(off[u + 1]) {
                        let v = Int(nb[e])
                        let rv = rank[v]
                        guard rv > ru else { continue }
                        for f in Int(off[v])..<Int(off[v + 1]) {
                            let w = Int(nb[f])
                            if rank[w] > rv && mark[w] == Int32(u) {
                                body(Int32(u), Int32(v), Int32(w), e, Int(markEdge[w]), f)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The two parts of the Doreian–Mrvar error of a partition: `negativeInside` (N), the negative
    /// weight of pairs whose ends share a bloc, and `positiveBetween` (Pb), the positive weight of
    /// pairs whose ends are in different blocs. An ambivalent pair adds its negative weight to N
    /// when its ends share a bloc, else its positive weight to Pb.
    ///
    /// The error is P = α·N + (1−α)·Pb; the frustration index of a two-bloc partition is N + Pb.
    ///
    /// - Parameters:
    ///   - membership: A bloc label per node (any Int32 values; equal labels, one bloc).
    ///   - alpha: The weight of negative ties inside blocs, in (0, 1); only checked here, the
    ///     parts returned do not depend on it.
    /// - Complexity: O(V + E).
    public func balanceCost(_ membership: [Int32], alpha: Double) -> (negativeInside: Double, positiveBetween: Double) {
        precondition(membership.count == nodeCount, "one bloc label per node: \(membership.count) labels for \(nodeCount) nodes")
        precondition(alpha >= 0 && alpha <= 1, "alpha must lie in 0...1, not \(alpha)")
        var inside = 0.0, between = 0.0
        for u in 0..<nodeCount {
            for e in Int(offsets[u])..<Int(offsets[u + 1]) {
                let v = Int(neighbors[e])
                guard v > u else { continue }
                if membership[u] == membership[v] { inside += negative[e] } else { between += positive[e] }
            }
        }
        return (inside, between)
    }
}
