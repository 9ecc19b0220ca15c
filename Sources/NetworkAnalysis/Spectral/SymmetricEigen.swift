/// Dense and sparse symmetric eigensolvers for the spectral methods. Internal.
///
/// Dense: Householder reduction to tridiagonal form and the implicit QL algorithm (the EISPACK
/// `tred2` / `tql2` pair, as in JAMA), all eigenpairs, O(n³). Sparse: Lanczos with full
/// reorthogonalisation and thick restarts (Wu & Simon 2000, "Thick-restart Lanczos method for
/// large symmetric eigenvalue problems", SIAM J. Matrix Anal. Appl. 22(2)), for the largest
/// eigenpair of an operator given by its matrix–vector product.
enum _SymmetricEigen {
    /// All eigenvalues (ascending) and unit eigenvectors (column j of the row-major `vectors`)
    /// of the symmetric n × n row-major matrix `a`.
    ///
    /// - Complexity: O(n³) time, O(n²) space.
    static func dense(_ a: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        precondition(a.count == n * n, "a symmetric matrix has n² entries")
        if n == 0 { return ([], []) }
        var v = a
        var d = [Double](repeating: 0, count: n)
        var e = [Double](repeating: 0, count: n)
        v.withUnsafeMutableBufferPointer { V in
        d.withUnsafeMutableBufferPointer { d in
        e.withUnsafeMutableBufferPointer { e in
            tridiagonalize(V, d, e, n)
            ql(V, d, e, n)
        }}}
        return (d, v)
    }

    /// Householder reduction (`tred2`): on return `d` is the diagonal, `e` the subdiagonal
    /// (in `e[1...]`) and `V` the accumulated orthogonal transformation.
    private static func tridiagonalize(_ V: UnsafeMutableBufferPointer<Double>, _ d: UnsafeMutableBufferPointer<Double>,
                                       _ e: UnsafeMutableBufferPointer<Double>, _ n: Int) {
        @inline(__always) func at(_ i: Int, _ j: Int) -> Int { i * n + j }
        for j in 0..<n { d[j] = V[at(n - 1, j)] }
        var i = n - 1
        while i > 0 {
            var scale = 0.0, h = 0.0
            for k in 0..<i { scale += abs(d[k]) }
            if scale == 0 {
                e[i] = d[i - 1]
                for j in 0..<i { d[j] = V[at(i - 1, j)]; V[at(i, j)] = 0; V[at(j, i)] = 0 }
            } else {
                for k in 0..<i { d[k] /= scale; h += d[k] * d[k] }
                var f = d[i - 1]
                var g = h.squareRoot()
                if f > 0 { g = -g }
                e[i] = scale * g
                h -= f * g
                d[i - 1] = f - g
                for j in 0..<i { e[j] = 0 }
                for j in 0..<i {
                    f = d[j]
                    V[at(j, i)] = f
                    g = e[j] + V[at(j, j)] * f
                    var k = j + 1
                    while k < i {
                        g += V[at(k, j)] * d[k]
                        e[k] += V[at(k, j)] * f
                        k += 1
                    }
                    e[j] = g
                }
                f = 0
                for j in 0..<i { e[j] /= h; f += e[j] * d[j] }
                let hh = f / (h + h)
                for j in 0..<i { e[j] -= hh * d[j] }
                for j in 0..<i {
                    f = d[j]; g = e[j]
                    for k in j..<i { V[at(k, j)] -= f * e[k] + g * d[k] }
                    d[j] = V[at(i - 1, j)]
                    V[at(i, j)] = 0
                }
            }
            d[i] = h
            i -= 1
        }
        for i in 0..<(n - 1) {
            V[at(n - 1, i)] = V[at(i, i)]
            V[at(i, i)] = 1
            let h = d[i + 1]
            if h != 0 {
                for k in 0...i { d[k] = V[at(k, i + 1)] / h }
                for j in 0...i {
                    var g = 0.0
                    for k in 0...i { g += V[at(k, i + 1)] * V[at(k, j)] }
                    for k in 0...i { V[at(k, j)] -= g * d[k] }
                }
            }
            for k in 0...i { V[at(k, i + 1)] = 0 }
        }
        for j in 0..<n { d[j] = V[at(n - 1, j)]; V[at(n - 1, j)] = 0 }
        V[at(n - 1, n - 1)] = 1
        e[0] = 0
    }

