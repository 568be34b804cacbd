"""Reading the keyword index: the live segments, idf over all of them, ranked search."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..lexical import TOKENIZER_VERSION
from .segment import FORMAT, Segment, idf

if TYPE_CHECKING:
    from .writer import KeywordWriter

STATE = "state.json"


def signature(chunk_ids: Iterable[str]) -> str:
    """What a file's chunks are, as one string: equal signatures mean nothing to re-index."""
    return hashlib.sha1("\n".join(chunk_ids).encode()).hexdigest()


def empty_state() -> dict[str, Any]:
    return {"generation": 0, "tokenizer": TOKENIZER_VERSION, "format": FORMAT, "segments": [],
            "files": {}}


@dataclass(frozen=True)
class _View:
    """What one reload saw; searches use one view throughout, so a reload never tears them."""

    generation: int
    segments: tuple[Segment, ...]
    n: int
    average: float  # row length over all segments
    df: dict[str, int]
    files: dict[str, tuple[int, int]]  # file key -> (position in segments, file number there)


class KeywordIndex:
    """BM25 over Sastrawi stems in bm25s segments, with idf computed over all of them.

    Cheap to construct; the segments open on first use and reopen when another writer
    (this process or another) has replaced ``state.json``.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._view: _View | None = None
        self._stamp: tuple[object, ...] | None = None
        self._opened: dict[str, Segment] = {}
        self._reloads = 0
        self._lock = threading.Lock()

    def read_state(self) -> dict[str, Any]:
        """The current ``state.json``, or an empty one (also when the tokenizer or the segment
        format changed, so that the index is built again)."""
        try:
            state = json.loads((self.folder / STATE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return empty_state()
        current = (state.get("tokenizer"), state.get("format")) == (TOKENIZER_VERSION, FORMAT)
        return state if current else empty_state()

    def view(self) -> _View:
        """The segments as ``state.json`` names them now."""
        with self._lock:
            try:
                stat = os.stat(self.folder / STATE)
                stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                stamp = None
            if self._view is None or stamp != self._stamp:
                for _attempt in range(3):  # a writer may delete a segment between two reads
                    try:
                        self._view = self._load(self.read_state())
                        break
                    except FileNotFoundError:
                        continue
                else:
                    raise RuntimeError(f"the keyword index at {self.folder} keeps changing")
                self._stamp = stamp
                self._reloads += 1
            return self._view

    def _load(self, state: dict[str, Any]) -> _View:
        names = [s["name"] for s in state["segments"]]
        opened = {name: self._opened.get(name) or Segment(self.folder / name) for name in names}
        self._opened = opened
        segments = tuple(opened[name] for name in names)
        df: dict[str, int] = {}
        files: dict[str, tuple[int, int]] = {}
        for position, segment in enumerate(segments):
            for word, number in segment.vocab.items():
                count = int(segment.df[number])
                if count:
                    df[word] = df.get(word, 0) + count
            for number, facts in enumerate(segment.files):
                files[facts["key"]] = (position, number)
        n = sum(s.n for s in segments)
        average = (sum(float(s.lengths.sum()) for s in segments) / n) if n else 1.0
        return _View(state["generation"], segments, n, average or 1.0, df, files)

    @property
    def generation(self) -> int:
        """Changes whenever the index does (a count of the reloads this object made)."""
        self.view()
        return self._reloads

    def __len__(self) -> int:
        return self.view().n

    def idf(self, term: str) -> float:
        """Inverse document frequency over every segment; unknown terms get the highest value."""
        view = self.view()
        return float(idf(view.df.get(term, 0), view.n))

    def known(self, term: str) -> bool:
        """Whether any indexed chunk contains ``term``."""
        return term in self.view().df

    def facts(self) -> list[dict[str, Any]]:
        """Per indexed file: key, source, title, label, kind, year, acronyms, glossary, capitals."""
        view = self.view()
        return [view.segments[p].files[n] for p, n in view.files.values()]

    def _masks(self, view: _View, sources: list[str] | None) -> list[np.ndarray | None]:
        if not sources:
            return [None] * len(view.segments)
        return list(self._source_masks(view, sources))

    @staticmethod
    def _source_masks(view: _View, sources: list[str] | None) -> list[np.ndarray]:
        wanted = set(sources or [])
        return [segment.rows_of({n for n, f in enumerate(segment.files)
                                 if sources is None or f["source"] in wanted})
                for segment in view.segments]

    def search(
        self, terms: list[str], k: int, sources: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """Rank chunks for query terms.

        Args:
            terms: query terms from :func:`assistant.lexical.query_terms`.
            k: how many to return.
            sources: only chunks of these file names; applied before ranking.

        Returns:
            ``(chunk id, score)`` best first, only chunks sharing a term with the query.
        """
        view = self.view()
        weights = {t: float(idf(view.df[t], view.n)) for t in set(terms) if t in view.df}
        found: list[tuple[float, int, int]] = []
        for position, (segment, mask) in enumerate(
                zip(view.segments, self._masks(view, sources), strict=True)):
            scores = segment.scores(weights, view.average, mask)
            if scores is None:
                continue
            rows = np.flatnonzero(scores > 0)
            if len(rows) > k:
                rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
            found += [(float(scores[r]), position, int(r)) for r in rows]
        found.sort(key=lambda hit: -hit[0])
        return [(view.segments[p].chunk_id(r), score) for score, p, r in found[:k]]

    def defining(self, term: str, sources: list[str] | None = None) -> list[str]:
        """Ids of chunks that may define ``term``, ordered by (file name, position in file)."""
        view = self.view()
        found = []
        for segment, mask in zip(view.segments, self._masks(view, sources), strict=True):
            for row in segment.defining_rows(term):
                if mask is None or mask[row]:
                    source = segment.files[segment.row_file[row]]["source"]
                    found.append((source, int(segment.orders[row]), segment.chunk_id(int(row))))
        return [chunk_id for *_, chunk_id in sorted(found)]

    def chunk_ids(self, sources: list[str] | None, limit: int | None = None) -> list[str] | None:
        """Ids of every chunk of the named files (of every file, for ``None``); ``None`` when
        there are more than ``limit``."""
        view = self.view()
        masks = self._source_masks(view, sources)
        if limit is not None and sum(int(m.sum()) for m in masks) > limit:
            return None
        return [segment.chunk_id(int(row))
                for segment, mask in zip(view.segments, masks, strict=True)
                for row in np.flatnonzero(mask)]

    def writer(self, segment_rows: int | None = None) -> KeywordWriter:
        """Start changing the index (a :class:`KeywordWriter`); the caller holds the index lock.

        Args:
            segment_rows: rows gathered before a segment is written (default ``SEGMENT_ROWS``).
        """
        from .writer import SEGMENT_ROWS, KeywordWriter

        return KeywordWriter(self, segment_rows or SEGMENT_ROWS)
