# Shared by the bundled PyTorch scripts: Torch.java extracts it beside each of them.
import ctypes
import gzip
import os
import re
import sys
import numpy as np
import torch

def idx(directory, name, offset):
    """The bytes of MNIST's IDX file NAME in DIRECTORY (NAME.gz if there is one) after its OFFSET-byte header."""
    path = os.path.join(directory, name)
    gz = os.path.exists(path + ".gz")
    with (gzip.open(path + ".gz") if gz else open(path, "rb")) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)

def cpu_list(text):
    """The CPUs of a kernel CPU list such as "0-3,6"."""
    cpus = set()
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        cpus.update(range(int(first), int(last or first) + 1))
    return cpus

def set_threads(threads):
    """torch.set_num_threads sets OpenMP's threads, but Debian's torch multiplies through the
    pthreads build of OpenBLAS, which keeps one thread per core unless told through its own call:
    without this, "1 thread" ran torch.mm on both cores. One thread runs on the CPU the bench pins
    jinn's one-thread rows to (JINN_BENCH_CPU, see Pinning.java), more on all it allows, set before
    OpenMP starts any worker, which inherits it."""
    if "JINN_BENCH_CPU" in os.environ:
        try:
            os.sched_setaffinity(0, {int(os.environ["JINN_BENCH_CPU"])} if threads == 1 else cpu_list(os.environ["JINN_BENCH_CPUS"]))
        except (OSError, ValueError) as e:
            print(f"jinn_torch: could not pin to CPU {os.environ['JINN_BENCH_CPU']}: {e}", file=sys.stderr)
    torch.set_num_threads(threads)
    for lib in sorted({line.split()[-1] for line in open("/proc/self/maps") if "openblas" in line.lower()}):
        try:
            ctypes.CDLL(lib).openblas_set_num_threads(threads)
        except (OSError, AttributeError):
            pass

def blas_kernels():
    """What multiplies in torch: BLAS_INFO from torch.__config__.show(), then the core type of each
    OpenBLAS mapped into this process (openblas_get_corename: e.g. Cooperlake, SkylakeX, Haswell),
    which OpenBLAS chose when it loaded, from the CPU or from OPENBLAS_CORETYPE."""
    info = ["BLAS_INFO=" + m for m in re.findall(r"\bBLAS_INFO=([^,\s]+)", torch.__config__.show())]
    cores = {}
    for lib in sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower()}):
        try:
            get = ctypes.CDLL(lib).openblas_get_corename
            get.restype = ctypes.c_char_p
            cores.setdefault(get().decode(), []).append(lib.rsplit("/", 1)[-1])
        except (OSError, AttributeError):
            pass
    core = "; ".join(f"OpenBLAS core {c} ({', '.join(libs)})" for c, libs in cores.items()) or "no OpenBLAS mapped"
    return ", ".join(info + [core])
