"""Corpus -> index: incremental, idempotent, with progress; a crash leaves a resumable state."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .documents import Chunk, Document
from .embeddings import Embedder
from .keywords import KeywordIndex, KeywordWriter, signature
from .loaders import LoadError, check_file, one_line, supported
from .prepare import Budget, Preparer
from .store import ChromaStore

if TYPE_CHECKING:
    from tqdm import tqdm

MANIFEST = "manifest.json"
KEYWORDS = "keywords"
EMBED_BATCH = 16  # small enough that questions get the model between batches during an ingest
# 11: a markdown file's front matter gives its year and kind; 10: figures labelled in a
# flattened table ("Gas : 7,30") are cells
CHUNKER_VERSION = "11"
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
    repaired: list[str] = field(default_factory=list)  # index entries whose chunks were missing
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
            f"{len(self.failed)} failed"
            + (f", {len(self.repaired)} repaired" if self.repaired else ""),
            f"chunks: {self.chunks_embedded} embedded and stored, "
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
        self.files: dict[str, dict[str, Any]] = {}
        self.saved = time.monotonic()  # when it was last written (or read)
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            self.model = data.get("model", "")
            self.chunker = data.get("chunker", "")
            self.files = data.get("files", {})

    def drop(self, key: str, store: ChromaStore) -> dict[str, Any]:
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
        self.saved = time.monotonic()


def collect(paths: list[Path]) -> tuple[list[Path], list[Path], list[tuple[str, str]]]:
    """Expand folders into supported files, without following folder links (no loops).

    Returns:
        (files, folders scanned, problems) where problems name paths that cannot be ingested:
        looping or dangling links, pipes and other non-files with a supported name.
    """
    files: list[Path] = []
    folders: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in map(Path, paths):
        if path.is_dir():
            folders.append(path.resolve())
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    candidate = Path(root) / name
                    if name.startswith(".") or not supported(candidate):
                        continue
                    try:
                        check_file(candidate)
                        files.append(candidate)
                    except LoadError as exc:
                        problems.append((name, str(exc)))
        elif supported(path) or path.is_symlink() or path.exists():
            try:
                check_file(path)
                files.append(path)
            except LoadError as exc:
                problems.append((path.name, str(exc)))
        else:
            problems.append((str(path), "no such file or folder"))
    unique = {str(p.resolve()): p for p in reversed(files)}  # a file named twice is read once
    files = [p for p in files if unique.get(str(p.resolve())) is p]
    return files, folders, problems


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read in blocks so memory stays bounded."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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

    index_dir = Path(index_dir)
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
    max_file_mb: float | None = None,
    budget: Budget | None = None,
    on_file: Callable[[str, int, int], None] | None = None,
    keywords: KeywordIndex | None = None,
) -> IngestReport:
    """Bring the index in line with the given files and folders.

    Unchanged files are skipped by hash; changed files replace their chunks; files gone from an
    ingested folder lose theirs. Files stream through one at a time (memory does not grow with
    the corpus); each is read in a worker process with a time budget and committed on its own:
    vectors first, then the manifest (saved at least every few seconds, and always before a
    replaced chunk is deleted), so a bad file costs only itself and an interrupted run is
    finished by running it again. Entries whose chunks are missing from the store are read
    again, and chunks no entry names are deleted. Only the files that changed are tokenised for
    the persisted keyword index. The index lock is held throughout.

    Args:
        paths: files and folders.
        store: the vector store.
        embedder: the embedding model.
        index_dir: folder holding the manifest and the keyword index.
        size: target chunk size in characters.
        max_chars: the longest chunk.
        rebuild: drop everything and embed again.
        progress: show progress (files/s, ETA) on stderr.
        max_file_mb: refuse larger files (``None``: no limit).
        budget: time allowed to read one file.
        on_file: called as ``on_file(name, done, total)`` after each file.
        keywords: the keyword index (default: the one in ``index_dir``).

    Returns:
        The report.

    Raises:
        IngestError: nothing usable was ingested.
    """
    started = time.perf_counter()
    report = IngestReport()
    index_dir = Path(index_dir)
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
        _remove_stray_temp_files(index_dir)

        files, folders, problems = collect(paths)
        report.failed += problems
        stored = store.ids()
        files += _repair(manifest, store, report, {str(p.resolve()) for p in files}, stored)
        max_bytes = int(max_file_mb * 1e6) if max_file_mb else None
        bar = _progress(len(files), progress)
        with Preparer(size, max_chars, max_bytes, budget) as preparer:
            for done, path in enumerate(files, 1):
                try:
                    _ingest_file(path, manifest, store, embedder, preparer, chunker, max_bytes,
                                 report, writer)
                except LoadError as exc:
                    report.failed.append((path.name, one_line(exc)))
                bar.update(1)  # counts a file once it is done: files/s and ETA are honest
                bar.set_postfix(chunks=report.chunks_embedded, refresh=False)
                if on_file:
                    on_file(path.name, done, len(files))
        bar.close()
        manifest.save()

        found = {str(p.resolve()) for p in files}
        for key in list(manifest.files):
            inside = any(Path(key).is_relative_to(folder) for folder in folders)
            if key not in found and inside and not Path(key).exists():
                report.removed.append(manifest.drop(key, store)["source"])
                writer.remove(key)
        named = {i for entry in manifest.files.values() for i in entry["chunks"]}
        store.delete(stored - named)  # left by a run killed between vectors and manifest
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


def _ingest_file(path: Path, manifest: Manifest, store: ChromaStore, embedder: Embedder,
                 preparer: Preparer, chunker: str, max_bytes: int | None,
                 report: IngestReport, writer: KeywordWriter) -> None:
    """Read, embed and commit one file, then tokenise it for the keyword index; a LoadError
    says why it was skipped."""
    key = str(path.resolve())
    known = manifest.files.get(key)
    size = check_file(path, max_bytes)
    try:
        digest = file_digest(path)
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from exc
    if known and known["sha256"] == digest and known.get("chunker") == chunker:
        report.unchanged.append(known["source"])
        return
    document, chunks = preparer.prepare(path, size)
    source = known["source"] if known else _unique_source(path, manifest)
    if source != document.source:
        document = replace(document, source=source)
        chunks = [replace(c, source=source) for c in chunks]
    present = store.existing([c.id for c in chunks])
    fresh = [c for c in chunks if c.id not in present]
    for start in range(0, len(fresh), EMBED_BATCH):
        batch = fresh[start : start + EMBED_BATCH]
        store.add(batch, embedder.embed_documents([c.embedding_text() for c in batch]))
    stale = set(known["chunks"] if known else []) - {c.id for c in chunks}
    entry = manifest.files[key] = _entry(document, chunks, chunker)
    if stale or time.monotonic() - manifest.saved >= SAVE_EVERY:
        manifest.save()  # before the old chunks go: the manifest never names a lost one
    store.delete(stale)
    if not writer.holds(key, signature(entry["chunks"])):
        writer.add(key, entry, chunks)
    report.chunks_embedded += len(fresh)
    (report.updated if known else report.added).append(source)


def _unique_source(path: Path, manifest: Manifest) -> str:
    """The name a new document is cited by: its file name, or, when another indexed file has
    that name, its folder and name, then a number, so no two documents share one."""
    taken = {entry["source"] for entry in manifest.files.values()}
    for candidate in (path.name, f"{path.parent.name}/{path.name}"):
        if candidate not in taken:
            return candidate
    n = 2
    while f"{path.parent.name}/{path.name} ({n})" in taken:
        n += 1
    return f"{path.parent.name}/{path.name} ({n})"


def _repair(manifest: Manifest, store: ChromaStore, report: IngestReport,
            listed: set[str], stored: set[str]) -> list[Path]:
    """Entries whose chunks the store lacks: gone files are dropped, others read again.

    Args:
        stored: every chunk id the store holds.

    Returns:
        Files to read again that are not among ``listed``.
    """
    again: list[Path] = []
    for key, entry in list(manifest.files.items()):
        if set(entry["chunks"]) <= stored:
            continue
        report.repaired.append(entry["source"])
        if Path(key).is_file():
            entry["sha256"] = ""  # read it again
            if key not in listed:
                again.append(Path(key))
        else:
            manifest.drop(key, store)
    if report.repaired:
        manifest.save()
    return again


def _remove_stray_temp_files(index_dir: Path) -> None:
    """Manifest temp files left by a run killed while saving."""
    for stray in Path(index_dir).glob(".manifest-*.json"):
        stray.unlink(missing_ok=True)


def _entry(document: Document, chunks: list[Chunk], chunker: str) -> dict[str, Any]:
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


def _progress(total: int, enabled: bool) -> tqdm[NoReturn]:
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc="ingesting", file=sys.stderr,
                disable=not enabled or total == 0)
