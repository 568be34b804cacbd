"""Expected answer types: what a question asks for, and whether a span can give it.

The cues and checks are data (``assistant/data/answer_types.tsv``); the actor check reads the
span's grammar (an agent after "oleh/by", an institution, a name in capitals) since an actor has no
fixed words.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice, takewhile

from ..language import lines, rows, table, word_list
from ..lexical import is_root, prefixed_verb, stem, stopwords, tokenize, tokens, words
from .patterns import strip_references, writes_out

_AGENT = re.compile(r"\b(?:oleh|by)\s+(\S+(?:\s+\S+)?)", re.IGNORECASE)
_NAME_IN_CAPITALS = re.compile(r"\b[A-Z]{2,}(?: [A-Z.]{2,}){1,5}")
_REFERENCE_NUMBERS = re.compile(
    r"\b(?:Nomor|No\.?)\s+\d+\s+Tahun\s+\d{4}"
    r"|^\s*(?:\(?\d{1,3}[.)]|[a-z][.)])\s+|\b\d{1,2}\.\s+(?=[A-Z])|\(\d{1,2}\)|\b(?:Pasal|ayat|angka|huruf|Nomor|No\.?)"
    r"\s+\(?\d+[A-Z]?\)?|\bTahun\s+\d{4}\b|\bUU\s+\d+/\d{4}"
    r"|\b(?:Tabel|Gambar|Grafik|Diagram|Table|Figure)\s+[\dIVX]+(?:\.\d+)*",
    re.IGNORECASE,
)
_DATE = re.compile(r"\b\d{1,2}\s+[A-Z][a-z]{2,9}\s+(?:19|20)\d{2}\b")
# a time told relative to another: "pada tahun berjalan atau pada tahun berikutnya"
_RELATIVE_TIME = re.compile(
    r"\b(?:tahun|bulan|hari|triwulan|semester|year|month)\s+(?:berjalan|berikutnya|sebelumnya"
    r"|depan|lalu|yang sama|anggaran)\b|\b(?:following|next|previous|same|current)\s+"
    r"(?:year|month)\b", re.IGNORECASE)
# a regulation named by its kind alone, as laws delegate ("diatur dalam Peraturan Menteri"):
# an answer to "which regulation", not to "which number"
_REGULATION_KIND = re.compile(
    r"\b(?:dengan|dalam) (?:Peraturan (?:Pemerintah|Presiden|Menteri|Daerah)|Undang-Undang)\b"
    r"(?!\s+(?:ini|Nomor|No)\b)", re.IGNORECASE)
_ASKS_NUMBER = re.compile(r"\bnomor\b|\bnumber\b", re.IGNORECASE)
# "tanggal berapa", "in which year": a calendar value, which a relative time does not give
_ASKS_CALENDAR = re.compile(r"\b(?:tanggal|tahun|bulan) berapa\b|\b(?:what|which) (?:date|year)\b",
                            re.IGNORECASE)


@dataclass(frozen=True)
class AnswerType:
    """One kind of answer: how a question asks for it and what a span must hold."""

    name: str
    cue: re.Pattern[str]
    check: re.Pattern[str] | None


@cache
def answer_types() -> tuple[AnswerType, ...]:
    """The answer types, in the order that decides a question's main type."""
    types = []
    for line in lines("answer_types.tsv"):
        name, cue, check = (line.split("\t") + ["", ""])[:3]
        types.append(AnswerType(name, re.compile(cue),
                                re.compile(check, re.IGNORECASE) if check.strip() else None))
    return tuple(types)


# the kind of thing asked: the words after "which/what", or the words before "mana/apa" (a
# word starts after no letter or hyphen, so "a-a-a-…" is read in linear time)
_ASKED_KIND = re.compile(r"(?<![\w-])(?:which|what)\s+((?:[a-z-]+\s+){0,3}[a-z-]+)"
                         r"|(?<![\w-])((?:[a-z-]+\s+){0,2}[a-z-]+)\s+(?:mana|apa)\b")
