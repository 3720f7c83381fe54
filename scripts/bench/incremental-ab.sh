#!/usr/bin/env bash
# Two builds of kg side by side on one corpus, step by step in turn, so both see the same load on a shared machine:
# a full build each, then each adds the same 1 % new articles (as archive-scale.sh makes them) incrementally.
# usage: scripts/bench/incremental-ab.sh KG_DIR_A KG_DIR_B CORPUS DATA [WORK_DIR]
#   KG_DIR_*: folders holding kg.dll (dotnet build src/KnowledgeGraph.Cli -c Release -o DIR); CORPUS: a folder made by
#   make-corpus.py (copied, never changed); DATA: the data folder both use.
#   KG_BENCH_FORMAT (default json) is passed to --format: none measures store-only builds.
set -u
a=${1:?usage: incremental-ab.sh KG_DIR_A KG_DIR_B CORPUS DATA [WORK_DIR]}; b=${2:?}; corpus=${3:?}; data=${4:?}
work=${5:-/tmp/kg-ab}
rm -rf "$work" && mkdir -p "$work" && cp -r "$corpus" "$work/corpus" && rm -rf "$work/corpus/day-new"
step() { # label, kg dir, out
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" dotnet "$2/kg.dll" build "$work/corpus" --out "$3" --format "${KG_BENCH_FORMAT:-json}" --data "$data" >/dev/null 2>"$work/err.txt"
  read -r s kb u sy <"$work/time.txt"
  cp "$work/err.txt" "$work/err-$(echo "$1" | tr -c 'A-Za-z0-9+\n' '_').txt"
  echo "$1: $s s (cpu $u+$sy s), peak RSS $((kb / 1024)) MB; $(grep -oE 'assembly from the store [0-9.]+ s|layout [0-9.]+ s, graph.db [0-9.]+ s, exports [0-9.]+ s' "$work/err.txt" | tr '\n' ' ')"
}
step "A full" "$a" "$work/out-a"
step "B full" "$b" "$work/out-b"
mkdir -p "$work/corpus/day-new"
n=$(( ($(find "$work/corpus" -name '*.txt' | wc -l) + 99) / 100 ))
mapfile -t files < <(find "$work/corpus" -name '*.txt' -not -path '*/day-new/*' | sort)
for f in "${files[@]:0:$n}"; do
  sed -E 's/\b(20[1-4][0-9])\b/X\1/g; s/X20([1-4])([0-9])/19\1\2/g' "$f" >"$work/corpus/day-new/new-$(basename "$f")"
done
step "A +1 % ($n new)" "$a" "$work/out-a"
step "B +1 % ($n new)" "$b" "$work/out-b"
