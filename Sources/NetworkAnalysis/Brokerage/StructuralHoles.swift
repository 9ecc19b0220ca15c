import Foundation

/// Burt's structural-hole measures of every node's ego network: constraint, effective size,
/// efficiency and hierarchy. Each array is indexed like the network.
///
/// A node's *contacts* are its neighbours, in either direction when the network is directed.
/// The *mutual weight* of two contacts is the sum of the weights of the edges joining them, both
/// directions when directed; p_ij is i's mutual weight with j divided by the sum of i's mutual
/// weights. Isolated nodes have no ego network: every measure is NaN for them (as networkx).
public struct StructuralHoles: Sendable, Equatable {
    /// Burt's aggregate constraint C_i = Σ_j c_ij over i's contacts j, with the local constraint
    /// c_ij = (p_ij + Σ_q p_iq p_qj)²; as `networkx.constraint`. NaN for isolated nodes.
    public var constraint: [Double]
    /// Burt's effective size Σ_j (1 − Σ_q p_iq m_jq), where m_jq is j's mutual weight with q
    /// divided by j's largest mutual weight; as `networkx.effective_size`. For an unweighted
    /// undirected network this is Borgatti's n − 2t/n. NaN for isolated nodes.
    public var effectiveSize: [Double]
    /// Effective size divided by the number of contacts. NaN for isolated nodes.
    public var efficiency: [Double]
    /// Burt's (1992) hierarchy: Σ_j r_j ln r_j / (N ln N) with r_j = c_ij / (C_i / N) and N the
    /// number of contacts; 0 for every constraint equal. 0 when N = 1 (N ln N is 0 and a single
    /// contact holds all the constraint); NaN for isolated nodes.
    public var hierarchy: [Double]

    /// Creates a result from its four arrays, each indexed like the network.
    public init(constraint: [Double], effectiveSize: [Double], efficiency: [Double], hierarchy: [Double]) {
        self.constraint = constraint
        self.effectiveSize = effectiveSize
        self.efficiency = efficiency
        self.hierarchy = hierarchy
    }

    /// Equal when every number is equal, a NaN matching a NaN (NaN != NaN would make a result
    /// unequal to itself).
    public static func == (a: StructuralHoles, b: StructuralHoles) -> Bool {
        func same(_ x: [Double], _ y: [Double]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        }
        return same(a.constraint, b.constraint) && same(a.effectiveSize, b.effectiveSize)
            && same(a.efficiency, b.efficiency) && same(a.hierarchy, b.hierarchy)
    }
}

