"""Corpus -> index: incremental, idempotent, with progress; a crash leaves a resumable state."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .chunking import chunk_document
from .documents import Chunk, Document
from .embeddings import Embedder
from .keywords import KeywordIndex, KeywordWriter, signature
from .loaders import LoadError, load, supported
from .store import ChromaStore

MANIFEST = "manifest.json"
KEYWORDS = "keywords"
CHUNKER_VERSION = "7"
EMBED_BATCH = 32  # chunks per call to the embedder
SAVE_EVERY = 2.0  # seconds between manifest saves while files are only added


class IngestError(RuntimeError):
    """Nothing usable could be ingested; the message says why."""


@dataclass
class IngestReport:
    """What one ingest run did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks_written: int = 0
    chunks_embedded: int = 0
    chunks_tokenised: int = 0
    seconds: float = 0.0

    @property
    def usable(self) -> bool:
        return bool(self.added or self.updated or self.unchanged or not self.failed)

    def summary(self) -> str:
        lines = [
            f"files: {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, "
            f"{len(self.failed)} failed",
            f"chunks: {self.chunks_written} written, {self.chunks_embedded} embedded, "
            f"{self.chunks_tokenised} tokenised in {self.seconds:.1f} s",
        ]
        lines += [f"failed: {name}: {reason}" for name, reason in self.failed]
        return "\n".join(lines)


