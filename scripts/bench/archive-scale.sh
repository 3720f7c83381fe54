#!/usr/bin/env bash
# Archive-scale benchmark of the graph store (docs/performance.md, "Archive scale").
# usage: scripts/bench/archive-scale.sh SIZE_MB [WORK_DIR] [FORMATS]
#   Generates SIZE_MB of articles (scripts/bench/make-corpus.py, never committed), then measures with /usr/bin/time:
#   a full kg build (wall time, peak RSS, graph.db size), an incremental build after adding 1 % new articles,
#   a no-change rebuild (unless KG_BENCH_SKIP_REBUILD=1), and the query commands on the store. FORMATS (default json)
#   is passed to --format.
set -euo pipefail
size=${1:?usage: archive-scale.sh SIZE_MB [WORK_DIR] [FORMATS]}
work=${2:-/tmp/kg-archive-$size}
formats=${3:-json}
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/src/KnowledgeGraph.Cli" -c Release -v quiet >/dev/null
mkdir -p "$work"
# A private copy of the program: rebuilding the repository meanwhile does not change what is measured.
rm -rf "$work/kg" && cp -r "$repo/src/KnowledgeGraph.Cli/bin/Release/net10.0" "$work/kg"
kg="dotnet $work/kg/kg.dll"
# and of the data: the incremental steps must see the data the full build saw.
rm -rf "$work/data" && cp -r "$repo/data" "$work/data"
[ -d "$work/corpus" ] || python3 "$repo/scripts/bench/make-corpus.py" "$size" "$work/corpus"
rm -rf "$work/out" "$work/corpus/day-new"
measure() { # label, command...
  local label=$1; shift
  local code=0
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || code=$?
  read -r secs kb < <(tail -n 1 "$work/time.txt")
  printf '%-34s %8.2f s  peak RSS %6d MB%s\n' "$label" "$secs" $((kb / 1024)) "$([ $code = 0 ] || echo "  (exit $code)")"
}
articles=$(find "$work/corpus" -name '*.txt' | wc -l)
echo "corpus: $articles articles, $(du -sm --apparent-size "$work/corpus" | cut -f1) MB"
measure "full build (--format $formats)" nice $kg build "$work/corpus" --out "$work/out" --format "$formats" --data "$work/data"
grep -h "throughput\|after analysis" "$work/stderr.txt" || true
echo "graph.db: $(du -m --apparent-size "$work/out/graph.db" | cut -f1) MB; exports: $(du -sm --apparent-size "$work/out" | cut -f1) MB in all"
# KG_BENCH_SKIP_REBUILD=1 leaves the no-change rebuild out (a 100 MB run on a shared machine).
if [ -z "${KG_BENCH_SKIP_REBUILD:-}" ]; then
  measure "rebuild, nothing changed" nice $kg build "$work/corpus" --out "$work/out" --format "$formats" --data "$work/data"
  grep -h "incremental\|after analysis" "$work/stderr.txt" || true
fi
# One day of news: 1 % new articles (copies of the first ones, ten years earlier, under new names).
mkdir -p "$work/corpus/day-new"
n=$(( (articles + 99) / 100 ))
mapfile -t files < <(find "$work/corpus" -name '*.txt' -not -path '*/day-new/*' | sort)
for f in "${files[@]:0:$n}"; do
  sed -E 's/\b(20[1-4][0-9])\b/X\1/g; s/X20([1-4])([0-9])/19\1\2/g' "$f" >"$work/corpus/day-new/new-$(basename "$f")"
done
measure "incremental build, +1 % ($n new)" nice $kg build "$work/corpus" --out "$work/out" --format "$formats" --data "$work/data"
grep -h "incremental\|after analysis" "$work/stderr.txt" || true
person=${KG_BENCH_PERSON:-Stoltenberg}
measure "kg meetings --person $person" $kg meetings "$work/out" --person "$person" --format csv
echo "  ($(($(wc -l <"$work/stdout.txt") - 1)) rows)"
measure "kg meetings (all)" $kg meetings "$work/out" --format csv
measure "kg entities --type Person" $kg entities "$work/out" --type Person --format csv
measure "kg network --person $person" $kg network "$work/out" --person "$person" --format csv
measure "kg path $person Blinken" $kg path "$work/out" "$person" "Antony Blinken" --format csv
measure "kg stats" $kg stats "$work/out" --format csv
measure "kg --version (start-up)" $kg --version
rm -rf "$work/corpus/day-new"
