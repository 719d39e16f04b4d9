# The first epoch a learner waits for, in PyTorch: a fresh process (bin/bench starts one per round,
# taking turns with jinn's ColdEpoch) loads MNIST, then times one epoch of the MNIST MLP
# (784-256-128-10 ReLU, softmax cross-entropy, batch 128, shuffled) on a network made after the data,
# with Adam (PyTorch's usual choice, lr 0.001 as jinn's default optimizer) or SGD lr 0.1; or, with "cnn",
# one epoch of the bench's LeNet-sized CNN (torch_cnn.py's, batch 64, Adam 0.001) over all 60,000 images.
# argv: mnist_dir threads adam|sgd|cnn
# prints: "load SECONDS", "epoch SECONDS" (wall clock), "cpu SECONDS" (process CPU time during the epoch)
import sys, time
t0 = time.perf_counter()
import numpy as np
import torch
from torch import nn

from jinn_torch import idx, set_threads

directory, threads, optimizer = sys.argv[1], int(sys.argv[2]), sys.argv[3]
set_threads(threads)
torch.manual_seed(7)


cnn = optimizer == "cnn"
shape = (-1, 1, 28, 28) if cnn else (-1, 784)
x_train = torch.from_numpy(idx(directory, "train-images-idx3-ubyte", 16).reshape(*shape).astype(np.float32) / 255)
y_train = torch.from_numpy(idx(directory, "train-labels-idx1-ubyte", 8).astype(np.int64))
t1, c1 = time.perf_counter(), time.process_time()

if cnn:
    net = nn.Sequential(nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(32 * 4 * 4, 128), nn.ReLU(), nn.Linear(128, 10))
else:
    net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
opt = torch.optim.SGD(net.parameters(), lr=0.1) if optimizer == "sgd" else torch.optim.Adam(net.parameters(), lr=0.001)
loss_fn = nn.CrossEntropyLoss()
batch_size = 64 if cnn else 128
order = torch.randperm(x_train.shape[0])
for i in range(0, x_train.shape[0], batch_size):
    batch = order[i:i + batch_size]
    opt.zero_grad()
    loss = loss_fn(net(x_train[batch]), y_train[batch])
    loss.backward()
    opt.step()
t2, c2 = time.perf_counter(), time.process_time()
print("load", t1 - t0)
print("epoch", t2 - t1)
print("cpu", c2 - c1)  # all of the process's threads
