#!/usr/bin/env python3
"""Seconds per training epoch of the dense reference network in PyTorch at its best on this machine: the baseline of
`build/bench.sh --pytorch`.

It mirrors the dense epoch of the benchmark program (build/Benchmarks/EpochBenchmark.cs, RunDensePaths, timed by
NetworkTrainer.Train): 784-1000-1000-1000-10, ReLU hidden layers with dropout 0.1 on their outputs, softmax
cross-entropy, momentum SGD (learning rate 0.2 = the cosine schedule's first epoch, momentum 0.9, L2 2e-4 on the
weights and not the biases, v = mu*v + g + lambda*w as torch.optim.SGD does), batches of 128 with the last one
partial, the samples reshuffled every epoch, and the training loss and accuracy summed as the engine does. Its GFLOP/s
use the program's FLOP count: 2 * images * (3 * links - links of the first layer), since neither computes the
gradient of the inputs.

A baseline is only honest at its best, and PyTorch's speed here is mostly its BLAS's: Debian's torch calls the
system's libblas.so.3 (OpenBLAS, installed by build/pytorch.sh), and OpenBLAS's kernels depend on the core type it
picks or is given (OPENBLAS_CORETYPE). Its own pick can be poor (0.3.21 fell back to its SSE3 "Prescott" kernels on a
virtual Sapphire Rapids it did not know), a machine's environment may hold it to older kernels (this project's
machines set OPENBLAS_CORETYPE=Haswell for the sake of other programs, and an earlier version of this script kept it,
measuring PyTorch 2.3 times slower than it can be on an AVX-512 machine), and which kernels win is not obvious
(AVX-512 ones are not always faster than AVX2 ones on a given CPU and VM). So every configuration is measured:

  - core types: OpenBLAS's own choice (OPENBLAS_CORETYPE unset), then each type whose kernels the CPU's flags allow
    (SapphireRapids, Cooperlake and SkylakeX with AVX-512; Zen and Haswell with AVX2 and FMA). Types older than
    Haswell (Sandybridge, Prescott, ...) are left out by default: without FMA they do half the work per instruction;
    --cores adds them. A type that runs the same kernels as one already measured (OpenBLAS's own choice is one of
    them; a name this OpenBLAS does not know falls back to its own choice) is listed and not measured twice;
  - thread counts (--threads, 1 and 2 by default), each in a process of its own with OMP_NUM_THREADS and
    OPENBLAS_NUM_THREADS set before torch loads (OpenMP and OpenBLAS size their pools then) and torch.set_num_threads
    (which Debian's OpenMP OpenBLAS follows at every call).

Before it is timed, each configuration's three matrix products (forward, input gradient, weight gradient, at the
epoch's shapes) are checked against float64 sums that do not go through the BLAS: older OpenBLAS builds compute
wrong results or crash on some processors, and a fast wrong baseline is no baseline. A configuration that fails the
check or crashes is reported and left out of the choice.

Every configuration tried is printed with its time, then the fastest within each thread budget (1 thread; at most 2
threads: the fastest of the 1- and 2-thread runs), over all kernels ("any") and over the AVX2 kernels alone ("avx2":
Haswell, Zen), the matching baseline for the engine forced to 256-bit vectors (DOTNET_EnableAVX512=0).

Usage: bench-pytorch.py [--threads 1,2] [--epochs 3] [--images N] [--data DIR] [--cores auto|LIST] [--random]
Lines that build/bench.sh reads:
  RESULT core=C kernels=K threads=T seconds=S gflops=G images=N     one per configuration measured
  BEST set=any|avx2 budget=B core=C kernels=K threads=T seconds=S gflops=G   (or "BEST set=... budget=B none")
where C is the OPENBLAS_CORETYPE given ("default" for OpenBLAS's own choice) and K the kernels OpenBLAS ran.
Exit code 0 when at least one configuration was measured, 1 when none was, 2 for bad arguments.
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

# OpenBLAS core types worth measuring, fastest generation first, with the CPU flags (as /proc/cpuinfo names them) that
# OpenBLAS's own support checks (driver/others/dynamic.c) ask of each. SapphireRapids is known to OpenBLAS 0.3.22 on.
CORE_TYPES = [
    ("SapphireRapids", {"avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_bf16", "amx_bf16"}),
    ("Cooperlake", {"avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512_bf16"}),
    ("SkylakeX", {"avx512f", "avx512bw", "avx512vl", "avx512dq"}),
    ("Zen", {"avx2", "fma"}),
    ("Haswell", {"avx2", "fma"}),
]
# Kernels that run on 256-bit vectors (Zen runs OpenBLAS's Haswell kernels with its own block sizes): the baseline
# matching the engine forced to 256 bits.
AVX2_KERNELS = {"Haswell", "Zen"}
DEFAULT = "default"  # the label of OpenBLAS's own choice (OPENBLAS_CORETYPE unset)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts, each measured (default 1,2)")
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs per configuration; the median is reported (default 3)")
    parser.add_argument("--images", type=int, default=0, help="training images per epoch (default: all of MNIST's training set, 60000)")
    parser.add_argument("--data", default=os.environ.get("SPARSEADAPTIVE_DATA", os.path.expanduser("~/.cache/sparseadaptive/data")),
                        help="data directory holding mnist/train-*-ubyte (default: $SPARSEADAPTIVE_DATA or ~/.cache/sparseadaptive/data)")
    parser.add_argument("--cores", default="auto",
                        help="OpenBLAS core types to try: 'auto' (OpenBLAS's own choice and every type the CPU's flags allow, "
                             "newest first) or a comma-separated list, where 'default' is OpenBLAS's own choice (default auto)")
    parser.add_argument("--random", action="store_true", help="random pixels and labels instead of MNIST (same shape; the timing does not depend on the values)")
    parser.add_argument("--batch", type=int, default=128, help="mini-batch size (default 128, as the engine's benchmark)")
    parser.add_argument("--learning-rate", type=float, default=0.2)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--l2", type=float, default=2e-4, help="weight decay on the weights, not the biases")
    parser.add_argument("--dropout", type=float, default=0.1, help="dropout rate on each hidden layer's output")
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    try:
        arguments.thread_counts = sorted({int(t) for t in arguments.threads.split(",") if t.strip()})
    except ValueError:
        parser.error(f"--threads needs comma-separated counts, not '{arguments.threads}'")
    if not arguments.thread_counts or min(arguments.thread_counts) < 1 or arguments.epochs < 1 or arguments.images < 0:
        parser.error("--threads needs positive counts, --epochs at least 1, --images at least 0")
    arguments.core_list = [c.strip() for c in arguments.cores.split(",") if c.strip()]
    if not arguments.core_list or not all(c.isalnum() for c in arguments.core_list):
        parser.error(f"--cores needs 'auto' or comma-separated OpenBLAS core type names, not '{arguments.cores}'")
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


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            return set(next((line.split(":", 1)[1].split() for line in cpuinfo if line.startswith("flags")), []))
    except OSError:
        return set()


def candidate_cores(arguments):
    """The OPENBLAS_CORETYPE values to try, OpenBLAS's own choice first."""
    if arguments.core_list != ["auto"]:
        return list(dict.fromkeys(arguments.core_list))
    flags = cpu_flags()
    return [DEFAULT] + [name for name, needs in CORE_TYPES if needs <= flags]


