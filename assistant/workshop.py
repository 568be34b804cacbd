"""Teaching material from cited passages: workshop outlines, glossaries, quizzes, follow-ups."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .answering.patterns import VERB, glossary, is_boilerplate
from .chunking import split_boilerplate, split_sentences
from .documents import Answer, Chunk, Passage
from .language import table, word_list
from .lexical import prefixed_verb, stem, stopwords, tokenize
from .render import strings

_UNITS = r"%|persen|ha|hektar|km|triliun|miliar|juta|ribu|unit|orang|perusahaan|provinsi"
# A figure: a number with a unit, a decimal, or a number of two or more digits; never a list
# number ("3.") or a legal place ("Pasal 3", "ayat (2)", "huruf a", "Tahun 2014").
_FIGURE = re.compile(rf"(?<![\w.,/-])-?\d+(?:[.,]\d+)*(?:\s*(?:{_UNITS})(?!\w))?")
_REFERENCE = re.compile(
    r"(?:Pasal|ayat|angka|Nomor|No\.|Tahun|huruf|BAB|Lampiran|hlm\.?)\s*\(?\d+\)?|^\s*\(\d+\)"
    r"|\d{1,2}\s+(?:Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober"
    r"|November|Desember)\s+\d{4}", re.I)
# What a chunk's line may open with that is not part of its point: "3.", "a.", "•", "Huruf e",
# "Ayat (1)", "Pasal 2".
_LEAD = re.compile(r"^(?:\s*(?:\d+\.|[a-z]\.|[•·\-–*]|\(\d+\)|Huruf\s+\w\b|Ayat\s*\(\d+\)"
                   r"|Pasal\s+\d+\w?|Angka\s+\d+)\s*)+", re.I)
DOMAIN_TERMS = ("klaster industri", "ikm", "industri kecil dan menengah", "sentra ikm", "wppi",
                "kek", "kawasan ekonomi khusus", "ovop", "hilirisasi", "kawasan industri")
THEMES = ("stages", "strategies", "actors", "figures", "other")
PER_THEME = 3
PER_DOCUMENT = 3  # passages from one document, so the material draws on several


@dataclass(frozen=True)
class Item:
    """One cited line of teaching material; ``source`` is the 1-based source number."""

    text: str
    source: int
    answer: str = ""  # for quiz questions and glossary terms
    theme: str = ""  # for outline points


@dataclass
class Workshop:
    """A training session built from the passages about one topic."""

    topic: str
    outline: list[Item] = field(default_factory=list)
    facts: list[Item] = field(default_factory=list)
    terms: list[Item] = field(default_factory=list)
    quiz: list[Item] = field(default_factory=list)
    sources: list[Chunk] = field(default_factory=list)

    def cite(self, chunk: Chunk) -> int:
        """The source number of ``chunk``, numbered on first use; chunks of one place
        (document and location) share a number."""
        places = [(c.source, c.location) for c in self.sources]
        if (chunk.source, chunk.location) not in places:
            self.sources.append(chunk)
            return len(self.sources)
        return places.index((chunk.source, chunk.location)) + 1


def _is_reference(figure: re.Match[str], masked: str) -> bool:
    return "\0" in masked[figure.start():figure.end()]


def figures(sentence: str) -> list[tuple[int, int]]:
    """Where ``sentence`` states a figure: spans of numbers with a unit, decimals or numbers
    of two or more digits, leaving out legal references and list numbers."""
    masked = _REFERENCE.sub(lambda m: "\0" * len(m.group()), sentence)
    spans = []
    for m in _FIGURE.finditer(masked):
        digits = re.sub(r"\D", "", m.group())
        unit = not m.group()[-1].isdigit()
        if _is_reference(m, masked) or not (unit or "," in m.group() or len(digits) >= 2):
            continue
        if not unit and sentence[m.end():m.end() + 1] == "." and m.start() < 3:
            continue  # "12." opening a list item
        spans.append((m.start(), m.end()))
    return spans


def fact_sentences(text: str) -> list[str]:
    """Sentences of ``text`` that state a figure (not merely a Pasal or year reference)."""
    return [s for s in _points(text) if figures(s)]


def _points(text: str) -> list[str]:
    """Complete sentences of ``text`` fit to teach from: no boilerplate, no list number in
    front, between 40 and 360 characters, ending as a sentence ends."""
    found = []
    for sentence in split_sentences(text):
        for unit in split_boilerplate(sentence):
            unit = _LEAD.sub("", unit).strip()
            if is_boilerplate(unit) or not 40 <= len(unit) <= 360:
                continue
            if not re.search(r"[.!?;]$", unit) or not (unit[0].isupper() or unit[0].isdigit()):
                continue  # a lead-in to a list ("… meliputi:") or a list item's tail
            if sum(c.isupper() for c in unit) > 0.5 * sum(c.isalpha() for c in unit):
                continue  # a heading in capitals
            found.append(re.sub(r";$", ".", unit))
    return found


@cache
def _themes() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v.split()) for k, v in table("workshop_themes.tsv").items()}


def theme(sentence: str) -> str:
    """The outline theme a sentence belongs to: stages, strategies, actors, figures or other."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    cues = _themes()

    def has(name: str) -> bool:
        return any(w.startswith(c) for w in words for c in cues[name])

    if has("stages"):
        return "stages"
    if figures(sentence):
        return "figures"
    for name in ("actors", "strategies"):
        if has(name):
            return name
    return "other"


