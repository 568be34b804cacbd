"""The one home of text patterns: legal references, definitions, boilerplate, follow-up cues."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from ..chunking import cited_inline, split_sentences
from ..documents import Chunk
from ..language import any_of, lines

YEAR = re.compile(r"(?:19|20)\d{2}")
# "Indeks Pembangunan Manusia (IPM)": capitalised words, then their abbreviation in parentheses
_SPELLED_ABBREVIATION = re.compile(
    r"((?:[A-Z][\w-]*\s+){1,7}[A-Z][\w-]*)\s*\(\s*([A-Z][A-Za-z]{1,9})\s*\)")
# an abbreviation with the words it stands for, in either order
_PHRASE = r"((?:[^\W\d_][\w-]*\s+){1,7}[^\W\d_][\w-]*)"
_SHORT = r"([A-Z][A-Za-z]{1,9})"
_WORDS_THEN_SHORT = re.compile(rf"{_PHRASE}\s*\(\s*{_SHORT}\s*\)")
_SHORT_THEN_WORDS = re.compile(rf"\b{_SHORT}\s*\(\s*{_PHRASE}\s*\)")
# "Pelayanan Terpadu Satu Pintu yang selanjutnya disingkat PTSP"
_ABBREVIATED_AS = re.compile(r"\bselanjutnya disingkat\s+([A-Z][A-Za-z-]{1,12})\b")

# --- references to legislation: "UU 3/2014", "Peraturan Pemerintah Nomor 29 Tahun 2018", RIPIN ---
_REFERENCE = re.compile(
    r"\b(UU|PP|Perpres|Permen\w{0,20}|Undang-Undang|Peraturan Pemerintah|Peraturan Presiden"
    r"|Law|Government Regulation|Presidential Regulation)(?:\s{1,3}Republik\s{1,3}Indonesia)?"
    r"\s{0,3}(?:No\.?|Nomor)?\s{0,3}(\d{1,4}[A-Z]?)\s{0,3}(?:/|Tahun\s{1,3}|th\.?\s{1,3})(\d{4})\b"
    r"|\b(RIPIN|RPJMN|RPJPN)\b(?:\s{0,3}(\d{4})\s{0,3}[-–]\s{0,3}(\d{4}))?",
    re.IGNORECASE,
)
# an article this regulation's text cites ("sebagaimana dimaksud dalam Pasal 16 ayat (1) huruf
# c"), not one of another regulation ("Pasal 16 Undang-Undang Nomor 5 Tahun 1984")
_CITED_ARTICLE = re.compile(
    r"\bPasal\s+(\d+)\b(?![A-Z])(?!(?:\s+(?:ayat\s+\(\d+\)|huruf\s+[a-z]|angka\s+\d+))*\s+"
    r"(?:UU|PP|Perpres|Permen|Undang-Undang|Peraturan)\b)")
# the articles a chunk's place spans: "Pasal 26–27", "Penjelasan Pasal 16"
_PLACE_ARTICLES = re.compile(r"\bPasal\s+(\d+)[A-Z]?(?:\s*[–-]\s*(\d+))?")
# "UU perindustrian", "PP tentang pemberdayaan industri": a regulation named by its subject
_BY_SUBJECT = re.compile(
    r"\b(UU|PP|Perpres|Undang-Undang|Peraturan Pemerintah|Peraturan Presiden)"
    r"\s{1,3}(?:tentang\s{1,3})?([a-z][a-z-]{3,})\b", re.IGNORECASE)
_KINDS = {"uu": "UU", "undang-undang": "UU", "law": "UU", "pp": "PP",
          "peraturan pemerintah": "PP", "government regulation": "PP", "perpres": "Perpres",
          "peraturan presiden": "Perpres", "presidential regulation": "Perpres"}


def cited_articles(text: str) -> list[int]:
    """The numbers of the articles of its own regulation a text cites."""
    return [int(number) for number in _CITED_ARTICLE.findall(text)]


def place_articles(place: str) -> list[tuple[int, int]]:
    """The (first, last) article numbers a citation place spans ("Pasal 26–27" -> (26, 27))."""
    return [(int(first), int(last or first)) for first, last in _PLACE_ARTICLES.findall(place)]


def cites_quoted(places: Iterable[tuple[str, str]], source: str, text: str) -> bool:
    """Whether a text of file ``source`` cites an article of one of the ``(file, place)``
    places an earlier answer quoted: "… sebagaimana dimaksud dalam Pasal 45 ayat (2) huruf c"
    goes on from Pasal 45."""
    quoted = [span for file, place in places if file == source for span in place_articles(place)]
    return bool(quoted) and any(first <= number <= last for number in cited_articles(text)
                                for first, last in quoted)


def references(text: str) -> list[str]:
    """Documents a text names: ``"UU 20/2008"``, ``"PP 14/2015"``, ``"RIPIN"``,
    ``"RPJMN 2020-2024"``, and by subject ``"UU tentang perindustrian"``."""
    found = []
    for match in _REFERENCE.finditer(text):
        if match.group(1):
            kind = _KINDS.get(match.group(1).lower(), "Permen")
            found.append(f"{kind} {match.group(2)}/{match.group(3)}")
        elif match.group(5):
            found.append(f"{match.group(4).upper()} {match.group(5)}-{match.group(6)}")
        else:
            found.append(match.group(4).upper())
    numbered = [m.span() for m in _REFERENCE.finditer(text)]
    for match in _BY_SUBJECT.finditer(text):
        if any(a <= match.start() < b for a, b in numbered):
            continue
        found.append(f"{_KINDS.get(match.group(1).lower(), match.group(1).upper())} tentang "
                     f"{match.group(2).lower()}")
    return found


_ATTRIBUTION = re.compile(
    r"\b(?:menurut|according to|berdasarkan|sesuai dengan|as (?:stated|described) in)\s+"
    r"(?:(?:the|sebuah|artikel|article|tulisan|blog|laporan|report|dokumen|document|situs)\s+)"
    r"{0,2}((?:[A-Z][\w-]*\s*){1,4})", re.IGNORECASE)


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names a document: legal references ("UU No. 3 Tahun 2014"), and the
    source after "menurut / according to" ("menurut artikel Kompasiana"). Such words pick the
    document to search; they are not what an answering sentence must say."""
    spans = [m.span() for m in _REFERENCE.finditer(text)]
    spans += [m.span(1) for m in _ATTRIBUTION.finditer(text) if m.group(1)[:1].isupper()]
    return spans


