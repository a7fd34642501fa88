#!/usr/bin/env bash
# The validation search behind the dense baselines' settings (DenseDefaults.cs, docs/results/validation-search.md):
# one of the study's dense kinds (KIND: dense, the default, or dense-equal) alone on one data set (DATASET, default mnist), seed 0, the first TRAIN_COUNT training images
# (default 10,000; 60000 for the whole training set; a sixth held out for validation), at most EPOCHS epochs (default 15)
# with early stopping; the best validation accuracy of each configuration is appended to the CSV given as first
# argument. Training stops after PATIENCE epochs (default 3) without a better validation accuracy; the best epoch's
# network is the one kept. Sweeps are cut to a minimum: only the validation accuracy is read.
#   dense-search.sh CSV < grid        (one line per configuration: learning rate, dropout, L2)
# THREADS (default 0, all cores) sets --threads, so that two searches can share the cores.
# SEARCH_BIN may name a copy of the study's build output, so that rebuilding during the search changes nothing.
set -euo pipefail
csv="$1"
if [[ -n "${SEARCH_BIN:-}" ]]; then
    program=(dotnet "$SEARCH_BIN/SparseAdaptive.Study.dll")
else
    program=(dotnet run -c Release --no-build --project examples/SparseAdaptive.Study --)
fi
kind="${KIND:-dense}"
dataset="${DATASET:-mnist}"
train_count="${TRAIN_COUNT:-10000}"
epochs="${EPOCHS:-15}"
patience="${PATIENCE:-3}"
threads="${THREADS:-0}"
[[ -f "$csv" ]] || echo "kind,dataset,train_images,max_epochs,patience,learning_rate,dropout,l2,best_epoch,best_validation_accuracy" > "$csv"
while read -r lr dropout l2; do
    [[ -z "$lr" || "$lr" == \#* ]] && continue
    out=$(mktemp -d)
    nice "${program[@]}" --datasets "$dataset" --train-count "$train_count" --kinds "$kind" --seeds 1 --threads "$threads" \
        --"$kind"-epochs "$epochs" --patience "$patience" --"$kind"-learning-rate "$lr" --"$kind"-dropout "$dropout" --"$kind"-l2 "$l2" \
        --removal 0,0.5 --shuffle 0,0.5 --epsilons 0,0.05 --sweep-count 100 --sweep-seeds 1 --output "$out" > /dev/null
    best=$(awk -F, 'NR > 1 && $8 > best { best = $8; epoch = $4 } END { print epoch "," best }' "$out/epochs.csv")
    echo "$kind,$dataset,$train_count,$epochs,$patience,$lr,$dropout,$l2,$best" | tee -a "$csv"
    rm -rf "$out"
done
