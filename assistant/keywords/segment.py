"""One keyword segment on disk: a bm25s index over the Sastrawi stems of some files' chunks.

A segment is written once and never changed; the keyword index adds, merges and drops whole
segments. Beside bm25s's own files it keeps each row's token ids, so a merge or a file's removal
never tokenises again; per row, hashes of the phrases that stand just before a defining verb, to
find where a term may be defined without reading any text; and per file the facts gathered in
the same pass (title, label, acronyms, defined terms).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..answering.patterns import VERB

FORMAT = "4"  # bump when a segment's files change: older indexes are rebuilt from the store
# 3: a term followed by "yang selanjutnya disebut/disingkat X" before its verb is keyed too
# 4: each file records how it writes each word (capitalised or not), so names can be told
K1, B = 1.4, 0.75  # the values the in-memory index used; bm25s "lucene" has the same idf
_DEFINING_VERB = re.compile(VERB)
_PARENTHESES = re.compile(r"\([^)]*\)")
_QUOTES_COMMAS = re.compile(r"[\"'“”‘’,]")
PHRASE_WORDS = 8  # a defined term has at most six words; commas may split one more
PHRASE_REACH = 200  # characters before a verb in which the term, quotes and a gloss may stand
_SHORT_NAME = ("disebut", "disingkat")  # "X yang selanjutnya disebut Y adalah …" defines X too


def _phrase_words(text: str) -> list[str]:
    return _QUOTES_COMMAS.sub(" ", _PARENTHESES.sub(" ", text.lower())).split()


def phrase_key(term: str) -> int:
    """The key of a term, as :func:`phrase_keys` makes them."""
    digest = hashlib.blake2b(" ".join(_phrase_words(term)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def phrase_keys(text: str) -> set[int]:
    """Keys of every run of up to ``PHRASE_WORDS`` words that ends just before a defining verb,
    quotes, commas and a parenthesised gloss left out.

    A term that :func:`assistant.answering.patterns.defines` finds defined in ``text`` is among
    them, so they narrow the search for a definition to the few chunks that can hold it.
    """
    lower, keys = text.lower(), set[int]()
    for match in _DEFINING_VERB.finditer(lower):
        words = _phrase_words(lower[max(0, match.start() - PHRASE_REACH) : match.start()])
        runs = [words]
        for cut in (4, 3):  # "… yang selanjutnya disebut Y" (Y may be a gloss left out)
            tail = words[-cut:]
            if len(words) > cut and tail[:2] == ["yang", "selanjutnya"] \
                    and tail[2] in _SHORT_NAME:
                runs.append(words[:-cut])
        for run in runs:
            run = run[-PHRASE_WORDS:]
            keys.update(phrase_key(" ".join(run[start:])) for start in range(len(run)))
    return keys


def idf(df: int | np.ndarray, n: int) -> float | np.ndarray:
    """BM25 (Lucene) inverse document frequency."""
    return np.log1p((n - df + 0.5) / (df + 0.5)) if isinstance(df, np.ndarray) \
        else math.log(1 + (n - df + 0.5) / (df + 0.5))


def _norm(length: np.ndarray, average: float) -> np.ndarray:
    return K1 * (1 - B + B * length / average)


@dataclass
class SegmentBuilder:
    """Rows gathered in memory, then written as one segment."""

    vocab: dict[str, int] = field(default_factory=dict)
    tokens: list[list[int]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    row_file: list[int] = field(default_factory=list)
    orders: list[int] = field(default_factory=list)
    phrases: list[list[int]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    def add_file(self, facts: dict[str, Any], rows: list[tuple[str, int, list[str], str]]) -> None:
        """Add one file: its facts and ``(chunk id, order, stems, text)`` per chunk."""
        number = len(self.files)
        self.files.append(facts)
        for chunk_id, order, stems, text in rows:
            self.tokens.append([self.vocab.setdefault(s, len(self.vocab)) for s in stems])
            self.ids.append(chunk_id)
            self.row_file.append(number)
            self.orders.append(order)
            self.phrases.append(sorted(phrase_keys(text)))

    def copy_files(self, segment: Segment, keep: list[int]) -> None:
        """Add files of an existing segment by their numbers there, without tokenising."""
        words = segment.words()
        remap = np.array([self.vocab.setdefault(w, len(self.vocab)) for w in words] or [0],
                         dtype=np.int64)
        for number in keep:
            new = len(self.files)
            self.files.append(segment.files[number])
            for row in np.flatnonzero(segment.row_file == number):
                start, end = segment.token_offsets[row], segment.token_offsets[row + 1]
                self.tokens.append(remap[segment.tokens[start:end]].tolist())
                self.ids.append(segment.chunk_id(int(row)))
                self.row_file.append(new)
                self.orders.append(int(segment.orders[row]))
                start, end = segment.phrase_offsets[row], segment.phrase_offsets[row + 1]
                self.phrases.append(segment.phrases[start:end].tolist())

    def write(self, folder: Path) -> None:
        """Write the segment into ``folder`` (which must not exist yet)."""
        import bm25s

        folder.mkdir(parents=True)
        bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
        bm25.index((self.tokens, dict(self.vocab)), create_empty_token=False,
                   show_progress=False)
        bm25.save(str(folder), show_progress=False)
        offsets = np.zeros(len(self.tokens) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in self.tokens], out=offsets[1:])
        flat = [t for row in self.tokens for t in row]
        np.save(folder / "tokens.npy", np.array(flat, dtype=np.int32))
        np.save(folder / "token_offsets.npy", offsets)
        phrase_offsets = np.zeros(len(self.phrases) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in self.phrases], out=phrase_offsets[1:])
        np.save(folder / "phrases.npy",
                np.array([k for row in self.phrases for k in row], dtype=np.uint64))
        np.save(folder / "phrase_offsets.npy", phrase_offsets)
        np.save(folder / "ids.npy", np.array(self.ids, dtype="S"))
        np.save(folder / "row_file.npy", np.array(self.row_file, dtype=np.int32))
        np.save(folder / "orders.npy", np.array(self.orders, dtype=np.int32))
        (folder / "files.json").write_text(json.dumps(self.files, ensure_ascii=False),
                                           encoding="utf-8")


class Segment:
    """A written segment, memory-mapped: bm25s's score matrix, token ids, phrase keys."""

    def __init__(self, folder: Path) -> None:
        import bm25s

        self.folder = folder
        bm25 = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        self.vocab: dict[str, int] = bm25.vocab_dict
        self._data, self._indices = bm25.scores["data"], bm25.scores["indices"]
        self._indptr = bm25.scores["indptr"]
        self.n = int(bm25.scores["num_docs"])
        self.df = np.diff(self._indptr)
        load = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in
                ("tokens", "token_offsets", "phrases", "phrase_offsets", "ids", "row_file",
                 "orders")}
        self.tokens, self.token_offsets = load["tokens"], load["token_offsets"]
        self.phrases, self.phrase_offsets = load["phrases"], load["phrase_offsets"]
        self._ids, self.row_file, self.orders = load["ids"], load["row_file"], load["orders"]
        self._phrase_lookup: tuple[np.ndarray, np.ndarray] | None = None
        self.lengths = np.diff(self.token_offsets).astype(np.float64)
        self.average = float(self.lengths.mean()) if self.n else 1.0
        self.files: list[dict[str, Any]] = json.loads(
            (folder / "files.json").read_text(encoding="utf-8"))

    def words(self) -> list[str]:
        """The vocabulary in token-id order."""
        words = [""] * len(self.vocab)
        for word, number in self.vocab.items():
            words[number] = word
        return words

    def chunk_id(self, row: int) -> str:
        return str(self._ids[row].decode())

    def rows_of(self, numbers: set[int]) -> np.ndarray:
        """A mask of the rows that belong to the given file numbers."""
        return np.isin(self.row_file, np.fromiter(numbers, dtype=np.int32, count=len(numbers)))

    def scores(self, weights: dict[str, float], average: float, mask: np.ndarray | None
               ) -> np.ndarray | None:
        """BM25 scores of every row as if all segments were one index.

        bm25s bakes this segment's idf and average length into its matrix; each posting's term
        frequency is recovered from it and scored again with the idf and average length over
        all segments, so scores of different segments compare.

        Args:
            weights: query term -> idf over all segments.
            average: the average row length over all segments.
            mask: rows allowed by a filter, or ``None`` for all.
        """
        scores = None
        for term, global_idf in weights.items():
            number = self.vocab.get(term)
            if number is None or not self.df[number]:
                continue
            start, end = self._indptr[number], self._indptr[number + 1]
            rows = np.asarray(self._indices[start:end])
            part = np.asarray(self._data[start:end], dtype=np.float64) \
                / idf(int(self.df[number]), self.n)  # tf / (tf + norm): below 1
            length = self.lengths[rows]
            tf = np.rint(part * _norm(length, self.average) / (1.0 - part))
            if scores is None:
                scores = np.zeros(self.n)
            # within one column each row appears once, so plain fancy-index addition is exact
            scores[rows] += global_idf * tf * (K1 + 1) / (tf + _norm(length, average))
        if scores is not None and mask is not None:
            scores[~mask] = 0.0
        return scores

    def defining_rows(self, term: str) -> np.ndarray:
        """Rows that may define ``term``: those with it just before a defining verb."""
        if self._phrase_lookup is None:  # sorted on first use; a few ms for 20k rows
            keys = np.asarray(self.phrases)
            rows = np.repeat(np.arange(self.n, dtype=np.int32), np.diff(self.phrase_offsets))
            order = np.argsort(keys, kind="stable")
            self._phrase_lookup = keys[order], rows[order]
        keys, rows = self._phrase_lookup
        key = np.uint64(phrase_key(term))
        return rows[np.searchsorted(keys, key, "left") : np.searchsorted(keys, key, "right")]
