#!/usr/bin/env bash
# Sets up, then runs the MNIST example; arguments are passed to the example.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build/setup.sh
export SPARSEADAPTIVE_DATA="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run -c Release --project examples/SparseAdaptive.Examples.Mnist -- "$@"
