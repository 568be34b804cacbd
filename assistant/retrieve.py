"""Hybrid retrieval: dense vectors from the store fused with the Indonesian keyword index."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .answering.patterns import defining_chunks
from .answering.spans import (
    MAX_LIST_CHARS,
    ends_in_a_list,
    ends_in_an_item,
    list_continuation,
)
from .documents import Chunk, Passage
from .embeddings import Embedder
from .keywords import KeywordIndex
from .language import indonesian_terms, loanword_forms
from .lexical import query_terms, stem, stopwords, tokenize, words
from .store import ChromaStore

if TYPE_CHECKING:
    import numpy as np

RRF_K = 60
# Keyword search lifts Indonesian questions but buries good dense hits for English ones.
LEXICAL_WEIGHT = {"id": 1.0, "en": 0.4}
DEFINITION_WEIGHT = 2.0
EXACT_SEARCH_LIMIT = 2_000  # chunks (a filter leaves, or all) below which dense search is exact
LIST_CHUNKS = 3  # how many following chunks a list cut by a chunk's end is completed from


class HybridRetriever:
    """Reciprocal-rank fusion of Chroma similarity search and BM25 over Sastrawi stems.

    The keyword index is persisted beside the vector store (``<index>/keywords``) and kept up to
    date by ingestion; this class only reads it, so it never holds every chunk in memory.
    """

    def __init__(
        self,
        store: ChromaStore,
        embedder: Embedder,
        candidates: int = 30,
        keywords: KeywordIndex | None = None,
    ) -> None:
        if candidates < 1:
            raise ValueError("candidates must be at least 1")
        self.store = store
        self.embedder = embedder
        self.candidates = candidates
        self.keywords = keywords or KeywordIndex(Path(store.path) / "keywords")
        self._chunks: dict[str, Chunk] | None = None
        # a small index's unit vectors, read once per keyword-index generation:
        # (generation, ids, row of each id, matrix)
        self._vectors: tuple[int, list[str], dict[str, int], np.ndarray] | None = None

    def refresh(self) -> None:
        """Forget what was read from the index; the next query reads it again."""
        self._chunks = None

    def _small_index(self) -> tuple[list[str], dict[str, int], np.ndarray] | None:
        """Every chunk's unit vector, when the index holds at most ``EXACT_SEARCH_LIMIT``
        chunks: read from the store once, again only when the index changes."""
        if len(self.keywords) > EXACT_SEARCH_LIMIT:
            return None
        generation = self.keywords.generation
        if self._vectors is None or self._vectors[0] != generation:
            every = self.keywords.chunk_ids(None, EXACT_SEARCH_LIMIT) or []
            ids, matrix = self.store.vectors(every)
            self._vectors = (generation, ids, {i: n for n, i in enumerate(ids)}, matrix)
        return self._vectors[1:]

    @property
    def lexical(self) -> KeywordIndex:
        """The keyword index (``idf``, ``known``, ``search``)."""
        return self.keywords

    @property
    def chunks(self) -> dict[str, Chunk]:
        """Every stored chunk by id: memory and time grow with the store, so nothing on the
        question path uses it."""
        if self._chunks is None:
            self._chunks = {c.id: c for c in self.store.iter_chunks()}
        return self._chunks

    def sources_named(self, names: list[str]) -> list[str]:
        """Files that a question's document names ("UU 3/2014", "RPJMN 2025-2029",
        "UU tentang perindustrian") point to."""
        return sorted(facts["source"] for facts in self.keywords.facts()
                      if any(_names(name, facts["label"], facts["title"], facts["source"])
                             for name in names))

    def defining(self, subject: str, sources: list[str] | None = None, limit: int = 3
                 ) -> list[Chunk]:
        """The first chunks, by file and position, holding a sentence that defines ``subject``.

        The keyword index narrows the search to chunks where the term is followed closely by a
        defining verb; they are read from the store in order until ``limit`` are confirmed.
        """
        ids = self.keywords.defining(subject, sources)
        found: list[Chunk] = []
        for start in range(0, len(ids), 16):
            batch = self.store.get(ids[start : start + 16])
            found += defining_chunks(subject, batch, limit=len(batch))
            if len(found) >= limit:
                break
        return sorted(found, key=lambda c: (c.source, c.order))[:limit]

    def retrieve(
        self,
        query: str,
        language: str,
        k: int = 5,
        sources: list[str] | None = None,
        subject: str | Sequence[str] | None = None,
    ) -> list[Passage]:
        """The ``k`` best passages for a query.

        Args:
            query: the (follow-up resolved) question.
            language: ``"id"`` or ``"en"``; sets how much keyword matches count.
            k: how many passages.
            sources: only chunks from these file names, when given; both searches apply it
                before ranking.
            subject: for a definition question, the term (or its names, fullest first: the
                first that some chunk defines is used); chunks that define it rank high.

        Returns:
            Passages, best first.
        """
        # few chunks (left by a filter, or all a small index holds) are searched exactly, among
        # their ids: Chroma's approximate index, rebuilt from its log when a process opens it,
        # gave a 600-chunk index different neighbours from one process to the next, so the
        # same question got different answers
        among = None
        if sources or len(self.keywords) <= EXACT_SEARCH_LIMIT:
            among = self.keywords.chunk_ids(sources or None, EXACT_SEARCH_LIMIT) or None
        borrowed = _borrowed(query, language, self.keywords.known)
        vector = self.embedder.embed_query(_bridged(query, language, borrowed))
        small = self._small_index()
        if small is not None and among is not None:
            ids, row, matrix = small
            rows = [row[i] for i in among if i in row]
            dense = self.store.nearest_rows(vector, self.candidates, [ids[r] for r in rows],
                                            matrix[rows])
        else:
            dense = self.store.query(vector, self.candidates, sources, among)
        keyword = self.keywords.search(query_terms(query, language) + borrowed,
                                       self.candidates, sources)
        weight = LEXICAL_WEIGHT.get(language, 1.0)
        fused: dict[str, float] = {}
        dense_rank: dict[str, int] = {}
        similarity: dict[str, float] = {}
        by_id: dict[str, Chunk] = {}
        for rank, (chunk, sim) in enumerate(dense, 1):
            fused[chunk.id] = 1.0 / (RRF_K + rank)
            dense_rank[chunk.id], similarity[chunk.id], by_id[chunk.id] = rank, sim, chunk
        missing = [chunk_id for chunk_id, _score in keyword if chunk_id not in by_id]
        by_id.update({c.id: c for c in self.store.get(missing)})
        lexical_rank: dict[str, int] = {}
        for rank, (chunk_id, _score) in enumerate(keyword, 1):
            if chunk_id not in by_id:  # removed since the keyword index was read
                continue
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (RRF_K + rank)
            lexical_rank[chunk_id] = rank
        forms = [subject] if isinstance(subject, str) else list(subject or [])
        for form in forms:
            defining = self.defining(form, sources)
            for rank, chunk in enumerate(defining, 1):
                fused[chunk.id] = fused.get(chunk.id, 0.0) + DEFINITION_WEIGHT / (RRF_K + rank)
                by_id.setdefault(chunk.id, chunk)
            if defining:
                break
        best = sorted(fused, key=lambda cid: -fused[cid])[:k]
        return [
            Passage(
                chunk=self._whole_lists(by_id[cid]),
                score=fused[cid],
                dense_rank=dense_rank.get(cid),
                lexical_rank=lexical_rank.get(cid),
                similarity=similarity.get(cid),
            )
            for cid in best
        ]

    def _whole_lists(self, chunk: Chunk) -> Chunk:
        """A chunk that stops inside a list, with the items the next chunks continue it with:
        "kriteria sebagai berikut: a. …; b. …;" is answered by all the criteria, not two; a
        list of nine long items may run on over the three chunks after it (at most
        ``MAX_LIST_CHARS`` of continuation, the longest list quote)."""
        text, current, room = chunk.text, chunk, MAX_LIST_CHARS
        for _ in range(LIST_CHUNKS):
            if not (ends_in_a_list(text) or ends_in_an_item(text)):
                break
            following = [c for c in self.store.neighbours(current) if c.order == current.order + 1]
            if not following or not ends_in_a_list(text, following[0].text):
                break
            tail = list_continuation(following[0].text, room)
            if not tail:
                break
            text, room, current = f"{text}\n{tail}", room - len(tail), following[0]
            if len(tail.splitlines()) < len(following[0].text.strip().splitlines()):
                break  # the list ends inside that chunk
        return replace(chunk, text=text) if text != chunk.text else chunk


def _names(name: str, label: str, title: str, source: str = "") -> bool:
    """Whether a document name from a question fits a file: its citation label; an acronym of
    its title with every number given ("RPJMN 2025-2029", not "RPJMN 2020-2024"); a kind and
    subject word ("UU tentang perindustrian": a UU whose title is about "Perindustrian"); or a
    single word of its title or file name ("Kompasiana" for artikel_kompasiana_2019_….md).
    The subject word may be the initials of the title's subject ("UU UMKM": Usaha Mikro, Kecil,
    dan Menengah)."""
    if name.upper() == label.upper():
        return True
    if name.isalpha() and len(name) >= 4 and name.lower() in set(
            re.findall(r"[a-z]+", f"{title} {Path(source).stem}".lower())):
        return True
    if " tentang " in name:
        kind, word = name.split(" tentang ", 1)
        about = title.split(" tentang ", 1)[1] if " tentang " in title else ""
        return label.upper().startswith(kind.upper()) and (
            bool(set(tokenize(word)) & set(tokenize(about))) or _initials(word, about))
    first, upper = name.split()[0].upper(), title.upper()
    return first in set(re.findall(r"[A-Z]{3,}", upper)) and all(
        re.search(rf"\b{n}\b", upper) for n in re.findall(r"\d+", name))


def _initials(word: str, title: str) -> bool:
    """Whether a word of three letters or more is the initials of a title's first content words
    ("umkm" of "Usaha Mikro, Kecil, dan Menengah"; "kek" of "Kawasan Ekonomi Khusus Sorong")."""
    letters = "".join(w[0] for w in re.findall(r"[a-z]+", title.lower()) if w not in stopwords())
    return len(word) >= 3 and word.isalpha() and letters.startswith(word.lower())


def _borrowed(query: str, language: str, known: Callable[[str], bool]) -> list[str]:
    """For an English question, the Indonesian spellings of its words that the documents use
    ("infrastructure" -> "infrastruktur"), as index stems."""
    if language != "en":
        return []
    return [stem(form) for word in words(query)
            for form in loanword_forms(word)[:8] if known(stem(form))][:12]


def _bridged(query: str, language: str, borrowed: Sequence[str] = ()) -> str:
    """An English question with the Indonesian words for its domain terms appended, so the
    embedding leans towards the Indonesian passages that use them."""
    if language != "en":
        return query
    extra = [t for w in words(query) for t in indonesian_terms(w)] + list(borrowed)
    return f"{query} ({' '.join(dict.fromkeys(extra))})" if extra else query