UNITS = ("money", "area", "percent", "duration")  # types whose check is a unit of measure
WORDED = ("reason", "place", "definition")  # types whose check is words, not figures or layout
BOUNDS = ("upper_bound", "lower_bound")  # a figure asked as the most or the least allowed


# where the thing a wh-question asks for begins, past a singular copula and an article
_ASKED = re.compile(r"(?<![\w-])(?:which|what)(?:['’]s|\s+(?:is|was))?(?:\s+the)?\s+")
_NEXT_WORD = re.compile(r"\s*([a-z-]+)")


def _bound_asked(question: str) -> bool:
    """Whether a wh-question asks for a bound itself ("what is the maximum fine", "which
    minimum capital", "what is the upper limit on …"), not for things a bound qualifies
    ("what must it include at a minimum", "what minimum requirements …": a figure is one
    thing, not several): the bound is what is asked, so a figure answers."""
    bounds = [t.cue for t in answer_types() if t.name in BOUNDS]
    for asked in _ASKED.finditer(question):
        rest = question[asked.end():]
        for cue in bounds:
            bound = cue.match(rest)
            if bound is None:
                continue
            noun = _NEXT_WORD.match(rest, bound.end())
            if noun is None or not _plural(noun.group(1)):
                return True
    return False


def _plural(word: str) -> bool:
    """An English plural, roughly: "requirements", not "business"."""
    return word.endswith("s") and not word.endswith("ss")


def expected_types(question: str) -> list[str]:
    """The answer types a question asks for, main type first ("berapa luas" -> area, quantity).

    Besides each type's cue: a question whose asked-for kind is an actor ("which level of
    government", "tingkat pemerintahan mana") asks for an actor, and a figure question that names
    its unit ("… dalam triliun rupiah?") asks for that unit's type.
    """
    lowered = question.lower()
    found = {t.name for t in answer_types() if t.cue.search(lowered)}
    actors = actor_words()
    if any(w in actors or stem(w) in actors for w in asked_kind(lowered)):
        found.add("actor")
    if found & set(BOUNDS) and not found & {"quantity", *UNITS} and _bound_asked(lowered):
        # "what is the maximum fine …" asks for the figure, not what a fine is
        found = (found - {"definition"}) | {"quantity"}
    if "quantity" in found:  # "Undang-Undang Nomor 39 Tahun 2009" names a law, not a unit
        unnamed = strip_references(lowered)
        found |= {t.name for t in answer_types()
                  if t.name in UNITS and t.check is not None and t.check.search(unnamed)}
    if not found & {"quantity", *UNITS}:  # "minimal ngapain aja": no figure, so no bound
        found -= set(BOUNDS)
    return [t.name for t in answer_types() if t.name in found]


def asked_kind(question: str) -> list[str]:
    """The words naming the kind of thing asked for: "which level of government does" -> level,
    of, government (the words after "which/what", up to an auxiliary); "tingkat pemerintahan
    mana", "lembaga apa" -> the one noun before "mana/apa" (a verb there names no kind)."""
    english, indonesian = _asked_kinds(question)
    return [*english, *indonesian]


