#!/usr/bin/env python3
"""Deterministic generator of the four standard benchmark graphs.

    python3 Benchmarks/peers/generate.py [--out DIR] [--sizes s1k,s20k,s200k,s1m] [--force]

Each graph is a directed, signed, weighted degree-corrected stochastic block
model (DC-SBM):

* n nodes, split into K blocks of unequal sizes (geometric ratios 1, 0.8,
  0.64, ...); node ids are shuffled, so a block is not a contiguous id range;
* every node has an out-propensity (Pareto, tail index 2.0) and an
  in-propensity (Pareto, tail index 1.3), both capped at n**0.75, so in- and
  out-degrees are heavy-tailed (a few hubs with thousands of in-edges);
* an edge picks its source in proportion to the out-propensities; with
  probability 0.8 its target is drawn (by in-propensity) inside the source's
  block, otherwise from the other blocks;
* self-loops and parallel edges are removed (first occurrence kept) and the
  list is topped up with fresh edges until it has exactly m edges;
* weight: integer 1..9, uniform; sign: +1 with probability 0.9 inside a block,
  -1 with probability 0.8 between blocks.

Output, one file per graph, DIR/NAME.edges:

    # source target weight sign
    17 4242 3 1
    ...

node ids are 0..n-1, edges are in generation order (not sorted), sign is 1 or
-1.  DIR/manifest.json records each file's md5, so an existing file with the
recorded md5 is not generated again.

Determinism: all randomness comes from the raw 64-bit output of numpy's PCG64
bit generator (a stream numpy guarantees to be stable across versions); every
transformation after that is integer arithmetic or Python's own float maths
on scalars, so the bytes do not depend on numpy's SIMD code paths.  EXPECTED_MD5
below holds the digests produced on the reference machine; a mismatch is
reported as a warning (the file is still usable, but results would not be
comparable with other machines).
"""

import argparse
import hashlib
import json
import math
import os
import sys
import time

import numpy as np

GENERATOR_VERSION = 1
SEED = 20251128

# name: (nodes, edges, blocks)
SIZES = {
    "s1k": (1_000, 5_000, 4),
    "s20k": (20_000, 100_000, 6),
    "s200k": (200_000, 1_000_000, 8),
    "s1m": (1_000_000, 5_000_000, 8),
}

EXPECTED_MD5 = {
    "s1k": "62afc4ae192b1849971be28719006c11",
    "s20k": "c2d8ab96d5dcaa866e4ebf1b6252cf43",
    "s200k": "013379eb8cd27078d3e93d70903b1c15",
    "s1m": "244568a58d5b3483eb0c6dbc2fc33705",
}

HEADER = "# source target weight sign\n"
P_INTRA = 0.8          # probability that an edge stays inside its source's block
P_POS_INTRA = 0.9      # probability of sign +1 for an intra-block edge
P_NEG_INTER = 0.8      # probability of sign -1 for an inter-block edge
TAIL_OUT = 2.0
TAIL_IN = 1.3
SCALE = 1 << 12        # propensities become integers theta * SCALE (s1m total < 2**36)


class Rand:
    """Integer-only sampling on top of PCG64's raw, version-stable stream."""

    def __init__(self, seed):
        self.bg = np.random.PCG64(seed)

    def raw(self, k):
        return self.bg.random_raw(k).astype(np.uint64, copy=False)

    def below(self, k, bound):
        """k integers uniform in [0, bound) (bound < 2**48: the modulo bias is < 2**-16)."""
        bound = int(bound)
        assert 0 < bound < (1 << 48)
        return self.raw(k) % np.uint64(bound)

    def bernoulli(self, k, p):
        """k booleans, True with probability p (to 2**-32)."""
        return (self.raw(k) >> np.uint64(32)) < np.uint64(int(p * (1 << 32)))

    def pareto_int(self, k, tail, cap):
        """k integer propensities SCALE * x, x Pareto(tail) >= 1, capped at cap.

        Computed with Python's scalar float maths (libm pow), not numpy's
        vectorised (and CPU-dependent) pow."""
        u = (self.raw(k) >> np.uint64(11)).tolist()   # 53-bit uniforms
        inv = -1.0 / tail
        two53 = float(1 << 53)
        out = [min(cap, (1.0 - x / two53) ** inv) for x in u]
        return np.array([int(v * SCALE) for v in out], dtype=np.int64)


