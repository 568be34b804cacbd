"""The persisted keyword index: bm25s segments beside the vector store, updated per changed file.

``<index>/keywords/state.json`` names the live segments and, for every file, the segment holding
its chunks and a signature of their ids. Each ``seg-*`` folder is an immutable
:class:`~assistant.segment.Segment`. A writer (ingest, an upload, a removal; the caller holds the
index lock) tokenises only the files it is given, writes them as a new segment, rewrites the
segments that held their old versions from stored token ids, merges small segments, and replaces
``state.json`` atomically. Readers, in this process or in others sharing the folder, reload when
``state.json`` changes; segments are memory-mapped, so opening one costs little.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .definitions import glossary
from .documents import Chunk
from .language import find_acronyms
from .lexical import TOKENIZER_VERSION, tokenize
from .segment import Segment, SegmentBuilder, idf

STATE = "state.json"
SEGMENT_ROWS = 20_000  # rows a writer gathers before it writes a segment; bounds a rewrite's cost
MAX_SEGMENTS = 8  # more than this and the two smallest are merged


def signature(chunk_ids: Iterable[str]) -> str:
    """What a file's chunks are, as one string: equal signatures mean nothing to re-index."""
    return hashlib.sha1("\n".join(chunk_ids).encode()).hexdigest()


