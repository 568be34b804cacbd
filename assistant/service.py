"""Assistant: the one place that wires the parts; the UI and CLI call only this."""

from __future__ import annotations

import threading
from pathlib import Path

from .answer import Conversation, Vocabulary, build_chain
from .config import Settings
from .documents import Answer
from .embeddings import E5Embedder, Embedder
from .ingest import MANIFEST, IngestReport, Manifest, index_lock, ingest, sync_keywords
from .language import DOMAIN_ACRONYMS
from .llm import make_answerer
from .retrieve import HybridRetriever
from .store import ChromaStore


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
        self._chain = None
        self._vocabulary: tuple[int, Vocabulary] | None = None
        self._terms: tuple[int, dict] | None = None
        self._lock = threading.RLock()

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
                if locked:
                    writer = self._retriever.keywords.writer()
                    sync_keywords(Manifest(index / MANIFEST), self.store, writer)
        except OSError:  # a read-only index folder: serve what is there
            pass

    def _vocab(self) -> Vocabulary:
        with self._lock:
            keywords = self.retriever.keywords
            generation = keywords.generation
            if self._vocabulary is None or self._vocabulary[0] != generation:
                learned: dict[str, str] = {}
                for facts in sorted(keywords.facts(), key=lambda f: (f["source"], f["key"])):
                    for acronym, expansion in facts["acronyms"].items():
                        learned.setdefault(acronym, expansion)
                vocabulary = Vocabulary({**DOMAIN_ACRONYMS, **learned}, keywords.known)
                self._vocabulary = (generation, vocabulary)
            return self._vocabulary[1]

    @property
    def chain(self):
        if self._chain is None:
            answerer = make_answerer(self.settings.llm, lambda t: self.retriever.lexical.idf(t))
            self._chain = build_chain(self.retriever, answerer, self._vocab, self.settings.top_k)
        return self._chain

    def ingest(
        self, paths: list[Path] | None = None, rebuild: bool = False, progress: bool = True
    ) -> IngestReport:
        """Index files and folders (default: the corpus folder)."""
        with self._lock:
            report = ingest(
                list(paths or [self.settings.corpus]), self.store, self.embedder,
                self.settings.index, size=self.settings.chunk_size,
                max_chars=self.settings.chunk_max, rebuild=rebuild, progress=progress,
            )
            self._changed()
            return report

    def _changed(self) -> None:
        """The index changed: what was read from it is read again on next use."""
        self.retriever.refresh()
        self._vocabulary = self._terms = None

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
    ) -> Answer:
        """Answer a question, as a follow-up in ``conversation`` when one is given.

        Args:
            question: what the user asked.
            conversation: the chat it belongs to; updated with this turn.
            sources: search only these file names.

        Returns:
            The answer with its citations.
        """
        question = question.strip()
        if not question:
            raise ValueError("the question is empty")
        previous = conversation.last if conversation else None
        inputs = {"question": question, "previous": previous, "sources": sources or None}
        answer = self.chain.invoke(inputs)
        if conversation is not None:
            conversation.turns.append((question, answer))
            conversation.last = answer.resolved
        return answer

    def documents(self) -> list[dict]:
        """What the index holds, one entry per file."""
        manifest = Manifest(Path(self.settings.index) / MANIFEST)
        return [
            {"path": path, "source": e["source"], "title": e["title"], "label": e["label"],
             "kind": e["kind"], "year": e["year"], "chunks": len(e["chunks"]),
             "ingested": e["ingested"]}
            for path, e in sorted(manifest.files.items(), key=lambda kv: kv[1]["source"])
        ]

    def sources_matching(
        self, sources: list[str], kinds: list[str], years: list[str]
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

    def add_files(self, paths: list[Path]) -> IngestReport:
        """Check uploaded files, copy them into the corpus under safe names and index them.

        Args:
            paths: uploaded files (any names; only the base name is kept, sanitized).

        Returns:
            The ingest report; rejected files are listed in ``failed`` with the reason.
        """
        from .loaders import LoadError, load, supported

        folder = Path(self.settings.corpus)
        folder.mkdir(parents=True, exist_ok=True)
        accepted: list[Path] = []
        rejected: list[tuple[str, str]] = []
        for path in map(Path, paths):
            name = self.safe_name(path.name)
            size_mb = path.stat().st_size / 1_000_000 if path.is_file() else 0
            if not name or not supported(Path(name)):
                rejected.append((path.name, f"unsupported file type {Path(path.name).suffix}"))
            elif size_mb > self.settings.max_upload_mb:
                rejected.append((path.name, f"{size_mb:.1f} MB is over the "
                                            f"{self.settings.max_upload_mb} MB limit"))
            else:
                try:  # the content must load, whatever the name claims
                    load(path)
                except LoadError as exc:
                    rejected.append((path.name, str(exc)))
                    continue
                target = folder / name
                target.write_bytes(path.read_bytes())
                accepted.append(target)
        report = self.ingest(accepted, progress=False) if accepted else IngestReport()
        report.failed = rejected + report.failed
        return report

    @staticmethod
    def safe_name(name: str) -> str:
        """An uploaded file's base name with only safe characters (no folders, no dot-files).

        Args:
            name: the name the browser sent.

        Returns:
            The safe name, or ``""`` when nothing usable is left.
        """
        import re

        base = re.split(r"[\\/]", name)[-1]
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._-")
        return base[:120]

    def remove_document(self, source: str) -> bool:
        """Drop one file's chunks and manifest entry, and delete it from the corpus folder.

        Args:
            source: the file name, as listed by :meth:`documents`.

        Returns:
            Whether a document of that name was indexed.
        """
        index = Path(self.settings.index)
        with self._lock, index_lock(index):
            manifest = Manifest(index / MANIFEST)
            keys = [k for k, e in manifest.files.items() if e["source"] == source]
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

    def workshop(self, topic: str, k: int = 8):
        """Material for a training session on ``topic``, built from retrieved passages.

        Args:
            topic: what the session is about.
            k: how many passages to build from.

        Returns:
            A :class:`assistant.workshop.Workshop`.
        """
        from .language import detect_language
        from .workshop import build_workshop

        topic = topic.strip()
        if not topic:
            raise ValueError("the topic is empty")
        return build_workshop(self.retriever.retrieve(topic, detect_language(topic), k), topic)

    def terms(self) -> dict:
        """The terms the documents define: term -> (defining chunk, sentence).

        Each file's defined terms were found when it was indexed; only the first chunk defining
        each term (by file name and position) is read back, and gives the same glossary as
        reading every chunk.
        """
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
                self._terms = (generation, domain_glossary(self.store.get(ids)))
            return self._terms[1]

    def suggestions(self, answer: Answer, limit: int = 3) -> list[str]:
        """Follow-up questions from the passages next to those ``answer`` used."""
        from .workshop import suggest

        near: dict = {}
        for passage in answer.passages[:3]:
            near[passage.chunk.id] = passage.chunk
            for chunk in sorted(self.store.neighbours(passage.chunk), key=lambda c: c.order):
                near.setdefault(chunk.id, chunk)
        return suggest(answer, near, limit)