@cache
def _joiners() -> frozenset[str]:
    return word_list("term_joiners.txt")


def is_term(term: str, sentence: str = "", common: Callable[[str], bool] | None = None) -> bool:
    """Whether ``term`` is a noun phrase the sentence defines, not a clause fragment, a verb
    phrase, a name or an OCR misreading.

    Args:
        term: the defined term, lower case.
        sentence: the defining sentence; its definition must say something (four words or
            more after the defining verb), which "NTT, yaitu Kota Kupang." does not.
        common: whether a word occurs in several chunks of the documents; a word that does
            not (a misreading such as "tndustri") makes the term no term.

    Returns:
        True for a term worth a glossary entry.
    """
    words = term.split()
    if not 1 <= len(words) <= 5 or not all(re.fullmatch(r"[^\W\d_][\w-]*", w) for w in words):
        return False
    stop = stopwords()
    if words[0] in stop or words[-1] in stop:
        return False
    if any(w in stop and w not in _joiners() for w in words):
        return False
    first = words[0]
    if prefixed_verb(first):
        return False  # "membangun komitmen", "memprakarsai": verbs, not things
    if common is not None and not all(w in stop or common(w) for w in words):
        return False
    if sentence:
        at = re.compile(rf"\b{VERB}\s+", re.I).search(sentence, _end_of(sentence, words[-1]))
        body = re.sub(r"\([^)]*\)", " ", sentence[at.end():]) if at else ""
        if len(re.findall(r"[^\W\d_]+", body)) < 4:
            return False
    return True


def _end_of(sentence: str, word: str) -> int:
    at = sentence.lower().find(word)
    return at + len(word) if at >= 0 else 0


def domain_glossary(chunks: Iterable[Chunk], common: Callable[[str], bool] | None = None
                    ) -> dict[str, tuple[Chunk, str]]:
    """The terms the documents define, without fragments that only look like terms.

    Args:
        chunks: every indexed chunk.
        common: whether a word occurs in several chunks (see :func:`is_term`).

    Returns:
        Term -> (defining chunk, defining sentence), domain terms first, then alphabetical.
    """
    terms = {t: v for t, v in glossary(chunks).items() if is_term(t, v[1], common)}
    order = sorted(terms, key=lambda t: (t not in DOMAIN_TERMS, t))
    return {t: terms[t] for t in order}


def _diverse(passages: list[Passage], limit: int) -> list[Chunk]:
    """The best passages' chunks, at most ``PER_DOCUMENT`` from one document."""
    chosen: list[Chunk] = []
    per: dict[str, int] = {}
    for passage in passages:
        chunk = passage.chunk
        if chunk in chosen or per.get(chunk.source, 0) >= PER_DOCUMENT:
            continue
        per[chunk.source] = per.get(chunk.source, 0) + 1
        chosen.append(chunk)
        if len(chosen) == limit:
            break
    return chosen


def _blank(sentence: str, start: int, end: int) -> str:
    return f"{sentence[:start]}____{sentence[end:]}"


def build_workshop(passages: list[Passage], topic: str, limit: int = 5,
                   terms: dict[str, tuple[Chunk, str]] | None = None,
                   chunks: int = 8) -> Workshop:
    """Turn retrieved passages into an outline by theme, a glossary and a short quiz.

    Args:
        passages: passages about the topic, best first.
        topic: what the session is about.
        limit: the most quiz questions.
        terms: the documents' glossary (see :func:`domain_glossary`); the passages' own
            definitions when not given.
        chunks: how many passages to build from.

    Returns:
        The workshop; every point, term and answer names the source it comes from.
    """
    shop = Workshop(topic=topic)
    chosen = _diverse(passages, chunks)
    wanted = {stem(w) for w in tokenize(topic)}
    candidates = []
    for rank, chunk in enumerate(chosen):
        for at, point in enumerate(_points(chunk.text)):
            overlap = len(wanted & set(tokenize(point)))
            candidates.append((-overlap, rank, at, point, chunk))
    taken: dict[str, int] = {}
    per_source: dict[tuple[str, str], int] = {}
    seen: set[str] = set()
    for _, _, _, point, chunk in sorted(candidates, key=lambda c: c[:3]):
        kind = theme(point)
        if taken.get(kind, 0) >= PER_THEME or point in seen:
            continue
        if per_source.get((kind, chunk.source), 0) >= 2:
            continue  # a theme draws on more than one document where it can
        seen.add(point)
        taken[kind] = taken.get(kind, 0) + 1
        per_source[(kind, chunk.source)] = per_source.get((kind, chunk.source), 0) + 1
        shop.outline.append(Item(point, shop.cite(chunk), theme=kind))
    shop.outline.sort(key=lambda i: THEMES.index(i.theme))
    shop.facts = [i for i in shop.outline if i.theme == "figures"]
    _glossary(shop, chosen, topic, terms if terms is not None else domain_glossary(chosen))
    _quiz(shop, limit)
    return shop