def child_environment(core, threads, mode):
    environment = dict(os.environ, BENCH_PYTORCH_CHILD=mode, BENCH_PYTORCH_CORE=core, OMP_NUM_THREADS=str(threads),
                       OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    # Whatever the calling environment says (this project's machines set OPENBLAS_CORETYPE=Haswell): the sweep decides.
    environment.pop("OPENBLAS_CORETYPE", None)
    if core != DEFAULT:
        environment["OPENBLAS_CORETYPE"] = core
    return environment


def loaded_blas():
    """Paths of the BLAS libraries mapped into this process (torch loads the system's when a product first runs)."""
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1] for line in maps if "/" in line and
                       any(k in line.split()[-1].lower() for k in ("blas", "mkl", "blis", "atlas"))})


def openblas_kernels():
    """The kernels OpenBLAS runs in this process ("none" without OpenBLAS) and its configuration string."""
    import ctypes
    for path in loaded_blas():
        if "openblas" in os.path.basename(path):
            library = ctypes.CDLL(path)
            library.openblas_get_corename.restype = ctypes.c_char_p
            library.openblas_get_config.restype = ctypes.c_char_p
            return library.openblas_get_corename().decode(), library.openblas_get_config().decode(), library
    return "none", "no OpenBLAS loaded", None


def probe():
    """Child mode: which kernels this environment's OPENBLAS_CORETYPE gives (one line, read by the parent)."""
    import torch
    torch.ones(64, 64) @ torch.ones(64, 64)
    kernels, config, _ = openblas_kernels()
    # The configuration string has spaces: it comes last, and the parent reads it to the end of the line.
    print(f"PROBE kernels={kernels} torch={torch.__version__} blas={','.join(os.path.basename(p) for p in loaded_blas()) or 'none'} "
          f"config={config}", flush=True)


