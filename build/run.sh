#!/usr/bin/env bash
# The README's main command: sets up, then runs
#   build/run.sh [study options]        the study (adaptive vs static vs dense, robustness, topology; quick preset,
#                                       --full for the citable run), report in out/
#   build/run.sh train [train options]  the reference network on MNIST (or --dataset fashion-mnist) through ML.NET
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build/setup.sh
export SPARSEADAPTIVE_DATA="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ "${1:-}" == "train" ]]; then
    shift
    exec dotnet run -c Release --project examples/SparseAdaptive.Examples.Mnist -- "$@"
fi
exec dotnet run -c Release --project examples/SparseAdaptive.Study -- "$@"