class Manifest:
    """Which files are indexed, with their hashes and chunk ids; written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.model = ""
        self.chunker = ""
        self.files: dict[str, dict] = {}
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            self.model = data.get("model", "")
            self.chunker = data.get("chunker", "")
            self.files = data.get("files", {})

    def drop(self, key: str, store: ChromaStore) -> dict:
        """Forget one file: its chunks leave the store, its entry the manifest (saved)."""
        entry = self.files.pop(key)
        store.delete(entry["chunks"])
        self.save()
        return entry

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {"model": self.model, "chunker": self.chunker, "files": self.files}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".manifest-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)


def collect(paths: list[Path]) -> tuple[list[Path], list[Path], list[tuple[str, str]]]:
    """Expand folders into supported files.

    Returns:
        (files, folders scanned, problems) where problems name paths that cannot be ingested.
    """
    files: list[Path] = []
    folders: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            folders.append(path.resolve())
            files += sorted(p for p in path.rglob("*") if p.is_file() and supported(p)
                            and not any(part.startswith(".") for part in p.parts[-2:]))
        elif path.is_file():
            if supported(path):
                files.append(path)
            else:
                problems.append((path.name, f"unsupported file type {path.suffix or '(none)'}"))
        else:
            problems.append((str(path), "no such file or folder"))
    return files, folders, problems


@contextmanager
def index_lock(index_dir: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the index folder's lock: one writer at a time, across threads and processes.

    Args:
        index_dir: the index folder (manifest and keyword index).
        wait: block until the lock is free; otherwise yield ``False`` when it is taken.

    Yields:
        Whether the lock is held.
    """
    import fcntl

    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ingest(
    paths: list[Path],
    store: ChromaStore,
    embedder: Embedder,
    index_dir: Path,
    *,
    size: int = 900,
    max_chars: int = 1100,
    rebuild: bool = False,
    progress: bool = True,
    keywords: KeywordIndex | None = None,
) -> IngestReport:
    """Bring the index in line with the given files and folders.

    Unchanged files are skipped by hash; changed files replace their chunks; files gone from an
    ingested folder lose theirs. Files stream through one at a time (memory does not grow with
    the corpus) and each is committed on its own: vectors first, then the manifest (saved at
    least every few seconds, and always before a replaced chunk is deleted), so an interrupted
    run is finished by running it again. Only the files that changed are tokenised for the
    keyword index.

    Args:
        paths: files and folders.
        store: the vector store.
        embedder: the embedding model.
        index_dir: folder holding the manifest and the keyword index.
        size: target chunk size in characters.
        max_chars: the longest chunk.
        rebuild: drop everything and embed again.
        progress: show progress (files/s, ETA) on stderr.
        keywords: the keyword index (default: the one in ``index_dir``).

    Returns:
        The report.

    Raises:
        IngestError: nothing usable was ingested.
    """
    started = time.perf_counter()
    report = IngestReport()
    keywords = keywords or KeywordIndex(index_dir / KEYWORDS)
    with index_lock(index_dir):
        manifest = Manifest(index_dir / MANIFEST)
        writer = keywords.writer()
        chunker = f"{CHUNKER_VERSION}-{size}-{max_chars}"
        if rebuild or (manifest.files and manifest.model != embedder.model_id):
            store.clear()
            writer.clear()
            manifest.files = {}
        manifest.model, manifest.chunker = embedder.model_id, chunker

        files, folders, problems = collect(paths)
        report.failed += problems
        bar = _progress(files, progress)
        saved = time.monotonic()
        for path in bar:  # counts a file once its body is done: files/s and ETA are honest
            key = str(path.resolve())
            known = manifest.files.get(key)
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                if known and known["sha256"] == digest and known.get("chunker") == chunker:
                    report.unchanged.append(path.name)
                    continue
                document = load(path)
            except (LoadError, OSError) as exc:
                report.failed.append((path.name, str(exc)))
                continue
            chunks = chunk_document(document, size, max_chars)
            present = store.existing([c.id for c in chunks])
            fresh = [c for c in chunks if c.id not in present]
            vectors: list[list[float]] = []
            for start in range(0, len(fresh), EMBED_BATCH):
                batch = fresh[start : start + EMBED_BATCH]
                vectors += embedder.embed_documents([c.embedding_text() for c in batch])
            store.add(fresh, vectors)
            stale = set(known["chunks"] if known else []) - {c.id for c in chunks}
            entry = manifest.files[document.path] = _entry(document, chunks, chunker)
            if stale or time.monotonic() - saved >= SAVE_EVERY:
                manifest.save()  # before the old chunks go: the manifest never names a lost one
                saved = time.monotonic()
            store.delete(stale)
            if not writer.holds(document.path, signature(entry["chunks"])):
                writer.add(document.path, entry, chunks)
            report.chunks_embedded += len(fresh)
            report.chunks_written += len(fresh)
            (report.updated if known else report.added).append(document.source)
            bar.set_postfix(chunks=report.chunks_written, refresh=False)
        bar.close()
        manifest.save()

        found = {str(p.resolve()) for p in files}
        for key in list(manifest.files):
            inside = any(Path(key).is_relative_to(folder) for folder in folders)
            if key not in found and inside and not Path(key).exists():
                report.removed.append(manifest.drop(key, store)["source"])
                writer.remove(key)
        sync_keywords(manifest, store, writer)
        report.chunks_tokenised = writer.tokenised
    report.seconds = time.perf_counter() - started
    if not report.usable:
        raise IngestError("nothing could be ingested:\n" + report.summary())
    return report


def sync_keywords(manifest: Manifest, store: ChromaStore, writer: KeywordWriter) -> None:
    """Bring the keyword index in line with the manifest, then publish it.

    Files it lacks (an index from before it existed, or a run stopped before its keywords were
    written) are read back from the store and tokenised; files the manifest no longer has leave.
    The caller holds the index lock.
    """
    have = writer.files()
    for key in have.keys() - manifest.files.keys():
        writer.remove(key)
    for key, entry in manifest.files.items():
        wanted = signature(entry["chunks"])
        if have.get(key) != wanted:
            writer.add(key, entry, store.get(entry["chunks"]), wanted)
    writer.flush()


def _entry(document: Document, chunks: list[Chunk], chunker: str) -> dict:
    return {
        "source": document.source,
        "title": document.title,
        "label": document.label,
        "kind": document.kind,
        "year": document.year,
        "sha256": document.sha256,
        "chunker": chunker,
        "chunks": [c.id for c in chunks],
        "ingested": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _progress(files: list[Path], enabled: bool):
    from tqdm import tqdm

    return tqdm(files, unit="file", desc="ingest", file=sys.stderr,
                disable=not enabled or not files)
