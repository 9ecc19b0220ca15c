/// A partition of a network's nodes into numbered groups (communities, blocs).
///
/// Canonical numbering: groups are numbered `0..<count` in order of their smallest node, so two
/// partitions that group the nodes alike are equal (`==`) whatever labels produced them, and a
/// result never depends on how an algorithm happened to number its groups.
public struct Partition: Sendable, Hashable {
    /// The group of each node, in `0..<count`.
    public let membership: [Int32]
    /// The number of groups (non-empty by construction).
    public let count: Int

    /// Renumbers `labels` canonically: any Int32 labels, one per node; equal labels, one group.
    ///
    /// - Complexity: O(n + largest label) time and space when the labels are non-negative and
    ///   below 4n; O(n log n) otherwise.
    public init(labels: [Int32]) {
        let n = labels.count
        var membership = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        if labels.allSatisfy({ $0 >= 0 && Int($0) < 4 * max(n, 1) }) {
            var map = [Int32](repeating: -1, count: 4 * max(n, 1))
            for i in 0..<n {
                let l = Int(labels[i])
                if map[l] < 0 { map[l] = next; next += 1 }
                membership[i] = map[l]
            }
        } else {
            var map: [Int32: Int32] = [:]
            for i in 0..<n {
                if let m = map[labels[i]] { membership[i] = m } else {
                    map[labels[i]] = next; membership[i] = next; next += 1
                }
            }
        }
        self.membership = membership
        self.count = Int(next)
    }

    /// The nodes of each group, each list in increasing order.
    ///
    /// - Complexity: O(n).
    public var groups: [[Int32]] {
        var groups = [[Int32]](repeating: [], count: count)
        for (i, g) in membership.enumerated() { groups[Int(g)].append(Int32(i)) }
        return groups
    }

    /// The size of each group.
    public var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: count)
        for g in membership { sizes[Int(g)] += 1 }
        return sizes
    }
}