def check_products(torch):
    """The epoch's three kinds of product against float64 sums taken without the BLAS, on 32 sampled columns each;
    a message for the first wrong one, None when all agree to within float32 rounding."""
    generator = torch.Generator().manual_seed(1)
    x = torch.randn(128, 1000, generator=generator)  # a batch of a hidden layer's inputs
    w = torch.randn(1000, 1000, generator=generator)  # a hidden layer's weights (out × in, as torch.nn.Linear)
    d = torch.randn(128, 1000, generator=generator)  # a batch of output gradients
    columns = torch.randperm(1000, generator=generator)[:32]
    products = [("forward x·Wᵀ", torch.nn.functional.linear(x, w), x, w.t()),
                ("input gradient d·W", d @ w, d, w),
                ("weight gradient dᵀ·x", d.t() @ x, d.t(), x)]
    for name, result, a, b in products:
        a64, b64 = a.double(), b.double()[:, columns]
        reference = (a64[:, :, None] * b64[None, :, :]).sum(1)
        scale = (a64.abs()[:, :, None] * b64.abs()[None, :, :]).sum(1)
        error = ((result[:, columns].double() - reference).abs() / scale).max().item()
        # float32 sums of 128-1000 terms stay within about k * 2^-24 of their magnitude; a wrong kernel is far off.
        if not error < 1e-4:
            return f"{name}: relative error {error:.3g}"
    return None


def measure(arguments, threads):
    """Child mode: the check, a warm-up and the timed epochs of one configuration (core type, thread count)."""
    import torch
    torch.set_num_threads(threads)
    core = os.environ.get("BENCH_PYTORCH_CORE", DEFAULT)
    features, labels, description = load_samples(arguments, torch)
    count = len(labels)
    wrong = check_products(torch)
    kernels, _, library = openblas_kernels()
    blas_threads = library.openblas_get_num_threads() if library is not None else "?"
    print(f"bench-pytorch.py: torch {torch.__version__}; OPENBLAS_CORETYPE {os.environ.get('OPENBLAS_CORETYPE', 'unset')}, "
          f"kernels {kernels}; threads: torch {torch.get_num_threads()}, OpenBLAS {blas_threads}, "
          f"OMP_NUM_THREADS {os.environ.get('OMP_NUM_THREADS')}; {count} images per epoch; batch {arguments.batch}; "
          f"dropout {arguments.dropout}; data: {description}", flush=True)
    if wrong is not None:
        print(f"bench-pytorch.py: WRONG RESULTS with OpenBLAS's {kernels} kernels ({wrong}): not timed", flush=True)
        sys.exit(3)
    model, optimizer = build(arguments, torch)
    # Warm-up: first-touch allocations and the thread pools start outside the timed epochs, as the engine's WarmUp does
    # before its dense epochs.
    warm, _, _ = train(model, optimizer, features, labels, arguments.batch, torch, max_batches=10)
    print(f"    warm-up: 10 batches in {warm:.3f} s", flush=True)
    seconds = []
    for epoch in range(arguments.epochs):
        elapsed, loss, accuracy = train(model, optimizer, features, labels, arguments.batch, torch)
        seconds.append(elapsed)
        print(f"    pytorch, {core}/{kernels}, {threads} thread(s): epoch {epoch + 1}: {elapsed:.3f} s, loss {loss:.4f}, "
              f"train accuracy {accuracy:.2%}", flush=True)
    median = statistics.median(seconds)
    gflops = epoch_flops(count) / median / 1e9
    print(f"  PyTorch dense epoch, {core}/{kernels}, {threads} thread(s): {median:.3f} s (median of {len(seconds)} epochs: "
          f"{', '.join(f'{s:.3f}' for s in sorted(seconds))}); {gflops:.1f} GFLOP/s "
          f"({epoch_flops(count) / 1e12:.3f} TFLOP per epoch)", flush=True)
    print(f"RESULT core={core} kernels={kernels} threads={threads} seconds={median:.6f} gflops={gflops:.3f} images={count} "
          f"epochs={','.join(f'{s:.3f}' for s in seconds)}", flush=True)


def run_child(arguments, core, threads, mode):
    """Runs this script in child mode; its lines are passed through and returned with the exit code."""
    # argparse keeps the last --threads, so the child measures this count alone.
    command = [sys.executable, os.path.abspath(__file__)] + sys.argv[1:] + ["--threads", str(threads)]
    child = subprocess.Popen(command, env=child_environment(core, threads, mode), stdout=subprocess.PIPE, text=True)
    lines = []
    for line in child.stdout:
        if mode == "measure":
            print(line, end="", flush=True)
        lines.append(line.rstrip("\n"))
    return child.wait(), lines


def fields(line):
    """The key=value pairs of a RESULT or PROBE line; a PROBE line's config= runs to the end of the line."""
    line, _, config = line.partition(" config=")
    found = dict(item.split("=", 1) for item in line.split()[1:] if "=" in item)
    if config:
        found["config"] = config
    return found


