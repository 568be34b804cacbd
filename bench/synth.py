"""A synthetic corpus of about N chunks, recombining sentences of ../shared/corpus.

Each file is a Markdown "report" with a title, a year and sections; each section holds random
sentences of the real corpus, short enough that the chunker makes it one chunk. The files are
distractors: they repeat real sentences in new company, under names no question asks for.

    python bench/synth.py OUT --chunks 10000 [--shared ../shared] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SECTIONS_PER_FILE = 30
SECTION_CHARS = 760  # under the chunker's 900, so one section is one chunk
TOPICS = ("industri", "kawasan", "klaster", "UMKM", "hilirisasi", "investasi", "wilayah",
          "perdagangan", "pertanian", "perikanan", "pariwisata", "energi")


def sentences(shared: Path) -> list[str]:
    """The distinct sentences (40 characters or more) of the shared corpus, sorted."""
    from assistant.chunking import split_sentences
    from assistant.loaders import load

    found: set[str] = set()
    for path in sorted((shared / "corpus").glob("*.md")):
        for part in load(path).parts:
            found.update(s for s in split_sentences(part.text)
                         if 40 <= len(s) <= SECTION_CHARS // 2 and not s.startswith("#"))
    return sorted(found)


def make_corpus(shared: Path, out: Path, chunks: int, seed: int = 1) -> int:
    """Write about ``chunks`` chunks' worth of files into ``out``.

    Args:
        shared: the shared folder (with ``corpus/``).
        out: where to write; created if missing.
        chunks: how many sections (about one chunk each) to write.
        seed: random seed; the same seed writes the same files.

    Returns:
        The number of files written.
    """
    rng = random.Random(seed)
    pool = sentences(shared)
    out.mkdir(parents=True, exist_ok=True)
    files = 0
    for number in range(0, chunks, SECTIONS_PER_FILE):
        topic = rng.choice(TOPICS)
        year = 2000 + number // SECTIONS_PER_FILE % 25
        lines = [f"# Laporan Sintetis {number // SECTIONS_PER_FILE + 1} tentang {topic.title()} "
                 f"Tahun {year}", ""]
        for section in range(min(SECTIONS_PER_FILE, chunks - number)):
            picked = [rng.choice(pool)]
            while True:
                candidate = rng.choice(pool)
                if sum(map(len, picked)) + len(picked) + len(candidate) > SECTION_CHARS:
                    break
                picked.append(candidate)
            lines += [f"## Bagian {section + 1}", "", " ".join(picked), ""]
        name = f"sintetis_{number // SECTIONS_PER_FILE + 1:06d}.md"
        (out / name).write_text("\n".join(lines), encoding="utf-8")
        files += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--chunks", type=int, required=True)
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = make_corpus(args.shared, args.out, args.chunks, args.seed)
    print(f"{files} files, about {args.chunks} chunks, in {args.out}")


if __name__ == "__main__":
    main()
