"""HTML for the chat: escaped answers with linked [n] markers, and the sources panel."""

import html
import re

from .documents import Answer
from .lexical import words as question_words

TEXTS = {
    "id": {"ask": "Pertanyaan", "send": "Kirim", "new": "Percakapan baru", "export": "Ekspor (.md)",
           "sources": "Sumber", "related": "Terkait, bukan jawaban", "none": "Belum ada sumber.",
           "not_found": "Tidak ditemukan dalam dokumen.",
           "see_related": "Bagian terdekat ditampilkan di panel sumber sebagai *terkait, bukan "
                          "jawaban*.", "thanks": "Terima kasih atas masukan Anda.",
           "comment": "Komentar (opsional)", "intro": "Tanya jawab kebijakan klaster industri, "
                                                    "setiap jawaban dengan sumbernya."},
    "en": {"ask": "Question", "send": "Send", "new": "New conversation", "export": "Export (.md)",
           "sources": "Sources", "related": "Related, not an answer", "none": "No sources yet.",
           "not_found": "Not found in the documents.",
           "see_related": "The closest passages are in the sources panel as *related, not an "
                          "answer*.", "thanks": "Thank you for your feedback.",
           "comment": "Comment (optional)", "intro": "Questions on industrial-cluster policy, "
                                                    "every answer with its sources."},
}
_CITE = re.compile(r"\[(\d+)\]")
_AUTOLINK = re.compile(r"(?i)(?:https?|ftp|mailto)(?=:)|www(?=\.)|@")


def inert(text: str, quote: bool = True) -> str:
    """Text for a Markdown view that shows it as it is: HTML escaped, brackets escaped (so no
    link or image can form) and web addresses broken by a word joiner (so none is linked)."""
    text = html.escape(text, quote=quote).replace("\\", "\\\\")
    text = text.replace("[", "\\[").replace("]", "\\]")
    return _AUTOLINK.sub(lambda m: m.group() + "\u2060", text)


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


def render_answer(answer: Answer, turn: int, lang: str = "id") -> str:
    """The answer for the chat: escaped text whose ``[n]`` markers link to the sources panel."""
    known = {c.n for c in answer.citations}

    def link(match: re.Match[str] | None) -> str:
        assert match is not None  # every piece at an odd index is a citation number
        n = int(match.group(1))
        return f'<a href="#k-src-{turn}-{n}" class="k-cite">[{n}]</a>' if n in known else \
            inert(match.group())

    if not answer.found:
        t = TEXTS[lang]
        return f"🔍 **{t['not_found']}**\n\n{inert(answer.text)}\n\n{t['see_related']}"
    pieces = _CITE.split(answer.text)  # text, number, text, number, ..., text
    return "".join(inert(piece) if i % 2 == 0 else link(_CITE.match(f"[{piece}]"))
                   for i, piece in enumerate(pieces))


def render_sources(turns: list[tuple[str, Answer]], lang: str = "id") -> str:
    """The sources panel: every cited passage of the chat, newest turn first and open."""
    t = TEXTS[lang]
    if not turns:
        return f"<p>{t['none']}</p>"
    cards = []
    for turn in range(len(turns) - 1, -1, -1):
        question, answer = turns[turn]
        opened = " open" if turn == len(turns) - 1 else ""
        if answer.found:
            for c in answer.citations:
                place = f" · {html.escape(c.location)}" if c.location else ""
                cards.append(
                    f'<details class="k-src" id="k-src-{turn}-{c.n}"{opened}><summary>[{c.n}] '
                    f"<b>{html.escape(c.label or c.title)}</b>{place}</summary>"
                    f"<div><i>{html.escape(c.title)}</i> — {html.escape(c.source)}</div>"
                    f'<blockquote class="k-quote">{highlight(c.quote, question)}</blockquote>'
                    f'<div class="k-passage">{highlight(c.passage or c.quote, question)}</div>'
                    "</details>")
        else:
            for i, p in enumerate(answer.passages[:3], 1):
                cards.append(
                    f'<details class="k-src k-related" id="k-rel-{turn}-{i}"{opened}><summary>'
                    f"{t['related']}: <b>{html.escape(p.chunk.header)}</b></summary>"
                    f'<div class="k-passage">{highlight(p.chunk.text[:700], question)}</div>'
                    "</details>")
    return f"<h4>{t['sources']}</h4>" + "".join(cards)