def sweep(arguments):
    cores = candidate_cores(arguments)
    print(f"bench-pytorch.py: OpenBLAS core types to try: {', '.join(cores)} (CPU flags: "
          f"{' '.join(sorted(f for f in cpu_flags() if f.startswith(('avx', 'fma', 'amx'))))}); threads {arguments.threads}",
          flush=True)
    # Which kernels each name gives, before anything is timed: OpenBLAS falls back silently on a name it does not know.
    # Rows are kept per core type, in the order tried, so that the table reads in that order.
    plan, seen, rows, libraries = [], {}, {core: [] for core in cores}, "no configuration ran"
    for core in cores:
        code, lines = run_child(arguments, core, 1, "probe")
        found = [fields(l) for l in lines if l.startswith("PROBE ")]
        if code != 0 or not found:
            rows[core].append((core, "?", "", "", "", f"failed before timing (exit code {code})"))
            continue
        kernels = found[0]["kernels"]
        if kernels in seen:
            rows[core].append((core, kernels, "", "", "", f"not measured again: the same kernels as {seen[kernels]}"))
            continue
        seen[kernels] = "OpenBLAS's own choice" if core == DEFAULT else f"OPENBLAS_CORETYPE={core}"
        plan.append((core, kernels))
        if len(plan) == 1:
            libraries = f"torch {found[0].get('torch', '?')}, BLAS {found[0].get('blas', '?')}, {found[0].get('config', '?')}"
        print(f"bench-pytorch.py: {seen[kernels]} runs {kernels} kernels ({found[0].get('config', '?')})", flush=True)

    results = []
    for core, kernels in plan:
        for threads in arguments.thread_counts:
            print(f"\n-- PyTorch, {'OpenBLAS own choice' if core == DEFAULT else 'OPENBLAS_CORETYPE=' + core} "
                  f"({kernels} kernels), {threads} thread(s)", flush=True)
            code, lines = run_child(arguments, core, threads, "measure")
            found = [fields(l) for l in lines if l.startswith("RESULT ")]
            if code == 0 and found:
                result = found[-1]
                results.append(result)
                rows[core].append((core, result["kernels"], threads, f"{float(result['seconds']):.3f}", f"{float(result['gflops']):.1f}",
                             "epochs " + result.get("epochs", "").replace(",", ", ")))
            else:
                why = "wrong results (see above)" if code == 3 else f"failed (exit code {code})"
                print(f"bench-pytorch.py: WARNING: {core}/{kernels}, {threads} thread(s): {why}; left out", flush=True)
                rows[core].append((core, kernels, threads, "", "", why))
    return [row for core in cores for row in rows[core]], results, libraries


def summarise(arguments, rows, results, libraries):
    # The libraries as the first core type tried loaded them (its core's name is in OpenBLAS's configuration string).
    print(f"\nPyTorch: {libraries}")
    print(f"PyTorch dense epoch, every configuration tried (median of {arguments.epochs} epoch(s) after a 10-batch warm-up; "
          "threads = torch.set_num_threads = OMP_NUM_THREADS = OPENBLAS_NUM_THREADS):\n")
    print("| OPENBLAS_CORETYPE | OpenBLAS kernels | Threads | Epoch (s) | GFLOP/s | Note |")
    print("|---|---|---:|---:|---:|---|")
    for core, kernels, threads, seconds, gflops, note in rows:
        label = "unset (OpenBLAS's own choice)" if core == DEFAULT else core
        print(f"| {label} | {kernels} | {threads} | {seconds} | {gflops} | {note} |")
    print()
    for kernel_set in ("any", "avx2"):
        for budget in arguments.thread_counts:
            eligible = [r for r in results if int(r["threads"]) <= budget and (kernel_set == "any" or r["kernels"] in AVX2_KERNELS)]
            if not eligible:
                print(f"BEST set={kernel_set} budget={budget} none")
                continue
            best = min(eligible, key=lambda r: float(r["seconds"]))
            print(f"BEST set={kernel_set} budget={budget} core={best['core']} kernels={best['kernels']} threads={best['threads']} "
                  f"seconds={best['seconds']} gflops={best['gflops']}")


def main():
    arguments = parse_arguments()
    mode = os.environ.get("BENCH_PYTORCH_CHILD")
    if mode == "probe":
        probe()
        return 0
    if mode == "measure":
        measure(arguments, arguments.thread_counts[-1])
        return 0
    rows, results, libraries = sweep(arguments)
    summarise(arguments, rows, results, libraries)
    if not results:
        print(f"bench-pytorch.py: ERROR: no configuration could be measured (does {sys.executable} import torch? "
              "build/pytorch.sh prints the Python that does)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
