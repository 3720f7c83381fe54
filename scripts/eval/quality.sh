#!/usr/bin/env bash
# Builds the seeds and the development articles of ../shared/eval and prints the scorer's figures as Markdown tables
# (the README's quality section). Usage, from the repository root: scripts/eval/quality.sh [SHARED_EVAL_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
eval_dir=${1:-../shared/eval}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet build src/KnowledgeGraph.Cli -c Release -v quiet -nologo >/dev/null
kg() { dotnet src/KnowledgeGraph.Cli/bin/Release/net10.0/kg.dll "$@"; }
kg build seeds --out "$out/seeds" --format json --quiet
kg build "$eval_dir/dev/texts" --out "$out/dev" --format json --quiet
table() {
  python3 "$eval_dir/score.py" "$1" "$2" --json | python3 -c '
import json, sys
scores = json.load(sys.stdin)
print("| metric | P | R | F1 |")
print("|---|---|---|---|")
for name, s in scores.items():
    print("| %s | %.3f | %.3f | %.3f |" % (name, s["p"], s["r"], s["f1"]))'
}
echo "Seeds (5 articles, \`../shared/eval/seeds-gold\`):"; echo
table "$eval_dir/seeds-gold" "$out/seeds/graph.json"
echo; echo "Development set (40 articles, \`../shared/eval/dev/gold\`):"; echo
table "$eval_dir/dev/gold" "$out/dev/graph.json"
