#!/usr/bin/env bash
# Packs the three libraries into a local folder feed (artifacts/feed), checks the packages' metadata and that the
# README's `dotnet add package` takes them from there, then builds a
# throwaway console app that references the packages (not the projects) and runs the READMEs' C# snippets on a small
# MNIST slice, checking each one's output. Ends with "pack-test: N passed, N failed"; exits non-zero on a failure.
#
# Which snippets run: every ```csharp block, in README.md and in the examples' READMEs (examples/*/README.md), preceded
# by a line
#   <!-- pack-test NAME | AFTER | CHECK -->   or   <!-- pack-test NAME | AFTER | CHECK | BEFORE -->
# NAME names the snippet; CHECK is a C# boolean expression evaluated after it (e.g. metrics.MicroAccuracy > 0.8). AFTER,
# when not empty, is the NAME of an earlier snippet this one builds on, as a user pastes it below that one: it runs
# after it, in a block inside that snippet's, and may use its variables (and those of the snippets that one builds
# on). Snippets may use `mnistDirectory` (a directory holding the four MNIST IDX files of the slice). Each snippet is
# compiled as shown: in a file with exactly the `using` lines the READMEs show in it and in the snippets it builds on,
# and no other (a console app's implicit usings aside), so a snippet that needs a line the README does not show fails
# with the compiler's message. BEFORE, normally absent, holds C# statements run just before the snippet: the place to
# adapt the data for a snippet that cannot run as written, so that the rest of it stays tested while the library is
# being fixed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
data_dir="${SPARSEADAPTIVE_DATA:-$HOME/.cache/sparseadaptive/data}/mnist"
feed="$root/artifacts/feed"
train_count=2000
test_count=1000
package_ids=(SparseAdaptive.Engine SparseAdaptive.MLNet SparseAdaptive.MLNet.Plotting)
package_projects=(src/SparseAdaptive.Engine src/Microsoft.ML.SparseAdaptive src/Microsoft.ML.SparseAdaptive.Plotting)
onnx_runtime_version="1.31.1"

log() { echo "pack-test.sh: $*" >&2; }

# A fresh version per run: the NuGet cache never holds an older build under the same version.
suffix="packtest.$(date -u +%Y%m%d%H%M%S).$$"
version="$(dotnet msbuild src/SparseAdaptive.Engine -getProperty:Version -p:VersionSuffix="$suffix")"
packages_cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')"
work="$(mktemp -d)"
cleanup() {
  rm -rf "$work"
  local id
  for id in "${package_ids[@]}"; do
    rm -rf "${packages_cache:?}/${id,,}/$version"
  done
}
trap cleanup EXIT

checks_name=pack-test
source build/checks.sh

# 1. Pack. The stable version goes into artifacts/feed, the feed the README tells users to add (`dotnet add package`
# takes the latest stable version); a fresh prerelease goes into this run's own feed, for the snippets' app.
stable_version="$(dotnet msbuild src/SparseAdaptive.Engine -getProperty:Version)"
run_feed="$work/feed"
rm -rf "$feed"
mkdir -p "$feed" "$run_feed"
for project in "${package_projects[@]}"; do
  log "packing $project ($stable_version and $version)"
  dotnet pack "$project" -c Release -o "$feed" --nologo -v q >&2
  # The same build: only the package version differs.
  dotnet pack "$project" -c Release -o "$run_feed" -p:VersionSuffix="$suffix" --no-build --nologo -v q >&2
done

