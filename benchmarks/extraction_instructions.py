"""Machine instructions per article for extraction, counted by valgrind.

    .venv/bin/python -m benchmarks.extraction_instructions [--articles N]

Wall-clock figures on these virtual machines swing by up to a factor of two
from one session to the next (and by 30 % within one), which hides a change
of a few per cent. Instructions do not swing: callgrind counts the same total
for the same interpreter, code and input, whatever else the machine does. So
this script runs the extraction of the benchmark corpus (extraction_speed's,
seed 2022) under `valgrind --tool=callgrind` twice, over its first 5 and
first 5 + N articles (default 30), and prints the difference divided by N: the cost of
one article, without Python's start-up, Django's and the gazetteer's.

It takes about two minutes, on one core. Needs Debian's valgrind; runs on a
temporary SQLite database seeded from seeds/, with PYTHONHASHSEED fixed so
that set order, and the count, repeat.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = 5


def extract_articles(count: int, size: int) -> None:
    """The measured part: extract the first COUNT articles of a corpus of SIZE
    (the same corpus for both runs) after one warm-up."""
    from benchmarks.extraction_speed import generate_corpus, setup_django

    setup_django()
    from briefings.ingest.extract import extract
    from briefings.ingest.gazetteer import load_gazetteer
    from briefings.services import read_document

    corpus = generate_corpus(size, 2022)
    gazetteer = load_gazetteer()
    documents = [read_document(data, name) for name, data in corpus]
    extract(documents[-1], gazetteer)  # one-off costs: jieba's word list, the matchers
    for document in documents[:count]:
        extract(document, gazetteer)


def count_instructions(articles: int, size: int, database: str) -> int:
    """Instructions callgrind counts for a child process extracting ARTICLES."""
    environment = dict(
        os.environ,
        PYTHONHASHSEED="0",
        DATABASE_URL=database,
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only-not-secret"),
    )
    with tempfile.TemporaryDirectory() as folder:
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={folder}/callgrind.out",
            sys.executable,
            "-m",
            "benchmarks.extraction_instructions",
            "--child",
            str(articles),
            "--size",
            str(size),
        ]
        done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"valgrind failed ({done.returncode}):\n{done.stderr[-2000:]}")
    found = re.search(r"Collected\s*:\s*([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found[1].replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        extract_articles(args.child, args.size)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="extraction-instructions-") as folder:
        database = f"sqlite:///{folder}/benchmark.sqlite3"
        # Migrate and seed once, outside valgrind, so both runs only read.
        subprocess.run(
            [sys.executable, "-m", "benchmarks.extraction_instructions", "--child", "0"],
            cwd=ROOT,
            env=dict(os.environ, DATABASE_URL=database, DEBUG="0", SECRET_KEY="benchmark-only"),
            check=True,
        )
        size = BASE + args.articles + 1
        few = count_instructions(BASE, size, database)
        more = count_instructions(BASE + args.articles, size, database)
    per_article = (more - few) / args.articles
    print(f"Python {sys.version.split()[0]}, corpus of extraction_speed (seed 2022)")
    print(f"{BASE} articles: {few:,} instructions; {BASE + args.articles}: {more:,}")
    print(f"extraction: {per_article / 1e6:.2f} million instructions per article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
