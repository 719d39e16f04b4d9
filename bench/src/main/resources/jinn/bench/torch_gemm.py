# Times torch.mm at the shapes and thread counts bin/bench passes, the way BenchTable times jinn:
# calibrate repetitions to ~20 ms per run, report the median (or best) GFLOP/s of N runs.
# argv: runs threads,threads median|best DIR spec spec ...   (spec = "NN:MxNxK", letters are transA, transB)
# DIR holds each spec's operands as BenchTable made them (NN_MxNxK.a and .b: little-endian float32, A
# and B as stored, i.e. k x m for a transposed A), so that torch multiplies the very values jinn and
# OpenBLAS do; the C of each thread count is written back beside them (NN_MxNxK.tT.c) for BenchTable
# to check. Without the files, operands are random.
# prints: "spec threads gflops" per line, then "kernels ..." and "version X".
import os, sys, time, statistics
import numpy as np
import torch

from jinn_torch import set_threads, blas_kernels

runs = int(sys.argv[1])
thread_counts = [int(t) for t in sys.argv[2].split(",")]
statistic = max if sys.argv[3] == "best" else statistics.median
directory = sys.argv[4]
specs = sys.argv[5:]
torch.manual_seed(0)

def operands(spec):
    trans, dims = spec.split(":")
    m, n, k = (int(d) for d in dims.split("x"))
    a_shape = (k, m) if trans[0] == "T" else (m, k)
    b_shape = (n, k) if trans[1] == "T" else (k, n)
    base = os.path.join(directory, spec.replace(":", "_"))
    if os.path.exists(base + ".a"):
        a = torch.from_numpy(np.fromfile(base + ".a", dtype="<f4").reshape(a_shape))
        b = torch.from_numpy(np.fromfile(base + ".b", dtype="<f4").reshape(b_shape))
    else:
        a = torch.rand(*a_shape) * 2 - 1
        b = torch.rand(*b_shape) * 2 - 1
    a = a.t() if trans[0] == "T" else a
    b = b.t() if trans[1] == "T" else b
    return a, b, torch.empty(m, n), 2.0 * m * n * k

with torch.no_grad():
    for threads in thread_counts:
        set_threads(threads)
        for spec in specs:
            a, b, c, flops = operands(spec)
            reps, t0 = 0, time.perf_counter()
            while time.perf_counter() - t0 < 0.3:   # warm-up, and how many calls fit in 20 ms
                torch.mm(a, b, out=c)
                reps += 1
            reps = max(1, int(reps * 0.02 / 0.3))
            rates = []
            for _ in range(runs):
                t = time.perf_counter()
                for _ in range(reps):
                    torch.mm(a, b, out=c)
                rates.append(flops * reps / (time.perf_counter() - t) / 1e9)
            print(spec, threads, statistic(rates), flush=True)
            if os.path.isdir(directory):
                c.numpy().astype("<f4").tofile(os.path.join(directory, spec.replace(":", "_") + f".t{threads}.c"))
print("kernels", blas_kernels())
print("version", torch.__version__)