def strip_references(text: str) -> str:
    """The text without the document names, which every passage of them shares."""
    return re.sub(r"\s+", " ", _REFERENCE.sub(" ", text)).strip()


# --- definitions: "X adalah …", "Yang dimaksud dengan “X” adalah …" ---
VERB = r"(?:adalah|yaitu|yakni|ialah|merupakan|didefinisikan(?:\s+sebagai)?)"
DEFINING = re.compile(
    r"\b(?:adalah|yaitu|yakni|ialah|merupakan|didefinisikan|yang dimaksud dengan|disebut|means"
    r"|is defined)\b",
    re.IGNORECASE,
)
_ASKED = re.compile(
    r"\s*(?:(?:si)?apa(?:kah)?\s+(?:yang\s+)?(?:dimaksud|definisi|pengertian|arti|itu)"
    r"(?:\s+(?:dari|dengan))?|jelaskan(?:\s+(?:pengertian|definisi|apa itu))?|definisi"
    r"|pengertian|what(?:\s+\w+ly)?\s+(?:is|are)(?:\s+(?:a|an|the))?(?:\s+(?:meant\s+by|definition\s+of))?"
    r"(?:\s+(?:a|an|the))?|what\s+does\s+.{0,60}?\s+mean\s+by|define|explain)\s+",
    re.IGNORECASE,
)
_HOW_DEFINED = re.compile(
    r"(?:^|[,;]\s*)\s*how\s+(?:is|are|does|do)\s+(.{1,80}?)\s+(?:defined|understood|explained|described"
    r"|interpreted|define|explain|describe)\b", re.I)
