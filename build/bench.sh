#!/usr/bin/env bash
# Sets up (SDK, packages, data), builds the benchmark program in Release and runs it; prints one Markdown table with
# ratios against baselines measured in the same run. Arguments go to the program:
#   build/bench.sh                 MNIST epoch (sparse vs dense, 1 vs 2 threads), profile, kernels, rewiring, memory, inference
#   build/bench.sh --scale         100k-neuron hidden layers at 99.9% sparsity on synthetic data (add --scale-1m for 1M)
#   build/bench.sh --scoring       ML.NET scoring: fitted, loaded with Load and with LoadSparseAdaptive
#   build/bench.sh --attack        PGD through ML.NET on the reference network: rows/s and ratio to clean scoring, same run,
#                                  then PGD's phases in the engine (forward, input gradient, step) on one batch
#   build/bench.sh --attack-phases only PGD's phases in the engine
#   build/bench.sh --micro         BenchmarkDotNet micro-benchmarks of the layer kernels
#   build/bench.sh --pytorch [--avx2] [--engine-once] [--data DIR] [--pytorch-epochs N] [--pytorch-cores LIST]
#                                  the dense epoch against PyTorch's at its best on this machine: installs PyTorch if
#                                  missing (build/pytorch.sh), runs the program's --epoch table (whose dense rows are
#                                  the engine's figures), then build/bench-pytorch.py on the same images and batch,
#                                  which times every OpenBLAS core type the CPU allows (and OpenBLAS's own choice) on 1
#                                  and 2 threads and prints each, then the engine's table again; ends with the engine
#                                  against PyTorch's fastest per thread budget (1 thread; at most 2 threads).
#                                  The engine runs before and after PyTorch because this VM's speed drifts by tens of
#                                  percent within minutes: its two figures show how far, and the ratio uses their mean.
#                                  --avx2: the engine's runs also with 256-bit vectors (DOTNET_EnableAVX512=0),
#                                  compared with PyTorch on OpenBLAS's AVX2 kernels (Haswell, Zen) as well as with its
#                                  overall best (a run whose engine is on 256-bit vectors anyway, by the caller's
#                                  switch or the CPU, gets the same two comparisons); --engine-once: no engine run
#                                  after PyTorch (quicker, blind to drift); --data DIR: the MNIST cache both read (a
#                                  smaller copy makes a smoke run; the program needs ≥ 6400 images);
#                                  --pytorch-epochs N: PyTorch epochs timed per configuration (median; 3);
#                                  --pytorch-cores LIST: OpenBLAS core types to try ('auto', the default: its own
#                                  choice and every type the CPU's flags allow; or names, 'default' = its own choice)
# The table is also kept in artifacts/bench/ (git-ignored).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pytorch=false
avx2=false
engine_once=false
pytorch_epochs=3
pytorch_cores=auto
program_args=("$@")
if [[ "${1:-}" == "--pytorch" ]]; then
  pytorch=true
  program_args=(--epoch)
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --avx2)
        avx2=true
        shift
        ;;
      --engine-once)
        engine_once=true
        shift
        ;;
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
      --pytorch-cores)
        [[ $# -ge 2 && "$2" =~ ^[A-Za-z0-9]+(,[A-Za-z0-9]+)*$ ]] \
          || { echo "bench.sh: ERROR: --pytorch-cores needs 'auto' or comma-separated OpenBLAS core type names" >&2; exit 2; }
        pytorch_cores="$2"
        shift 2
        ;;
      *) echo "bench.sh: ERROR: unknown argument '$1' after --pytorch (only --avx2, --engine-once, --data DIR, --pytorch-epochs N, --pytorch-cores LIST)" >&2; exit 2 ;;
    esac
  done
  # The second engine run would repeat the first: say so rather than time the same thing twice.
  if $avx2 && [[ "${DOTNET_EnableAVX512:-}" == "0" || "${DOTNET_PreferredVectorBitWidth:-}" == "256" ]]; then
    echo "bench.sh: ERROR: --avx2 adds a 256-bit run of the engine, but this environment already forces 256-bit vectors" \
         "(DOTNET_EnableAVX512 / DOTNET_PreferredVectorBitWidth): drop --avx2 or the switch" >&2
    exit 2
  fi
  if $avx2 && ! grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    echo "bench.sh: --avx2: this CPU has no AVX-512, so the engine's only run is already on 256-bit vectors" >&2
    avx2=false
  fi
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
program=build/Benchmarks/bin/Release/net10.0/SparseAdaptive.Benchmarks.dll
if ! $pytorch; then
  dotnet "$program" "${program_args[@]}" | tee "$output"
  echo "bench.sh: results kept in $output" >&2
  exit 0
fi

# --pytorch: each engine run's console output also goes to a file of its own, from which its figures are read.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
widths=(native)
$avx2 && widths+=(256)
: > "$output"
# One engine run: width native or 256, round before or after (PyTorch).
engine() {
  local width=$1 round=$2 title
  title="== The engine, $([[ $width == 256 ]] && echo '256-bit vectors (DOTNET_EnableAVX512=0)' || echo 'native vectors'), $round PyTorch"
  printf '\n%s\n' "$title" | tee -a "$output"
  if [[ "$width" == 256 ]]; then
    DOTNET_EnableAVX512=0 dotnet "$program" "${program_args[@]}" | tee "$work/engine-$width-$round.txt"
  else
    dotnet "$program" "${program_args[@]}" | tee "$work/engine-$width-$round.txt"
  fi
  cat "$work/engine-$width-$round.txt" >> "$output"
}
for width in "${widths[@]}"; do engine "$width" before; done

images=$(sed -n 's/^== Dense MNIST epoch (\([0-9]*\) images.*/\1/p' "$work/engine-native-before.txt" | head -n 1)
[[ -n "$images" ]] || { echo "bench.sh: ERROR: no dense epoch section in the program's output ($output)" >&2; exit 1; }
pytorch_args=(--threads 1,2 --epochs "$pytorch_epochs" --images "$images" --cores "$pytorch_cores"
              --data "${data_override:-$SPARSEADAPTIVE_DATA}")
echo
# PyTorch between the engine's runs, on the same images: the first $images of the training set are the ones the
# program's dense epochs use (MnistData.Head / the whole set). Its exit code is 1 when no configuration could be
# measured, and set -e ends the run with its message.
"$python" build/bench-pytorch.py "${pytorch_args[@]}" | tee "$work/pytorch.txt"
{ echo; cat "$work/pytorch.txt"; } >> "$output"

rounds=(before)
if ! $engine_once; then
  rounds+=(after)
  # In the reverse order, so that each width's two runs sit about as far from PyTorch's.
  for (( i = ${#widths[@]} - 1; i >= 0; i-- )); do engine "${widths[$i]}" after; done
fi

# The engine's dense figures come from the --epoch table's console lines ("  Epoch, dense kernels, 1 thread: 9.87 s
# (full epoch)"): the program stays the one source of them, and its formatting (three significant digits) is kept.
figure() { sed -n "s/^  $2: \([0-9.]*\) .*/\1/p" "$1" | head -n 1; }
# The mean of figures given as "7.48 7.52", to three significant digits.
mean() { awk -v r="$1" 'BEGIN { n = split(r, v, " "); for (i = 1; i <= n; i++) s += v[i]; printf "%.3g", s / n }'; }
# "BEST set=any budget=2 core=default kernels=Cooperlake threads=1 seconds=7.41 gflops=123" -> the value of one key.
best() { sed -n "s/^BEST set=$1 budget=$2 .*$3=\([^ ]*\).*/\1/p" "$work/pytorch.txt" | tail -n 1; }
describe() {
  local core kernels threads
  core=$(best "$1" "$2" core); kernels=$(best "$1" "$2" kernels); threads=$(best "$1" "$2" threads)
  [[ "$core" == default ]] && core="own choice" || core="OPENBLAS_CORETYPE=$core"
  echo "$kernels kernels ($core), $threads thread(s)"
}
# The epoch's FLOP count from the engine's section title ("(0.912 TFLOP per epoch)"), for the GFLOP/s of a mean.
tflop=$(sed -n 's/^== Dense MNIST epoch .*(\([0-9.]*\) TFLOP per epoch).*/\1/p' "$work/engine-native-before.txt" | head -n 1)
[[ -n "$tflop" ]] || { echo "bench.sh: ERROR: no FLOP count in the dense epoch's title ($output)" >&2; exit 1; }

{
  echo
  echo "Dense epoch, 784-1000-1000-1000-10, $images images, batch 128: the engine against PyTorch's fastest configuration, same run"
  echo "$(grep -m 1 '^model name' /proc/cpuinfo | sed 's/^model name[[:space:]]*: //'), $(nproc) vCPUs; $(uptime | sed 's/.*load average/load average/')"
  for width in "${widths[@]}"; do
    sed -n 's/^== \(Kernels: .*\)/Engine: \1/p' "$work/engine-$width-before.txt" | head -n 1
  done
  grep -m 1 '^PyTorch: ' "$work/pytorch.txt"
  echo
  if $engine_once; then
    echo "| Engine's vectors | Thread budget | Ours, dense epoch (s) | PyTorch's fastest (s) | PyTorch's configuration | PyTorch / ours | Ours (GFLOP/s) | PyTorch (GFLOP/s) |"
  else
    echo "| Engine's vectors | Thread budget | Ours, dense epoch (s): mean (before / after PyTorch) | PyTorch's fastest (s) | PyTorch's configuration | PyTorch / ours (before – after) | Ours (GFLOP/s) | PyTorch (GFLOP/s) |"
  fi
  echo "|---|---|---:|---:|---|---:|---:|---:|"
  drift=""
  for width in "${widths[@]}"; do
    vectors=$(sed -n 's/^== Kernels: \([0-9]*-bit\) vectors.*/\1/p' "$work/engine-$width-before.txt" | head -n 1)
    [[ -n "$vectors" ]] || { echo "bench.sh: ERROR: no 'Kernels:' line in the engine's output ($output)" >&2; exit 1; }
    [[ "$width" == 256 ]] && label="$vectors (DOTNET_EnableAVX512=0)" || label="$vectors"
    # Each thread count's figures over the rounds, as "7.48 7.52".
    declare -A runs=()
    for threads in 1 2; do
      [[ $threads -eq 1 ]] && name="Epoch, dense kernels, 1 thread" || name="Epoch, dense kernels, 2 threads"
      runs[$threads]=""
      for round in "${rounds[@]}"; do
        value=$(figure "$work/engine-$width-$round.txt" "$name")
        [[ -n "$value" ]] || { echo "bench.sh: ERROR: '$name' is missing from the engine's output ($output)" >&2; exit 1; }
        runs[$threads]+="$value "
      done
      # A change of more than 10% between the runs before and after PyTorch is the machine's, not the code's.
      drift+=$(awk -v r="${runs[$threads]}" -v l="$label, $threads thread(s)" 'BEGIN { n = split(r, v, " ");
        if (n == 2 && (v[1] - v[2] > 0.1 * v[2] || v[2] - v[1] > 0.1 * v[1])) printf "%s: %s / %s s; ", l, v[1], v[2] }')
    done
    one=$(mean "${runs[1]}"); two=$(mean "${runs[2]}")
    # On 256-bit vectors the engine also meets PyTorch held to AVX2 kernels, the like-for-like baseline; its
    # comparison with PyTorch's best overall is printed as well, as on 512 bits.
    sets=(any)
    [[ "$vectors" == 256-bit ]] && sets+=(avx2)
    for set in "${sets[@]}"; do
      for budget in 1 2; do
        # The engine within the same budget: at most 2 threads is the faster of its 1- and 2-thread epochs (means).
        if [[ $budget -eq 1 ]] || awk -v a="$one" -v b="$two" 'BEGIN { exit !(a <= b) }'; then
          ours_threads=1
        else
          ours_threads=2
        fi
        ours_runs=${runs[$ours_threads]}
        [[ $budget -eq 1 ]] && budget_label="1 thread" || budget_label="≤ 2 threads (ours: $ours_threads)"
        theirs=$(best "$set" "$budget" seconds)
        if [[ -z "$theirs" ]]; then
          # No configuration of this kernel set could be measured (not on this CPU, or --pytorch-cores left it out).
          echo "| $label | $budget_label | $(mean "$ours_runs") | — | no $set configuration measured | — | — | — |"
          continue
        fi
        config=$(describe "$set" "$budget")
        [[ "$set" == avx2 ]] && config="AVX2 kernels only: $config"
        awk -v l="$label" -v b="$budget_label" -v r="$ours_runs" -v p="$theirs" -v c="$config" -v t="$tflop" -v pg="$(best "$set" "$budget" gflops)" '
          BEGIN {
            n = split(r, v, " "); for (i = 1; i <= n; i++) s += v[i]; m = s / n
            ours = n == 1 ? sprintf("%.3g", m) : sprintf("%.3g (%s / %s)", m, v[1], v[2])
            ratio = n == 1 ? sprintf("%.2f×", p / m) : sprintf("**%.2f×** (%.2f – %.2f)", p / m, p / v[1], p / v[2])
            printf "| %s | %s | %s | %.3g | %s | %s | %.3g | %.3g |\n", l, b, ours, p, c, ratio, t * 1000 / m, pg
          }'
      done
    done
    unset runs
  done
  echo
  echo "PyTorch / ours above 1 means the engine's dense epoch is faster than PyTorch's fastest configuration; below 1, slower."
  if [[ -n "$drift" ]]; then
    echo "WARNING: the machine's speed moved during this run (engine before / after PyTorch: ${drift%; }): the ratios carry that spread."
  fi
} | tee -a "$output"
echo "bench.sh: results kept in $output" >&2
