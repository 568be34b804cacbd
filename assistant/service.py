"""Assistant: the one place that wires the parts; the UI and CLI call only this."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from langchain_core.runnables import Runnable

from .answerers import Generated, make_answerer
from .answering import Reader
from .answering.vectors import SentenceVectors
from .chain import (
    Answerer,
    Conversation,
    Evidence,
    Vocabulary,
    build_chain,
    build_evidence_chain,
    final,
)
from .config import Settings
from .documents import Answer, Chunk, article_of
from .embeddings import E5Embedder, Embedder
from .ingest import (
    MANIFEST,
    IngestReport,
    Manifest,
    file_digest,
    index_lock,
    ingest,
    sync_keywords,
)
from .language import domain_acronyms, names
from .prepare import Budget
from .retrieve import HybridRetriever
from .store import ChromaStore

if TYPE_CHECKING:
    from .workshop import Workshop


@dataclass
class IngestJob:
    """An ingest running in the background; the chat answers from the old index meanwhile."""

    files: list[str]
    state: str = "queued"  # queued, running, done, failed
    done: int = 0
    current: str = ""
    report: IngestReport | None = None
    error: str = ""
    rejected: list[tuple[str, str]] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)

    def status(self) -> str:
        """What the admin page shows."""
        head = {"queued": "menunggu / queued", "running": "mengindeks / ingesting",
                "done": "selesai / done", "failed": "gagal / failed"}[self.state]
        lines = [f"{head}: {self.done}/{len(self.files)} "
                 + (f"({self.current})" if self.state == "running" and self.current else "")]
        lines += [f"failed: {name}: {reason}" for name, reason in self.rejected]
        if self.report is not None:
            lines.append(self.report.summary())
        if self.error:
            lines.append(f"error: {self.error}")
        return "\n".join(line.rstrip() for line in lines)


class Assistant:
    """Cheap to construct; the model, the store and the keyword index load on first use."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        store: ChromaStore | None = None,
    ) -> None:
        self.settings = settings
        self._embedder = embedder
        self._store = store
        self._retriever: HybridRetriever | None = None
        self._chain: Runnable[dict[str, Any], Answer] | None = None
        self._evidence_chain: Runnable[dict[str, Any], Evidence] | None = None
        self._reader: Reader | None = None
        self._answerer: Answerer | None = None
        # keyed by the keyword index's generation: another process's ingest is seen too
        self._vocabulary: tuple[int, Vocabulary] | None = None
        self._terms: tuple[int, dict[str, tuple[Chunk, str]]] | None = None
        self._vectors: SentenceVectors | None = None
        self._lock = threading.RLock()  # guards the lazily built parts, held only briefly
        self._writing = threading.Lock()  # one ingest or removal at a time in this process
        self.job: IngestJob | None = None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = E5Embedder(self.settings.embedding_model, self.settings.model_cache)
        return self._embedder

    @property
    def store(self) -> ChromaStore:
        if self._store is None:
            self._store = ChromaStore(self.settings.index, self.settings.chroma_url)
        return self._store

    @property
    def retriever(self) -> HybridRetriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = HybridRetriever(self.store, self.embedder,
                                                  self.settings.candidates)
                self._catch_up()
            return self._retriever

    def _catch_up(self) -> None:
        """Give the keyword index what the manifest has and it lacks (an index built before it
        existed, or an ingest stopped early), unless another process is writing right now."""
        index = Path(self.settings.index)
        if not (index / MANIFEST).exists():
            return
        try:
            with index_lock(index, wait=False) as locked:
                if locked and self._retriever is not None:
                    writer = self._retriever.keywords.writer()
                    sync_keywords(Manifest(index / MANIFEST), self.store, writer)
        except OSError:  # a read-only index folder: serve what is there
            pass

    @property
    def vectors(self) -> SentenceVectors:
        """Sentence vectors for answer selection, kept beside the index."""
        if self._vectors is None:
            folder = None if self.settings.chroma_url else Path(self.settings.index)
            self._vectors = SentenceVectors(self.embedder, folder)
        return self._vectors

    def _vocab(self) -> Vocabulary:
        with self._lock:
            keywords = self.retriever.keywords
            generation = keywords.generation
            if self._vocabulary is None or self._vocabulary[0] != generation:
                self._vocabulary = (generation, _vocabulary_of(self.retriever))
            return self._vocabulary[1]

    @property
    def reader(self) -> Reader:
        """The extractive reader: judges which passages answer, and quotes them."""
        if self._reader is None:
            self._reader = Reader(lambda t: self.retriever.lexical.idf(t),
                                  lambda t: self.retriever.lexical.known(t), self.vectors,
                                  self.embedder.embed_query, names=lambda: self._vocab().names)
        return self._reader

    @property
    def answerer(self) -> Answerer:
        """The answer step the ``llm`` setting names."""
        if self._answerer is None:
            self._answerer = make_answerer(self.settings)
        return self._answerer

    @property
    def evidence_chain(self) -> Runnable[dict[str, Any], Evidence]:
        """Understand -> plan -> retrieve: the chain up to the answer step."""
        if self._evidence_chain is None:
            answerer = self.answerer
            condense = answerer.condense if isinstance(answerer, Generated) else None
            self._evidence_chain = build_evidence_chain(
                self.retriever, self.reader, self._vocab, self.settings.top_k, condense)
        return self._evidence_chain

    @property
    def chain(self) -> Runnable[dict[str, Any], Answer]:
        """The whole chain, as one runnable (``ask`` streams through the same steps)."""
        if self._chain is None:
            self._chain = build_chain(self.evidence_chain, self.answerer)
        return self._chain

    def ingest(
        self, paths: list[Path] | None = None, rebuild: bool = False, progress: bool = True
    ) -> IngestReport:
        """Index files and folders (default: the corpus folder)."""
        return self._ingest(list(paths or [self.settings.corpus]), rebuild, progress)

    def _ingest(self, paths: list[Path], rebuild: bool = False, progress: bool = True,
                job: IngestJob | None = None) -> IngestReport:
        def seen(name: str, done: int, total: int) -> None:
            if job is not None:
                job.done, job.current = done, name

        settings = self.settings
        with self._writing:
            try:
                report = ingest(
                    paths, self.store, self.embedder, settings.index, size=settings.chunk_size,
                    max_chars=settings.chunk_max, rebuild=rebuild, progress=progress,
                    max_file_mb=settings.max_file_mb, on_file=seen,
                    budget=Budget(settings.read_seconds, settings.read_seconds_per_mb))
            finally:
                self._changed()
            changed = set(report.added + report.updated)
            if changed:  # sentence vectors now, so answering only looks them up
                self.vectors.warm(self._chunks_of(changed))
            return report

    def _chunks_of(self, sources: set[str]) -> Iterator[Chunk]:
        """The stored chunks of these documents, read from the store a batch at a time."""
        manifest = Manifest(Path(self.settings.index) / MANIFEST)
        ids = [i for e in manifest.files.values() if e["source"] in sources for i in e["chunks"]]
        for start in range(0, len(ids), 1000):
            yield from self.store.get(ids[start : start + 1000])

    def _changed(self) -> None:
        """The index changed: the keyword index (persisted, updated per file by the ingest)
        is read again and the vocabulary built from it before it is swapped in, so questions
        asked meanwhile are answered from the index as it was."""
        if self._retriever is None:
            return  # nothing built yet; the first question reads the new index
        retriever = self._retriever
        retriever.refresh()
        generation = retriever.keywords.generation
        vocabulary = _vocabulary_of(retriever)
        with self._lock:
            self._vocabulary, self._terms = (generation, vocabulary), None

    def submit(self, paths: list[Path], rejected: list[tuple[str, str]] | None = None,
               remove_failed: bool = False) -> IngestJob:
        """Ingest ``paths`` in a background thread.

        Args:
            paths: files to index.
            rejected: uploads refused before ingest, shown with the job.
            remove_failed: delete files that failed from disk (uploads copied into the corpus).

        Returns:
            The job; ``job.finished`` is set when it is over.
        """
        job = IngestJob([p.name for p in paths], rejected=list(rejected or []))
        self.job = job

        def run() -> None:
            job.state = "running"
            try:
                job.report = self._ingest(paths, progress=False, job=job) if paths else None
                job.state = "done"
            except Exception as exc:  # noqa: BLE001 - reported on the admin page
                job.error, job.state = str(exc), "failed"
            if remove_failed:
                failed = {name for name, _ in (job.report.failed if job.report else [])}
                for path in paths:
                    if job.state == "failed" or path.name in failed:
                        path.unlink(missing_ok=True)  # never left to fail the next ingest
            job.finished.set()

        threading.Thread(target=run, name="klaster-ingest", daemon=True).start()
        return job

    def ensure_index(self, progress: bool = True) -> IngestReport | None:
        """Build the index from the corpus folder on first run; ``None`` if it exists."""
        if self.store.count() > 0:
            return None
        return self.ingest([self.settings.corpus], progress=progress)

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        sources: list[str] | None = None,
        standalone: bool = False,
    ) -> Answer:
        """Answer a question, as a follow-up in ``conversation`` when one is given.

        Args:
            question: what the user asked.
            conversation: the chat it belongs to; updated with this turn.
            sources: search only these file names.
            standalone: the question names its own subject (a suggested follow-up): it is
                answered without the earlier turns, and still recorded as a turn.

        Returns:
            The answer with its citations.
        """
        return final(self.stream(question, conversation, sources, standalone))

    def stream(
        self,
        question: str,
        conversation: Conversation | None = None,
        sources: list[str] | None = None,
        standalone: bool = False,
    ) -> Iterator[str | Answer]:
        """Answer a question as it is written: text pieces as the model sends them, then the
        final :class:`Answer` (after the grounding guard; it may replace the streamed text).

        The extractive reader sends no pieces, only the answer. Arguments as :meth:`ask`.

        Raises:
            ValueError: an empty or too long question (before anything is yielded).
        """
        inputs = self._inputs(question, None if standalone else conversation, sources)
        evidence: Evidence = self.evidence_chain.invoke(inputs)
        answer: Answer | None = None
        for piece in self.answerer.stream(evidence):
            if isinstance(piece, Answer):
                answer = piece
            else:
                yield piece
        if answer is None:
            raise RuntimeError("the answer step ended without an answer")
        if conversation is not None:
            conversation.turns.append((inputs["question"], answer))
            conversation.last = answer.resolved
            conversation.last_places = sorted({(c.source, article_of(c.location))
                                               for c in answer.citations})
        yield answer

    def _inputs(self, question: str, conversation: Conversation | None,
                sources: list[str] | None) -> dict[str, Any]:
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise ValueError(f"the question is too long ({len(question)} characters; at most "
                             f"{limit}) / pertanyaan terlalu panjang")
        previous = conversation.last if conversation else None
        return {"question": question, "previous": previous, "sources": sources or None,
                "previous_sources": conversation.last_sources if conversation else [],
                "previous_places": conversation.last_places if conversation else [],
                "previous_quotes": conversation.last_quotes if conversation else []}

    def documents(self) -> list[dict[str, Any]]:
        """What the index holds, one entry per file."""
        manifest = Manifest(Path(self.settings.index) / MANIFEST)
        return [
            {"path": path, "source": e["source"], "title": e["title"], "label": e["label"],
             "kind": e["kind"], "year": e["year"], "chunks": len(e["chunks"]),
             "ingested": e["ingested"]}
            for path, e in sorted(manifest.files.items(), key=lambda kv: kv[1]["source"])
        ]

    def sources_matching(
        self, sources: list[str] | None, kinds: list[str] | None, years: list[str] | None
    ) -> list[str] | None:
        """File names that pass the chat filters; ``None`` when no filter is set.

        A filter that matches nothing yields a name no chunk has, so nothing is searched
        rather than everything.
        """
        if not (sources or kinds or years):
            return None
        chosen = [d["source"] for d in self.documents()
                  if (not sources or d["source"] in sources) and (not kinds or d["kind"] in kinds)
                  and (not years or str(d["year"]) in map(str, years))]
        return chosen or ["(none)"]

    @overload
    def add_files(self, paths: list[Path], wait: Literal[True] = ...) -> IngestReport: ...

    @overload
    def add_files(self, paths: list[Path], wait: Literal[False]) -> IngestJob: ...

    def add_files(self, paths: list[Path], wait: bool = True) -> IngestReport | IngestJob:
        """Check uploaded files, copy them into the corpus under safe, unused names and index
        them; an upload never replaces a file or document of the same name.

        Args:
            paths: uploaded files (any names; only the base name is kept, sanitized).
            wait: ingest now and return the report; ``False`` ingests in the background and
                returns the :class:`IngestJob`.

        Returns:
            The ingest report (rejected files in ``failed``), or the background job.
        """
        accepted, rejected = self._stage(list(map(Path, paths)))
        if not wait:
            return self.submit(accepted, rejected, remove_failed=True)
        job = self.submit(accepted, rejected, remove_failed=True)
        job.finished.wait()
        if job.state == "failed":
            raise RuntimeError(job.error)
        report = job.report or IngestReport()
        report.failed = rejected + report.failed
        return report

    def _stage(self, paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
        """Copy acceptable uploads into the corpus folder; the others with the reason."""
        from .loaders import supported

        folder = Path(self.settings.corpus)
        folder.mkdir(parents=True, exist_ok=True)
        manifest = Manifest(Path(self.settings.index) / MANIFEST)
        indexed = {e["sha256"]: e["source"] for e in manifest.files.values()}
        taken = {e["source"].lower() for e in manifest.files.values()}
        accepted: list[Path] = []
        rejected: list[tuple[str, str]] = []
        for path in paths:
            name = self.safe_name(path.name)
            size_mb = path.stat().st_size / 1_000_000 if path.is_file() else 0
            if not name or not supported(Path(name)):
                rejected.append((path.name, f"unsupported file type {Path(path.name).suffix}"))
            elif size_mb > self.settings.max_upload_mb:
                rejected.append((path.name, f"{size_mb:.1f} MB is over the "
                                            f"{self.settings.max_upload_mb} MB limit"))
            elif (same := indexed.get(file_digest(path))) is not None:
                rejected.append((path.name, f"the same content is indexed already as {same}"))
            else:
                target = _free_name(folder, name, taken)
                taken.add(target.name.lower())
                with path.open("rb") as source, open(target, "xb") as copy:  # never overwrites
                    copy.write(source.read())
                accepted.append(target)
        return accepted, rejected

    @staticmethod
    def safe_name(name: str) -> str:
        """An uploaded file's base name with only letters, digits, ``.``, ``_`` and ``-`` (any
        script), no folders and no dot-files.

        Args:
            name: the name the browser sent.

        Returns:
            The safe name, or ``""`` when nothing usable is left.
        """
        import re
        import unicodedata

        base = re.split(r"[\\/]", unicodedata.normalize("NFC", name))[-1]
        base = re.sub(r"[^\w.-]+", "_", base).lstrip("._-")
        stem, dot, suffix = base.rpartition(".")
        if dot and len(base) > 120:
            base = f"{stem[: 119 - len(suffix)]}.{suffix}"
        return base[:120]

    def remove_document(self, source: str) -> bool:
        """Drop one document's chunks and manifest entry, and delete it from the corpus folder.

        Args:
            source: the document's name as listed by :meth:`documents`, or its path.

        Returns:
            Whether that document was indexed.

        Raises:
            ValueError: several documents have that name (remove by path).
        """
        index = Path(self.settings.index)
        with self._writing, index_lock(index):
            manifest = Manifest(index / MANIFEST)
            keys = [k for k in manifest.files if k == source] or [
                k for k, e in manifest.files.items() if e["source"] == source]
            if len(keys) > 1:
                raise ValueError(f"{len(keys)} documents are named {source}; remove one by path")
            corpus = Path(self.settings.corpus).resolve()
            writer = self.retriever.keywords.writer()
            for key in keys:
                manifest.drop(key, self.store)
                writer.remove(key)
                if Path(key).is_relative_to(corpus) and Path(key).is_file():
                    Path(key).unlink()  # or the next ingest of the corpus would bring it back
            writer.flush()
            self._changed()
            return bool(keys)

    def workshop(self, topic: str, k: int = 24) -> Workshop:
        """Material for a training session on ``topic``, built from retrieved passages.

        Args:
            topic: what the session is about.
            k: how many passages to choose from (at most eight are used, from several
                documents).

        Returns:
            A :class:`assistant.workshop.Workshop`.
        """
        from .language import detect_language
        from .workshop import build_workshop

        topic = topic.strip()
        if not topic:
            raise ValueError("the topic is empty")
        passages = self.retriever.retrieve(topic, detect_language(topic), k)
        return build_workshop(passages, topic, terms=self.terms())

    def terms(self) -> dict[str, tuple[Chunk, str]]:
        """The terms the documents define: term -> (defining chunk, sentence).

        Each file's defined terms were found when it was indexed; only the first chunk defining
        each term (by file name and position) is read back, and gives the same glossary as
        reading every chunk.
        """
        from wordfreq import zipf_frequency

        from .lexical import stem
        from .workshop import domain_glossary

        with self._lock:
            keywords = self.retriever.keywords
            generation = keywords.generation
            if self._terms is None or self._terms[0] != generation:
                first: dict[str, tuple[str, int, str]] = {}
                for facts in keywords.facts():
                    for term, (chunk_id, order) in facts["glossary"].items():
                        place = (facts["source"], order, chunk_id)
                        first[term] = min(first.get(term, place), place)
                ids = sorted({chunk_id for *_, chunk_id in first.values()})
                several = math.log(1 + (len(keywords) - 2.5) / 3.5)

                def common(word: str) -> bool:
                    """A word of the language, or one used in three or more chunks (names,
                    acronyms); an OCR misreading ("tndustri") is neither."""
                    return zipf_frequency(word, "id") > 0 or keywords.idf(stem(word)) <= several

                self._terms = (generation, domain_glossary(self.store.get(ids), common))
            return self._terms[1]

    def suggestions(self, answer: Answer, limit: int = 3) -> list[str]:
        """Follow-up questions from the passages next to those ``answer`` used."""
        from .workshop import suggest

        near: dict[str, Chunk] = {}
        for passage in answer.passages[:3]:
            near[passage.chunk.id] = passage.chunk
            for chunk in sorted(self.store.neighbours(passage.chunk), key=lambda c: c.order):
                near.setdefault(chunk.id, chunk)
        return suggest(answer, near, limit)


def _vocabulary_of(retriever: HybridRetriever) -> Vocabulary:
    """Acronyms, known words and names of the indexed documents, from the keyword index: each
    file's acronyms and how it writes its words were found when it was indexed, so nothing here
    reads the chunks."""
    keywords = retriever.keywords
    learned: dict[str, str] = {}
    written: dict[str, list[int]] = {}
    for facts in sorted(keywords.facts(), key=lambda f: (f["source"], f["key"])):
        for acronym, expansion in facts["acronyms"].items():
            learned.setdefault(acronym, expansion)
        for word, (capitalised, lower) in facts["capitals"].items():
            tally = written.setdefault(word, [0, 0])
            tally[0] += capitalised
            tally[1] += lower
    # a word in three or more chunks is the documents' own, never slang
    several = math.log(1 + (len(keywords) - 2.5) / 3.5)
    return Vocabulary({**domain_acronyms(), **learned}, keywords.known,
                      lambda w: keywords.known(w) and keywords.idf(w) <= several, names(written))


def _free_name(folder: Path, name: str, taken: set[str]) -> Path:
    """``folder/name``, or ``name-2``, ``name-3``… when a file or document has that name."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, n = name, 1
    while (folder / candidate).exists() or candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    return folder / candidate
