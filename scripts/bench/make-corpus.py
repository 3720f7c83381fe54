#!/usr/bin/env python3
"""Generate an archive of articles for the archive-scale benchmark (never committed).

usage: make-corpus.py SIZE_MB OUT_DIR [SOURCE_DIR...]

Copies the .txt articles of the source folders (default: seeds/ and ../shared/eval/dev/texts) until OUT_DIR holds
SIZE_MB of text. Copy k moves every year the text names by k (mod 40) back in time, so copies tell meetings of other
years and the graph grows with the archive instead of merging every copy into one meeting. Files are spread over
day folders of 1,000 articles (day-00001/...), like a daily feed. Deterministic: the same arguments give the same files.
"""
import os
import re
import sys

YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    target = float(sys.argv[1]) * 1024 * 1024
    out = sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    sources = sys.argv[3:] or [os.path.join(repo, "seeds"), os.path.join(repo, "..", "shared", "eval", "dev", "texts")]
    texts = []
    for src in sources:
        if os.path.isdir(src):
            for name in sorted(os.listdir(src)):
                if name.endswith(".txt"):
                    with open(os.path.join(src, name), encoding="utf-8") as f:
                        texts.append((os.path.splitext(name)[0], f.read()))
    if not texts:
        print("no .txt articles in " + ", ".join(sources), file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    written = 0
    n = 0
    copy = 0
    while written < target:
        shift = copy % 40
        for stem, text in texts:
            if written >= target:
                break
            body = YEAR.sub(lambda m: str(int(m.group(1)) - shift), text) if shift else text
            day = os.path.join(out, f"day-{n // 1000:05d}")
            os.makedirs(day, exist_ok=True)
            path = os.path.join(day, f"{copy:05d}-{stem}.txt")
            data = body.encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)
            written += len(data)
            n += 1
        copy += 1
    print(f"{n} articles, {written / 1048576:.1f} MB in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
