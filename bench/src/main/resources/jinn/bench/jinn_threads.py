# Shared by the bundled PyTorch scripts: Torch.java extracts it beside each of them.
import ctypes
import torch

def set_threads(threads):
    """torch.set_num_threads sets OpenMP's threads, but Debian's torch multiplies through the
    pthreads build of OpenBLAS, which keeps one thread per core unless told through its own call:
    without this, "1 thread" ran torch.mm on both cores."""
    torch.set_num_threads(threads)
    for lib in sorted({line.split()[-1] for line in open("/proc/self/maps") if "openblas" in line.lower()}):
        try:
            ctypes.CDLL(lib).openblas_set_num_threads(threads)
        except (OSError, AttributeError):
            pass
