#!/usr/bin/env bash
# The study on a real Slurm cluster, checked against an in-process run that is killed part-way and resumed:
#  1. installs Debian's slurmctld, slurmd, slurm-client and munge (root and Debian's registry, as on every machine of
#     this project) and stands up a one-node cluster for this machine's hostname and cores (config in a temporary
#     folder, read through SLURM_CONF; nothing under /etc/slurm is changed);
#  2. packs the study as a .NET tool and installs it into a temporary folder, as a cluster user would;
#  3. runs the quick preset in process, kills it with SIGKILL once a few cells are complete, runs it again, and checks
#     that the complete cells were not computed again; times `report` alone;
#  4. submits the same preset with build/slurm/submit.sh (array jobs of 3 tasks per stage, 1 CPU each), waits, and
#     checks that every CSV but timings.csv is byte-identical to the in-process run's;
#  5. stops the daemons it started (by their pids).
# Ends with "slurm-test: N passed, N failed"; exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
data="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
work="$(mktemp -d)"
log() { echo "slurm-test.sh: $*" >&2; }

checks_name=slurm-test
source build/checks.sh

pids_to_stop=()
suffix="slurmtest.$(date -u +%Y%m%d%H%M%S).$$"
version="$(dotnet msbuild examples/SparseAdaptive.Study -getProperty:Version -p:VersionSuffix="$suffix")"
packages_cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')"
cleanup() {
  local pid_file pid
  for pid_file in "${pids_to_stop[@]}"; do
    [[ -f "$pid_file" ]] || continue
    pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || continue
    # A daemon saves its state as it stops: wait for it before its folder is deleted.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
  rm -rf "$work" "${packages_cache:?}/sparseadaptive.study/$version"
}
trap cleanup EXIT

# 1. The cluster.
packages=(slurmctld slurmd slurm-client munge)
if ! dpkg -s "${packages[@]}" >/dev/null 2>&1; then
  log "installing ${packages[*]}"
  # Keep the packages' own init scripts from starting daemons with Debian's default configuration.
  policy=/usr/sbin/policy-rc.d
  [[ -e $policy ]] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; added_policy=1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  [[ -z "${added_policy:-}" ]] || rm -f "$policy"
fi
if [[ ! -s /etc/munge/munge.key ]]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key
mkdir -p /run/munge /var/lib/munge /var/log/munge
chown munge:munge /run/munge /var/lib/munge /var/log/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  munged --force --pid-file="$work/munged.pid" 2>/dev/null
  pids_to_stop+=("$work/munged.pid")
