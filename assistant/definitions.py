"""Where the documents define a term: "X adalah …", "yang dimaksud dengan X adalah …"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .chunking import split_sentences
from .documents import Chunk

_VERB = r"(?:adalah|yaitu|yakni|ialah|merupakan|didefinisikan(?:\s+sebagai)?)"
_ASKED = re.compile(
    r"^\s*(?:apa(?:kah)?\s+(?:yang\s+)?(?:dimaksud|definisi|pengertian|arti|itu)"
    r"(?:\s+(?:dari|dengan))?|jelaskan(?:\s+(?:pengertian|definisi))?|definisi|pengertian"
    r"|what\s+(?:is|are)(?:\s+(?:a|an|the))?(?:\s+(?:meant\s+by|definition\s+of))?"
    r"(?:\s+(?:a|an|the))?"
    r"|define|explain)\s+",
    re.IGNORECASE,
)
_HOW_DEFINED = re.compile(r"^\s*how\s+(?:is|are)\s+(.+?)\s+(?:defined|understood)\b", re.I)
_TAIL = re.compile(
    r"\s+(?:menurut|dalam|pada|di dalam|sesuai|berdasarkan|according|in|under|as)\b.*$"
    r"|\s*\(.*$|[?.!]+$",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"(?:^|\d+\.\s+|[a-z]\.\s+|dimaksud dengan\s+)[\"“']?((?:[\w-]+\s+){0,5}[\w-]+)[\"”']?"
    rf"\s*(?:\([^)]{{1,60}}\)\s*)?,?\s+{_VERB}\s",
    re.IGNORECASE,
)


def subject(question: str) -> str | None:
    """The term a definition question asks about, e.g. "kawasan industri".

    Args:
        question: the question text.

    Returns:
        The term in lower case, or ``None`` when the question does not ask for a definition.
    """
    defined = _HOW_DEFINED.match(question)
    if defined:
        term = defined.group(1).strip(" \"'“”‘’")
    else:
        match = _ASKED.match(question)
        if not match:
            return None
        term = _TAIL.sub("", question[match.end():]).strip(" \"'“”‘’")
    term = re.sub(r"^(?:a|an|the)\s+", "", term, flags=re.IGNORECASE)
    words = term.split()
    return " ".join(words).lower() if 0 < len(words) <= 6 else None


def defines(sentence: str, term: str) -> bool:
    """Whether ``sentence`` defines ``term``."""
    pattern = (rf"(?:^|\d+\.\s+|[a-z]\.\s+|dimaksud dengan\s+)[\"“']?{re.escape(term)}[\"”']?"
               rf"\s*(?:\([^)]{{1,60}}\)\s*)?,?\s+{_VERB}\s")
    return re.search(pattern, sentence, re.IGNORECASE) is not None


def defining_chunks(term: str, chunks: Iterable[Chunk], limit: int = 3) -> list[Chunk]:
    """Chunks holding a sentence that defines ``term``, earliest first."""
    found = [c for c in chunks if term in c.text.lower()
             and any(defines(s, term) for s in split_sentences(c.text))]
    return sorted(found, key=lambda c: (c.source, c.order))[:limit]


def glossary(chunks: Iterable[Chunk]) -> dict[str, tuple[Chunk, str]]:
    """Every term the documents define, with the first chunk and sentence that define it."""
    terms: dict[str, tuple[Chunk, str]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source, c.order)):
        for sentence in split_sentences(chunk.text):
            match = _TERM.search(sentence)
            if match and match.start(1) <= 40:
                term = match.group(1).strip().lower()
                if 2 < len(term) <= 60 and not term.isdigit():
                    terms.setdefault(term, (chunk, sentence))
    return terms