@lru_cache(maxsize=256)
def _asked_kinds(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The kind asked, as words after "which/what" and as the noun before "mana/apa"; read once
    a question (every span's actor check asks)."""
    english: list[str] = []
    indonesian: list[str] = []
    auxiliaries = word_list("auxiliaries_en.txt")
    for match in _ASKED_KIND.finditer(question.lower()):
        if match.group(1):
            following = match.group(1).split()
            ends = [i for i, word in enumerate(following) if word in auxiliaries]
            english += following[:ends[0]] if ends else following
        else:
            indonesian += (match.group(2) or "").split()[-1:]
    return tuple(english), tuple(indonesian)


_LIST_CLAUSE = re.compile(r"[^,.;:?!()]+")


@lru_cache(maxsize=256)
def asked_phrase(question: str) -> tuple[str, ...]:
    """The stems of the noun phrase a list question asks for, its head first. Indonesian puts
    a phrase's head first: the phrase before the list cue is asked of ("pola kemitraan apa
    saja" -> pola, kemitraan; "X itu apa saja" asks of X), or, with nothing before the cue in
    its clause, the phrase after it ("apa saja bentuk fasilitas …", "sebutkan empat tahapan
    …" -> bentuk, fasilitas / tahap). A verb, stopword or number ends the phrase."""
    cue = next(t.cue for t in answer_types() if t.name == "list")
    asking, particles = word_list("question_words.txt"), word_list("informal_particles.txt")
    numbers = word_list("number_words.txt")
    pointing = {w for w, side in table("demonstratives.tsv").items() if side == "after"}

    def nominal(token: str) -> bool:
        return (token.isalpha() and token not in stopwords() and token not in particles
                and token not in numbers and not prefixed_verb(token))

    for clause in _LIST_CLAUSE.findall(question.lower()):
        found = cue.search(clause)
        if found is None:
            continue
        before = [t for t in tokens(clause[:found.start()]) if t not in particles]
        if before and before[-1] in pointing:
            before.pop()
        phrase = list(takewhile(nominal, reversed(before)))[::-1]
        if not phrase and all(t in asking for t in before):
            after = [t for t in tokens(clause[found.end():])
                     if t not in particles and t not in asking and t not in numbers]
            phrase = list(takewhile(nominal, after))
        return tuple(dict.fromkeys(stem(t) for t in phrase))  # "bentuk-bentuk" once
    return ()


def _qualifies(kind: str, span: str, asked: frozenset[str]) -> bool:
    """Whether a span names one of the kind asked by a word the question does not have: "lembaga
    apa yang dapat dibentuk" is answered by "membentuk lembaga koordinasi kemitraan", though the
    question said "lembaga" itself (Indonesian puts the qualifier after the noun)."""
    for match in re.finditer(rf"\b{re.escape(kind)}\s+([^\W\d_]+)", span, re.IGNORECASE):
        following = match.group(1).lower()
        if following not in asked and stem(following) not in asked and words(following):
            return True
    return False


def satisfies(kind: str, span: str, question: str = "") -> bool:
    """Whether a span can give an answer of ``kind``.

    Args:
        kind: an answer type name.
        span: the text that would be quoted.
        question: the question, so an actor it names already does not count as the answer.

    Returns:
        ``True`` when the span holds what the type needs (always for types without a check).
    """
    if kind == "actor":
        return names_someone(span, question)
    if kind == "expansion":  # "Apa kepanjangan dari ST dan PTC?": one of them written out
        return writes_out(span, re.findall(r"[^\W_]+", question))
    if kind == "regulation" and _REGULATION_KIND.search(span) and not _ASKS_NUMBER.search(
            question):
        return True
    if kind in {"quantity", "area", "percent", "money", "duration", "date"}:
        span = _REFERENCE_NUMBERS.sub(" ", span)  # "Pasal 6" and list markers are no figures
    if kind == "date":  # a date, a year, a period ("paling lambat 12 (dua belas) bulan") or a
        # time told relative to another ("tahun berikutnya")
        return (_DATE.search(span) is not None or re.search(r"\b(?:19|20)\d{2}\b", span) is not None
                or (_RELATIVE_TIME.search(span) is not None
                    and not _ASKS_CALENDAR.search(question))
                or satisfies("duration", span))
    for answer_type in answer_types():
        if answer_type.name == kind:
            if answer_type.check is None or answer_type.check.search(span):
                return True
            # a type told by its words holds them with any affix: "penyebab", "menyebabkan"
            return kind in WORDED and answer_type.check.search(" ".join(tokenize(span))) is not None
    return True


@cache
def _party_markers() -> tuple[dict[str, str], re.Pattern[str]]:
    """The words introducing a party, each with what names it (``data/party_markers.tsv``),
    and a pattern for a marker with the few words after it."""
    kinds = {marker.lower(): kind for marker, kind in rows("party_markers.tsv")}
    markers = "|".join(sorted(kinds))
    return kinds, re.compile(rf"\b((?i:{markers}))\s+([^\W\d_]+(?:[\s/]+[^\W\d_]+){{0,3}})")


_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def parties(span: str) -> list[str]:
    """The parties a span names after a word that introduces one: a capitalised name in the
    few words after it (legal texts capitalise the parties they define: "kepada kelompok usaha
    bersama Industri Kecil"), or, after "kepada", the words themselves when none is
    capitalised and they open with a content word ("diberikan kepada pelaku usaha dan/atau
    tenaga kerja"; "kepada yang memenuhi syarat" names no one)."""
    kinds, pattern = _party_markers()
    found = []
    text = _REFERENCE_NUMBERS.sub(" ", span)
    for match in pattern.finditer(text):
        following = match.group(2)
        name = _CAPITALISED_RUN.search(following)
        if name is not None:  # the whole name, though it runs on past the few words
            whole = _CAPITALISED_RUN.match(text, match.start(2) + name.start())
            found.append(whole.group() if whole else name.group())
        elif kinds[match.group(1).lower()] == "party" and \
                following.split()[0].lower() not in stopwords():
            found.append(following)
    return found


def names_someone(span: str, question: str) -> bool:
    """Whether a span says who: an agent ("dilakukan oleh …"), a party named after "kepada",
    "terhadap" and the like, an institution or office, or a name in capitals, that the question
    did not name already."""
    asked = _question_forms(question)
    named = [m.group(1) for m in _AGENT.finditer(span)] + parties(span)
    if any(not set(tokenize(name)) <= asked for name in named):
        return True
    actors = actor_words()
    if any(_qualifies(kind, span, asked) for kind in _asked_kinds(question)[1]
           if kind in actors or stem(kind) in actors):
        return True
    for word in re.findall(r"[A-Za-z]+", span):
        lower = word.lower()
        if (lower in actors or stem(lower) in actors) and stem(lower) not in asked \
                and lower not in asked:
            return True
    names = _NAME_IN_CAPITALS.findall(span)
    return any(not set(tokenize(name)) <= asked for name in names)


# a who-question's word; its clause ends at punctuation
_WHO = re.compile(r"\bsiapa(?:kah)?\b")
_CLAUSE_END = re.compile(r"[,;:?!.]")
# "who is the current minister", "who was the first president": the words after the copula
_WHO_IS = re.compile(
    r"\bwho\s+(?:is|was|are|were)\s+(?:(?:the|a|an)\s+)?([a-z-]+)(?:\s+([a-z-]+))?")
_OFFICE_WORDS = 2  # "siapa nama menteri …": the office is among the first words after "siapa"
_WHO_WORDS = 3  # who-words read in one question (a pasted page of them stays linear)


def actor_words() -> frozenset[str]:
    """Words naming an actor: institutions and roles (``data/actor_words.txt``) and the offices
    a person holds (``data/person_offices.txt``)."""
    return word_list("actor_words.txt") | word_list("person_offices.txt")


@lru_cache(maxsize=256)
def asks_identity(question: str) -> bool:
    """Whether a who-question asks who holds an office the question names: "siapa menteri
    perindustrian sekarang", "ketua dewan nasional KEK skrg siapa", "siapa presiden pertama
    Indonesia", "who is the current minister of industry". The who-word's clause has no verb
    and no relative clause ("siapa menteri yang berwenang menetapkan …" asks which office), the
    office (``data/person_offices.txt``) is among the first words after the who-word or opens
    the clause before it, and no function word stands between ("laporan kepala daerah kepada
    siapa" asks to whom): the office is given, so only the holder's name answers. Asked as a
    list ("siapa saja ketua komite"), the offices are the answer."""
    lowered = question.lower()
    if "list" in expected_types(lowered):
        return False
    offices = word_list("person_offices.txt")
    stop = stopwords()

    def office(word: str) -> bool:
        return word in offices or stem(word) in offices

    for who in islice(_WHO.finditer(lowered), _WHO_WORDS):
        start = max((m.end() for m in _CLAUSE_END.finditer(lowered, 0, who.start())), default=0)
        end = _CLAUSE_END.search(lowered, who.end())
        before = tokens(lowered[start:who.start()])
        after = tokens(lowered[who.end():end.start() if end else len(lowered)])
        if any(w == "yang" or prefixed_verb(w) for w in before + after):
            continue
        if any(office(w) for w in words(" ".join(after))[:_OFFICE_WORDS]):
            return True
        opening = words(" ".join(before))[:1]
        if opening and office(opening[0]) and before[-1] not in stop:
            return True
    return any(office(w) for m in _WHO_IS.finditer(lowered) for w in m.groups() if w)


@lru_cache(maxsize=256)
def _question_forms(question: str) -> frozenset[str]:
    """The words of a question and their stems (read once a question: every span asks)."""
    return frozenset(t for w in words(question) for t in (w, stem(w)))


_COMMON_ENGLISH = 4.0  # Zipf frequency of a common English word ("special", "zone")
# runs of capitalised words, one space apart (a tab joins table cells, not a name's words)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]*\.?(?: [A-Z][A-Za-z]*\.?)+")


def names_person(span: str, question: str, places: Collection[str] = frozenset()) -> bool:
    """Whether a span names someone by name, as the holder of an office is named: two or more
    capitalised words in a row (in capitals, as under a signature, or in Title Case), cut at
    office, institution, place and function words ("Presiden Joko Widodo" -> "Joko Widodo"),
    most of them no word of a dictionary (Sastrawi's roots, common English), not all named in
    the question. A Title Case name after an acronym is a company's or a zone's ("PT Jababeka
    Morotai", "KEK Sorong"); "menteri yang menyelenggarakan urusan pemerintahan di bidang
    industri" names an office and "Kawasan Ekonomi Khusus Sorong" a zone, not who holds an
    office; "ttd. JOKO WIDODO" and "SUSILO BAMBANG YUDHOYONO" are names. ``places`` are the
    names the documents write again and again ("papua", "sorong", "jababeka": places and
    firms, see :func:`language.names`), listed as a dictionary's words are: a person named
    once under a signature is not among them."""
    from wordfreq import zipf_frequency

    asked = _question_forms(question)
    barred = actor_words() | word_list("place_words.txt")
    stop = stopwords()

    def person(run: list[str]) -> bool:
        parts = [w.lower() for w in run]
        unlisted = [w for w in parts if len(w) > 1 and w not in places and not is_root(w)
                    and not is_root(stem(w)) and zipf_frequency(w, "en") < _COMMON_ENGLISH]
        return len(run) > 1 and 2 * len(unlisted) > len(parts) and not {
            stem(w) for w in parts} <= asked

    for match in _CAPITALISED.finditer(_REFERENCE_NUMBERS.sub(" ", span)):
        run: list[str] = []
        after_acronym = False
        for written in (w.strip(".") for w in match.group().split()):
            lower = written.lower()
            cut = lower in barred or stem(lower) in barred or lower in stop
            if cut or (run and _in_capitals(written) != _in_capitals(run[-1])):
                if person(run) and not after_acronym:
                    return True
                after_acronym = bool(run) and _in_capitals(run[-1])
                run = [] if cut else [written]
            else:
                run.append(written)
        if person(run) and not after_acronym:
            return True
    return False


def _in_capitals(word: str) -> bool:
    """A word of two or more letters all in capitals: an acronym, or a signature's name."""
    return len(word) > 1 and word.isupper()


def has_figure(span: str) -> bool:
    """Whether a span states a quantity (list markers and article numbers do not count)."""
    return satisfies("quantity", span)


def has_date(span: str) -> bool:
    """Whether a span gives a time: a date, or a year that is not part of a regulation's name."""
    return satisfies("date", span)
