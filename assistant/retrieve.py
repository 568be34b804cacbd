"""Hybrid retrieval: dense vectors from the store fused with the Indonesian keyword index."""

from __future__ import annotations

import re
import threading

from .answering.patterns import defining_chunks
from .documents import Chunk, Passage
from .embeddings import Embedder
from .language import indonesian_terms
from .lexical import BM25Index, query_terms, words
from .store import ChromaStore

RRF_K = 60
# Keyword search lifts Indonesian questions but buries good dense hits for English ones.
LEXICAL_WEIGHT = {"id": 1.0, "en": 0.4}
DEFINITION_WEIGHT = 2.0


class HybridRetriever:
    """Reciprocal-rank fusion of Chroma similarity search and BM25 over Sastrawi stems.

    The keyword index is built from the store on first use and rebuilt after :meth:`refresh`.
    """

    def __init__(self, store: ChromaStore, embedder: Embedder, candidates: int = 30) -> None:
        if candidates < 1:
            raise ValueError("candidates must be at least 1")
        self.store = store
        self.embedder = embedder
        self.candidates = candidates
        self._lexical: BM25Index | None = None
        self._chunks: dict[str, Chunk] = {}
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Forget the keyword index; the next query rebuilds it from the store."""
        with self._lock:
            self._lexical = None
            self._chunks = {}

    @property
    def lexical(self) -> BM25Index:
        with self._lock:
            if self._lexical is None:
                chunks = self.store.all_chunks()
                self._chunks = {c.id: c for c in chunks}
                self._lexical = BM25Index().build((c.id, c.embedding_text()) for c in chunks)
            return self._lexical

    @property
    def chunks(self) -> dict[str, Chunk]:
        """Every indexed chunk by id."""
        _ = self.lexical
        return self._chunks

    def sources_named(self, names: list[str]) -> list[str]:
        """Files whose citation label ("UU 3/2014") or title ("… (RIPIN) …") a question names."""
        wanted = {n.upper() for n in names}
        found = set()
        for chunk in self.chunks.values():
            title = set(re.findall(r"[A-Z]{3,}", chunk.title.upper()))
            if chunk.label.upper() in wanted or wanted & title:
                found.add(chunk.source)
        return sorted(found)

    def retrieve(
        self,
        query: str,
        language: str,
        k: int = 5,
        sources: list[str] | None = None,
        subject: str | None = None,
    ) -> list[Passage]:
        """The ``k`` best passages for a query.

        Args:
            query: the (follow-up resolved) question.
            language: ``"id"`` or ``"en"``; sets how much keyword matches count.
            k: how many passages.
            sources: only chunks from these file names, when given.
            subject: for a definition question, the term; chunks that define it rank high.

        Returns:
            Passages, best first.
        """
        lexical = self.lexical
        dense = self.store.query(self.embedder.embed_query(_bridged(query, language)),
                                 self.candidates, sources)
        allowed = None
        if sources:
            allowed = {cid for cid, c in self._chunks.items() if c.source in set(sources)}
        keyword = lexical.search(query_terms(query, language), self.candidates, allowed)
        weight = LEXICAL_WEIGHT.get(language, 1.0)
        fused: dict[str, float] = {}
        dense_rank: dict[str, int] = {}
        similarity: dict[str, float] = {}
        by_id: dict[str, Chunk] = {}
        for rank, (chunk, sim) in enumerate(dense, 1):
            fused[chunk.id] = 1.0 / (RRF_K + rank)
            dense_rank[chunk.id], similarity[chunk.id], by_id[chunk.id] = rank, sim, chunk
        lexical_rank: dict[str, int] = {}
        for rank, (chunk_id, _score) in enumerate(keyword, 1):
            if chunk_id not in self._chunks:
                continue
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (RRF_K + rank)
            lexical_rank[chunk_id] = rank
            by_id.setdefault(chunk_id, self._chunks[chunk_id])
        if subject:
            pool = self._chunks.values()
            if sources:
                pool = [c for c in pool if c.source in set(sources)]
            for rank, chunk in enumerate(defining_chunks(subject, pool), 1):
                fused[chunk.id] = fused.get(chunk.id, 0.0) + DEFINITION_WEIGHT / (RRF_K + rank)
                by_id.setdefault(chunk.id, chunk)
        best = sorted(fused, key=lambda cid: -fused[cid])[:k]
        return [
            Passage(
                chunk=by_id[cid],
                score=fused[cid],
                dense_rank=dense_rank.get(cid),
                lexical_rank=lexical_rank.get(cid),
                similarity=similarity.get(cid),
            )
            for cid in best
        ]


def _bridged(query: str, language: str) -> str:
    """An English question with the Indonesian words for its domain terms appended, so the
    embedding leans towards the Indonesian passages that use them."""
    if language != "en":
        return query
    extra = [t for w in words(query) for t in indonesian_terms(w)]
    return f"{query} ({' '.join(dict.fromkeys(extra))})" if extra else query
