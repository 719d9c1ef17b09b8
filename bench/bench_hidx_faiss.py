#!/usr/bin/python3
"""FAISS side of bench_hidx: IndexBinaryMultiHash(256, 16, 16) with
nflip 1 (exact for d <= 31: some 16-bit substring is within 1 bit), the
setting python-threatexchange uses. Reads PREFIX.db and PREFIX.q written
by bench_hidx and prints queries/s and the same hits/checksum line.

    /usr/bin/python3 bench/bench_hidx_faiss.py PREFIX
"""
import sys
import time

import faiss
import numpy as np

D = 31
ROUNDS = 5


def main():
    prefix = sys.argv[1]
    db = np.fromfile(prefix + ".db", dtype=np.uint8).reshape(-1, 32)
    q = np.fromfile(prefix + ".q", dtype=np.uint8).reshape(-1, 32)
    faiss.omp_set_num_threads(1)
    t0 = time.monotonic()
    ix = faiss.IndexBinaryMultiHash(256, 16, 16)
    ix.nflip = 1
    ix.add(db)
    build = time.monotonic() - t0
    times = []
    for r in range(ROUNDS):
        t0 = time.monotonic()
        # Binary range_search returns distances < radius.
        lims, dist, ids = ix.range_search(q, D + 1)
        times.append(time.monotonic() - t0)
    times.sort()
    med = times[ROUNDS // 2]
    total = 0
    s = 0
    for qi in range(len(q)):
        for k in range(lims[qi], lims[qi + 1]):
            s += (qi * 1000003 + int(ids[k])) * (int(dist[k]) + 1)
            total += 1
    s %= 1 << 64
    print("faiss n=%d IndexBinaryMultiHash(256,16,16) nflip=1 build %.2f s"
          % (len(db), build))
    print("  faiss: %.0f queries/s (median of %d runs of %d, 1 thread)"
          % (len(q) / med, ROUNDS, len(q)))
    print("  hits %d checksum %d" % (total, s))


if __name__ == "__main__":
    main()
