# Times torch.mm at the shapes and thread counts bin/bench passes, the way BenchTable times jinn:
# calibrate repetitions to ~20 ms per run, report the median (or best) GFLOP/s of N runs.
# argv: runs threads,threads median|best spec spec ...   (spec = "NN:MxNxK", letters are transA, transB)
# prints: "spec threads gflops" per line, then "version X".
import sys, time, statistics
import torch

from jinn_threads import set_threads

runs = int(sys.argv[1])
thread_counts = [int(t) for t in sys.argv[2].split(",")]
statistic = max if sys.argv[3] == "best" else statistics.median
specs = sys.argv[4:]
torch.manual_seed(0)

def operands(spec):
    trans, dims = spec.split(":")
    m, n, k = (int(d) for d in dims.split("x"))
    a = torch.rand(k, m) * 2 - 1 if trans[0] == "T" else torch.rand(m, k) * 2 - 1
    b = torch.rand(n, k) * 2 - 1 if trans[1] == "T" else torch.rand(k, n) * 2 - 1
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
print("version", torch.__version__)
