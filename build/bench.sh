#!/usr/bin/env bash
# Sets up (SDK, packages, data), builds the benchmark program in Release and runs it; prints one Markdown table with
# ratios against baselines measured in the same run. Arguments go to the program:
#   build/bench.sh                 MNIST epoch (sparse vs dense, 1 vs 2 threads), profile, kernels, rewiring, memory, inference
#   build/bench.sh --scale         100k-neuron hidden layers at 99.9% sparsity on synthetic data (add --scale-1m for 1M)
#   build/bench.sh --scoring       ML.NET scoring: fitted, loaded with Load and with LoadSparseAdaptive
#   build/bench.sh --attack        PGD through ML.NET on the reference network: rows/s and ratio to clean scoring, same run
#   build/bench.sh --micro         BenchmarkDotNet micro-benchmarks of the layer kernels
#   build/bench.sh --pytorch [--data DIR] [--pytorch-epochs N]
#                                  the dense epoch against PyTorch's on this machine: installs PyTorch if missing
#                                  (build/pytorch.sh), runs the program's --epoch table (whose dense rows are the
#                                  engine's figures), then build/bench-pytorch.py on the same images, batch and thread
#                                  counts; ends with threads, both epochs and PyTorch/ours. --data DIR: the MNIST
#                                  cache both read (a smaller copy makes a smoke run; the program needs ≥ 6400
#                                  images); --pytorch-epochs N: PyTorch epochs timed per thread count (median; 3)
# The table is also kept in artifacts/bench/ (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pytorch=false
pytorch_epochs=3
program_args=("$@")
if [[ "${1:-}" == "--pytorch" ]]; then
  pytorch=true
  program_args=(--epoch)
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --data)
        [[ $# -ge 2 ]] || { echo "bench.sh: ERROR: --data needs a directory" >&2; exit 2; }
        program_args+=(--data "$2")
        data_override="$2"
        shift 2
        ;;
      --pytorch-epochs)
        [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: ERROR: --pytorch-epochs needs a positive count" >&2; exit 2; }
        pytorch_epochs="$2"
        shift 2
        ;;
      *) echo "bench.sh: ERROR: unknown argument '$1' after --pytorch (only --data DIR, --pytorch-epochs N)" >&2; exit 2 ;;
    esac
  done
fi

build/setup.sh
export SPARSEADAPTIVE_DATA="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# One code-generation regime for every measurement, sparse and dense alike (also set in the project's runtimeconfig).
export DOTNET_TieredPGO=0

if $pytorch; then
  # Before the engine's run, so that a failed installation costs nothing; its report goes to the terminal.
  python=$(build/pytorch.sh)
fi

dotnet build build/Benchmarks/SparseAdaptive.Benchmarks.csproj -c Release --no-restore --verbosity quiet --nologo
mkdir -p artifacts/bench
output="artifacts/bench/bench-$(date +%Y%m%d-%H%M%S)$($pytorch && echo -pytorch || true).md"
dotnet build/Benchmarks/bin/Release/net10.0/SparseAdaptive.Benchmarks.dll "${program_args[@]}" | tee "$output"

if $pytorch; then
  # The engine's dense figures come from the --epoch table's console lines ("  Epoch, dense kernels, 1 thread: 9.87 s
  # (full epoch)"): the program stays the one source of them, and its formatting (three significant digits) is kept.
  figure() { sed -n "s/^  $1: \([0-9.]*\) .*/\1/p" "$output" | head -n 1; }
  images=$(sed -n 's/^== Dense MNIST epoch (\([0-9]*\) images.*/\1/p' "$output" | head -n 1)
  [[ -n "$images" ]] || { echo "bench.sh: ERROR: no dense epoch section in the program's output ($output)" >&2; exit 1; }
  pytorch_args=(--threads 1,2 --epochs "$pytorch_epochs" --images "$images" --data "${data_override:-$SPARSEADAPTIVE_DATA}")
  echo
  # PyTorch last and right after the engine, on the same images; the first $images of the training set are the
  # ones the program's dense epochs use (MnistData.Head / the whole set).
  "$python" build/bench-pytorch.py "${pytorch_args[@]}" | tee -a "$output"

  {
    echo
    echo "Dense epoch, 784-1000-1000-1000-10, $images images, batch 128: the engine against PyTorch, same run"
    sed -n 's/^== \(Kernels: .*\)/\1/p' "$output" | head -n 1
    grep -m 1 '^bench-pytorch.py: torch' "$output" | sed 's/; threads [0-9]*;/;/'
    echo
    echo "| Threads | Ours, dense epoch (s) | PyTorch, dense epoch (s) | PyTorch / ours | Ours (GFLOP/s) | PyTorch (GFLOP/s) |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for threads in 1 2; do
      if [[ $threads -eq 1 ]]; then ours=$(figure "Epoch, dense kernels, 1 thread"); else ours=$(figure "Epoch, dense kernels, 2 threads"); fi
      ours_gflops=$(figure "Dense kernels, $threads threads\{0,1\}: GFLOP\/s over the whole epoch")
      read -r theirs theirs_gflops < <(sed -n "s/^RESULT threads=$threads seconds=\([0-9.]*\) gflops=\([0-9.]*\) .*/\1 \2/p" "$output" | tail -n 1) || true
      [[ -n "$ours" && -n "${theirs:-}" ]] || { echo "bench.sh: ERROR: a $threads-thread figure is missing from $output" >&2; exit 1; }
      awk -v t="$threads" -v o="$ours" -v p="$theirs" -v og="$ours_gflops" -v pg="$theirs_gflops" \
        'BEGIN { printf "| %d | %s | %.3g | %.2f× | %s | %.3g |\n", t, o, p, p / o, og, pg }'
    done
    echo
    echo "PyTorch / ours above 1 means the engine's dense epoch is faster."
  } | tee -a "$output"
fi
echo "bench.sh: results kept in $output" >&2
