#!/usr/bin/env bash
# Checks the .NET 10 SDK, restores NuGet packages and fetches the data sets.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v dotnet >/dev/null; then
  echo "setup.sh: ERROR: the .NET 10 SDK is required but 'dotnet' is not on PATH." >&2
  exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "setup.sh: ERROR: the .NET 10 SDK is required; installed SDKs:" >&2
  dotnet --list-sdks >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore SparseAdaptive.sln --verbosity quiet
build/data.sh
