# Times torch.mm at the shapes bin/bench passes, one run at a time on request, so that PyTorch's runs
# take turns with jinn's and OpenBLAS's run by run, as BenchTable times those two (a run is ~20 ms;
# the speed of a shared machine's core changes within tens of milliseconds).
# argv: threads DIR spec spec ...   (spec = "NN:MxNxK", letters are transA, transB)
# DIR holds each spec's operands as BenchTable made them (NN_MxNxK.a and .b: little-endian float32, A
# and B as stored, i.e. k x m for a transposed A), so that torch multiplies the very values jinn and
# OpenBLAS do.
# prints "ready" once every spec is warm and knows how many calls fill a run; then answers each line:
#   "run SPEC"   one run of the spec's calls (after 5 ms of untimed ones on more threads than one): prints its GFLOP/s
#   "save SPEC"  writes the spec's C beside its operands (NN_MxNxK.tT.c, T the threads): prints "saved"
import os, sys, time
import numpy as np
import torch

from jinn_torch import set_threads

threads = int(sys.argv[1])
directory = sys.argv[2]
set_threads(threads)

def operands(spec):
    trans, dims = spec.split(":")
    m, n, k = (int(d) for d in dims.split("x"))
    a_shape = (k, m) if trans[0] == "T" else (m, k)
    b_shape = (n, k) if trans[1] == "T" else (k, n)
    base = os.path.join(directory, spec.replace(":", "_"))
    a = torch.from_numpy(np.fromfile(base + ".a", dtype="<f4").reshape(a_shape))
    b = torch.from_numpy(np.fromfile(base + ".b", dtype="<f4").reshape(b_shape))
    a = a.t() if trans[0] == "T" else a
    b = b.t() if trans[1] == "T" else b
    return a, b, torch.empty(m, n), 2.0 * m * n * k

shapes = {}
with torch.no_grad():
    for spec in sys.argv[3:]:
        a, b, c, flops = operands(spec)
        reps, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 0.2:   # warm-up, and how many calls fill 20 ms
            torch.mm(a, b, out=c)
            reps += 1
        shapes[spec] = (a, b, c, flops, max(1, int(reps * 0.02 / 0.2)))
    print("ready", flush=True)
    for line in sys.stdin:
        command, spec = line.split()
        a, b, c, flops, reps = shapes[spec]
        if command == "save":
            c.numpy().astype("<f4").tofile(os.path.join(directory, spec.replace(":", "_") + f".t{threads}.c"))
            print("saved", flush=True)
            continue
        if threads > 1:   # 5 ms of untimed calls first, as BenchTable settles jinn and OpenBLAS
            t = time.perf_counter()
            while time.perf_counter() - t < 0.005:
                torch.mm(a, b, out=c)
        t = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b, out=c)
        print(flops * reps / (time.perf_counter() - t) / 1e9, flush=True)
