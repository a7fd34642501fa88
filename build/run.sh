#!/usr/bin/env bash
# The README's main command: sets up (SDK check, restore, data), then runs
#   build/run.sh [study options]        the study (adaptive vs static vs dense, robustness, topology; quick preset,
#                                       --full for the citable run): its missing cells, then the report in out/
#   build/run.sh plan|run|report ...    one step of the study: list its cells, run some (--cells, --shard K/N),
#                                       or write the report from stored cells (--from DIR merges directories)
#   build/run.sh train [train options]  the reference network on MNIST (or --dataset fashion-mnist) through ML.NET
#   build/run.sh --help                 this text, at once
#   build/run.sh [train] ... --help     the options of the study or of train (builds the program; no data needed)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,/^[^#]/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit 0
fi
# A program's --help needs it built (dotnet run restores), not the data.
wants_help=false
for argument in "$@"; do
  [[ "$argument" == "--help" || "$argument" == "-h" || "$argument" == "-?" ]] && wants_help=true
done
[[ "$wants_help" == true ]] || build/setup.sh
export SPARSEADAPTIVE_DATA="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [[ "${1:-}" == "train" ]]; then
    shift
    exec dotnet run -c Release --project examples/SparseAdaptive.Examples.Mnist -- "$@"
fi
exec dotnet run -c Release --project examples/SparseAdaptive.Study -- "$@"