    /// Implicit QL on the tridiagonal matrix (`tql2`), then sorting ascending.
    private static func ql(_ V: UnsafeMutableBufferPointer<Double>, _ d: UnsafeMutableBufferPointer<Double>,
                           _ e: UnsafeMutableBufferPointer<Double>, _ n: Int) {
        @inline(__always) func at(_ i: Int, _ j: Int) -> Int { i * n + j }
        for i in 1..<max(n, 1) { e[i - 1] = e[i] }
        e[n - 1] = 0
        var f = 0.0, tst1 = 0.0
        let eps = Double.ulpOfOne
        for l in 0..<n {
            tst1 = max(tst1, abs(d[l]) + abs(e[l]))
            var m = l
            while m < n - 1 && abs(e[m]) > eps * tst1 { m += 1 }
            if m > l {
                var iterations = 0
                repeat {
                    iterations += 1
                    var g = d[l]
                    var p = (d[l + 1] - g) / (2 * e[l])
                    var r = (p * p + 1).squareRoot()
                    if p < 0 { r = -r }
                    d[l] = e[l] / (p + r)
                    d[l + 1] = e[l] * (p + r)
                    let dl1 = d[l + 1]
                    var h = g - d[l]
                    var i = l + 2
                    while i < n { d[i] -= h; i += 1 }
                    f += h
                    p = d[m]
                    var c = 1.0, c2 = 1.0, c3 = 1.0
                    let el1 = e[l + 1]
                    var s = 0.0, s2 = 0.0
                    i = m - 1
                    while i >= l {
                        c3 = c2; c2 = c; s2 = s
                        g = c * e[i]
                        h = c * p
                        r = _hypot(p, e[i])
                        e[i + 1] = s * r
                        s = e[i] / r
                        c = p / r
                        p = c * d[i] - s * g
                        d[i + 1] = h + s * (c * g + s * d[i])
                        for k in 0..<n {
                            h = V[at(k, i + 1)]
                            V[at(k, i + 1)] = s * V[at(k, i)] + c * h
                            V[at(k, i)] = c * V[at(k, i)] - s * h
                        }
                        i -= 1
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1
                    e[l] = s * p
                    d[l] = c * p
                } while abs(e[l]) > eps * tst1 && iterations < 100
            }
            d[l] += f
            e[l] = 0
        }
        for i in 0..<(n - 1) {
            var k = i
            var p = d[i]
            for j in (i + 1)..<n where d[j] < p { k = j; p = d[j] }
            if k != i {
                d[k] = d[i]; d[i] = p
                for j in 0..<n { let t = V[at(j, i)]; V[at(j, i)] = V[at(j, k)]; V[at(j, k)] = t }
            }
        }
    }

    /// The largest eigenpair of the symmetric operator `multiply` (y = A x) on the complement of
    /// the orthonormal vectors `locked` (which must be invariant under A), by thick-restart
    /// Lanczos with full reorthogonalisation, from a seeded random start.
    ///
    /// Starts from `initial` (normalised) when given. Stops when the Ritz residual ‖A y − θ y‖ ≤
    /// `tolerance` · `scale` (or, with `accept`, when it accepts the residual and the Ritz values
    /// of the projected matrix, ascending), or after `maxRestarts` restarts (returning the best
    /// Ritz pair found).
    ///
    /// Each new vector is orthogonalised by classical Gram–Schmidt against the whole basis,
    /// twice when the first pass cancels more than 1 − 1/√2 of its norm (the criterion of Daniel,
    /// Gragg, Kaufman & Stewart 1976: "twice is enough"). The vector work runs on `team` (one
    /// thread when nil) in fixed row blocks (one per 2,048 rows, at most 32) whose partial sums
    /// are added in block order, so the result does not depend on the thread count.
    ///
    /// - Complexity: O(restarts · basis · (cost of `multiply` + n · basis)); O(n · basis) space.
    static func largest(n: Int, locked: [[Double]], basis requested: Int = 48, keep requestedKeep: Int = 20,
                        tolerance: Double = 1e-10, scale: Double, maxRestarts: Int = 400, seed: UInt64 = 0x5EC7_8A1,
                        initial: [Double]? = nil, accept: ((_ residual: Double, _ values: [Double]) -> Bool)? = nil,
                        team: _Team? = nil,
                        multiply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)
        -> (value: Double, vector: [Double], converged: Bool) {
        let free = n - locked.count
        precondition(free >= 1, "no room left for an eigenvector")
        let m = max(2, min(requested, free))
        let keep = max(1, min(requestedKeep, m - 1))
        let team = team ?? _Team(threads: 1)
        let blockCount = min(32, max(1, n / 2048))
        let blocks = (0..<blockCount).map { b in (b * n / blockCount)..<((b + 1) * n / blockCount) }
        var V = [Double](repeating: 0, count: n * (m + 1))   // column j at j*n
        var T = [Double](repeating: 0, count: m * m)         // projected matrix, row-major
        var w = [Double](repeating: 0, count: n)
        var h = [Double](repeating: 0, count: m + 1)
        var partials = [Double](repeating: 0, count: blocks.count * (m + 2))
        var ritz = [Double](repeating: 0, count: n * keep)
        var generator = SeededGenerator(seed: seed)
        var best: (value: Double, vector: [Double], converged: Bool) = (0, [], false)

        V.withUnsafeMutableBufferPointer { VBuffer in
        w.withUnsafeMutableBufferPointer { wBuffer in
        partials.withUnsafeMutableBufferPointer { partialBuffer in
        ritz.withUnsafeMutableBufferPointer { ritzBuffer in
            let V = VBuffer, w = wBuffer, partials = partialBuffer, ritz = ritzBuffer
            let stride = m + 2
            func column(_ j: Int) -> UnsafeMutableBufferPointer<Double> {
                UnsafeMutableBufferPointer(rebasing: V[(j * n)..<((j + 1) * n)])
            }
            func removeLocked(_ x: UnsafeMutableBufferPointer<Double>) {
                for q in locked {
                    var s = 0.0
                    for i in 0..<n { s += q[i] * x[i] }
                    for i in 0..<n { x[i] -= s * q[i] }
                }
            }
            /// Σ a[i]·b[i] over `rows`, in four interleaved sums (added in a fixed order).
            func dot(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>, _ rows: Range<Int>) -> Double {
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                var i = rows.lowerBound
                while i + 3 < rows.upperBound {
                    s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; s2 += a[i + 2] * b[i + 2]; s3 += a[i + 3] * b[i + 3]
                    i += 4
                }
                while i < rows.upperBound { s0 += a[i] * b[i]; i += 1 }
                return (s0 + s1) + (s2 + s3)
            }
            /// The sum of slot `slot` of the per-block partials, in block order.
            func total(_ slot: Int) -> Double {
                var s = 0.0
                for b in 0..<blocks.count { s += partials[b * stride + slot] }
                return s
            }
            /// One classical Gram–Schmidt pass of x against `columns`: adds the coefficients
            /// into h; returns ‖x‖ before and after.
            func project(_ x: UnsafeMutableBufferPointer<Double>, against columns: Range<Int>,
                         into h: inout [Double]) -> (before: Double, after: Double) {
                let count = columns.count, first = columns.lowerBound
                // The coefficients ⟨V_j, x⟩ and ‖x‖², from per-block partial sums.
                team.run(blocks: blocks.count) { b in
                    let rows = blocks[b]
                    for j in 0..<count { partials[b * stride + j] = dot(column(first + j), x, rows) }
                    partials[b * stride + count] = dot(x, x, rows)
                }
                var coefficients = [Double](repeating: 0, count: count)
                for j in 0..<count { coefficients[j] = total(j); h[first + j] += coefficients[j] }
                let before = total(count).squareRoot()
                // x ← x − Σ_j c_j V_j, and the new ‖x‖².
                coefficients.withUnsafeBufferPointer { c in
                    team.run(blocks: blocks.count) { b in
                        let rows = blocks[b]
                        for j in 0..<count {
                            let cj = c[j], v = column(first + j)
                            for i in rows { x[i] -= cj * v[i] }
                        }
                        partials[b * stride + count] = dot(x, x, rows)
                    }
                }
                return (before, total(count).squareRoot())
            }
            /// Orthogonalises x against columns 0..<count and the locked vectors; adds the
            /// coefficients into h; returns the remaining norm. A second pass runs when the first
            /// cancels more than 1 − 1/√2 of the norm, which in Lanczos is nearly always.
            func orthogonalize(_ x: UnsafeMutableBufferPointer<Double>, against count: Int, into h: inout [Double]) -> Double {
                removeLocked(x)
                var (before, norm) = project(x, against: 0..<count, into: &h)
                if norm < before * 0.70710678118654752 {
                    removeLocked(x)
                    (before, norm) = project(x, against: 0..<count, into: &h)
                }
                return norm
            }
            /// y ← x / d over all rows.
            func divide(_ x: UnsafeMutableBufferPointer<Double>, by d: Double, into y: UnsafeMutableBufferPointer<Double>) {
                team.run(blocks: blocks.count) { b in for i in blocks[b] { y[i] = x[i] / d } }
            }
            /// A fresh random unit vector orthogonal to columns 0..<count, into column `count`.
            func randomStart(_ count: Int) {
                let c = column(count)
                var scratch = [Double](repeating: 0, count: m + 1)
                for _ in 0..<10 {
                    for i in 0..<n { c[i] = Double.random(in: -1...1, using: &generator) }
                    let norm = orthogonalize(c, against: count, into: &scratch)
                    if norm > 1e-8 { for i in 0..<n { c[i] /= norm }; return }
                }
            }

            if let initial, initial.count == n {
                let c = column(0)
                for i in 0..<n { c[i] = initial[i] }
                var scratch = [Double](repeating: 0, count: m + 1)
                let norm = orthogonalize(c, against: 0, into: &scratch)
                if norm > 1e-8 { for i in 0..<n { c[i] /= norm } } else { randomStart(0) }
            } else {
                randomStart(0)
            }
            var start = 0          // columns 0..<start are kept Ritz vectors (T diagonal there)
            for _ in 0...maxRestarts {
                var size = m
                var beta = 0.0
                var j = start
                while j < m {
                    multiply(UnsafeBufferPointer(column(j)), w)
                    for i in 0..<(m + 1) { h[i] = 0 }
                    beta = orthogonalize(w, against: j + 1, into: &h)
                    for i in 0...j { T[i * m + j] = h[i]; T[j * m + i] = h[i] }
                    let next = column(j + 1)
                    if beta <= 1e-12 * scale || j + 1 >= free {
                        // An invariant subspace: the Ritz values are exact.
                        size = j + 1
                        beta = 0
                        break
                    }
                    divide(w, by: beta, into: next)
                    // Between restarts, stop as soon as the Ritz pair is good enough. The check
                    // solves the projected matrix (at most m × m, O(m³)): worth it only when the
                    // vectors are long enough for a product to cost more.
                    if j > start && j + 1 < m && n >= 16 * m * m {
                        let k = j + 1
                        var t = [Double](repeating: 0, count: k * k)
                        for r in 0..<k { for c in 0..<k { t[r * k + c] = T[r * m + c] } }
                        let (values, vectors) = dense(t, n: k)
                        let residual = abs(beta * vectors[(k - 1) * k + (k - 1)])
                        if accept.map({ $0(residual, values) }) ?? (residual <= tolerance * scale) {
                            size = k
                            break
                        }
                    }
                    j += 1
                }
                // Eigenpairs of the projected matrix, largest first.
                var t = [Double](repeating: 0, count: size * size)
                for r in 0..<size { for c in 0..<size { t[r * size + c] = T[r * m + c] } }
                let (values, vectors) = dense(t, n: size)
                let top = size - 1
                let residual = abs(beta * vectors[(size - 1) * size + top])
                let converged = accept.map { $0(residual, values) } ?? (residual <= tolerance * scale) || beta == 0
                // Ritz vectors for the `keep` largest (or just the top when done).
                let kept = converged ? 1 : min(keep, size - 1)
                vectors.withUnsafeBufferPointer { vectors in
                    team.run(blocks: blocks.count) { b in
                        let rows = blocks[b]
                        for r in 0..<kept {
                            let col = top - r
                            for i in rows { ritz[r * n + i] = 0 }
                            for jj in 0..<size {
                                let s = vectors[jj * size + col]
                                if s == 0 { continue }
                                let c = column(jj)
                                for i in rows { ritz[r * n + i] += s * c[i] }
                            }
                        }
                    }
                }
                best = (values[top], Array(ritz[0..<n]), converged)
                if converged { break }
                // Thick restart: kept Ritz vectors, then the residual direction.
                team.run(blocks: blocks.count) { b in
                    let rows = blocks[b]
                    let residual = column(size), target = column(kept)
                    for i in rows { target[i] = residual[i] }
                    for r in 0..<kept {
                        let c = column(r)
                        for i in rows { c[i] = ritz[r * n + i] }
                    }
                }
                for i in 0..<(m * m) { T[i] = 0 }
                for r in 0..<kept { T[r * m + r] = values[top - r] }
                start = kept
                // Coupling of the kept vectors to the residual direction enters T when column
                // `kept` is multiplied (full orthogonalisation computes it).
            }
        }}}}
        return best
    }
}

/// √(a² + b²) without overflow or needless underflow.
@inline(__always) func _hypot(_ a: Double, _ b: Double) -> Double {
    let x = abs(a), y = abs(b)
    let big = max(x, y), small = min(x, y)
    if big == 0 { return 0 }
    let r = small / big
    return big * (1 + r * r).squareRoot()
}

extension _SymmetricEigen {
    /// The smallest eigenpair of the symmetric positive semidefinite operator `multiply` on the
    /// complement of the orthonormal vectors `locked` (invariant under it), by block LOBPCG
    /// (Knyazev 2001, "Toward the optimal preconditioned eigensolver: locally optimal block
    /// preconditioned conjugate gradient method", SIAM J. Sci. Comput. 23(2)) with the
    /// preconditioner x ↦ x / `diagonal` (Jacobi) and the basis [X, W, P] orthonormalised each
    /// step (Hetmaniuk & Lehoucq 2006). Seeded random start, so deterministic.
    ///
    /// Stops when ‖A x − λ x‖ ≤ `tolerance` · `scale` for the wanted pair, or after
    /// `maxIterations` (returning the best pair found).
    ///
    /// - Complexity: O(iterations · (3·block · cost of `multiply` + (3·block)² · n)); O(9·block·n) space.
    static func smallest(n: Int, locked: [[Double]], diagonal: [Double], block requested: Int = 4,
                         tolerance: Double = 1e-9, scale: Double, maxIterations: Int = 3000, seed: UInt64 = 0x5EC7_8A1,
                         multiply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)
        -> (value: Double, vector: [Double], converged: Bool, iterations: Int) {
        let b = max(1, min(requested, (n - locked.count) / 3))
        var generator = SeededGenerator(seed: seed)
        /// Columns as separate arrays: simple, and each mat-vec reads one contiguous vector.
        func apply(_ x: [Double]) -> [Double] {
            var y = [Double](repeating: 0, count: n)
            x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in multiply(x, y) } }
            return y
        }
        func dot(_ a: [Double], _ c: [Double]) -> Double {
            var s = 0.0
            a.withUnsafeBufferPointer { a in c.withUnsafeBufferPointer { c in for i in 0..<n { s += a[i] * c[i] } } }
            return s
        }
        func axpy(_ y: inout [Double], _ alpha: Double, _ x: [Double]) {
            y.withUnsafeMutableBufferPointer { y in x.withUnsafeBufferPointer { x in for i in 0..<n { y[i] += alpha * x[i] } } }
        }
        func removeLocked(_ x: inout [Double]) { for q in locked { axpy(&x, -dot(q, x), q) } }
        /// Orthonormalises `vectors` in order (Gram–Schmidt twice), dropping dependent ones.
        func orthonormalize(_ vectors: [[Double]]) -> [[Double]] {
            var basis: [[Double]] = []
            for v0 in vectors {
                var v = v0
                let before = dot(v, v).squareRoot()
                if before == 0 { continue }
                for _ in 0..<2 {
                    removeLocked(&v)
                    for q in basis { axpy(&v, -dot(q, v), q) }
                }
                let after = dot(v, v).squareRoot()
                if after <= 1e-10 * before { continue }
                for i in 0..<n { v[i] /= after }
                basis.append(v)
            }
            return basis
        }
        /// Rayleigh–Ritz on the orthonormal `basis` (with images `images`): the `count` smallest.
        func ritz(_ basis: [[Double]], _ images: [[Double]], count: Int) -> (values: [Double], coefficients: [[Double]]) {
            let q = basis.count
            var g = [Double](repeating: 0, count: q * q)
            for i in 0..<q { for j in i..<q { let s = dot(basis[i], images[j]); g[i * q + j] = s; g[j * q + i] = s } }
            let (values, vectors) = dense(g, n: q)
            let c = min(count, q)
            return (Array(values[0..<c]), (0..<c).map { j in (0..<q).map { vectors[$0 * q + j] } })
        }
        func combine(_ vectors: [[Double]], _ c: [Double], from: Int = 0) -> [Double] {
            var y = [Double](repeating: 0, count: n)
            for i in from..<vectors.count where c[i] != 0 { axpy(&y, c[i], vectors[i]) }
            return y
        }

