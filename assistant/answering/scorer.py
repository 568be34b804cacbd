"""Features of a (question, span) pair and the fitted logistic model that scores them.

The weights and the refusal threshold are fitted on labelled questions by
``training/fit_reader.py`` and shipped as ``assistant/data/reader_weights.json``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from ..language import word_list
from ..lexical import stem, stopwords, tokenize, tokens
from .answer_types import satisfies
from .patterns import DEFINING, cites_quoted, defines
from .question import Question, TermGroup
from .spans import Span, lead_in

FEATURES = (
    "sem", "sem_gap", "sem_before", "passage_sim", "rank", "cov", "cov_near", "cov_gap",
    "type_ok", "defines", "defining_verb", "is_list", "length", "en", "en_sem", "en_cov",
    "prior_source", "named_doc", "unknown", "def_q", "sem_z", "sem_top", "new_name",
    "novel", "pairs", "measure", "slot", "repeat", "same", "cites_quoted",
)
# The refusal model reads the chosen span's features and how far ahead of the next one it is.
REFUSAL_FEATURES = (*FEATURES, "margin", "spans")


@dataclass(frozen=True)
class Weights:
    """Two fitted linear models: a ranker of spans (trained on pairs from the same question) and
    a logistic refusal model over the best span; answer when its probability clears
    ``threshold``."""

    rank: tuple[float, ...]
    refusal: tuple[float, ...]
    intercept: float
    threshold: float

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Ranking scores of spans (higher is better)."""
        return np.asarray(rows @ np.asarray(self.rank))

    def confidence(self, rows: np.ndarray, scores: np.ndarray) -> float:
        """The probability that the best-scored span answers the question."""
        order = np.argsort(-scores)
        margin = float(scores[order[0]] - scores[order[1]]) if len(order) > 1 else 5.0
        x = np.concatenate([rows[order[0]], [min(margin, 5.0), min(len(order), 50) / 50]])
        z = float(x @ np.asarray(self.refusal) + self.intercept)
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_weights() -> Weights:
    """The shipped weights; their feature list must match :data:`FEATURES`."""
    path = resources.files("assistant").joinpath("data", "reader_weights.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("reader_weights.json was fitted on other features; rerun "
                         "training/fit_reader.py")
    return Weights(tuple(data["rank"]), tuple(data["refusal"]), float(data["intercept"]),
                   float(data["threshold"]))


def weights_of(groups: Sequence[TermGroup], idf: Callable[[str], float]) -> list[float]:
    """How much each term counts: its rarity in the index, less for soft terms, nothing for a
    term no document uses (a typo, slang, an English word: no passage can match it)."""
    out = []
    for group in groups:
        if not group.stems or not group.known:  # a whole name is required, its words count
            out.append(0.0)
            continue
        rarity = min(idf(s) for s in group.stems)
        out.append(group.weight * rarity)
    return out


def coverage(groups: Sequence[TermGroup], weights: Sequence[float], text: str) -> float:
    """The weighted share of the question's terms that ``text`` holds."""
    total = sum(weights)
    if not total:
        return 0.0
    stems, lowered = set(tokenize(text)), text.lower()
    held = sum(w for g, w in zip(groups, weights, strict=True) if g.found_in(stems, lowered))
    return held / total


def feature_rows(
    question: Question,
    spans: list[Span],
    similarities: np.ndarray,
    before_similarities: np.ndarray,
    idf: Callable[[str], float],
    known: Callable[[str], bool],
    named: set[str],
) -> np.ndarray:
    """One row of :data:`FEATURES` per span.

    Args:
        question: the analysed question.
        spans: candidate spans.
        similarities: cosine of the question with each span (its best sentence).
        before_similarities: cosine of the question with the sentence before each span.
        idf: rarity of a stem in the index.
        known: whether a stem occurs in the documents.
        named: files the question names.

    Returns:
        An array of shape ``(len(spans), len(FEATURES))``.
    """
    weights = weights_of(question.groups, idf)
    plain = [g for g in question.groups if g.stems]
    unknown = sum(1 for g in plain if not any(known(s) for s in g.stems)) / max(len(plain), 1)
    en = 1.0 if question.language == "en" else 0.0
    main = question.types[0] if question.types else None
    asked = set(tokenize(question.normalized))
    pairs = adjacent_pairs(question.normalized)
    slot = asked_slot(question.normalized) if question.language == "id" else []
    # the word a figure question measures, said in the span itself ("target") rather than only
    # by the word after it ("pertumbuhan")
    measured = question.groups[question.measured] if question.measured is not None else None
    earlier = [set(tokenize(q)) - stopwords() for q in question.prior_quotes]
    rows = []
    covs = [coverage(question.groups, weights, s.quote) for s in spans]
    best_cov = max(covs, default=0.0)
    best_sem = float(similarities.max()) if len(spans) else 0.0
    spread = float(similarities.std()) + 0.01 if len(spans) else 1.0
    mean_sem = float(similarities.mean()) if len(spans) else 0.0
    for span, cov, sem, sem_before in zip(spans, covs, similarities, before_similarities,
                                          strict=True):
        chunk = span.passage.chunk
        near = f"{chunk.header} {chunk.title} {span.before} {span.quote}"
        rows.append([
            float(sem), float(sem) - best_sem, float(sem_before),
            float(span.passage.similarity or 0.0), 1.0 / (1 + span.rank),
            cov, coverage(question.groups, weights, near), cov - best_cov,
            1.0 if main is None or satisfies(main, span.quote, question.normalized) else 0.0,
            1.0 if any(defines(span.quote, f) for f in question.subject_forms) else 0.0,
            1.0 if DEFINING.search(span.quote) else 0.0,
            1.0 if span.is_list else 0.0,
            math.log(len(span.quote) + 1) / 7.0,
            en, en * float(sem), en * cov,
            1.0 if chunk.source in question.prior_sources else 0.0,
            1.0 if chunk.source in named else 0.0,
            unknown,
            1.0 if "definition" in question.types else 0.0,
            (float(sem) - mean_sem) / spread, best_sem,
            _new_name(span.quote, asked),
            novel_share(span.quote, asked), pair_share(pairs, span.quote),
            1.0 if measured is None or measured.found_in(set(tokenize(near)), near.lower())
            else 0.0,
            slot_share(slot, span.quote),
            repeat := repeat_share(earlier, span.quote),
            1.0 if repeat >= SAME else 0.0,
            1.0 if cites_quoted(question.prior_places, chunk.source, span.quote) else 0.0,
        ])
    return np.asarray(rows, dtype=np.float64).reshape(len(spans), len(FEATURES))


