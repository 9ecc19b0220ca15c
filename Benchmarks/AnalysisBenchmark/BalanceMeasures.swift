// Structural balance measures for AnalysisBenchmark (balance branch): kept in their own file so
// main.swift needs one call only.
import Dispatch
import NetworkAnalysis

/// The `balance` (Doreian–Mrvar, k = 2, α = 0.5) and `frustration` (line index of balance)
/// measures on the signed undirected view of `g` (u→v and v→u are two ties of one pair), each
/// as (measure, runs in seconds, note with error, certified lower bound and method).
func balanceMeasures(_ g: Network, threads: Int, repeats: Int) -> [(String, [Double], String)] {
    func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    var signed: SignedNetwork!
    let buildSeconds = time { signed = SignedNetwork(g) }
    let options = BalanceSearchOptions(seed: 1, restarts: 32, threads: threads)
    let runs = g.nodeCount > 5000 ? 1 : repeats
    func describe(_ r: BalanceResult) -> String {
        let gap = r.error > 0 ? (r.error - r.lowerBound) / r.error * 100 : 0
        return String(format: "error=%.6g lowerBound=%.6g gap=%.1f%% blocs=%d frustrated=%d optimal=%@; %@",
                      r.error, r.lowerBound, gap, r.partition.count, r.frustrated.count,
                      r.optimal ? "yes" : "no", r.method)
    }
    var measures: [(String, [Double], String)] = []
    var balance: BalanceResult!
    let balanceRuns = (0..<runs).map { _ in time { balance = signed.balancePartition(k: 2, alpha: 0.5, options: options) } }
    measures.append(("balance", balanceRuns,
                     "k 2, alpha 0.5, \(signed.pairCount) pairs (signed view built in \(String(format: "%.3f", buildSeconds)) s); \(describe(balance))"))
    var frustration: BalanceResult!
    let frustrationRuns = (0..<runs).map { _ in time { frustration = signed.frustrationIndex(options: options) } }
    let w = signed.totalPositive + signed.totalNegative
    measures.append(("frustration", frustrationRuns,
                     String(format: "normalised balance %.4f; ", frustration.normalizedBalance(totalWeight: w)) + describe(frustration)))
    return measures
}
