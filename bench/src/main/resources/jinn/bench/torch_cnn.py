# The CNN workload bin/bench runs on jinn (CnnWorkload), in PyTorch: conv 16 5x5, ReLU, max-pool 2,
# conv 32 5x5, ReLU, max-pool 2, flatten, dense 128, ReLU, dense 10; softmax cross-entropy, Adam 0.001,
# batches of 64, one epoch over the first IMAGES training images (shuffled), after a warm-up over 1,280;
# then prediction of the first 2,000 test images in batches of 128. Same files, same scaling (x/255).
# argv: mnist_dir threads images
# prints: "train SAMPLES_PER_S", "infer SAMPLES_PER_S"
import sys, time
import numpy as np
import torch
from torch import nn

from jinn_torch import idx, set_threads

directory, threads, images = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
set_threads(threads)
torch.manual_seed(7)


x_train = torch.from_numpy(idx(directory, "train-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)[:images]
y_train = torch.from_numpy(idx(directory, "train-labels-idx1-ubyte", 8).astype(np.int64))[:images]
x_test = torch.from_numpy(idx(directory, "t10k-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)[:2000]

def model():
    return nn.Sequential(nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 4 * 4, 128), nn.ReLU(), nn.Linear(128, 10))

def epoch(net, opt, loss_fn, n):
    order = torch.randperm(n)
    for i in range(0, n, 64):
        b = order[i:i + 64]
        opt.zero_grad()
        loss = loss_fn(net(x_train[b]), y_train[b])
        loss.backward()
        opt.step()

loss_fn = nn.CrossEntropyLoss()
warm = model()
epoch(warm, torch.optim.Adam(warm.parameters(), lr=0.001), loss_fn, min(1280, x_train.shape[0]))
net = model()
opt = torch.optim.Adam(net.parameters(), lr=0.001)
t = time.perf_counter()
epoch(net, opt, loss_fn, x_train.shape[0])
print("train", x_train.shape[0] / (time.perf_counter() - t))
t = time.perf_counter()
with torch.no_grad():
    for i in range(0, x_test.shape[0], 128):
        net(x_test[i:i + 128]).argmax(1)
print("infer", x_test.shape[0] / (time.perf_counter() - t))
