#!/usr/bin/env bash
# Sets up (SDK, packages, data), builds the benchmark program in Release and runs it; prints one Markdown table with
# ratios against baselines measured in the same run. Arguments go to the program:
#   build/bench.sh                 MNIST epoch (sparse vs dense, 1 vs 2 threads), profile, kernels, rewiring, memory, inference
#   build/bench.sh --scale         100k-neuron hidden layers at 99.9% sparsity on synthetic data (add --scale-1m for 1M)
#   build/bench.sh --micro         BenchmarkDotNet micro-benchmarks of the layer kernels
# The table is also kept in artifacts/bench/ (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build/setup.sh
export SPARSEADAPTIVE_DATA="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# One code-generation regime for every measurement, sparse and dense alike (also set in the project's runtimeconfig).
export DOTNET_TieredPGO=0

dotnet build build/Benchmarks/SparseAdaptive.Benchmarks.csproj -c Release --no-restore --verbosity quiet --nologo
mkdir -p artifacts/bench
output="artifacts/bench/bench-$(date +%Y%m%d-%H%M%S).md"
dotnet build/Benchmarks/bin/Release/net10.0/SparseAdaptive.Benchmarks.dll "$@" | tee "$output"
echo "bench.sh: results kept in $output" >&2
