"""Teaching material from cited passages: workshop outlines, glossaries, quizzes, follow-ups."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .answering.patterns import glossary
from .chunking import split_sentences
from .documents import Answer, Chunk, Passage

_NUMBER = re.compile(r"\d[\d.,]*\s*(?:%|persen|ha|hektar|km|triliun|miliar|juta|ribu|unit)?")
# Numbers that only name a legal place ("Pasal 3", "ayat (2)", "huruf a") are not facts.
_REFERENCE = re.compile(
    r"(?:Pasal|ayat|angka|Nomor|No\.|Tahun|huruf|BAB)\s*\(?\d+\)?|^\s*\(\d+\)"
    r"|\d{1,2}\s+(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober"
    r"|November|Desember)\s+\d{4}", re.I)
_NOT_TERMS = {"secara", "dokumen", "hal", "ini", "itu", "yang", "dalam", "tujuan", "salah",
              "keunggulan", "wilayah", "kawasan", "pemerintah", "peraturan", "undang-undang"}
DOMAIN_TERMS = ("klaster industri", "ikm", "industri kecil dan menengah", "sentra ikm", "wppi",
                "kek", "kawasan ekonomi khusus", "ovop", "hilirisasi", "kawasan industri")


@dataclass(frozen=True)
class Item:
    """One cited line of teaching material; ``source`` is the 1-based source number."""

    text: str
    source: int
    answer: str = ""  # for quiz questions


@dataclass
class Workshop:
    """A training session built from the passages about one topic."""

    topic: str
    outline: list[str] = field(default_factory=list)
    facts: list[Item] = field(default_factory=list)
    terms: list[Item] = field(default_factory=list)
    quiz: list[Item] = field(default_factory=list)
    sources: list[Chunk] = field(default_factory=list)


def fact_sentences(text: str) -> list[str]:
    """Sentences of ``text`` that state a figure (not merely a Pasal or year reference)."""
    found = []
    for sentence in split_sentences(text):
        bare = _REFERENCE.sub("", sentence)
        if 30 <= len(sentence) <= 400 and re.search(r"\d", bare) and sentence[0] != "-":
            found.append(sentence)
    return found


def _is_term(term: str) -> bool:
    """A defined term, not a sentence fragment that happens to precede "adalah"."""
    return len(term.split()) <= 4 and term.split()[0] not in _NOT_TERMS


def domain_glossary(chunks: Iterable[Chunk]) -> dict[str, tuple[Chunk, str]]:
    """The terms the documents define, without sentence fragments that only look like terms.

    Args:
        chunks: every indexed chunk.

    Returns:
        Term -> (defining chunk, defining sentence), domain terms first, then alphabetical.
    """
    terms = {t: v for t, v in glossary(chunks).items() if _is_term(t)}
    order = sorted(terms, key=lambda t: (t not in DOMAIN_TERMS, t))
    return {t: terms[t] for t in order}


def _quiz_from_fact(sentence: str) -> tuple[str, str] | None:
    bare = _REFERENCE.sub(lambda m: "\0" * len(m.group()), sentence)
    match = next((m for m in _NUMBER.finditer(bare) if "\0" not in m.group()), None)
    if not match:
        return None
    figure = sentence[match.start():match.end()].strip()
    return sentence[:match.start()] + "____" + sentence[match.end():], figure


def build_workshop(passages: list[Passage], topic: str, limit: int = 5) -> Workshop:
    """Turn retrieved passages into an outline, cited facts, a glossary and a short quiz.

    Args:
        passages: passages about the topic, best first.
        topic: what the session is about.
        limit: the most facts, terms and quiz questions.

    Returns:
        The workshop; every fact, term and answer names the source it comes from.
    """
    shop = Workshop(topic=topic)
    seen: set[str] = set()
    for passage in passages:
        chunk = passage.chunk
        if chunk.id in seen:
            continue
        seen.add(chunk.id)
        shop.sources.append(chunk)
        n = len(shop.sources)
        first = split_sentences(chunk.text)[0] if chunk.text.strip() else ""
        heading = chunk.header
        shop.outline.append(f"{heading} — {first[:140]}" if first else heading)
        for sentence in fact_sentences(chunk.text):
            if len(shop.facts) < limit and sentence not in {f.text for f in shop.facts}:
                shop.facts.append(Item(sentence, n))
    for term, (chunk, sentence) in glossary(shop.sources).items():
        if _is_term(term) and len(shop.terms) < limit:
            n = shop.sources.index(chunk) + 1
            shop.terms.append(Item(f"**{term}** — {sentence}", n, term))
            shop.quiz.append(Item(f"Apa yang dimaksud dengan {term}?", n, sentence))
    for fact in shop.facts:
        made = _quiz_from_fact(fact.text)
        if made and len(shop.quiz) < limit:
            shop.quiz.append(Item(f"Lengkapi: {made[0]}", fact.source, made[1]))
    shop.quiz = shop.quiz[:limit]
    return shop


def to_markdown(shop: Workshop) -> str:
    """The workshop as Markdown, with numbered sources at the end.

    Args:
        shop: the workshop.

    Returns:
        Markdown text.
    """
    out = [f"# Lokakarya: {shop.topic}", "", "## Garis besar sesi / Session outline"]
    out += [f"{i}. {line}" for i, line in enumerate(shop.outline, 1)]
    out += ["", "## Fakta & angka kunci / Key facts and figures"]
    out += [f"- {f.text} [{f.source}]" for f in shop.facts] or ["- (tidak ada / none)"]
    out += ["", "## Glosarium / Glossary"]
    out += [f"- {t.text} [{t.source}]" for t in shop.terms] or ["- (tidak ada / none)"]
    out += ["", "## Kuis / Quiz"]
    for i, q in enumerate(shop.quiz, 1):
        out += [f"{i}. {q.text}", f"   - Jawaban / Answer: {q.answer} [{q.source}]"]
    out += ["", "## Sumber / Sources"]
    out += [f"[{i}] {c.header} — {c.title} ({c.source})" for i, c in enumerate(shop.sources, 1)]
    return "\n".join(out) + "\n"


def to_docx(shop: Workshop, path: Path) -> Path:
    """Write the workshop as a Word document.

    Args:
        shop: the workshop.
        path: where to write the .docx file.

    Returns:
        The path written.
    """
    from docx import Document as WordDocument

    doc = WordDocument()
    for line in to_markdown(shop).splitlines():
        if line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.strip():
            doc.add_paragraph(line.strip().replace("**", ""))
    doc.save(str(path))
    return path


def suggest(answer: Answer, chunks: dict[str, Chunk], limit: int = 3) -> list[str]:
    """Follow-up questions drawn from the passages next to the ones an answer used.

    Args:
        answer: the answer just given.
        chunks: every indexed chunk by id.
        limit: how many questions.

    Returns:
        Up to ``limit`` questions, in the answer's language.
    """
    english = answer.language == "en"
    used = [p.chunk for p in answer.passages[:3]]
    near: list[Chunk] = []
    for chunk in used:
        near += [c for c in chunks.values() if c.source == chunk.source
                 and abs(c.order - chunk.order) == 1 and c not in near + used]
    questions: list[str] = []
    for term in domain_glossary(near + used):
        if term not in answer.query.lower():
            questions.append(f"What is meant by {term}?" if english
                             else f"Apa yang dimaksud dengan {term}?")
    for chunk in near:
        if chunk.location:
            parts = chunk.location.split(" · ")
            if len(parts) > 1:
                place = f"{parts[-1]} {parts[0]}"
            elif re.match(r"(Penjelasan |Lampiran|hlm\.)?\s*(Pasal|Lampiran|hlm)", parts[0]):
                place = f"{parts[0]} {chunk.label}"  # "Pasal 1" alone does not say of what
            else:
                place = parts[0]  # a heading names itself
            questions.append(f"What does {place} set out?" if english
                             else f"Apa yang diatur dalam {place}?")
    return list(dict.fromkeys(questions))[:limit]
