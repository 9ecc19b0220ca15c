/// Brandes's algorithm one source at a time: the single forward pass (breadth-first search, or
/// Dijkstra when weighted, counting shortest paths) that node betweenness, edge betweenness and
/// Girvan–Newman share, and the two backward passes that turn it into dependencies. The unsafe
/// buffer code of the betweenness measures lives here.
///
/// The forward pass records the order nodes are settled in; a backward pass walks that order
/// in reverse and gives each node its dependency from the out-neighbours that lie one step
/// further on a shortest path (the distance test), so no predecessor lists are built.
///
/// - Complexity: O(V + E) per source unweighted, O((V + E) log V) weighted; O(V) scratch.
final class BrandesKernel {
    /// Weighted path lengths within this relative difference are equal: 1/3 + 1/6 and 1/2 differ
    /// in the last bit as doubles, but are the same length.
    static let tie = 1e-10

    let nodeCount: Int
    let weighted: Bool
    /// σ: shortest paths from the source.
    private let sigma: UnsafeMutableBufferPointer<Double>
    /// δ during a backward pass; for node betweenness, once a node is done, (1 + δ) / σ.
    private let delta: UnsafeMutableBufferPointer<Double>
    /// Hops from the source, −1 when not reached; weighted: 0 marks a settled node.
    private let hops: UnsafeMutableBufferPointer<Int32>
    private let distance: UnsafeMutableBufferPointer<Double>
    /// The nodes in the order they were settled; `settled` of them.
    private let order: UnsafeMutableBufferPointer<Int32>
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
    }

    deinit {
        sigma.deallocate(); delta.deallocate(); hops.deallocate(); distance.deallocate(); order.deallocate()
    }

    /// The forward pass from `s` over the edges `live` admits: fills σ, the hops (or distances)
    /// and the settling order.
    @inline(__always)
    private func forward(_ s: Int, offsets: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>,
                         weights: UnsafeBufferPointer<Double>, live: (Int) -> Bool) {
        let sigma = self.sigma, hops = self.hops, order = self.order, distance = self.distance
        var settled = 0
        if !weighted {
            // Breadth-first search; `order` is the queue.
            hops[s] = 0; sigma[s] = 1
            order[0] = Int32(s)
            settled = 1
            var head = 0
            while head < settled {
                let u = Int(order[head]); head += 1
                let next = hops[u] + 1
                let su = sigma[u]
                for k in Int(offsets[u])..<Int(offsets[u + 1]) where live(k) {
                    let v = Int(targets[k])
                    let hv = hops[v]
                    if hv < 0 {
                        hops[v] = next
                        order[settled] = Int32(v); settled += 1
                        sigma[v] = su
                    } else if hv == next {
                        sigma[v] += su
                    }
                }
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

    /// Clears the scratch of the nodes the last forward pass reached.
    @inline(__always)
    private func reset() {
        for i in 0..<settled {
            let w = Int(order[i])
            sigma[w] = 0; delta[w] = 0; hops[w] = -1
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
        let sigma = self.sigma, delta = self.delta, hops = self.hops, order = self.order, distance = self.distance
        let tie = Self.tie
        network.outOffsets.withUnsafeBufferPointer { offsets in
        network.targets.withUnsafeBufferPointer { targets in
        weightArray.withUnsafeBufferPointer { weights in
            for s in sources {
                forward(s, offsets: offsets, targets: targets, weights: weights) { _ in true }
                // Backward: δ(u) = σ(u) Σ (1 + δ(v)) / σ(v) over the DAG successors v; each
                // node's (1 + δ) / σ is kept in `delta` once it is done, and its δ added.
                var i = settled - 1
                while i >= 0 {
                    let u = Int(order[i])
                    var d = 0.0
                    if !weighted {
                        let next = hops[u] + 1
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            if hops[v] == next { d += delta[v] }
                        }
                    } else {
                        let du = distance[u]
                        for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                            let v = Int(targets[k])
                            let dv = distance[v], nd = du + 1 / weights[k]
                            if abs(nd - dv) <= tie * dv && hops[v] == 0 { d += delta[v] }
                        }
                    }
                    let dependency = sigma[u] * d
                    if u != s { total[u] += endpoints ? dependency + 1 : dependency }
                    delta[u] = (1 + dependency) / sigma[u]
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
            forward(s, offsets: offsets, targets: targets, weights: weights, live: live)
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
