# The MNIST inference workload of bin/bench in PyTorch, one pass at a time on request, so that jinn's
# passes and PyTorch's can take turns pass by pass (a pass takes ~50-80 ms; phases of a shared
# machine last seconds). Same model shape as torch_mnist.py (784-256-128-10 ReLU), same test images
# (x/255), batches of 128, the predicted class taken as in jinn (argmax of each row).
# argv: mnist_dir threads
# prints "ready" once warm, then one line of samples/s for each line read on stdin.
import gzip, os, sys, time
import numpy as np
import torch
from torch import nn

from jinn_torch import set_threads

directory, threads = sys.argv[1], int(sys.argv[2])
set_threads(threads)
torch.manual_seed(7)

path = os.path.join(directory, "t10k-images-idx3-ubyte")
opener = gzip.open if os.path.exists(path + ".gz") else open
with opener(path + ".gz" if os.path.exists(path + ".gz") else path, "rb") as f:
    x = torch.from_numpy(np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)

net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))

def one_pass():
    t = time.perf_counter()
    with torch.no_grad():
        for i in range(0, x.shape[0], 128):
            net(x[i:i + 128]).argmax(1)
    return x.shape[0] / (time.perf_counter() - t)

for _ in range(10):
    one_pass()
print("ready", flush=True)
for _ in sys.stdin:
    print(one_pass(), flush=True)
