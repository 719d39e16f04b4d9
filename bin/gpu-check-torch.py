# PyTorch's side of bin/gpu-check on the GPU: torch.mm GFLOP/s at n x n x n (fp32, TF32 off) and the
# MNIST MLP's training samples/s (784-256-128-10 ReLU, softmax cross-entropy, SGD 0.1 momentum 0.9) at
# the given batch sizes, one epoch over the first IMAGES training images, timed after the first step,
# as GpuCheck times jinn. The training images sit on the GPU from the start (PyTorch at its best; jinn
# sends each batch from the host).
# argv: mnist_dir images "1024,4096" "128,1024"
# prints "figure gemm.N.torch GFLOPS", "figure train.B.torch SAMPLES_PER_S", or one "torch: ..." line
# saying why there is no figure (no torch, no CUDA).
import gzip, os, statistics, sys, time

try:
    import torch
    from torch import nn
except Exception as e:  # no torch at all
    print(f"torch: not available ({e.__class__.__name__}: {e}); no PyTorch figures")
    sys.exit(0)
# GPU_CHECK_TORCH_DEVICE=cpu runs the same code on the CPU, only to test this script where no GPU is.
dev_name = os.environ.get("GPU_CHECK_TORCH_DEVICE", "cuda")
if dev_name == "cuda" and not torch.cuda.is_available():
    print(f"torch: {torch.__version__} has no CUDA device here (torch.cuda.is_available() is False); no PyTorch figures")
    sys.exit(0)

directory, images = sys.argv[1], int(sys.argv[2])
sizes = [int(s) for s in sys.argv[3].split(",") if s]
batches = [int(s) for s in sys.argv[4].split(",") if s]
dev = torch.device(dev_name)
sync = torch.cuda.synchronize if dev_name == "cuda" else (lambda: None)
name = torch.cuda.get_device_name(0) if dev_name == "cuda" else dev_name
torch.backends.cuda.matmul.allow_tf32 = False   # fp32 as jinn computes it
torch.backends.cudnn.allow_tf32 = False
print(f"torch: {torch.__version__}, CUDA {torch.version.cuda}, {name}")
print(f"figure torch.device {name.replace(' ', '_')}")

with torch.no_grad():
    for n in sizes:
        a = torch.rand(n, n, device=dev) * 2 - 1
        b = torch.rand(n, n, device=dev) * 2 - 1
        c = torch.empty(n, n, device=dev)
        for _ in range(3):
            torch.mm(a, b, out=c)
        sync()
        reps, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < 0.2:
            torch.mm(a, b, out=c)
            reps += 1
        sync()
        reps = max(1, int(reps * 0.05 / max(time.perf_counter() - t0, 1e-9)))
        rates = []
        for _ in range(7):
            t = time.perf_counter()
            for _ in range(reps):
                torch.mm(a, b, out=c)
            sync()
            rates.append(2.0 * n ** 3 * reps / (time.perf_counter() - t) / 1e9)
        print(f"figure gemm.{n}.torch {statistics.median(rates):.4g}", flush=True)

def idx(name, offset):
    with gzip.open(os.path.join(directory, name + ".gz"), "rb") as f:
        return f.read()[offset:]

x = torch.frombuffer(bytearray(idx("train-images-idx3-ubyte", 16)), dtype=torch.uint8).reshape(-1, 784)[:images].float().div(255).to(dev)
y = torch.frombuffer(bytearray(idx("train-labels-idx1-ubyte", 8)), dtype=torch.uint8)[:images].long().to(dev)
for batch in batches:
    torch.manual_seed(1)
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10)).to(dev)
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0], device=dev)
    start = None
    for i in range(0, x.shape[0], batch):
        rows = order[i:i + batch]
        opt.zero_grad(set_to_none=False)
        loss_fn(net(x[rows]), y[rows]).backward()
        opt.step()
        if start is None:
            sync()
            start = time.perf_counter()
    sync()
    rate = (x.shape[0] - batch) / (time.perf_counter() - start)
    print(f"figure train.{batch}.torch {rate:.4g}", flush=True)
