"""The LangChain chain: understand the question -> retrieve passages -> answer with citations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough

from .answering import Question, analyze, resolve_followup
from .answering.patterns import strip_references
from .documents import Answer, Passage
from .retrieve import HybridRetriever

Answerer = Callable[..., Answer]


@dataclass
class Conversation:
    """The turns of one chat; follow-ups are resolved against the last question."""

    turns: list[tuple[str, Answer]] = field(default_factory=list)
    last: Question | None = None
    last_sources: list[str] = field(default_factory=list)  # files the last answer cited

    def clear(self) -> None:
        self.turns.clear()
        self.last = None
        self.last_sources = []


@dataclass
class Vocabulary:
    """What the documents know: acronym expansions and which stems occur."""

    acronyms: dict[str, str]
    known: Callable[[str], bool]  # a stem occurs in the documents
    common: Callable[[str], bool] | None = None  # a word occurs in several chunks: never slang


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


def build_chain(
    retriever: HybridRetriever,
    answerer: Answerer,
    vocabulary: Callable[[], Vocabulary],
    top_k: int = 5,
) -> Runnable[dict[str, Any], Answer]:
    """Wire the steps as runnables.

    The chain takes ``{"question": str, "previous": Question | None, "previous_sources":
    list[str], "sources": list | None}`` and returns an :class:`Answer`.

    Args:
        retriever: hybrid retriever.
        answerer: ``(question, passages, named) -> Answer``.
        vocabulary: gives the documents' acronyms and known stems (read when the chain runs).
        top_k: passages given to the answerer.

    Returns:
        The runnable chain.
    """

    def understand(inputs: dict[str, Any]) -> Question:
        vocab = vocabulary()
        question = analyze(inputs["question"], acronyms=vocab.acronyms, known=vocab.known,
                           common=vocab.common)
        # A name no passage uses but a file is called by ("the Kompasiana piece") names the
        # document to search, not a word the answer must hold.
        titles = [g for g in question.groups if g.specific and not g.known and g.word.isalpha()
                  and retriever.sources_named([g.word])]
        if titles:
            question = replace(question, groups=[g for g in question.groups if g not in titles],
                               documents=question.documents + [g.word for g in titles])
        question = resolve_followup(question, inputs.get("previous"),
                                    inputs.get("previous_sources"))
        # "menurut PP 7/2021" when no indexed file is PP 7/2021: only a passage that cites it
        # can answer for it
        missing = [d for d in question.documents
                   if " tentang " not in d and not retriever.sources_named([d])]
        return replace(question, unindexed=missing) if missing else question

    def search(reading: Reading) -> list[Passage]:
        q = reading.question
        return retriever.retrieve(q.query, q.language, top_k, reading.sources, q.subject)

    def plan(inputs: dict[str, Any]) -> list[Reading]:
        return readings(inputs["parsed"], inputs.get("sources"), retriever.sources_named)

    def respond(inputs: dict[str, Any]) -> Answer:
        question: Question = inputs["parsed"]
        if question.points_back and inputs.get("previous") is None \
                and not any(g.specific for g in question.groups) and len(question.groups) <= 1:
            # "Berapa luasnya?" at the start of a chat: there is nothing it can point back to
            return answerer(question, [], set())
        first: Answer | None = None
        for reading in inputs["readings"]:
            answer = answerer(reading.question, search(reading), set(reading.named))
            answer.resolved = reading.question
            if answer.found:
                return answer
            first = first or answer
        assert first is not None
        return first

    return (
        RunnablePassthrough.assign(parsed=RunnableLambda(understand, name="condense"))
        | RunnablePassthrough.assign(readings=RunnableLambda(plan, name="plan"))
        | RunnableLambda(respond, name="answer")
    ).with_config(run_name="klaster")
