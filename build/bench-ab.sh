#!/usr/bin/env bash
# The reference sparse MNIST epoch of two commits, measured in one interleaved run: this VM's speed drifts by tens of
# percent from minute to minute, so figures from separate runs cannot be compared, but runs alternated A, B, A, B...
# see the same drift. Both sides run this commit's build/EpochComparison program, built against each commit's engine.
#   build/bench-ab.sh BASE [HEAD] [--rounds N] [--trainings N] [--threads "1 2"]
# BASE and HEAD are commits (HEAD defaults to the checked-out one); each round runs every thread count on both sides,
# each process timing --trainings one-epoch trainings after a warm-up. Ends with a Markdown table: per side and thread
# count the fastest and the median training over all rounds, and HEAD / BASE. Forced 256-bit vectors:
#   DOTNET_EnableAVX512=0 build/bench-ab.sh BASE
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 && "$1" != -* ]] || usage
base="$1"; shift
head=HEAD
if [[ $# -ge 1 && "$1" != -* ]]; then head="$1"; shift; fi
rounds=3; trainings=3; thread_counts="1 2"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; rounds="$2"; shift 2 ;;
    --trainings) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || usage; trainings="$2"; shift 2 ;;
    --threads) [[ "${2:-}" =~ ^[1-9][0-9\ ]*$ ]] || usage; thread_counts="$2"; shift 2 ;;
    *) echo "bench-ab.sh: ERROR: unknown argument '$1'" >&2; usage ;;
  esac
done

build/setup.sh
export SPARSEADAPTIVE_DATA="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_TieredPGO=0

work=$(mktemp -d)
cleanup() {
  for side in base head; do git worktree remove --force "$work/$side" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

declare -A commit
commit[base]=$(git rev-parse --verify "$base^{commit}")
commit[head]=$(git rev-parse --verify "$head^{commit}")
for side in base head; do
  git worktree add --detach --quiet "$work/$side" "${commit[$side]}"
  [[ -f "$work/$side/src/SparseAdaptive.Engine/SparseAdaptive.Engine.csproj" ]] \
    || { echo "bench-ab.sh: ERROR: commit ${commit[$side]} has no src/SparseAdaptive.Engine" >&2; exit 1; }
  # This commit's program, placed in the side's tree: it builds with that tree's settings against that tree's engine.
  cp -r build/EpochComparison "$work/$side/build/EpochComparisonAB"
  rm -rf "$work/$side/build/EpochComparisonAB/bin" "$work/$side/build/EpochComparisonAB/obj"
  dotnet build "$work/$side/build/EpochComparisonAB/SparseAdaptive.EpochComparison.csproj" -c Release --verbosity quiet --nologo \
    -o "$work/$side-out" >&2
done

echo "base ${commit[base]}, head ${commit[head]}; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
results="$work/results"
for ((round = 1; round <= rounds; round++)); do
  for threads in $thread_counts; do
    for side in base head; do
      line=$(dotnet "$work/$side-out/SparseAdaptive.EpochComparison.dll" "$threads" "$trainings" | grep '^RESULT')
      echo "round $round, $side, $line"
      echo "$side $threads ${line##*seconds=}" >> "$results"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" "$thread_counts" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
print()
print("| Threads | Base fastest (s) | Base median (s) | Head fastest (s) | Head median (s) | Head / base, fastest | Head / base, median |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for threads in sys.argv[2].split():
    times = {side: sorted(float(s) for r in rows if r[0] == side and r[1] == threads for s in r[2].split(",")) for side in ("base", "head")}
    b, h = times["base"], times["head"]
    print(f"| {threads} | {b[0]:.3f} | {statistics.median(b):.3f} | {h[0]:.3f} | {statistics.median(h):.3f} | "
          f"{h[0] / b[0]:.3f}x | {statistics.median(h) / statistics.median(b):.3f}x |")
PY