_NAME = re.compile(r"\b[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)+|\b[A-Z]{2,8}\b")


def _new_name(quote: str, asked: set[str]) -> float:
    """1 when the span names something (a capitalised name, an acronym) the question did not:
    "program apa …" is answered by a program's name."""
    return 1.0 if any(not set(tokenize(m)) <= asked for m in _NAME.findall(quote[1:])) else 0.0


def novel_share(quote: str, asked: set[str]) -> float:
    """The share of a span's content words the question did not say: an answer adds
    something; a sentence that only restates the question does not."""
    content = [t for t in tokenize(quote) if t not in stopwords()]
    return sum(t not in asked for t in content) / len(content) if content else 0.0


SAME = 0.9  # a span whose words the previous answer nearly all quoted is that quote again


def repeat_share(earlier: list[set[str]], quote: str) -> float:
    """The largest share of a span's content words that one quote of the previous answer held:
    1 for the earlier quote itself, 0 for a first question."""
    content = set(tokenize(quote)) - stopwords()
    if not earlier or not content:
        return 0.0
    return max(len(content & words) for words in earlier) / len(content)


_CLAUSE = re.compile(r"[^,.;:?!()]+")


def asked_slot(text: str) -> list[str]:
    """The stems of the (up to) two words before an Indonesian question word asked in place,
    in its clause: "dilakukan dengan cara apa" -> ["dengan", "cara"], "ditetapkan oleh
    siapa" -> ["tetap", "oleh"]. The answer fills that slot, so its sentence says those words
    side by side ("dilakukan dengan cara menempatkan …")."""
    asking, particles = word_list("question_words.txt"), word_list("informal_particles.txt")
    for clause in _CLAUSE.findall(text.lower()):
        before: list[str] = []
        for token in tokens(clause):
            if token in asking:
                if before:
                    return [stem(t) for t in before[-2:]]
                continue
            if token not in particles:
                before.append(token)
    return []


def names_head(head: str | None, quote: str) -> bool:
    """Whether a list's lead-in ends by naming what its items are as the asked ``head``: its
    last content word ("Kemitraan dilaksanakan dengan pola:", "… dengan ciri sebagai
    berikut:")."""
    if head is None:
        return False
    content = [t for t in tokens(lead_in(quote)) if t.isalpha() and t not in stopwords()]
    return bool(content) and stem(content[-1]) == head


def slot_share(slot: list[str], quote: str) -> float:
    """1 when a span holds the words before the question word side by side, 0.5 when it holds
    the last of them (a content word, not a stopword), else 0."""
    if not slot:
        return 0.0
    stems = [stem(t) for t in tokens(quote)]
    if len(slot) == 2 and any(stems[i:i + 2] == slot for i in range(len(stems) - 1)):
        return 1.0
    last = slot[-1]
    return 0.5 if last not in stopwords() and last in stems else 0.0


def adjacent_pairs(text: str) -> set[tuple[str, str]]:
    """Pairs of content words that stand next to each other (stopwords skipped)."""
    content = [t for t in tokenize(text) if t not in stopwords()]
    return set(itertools.pairwise(content))


def pair_share(pairs: set[tuple[str, str]], quote: str) -> float:
    """The share of the question's adjacent word pairs that a span also holds side by side:
    "kawasan industri" matched as a phrase, not as two words far apart."""
    return len(pairs & adjacent_pairs(quote)) / len(pairs) if pairs else 0.0


def words_of(text: str) -> set[str]:
    """Stems of a text, for matching a span against evidence in training."""
    return set(tokenize(re.sub(r"\s+", " ", text)))