fi
host="$(hostname -s)"
memory=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 1024 ))
mkdir -p "$work/slurm/state" "$work/slurm/spool"
export SLURM_CONF="$work/slurm/slurm.conf"
cat >"$SLURM_CONF" <<CONF
ClusterName=sparseadaptive-test
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
StateSaveLocation=$work/slurm/state
SlurmdSpoolDir=$work/slurm/spool
SlurmctldPidFile=$work/slurm/slurmctld.pid
SlurmdPidFile=$work/slurm/slurmd.pid
SlurmctldLogFile=$work/slurm/slurmctld.log
SlurmdLogFile=$work/slurm/slurmd.log
NodeName=$host CPUs=$(nproc) RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld
pids_to_stop+=("$work/slurm/slurmctld.pid")
slurmd
pids_to_stop+=("$work/slurm/slurmd.pid")
up=false
for _ in $(seq 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qx idle; then up=true; break; fi
  sleep 1
done
record "one-node Slurm cluster up ($host, $(nproc) CPUs)" "$up" "$(tail -n 5 "$work/slurm/slurmctld.log" 2>/dev/null)"
if [[ $up != true ]]; then
  finish
  exit 1
fi

# 2. The study as a .NET tool.
log "packing and installing the study tool ($version)"
dotnet pack examples/SparseAdaptive.Study -c Release -o "$work/feed" -p:VersionSuffix="$suffix" --nologo -v q >&2
dotnet tool install SparseAdaptive.Study --version "$version" --tool-path "$work/tools" --add-source "$work/feed" >&2
tool="$work/tools/sparseadaptive-study"
options=(--quick --data "$data")

# 3. In process, killed part-way, then resumed.
local_out="$work/local"
log "quick preset in process, to be killed with SIGKILL after 4 complete cells"
"$tool" "${options[@]}" --output "$local_out" >"$work/first.log" 2>&1 &
study_pid=$!
for _ in $(seq 600); do
  [[ $(find "$local_out/cells" -mindepth 1 -maxdepth 1 -not -name '.*' 2>/dev/null | wc -l) -ge 4 ]] && break
  kill -0 "$study_pid" 2>/dev/null || break
  sleep 1
done
kill -9 "$study_pid" 2>/dev/null || true
wait "$study_pid" 2>/dev/null || true
complete=$(find "$local_out/cells" -mindepth 1 -maxdepth 1 -not -name '.*' | wc -l)
(cd "$local_out/cells" && md5sum ./*/cell.json) >"$work/complete.md5"
log "killed with $complete complete cells; running again"
"$tool" "${options[@]}" --output "$local_out" >"$work/second.log" 2>&1 || true
total=$("$tool" plan "${options[@]}" --output "$local_out" | tail -n 1 | awk '{print $1}')
grep -q "$total cells selected: $complete found complete" "$work/second.log" \
  && record "resumed run finds the $complete cells complete before the kill" true \
  || record "resumed run finds the $complete cells complete before the kill" false "$(head -n 3 "$work/second.log")"
(cd "$local_out/cells" && md5sum --quiet -c "$work/complete.md5" >/dev/null 2>&1) \
  && record "resumed run computes none of them again" true \
  || record "resumed run computes none of them again" false "a complete cell's cell.json changed"
[[ -f "$local_out/report.md" ]] && record "resumed run writes the report" true || record "resumed run writes the report" false "$(tail -n 5 "$work/second.log")"
start=$(date +%s)
"$tool" report "${options[@]}" --output "$local_out" >"$work/report.log" 2>&1 && report_ok=true || report_ok=false
seconds=$(( $(date +%s) - start ))
[[ $report_ok == true && $seconds -lt 60 ]] \
  && record "report alone rebuilds report.md, CSVs and charts from the cells in $seconds s (< 60)" true \
  || record "report alone rebuilds report.md, CSVs and charts in under a minute" false "$seconds s; $(tail -n 3 "$work/report.log")"

# 4. The same preset as Slurm array jobs.
slurm_out="$work/slurm-study"
log "submitting the quick preset to Slurm"
SPARSEADAPTIVE_STUDY="$tool" build/slurm/submit.sh --tasks 3 --cpus-per-task 1 -- "${options[@]}" --output "$slurm_out" | tee "$work/submit.log" >&2
jobs=$(grep -o 'job [0-9]*' "$work/submit.log" | awk '{print $2}' | paste -sd, -)
for _ in $(seq 1200); do
  [[ -z "$(squeue -h -j "$jobs" 2>/dev/null)" ]] && break
  sleep 1
done
states=$(for job in ${jobs//,/ }; do scontrol -o show job "$job" 2>/dev/null | grep -o 'JobState=[A-Z_]*'; done | sort | uniq -c | tr -s ' ' | paste -sd, -)
[[ -f "$slurm_out/report.md" && "$states" != *FAILED* && "$states" != *CANCELLED* ]] \
  && record "Slurm array jobs ran every cell and the report step ($states)" true \
  || record "Slurm array jobs ran every cell and the report step" false "$states; $(tail -n 3 "$slurm_out"/slurm/*.out 2>/dev/null | tail -n 20)"
for csv in "$local_out"/*.csv; do
  name="$(basename "$csv")"
  [[ "$name" == timings.csv ]] && continue
  cmp -s "$csv" "$slurm_out/$name" \
    && record "$name from Slurm byte-identical to the in-process run's" true \
    || record "$name from Slurm byte-identical to the in-process run's" false "$(diff "$csv" "$slurm_out/$name" 2>&1 | head -n 3)"
done

finish