_MEANS = re.compile(
    r"(?:^|[,;]\s*)\s*([^,;]{1,80}?)\s+(?:(?:itu\s+)?(?:maksudnya|artinya|pengertiannya|definisinya)"
    r"\s+(?:(?:si)?apa|bagaimana)"
    r"|itu\s+apa(?:an)?|(?:itu\s+)?(?:diartikan|didefinisikan|dimaknai)(?:\s+sebagai)?\s+(?:apa"
    r"|bagaimana|\w+ yang (?:bagaimana|seperti apa)))\b", re.I)
# "bagaimana PP 29/2018 mendefinisikan Kemitraan?": the word after the verb is the term
_DEFINING_VERB = r"(?:mendefinisikan|mengartikan|memaknai)"  # a text saying what a term means
_DEFINES_ACTIVE = re.compile(
    rf"\b{_DEFINING_VERB}\s+(?!istilah\b)((?:[\w-]+\s+){{0,5}}?[\w-]+)"
    r"\s*(?:\?|$|\s+(?:menurut|dalam|di|pada)\b)", re.I)
# "mengartikan istilah budaya industri", "the term X": the word names the term asked about
_NAMED_TERM = re.compile(
    rf"\b(?:{_DEFINING_VERB}|menjelaskan)?\s*(?:istilah|term)\s+"
    r"[\"“']?((?:[\w-]+\s+){0,5}?[\w-]+)[\"”']?\s*(?:\?|$|\s+(?:mean|means|menurut|dalam|di|pada"
    r"|in|under)\b)",
    re.I)
_QUOTED = re.compile(r"[\"“”'‘]([^\"“”'‘’]{2,80})[\"“”'’]")
_ASKS_MEANING = re.compile(
    r"\b(?:defined|define|explained|explain|described|meant|mean|means|meaning|definition"
    r"|dimaksud|maksud(?:nya)?|arti(?:nya)?|pengertian(?:nya)?|definisi(?:nya)?)\b", re.I)
_TAIL = re.compile(
    r"\s+(?:menurut|dalam|pada|di dalam|di|sesuai|berdasarkan|according|in|under|as|itu|tuh|sih"
    r"|dong|ya)\b.*$|\s*[(,;].*$|[?.!]+$",
    re.IGNORECASE,
)
_TERM = re.compile(
    r"(?:^|\d+\.\s+|[a-z]\.\s+|dimaksud dengan\s+)[\"“']?((?:[\w-]+\s+){0,5}[\w-]+)[\"”']?"
    rf"\s*(?:\([^)]{{1,60}}\)\s*)?,?\s+{VERB}\s",
    re.IGNORECASE,
)


def subject(question: str) -> str | None:
    """The term a definition question asks about, e.g. "kawasan industri".

    Args:
        question: the (normalised) question text.

    Returns:
        The term in lower case, or ``None`` when the question does not ask for a definition.
    """
    quoted = _QUOTED.search(question) or _NAMED_TERM.search(question)
    if quoted and (_ASKS_MEANING.search(question) or _NAMED_TERM.search(question)):
        term = quoted.group(1)  # how is "hasil penjualan tahunan" explained; istilah X
        return term.lower() if 0 < len(term.split()) <= 6 else None
    defined = _HOW_DEFINED.search(question) or _MEANS.search(question) or \
        _DEFINES_ACTIVE.search(question)
    if defined:
        term = defined.group(1)
    else:
        match = _asked_at_clause(question)
        if not match:
            return None
        term = question[match.end():]
    term = re.sub(r"\s+yang\s+(?:dimaksud|disebut)\b.*$", "", term, flags=re.IGNORECASE)
    term = _TAIL.sub("", term).strip(" \"'“”‘’")
    term = re.sub(r"^(?:a|an|the|yang dimaksud dengan|dimaksud dengan)\s+", "", term,
                  flags=re.IGNORECASE)
    words = term.strip(" \"'“”‘’").split()
    return " ".join(words).lower() if 0 < len(words) <= 6 else None


