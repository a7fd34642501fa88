#!/usr/bin/env bash
# Submits the study to Slurm: one array job per stage of the plan (training cells, then the transfer attacks that read
# their networks), each stage after the previous one succeeded, then the report step. Prints the job ids; the report
# (report.md, CSVs, charts) appears in the output directory when the last job ends. Running it again after a failure
# submits the same plan: complete cells are skipped.
#
#   build/slurm/submit.sh [--tasks N] [--cpus-per-task C] [-- sbatch options ...] -- study options
#   e.g. build/slurm/submit.sh --tasks 16 --cpus-per-task 2 -- --partition=short -- --full --output /scratch/me/study --data /scratch/me/data
#
# --tasks N         at most N array tasks per stage (default: one per cell of the stage)
# --cpus-per-task C CPUs (and engine threads) per task (default 2)
# SPARSEADAPTIVE_STUDY: the study command (default: sparseadaptive-study, the .NET tool; e.g. "dotnet /path/SparseAdaptive.Study.dll")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

tasks=""
cpus=2
sbatch_options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --cpus-per-task) cpus="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "submit.sh: unknown option '$1' (the study's options come after --)" >&2; exit 2 ;;
  esac
done
# A second -- separates sbatch options from the study's.
if [[ " $* " == *" -- "* ]]; then
  while [[ "$1" != "--" ]]; do sbatch_options+=("$1"); shift; done
  shift
fi
study_options=("$@")
[[ -z "$tasks" || "$tasks" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --tasks takes a positive whole number; got '$tasks'" >&2; exit 2; }
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --cpus-per-task takes a positive whole number; got '$cpus'" >&2; exit 2; }
read -r -a study <<<"${SPARSEADAPTIVE_STUDY:-sparseadaptive-study}"
export SPARSEADAPTIVE_STUDY="${study[*]}"

# The plan: one line per cell, "number stage estimate state name (label)", then a summary line.
plan="$("${study[@]}" plan "${study_options[@]}")"
echo "$plan" | tail -n 1
mapfile -t stages < <(awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ {print $2}' <<<"$plan" | sort -n | uniq -c | awk '{print $2 ":" $1}')

# The array tasks' logs go beside the results.
output="$(sed -n 's/.* for those not complete in \(.*\)\.$/\1/p' <<<"$plan")"
[[ -n "$output" ]] || { echo "submit.sh: the plan did not name its output directory:" >&2; echo "$plan" | tail -n 1 >&2; exit 1; }
mkdir -p "$output/slurm"

dependency=()
for entry in "${stages[@]}"; do
  stage="${entry%%:*}"
  cells="${entry##*:}"
  count=$cells
  [[ -z "$tasks" || $tasks -ge $cells ]] || count=$tasks
  job=$(sbatch --parsable "${sbatch_options[@]}" "${dependency[@]}" --array="0-$((count - 1))" --cpus-per-task="$cpus" \
    --job-name="sparseadaptive-stage$stage" --output="$output/slurm/stage$stage-%A_%a.out" \
    "$here/study-array.sh" "$stage" "${study_options[@]}")
  job="${job%%;*}"
  echo "stage $stage: $cells cells in $count tasks, job $job"
  # A failed stage cancels what waits on it instead of leaving it pending forever.
  dependency=(--dependency="afterok:$job" --kill-on-invalid-dep=yes)
done
report=$(sbatch --parsable "${sbatch_options[@]}" "${dependency[@]}" --cpus-per-task=1 --job-name=sparseadaptive-report \
  --output="$output/slurm/report-%j.out" --wrap="$(printf '%q ' "${study[@]}" report "${study_options[@]}")")
report="${report%%;*}"
echo "report: job $report, writes $output/report.md"