def _empty_state() -> dict:
    return {"generation": 0, "tokenizer": TOKENIZER_VERSION, "segments": [], "files": {}}


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
        self._stamp: tuple | None = None
        self._opened: dict[str, Segment] = {}
        self._reloads = 0
        self._lock = threading.Lock()

    def read_state(self) -> dict:
        """The current ``state.json``, or an empty one (also when the tokenizer changed)."""
        try:
            state = json.loads((self.folder / STATE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return _empty_state()
        return state if state.get("tokenizer") == TOKENIZER_VERSION else _empty_state()

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

    def _load(self, state: dict) -> _View:
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
        return idf(view.df.get(term, 0), view.n)

    def known(self, term: str) -> bool:
        """Whether any indexed chunk contains ``term``."""
        return term in self.view().df

    def facts(self) -> list[dict]:
        """Per indexed file: key, source, title, label, kind, year, acronyms, glossary."""
        view = self.view()
        return [view.segments[p].files[n] for p, n in view.files.values()]

    def _masks(self, view: _View, sources: list[str] | None) -> list[np.ndarray | None]:
        if not sources:
            return [None] * len(view.segments)
        wanted = set(sources)
        return [segment.rows_of({n for n, f in enumerate(segment.files) if f["source"] in wanted})
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
        weights = {t: idf(view.df[t], view.n) for t in set(terms) if t in view.df}
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
                    found.append((source, int(segment.orders[row]), segment.chunk_id(row)))
        return [chunk_id for *_, chunk_id in sorted(found)]

    def writer(self, segment_rows: int = SEGMENT_ROWS) -> KeywordWriter:
        """Start changing the index; the caller must hold the index lock."""
        return KeywordWriter(self, segment_rows)


class KeywordWriter:
    """Adds and removes files; :meth:`flush` makes the changes visible to every reader."""

    def __init__(self, index: KeywordIndex, segment_rows: int = SEGMENT_ROWS) -> None:
        if segment_rows < 1:
            raise ValueError("segment_rows must be at least 1")
        self.index = index
        self.segment_rows = segment_rows
        self.state = index.read_state()
        self.tokenised = 0  # chunks this writer tokenised: the cost an update pays
        self._pending = SegmentBuilder()
        self._pending_keys: set[str] = set()
        self._drop: dict[str, set[str]] = {}  # segment name -> file keys to leave out of it
        self._dropped: set[str] = set()

    def files(self) -> dict[str, str]:
        """Indexed file keys with their signatures, including what is not flushed yet."""
        have = {key: entry["sig"] for key, entry in self.state["files"].items()}
        for keys in self._drop.values():
            for key in keys:
                have.pop(key, None)
        have.update({f["key"]: f["sig"] for f in self._pending.files})
        return have

    def holds(self, key: str, sig: str) -> bool:
        """Whether the file ``key`` is indexed with exactly the chunks ``sig`` names."""
        if key in self._pending_keys:
            return any(f["key"] == key and f["sig"] == sig for f in self._pending.files)
        entry = self.state["files"].get(key)
        return entry is not None and key not in self._dropped and entry["sig"] == sig

    def add(self, key: str, meta: dict, chunks: list[Chunk], sig: str | None = None) -> None:
        """Index one file's chunks, replacing an earlier version of the file.

        Args:
            key: the file's identity (its absolute path).
            meta: source, title, label, kind and year of the file.
            chunks: all its chunks.
            sig: the signature to record (default: that of ``chunks``).
        """
        if key in self._pending_keys:
            self.flush()  # a second version in one run: write the first, then replace it
        self._forget(key)
        self._pending_keys.add(key)
        rows = [(c.id, c.order, tokenize(c.embedding_text()), c.text) for c in chunks]
        self.tokenised += len(chunks)
        defined = {term: [chunk.id, chunk.order] for term, (chunk, _) in glossary(chunks).items()}
        facts = {"key": key, "sig": sig or signature(c.id for c in chunks),
                 "source": meta["source"], "title": meta.get("title", ""),
                 "label": meta.get("label", ""), "kind": meta.get("kind", "document"),
                 "year": meta.get("year"), "acronyms": find_acronyms([c.text for c in chunks]),
                 "glossary": defined}
        self._pending.add_file(facts, rows)
        if len(self._pending) >= self.segment_rows:
            self.flush()

    def remove(self, key: str) -> None:
        """Drop one file from the index."""
        if key in self._pending_keys:
            self.flush()
        self._forget(key)

    def _forget(self, key: str) -> None:
        entry = self.state["files"].get(key)
        if entry is not None:
            self._drop.setdefault(entry["segment"], set()).add(key)
            self._dropped.add(key)

    def flush(self) -> None:
        """Write pending files as a segment, rewrite segments that lost files, publish."""
        if not len(self._pending.files) and not self._drop:
            return
        self.index.folder.mkdir(parents=True, exist_ok=True)
        segments = {s["name"]: s["rows"] for s in self.state["segments"]}
        files = self.state["files"]
        for name, keys in self._drop.items():
            if name not in segments:
                continue
            old = Segment(self.index.folder / name)
            for key in keys:
                files.pop(key, None)
            keep = [n for n, f in enumerate(old.files) if f["key"] not in keys]
            del segments[name]
            if keep:
                builder = SegmentBuilder()
                builder.copy_files(old, keep)
                self._write(builder, segments, files)
        if self._pending.files:
            self._write(self._pending, segments, files)
        self._pending, self._pending_keys, self._drop = SegmentBuilder(), set(), {}
        self._dropped = set()
        while len(segments) > MAX_SEGMENTS:
            self._merge_smallest(segments, files)
        self._publish(segments, files)

    def _write(self, builder: SegmentBuilder, segments: dict[str, int], files: dict) -> None:
        name = f"seg-{self.state['generation'] + 1:06d}-{uuid.uuid4().hex[:8]}"
        builder.write(self.index.folder / name)
        segments[name] = len(builder)
        for facts in builder.files:
            files[facts["key"]] = {"segment": name, "sig": facts["sig"]}

    def _merge_smallest(self, segments: dict[str, int], files: dict) -> None:
        first, second = sorted(segments, key=segments.get)[:2]
        builder = SegmentBuilder()
        for name in (first, second):
            old = Segment(self.index.folder / name)
            builder.copy_files(old, list(range(len(old.files))))
            del segments[name]
        self._write(builder, segments, files)

    def _publish(self, segments: dict[str, int], files: dict) -> None:
        folder = self.index.folder
        self.state = {"generation": self.state["generation"] + 1, "tokenizer": TOKENIZER_VERSION,
                      "segments": [{"name": n, "rows": r} for n, r in segments.items()],
                      "files": files}
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".state-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self.state, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, folder / STATE)
        for path in folder.glob("seg-*"):  # readers keep what they mapped; unlinking is safe
            if path.name not in segments:
                shutil.rmtree(path, ignore_errors=True)

    def clear(self) -> None:
        """Forget every file (for a rebuild)."""
        self._pending, self._pending_keys, self._drop = SegmentBuilder(), set(), {}
        self._dropped = set()
        self.state = {**_empty_state(), "generation": self.state["generation"]}
        self.index.folder.mkdir(parents=True, exist_ok=True)
        self._publish({}, {})
