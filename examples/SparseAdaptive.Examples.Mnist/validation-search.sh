#!/usr/bin/env bash
# The validation search behind the SET defaults (docs/results/validation-search.md): every configuration trains on
# 50,000 training images and is scored on the other 10,000 (seeded split), never on the test set.
#   validation-search.sh CSV DATASET [options for every run] < grid     (one configuration of trainer options a line)
# appends one row per run to CSV. Run from the repository root after build/setup.sh. SEARCH_BIN may name a copy of the
# example's build output, so that rebuilding the repository during a long search does not change the program mid-way.
set -euo pipefail
csv="$1"
dataset="$2"
shift 2
if [[ -n "${SEARCH_BIN:-}" ]]; then
    program=(dotnet "$SEARCH_BIN/SparseAdaptive.Examples.Mnist.dll")
else
    program=(dotnet run -c Release --no-build --project examples/SparseAdaptive.Examples.Mnist --)
fi
while read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    echo "== $dataset $line $*"
    # shellcheck disable=SC2086
    nice "${program[@]}" --dataset "$dataset" --validation 0.1666667 --csv "$csv" $line "$@" | grep -E "accuracy|near-blank"
done
