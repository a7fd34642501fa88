#!/usr/bin/env python3
"""Seconds per training epoch of the dense reference network in PyTorch: the baseline of `build/bench.sh --pytorch`.

It mirrors the dense epoch of the benchmark program (build/Benchmarks/EpochBenchmark.cs, RunDensePaths, timed by
NetworkTrainer.Train): 784-1000-1000-1000-10, ReLU hidden layers with dropout 0.1 on their outputs, softmax
cross-entropy, momentum SGD (learning rate 0.2 = the cosine schedule's first epoch, momentum 0.9, L2 2e-4 on the
weights and not the biases, v = mu*v + g + lambda*w as torch.optim.SGD does), batches of 128 with the last one
partial, the samples reshuffled every epoch, and the training loss and accuracy summed as the engine does. Its GFLOP/s
use the program's FLOP count: 2 * images * (3 * links - links of the first layer), since neither computes the
gradient of the inputs.

OpenBLAS (Debian's torch calls the system's libblas.so.3) picks its kernels from the CPU model, and an OpenBLAS that
does not know the model (0.3.21 on a virtual Sapphire Rapids) falls back to its SSE3 "Prescott" kernels, 4-5 times
slower than its AVX-512 ones: unless OPENBLAS_CORETYPE is set, it is set from the CPU's flags (SkylakeX with
AVX-512, Haswell with AVX2 and FMA), the kernels OpenBLAS would choose on a model it knows; Haswell also when the
engine's side is forced to 256-bit vectors (DOTNET_EnableAVX512=0), so both sides run AVX2. The output names the core.

Thread counts run in separate processes, each with OMP_NUM_THREADS set before torch loads, so that torch's pool and
an OpenMP BLAS both start with that many threads; torch.set_num_threads sets it again.

Usage: bench-pytorch.py [--threads 1,2] [--epochs 3] [--images N] [--data DIR] [--random]
Each thread count prints a line "RESULT threads=T seconds=S gflops=G images=N" that bench.sh reads.
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import time

HIDDEN = [1000, 1000, 1000]
FEATURES, CLASSES = 784, 10


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts, each measured (default 1,2)")
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs per thread count; the median is reported (default 3)")
    parser.add_argument("--images", type=int, default=0, help="training images per epoch (default: all of MNIST's training set, 60000)")
    parser.add_argument("--data", default=os.environ.get("SPARSEADAPTIVE_DATA", os.path.expanduser("~/.cache/sparseadaptive/data")),
                        help="data directory holding mnist/train-*-ubyte (default: $SPARSEADAPTIVE_DATA or ~/.cache/sparseadaptive/data)")
    parser.add_argument("--random", action="store_true", help="random pixels and labels instead of MNIST (same shape; the timing does not depend on the values)")
    parser.add_argument("--batch", type=int, default=128, help="mini-batch size (default 128, as the engine's benchmark)")
    parser.add_argument("--learning-rate", type=float, default=0.2)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--l2", type=float, default=2e-4, help="weight decay on the weights, not the biases")
    parser.add_argument("--dropout", type=float, default=0.1, help="dropout rate on each hidden layer's output")
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    arguments.thread_counts = [int(t) for t in arguments.threads.split(",") if t.strip()]
    if not arguments.thread_counts or min(arguments.thread_counts) < 1 or arguments.epochs < 1 or arguments.images < 0:
        parser.error("--threads needs positive counts, --epochs at least 1, --images at least 0")
    return arguments


def read_idx(path):
    """The array of an IDX file (raw or .gz), as build/data.sh stores MNIST."""
    import numpy as np
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dimensions = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def load_samples(arguments, torch):
    """Features in [0, 1] (pixel / 255, as the engine's IDX reader) and labels; the description says which data."""
    directory = os.path.join(arguments.data, "mnist")
    paths = []
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
        found = [p for p in (os.path.join(directory, name), os.path.join(directory, name + ".gz")) if os.path.exists(p)]
        paths.append(found[0] if found else None)
    if not arguments.random and all(paths):
        images, labels = read_idx(paths[0]), read_idx(paths[1])
        count = arguments.images or len(labels)
        if count > len(labels):
            sys.exit(f"bench-pytorch.py: --images {count} is more than the {len(labels)} images in {paths[0]}")
        features = torch.from_numpy(images[:count].reshape(count, FEATURES).astype("float32") / 255.0)
        return features, torch.from_numpy(labels[:count].astype("int64")), f"MNIST training set ({paths[0]})"
    count = arguments.images or 60000
    generator = torch.Generator().manual_seed(arguments.seed)
    why = "--random" if arguments.random else f"no MNIST IDX files in {directory}"
    return (torch.rand(count, FEATURES, generator=generator), torch.randint(0, CLASSES, (count,), generator=generator),
            f"random data of MNIST's shape ({why})")


def epoch_flops(images):
    """The benchmark program's count (EpochBenchmark.DenseEpochFlops)."""
    sizes = [FEATURES] + HIDDEN + [CLASSES]
    links = sum(a * b for a, b in zip(sizes, sizes[1:]))
    return 2.0 * images * (3 * links - sizes[0] * sizes[1])


def build(arguments, torch):
    torch.manual_seed(arguments.seed)
    layers, width = [], FEATURES
    for size in HIDDEN:
        layers += [torch.nn.Linear(width, size), torch.nn.ReLU(), torch.nn.Dropout(arguments.dropout)]
        width = size
    model = torch.nn.Sequential(*layers, torch.nn.Linear(width, CLASSES))
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    optimizer = torch.optim.SGD([{"params": weights, "weight_decay": arguments.l2}, {"params": biases, "weight_decay": 0.0}],
                                lr=arguments.learning_rate, momentum=arguments.momentum)
    return model, optimizer


def train(model, optimizer, features, labels, batch, torch, max_batches=None):
    """One epoch (or its first max_batches batches): seconds, mean loss, accuracy."""
    model.train()
    start = time.perf_counter()
    order = torch.randperm(len(labels))
    loss_sum, correct, seen = 0.0, 0, 0
    for number, first in enumerate(range(0, len(labels), batch)):
        if max_batches is not None and number >= max_batches:
            break
        rows = order[first:first + batch]
        x, y = features.index_select(0, rows), labels.index_select(0, rows)
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        # The engine sums the loss and the right answers of every batch: one synchronising read each, as here.
        loss_sum += loss.item() * len(rows)
        correct += int((logits.argmax(1) == y).sum())
        seen += len(rows)
    return time.perf_counter() - start, loss_sum / seen, correct / seen


def openblas_core_type():
    """OPENBLAS_CORETYPE for this CPU's vector flags, or None to leave OpenBLAS's own choice."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            flags = next((line.split(":", 1)[1].split() for line in cpuinfo if line.startswith("flags")), [])
    except OSError:
        return None
    # When the engine's side is forced to 256-bit vectors, OpenBLAS is held to its AVX2 kernels too.
    forced_256 = (os.environ.get("DOTNET_EnableAVX512") == "0" or os.environ.get("DOTNET_EnableAVX512F") == "0"
                  or os.environ.get("DOTNET_PreferredVectorBitWidth") == "256")
    if not forced_256 and {"avx512f", "avx512bw", "avx512vl", "avx512dq"} <= set(flags):
        return "SkylakeX"
    if {"avx2", "fma"} <= set(flags):
        return "Haswell"
    return None


def blas_description():
    """The BLAS libraries torch loaded and, for OpenBLAS, the kernels it runs."""
    import ctypes
    with open("/proc/self/maps") as maps:
        loaded = sorted({line.split()[-1] for line in maps if "/" in line and
                         any(k in line.split()[-1].lower() for k in ("blas", "mkl", "blis", "atlas"))})
    text = ", ".join(os.path.basename(p) for p in loaded) or "no BLAS library found"
    for path in loaded:
        if "openblas" in os.path.basename(path):
            library = ctypes.CDLL(path)
            library.openblas_get_corename.restype = ctypes.c_char_p
            text += f" (OpenBLAS kernels: {library.openblas_get_corename().decode()}"
            text += f", OPENBLAS_CORETYPE={os.environ['OPENBLAS_CORETYPE']})" if "OPENBLAS_CORETYPE" in os.environ else ")"
            break
    return text


def measure(arguments, threads):
    import torch
    torch.set_num_threads(threads)
    features, labels, description = load_samples(arguments, torch)
    count = len(labels)
    print(f"bench-pytorch.py: torch {torch.__version__}; threads {torch.get_num_threads()}; {count} images per epoch; "
          f"batch {arguments.batch}; dropout {arguments.dropout}; data: {description}", flush=True)
    model, optimizer = build(arguments, torch)
    print(f"    BLAS: {blas_description()}", flush=True)
    # Warm-up: first-touch allocations and the BLAS thread pool start outside the timed epochs, as the engine's
    # WarmUp does before its dense epochs.
    warm, _, _ = train(model, optimizer, features, labels, arguments.batch, torch, max_batches=10)
    print(f"    warm-up: 10 batches in {warm:.3f} s", flush=True)
    seconds = []
    for epoch in range(arguments.epochs):
        elapsed, loss, accuracy = train(model, optimizer, features, labels, arguments.batch, torch)
        seconds.append(elapsed)
        print(f"    pytorch, {threads} thread(s): epoch {epoch + 1}: {elapsed:.3f} s, loss {loss:.4f}, train accuracy {accuracy:.2%}", flush=True)
    median = statistics.median(seconds)
    gflops = epoch_flops(count) / median / 1e9
    print(f"  PyTorch dense epoch, {threads} thread(s): {median:.3f} s (median of {len(seconds)} epochs: "
          f"{', '.join(f'{s:.3f}' for s in sorted(seconds))}); {gflops:.1f} GFLOP/s "
          f"({epoch_flops(count) / 1e12:.3f} TFLOP per epoch)", flush=True)
    print(f"RESULT threads={threads} seconds={median:.6f} gflops={gflops:.3f} images={count}", flush=True)


def main():
    arguments = parse_arguments()
    if len(arguments.thread_counts) == 1 and os.environ.get("BENCH_PYTORCH_CHILD") == "1":
        measure(arguments, arguments.thread_counts[0])
        return
    for threads in arguments.thread_counts:
        # A fresh process per thread count: OpenMP and OpenBLAS size their pools when they load.
        environment = dict(os.environ, BENCH_PYTORCH_CHILD="1", OMP_NUM_THREADS=str(threads),
                           OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
        if "OPENBLAS_CORETYPE" not in environment and openblas_core_type():
            environment["OPENBLAS_CORETYPE"] = openblas_core_type()
        child = [a for a in sys.argv[1:]]
        for i, a in enumerate(child):
            if a.startswith("--threads="):
                child[i] = f"--threads={threads}"
            elif a == "--threads" and i + 1 < len(child):
                child[i + 1] = str(threads)
        if not any(a == "--threads" or a.startswith("--threads=") for a in child):
            child += ["--threads", str(threads)]
        subprocess.run([sys.executable, os.path.abspath(__file__)] + child, env=environment, check=True)


if __name__ == "__main__":
    main()
