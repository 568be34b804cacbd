"""The default answerer: scores candidate spans, quotes the best verbatim with [n], or refuses."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np

from ..documents import Answer, Citation, Passage
from .admission import HARD_TYPES, admitted
from .definitions import with_defined_subject
from .figures import comparison_spans, figures_of
from .followup import points_back
from .question import Question
from .scorer import Weights, coverage, feature_rows, load_weights, weights_of
from .spans import Span, candidate_spans, chunk_units
from .tables import announced, answering_rows, comparative, join_rows, render, table_quote
from .vectors import SentenceVectors, unit_text

NOT_FOUND = {
    "id": "Tidak ditemukan dalam dokumen: tidak ada bagian dokumen yang menjawab pertanyaan ini.",
    "en": "Not found in the documents: no passage in the documents answers this question.",
}
LEAD = {
    "id": "Menurut dokumen:",
    "en": "According to the documents (quoted in the original Indonesian):",
}
SUBQUESTION_CONFIDENCE = 0.5  # a subquestion's span is added when it more likely answers
CLOSE = 0.5  # ranking scores this close to the best may join it when they add missing terms


@dataclass
class Scored:
    """A span with its ranking score."""

    span: Span
    score: float


class Reader:
    """Answers by quoting the span a fitted model scores highest; refuses below its threshold.

    A span must first pass checks that no score can buy: it holds every rare name the question
    gives (in the sentence, its citation header or the sentence before), the figure, date or
    actor the question's answer type needs, the earlier subject for a follow-up, and for
    "apa yang dimaksud dengan X" a sentence that defines X when the passages have one.
    """

    def __init__(
        self,
        idf: Callable[[str], float],
        known: Callable[[str], bool],
        vectors: SentenceVectors,
        embed_query: Callable[[str], list[float]],
        weights: Weights | None = None,
        names: Callable[[], Collection[str]] = frozenset,
    ) -> None:
        self.idf = idf
        self.known = known
        self.vectors = vectors
        self.embed_query = embed_query
        self.weights = weights  # the shipped fit when None
        self.names = names  # the words the documents always capitalise (read when answering)

    def __call__(self, question: Question, passages: list[Passage],
                 named: set[str] | None = None) -> Answer:
        return self.answer(question, passages, named)

    def score(self, question: Question, passages: list[Passage],
              named: set[str] | None = None) -> tuple[list[Span], np.ndarray]:
        """The spans that pass the checks and their feature rows (for answering and training)."""
        question = with_defined_subject(question, passages)
        spans = admitted(question, passages, self.idf, self.names())
        if not spans:
            return [], np.zeros((0, 0))
        query = self._query_vector(question)
        sims, before = self._similarities(spans, query)
        rows = feature_rows(question, spans, sims, before, self.idf, self.known, named or set())
        return spans, rows

    def answer(self, question: Question, passages: list[Passage],
               named: set[str] | None = None) -> Answer:
        """Compose a cited answer, or a plain "not found".

        Args:
            question: the analysed (and follow-up resolved) question.
            passages: retrieved passages, best first.
            named: files the question named, searched first.

        Returns:
            The answer; its ``passages`` are the retrieved ones, shown as related when not found.
            A question asking several things also quotes what answers each of its
            ``subquestions``.
        """
        spans, rows = self.score(question, passages, named)
        fitted = self.weights or load_weights()
        scores = fitted.scores(rows) if spans else np.zeros(0)
        if not spans or fitted.confidence(rows, scores) < fitted.threshold:
            # no one span answers the whole ("Berapa luas KEK Bitung? terus berapa persen …
            # IKM?" names two things no passage holds together): each subquestion its own span,
            # or no answer
            answers = [self._subquestion_answer(sub, passages, named, fitted)
                       for sub in question.subquestions]
            if not answers or None in answers:
                return self._not_found(question, passages)
            return self._finish(question, passages, [a for a in answers if a is not None])
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        chosen = [Scored(spans[order[0]], best)]
        weights = weights_of(question.groups, self.idf)
        covered = coverage(question.groups, weights, chosen[0].span.quote)
        for index in order[1:]:
            span, p = spans[index], float(scores[index])
            if len(chosen) == 3 or p < best - CLOSE:
                break
            if any(_overlaps(span, c.span) for c in chosen):
                continue
            joined = " ".join(c.span.quote for c in chosen) + " " + span.quote
            more = coverage(question.groups, weights, joined)
            if more > covered + 0.05:
                chosen.append(Scored(span, p))
                covered = more
        for step in (1, -1):
            # "… dan apa saja contohnya?": the next sentence goes on answering ("Contoh: …");
            # "Dengan posisinya …" goes on from the sentence before, which may answer the rest;
            # a next sentence that opens by pointing back ("Dengan cara tersebut, …") goes on
            # saying what the chosen one began (a figure, date or actor needs no more)
            near = _neighbour(chosen[0].span, step)
            if near is None or any(_overlaps(near, c.span) for c in chosen):
                continue
            joined = " ".join(c.span.quote for c in chosen) + " " + near.quote
            more = coverage(question.groups, weights, joined)
            opening = " ".join(near.quote.split()[:4])
            if more > covered + 0.05 or (step == 1 and points_back(opening)
                                         and not HARD_TYPES & set(question.types)):
                chosen.insert(1 if step == 1 else 0, Scored(near, best))
                covered = more
        if comparative(question):  # each compared figure with its own citation
            compared = comparison_spans(question, [c.span for c in chosen], spans, list(scores))
            chosen += [Scored(s, float(scores[spans.index(s)])) for s in compared]
        table = chosen[0].span if chosen[0].span.table else announced(chosen[0].span, spans)
        if table is not None:  # a table answer: the header and the rows that answer
            answering = [Scored(s, best) for s in answering_rows(question, table, spans)]
            lead = [] if chosen[0].span.table else chosen[:1]
            chosen = lead + answering + [c for c in chosen[1:] if not c.span.table]
        for sub in question.subquestions:  # "… berapa persen? terus … apa?": what answers each
            # subquestion, when the spans chosen for the whole do not
            extra = self._subquestion_answer(sub, passages, named, fitted, chosen)
            if extra is not None:
                chosen.append(extra)
        return self._finish(question, passages, chosen)

    def _finish(self, question: Question, passages: list[Passage], chosen: list[Scored]) -> Answer:
        """The answer quoting the chosen spans, each once (two subquestions may share one)."""
        unique: list[Scored] = []
        for scored in chosen:
            if not any(_overlaps(scored.span, u.span) for u in unique):
                unique.append(scored)
        answer = self._compose(question, unique)
        answer.passages = passages
        answer.figures = figures_of(question, answer.citations)
        return answer

    def _subquestion_answer(self, question: Question, passages: list[Passage],
                            named: set[str] | None, fitted: Weights,
                            chosen: list[Scored] | None = None) -> Scored | None:
        """The span answering a subquestion: when it more likely answers than not, and no span
        already chosen answers it nearly as well ("and how does it compare with the national
        figure?" is often answered by the quote that gave the first figure)."""
        spans, rows = self.score(question, passages, named)
        if not spans:
            return None
        scores = fitted.scores(rows)
        if fitted.confidence(rows, scores) < max(fitted.threshold, SUBQUESTION_CONFIDENCE):
            return None
        best = int(np.argmax(scores))
        if any(_overlaps(span, c.span) and score >= scores[best] - CLOSE
               for span, score in zip(spans, scores, strict=True) for c in chosen or []):
            return None
        return Scored(spans[best], float(scores[best]))

    def _not_found(self, question: Question, passages: list[Passage]) -> Answer:
        return Answer(NOT_FOUND[question.language], False, question.language,
                      passages=passages, query=question.query)

    def _query_vector(self, question: Question) -> np.ndarray:
        """What spans are compared with. A follow-up's earlier subject picks the passage (in
        retrieval and the context check); its span must answer what is asked now, so the new
        words weigh as much as the new words with the earlier subject."""
        texts = [question.query]
        if question.context and question.normalized and question.normalized != question.query:
            texts.append(question.normalized)
        vectors = [np.asarray(self.embed_query(t), dtype=np.float32) for t in texts]
        vectors = [v / (np.linalg.norm(v) + 1e-9) for v in vectors]
        query = np.mean(vectors, axis=0)
        return np.asarray(query / (np.linalg.norm(query) + 1e-9), dtype=np.float32)

    def _similarities(self, spans: list[Span], query: np.ndarray) -> tuple[np.ndarray, ...]:
        texts: dict[str, int] = {}
        per_span: list[tuple[list[int], int | None]] = []
        for span in spans:
            chunk = span.passage.chunk
            units = chunk_units(chunk.text)
            own = [texts.setdefault(unit_text(chunk, units[i]), len(texts)) for i in span.units]
            first = span.units[0]
            prev = (texts.setdefault(unit_text(chunk, units[first - 1]), len(texts))
                    if first > 0 else None)
            per_span.append((own, prev))
        matrix = self.vectors.vectors(list(texts))
        sims = matrix @ query
        own_best = np.asarray([max(sims[i] for i in own) for own, _ in per_span])
        before = np.asarray([sims[prev] if prev is not None else 0.0 for _, prev in per_span])
        return own_best, before

    def _compose(self, question: Question, chosen: list[Scored]) -> Answer:
        citations: list[Citation] = []
        numbers: dict[str, int] = {}
        parts = [LEAD[question.language]]
        quoted: list[tuple[Span, int]] = []
        for scored in chosen:
            chunk = scored.span.passage.chunk
            quote = table_quote(scored.span) if scored.span.table else scored.span.quote
            n = numbers.get(chunk.id)
            if n is None:
                n = numbers[chunk.id] = len(numbers) + 1
                citations.append(Citation(n, chunk.source, chunk.title, chunk.location, quote,
                                          chunk.label, chunk.text))
            else:
                old = citations[n - 1]
                joined = join_rows(old.quote, quote) if scored.span.table else None
                citations[n - 1] = Citation(n, old.source, old.title, old.location,
                                            joined or f"{old.quote} … {quote}", old.label,
                                            old.passage)
            quoted.append((scored.span, n))
        parts += render(quoted, lambda span, n: f"“{span.quote}” [{n}]")
        return Answer(" ".join(parts).strip(), True, question.language, citations,
                      query=question.query)


def _neighbour(span: Span, step: int) -> Span | None:
    """The sentence right after (``step`` 1) or before (-1) a one-sentence span, in the same
    passage."""
    if span.table or span.is_list or len(span.units) != 1:
        return None
    at = span.units[0] + step
    return next((s for s in candidate_spans([span.passage])
                 if s.units == (at,) and not s.enactment and not s.table), None)


def _overlaps(a: Span, b: Span) -> bool:
    return a.passage.chunk.id == b.passage.chunk.id and bool(set(a.units) & set(b.units))


def unsupported_numbers(answer: Answer) -> list[str]:
    """Numbers in the answer text that no cited quote contains (should always be empty)."""
    body = re.sub(r"\[\d+\]", " ", answer.text)
    quotes = " ".join(c.quote for c in answer.citations)
    return [n for n in re.findall(r"\d+(?:[.,]\d+)*", body) if n not in quotes]


__all__ = ["NOT_FOUND", "Reader", "unsupported_numbers"]
