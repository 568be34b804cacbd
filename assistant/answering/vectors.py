"""Sentence vectors for answer selection, computed once per sentence and kept beside the index."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..documents import Chunk
from ..embeddings import Embedder
from ..tables import is_row_line
from .spans import chunk_units
from .tables import row_as_text

FILE = "sentences.sqlite3"


def unit_text(chunk: Chunk, unit: str) -> str:
    """What is embedded for one sentence: the sentence with its citation header as context (a
    table row read out with its caption and column headers)."""
    if is_row_line(unit):
        unit = row_as_text(chunk.text, unit)
    return f"{chunk.header}: {unit}"


class SentenceVectors:
    """Normalised e5 ``passage:`` vectors of chunk sentences, cached in memory and in SQLite.

    Sentences are encoded when a document is ingested (:meth:`warm`), so answering a question
    only looks vectors up; a sentence not seen before is encoded on demand.
    """

    def __init__(self, embedder: Embedder, folder: Path | None = None) -> None:
        self.embedder = embedder
        self.path = Path(folder) / FILE if folder is not None else None
        self._memory: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("CREATE TABLE IF NOT EXISTS v (k TEXT PRIMARY KEY, model TEXT, "
                             "vec BLOB)")
        return self._db

    def _model(self) -> str:
        return self.embedder.model_id

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors for ``texts`` (rows in the same order), encoding those not cached."""
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        with self._lock:
            missing = [k for k in dict.fromkeys(keys) if k not in self._memory]
            conn = self._conn()
            if missing and conn is not None:
                model = self._model()
                for start in range(0, len(missing), 500):
                    part = missing[start : start + 500]
                    marks = ",".join("?" * len(part))
                    rows = conn.execute(f"SELECT k, vec FROM v WHERE model = ? AND k IN ({marks})",
                                        [model, *part]).fetchall()
                    for key, blob in rows:
                        self._memory[key] = np.frombuffer(blob, dtype=np.float16).astype(
                            np.float32)
                missing = [k for k in missing if k not in self._memory]
            if missing:
                by_key = dict(zip(keys, texts, strict=True))
                self._encode([(k, by_key[k]) for k in missing])
            return np.stack([self._memory[k] for k in keys]) if keys else np.zeros((0, 1))

    def _encode(self, items: list[tuple[str, str]]) -> None:
        encoded = np.asarray(self.embedder.embed_documents([t for _, t in items]), np.float32)
        encoded /= np.linalg.norm(encoded, axis=1, keepdims=True) + 1e-9
        conn = self._conn()
        rows = []
        for (key, _), vec in zip(items, encoded, strict=True):
            self._memory[key] = vec
            rows.append((key, self._model(), vec.astype(np.float16).tobytes()))
        if conn is not None:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO v VALUES (?, ?, ?)", rows)

    def warm(self, chunks: Iterable[Chunk], batch: int = 256) -> int:
        """Encode the sentences of ``chunks`` that are not cached yet; returns how many."""
        texts = list(dict.fromkeys(unit_text(c, u) for c in chunks for u in chunk_units(c.text)))
        done = 0
        for start in range(0, len(texts), batch):
            part = texts[start : start + batch]
            before = len(self._memory)
            self.vectors(part)
            done += len(self._memory) - before
        return done
