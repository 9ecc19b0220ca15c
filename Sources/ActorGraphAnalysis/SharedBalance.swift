import ActorGraphModel
import NetworkAnalysis

/// The factions, fissures and frustration index of one projection, from as few balance searches
/// as their options allow.
struct _SharedAnalysis {
    var factions: FactionReport
    var fissures: FissureReport
    /// The k-bloc balance partition the fissures (and, when shared, the factions) rest on.
    var partition: BalanceResult
    /// The frustration index of the ties.
    var frustration: BalanceResult
}

/// A warm start for ``ActorGraph/_sharedAnalysis(factions:fissures:ties:start:)``: the blocs of a
/// similar projection, by actor id, and a lower bound certified for this one.
struct _WarmStart {
    var bloc: [String: Int32]
    var lowerBound: Double?
}

extension ActorGraph {
    /// Whether factions with `f` and fissures with `s` search the same balance partition, so one
    /// search serves both: the balance method (or the default on signed ties), the same k, α and
    /// search options.
    static func _sharesPartition(_ f: FactionOptions, _ s: FissureOptions, negativeTies: Int) -> Bool {
        let method = f.method ?? (negativeTies > 0 ? .balance : .louvain)
        return method == .balance && f.k == s.k && f.alpha == s.alpha && f.search == s.search
    }

    /// Factions (`f`) and fissures (`s`) of `ties`: one balance search serves both when they
    /// search alike, and the frustration index is read off it with two blocs and α = 0.5 (else
    /// searched once). With `start`, the balance partition is re-optimised from it instead of
    /// searched from restarts (``/NetworkAnalysis/SignedNetwork/balancePartition(k:alpha:from:knownLowerBound:options:)``).
    func _sharedAnalysis(factions f: FactionOptions, fissures s: FissureOptions, ties: SignedTies,
                         start: _WarmStart? = nil, evidence: Int? = nil) throws -> _SharedAnalysis {
        let net = ties.network
        let k = max(1, min(s.k, ties.actorIDs.count))
        let partition: BalanceResult
        if let start, ties.actorIDs.count > 0 {
            let labels = ties.actorIDs.map { start.bloc[$0] ?? -1 }
            partition = net.balancePartition(k: k, alpha: s.alpha, from: labels, knownLowerBound: start.lowerBound,
                                             options: s.search)
        } else {
            partition = net.balancePartition(k: k, alpha: s.alpha, options: s.search)
        }
        let frustration = net.frustrationIndex(fromBalance: partition) ?? net.frustrationIndex(options: s.search)
        let shared = Self._sharesPartition(f, s, negativeTies: ties.signs.filter { $0 < 0 }.count)
        let factionReport = try factions(f, ties: ties, balance: shared ? partition : nil)
        let fissureReport = try fissures(s, ties: ties, frustration: frustration, partition: partition, evidence: evidence)
        return _SharedAnalysis(factions: factionReport, fissures: fissureReport, partition: partition, frustration: frustration)
    }
}
