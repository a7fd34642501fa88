#!/usr/bin/env bash
# Makes PyTorch importable for build/bench-pytorch.py (the dense baseline of build/bench.sh --pytorch) and reports
# what it runs on. Idempotent: when a Python already imports torch, nothing is installed.
#
# Usage: build/pytorch.sh
#   Prints the torch version, its build's BLAS setting, the BLAS library torch actually loads and, for OpenBLAS, the
#   kernels it runs here and the ones it would choose itself, on standard error;
#   prints the path of the Python interpreter that imports torch on standard output (bench.sh runs the script with it).
#
# Installs Debian's packages with apt-get (root, or sudo) when no Python imports torch:
#   python3-torch, python3-numpy   torch 1.13.1 for Debian's own /usr/bin/python3 (not a pyenv or venv Python)
#   libopenblas0-openmp            Debian's torch calls whatever provides libblas.so.3, and its only hard dependency
#                                  is the reference BLAS, which is many times slower than any tuned BLAS: the
#                                  baseline would be meaningless. The OpenMP build of OpenBLAS follows
#                                  torch.set_num_threads, as torch's own OpenMP thread pool does.
set -euo pipefail

log() { echo "pytorch.sh: $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

DEBIAN_PACKAGES=(python3-torch python3-numpy libopenblas0-openmp)

# The Python on PATH first (it may have its own torch), then Debian's, which is the one python3-torch installs into:
# on a machine with pyenv, the python3 on PATH is not /usr/bin/python3.
find_python() {
  local candidate
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import torch, numpy' >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# Reference BLAS under torch would make the comparison say more about the BLAS than about PyTorch, so a Debian
# machine whose libblas.so.3 is still the reference one gets OpenBLAS even when torch itself is already there.
blas_is_reference() {
  local blas=/usr/lib/x86_64-linux-gnu/libblas.so.3
  [[ -e "$blas" ]] && [[ "$(readlink -f "$blas")" == */blas/libblas.so.3 ]]
}

apt_install() {
  command -v apt-get >/dev/null || fail "no Python imports torch and apt-get is missing: install PyTorch (and numpy) for python3 by hand"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || fail "installing ${*} needs root or sudo"
    sudo=(sudo)
  fi
  log "installing Debian packages: $*"
  # --no-install-recommends: python3-torch recommends a C++ tool chain (libtorch-dev, build-essential) that the
  # benchmark does not use.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2 \
    || { log "apt-get install failed; refreshing the package lists once and retrying"; \
         "${sudo[@]}" apt-get update >&2 && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2; }
}

python=""
if ! python=$(find_python); then
  apt_install "${DEBIAN_PACKAGES[@]}"
  python=$(find_python) || fail "torch is still not importable after installing ${DEBIAN_PACKAGES[*]}"
elif [[ "$python" == /usr/bin/python3 ]] && blas_is_reference; then
  apt_install libopenblas0-openmp
fi

# Debian's torch calls itself 1.13.0a0; the package version is the one to quote.
if [[ "$python" == /usr/bin/python3 ]] && command -v dpkg-query >/dev/null; then
  log "Debian package: python3-torch $(dpkg-query -W -f='${Version}' python3-torch 2>/dev/null || echo 'not installed')"
fi
"$python" - >&2 <<'EOF'
import re
import torch

config = torch.__config__.show()
blas = re.search(r"BLAS_INFO=([^,\s]+)", config)
# The libraries mapped into this process once a matrix product has run: what torch really calls, whatever the
# build setting says (Debian's "generic" means "the libblas.so.3 the system provides").
torch.ones(64, 64) @ torch.ones(64, 64)
with open("/proc/self/maps") as maps:
    loaded = sorted({line.split()[-1] for line in maps
                     if re.search(r"blas|mkl|blis|atlas", line.split()[-1], re.IGNORECASE) and "/" in line})
capability = re.search(r"CPU capability usage: (\S+)", config)
print(f"pytorch.sh: torch {torch.__version__} ({torch.__file__})")
print(f"pytorch.sh: BLAS: BLAS_INFO={blas.group(1) if blas else 'not reported'}; "
      f"loaded: {', '.join(loaded) if loaded else 'none found in /proc/self/maps'}")
for path in loaded:
    if "openblas" in path.rsplit("/", 1)[-1]:
        import ctypes
        import os
        import subprocess
        import sys
        library = ctypes.CDLL(path)
        library.openblas_get_corename.restype = ctypes.c_char_p
        core = os.environ.get("OPENBLAS_CORETYPE")
        # OpenBLAS reads OPENBLAS_CORETYPE once, when it loads: its own choice needs a process without the variable.
        # This report says both, since a machine's environment may hold OpenBLAS to other kernels than it would pick.
        own = subprocess.run([sys.executable, "-c", "import ctypes; l = ctypes.CDLL(%r); "
                              "l.openblas_get_corename.restype = ctypes.c_char_p; print(l.openblas_get_corename().decode())" % path],
                             env={k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"},
                             capture_output=True, text=True).stdout.strip() or "unknown"
        print(f"pytorch.sh: OpenBLAS kernels: {library.openblas_get_corename().decode()} "
              f"({'OPENBLAS_CORETYPE=' + core + ' in this environment' if core else 'OPENBLAS_CORETYPE unset'}); "
              f"OpenBLAS's own choice: {own} (bench-pytorch.py times every core type the CPU allows and keeps the fastest)")
        break
print(f"pytorch.sh: {torch.__config__.parallel_info().splitlines()[-1].strip()}; "
      f"CPU capability of torch's own kernels: {capability.group(1) if capability else 'not reported'}")
EOF
echo "$python"
