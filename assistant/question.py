"""What a question asks: its intents, the terms an answer must hold, and follow-up resolution."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .definitions import subject
from .language import GLOSSARY, detect_language
from .lexical import _stopwords, stem

ORDINALS = frozenset(
    "pertama kedua ketiga keempat kelima terakhir first second third fourth fifth last "
    "current currently latest now today kini terkini".split()
)
_INTENTS = {
    "quantity": r"\bberapa(kah)?\b|\bhow (many|much|large|big|long|wide|high)\b|\bjumlah\b"
                r"|\bwhat (share|percentage|proportion|number)\b|\bluas(nya)?\b|\bpersen"
                r"|\b(area|size)\b",
    "definition": r"\bapa (yang )?dimaksud|\bapa(kah)? itu\b|\bpengertian\b|\bdefinisi\b"
                  r"|\bwhat (is|are) (a |an |the )?\w+( \w+)?\??$|\bwhat does .* mean\b|\bdefine\b"
                  r"|\bwhat is meant by\b"
                  r"|\bmeaning of\b|\bapa arti\b",
    "list": r"\bsebutkan\b|\bapa saja(kah)?\b|\bmana saja\b|\bsiapa saja\b|\blist\b"
            r"|\bwhat are the\b|\bwhich \w+s\b",
    "where": r"\bdi ?mana\b|\bwhere\b|\blokasi\b|\bletak(nya)?\b|\b(provinsi|kecamatan|kabupaten"
             r"|daerah|wilayah|kota) mana\b|\bwhich (province|district|city|region)",
    "when": r"\bkapan\b|\bwhen\b|\btahun berapa\b|\bwhat year\b",
    "who": r"\bsiapa(kah)?\b|\bwho\b|\bpihak mana\b|\b(apa|siapa) nama\b|\bwhat is the name\b",
}
GENERIC_MEASURES = frozenset(
    "batas besar besarnya nilai angka tingkat total banyak rata minimal maksimal paling persen "
    "persentase rasio size number amount level rate average total percentage share".split()
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@dataclass
class TermGroup:
    """One thing the question names; any alternative satisfies it."""

    word: str
    stems: set[str]
    phrases: set[str] = field(default_factory=set)  # multi-word alternatives, lower case
    specific: bool = False  # names, places, years, acronyms: must be present in the answer
    weight: float = 1.0

    def found_in(self, stems: set[str], text: str) -> bool:
        if self.stems & stems or any(p in text for p in self.phrases):
            return True
        if self.phrases and ("-" in text or "–" in text):  # "Bali–Nusa" written "Bali-Nusa"
            flat = re.sub(r"[-–—]", " ", text)
            if any(re.sub(r"[-–—]", " ", p) in flat for p in self.phrases):
                return True
        # OCR and typing slips ("kalster", "lndustri"): one edit away, in longer words only
        return any(_near(a, b) for a in self.stems if len(a) >= 6 and not a.isdigit()
                   for b in stems if abs(len(a) - len(b)) <= 1 and b[:1] == a[:1])


@dataclass
class Question:
    """A question as the answerer sees it."""

    text: str
    language: str
    intents: set[str]
    groups: list[TermGroup]
    context: list[TermGroup] = field(default_factory=list)  # carried from earlier turns
    query: str = ""  # what retrieval searches for
    subject: str | None = None  # the term a definition question asks about
    measured: int | None = None  # index of the group a quantity question measures ("luas")
    documents: list[str] = field(default_factory=list)  # documents it names: "UU 3/2014", "RIPIN"


def analyze(
    text: str,
    language: str | None = None,
    acronyms: dict[str, str] | None = None,
    known: Callable[[str], bool] | None = None,
) -> Question:
    """Read a question's intents and terms.

    Args:
        text: the question.
        language: ``"id"``/``"en"``; detected when ``None``.
        acronyms: known acronym -> expansion (lower case), e.g. ``{"KEK": "kawasan ekonomi
            khusus"}``, so an answer may spell out what the question abbreviates.
        known: whether a stem occurs in the documents; a term the documents lack, followed by
            a gloss in parentheses ("GRDP (PDRB)"), is satisfied by the gloss.

    Returns:
        The analysed question; its ``query`` is the text itself.
    """
    language = language or detect_language(text)
    lowered = text.lower().strip()
    intents = {name for name, pattern in _INTENTS.items() if re.search(pattern, lowered)}
    stop = _stopwords()
    acronyms = acronyms or {}
    groups: list[TermGroup] = []
    tokens = re.findall(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\(|\)", text)
    in_parens = False
    paren_owner: TermGroup | None = None
    for position, token in enumerate(tokens):
        if token in "()":
            in_parens = token == "("
            paren_owner = groups[-1] if in_parens and groups else None
            continue
        word = token.lower()
        if word in stop or (len(word) < 2 and not word.isdigit()):
            continue
        group = _group(token, word, position, language, acronyms)
        if in_parens:
            group.weight, group.specific = 0.3, False
            if paren_owner is not None and known and not any(map(known, paren_owner.stems)):
                paren_owner.stems |= group.stems
                paren_owner.phrases |= group.phrases
        groups.append(group)
    _soften_answer_type(tokens, groups)
    groups += _names(text, language) + _now(lowered)
    term = subject(text)
    if term:
        intents.add("definition")
    return Question(text=text, language=language, intents=intents, groups=groups, query=text,
                    subject=_in_indonesian(term, language) if "definition" in intents else None,
                    measured=_measured(text, groups) if "quantity" in intents else None,
                    documents=references(text))


_REFERENCE = re.compile(
    r"\b(UU|PP|Perpres|Permen\w*|Undang-Undang|Peraturan Pemerintah|Peraturan Presiden)"
    r"\s*(?:No\.?|Nomor)?\s*(\d+[A-Z]?)\s*(?:/|Tahun\s+)(\d{4})\b"
    r"|\b(RIPIN|RPJMN|RPJPN)\b(?:\s+\d{4}\s*[-–]\s*\d{4})?",
    re.IGNORECASE,
)


def references(text: str) -> list[str]:
    """Documents a question names: ``"UU 20/2008"``, ``"PP 14/2015"``, ``"RIPIN"``."""
    found = []
    for match in _REFERENCE.finditer(text):
        if match.group(1):
            kinds = {"uu": "UU", "undang-undang": "UU", "pp": "PP", "peraturan pemerintah": "PP",
                     "perpres": "Perpres", "peraturan presiden": "Perpres"}
            kind = kinds.get(match.group(1).lower(), "Permen")
            found.append(f"{kind} {match.group(2)}/{match.group(3)}")
        else:
            found.append(match.group(4).upper())
    return found


def strip_references(text: str) -> str:
    """The question without the document names, which every passage of them shares."""
    return re.sub(r"\s+", " ", _REFERENCE.sub(" ", text)).strip()


def _measured(text: str, groups: list[TermGroup]) -> int | None:
    """Which term a "berapa … / how many …" question measures: the first plain term after
    the cue ("berapa luas", "how many workers"), unless it is a generic measure word."""
    cue = re.search(r"\bberapa(kah)?\b|\bhow (many|much|large|big|long|wide|high)\b", text,
                    re.IGNORECASE)
    if not cue:
        return None
    after = {w.lower() for w in re.findall(r"[^\W\d_]+", text[cue.end():])}
    for index, group in enumerate(groups):
        if group.word in after and not group.specific and group.weight >= 1.0:
            return None if group.word in GENERIC_MEASURES else index
    return None


_NAME_RUN = re.compile(r"(?<!^)\b([A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)+)")
_PLACE_WORDS = frozenset(
    "provinsi kabupaten kota kecamatan distrik desa wilayah pulau kawasan province regency city "
    "district region island".split()
)


def _names(text: str, language: str) -> list[TermGroup]:
    """Names of several words ("Papua Barat Daya", "Halmahera Tengah") must appear whole:
    "Papua Barat" alone is another province."""
    found = []
    for match in _NAME_RUN.finditer(text.strip()):
        words = match.group(1).split()
        while words and words[0].lower() in _PLACE_WORDS:
            words = words[1:]
        if len(words) < 2 or (language == "en" and any(w.lower() in GLOSSARY for w in words)):
            continue
        name = " ".join(words).lower()
        found.append(TermGroup(word=name, stems=set(), phrases={name}, specific=True, weight=0.0))
    return found


def _now(lowered: str) -> list[TermGroup]:
    """ "saat ini" / "dewasa ini" ask for the present, which a sentence must state."""
    if not re.search(r"\b(saat|dewasa) ini\b", lowered):
        return []
    return [TermGroup(word="kini", stems={"kini", "sekarang", "terkini"}, phrases={"saat ini"},
                      specific=True, weight=0.0)]


def _in_indonesian(term: str | None, language: str) -> str | None:
    """An English term the glossary knows word by word, in Indonesian order: "micro
    enterprise" -> "usaha mikro", "special economic zone" -> "kawasan ekonomi khusus"."""
    if not term or language != "en":
        return term
    words = term.split()
    if all(GLOSSARY.get(w) for w in words):
        return " ".join(GLOSSARY[w][0] for w in reversed(words))
    return term


def _soften_answer_type(tokens: list[str], groups: list[TermGroup]) -> None:
    """The noun in "program apa", "daerah mana", "which sector" names the kind of answer; the
    answering sentence need not repeat it."""
    lowered = [t.lower() for t in tokens]
    typed = {lowered[i - 1] for i, t in enumerate(lowered) if t in {"apa", "mana"} and i}
    typed |= {lowered[i + 1] for i, t in enumerate(lowered[:-1]) if t in {"which", "what"}}
    for group in groups:
        if group.word in typed and not group.specific:
            group.weight = min(group.weight, 0.5)


def _group(token: str, word: str, position: int, language: str, acronyms: dict) -> TermGroup:
    stems = {stem(word), word}
    translated = GLOSSARY.get(word, ()) if language == "en" else ()
    stems |= {stem(t) for t in translated}
    phrases = {acronyms[token]} if token in acronyms else set()
    specific = (
        token.isdigit()
        or word in ORDINALS
        or bool(_ACRONYM.match(token))
        or (token[0].isupper() and position > 0 and not translated)
    )
    # An English word with no Indonesian equivalent known says little about Indonesian text.
    weight = 0.5 if language == "en" and not translated and not specific else 1.0
    return TermGroup(word=word, stems=stems, phrases=phrases, specific=specific, weight=weight)


def _near(a: str, b: str) -> bool:
    """Damerau distance of at most one (one substitution, insertion, deletion or swap)."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