def names_a_term(question: str) -> bool:
    """Whether a question sets out the term it asks about in so many words: quoted, or after
    "apa yang dimaksud dengan" opening one of its clauses (a term too long for :func:`subject`
    to take is still the one asked)."""
    return _QUOTED.search(question) is not None or _asked_at_clause(question) is not None


def _asked_at_clause(question: str) -> re.Match[str] | None:
    """ "apa yang dimaksud dengan", "what is" opening the question or one of its clauses
    ("Dalam kerangka …, apa yang dimaksud dengan X?": the question may follow a clause)."""
    starts = [0] + [m.end() for m in re.finditer(r"[,;:]\s*", question)]
    return next((m for m in (_ASKED.match(question, i) for i in starts) if m), None)


def cites_meaning(question: str) -> bool:
    """Whether a question asks what something means in words other than a bare "maksud",
    which also asks a purpose ("apa maksud dan tujuan penyelenggaraan perindustrian")."""
    return any(m.group().lower() != "maksud" for m in _ASKS_MEANING.finditer(question))


def asks_meaning(question: str) -> bool:
    """Whether a question asks in so many words what a term means ("yang dimaksud", "maksudnya",
    "mean by", "defined"), not only "what is the …"."""
    return _ASKS_MEANING.search(question) is not None


def defines(sentence: str, term: str) -> bool:
    """Whether ``sentence`` defines ``term`` ("X adalah", "(1) X merupakan", "Yang dimaksud
    dengan “X” adalah", "X dalam ketentuan ini merupakan", "… yang selanjutnya disingkat X
    adalah", "Yang dimaksud dengan “memberikan X” adalah"). A long word of the term may be
    misread by one letter, as scanned laws are ("Sertifrkasi Industri Hijau adalah")."""
    term = misread(term)
    # a short phrase saying in what sense: "dalam pengertian di atas", "dalam ketentuan ini"
    sense = r"(?:\s+(?:dalam|pada|menurut|sebagaimana)(?:\s+[\w-]+){1,4}?)?"
    pattern = (rf"(?:^|\d+\.\s+|\(\d+\)\s+|[a-z]\.\s+|dimaksud dengan\s+)[\"“”']?\s?{term}\s?"
               rf"[\"“”']?\s*(?:\([^)]{{1,60}}\)\s*)?,?(?:\s+yang selanjutnya (?:disebut|disingkat)"
               rf"\s+\S+,?)?{sense}\s+{VERB}\s"
               # the abbreviation is the term: "Standar Nasional Indonesia yang selanjutnya
               # disingkat SNI adalah"
               rf"|(?:^|\d+\.\s+)[^.;:]{{1,80}}?\s+yang selanjutnya (?:disebut|disingkat)\s+"
               rf"{term},?\s+{VERB}\s"
               # the quoted phrase a law explains may put its verb first: "Yang dimaksud dengan
               # “memberikan kemudahan pembiayaan” adalah" explains "kemudahan pembiayaan"
               rf"|dimaksud dengan\s+[\"“”']\s?[\w-]+\s+{term}\s?[\"“”']\s+{VERB}\s")
    return re.search(pattern, sentence, re.IGNORECASE) is not None


MISREAD_MIN = 6  # words at least this long may be misread by one letter (as ``TermGroup``)
MISREAD_MAX = 30  # longer "words" are matched as written: the pattern grows with length squared