extension Network {
    /// Computes Burt's structural-hole measures (constraint, effective size, efficiency,
    /// hierarchy) for every node.
    ///
    /// Contacts, mutual weights and normalisations are networkx's (`constraint`,
    /// `local_constraint`, `effective_size`, `normalized_mutual_weight`): a directed network's
    /// contacts are predecessors ∪ successors and the weights of both directions are summed.
    /// Signs are ignored: a negative tie counts with its strength, like a positive one.
    ///
    /// Effective size follows networkx's documented formula and its per-node code path
    /// (`effective_size(G, nodes=…)`). networkx 3.6.1's default sparse path divides m_jq by q's
    /// largest mutual weight instead of j's, which changes weighted and directed values
    /// (networkx PR #8906); and its per-node path calls a directed node without successors
    /// isolated. Here only a node without any neighbour is isolated (NaN), as in the sparse path.
    ///
    /// - Parameter weighted: Whether to use edge weights (strengths); otherwise every edge is 1.
    /// - Returns: One value per node in each array, NaN for isolated nodes.
    /// - Complexity: O(Σ_v deg(v)²) time, O(V + E) extra space (marker arrays, no hashing).
    ///
    /// Burt, R. S. *Structural Holes: The Social Structure of Competition.* Harvard University
    /// Press, 1992. Borgatti, S. P. "Structural Holes: Unpacking Burt's Redundancy Measures."
    /// Connections 20(1):35–38, 1997.
    public func structuralHoles(weighted: Bool = false) -> StructuralHoles {
        let n = nodeCount
        let contacts = _contacts(weighted: weighted)
        let offsets = contacts.offsets, nbr = contacts.neighbors, mw = contacts.mutual
        // Each node's total and largest mutual weight.
        var total = [Double](repeating: 0, count: n)
        var largest = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var s = 0.0, m = 0.0
            for k in offsets[i]..<offsets[i + 1] { s += mw[k]; m = max(m, mw[k]) }
            total[i] = s; largest[i] = m
        }
        var constraint = [Double](repeating: .nan, count: n)
        var effective = [Double](repeating: .nan, count: n)
        var efficiency = [Double](repeating: .nan, count: n)
        var hierarchy = [Double](repeating: .nan, count: n)
        // mark[j] == i + 1 when j is a contact of i; acc[j] then accumulates p_ij + Σ_q p_iq p_qj.
        var mark = [Int](repeating: 0, count: n)
        var acc = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let lo = offsets[i], hi = offsets[i + 1]
            guard hi > lo else { continue }
            let s = total[i]
            for k in lo..<hi {
                let j = Int(nbr[k])
                mark[j] = i + 1
                acc[j] = mw[k] / s
            }
            var redundancy = 0.0
            for k in lo..<hi {
                let q = Int(nbr[k])
                let piq = mw[k] / s
                let sq = total[q]
                var viaQ = 0.0  // Σ_j over i's contacts j of m_jq
                for l in offsets[q]..<offsets[q + 1] {
                    let j = Int(nbr[l])
                    guard mark[j] == i + 1 else { continue }
                    acc[j] += piq * (mw[l] / sq)
                    viaQ += mw[l] / largest[j]
                }
                redundancy += piq * viaQ
            }
            let degree = Double(hi - lo)
            var c = 0.0
            for k in lo..<hi { let a = acc[Int(nbr[k])]; c += a * a }
            constraint[i] = c
            effective[i] = degree - redundancy
            efficiency[i] = effective[i] / degree
            if hi - lo <= 1 {
                hierarchy[i] = 0
            } else {
                var h = 0.0
                for k in lo..<hi {
                    let a = acc[Int(nbr[k])]
                    let r = a * a * degree / c
                    if r > 0 { h += r * log(r) }
                }
                hierarchy[i] = h / (degree * log(degree))
            }
        }
        return StructuralHoles(constraint: constraint, effectiveSize: effective, efficiency: efficiency, hierarchy: hierarchy)
    }

    /// Each node's distinct contacts (in- and out-neighbours), sorted, with the mutual weight:
    /// the sum of both directions when directed. For an undirected network the mutual weight is
    /// the edge weight (networkx's doubled weight, which every ratio cancels exactly).
    func _contacts(weighted: Bool) -> (offsets: [Int], neighbors: [Int32], mutual: [Double]) {
        let n = nodeCount
        var offsets = [Int](repeating: 0, count: n + 1)
        guard isDirected else {
            for i in 0...n { offsets[i] = Int(outOffsets[i]) }
            let mutual = weighted && weights != nil ? weights! : [Double](repeating: 1, count: targets.count)
            return (offsets, targets, mutual)
        }
        var neighbors: [Int32] = []
        var mutual: [Double] = []
        neighbors.reserveCapacity(targets.count * 2)
        mutual.reserveCapacity(targets.count * 2)
        for i in 0..<n {
            var a = Int(outOffsets[i]), b = Int(inOffsets[i])
            let aEnd = Int(outOffsets[i + 1]), bEnd = Int(inOffsets[i + 1])
            while a < aEnd || b < bEnd {
                let ta = a < aEnd ? targets[a] : Int32.max
                let tb = b < bEnd ? inSources[b] : Int32.max
                if ta == tb {
                    neighbors.append(ta)
                    mutual.append(weighted ? weight(a) + weight(inEdge(b)) : 2)
                    a += 1; b += 1
                } else if ta < tb {
                    neighbors.append(ta)
                    mutual.append(weighted ? weight(a) : 1)
                    a += 1
                } else {
                    neighbors.append(tb)
                    mutual.append(weighted ? weight(inEdge(b)) : 1)
                    b += 1
                }
            }
            offsets[i + 1] = neighbors.count
        }
        return (offsets, neighbors, mutual)
    }
}

