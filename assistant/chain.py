"""The LangChain chain: understand the question -> retrieve passages -> answer with citations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from .answering import Question, analyze, resolve_followup
from .answering.patterns import strip_references
from .answering.subquestions import read_subquestions, resolve_subquestions
from .documents import Answer, Passage
from .retrieve import HybridRetriever


@dataclass
class Conversation:
    """The turns of one chat; follow-ups are resolved against the last question."""

    turns: list[tuple[str, Answer]] = field(default_factory=list)
    last: Question | None = None
    last_places: list[tuple[str, str]] = field(default_factory=list)  # (file, article) quoted

    @property
    def last_sources(self) -> list[str]:
        """The files the last answer cited."""
        return sorted({source for source, _ in self.last_places})

    @property
    def last_quotes(self) -> list[str]:
        """What the last answer quoted."""
        return [c.quote for c in self.turns[-1][1].citations] if self.turns else []

    def clear(self) -> None:
        self.turns.clear()
        self.last = None
        self.last_places = []


@dataclass
class Vocabulary:
    """What the documents know: acronym expansions and which stems occur."""

    acronyms: dict[str, str]
    known: Callable[[str], bool]  # a stem occurs in the documents
    common: Callable[[str], bool] | None = None  # a word occurs in several chunks: never slang
    names: frozenset[str] = frozenset()  # words the documents always capitalise: "papua"


@dataclass(frozen=True)
class Reading:
    """One way to search for a question: its query, the files searched, the files it named."""

    question: Question
    sources: list[str] | None
    named: frozenset[str] = frozenset()


def readings(question: Question, sources: list[str] | None,
             named: Callable[[list[str]], list[str]]) -> list[Reading]:
    """The searches to try, most specific first; the first that yields an answer wins.

    A question naming a regulation searches it first, then everywhere; a follow-up searches the
    files the earlier answer cited first, then everywhere; a follow-up that does not point back
    ("Apa itu KEK?" after a question on Bitung) may be a new question after all.
    """
    if sources:
        return [Reading(question, sources)]
    plans: list[Reading] = []
    files = named(question.documents) if question.documents else []
    if files:
        stripped = replace(question, query=strip_references(question.query))
        plans.append(Reading(stripped, files, frozenset(files)))
    if question.prior_sources:
        plans.append(Reading(question, list(question.prior_sources)))
    plans.append(Reading(question, None, frozenset(files)))
    if question.context and not question.points_back:
        alone = replace(question, context=[], prior_sources=[], query=question.normalized)
        plans.append(Reading(alone, None))
    return plans


ReaderFn = Callable[[Question, list[Passage], set[str]], Answer]


@dataclass
class Evidence:
    """What retrieval hands the answer step: the reading that found an answerable set of
    passages (or the first reading, when none did), and the extractive reader's answer to it,
    which is also the fallback of a generated answer."""

    question: Question
    passages: list[Passage]
    extractive: Answer
    asked: str = ""  # the question as typed

    @property
    def answerable(self) -> bool:
        return self.extractive.found


class Answerer(Protocol):
    """The answer step: given the evidence, the answer; streamed as text pieces, then the
    final :class:`Answer` (always last)."""

    def stream(self, evidence: Evidence) -> Iterator[str | Answer]: ...


def final(pieces: Iterator[str | Answer]) -> Answer:
    """The last item of an answer stream: the answer."""
    answer: Answer | None = None
    for piece in pieces:
        if isinstance(piece, Answer):
            answer = piece
    if answer is None:
        raise RuntimeError("the answer step ended without an answer")
    return answer


def build_evidence_chain(
    retriever: HybridRetriever,
    reader: ReaderFn,
    vocabulary: Callable[[], Vocabulary],
    top_k: int = 5,
    condense: Callable[[str, str, str], str | None] | None = None,
) -> Runnable[dict[str, Any], Evidence]:
    """Wire the steps before the answer as runnables: understand -> plan -> retrieve.

    Retrieval tries the readings most specific first; the extractive reader judges whether a
    reading's passages answer the question, so every retry happens here and the answer step
    (a model, when one is configured) runs once.

    The chain takes ``{"question": str, "previous": Question | None, "previous_sources":
    list[str], "sources": list | None}`` and returns the :class:`Evidence`.

    Args:
        retriever: hybrid retriever.
        reader: the extractive reader, ``(question, passages, named) -> Answer``.
        vocabulary: gives the documents' acronyms and known stems (read when the chain runs).
        top_k: passages retrieved per reading.
        condense: ``(previous question, follow-up, language) -> standalone question`` by a
            model, or ``None``; its reading is tried before the rule-based one.

    Returns:
        The runnable chain.
    """

    def analyse_text(text: str) -> Question:
        vocab = vocabulary()
        question = analyze(text, acronyms=vocab.acronyms, known=vocab.known,
                           common=vocab.common, names=vocab.names)
        # A name no passage uses but a file is called by ("the Kompasiana piece") names the
        # document to search, not a word the answer must hold.
        titles = [g for g in question.groups if g.specific and not g.known and g.word.isalpha()
                  and retriever.sources_named([g.word])]
        if titles:
            question = replace(question, groups=[g for g in question.groups if g not in titles],
                               documents=question.documents + [g.word for g in titles])
        return question

    def understand(inputs: dict[str, Any]) -> Question:
        earlier = (inputs.get("previous"), inputs.get("previous_sources"),
                   inputs.get("previous_places"), inputs.get("previous_quotes"))
        question = analyse_text(inputs["question"])
        subquestions = read_subquestions(question, analyse_text)
        if subquestions:  # "… di Papua? terus sentra industrinya di mana?": the "-nya" points
            # at the first subquestion, not at the conversation
            question.points_back = subquestions[0].points_back
        question = resolve_followup(question, *earlier)
        # "menurut PP 7/2021" when no indexed file is PP 7/2021: only a passage that cites it
        # can answer for it
        missing = [d for d in question.documents
                   if " tentang " not in d and not retriever.sources_named([d])]
        if missing:
            question = replace(question, unindexed=missing)
        return resolve_subquestions(question, subquestions, *earlier)

    def rewrite(inputs: dict[str, Any]) -> Question | None:
        previous: Question | None = inputs.get("previous")
        parsed: Question = inputs["parsed"]
        if condense is None or previous is None or not (parsed.context or parsed.points_back):
            return None
        standalone = condense(previous.text, parsed.text, parsed.language)
        if not standalone:
            return None
        vocab = vocabulary()
        alone = analyze(standalone, acronyms=vocab.acronyms, known=vocab.known,
                        common=vocab.common, names=vocab.names)
        alone.prior_sources = list(parsed.prior_sources)
        alone.prior_quotes = list(parsed.prior_quotes)
        return alone

    def search(reading: Reading) -> list[Passage]:
        q = reading.question
        return retriever.retrieve(q.query, q.language, top_k, reading.sources, q.subject_forms)

    def plan(inputs: dict[str, Any]) -> list[Reading]:
        plans = readings(inputs["parsed"], inputs.get("sources"), retriever.sources_named)
        if inputs.get("condensed") is not None:
            plans = [Reading(inputs["condensed"], inputs.get("sources") or
                             (list(inputs["parsed"].prior_sources) or None)), *plans]
        return plans

    def gather(inputs: dict[str, Any]) -> Evidence:
        question: Question = inputs["parsed"]
        asked: str = inputs["question"]
        if question.points_back and inputs.get("previous") is None \
                and not any(g.specific for g in question.groups) and len(question.groups) <= 1:
            # "Berapa luasnya?" at the start of a chat: there is nothing it can point back to
            return Evidence(question, [], reader(question, [], set()), asked)
        first: Evidence | None = None
        for reading in inputs["readings"]:
            passages = search(reading)
            answer = reader(reading.question, passages, set(reading.named))
            answer.resolved = reading.question
            evidence = Evidence(reading.question, passages, answer, asked)
            if answer.found:
                return evidence
            first = first or evidence
        assert first is not None
        return first

    return (
        RunnablePassthrough.assign(parsed=RunnableLambda(understand, name="condense"))
        | RunnablePassthrough.assign(condensed=RunnableLambda(rewrite, name="rewrite"))
        | RunnablePassthrough.assign(readings=RunnableLambda(plan, name="plan"))
        | RunnableLambda(gather, name="retrieve")
    ).with_config(run_name="klaster-evidence")


def build_chain(
    evidence: Runnable[dict[str, Any], Evidence], answerer: Answerer
) -> Runnable[dict[str, Any], Answer]:
    """The whole chain: the evidence chain, then the answer step, once.

    Args:
        evidence: the chain from :func:`build_evidence_chain`.
        answerer: the answer step.

    Returns:
        A runnable from the inputs to the :class:`Answer`.
    """
    respond: Runnable[Evidence, Answer] = RunnableLambda(lambda e: final(answerer.stream(e)),
                                                         name="answer")
    return (evidence | respond).with_config(run_name="klaster")