def _glossary(shop: Workshop, chunks: list[Chunk], topic: str,
              terms: dict[str, tuple[Chunk, str]], most: int = 12) -> None:
    """Every defined term the passages (or the topic) mention, most mentioned first."""
    text = " ".join([topic, *(c.text for c in chunks)]).lower()
    counts = {}
    for term in terms:
        hits = len(re.findall(rf"(?<!\w){re.escape(term)}(?!\w)", text))
        if hits:
            counts[term] = hits
    for term in sorted(counts, key=lambda t: (-counts[t], t))[:most]:
        chunk, sentence = terms[term]
        definition = _LEAD.sub("", sentence).strip()
        definition = re.sub(r"^Yang dimaksud dengan\s+", "", definition, flags=re.I)
        shop.terms.append(Item(f"**{term}** — {definition}", shop.cite(chunk), term))


def _quiz(shop: Workshop, limit: int) -> None:
    """Blanks over terms (in their definitions) and figures (in the outline's points)."""
    by_term: list[Item] = []
    for item in shop.terms:
        definition = item.text.split(" — ", 1)[1]
        at = re.search(rf"(?<!\w){re.escape(item.answer)}(?!\w)", definition, re.I)
        if at:
            by_term.append(Item(_blank(definition, at.start(), at.end()), item.source,
                                definition[at.start():at.end()]))
    by_figure: list[Item] = []
    for item in shop.outline:
        spans = figures(item.text)
        if spans:
            start, end = spans[0]
            by_figure.append(Item(_blank(item.text, start, end), item.source,
                                  item.text[start:end]))
    mixed = [q for pair in zip(by_term, by_figure, strict=False) for q in pair]
    rest = by_term[len(by_figure):] + by_figure[len(by_term):]
    shop.quiz = (mixed + rest)[:limit]


def to_markdown(shop: Workshop, lang: str = "id") -> str:
    """The workshop as Markdown, with numbered sources at the end.

    Args:
        shop: the workshop.
        lang: the language of the headings.

    Returns:
        Markdown text.
    """
    t = strings(lang)
    out = [f"# {t['ws_title']}: {shop.topic}", "", f"## {t['ws_outline']}"]
    for kind in THEMES:
        points = [i for i in shop.outline if i.theme == kind]
        if points:
            out += ["", f"### {t['theme_' + kind]}"]
            out += [f"- {i.text} [{i.source}]" for i in points]
    if not shop.outline:
        out.append(f"- {t['ws_none']}")
    out += ["", f"## {t['ws_glossary']}"]
    out += [f"- {i.text} [{i.source}]" for i in shop.terms] or [f"- {t['ws_none']}"]
    out += ["", f"## {t['ws_quiz']}"]
    for n, q in enumerate(shop.quiz, 1):
        out += [f"{n}. {t['ws_fill']}: {q.text}", f"   - {t['ws_answer']}: {q.answer} [{q.source}]"]
    out += ["", f"## {t['ws_sources']}"]
    out += [f"[{i}] {c.header} — {c.title} ({c.source})" for i, c in enumerate(shop.sources, 1)]
    return "\n".join(out) + "\n"


def to_docx(shop: Workshop, path: Path, lang: str = "id") -> Path:
    """Write the workshop as a Word document (the same text as :func:`to_markdown`).

    Args:
        shop: the workshop.
        path: where to write the .docx file.
        lang: the language of the headings.

    Returns:
        The path written.
    """
    from docx import Document as WordDocument

    doc = WordDocument()
    for line in to_markdown(shop, lang).splitlines():
        if line.startswith("# "):
            doc.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("### "):
            doc.add_heading(line[4:], level=3)
        elif line.startswith("- "):
            doc.add_paragraph(line[2:].replace("**", ""), style="List Bullet")
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
