/// Which edges a traversal follows from a node.
public enum EdgeDirection: Sendable, Hashable {
    /// Out-edges: from a node to its successors.
    case outgoing
    /// In-edges, walked backwards: from a node to its predecessors.
    case incoming
}

extension Network {
    /// The number of edges from `source` on a shortest path to each node, or −1 where there is no
    /// path. Breadth-first search.
    ///
    /// - Complexity: O(V + E).
    public func hopDistances(from source: Int, direction: EdgeDirection = .outgoing) -> [Int32] {
        let (offsets, adjacency) = direction == .outgoing ? (outOffsets, targets) : (inOffsets, inSources)
        var distance = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        distance[source] = 0
        queue[0] = Int32(source)
        var head = 0, tail = 1
        while head < tail {
            let u = Int(queue[head]); head += 1
            let d = distance[u] + 1
            for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                let v = Int(adjacency[k])
                if distance[v] < 0 { distance[v] = d; queue[tail] = Int32(v); tail += 1 }
            }
        }
        return distance
    }

    /// The length of a shortest path from `source` to each node, with an edge's length
    /// `1 / weight` (weight read as strength), or `.infinity` where there is no path. Dijkstra's
    /// algorithm with a binary heap (Dijkstra 1959).
    ///
    /// - Complexity: O((V + E) log V).
    public func distances(from source: Int, direction: EdgeDirection = .outgoing) -> [Double] {
        var distance = [Double](repeating: .infinity, count: nodeCount)
        var heap = DistanceHeap()
        distance[source] = 0
        heap.push(0, source)
        let (offsets, adjacency) = direction == .outgoing ? (outOffsets, targets) : (inOffsets, inSources)
        while let (d, u) = heap.pop() {
            if d > distance[u] { continue }
            for k in Int(offsets[u])..<Int(offsets[u + 1]) {
                let e = direction == .outgoing ? k : inEdge(k)
                let v = Int(adjacency[k])
                let nd = d + 1 / weight(e)
                if nd < distance[v] { distance[v] = nd; heap.push(nd, v) }
            }
        }
        return distance
    }

    /// The weakly connected components: a component number for each node, numbered by their
    /// smallest node, and the number of components.
    ///
    /// - Complexity: O(V + E), by breadth-first search over out- and in-edges.
    public func weakComponents() -> (component: [Int32], count: Int) {
        var component = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var count: Int32 = 0
        for start in 0..<nodeCount where component[start] < 0 {
            component[start] = count
            queue[0] = Int32(start)
            var head = 0, tail = 1
            while head < tail {
                let u = Int(queue[head]); head += 1
                for k in Int(outOffsets[u])..<Int(outOffsets[u + 1]) {
                    let v = Int(targets[k])
                    if component[v] < 0 { component[v] = count; queue[tail] = Int32(v); tail += 1 }
                }
                if isDirected {
                    for k in Int(inOffsets[u])..<Int(inOffsets[u + 1]) {
                        let v = Int(inSources[k])
                        if component[v] < 0 { component[v] = count; queue[tail] = Int32(v); tail += 1 }
                    }
                }
            }
            count += 1
        }
        return (component, Int(count))
    }

    /// The strongly connected components (Tarjan 1972, iterative): a component number for each
    /// node, and the number of components. Components are numbered in the order Tarjan's
    /// algorithm completes them (a sink component first). For an undirected network they are the
    /// connected components.
    ///
    /// - Complexity: O(V + E), without recursion.
    public func strongComponents() -> (component: [Int32], count: Int) {
        let n = nodeCount
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        var callStack: [(node: Int32, edge: Int32)] = []
        var nextIndex: Int32 = 0
        var count: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            callStack.append((Int32(root), outOffsets[root]))
            index[root] = nextIndex; low[root] = nextIndex; nextIndex += 1
            stack.append(Int32(root))
            while let frame = callStack.last {
                let u = Int(frame.node)
                let k = Int(frame.edge)
                if k < Int(outOffsets[u + 1]) {
                    callStack[callStack.count - 1].edge += 1
                    let v = Int(targets[k])
                    if index[v] < 0 {
                        index[v] = nextIndex; low[v] = nextIndex; nextIndex += 1
                        stack.append(Int32(v))
                        callStack.append((Int32(v), outOffsets[v]))
                    } else if component[v] < 0 {
                        low[u] = min(low[u], index[v])
                    }
                } else {
                    callStack.removeLast()
                    if let parent = callStack.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[u]) }
                    if low[u] == index[u] {
                        while let w = stack.popLast() {
                            component[Int(w)] = count
                            if Int(w) == u { break }
                        }
                        count += 1
                    }
                }
            }
        }
        return (component, Int(count))
    }
}

/// A binary min-heap of (distance, node) pairs, with lazy deletion: a node may be pushed several
/// times, and the stale entries are skipped by the caller.
struct DistanceHeap {
    private var keys: [Double] = []
    private var nodes: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func push(_ key: Double, _ node: Int) {
        keys.append(key); nodes.append(Int32(node))
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if keys[parent] < key || (keys[parent] == key && nodes[parent] <= Int32(node)) { break }
            keys[i] = keys[parent]; nodes[i] = nodes[parent]
            i = parent
        }
        keys[i] = key; nodes[i] = Int32(node)
    }

    mutating func pop() -> (Double, Int)? {
        guard let topKey = keys.first else { return nil }
        let topNode = Int(nodes[0])
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        if !keys.isEmpty {
            var i = 0
            let n = keys.count
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && (keys[child + 1] < keys[child] || (keys[child + 1] == keys[child] && nodes[child + 1] < nodes[child])) {
                    child += 1
                }
                if lastKey < keys[child] || (lastKey == keys[child] && lastNode <= nodes[child]) { break }
                keys[i] = keys[child]; nodes[i] = nodes[child]
                i = child
            }
            keys[i] = lastKey; nodes[i] = lastNode
        }
        return (topKey, topNode)
    }

    mutating func removeAll() { keys.removeAll(keepingCapacity: true); nodes.removeAll(keepingCapacity: true) }
}