class Sampler:
    """Draws node ids in proportion to integer weights, optionally restricted to a block."""

    def __init__(self, weights, order, starts):
        # order: node ids sorted by block; starts[b]..starts[b+1] is block b's slice
        self.order = order
        self.starts = starts
        self.cum = np.cumsum(weights[order])              # int64, exact
        self.base = np.concatenate(([0], self.cum))       # base[starts[b]] = weight before block b

    def global_draw(self, rand, k):
        r = rand.below(k, int(self.cum[-1])).astype(np.int64)
        return self.order[np.searchsorted(self.cum, r, side="right")]

    def block_draw(self, rand, blocks):
        """One node per entry of blocks, drawn inside that block."""
        out = np.empty(len(blocks), dtype=np.int64)
        for b in range(len(self.starts) - 1):
            idx = np.flatnonzero(blocks == b)
            if len(idx) == 0:
                continue
            lo, hi = self.base[self.starts[b]], self.base[self.starts[b + 1]]
            r = lo + rand.below(len(idx), hi - lo).astype(np.int64)
            out[idx] = self.order[np.searchsorted(self.cum, r, side="right")]
        return out


def generate(name):
    n, m, k = SIZES[name]
    # one independent, reproducible stream per graph
    rand = Rand([SEED, GENERATOR_VERSION, n, m, k])

    # blocks: geometric sizes, ids shuffled
    ratios = [0.8 ** b for b in range(k)]
    sizes = [int(n * r / sum(ratios)) for r in ratios]
    sizes[0] += n - sum(sizes)
    labels = np.repeat(np.arange(k, dtype=np.int64), sizes)
    # Fisher-Yates with our own integer draws (numpy's shuffle is not covered
    # by the stream-stability promise)
    js = [int(x) for x in (rand.raw(n) >> np.uint64(11)).tolist()]
    perm = list(range(n))
    for i in range(n - 1, 0, -1):
        j = js[i] % (i + 1)
        perm[i], perm[j] = perm[j], perm[i]
    block = np.empty(n, dtype=np.int64)
    block[np.array(perm, dtype=np.int64)] = labels      # node perm[i] gets labels[i]

    order = np.argsort(block, kind="stable").astype(np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)

    cap = float(n) ** 0.75
    out_w = rand.pareto_int(n, TAIL_OUT, cap)
    in_w = rand.pareto_int(n, TAIL_IN, cap)
    src_s = Sampler(out_w, order, starts)
    dst_s = Sampler(in_w, order, starts)

    def batch(count):
        src = src_s.global_draw(rand, count)
        intra = rand.bernoulli(count, P_INTRA)
        dst = np.empty(count, dtype=np.int64)
        ii = np.flatnonzero(intra)
        dst[ii] = dst_s.block_draw(rand, block[src[ii]])
        todo = np.flatnonzero(~intra)
        # inter-block: draw globally by in-propensity, redraw those that land in the source's block
        while len(todo):
            dst[todo] = dst_s.global_draw(rand, len(todo))
            todo = todo[block[dst[todo]] == block[src[todo]]]
        return src, dst

    src = np.empty(0, dtype=np.int64)
    dst = np.empty(0, dtype=np.int64)
    rounds = 0
    while len(src) < m:
        rounds += 1
        need = m - len(src)
        s, d = batch(need + need // 10 + 64)
        keep = s != d
        src = np.concatenate((src, s[keep]))
        dst = np.concatenate((dst, d[keep]))
        key = src * n + dst
        _, first = np.unique(key, return_index=True)      # stable: first occurrence
        first.sort()
        src, dst = src[first], dst[first]
    src, dst = src[:m], dst[:m]

    same = block[src] == block[dst]
    weight = 1 + rand.below(m, 9).astype(np.int64)
    pos_intra = rand.bernoulli(m, P_POS_INTRA)
    neg_inter = rand.bernoulli(m, P_NEG_INTER)
    sign = np.where(same, np.where(pos_intra, 1, -1), np.where(neg_inter, -1, 1)).astype(np.int64)

    stats = {
        "rounds": rounds,
        "intra_fraction": round(float(same.mean()), 4),
        "positive_fraction": round(float((sign > 0).mean()), 4),
        "max_out_degree": int(np.bincount(src, minlength=n).max()),
        "max_in_degree": int(np.bincount(dst, minlength=n).max()),
        "isolated_nodes": int(n - np.count_nonzero(
            np.bincount(src, minlength=n) + np.bincount(dst, minlength=n))),
    }
    return src, dst, weight, sign, stats


def write_edges(path, src, dst, weight, sign):
    tmp = path + ".tmp"
    fmt = "%d %d %d %d\n".__mod__
    with open(tmp, "w", encoding="ascii", newline="\n") as f:
        f.write(HEADER)
        step = 1 << 20
        for lo in range(0, len(src), step):
            hi = lo + step
            f.write("".join(map(fmt, zip(src[lo:hi].tolist(), dst[lo:hi].tolist(),
                                         weight[lo:hi].tolist(), sign[lo:hi].tolist()))))
    os.replace(tmp, path)


def md5_of(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def main(argv=None):
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(root, ".build-bench", "graphs"))
    ap.add_argument("--sizes", default=",".join(SIZES),
                    help="comma-separated subset of " + ",".join(SIZES))
    ap.add_argument("--force", action="store_true", help="regenerate even if the manifest matches")
    args = ap.parse_args(argv)

    names = [s.strip() for s in args.sizes.split(",") if s.strip()]
    bad = [s for s in names if s not in SIZES]
    if bad:
        ap.error("unknown size(s) %s; choose from %s" % (",".join(bad), ",".join(SIZES)))

    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, "manifest.json")
    try:
        with open(manifest_path) as f:
            manifest = json.load(f)
    except (OSError, ValueError):
        manifest = {}

    for name in names:
        n, m, k = SIZES[name]
        path = os.path.join(args.out, name + ".edges")
        entry = manifest.get(name)
        params = {"nodes": n, "edges": m, "blocks": k, "seed": SEED,
                  "generator_version": GENERATOR_VERSION}
        if (not args.force and entry and os.path.exists(path)
                and all(entry.get(a) == b for a, b in params.items())
                and os.path.getsize(path) == entry.get("bytes")
                and md5_of(path) == entry.get("md5")):
            print("%-6s up to date: %s (md5 %s)" % (name, path, entry["md5"]))
            continue
        t0 = time.perf_counter()
        src, dst, weight, sign, stats = generate(name)
        t1 = time.perf_counter()
        write_edges(path, src, dst, weight, sign)
        t2 = time.perf_counter()
        digest = md5_of(path)
        manifest[name] = dict(params, file=name + ".edges", md5=digest,
                              bytes=os.path.getsize(path), **stats)
        tmp = manifest_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(manifest, f, indent=2, sort_keys=True)
            f.write("\n")
        os.replace(tmp, manifest_path)
        print("%-6s n=%d m=%d blocks=%d  generate %.1f s, write %.1f s  md5 %s  %s"
              % (name, n, m, k, t1 - t0, t2 - t1, digest, json.dumps(stats)))
        if EXPECTED_MD5.get(name) and EXPECTED_MD5[name] != digest:
            print("%-6s WARNING: md5 differs from the reference machine's %s"
                  % (name, EXPECTED_MD5[name]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
