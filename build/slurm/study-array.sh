#!/usr/bin/env bash
# One task of a Slurm array job that runs one stage of the study's cells: task K of N runs part K of N of the stage's
# cells (balanced by estimated time; the complete ones are skipped), with as many engine threads as the task has CPUs.
# submit.sh submits it; by hand:
#   sbatch --array=0-15 --cpus-per-task=2 build/slurm/study-array.sh STAGE [study options: --full, --output DIR, --data DIR, ...]
# SPARSEADAPTIVE_STUDY is the study command (default: sparseadaptive-study, the .NET tool).
#SBATCH --job-name=sparseadaptive-study
#SBATCH --cpus-per-task=2
set -euo pipefail
stage="$1"
shift
read -r -a study <<<"${SPARSEADAPTIVE_STUDY:-sparseadaptive-study}"
echo "study-array.sh: stage $stage, part ${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT} on $(hostname -s), ${SLURM_CPUS_PER_TASK:-all} CPUs"
exec "${study[@]}" run "$@" --stage "$stage" --shard "${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}" --threads "${SLURM_CPUS_PER_TASK:-0}"
