/// Brandes's algorithm one source at a time: the single forward pass (breadth-first search, or
/// Dijkstra when weighted, counting shortest paths) that node betweenness, edge betweenness and
/// Girvan–Newman share, and the two backward passes that turn it into dependencies. The unsafe
/// buffer code of the betweenness measures lives here.
///
/// The forward pass records the order nodes are settled in; a backward pass walks that order
/// in reverse and gives each node its dependency from the out-neighbours that lie one step
/// further on a shortest path, so no predecessor lists are built. Unweighted, the node pass has
/// the breadth-first search write those out-neighbours down as it meets them, one flat array in
/// settling order (written and read in sequence), so the backward pass reads only the edges of
/// the shortest-path DAG and never tests a distance; weighted, and for edges, it tests
/// distances again.
///
/// - Complexity: O(V + E) per source unweighted, O((V + E) log V) weighted; O(V) scratch, plus
///   O(E) for the unweighted node pass.
final class BrandesKernel {
    /// Weighted path lengths within this relative difference are equal: 1/3 + 1/6 and 1/2 differ
    /// in the last bit as doubles, but are the same length.
    static let tie = 1e-10

    let nodeCount: Int
    let weighted: Bool
    /// σ: shortest paths from the source; in the node pass's backward walk, once a node's
    /// dependency δ is known, (1 + δ) / σ instead.
    private let sigma: UnsafeMutableBufferPointer<Double>
    /// δ during the edge pass's backward walk.
    private let delta: UnsafeMutableBufferPointer<Double>
    /// Hops from the source, −1 when not reached; weighted: 0 marks a settled node.
    private let hops: UnsafeMutableBufferPointer<Int32>
    private let distance: UnsafeMutableBufferPointer<Double>
    /// The nodes in the order they were settled; `settled` of them.
    private let order: UnsafeMutableBufferPointer<Int32>
    /// Unweighted node pass: the DAG successors of the settled nodes, in settling order, and
    /// for the node settled i-th, where its successors end in `successors` (they start where
    /// those of the node before end). Allocated on first use.
    private var successors = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
    private let successorEnd: UnsafeMutableBufferPointer<Int32>
    private var settled = 0
    private var heap = DistanceHeap()

    init(nodeCount n: Int, weighted: Bool) {
        nodeCount = n
        self.weighted = weighted
        sigma = .allocate(capacity: max(1, n)); sigma.initialize(repeating: 0)
        delta = .allocate(capacity: max(1, n)); delta.initialize(repeating: 0)
        hops = .allocate(capacity: max(1, n)); hops.initialize(repeating: -1)
        distance = .allocate(capacity: max(1, weighted ? n : 1)); distance.initialize(repeating: .infinity)
        order = .allocate(capacity: max(1, n)); order.initialize(repeating: 0)
        successorEnd = .allocate(capacity: max(1, weighted ? 1 : n)); successorEnd.initialize(repeating: 0)
    }

    deinit {
        sigma.deallocate(); delta.deallocate(); hops.deallocate(); distance.deallocate(); order.deallocate()
        successorEnd.deallocate(); successors.deallocate()
    }

