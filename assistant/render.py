"""What the pages show: UI strings in both languages, answers as plain text with [n] markers,
and the sources panel as HTML."""

from __future__ import annotations

import html
import re
from functools import cache

from .documents import Answer
from .language import lines
from .lexical import words as question_words

LANGUAGES = ("id", "en")
_CITE = re.compile(r"\[(\d+)\]")
# Markdown would turn these into markup; a backslash keeps each one a plain character.
_ACTIVE = re.compile(r"[\\`*_<>\[\]!#|~&$]")
_AUTOLINK = re.compile(r"(?i)(?:https?|ftp|mailto)(?=:)|www(?=\.)|@")


@cache
def strings(lang: str) -> dict[str, str]:
    """Every UI string in one language, from ``assistant/data/ui_strings.tsv``.

    Args:
        lang: ``"id"`` or ``"en"``.

    Returns:
        Key -> text.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    column = LANGUAGES.index(lang) + 1
    table: dict[str, str] = {}
    for line in lines("ui_strings.tsv"):
        cells = line.split("\t")
        if len(cells) != 3:
            raise ValueError(f"ui_strings.tsv: expected key, id, en in: {line!r}")
        table[cells[0]] = cells[column]
    return table


def both(key: str, **values: str) -> str:
    """A string in both languages, "Indonesian / English", for pages without a language switch."""
    return " / ".join(strings(lang)[key].format(**values) for lang in LANGUAGES)


def inert(text: str, quote: bool = True) -> str:
    """Text for a Markdown view that shows it as it is: HTML escaped, brackets escaped (so no
    link or image can form) and web addresses broken by a word joiner (so none is linked)."""
    text = html.escape(text, quote=quote).replace("\\", "\\\\")
    text = text.replace("[", "\\[").replace("]", "\\]")
    return _AUTOLINK.sub(lambda m: m.group() + "\u2060", text)


_TABLE_ROW = re.compile(r"^\|.*\|$")
_DELIMITER = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


def plain(text: str, markers: set[int] | None = None) -> str:
    """Markdown that shows ``text`` as it is and copies as it reads: a backslash before each
    character that would form markup, none before the ``[n]`` markers in ``markers``, and web
    addresses broken by a word joiner (so none is linked). A quoted table (lines ``| … |`` with
    a ``| --- |`` row) stays a table: only its cells are made plain."""
    lines = text.split("\n")
    if any(_DELIMITER.match(line.strip()) for line in lines):
        return "\n".join(_plain_row(line, markers) if _TABLE_ROW.match(line.strip())
                         else _plain(line, markers) for line in lines)
    return _plain(text, markers)


def _plain_row(line: str, markers: set[int] | None) -> str:
    if _DELIMITER.match(line.strip()):
        return line.strip()
    cells = line.strip()[1:-1].split("|")
    return "| " + " | ".join(_plain(cell.strip(), markers) for cell in cells) + " |"


def _plain(text: str, markers: set[int] | None = None) -> str:
    keep = markers or set()
    out, last = [], 0
    for match in _CITE.finditer(text):
        if int(match.group(1)) in keep:
            out += [_ACTIVE.sub(lambda m: "\\" + m.group(), text[last:match.start()]),
                    match.group()]
            last = match.end()
    out.append(_ACTIVE.sub(lambda m: "\\" + m.group(), text[last:]))
    return _AUTOLINK.sub(lambda m: m.group() + "\u2060", "".join(out))


def highlight(text: str, question: str) -> str:
    """``text`` HTML-escaped, with the question's content words wrapped in ``<mark>``."""
    words = sorted({w for w in question_words(question) if len(w) > 2}, key=len, reverse=True)
    if not words:
        return html.escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [html.escape(text[last:match.start()]), f"<mark>{html.escape(match.group())}</mark>"]
        last = match.end()
    return "".join(out) + html.escape(text[last:])


def render_answer(answer: Answer, lang: str = "id") -> str:
    """The answer for the chat: plain text whose ``[n]`` markers stay as they are (the page's
    script links each to its card), so copying a message gives the text with its markers."""
    if not answer.found:
        t = strings(lang)
        return f"🔍 {t['not_found']}\n\n{plain(answer.text)}\n\n{plain(t['see_related'])}"
    return plain(answer.text, {c.n for c in answer.citations})


def _quoted(passage: str, quote: str, question: str) -> str:
    """The passage with its quoted part set off, each shown once."""
    at = passage.find(quote) if quote else -1
    if at < 0:
        return f'<span class="k-quote">{highlight(quote or passage, question)}</span>'
    return (highlight(passage[:at], question) + '<span class="k-quote">'
            + highlight(quote, question) + "</span>" + highlight(passage[at + len(quote):],
                                                                 question))


def render_sources(turn: tuple[str, Answer] | None, bubble: int = 0, lang: str = "id") -> str:
    """The sources panel: the passages the current answer cites (or the related ones when it
    found none), each once, with the quoted words set off inside it.

    Args:
        turn: the current (question, answer), or ``None`` for an empty panel.
        bubble: the answer's position among the chat's answers; card ids carry it.
        lang: the page's language.

    Returns:
        HTML.
    """
    t = strings(lang)
    if turn is None:
        return f'<p class="k-empty">{t["none"]}</p>'
    question, answer = turn
    cards = []
    if answer.found:
        for c in answer.citations:
            place = f" · {html.escape(c.location)}" if c.location else ""
            cards.append(
                f'<details class="k-src" id="k-src-{bubble}-{c.n}" open><summary>[{c.n}] '
                f"<b>{html.escape(c.label or c.title)}</b>{place}</summary>"
                f"<div><i>{html.escape(c.title)}</i> — {html.escape(c.source)}</div>"
                f'<div class="k-passage">{_quoted(c.passage or c.quote, c.quote, question)}</div>'
                "</details>")
    else:
        for i, p in enumerate(answer.passages[:3], 1):
            cards.append(
                f'<details class="k-src k-related" id="k-rel-{bubble}-{i}" open><summary>'
                f"{t['related']}: <b>{html.escape(p.chunk.header)}</b></summary>"
                f'<div class="k-passage">{highlight(p.chunk.text[:700], question)}</div>'
                "</details>")
    return f"<h4>{t['sources']}</h4>" + "".join(cards)


def distinct_labels(docs: list[dict[str, object]], words: int = 4) -> dict[str, str]:
    """A filter label per document: its short label, and where two documents share one, the
    first words of its title that the other's title lacks ("RPJMN 2025-2029 · Wilayah Bali").

    Args:
        docs: entries as :meth:`Assistant.documents` gives them.
        words: how many distinguishing words to add.

    Returns:
        Source file name -> label, all distinct.
    """
    base = {str(d["source"]): str(d["label"] or d["title"]) for d in docs}
    groups: dict[str, list[dict[str, object]]] = {}
    for d in docs:
        groups.setdefault(base[str(d["source"])], []).append(d)
    out = dict(base)
    token = re.compile(r"[^\W_][\w./-]*")
    for label, same in groups.items():
        if len(same) < 2:
            continue
        seen = {w.lower() for w in token.findall(label)}
        titles = {str(d["source"]): token.findall(str(d["title"])) for d in same}
        for d in same:
            source = str(d["source"])
            others = {w.lower() for s, ws in titles.items() if s != source for w in ws}
            own = [w for w in titles[source] if w.lower() not in others | seen][:words]
            out[source] = f"{label} · {' '.join(own)}" if own else f"{label} · {source}"
    if len(set(out.values())) < len(out):  # still equal (same titles): the file names tell
        out = {s: f"{v} ({s})" for s, v in out.items()}
    return out
