#!/usr/bin/env bash
# Publishes kg as one native executable (Native AOT) with its data folder beside it:
#   scripts/publish-kg.sh [OUT_DIR]        (default: publish/kg; run it as OUT_DIR/kg build seeds --out graph-exports)
# Needs clang and zlib (Debian: apt-get install clang zlib1g-dev); the SDK brings the AOT compiler through NuGet.
# The native kg writes the same files byte for byte as `dotnet run --project src/KnowledgeGraph.Cli` (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-publish/kg}"
rid="linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
linker=()
# The AOT compiler calls `clang`; Debian also installs it only as clang-NN.
if ! command -v clang >/dev/null 2>&1; then
  for version in 19 18 17 16 15 14; do
    if command -v "clang-$version" >/dev/null 2>&1; then
      linker=("-p:CppCompilerAndLinker=clang-$version")
      break
    fi
  done
fi
dotnet publish src/KnowledgeGraph.Cli -c Release -r "$rid" -p:PublishAot=true "${linker[@]}" -o "$out"
echo "kg: $out/kg"