    /// The forward pass from `s` over the edges `live` admits: fills σ, the hops (or distances)
    /// and the settling order; with `record` (unweighted only), the DAG successors too.
    @inline(__always)
    private func forward(_ s: Int, offsets: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>,
                         weights: UnsafeBufferPointer<Double>, record: Bool, live: (Int) -> Bool) {
        let sigma = self.sigma, hops = self.hops, order = self.order, distance = self.distance
        let successors = self.successors, successorEnd = self.successorEnd
        var settled = 0
        if !weighted {
            // Breadth-first search; `order` is the queue.
            hops[s] = 0; sigma[s] = 1
            order[0] = Int32(s)
            settled = 1
            var head = 0
            var recorded = 0
            // The next node's row bounds, first edge and hops are read a node ahead (they do
            // not change once it is reached; its σ may, so σ is not), so that those loads
            // overlap the walk of the current row.
            var ahead = s, aheadStart = Int(offsets[s]), aheadEnd = Int(offsets[s + 1]), aheadHops = hops[s]
            var aheadFirst = aheadStart < aheadEnd ? Int(targets[aheadStart]) : 0
            while head < settled {
                let u = Int(order[head])
                let start: Int, end: Int, next: Int32, first: Int
                if u == ahead {
                    start = aheadStart; end = aheadEnd; next = aheadHops &+ 1; first = aheadFirst
                } else {
                    start = Int(offsets[u]); end = Int(offsets[u + 1]); next = hops[u] &+ 1
                    first = start < end ? Int(targets[start]) : 0
                }
                let su = sigma[u]
                if head &+ 1 < settled {
                    ahead = Int(order[head &+ 1])
                    aheadStart = Int(offsets[ahead]); aheadEnd = Int(offsets[ahead &+ 1]); aheadHops = hops[ahead]
                    aheadFirst = aheadStart < aheadEnd ? Int(targets[aheadStart]) : 0
                }
                @inline(__always) func visit(_ v: Int) {
                    let hv = hops[v]
                    if hv < 0 {
                        hops[v] = next
                        order[settled] = Int32(truncatingIfNeeded: v); settled &+= 1
                        sigma[v] = su
                        if record { successors[recorded] = Int32(truncatingIfNeeded: v); recorded &+= 1 }
                    } else if hv == next {
                        sigma[v] += su
                        if record { successors[recorded] = Int32(truncatingIfNeeded: v); recorded &+= 1 }
                    }
                }
                if start < end {
                    if live(start) { visit(first) }
                    for k in (start &+ 1)..<end where live(k) { visit(Int(targets[k])) }
                }
                if record { successorEnd[head] = Int32(recorded) }
                head += 1
            }
        } else {
            // Dijkstra, counting shortest paths; hops[] = 0 marks a settled node.
            let tie = Self.tie
            heap.removeAll()
            distance[s] = 0
            sigma[s] = 1
            heap.push(0, s)
            while let (d, u) = heap.pop() {
                if hops[u] == 0 || d > distance[u] { continue }
                hops[u] = 0
                order[settled] = Int32(u); settled += 1
                let su = sigma[u]
                for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                    let v = Int(targets[k])
                    let nd = d + 1 / weights[k]
                    let dv = distance[v]
                    if dv == .infinity || nd < dv - tie * dv {
                        distance[v] = nd
                        sigma[v] = su
                        heap.push(nd, v)
                    } else if nd <= dv + tie * dv && hops[v] != 0 {
                        sigma[v] += su
                    }
                }
            }
        }
        self.settled = settled
    }

    /// Clears the scratch of the nodes the last forward pass reached. Only the marks of
    /// reaching need it: σ is set when a node is first reached and δ when it is done, before
    /// either is read.
    @inline(__always)
    private func reset() {
        for i in 0..<settled {
            let w = Int(order[i])
            hops[w] = -1
            if weighted { distance[w] = .infinity }
        }
        settled = 0
    }

    /// Node betweenness: adds the dependency of every other node on each source in `sources`
    /// into `total` (with `endpoints`, also the reached nodes and, for the source, their count).
    func accumulateNodes(_ network: Network, sources: Range<Int>, endpoints: Bool,
                         into total: UnsafeMutableBufferPointer<Double>) {
        let weightArray = network.weights ?? []
        let weighted = self.weighted
        if !weighted && successors.count < network.storedEdgeCount {
            successors.deallocate()
            successors = .allocate(capacity: network.storedEdgeCount)
            successors.initialize(repeating: 0)
        }
        let sigma = self.sigma, hops = self.hops, order = self.order, distance = self.distance
        let successors = self.successors, successorEnd = self.successorEnd
        let tie = Self.tie
        network.outOffsets.withUnsafeBufferPointer { offsets in
        network.targets.withUnsafeBufferPointer { targets in
        weightArray.withUnsafeBufferPointer { weights in
            for s in sources {
                if weighted {
                    forward(s, offsets: offsets, targets: targets, weights: weights, record: false) { _ in true }
                } else {
                    forward(s, offsets: offsets, targets: targets, weights: weights, record: true) { _ in true }
                }
                // Backward: δ(u) = σ(u) Σ (1 + δ(v)) / σ(v) over the DAG successors v; each
                // node's (1 + δ) / σ replaces its σ once it is done, and its δ is added.
                var i = settled - 1
                while i >= 0 {
                    let u = Int(order[i])
                    var d = 0.0
                    if !weighted {
                        let first = i == 0 ? 0 : Int(successorEnd[i - 1])
                        for k in first..<Int(successorEnd[i]) { d += sigma[Int(successors[k])] }
                    } else {
                        let du = distance[u]
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            let dv = distance[v], nd = du + 1 / weights[k]
                            if abs(nd - dv) <= tie * dv && hops[v] == 0 { d += sigma[v] }
                        }
                    }
                    let su = sigma[u]
                    let dependency = su * d
                    if u != s { total[u] += endpoints ? dependency + 1 : dependency }
                    // σ(u) is not read again once u is done: its (1 + δ) / σ takes its place.
                    sigma[u] = (1 + dependency) / su
                    i -= 1
                }
                if endpoints { total[s] += Double(settled - 1) }
                reset()
            }
        }}}
    }

    /// Edge betweenness: adds, for every stored edge u → v, the dependency of source `s` on it
    /// (the paths from s that walk u → v) into `total[edge]`. `alive`, when given, masks out
    /// removed edges (Girvan–Newman).
    func accumulateEdges(_ network: Network, from s: Int, alive: UnsafeBufferPointer<Bool>?,
                         into total: UnsafeMutableBufferPointer<Double>) {
        let weightArray = network.weights ?? []
        let weighted = self.weighted
        let sigma = self.sigma, delta = self.delta, hops = self.hops, order = self.order, distance = self.distance
        let tie = Self.tie
        network.outOffsets.withUnsafeBufferPointer { offsets in
        network.targets.withUnsafeBufferPointer { targets in
        weightArray.withUnsafeBufferPointer { weights in
            @inline(__always) func live(_ k: Int) -> Bool { alive.map { $0[k] } ?? true }
            forward(s, offsets: offsets, targets: targets, weights: weights, record: false, live: live)
            var i = settled - 1
            while i >= 0 {
                let u = Int(order[i])
                let su = sigma[u]
                var d = 0.0
                if !weighted {
                    let next = hops[u] + 1
                    for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                        let v = Int(targets[k])
                        if hops[v] == next {
                            let c = su * (1 + delta[v]) / sigma[v]
                            total[k] += c
                            d += c
                        }
                    }
                } else {
                    let du = distance[u]
                    for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                        let v = Int(targets[k])
                        let dv = distance[v], nd = du + 1 / weights[k]
                        if abs(nd - dv) <= tie * dv && hops[v] == 0 && v != s {
                            let c = su * (1 + delta[v]) / sigma[v]
                            total[k] += c
                            d += c
                        }
                    }
                }
                delta[u] = d
                i -= 1
            }
            reset()
        }}}
    }
}
