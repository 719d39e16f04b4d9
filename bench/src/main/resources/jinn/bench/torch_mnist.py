# The MNIST MLP workload bin/bench runs on jinn, in PyTorch: 784-256-128-10 ReLU, softmax
# cross-entropy, plain SGD lr 0.1, batch 128, one epoch over the 60,000 training images (shuffled),
# then inference over the 10,000 test images in batches of 128, five passes each timed on its own
# (bin/bench reports inference from torch_infer.py instead, whose passes take turns with jinn's;
# these passes give the accuracy).
# Same files, same scaling (x/255).
# argv: mnist_dir threads runs median|best [sgd|adam]: the optimizer, plain SGD lr 0.1 (the default) or
# Adam lr 0.001 with PyTorch's defaults (what jinn's fit uses when no optimizer is named)
# prints: "train SAMPLES_PER_S", "infer SAMPLES_PER_S", "accuracy A"
import statistics, sys, time
import numpy as np
import torch
from torch import nn

from jinn_torch import idx, set_threads

directory, threads, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
statistic = max if sys.argv[4] == "best" else statistics.median
optimizer = sys.argv[5] if len(sys.argv) > 5 else "sgd"
set_threads(threads)
torch.manual_seed(7)


x_train = torch.from_numpy(idx(directory, "train-images-idx3-ubyte", 16).reshape(-1, 784).astype(np.float32) / 255)
y_train = torch.from_numpy(idx(directory, "train-labels-idx1-ubyte", 8).astype(np.int64))
x_test = torch.from_numpy(idx(directory, "t10k-images-idx3-ubyte", 16).reshape(-1, 784).astype(np.float32) / 255)
y_test = torch.from_numpy(idx(directory, "t10k-labels-idx1-ubyte", 8).astype(np.int64))

def model():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))

def epoch(net, opt, loss_fn):
    order = torch.randperm(x_train.shape[0])
    for i in range(0, x_train.shape[0], 128):
        idx_ = order[i:i + 128]
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(net(x_train[idx_]), y_train[idx_])
        loss.backward()
        opt.step()

def infer(net):
    correct = 0
    with torch.no_grad():
        for i in range(0, x_test.shape[0], 128):
            correct += (net(x_test[i:i + 128]).argmax(1) == y_test[i:i + 128]).sum().item()
    return correct / x_test.shape[0]

def make_optimizer(params):
    return torch.optim.Adam(params, lr=0.001) if optimizer == "adam" else torch.optim.SGD(params, lr=0.1)

loss_fn = nn.CrossEntropyLoss()
warm = model()
epoch(warm, make_optimizer(warm.parameters()), loss_fn)   # warm-up: allocator, threads
train_rates, infer_rates, accuracy = [], [], 0.0
for _ in range(runs):
    net = model()
    opt = make_optimizer(net.parameters())
    t = time.perf_counter()
    epoch(net, opt, loss_fn)
    train_rates.append(x_train.shape[0] / (time.perf_counter() - t))
    for _ in range(5):   # as jinn's MnistWorkload.INFERENCE_PASSES: one ~80 ms pass is too short to time alone
        t = time.perf_counter()
        accuracy = infer(net)
        infer_rates.append(x_test.shape[0] / (time.perf_counter() - t))
print("train", statistic(train_rates))
print("infer", statistic(infer_rates))
print("accuracy", accuracy)