@lru_cache(maxsize=4096)
def misread(term: str) -> str:
    """A pattern for ``term`` whose words of ``MISREAD_MIN`` to ``MISREAD_MAX`` letters may have
    one letter changed, added or dropped (an OCR slip: "Sertilikat" for "Sertifikat"); spaces
    match any whitespace."""
    parts = []
    for word in term.split():
        if not MISREAD_MIN <= len(word) <= MISREAD_MAX or not word.isalpha():
            parts.append(re.escape(word))
            continue
        forms = {re.escape(word)}
        for i in range(len(word)):
            forms.add(f"{re.escape(word[:i])}\\w{re.escape(word[i + 1:])}")  # changed
            forms.add(f"{re.escape(word[:i])}{re.escape(word[i + 1:])}")  # dropped
        for i in range(1, len(word)):
            forms.add(f"{re.escape(word[:i])}\\w{re.escape(word[i:])}")  # added
        parts.append(f"(?:{'|'.join(sorted(forms))})")
    return r"\s+".join(parts)


def spells_out(sentence: str, short: str, full: str) -> bool:
    """Whether ``sentence`` writes ``full`` out with ``short`` after it in parentheses ("One
    Village One Product (OVOP)"): it says what the abbreviation stands for."""
    pattern = rf"\b{re.escape(full)}\s*\(\s*{re.escape(short)}\s*\)"
    return re.search(pattern, sentence, re.IGNORECASE) is not None


def abbreviations_spelled(text: str) -> dict[str, str]:
    """The abbreviations a text spells out before them ("Indeks Pembangunan Manusia (IPM)"):
    the words ending right before the parenthesis whose initials the abbreviation is, or
    begins with ("Sistem Informasi Industri Nasional (SIINas)")."""
    found = {}
    for match in _SPELLED_ABBREVIATION.finditer(text):
        words, short = match.group(1).split(), match.group(2)
        for start in range(len(words) - 1):
            if _initials(words[start:], short):
                found[short] = " ".join(words[start:]).lower()
                break
    return found


def glosses(sentence: str, term: str) -> bool:
    """Whether a sentence puts ``term`` in parentheses after words saying what it is
    ("pemetaan kebutuhan … dari migas dan batubara ( energy balance )")."""
    pattern = rf"[^\W\d_][\w-]*\s*\(\s*[\"“”']?{re.escape(term)}[\"“”']?\s*\)"
    return re.search(pattern, sentence, re.IGNORECASE) is not None


def elucidates(sentence: str, term: str) -> bool:
    """Whether a sentence of a law's elucidation explains ``term`` by restating it after the
    item it belongs to ("Huruf b Usaha patungan antara Pemerintah dan swasta melalui …",
    "Ayat (2) Pengawasan dilakukan antara lain melalui …"): the entry explains that item, with
    or without "yang dimaksud dengan"."""
    pattern = (rf"^(?:(?:Ayat \(\d+\)|Huruf [a-z]|Angka \d+)\s+)+[\"“”']?{re.escape(term)}"
               rf"[\"“”']?\s+(?!cukup jelas)\w")
    return re.search(pattern, sentence, re.IGNORECASE) is not None


def writes_out(sentence: str, abbreviations: Iterable[str]) -> bool:
    """Whether a sentence says what one of ``abbreviations`` stands for: words whose initials
    it is, before it in parentheses ("palm oil mill effluent (POME)") or in parentheses after
    it ("POME ( Palm Oil Mill Effluent )"), or "… yang selanjutnya disingkat X". Matched in
    any case, as chat types "ptsp"."""
    wanted = {a.lower() for a in abbreviations}
    if any(short.lower() in wanted for short in _ABBREVIATED_AS.findall(sentence)):
        return True
    for match in _WORDS_THEN_SHORT.finditer(sentence):
        words, short = match.group(1).split(), match.group(2)
        if short.lower() in wanted and any(_initials(words[start:], short)
                                           for start in range(len(words) - 1)):
            return True
    for match in _SHORT_THEN_WORDS.finditer(sentence):
        short, words = match.group(1), match.group(2).split()
        if short.lower() in wanted and _initials(words, short):
            return True
    return False