        var start: [[Double]] = []
        for _ in 0..<b { start.append((0..<n).map { _ in Double.random(in: -1...1, using: &generator) }) }
        var x = orthonormalize(start)
        var ax = x.map(apply)
        var (lambda, c) = ritz(x, ax, count: x.count)
        x = c.map { combine(x, $0) }
        ax = c.map { combine(ax, $0) }
        var p: [[Double]] = []
        var best = (value: lambda[0], vector: x[0], converged: false, iterations: 0)
        for iteration in 1...maxIterations {
            // Residuals and preconditioned directions.
            var w: [[Double]] = []
            var residual0 = 0.0
            for j in 0..<x.count {
                var r = ax[j]
                axpy(&r, -lambda[j], x[j])
                if j == 0 { residual0 = dot(r, r).squareRoot() }
                for i in 0..<n { r[i] /= diagonal[i] > 0 ? diagonal[i] : 1 }
                w.append(r)
            }
            best = (lambda[0], x[0], residual0 <= tolerance * scale, iteration)
            if best.converged { break }
            let basis = orthonormalize(x + w + p)
            let images = basis.map(apply)
            let count = min(b, basis.count)
            (lambda, c) = ritz(basis, images, count: count)
            let xCount = min(x.count, basis.count)
            let newX = c.map { combine(basis, $0) }
            let newAX = c.map { combine(images, $0) }
            // P: the part of the update outside the old X (the old X spans the first columns
            // of the basis, since it was orthonormal and came first).
            p = c.map { combine(basis, $0, from: xCount) }
            x = newX; ax = newAX
        }
        return best
    }
}
