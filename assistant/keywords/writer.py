"""Changing the keyword index: new files become a segment, segments that lost files are
rewritten from stored token ids, small segments merge, and ``state.json`` is replaced atomically.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from typing import Any

from ..answering.patterns import glossary
from ..documents import Chunk
from ..language import capitalisation, find_acronyms
from ..lexical import tokenize
from .index import STATE, KeywordIndex, empty_state, signature
from .segment import Segment, SegmentBuilder

SEGMENT_ROWS = 20_000  # rows a writer gathers before it writes a segment; bounds a rewrite's cost
MAX_SEGMENTS = 8  # more than this and the two smallest are merged


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

    def add(self, key: str, meta: dict[str, Any], chunks: list[Chunk],
            sig: str | None = None) -> None:
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
        texts = [c.text for c in chunks]
        facts = {"key": key, "sig": sig or signature(c.id for c in chunks),
                 "source": meta["source"], "title": meta.get("title", ""),
                 "label": meta.get("label", ""), "kind": meta.get("kind", "document"),
                 "year": meta.get("year"), "acronyms": find_acronyms(texts),
                 "glossary": defined, "capitals": capitalisation(texts)}
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

    def _write(self, builder: SegmentBuilder, segments: dict[str, int],
               files: dict[str, Any]) -> None:
        name = f"seg-{self.state['generation'] + 1:06d}-{uuid.uuid4().hex[:8]}"
        builder.write(self.index.folder / name)
        segments[name] = len(builder)
        for facts in builder.files:
            files[facts["key"]] = {"segment": name, "sig": facts["sig"]}

    def _merge_smallest(self, segments: dict[str, int], files: dict[str, Any]) -> None:
        first, second = sorted(segments, key=lambda name: segments[name])[:2]
        builder = SegmentBuilder()
        for name in (first, second):
            old = Segment(self.index.folder / name)
            builder.copy_files(old, list(range(len(old.files))))
            del segments[name]
        self._write(builder, segments, files)

    def _publish(self, segments: dict[str, int], files: dict[str, Any]) -> None:
        folder = self.index.folder
        self.state = {**empty_state(), "generation": self.state["generation"] + 1,
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
        self.state = {**empty_state(), "generation": self.state["generation"]}
        self.index.folder.mkdir(parents=True, exist_ok=True)
        self._publish({}, {})