def _initials(words: list[str], short: str) -> bool:
    """Whether the words' initials begin the abbreviation ("Sistem Informasi Industri
    Nasional", "SIINas")."""
    return short.upper().startswith("".join(w[0] for w in words).upper())


def defining_chunks(term: str, chunks: Iterable[Chunk], limit: int = 3) -> list[Chunk]:
    """Chunks holding a sentence that defines ``term``, earliest first."""
    found = [c for c in chunks if term in c.text.lower()
             and any(defines(s, term) for s in split_sentences(c.text))]
    return sorted(found, key=lambda c: (c.source, c.order))[:limit]


def defined_term(sentence: str) -> str | None:
    """The term a sentence defines, if it opens as a definition does."""
    match = _TERM.search(sentence)
    if match and match.start(1) <= 40:
        term = match.group(1).strip().lower()
        if 2 < len(term) <= 60 and not term.isdigit():
            return term
    return None


def glossary(chunks: Iterable[Chunk]) -> dict[str, tuple[Chunk, str]]:
    """Every term the documents define, with the first chunk and sentence that define it."""
    terms: dict[str, tuple[Chunk, str]] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source, c.order)):
        for sentence in split_sentences(chunk.text):
            term = defined_term(sentence)
            if term:
                terms.setdefault(term, (chunk, sentence))
    return terms


# --- the furniture of legislation, and words that point back in a conversation ---


@cache
def _parts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((part, re.compile(pattern)) for part, pattern in
                 (line.split("\t", 1) for line in lines("part_cues.tsv")))


def named_part(question: str) -> str | None:
    """The part of a regulation a question says its answer stands in ("menurut penjelasannya",
    "in the elucidation of Law 3/2014" -> ``"Penjelasan"``), as chunk locations name it."""
    lowered = question.lower()
    return next((part for part, cue in _parts() if cue.search(lowered)), None)


def is_boilerplate(sentence: str) -> bool:
    """Whether a sentence is promulgation, signature or gazette text rather than content."""
    return any(not cited_inline(sentence, m.start())
               for m in any_of("boilerplate.txt", re.MULTILINE).finditer(sentence))


def enactment(sentence: str) -> bool:
    """The boilerplate a question about the enactment may quote: where and when a regulation
    was set or promulgated, who signed it, and the gazette it was published in."""
    return re.search(r"\b(?:Ditetapkan|Diundangkan) di\b.{0,60}\btanggal\b|^ttd\.", sentence) \
        is not None or gazette(sentence)


_GAZETTE = re.compile(r"^(?:TAMBAHAN )?(?:LEMBARAN|BERITA) NEGARA REPUBLIK INDONESIA\b[^.]{0,40}?"
                      r"\bNOMOR \d+")
_GAZETTE_NAMED = re.compile(r"\b(?:lembaran|berita) negara\b", re.IGNORECASE)


def gazette(sentence: str) -> bool:
    """Whether a line is a gazette entry ("LEMBARAN NEGARA REPUBLIK INDONESIA TAHUN 2014 NOMOR
    105"): it answers only a question that names the gazette."""
    return _GAZETTE.match(sentence) is not None


def names_gazette(question: str) -> bool:
    """Whether a question asks about the gazette ("dimuat dalam Lembaran Negara nomor berapa")."""
    return _GAZETTE_NAMED.search(question) is not None


__all__ = ["DEFINING", "VERB", "YEAR", "abbreviations_spelled", "asks_meaning", "defined_term",
           "defines", "defining_chunks", "elucidates", "enactment", "gazette", "glossary",
           "glosses", "is_boilerplate", "names_gazette", "references", "spells_out",
           "strip_references", "subject", "writes_out"]