# 2. Each package users get: symbols beside it, the assembly, the metadata a public gallery asks for, and a short
# README of its own (a gallery shows it without the repository around it, so no relative links).
for id in "${package_ids[@]}"; do
  nupkg="$feed/$id.$stable_version.nupkg"
  problems=()
  [[ -f "$nupkg" ]] || problems+=("no $id.$stable_version.nupkg")
  [[ -f "$feed/$id.$stable_version.snupkg" ]] || problems+=("no symbols package")
  if [[ -f "$nupkg" ]]; then
    nuspec="$(unzip -p "$nupkg" "$id.nuspec")"
    listing="$(unzip -l "$nupkg")"
    for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<authors>SparseAdaptive contributors</authors>' '<tags>'; do
      grep -qF "$field" <<<"$nuspec" || problems+=("nuspec lacks $field")
    done
    grep -q ' lib/net10.0/.*\.dll$' <<<"$listing" || problems+=("no lib/net10.0 assembly")
    if grep -q ' README.md$' <<<"$listing"; then
      readme="$(unzip -p "$nupkg" README.md)"
      [[ "$(head -n 1 <<<"$readme")" == "# $id" ]] || problems+=("README.md is not the package's own: it does not start with '# $id'")
      [[ ${#readme} -le 4096 ]] || problems+=("README.md has ${#readme} characters, more than 4096")
      relative_links="$(grep -oE '\]\([^)]*\)' <<<"$readme" | grep -vE '^\]\((https?:|#)' || true)"
      [[ -z "$relative_links" ]] || problems+=("README.md has relative links: ${relative_links//$'\n'/ }")
    else
      problems+=("README.md not packed")
    fi
  fi
  if [[ ${#problems[@]} -eq 0 ]]; then
    record "package $id"  true
  else
    record "package $id" false "$(IFS=';'; echo "${problems[*]}")"
  fi
done

# The README's install command in a new project whose one added source is artifacts/feed. The packages it adds go to
# a folder of this run's (packages already in the NuGet cache are read from there), so the cache never holds a
# stable version that a later build of the same version would not replace.
consumer="$work/consumer"
mkdir -p "$consumer"
cat >"$consumer/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
</Project>
EOF
cat >"$consumer/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <add key="sparseadaptive-local-feed" value="$feed" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="nuget-cache" value="$packages_cache" />
  </fallbackPackageFolders>
</configuration>
EOF
if (cd "$consumer" && dotnet add package SparseAdaptive.MLNet >"$work/add-package.log" 2>&1) \
  && grep -qF "Include=\"SparseAdaptive.MLNet\" Version=\"$stable_version\"" "$consumer/Consumer.csproj"; then
  record "dotnet add package SparseAdaptive.MLNet takes $stable_version from artifacts/feed" true
else
  record "dotnet add package SparseAdaptive.MLNet takes $stable_version from artifacts/feed" false \
    "$(grep -iE 'error|warn' "$work/add-package.log" | head -n 2 | tr '\n' ' ')"
fi

# 3. A small MNIST slice: the first images and labels of each split, with the count in the IDX headers rewritten.
slice="$work/mnist"
mkdir -p "$slice"
big_endian_uint32() {
  local value="$1" shift_bits
  for shift_bits in 24 16 8 0; do
    # shellcheck disable=SC2059  # the format is the octal escape of one byte
    printf "\\$(printf '%03o' $(((value >> shift_bits) & 255)))"
  done
}
write_slice() {  # write_slice NAME COUNT HEADER_BYTES BYTES_PER_ITEM
  local source="$data_dir/$1" target="$slice/$1"
  if [[ ! -f "$source" ]]; then
    log "ERROR: $source is missing: run build/data.sh first"
    exit 1
  fi
  {
    head -c 4 "$source"
    big_endian_uint32 "$2"
    head -c "$3" "$source" | tail -c +9
    # head stops reading by itself (a reader that stops early would make the writer fail under pipefail).
    head -c "$(($3 + $2 * $4))" "$source" | tail -c +"$(($3 + 1))"
  } >"$target"
}
write_slice train-images-idx3-ubyte "$train_count" 16 784
write_slice train-labels-idx1-ubyte "$train_count" 8 1
write_slice t10k-images-idx3-ubyte "$test_count" 16 784
write_slice t10k-labels-idx1-ubyte "$test_count" 8 1

# 4. The marked snippets of the README and of the examples' READMEs, in order.
snippets="$work/snippets"
mkdir -p "$snippets"
readmes=(README.md examples/*/README.md)
awk -v out="$snippets" '
  /^<!-- pack-test / { marker = $0; waiting = 1; next }
  waiting && /^```csharp/ {
    count++; inside = 1; waiting = 0
    print marker > (out "/" count ".marker"); print FILENAME > (out "/" count ".source"); printf "" > (out "/" count ".cs")
    next
  }
  inside && /^```/ { inside = 0; next }
  inside { print > (out "/" count ".cs") }
' "${readmes[@]}"
snippet_count="$(find "$snippets" -name '*.marker' | wc -l)"
if [[ $snippet_count -eq 0 ]]; then
  record "README snippets" false "no <!-- pack-test ... --> marker before a csharp block in README.md"
  finish
  exit 1
fi

using_line='^using [A-Za-z0-9_.]+;\s*$'
names=() afters=() checks=() befores=() parents=() sources=()
for n in $(seq 1 "$snippet_count"); do
  marker="$(sed -e 's/^<!-- pack-test *//' -e 's/ *-->.*$//' "$snippets/$n.marker")"
  IFS='|' read -r name after check before <<<"$marker"
  names[n]="$(xargs <<<"$name")"
  afters[n]="$(xargs <<<"$after")"
  checks[n]="$(sed -e 's/^ *//' -e 's/ *$//' <<<"$check")"
  befores[n]="$before"
  sources[n]="$(cat "$snippets/$n.source")"
  parents[n]=0
  for ((p = 1; p < n; p++)); do
    [[ "${names[p]}" != "${afters[n]}" ]] || parents[n]=$p
  done
  if [[ -n "${afters[n]}" && ${parents[n]} -eq 0 ]]; then
    record "snippet ${names[n]} of ${sources[n]}" false "it builds on '${afters[n]}', which is no snippet before it"
    finish
    exit 1
  fi
done

# The snippets from the first one a snippet builds on down to the snippet itself.
path_to() {
  local n="$1" path=()
  while [[ $n -ne 0 ]]; do
    path=("$n" "${path[@]}")
    n="${parents[n]}"
  done
  echo "${path[@]}"
}
# The using lines of the given snippets, each once, in order.
usings_of() {
  local m
  for m in "$@"; do
    grep -E "$using_line" "$snippets/$m.cs" || true
  done | awk '!seen[$0]++'
}
# A snippet's statements (its BEFORE first), in a block of their own; then, when asked (with_checks), its CHECK and
# the snippets that build on it, inside that block, so that they see its variables and siblings may reuse names.
block_of() {  # block_of N with_checks(true|false) [NEXT_IN_PATH...]
  local n="$1" with_checks="$2" child
  shift 2
  printf '{ // snippet "%s" of %s\n%s\n' "${names[n]}" "${sources[n]}" "${befores[n]}"
  grep -vE "$using_line" "$snippets/$n.cs" || true
  if [[ "$with_checks" == true ]]; then
    printf 'Expect("%s", %s, """%s""");\n' "${names[n]}" "${checks[n]}" "${checks[n]}"
    for ((child = n + 1; child <= snippet_count; child++)); do
      if [[ ${parents[child]} -eq $n ]]; then
        block_of "$child" true
      fi
    done
  elif [[ $# -gt 0 ]]; then
    block_of "$@"
  fi
  echo "}"
}

app="$work/app"
mkdir -p "$app"
# Each snippet compiled as shown: a file with only the using lines the READMEs show for it and the snippets it builds
# on (a console app's implicit usings aside), holding their statements. Compiled, never run.
for n in $(seq 1 "$snippet_count"); do
  read -r -a path <<<"$(path_to "$n")"
  arguments=()
  for m in "${path[@]}"; do
    arguments+=("$m" false)
  done
  {
    usings_of "${path[@]}"
    printf '\ninternal static class Snippet%d\n{\n    internal static void AsShown(string mnistDirectory)\n    {\n' "$n"
    block_of "${arguments[@]}"
    printf '    }\n}\n'
  } >"$app/Snippet$n.cs"
done
# The program that runs them all once, each after the one it builds on, checking each one's CHECK.
{
  usings_of $(seq 1 "$snippet_count")
  echo
  echo 'string mnistDirectory = Environment.GetEnvironmentVariable("PACK_TEST_MNIST") ?? throw new InvalidOperationException("PACK_TEST_MNIST is not set");'
  for n in $(seq 1 "$snippet_count"); do
    if [[ ${parents[n]} -eq 0 ]]; then
      block_of "$n" true
    fi
  done
  cat <<'EOF'

static void Expect(string snippet, bool holds, string check)
{
    Console.WriteLine($"{(holds ? "PASS" : "FAIL")} README snippet {snippet}: {check}");
    if (!holds)
    {
        Environment.ExitCode = 1;
    }
}
EOF
} >"$app/Program.cs"

cat >"$app/PackTest.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SparseAdaptive.MLNet" Version="$version" />
    <PackageReference Include="SparseAdaptive.MLNet.Plotting" Version="$version" />
    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="$onnx_runtime_version" />
  </ItemGroup>
</Project>
EOF
# The local feed is added to the configured sources (the default one still serves ML.NET and the others).
cat >"$app/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="sparseadaptive-local-feed" value="$run_feed" />
  </packageSources>
</configuration>
EOF

# 5. Build against the packages and run on the slice.
log "building the throwaway app in $app against $version"
build_status=0
(cd "$app" && dotnet build -c Release --nologo -v q >"$work/build.log" 2>&1) || build_status=$?
for n in $(seq 1 "$snippet_count"); do
  if grep -q "Snippet$n\.cs(.*error" "$work/build.log"; then
    record "snippet ${names[n]} of ${sources[n]} compiles as shown" false \
      "$(grep -m1 -o "Snippet$n\.cs(.*error [^[]*" "$work/build.log" | sed 's/^[^:]*: //')"
  else
    record "snippet ${names[n]} of ${sources[n]} compiles as shown" true
  fi
done
if [[ $build_status -ne 0 ]]; then
  cat "$work/build.log" >&2
  log "the generated files were:"
  for file in "$app"/*.cs; do
    echo "== $file" >&2
    cat -n "$file" >&2
  done
  record "README snippets compile against the packages" false "see the compiler output above"
  finish
  exit 1
fi
record "README snippets compile against the packages" true

log "running the README snippets on $train_count training and $test_count test images"
set +e
(cd "$app" && PACK_TEST_MNIST="$slice" dotnet bin/Release/net10.0/PackTest.dll) >"$work/run.log" 2>&1
run_status=$?
set -e
grep -vE '^(PASS|FAIL) README snippet' "$work/run.log" | tail -n 20 >&2 || true
while read -r verdict rest; do
  record "${rest#README snippet }" "$([[ "$verdict" == PASS ]] && echo true || echo false)"
done < <(grep -E '^(PASS|FAIL) README snippet' "$work/run.log")
reported="$(grep -cE '^(PASS|FAIL) README snippet' "$work/run.log" || true)"
if [[ $run_status -ne 0 && $reported -lt $snippet_count ]]; then
  record "README snippets run to the end" false "exit code $run_status after $reported of $snippet_count checks"
fi
finish
