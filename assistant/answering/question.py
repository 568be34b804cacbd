"""What a question asks: its language, expected answer types, and the terms an answer must hold."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from ..language import detect_language, indonesian_terms, loanword_forms, word_list
from ..lexical import prefixed_verb, stem, stopwords, tokenize
from .answer_types import answer_types, expected_types
from .followup import points_back
from .normalize import normalize, spell_out
from .patterns import abbreviations_spelled, named_part, reference_spans, references, subject
from .units import asked_units

COMMONEST_ZIPF = 6.0  # wordfreq: a word used once in a thousand or more ("tahun", "kota")
SCENE_WEIGHT = 0.5  # a plain word of a leading clause that only says where to look
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_NAME_RUN = re.compile(r"(?<!^)\b([A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*)+)")


@dataclass
class TermGroup:
    """One thing the question names; any alternative satisfies it."""

    word: str
    stems: set[str]
    phrases: set[str] = field(default_factory=set)  # multi-word alternatives, lower case
    specific: bool = False  # names, places, years, acronyms: must be present in the answer
    weight: float = 1.0
    known: bool = True  # the documents use it; only such terms can be required of an answer
    ordinal: bool = False  # "kedua", "latest": pins this question, not the conversation
    headed: bool = False  # a name the documents write with its head abbreviated: "KEK Morotai"

    @property
    def plain(self) -> bool:
        """A full-weight term the documents use that is no name: what a figure may measure."""
        return not self.specific and self.weight >= 1.0 and self.known

    def found_in(self, stems: set[str], text: str) -> bool:
        """Whether a text (its stems, and the text lower-cased) holds this term."""
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
    """A question as the reader sees it."""

    text: str  # as typed
    language: str
    types: list[str]  # expected answer types, main first
    groups: list[TermGroup]
    normalized: str = ""  # informal words replaced
    context: list[TermGroup] = field(default_factory=list)  # the subject carried from before
    query: str = ""  # what retrieval searches for
    subject: str | None = None  # the term a definition question asks about
    measured: int | None = None  # index of the group a quantity question measures ("luas")
    asked_units: frozenset[str] = frozenset()  # units it asks a figure in: "in tonnes" -> ton
    documents: list[str] = field(default_factory=list)  # documents it names: "UU 3/2014"
    unindexed: list[str] = field(default_factory=list)  # named documents not in the index
    prior_sources: list[str] = field(default_factory=list)  # files the previous answer cited
    prior_places: list[tuple[str, str]] = field(default_factory=list)  # (file, article) it quoted
    prior_quotes: list[str] = field(default_factory=list)  # what the previous answer quoted
    points_back: bool = False  # "luasnya", "di sana", "it": continues the earlier subject
    # the names the earlier answer gave what "komoditas tersebut" points at ("ransiki")
    referents: list[str] = field(default_factory=list)
    part: str | None = None  # the part of a regulation it names: "Penjelasan"
    # what a question asking several things asks, one by one ("… berapa persen? terus pekerja
    # lulusan SD berapa persen?"): see subquestions.py
    subquestions: list[Question] = field(default_factory=list)

    @property
    def intents(self) -> set[str]:
        return set(self.types)

    @property
    def subject_forms(self) -> list[str]:
        """The definition subject and, for an acronym, its expansion ("kek" -> "kawasan
        ekonomi khusus"): a definition may use either."""
        if not self.subject:
            return []
        spelled = [p for g in self.groups if g.word == self.subject for p in g.phrases]
        # "asas keterkaitan industri" is defined as "keterkaitan industri": the shorter names
        # the subject ends with (two words at least), longest first
        words = self.subject.split()
        shorter = [" ".join(words[i:]) for i in range(1, len(words) - 1)]
        return [self.subject, *spelled, *shorter]


def analyze(
    text: str,
    language: str | None = None,
    acronyms: dict[str, str] | None = None,
    known: Callable[[str], bool] | None = None,
    common: Callable[[str], bool] | None = None,
    names: Collection[str] = frozenset(),
) -> Question:
    """Read a question's language, answer types and terms.

    Args:
        text: the question as typed.
        language: ``"id"``/``"en"``; detected when ``None``.
        acronyms: known acronym -> expansion (lower case), so an answer may spell out what the
            question abbreviates.
        known: whether a lower-case word or stem occurs in the documents: such words are never
            read as slang, and a term the documents lack, glossed in parentheses ("GRDP
            (PDRB)"), is satisfied by its gloss.
        common: whether a word occurs in several chunks: such words are never read as slang
            (default: ``known``).
        names: the words the documents always capitalise ("papua"): typed in lower case, they
            are still names.

    Returns:
        The analysed question; its ``query`` is the normalised text.
    """
    language = language or detect_language(text)
    spelled = spell_out(text, acronyms, known) if acronyms and known is not None else text
    # Slang is Indonesian: an English "to" or "it" is not "tapi" or "itu".
    normalized = normalize(spelled, known, common) if language == "id" else spelled
    lowered = normalized.lower().strip()
    types = expected_types(lowered)
    stop = stopwords()
    # "Indeks Pembangunan Manusia (IPM)": the question teaches its own abbreviation
    acronyms = {**abbreviations_spelled(normalized), **(acronyms or {})}
    ordinals = word_list("ordinals.txt")
    groups: list[TermGroup] = []
    matches = list(re.finditer(
        r"(?:[^\W\d_]+\d|\d+[^\W\d_])[^\W_]*|\d+(?:[.,]\d+)*|[^\W\d_]+|\(|\)", normalized))
    named = reference_spans(normalized)
    matches = [m for m in matches if not any(a <= m.start() < b for a, b in named)]
    tokens = [m.group() for m in matches]
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
        mixed = not word.isalpha() and not word.replace(".", "").replace(",", "").isdigit()
        acronym = bool(_ACRONYM.match(token))
        specific = not mixed and (
            token.isdigit() or word in ordinals
            # in English, an acronym the documents never use is an English abbreviation
            # ("GRDP" for PDRB), not a name an answer must repeat
            or (acronym and (language == "id" or (
                is_name(token, language) and (known is None or known(word)))))
            or (not acronym and position > 0 and is_name(token, language, names)))
        stems = set(tokenize(word)) if mixed else {stem(word), word}
        if language == "en" and known is not None and not mixed:
            # an English word the documents spell the Indonesian way ("infrastructure"), or
            # one the glossary renders ("partnership": kemitraan) is found in their words
            stems |= {s for s in map(stem, [*loanword_forms(word), *indonesian_terms(word)])
                      if known(s)}
        group = TermGroup(word=word, stems=stems,
                          phrases={acronyms[token]} if token in acronyms else set(),
                          specific=specific, ordinal=word in ordinals,
                          known=known is None or any(map(known, stems)) or token in acronyms)
        if in_parens:
            group.weight, group.specific = 0.3, False
            if paren_owner is not None and known and not any(map(known, paren_owner.stems)):
                paren_owner.stems |= group.stems
                paren_owner.phrases |= group.phrases
        groups.append(group)
    _soften_answer_type(tokens, groups)
    _place_words_before_names(tokens, groups)
    _preamble_terms(normalized, groups)
    _scene_terms(normalized, groups)
    unnamed = normalized
    for a, b in named:
        unnamed = unnamed[:a] + " " * (b - a) + unnamed[b:]
    wholes = _names(unnamed, language, known, acronyms) + _typed_places(unnamed, known, names)
    # a name the documents abbreviate, whole ("WPPI") or by its head ("KEK Morotai")
    abbreviated = {w for g in wholes if g.stems or g.headed for w in g.word.split()}
    for group in groups:  # its words are satisfied by the name or its acronym, not one by one
        if group.word in abbreviated:
            group.specific = False
    groups += wholes + _now(lowered)
    term = subject(normalized)
    if term and "definition" not in types:
        types.append("definition")
    if "definition" in types and language == "en" and known is not None and not (
            term and all(known(w) or known(stem(w)) for w in term.split())):
        term = _gloss(normalized, known) or term  # the documents' word for an English term
    return Question(
        text=text, language=language, types=types, groups=groups, normalized=normalized,
        query=normalized, subject=term if "definition" in types else None,
        measured=_measured(normalized, groups, language) if "quantity" in types else None,
        # the question as typed too: the slang normaliser reads "per m2" as "per sama-sama"
        asked_units=asked_units(text) | asked_units(normalized), documents=references(normalized),
        points_back=points_back(normalized), part=named_part(normalized),
    )


def is_name(token: str, language: str, names: Collection[str] = frozenset()) -> bool:
    """Whether a word of a question names something (a place, a document, an organisation).

    A capitalised word is a name, and so is a word typed in lower case ("brp luas kek bitung")
    that the documents always capitalise (``names``) — unless, in an English question, it is a
    word more common in English than in Indonesian ("Special Economic Zone", "partnership" are
    English; "Papua", "Bitung" are not), by wordfreq's frequency lists.
    """
    from wordfreq import zipf_frequency

    word = token.lower()
    if not (token[:1].isupper() or word in names):
        return False
    return language != "en" or zipf_frequency(word, "id") >= zipf_frequency(word, "en")


def _indonesian(group: TermGroup) -> bool:
    """Whether an English question's term has a form the Indonesian documents use: an
    Indonesian spelling ("infrastructure" -> "infrastruktur"), or a word as common in
    Indonesian as in English ("investasi", "mineral")."""
    from wordfreq import zipf_frequency

    if group.stems - {group.word, stem(group.word)}:
        return True
    return zipf_frequency(group.word, "id") >= zipf_frequency(group.word, "en")


def _measured(text: str, groups: list[TermGroup], language: str = "id") -> int | None:
    """Which term a "berapa … / how many …" question measures: the first plain term after
    the cue ("berapa luas", "how many workers"), unless it is a generic measure word."""
    cue = re.search(r"\bberapa(kah)?\b|\bhow (many|much|large|big|long|wide|high)\b", text,
                    re.IGNORECASE)
    if not cue:
        return None
    after = [w.lower() for w in re.findall(r"[^\W\d_]+", text[cue.end():])]
    # before the cue, the words of its own clause ("Dalam program P3DN, penggunaan belanja …
    # mencapai berapa persen": the use of the budget is measured, not the programme)
    clause = max((m.end() for m in re.finditer(r"[,;:]", text[:cue.start()])), default=0)
    before = [w.lower() for w in re.findall(r"[^\W\d_]+", text[clause:cue.start()])]
    measures = {w for w in after + before if generic_measure(w)}
    generic = set(measures)
    # "berapa lama / tahun", "how long": a word that with the cue asks for a span of time
    # names no thing ("berapa anggaran" does: the budget is what is measured)
    durations = [t.cue for t in answer_types() if t.name == "duration"]
    generic = generic | {w for w in after[:1]
                         if any(c.search(f"{cue.group().lower()} {w}") for c in durations)}
    position = {g.word: i for i, g in enumerate(groups) if g.stems}
    # the first term after the cue is what is measured ("berapa luas …"); in chat the cue often
    # comes last ("upah buruh di Maluku brp?"): then the first term before it
    opening = not any(w in position and groups[position[w]].plain and w not in generic
                      for w in before)
    for i, word in enumerate(after):
        if word in position and not prefixed_verb(word):  # "berapa ditargetkan": no thing
            group = groups[position[word]]
            plain = group.plain
            if language == "en" and plain and not _indonesian(group):
                continue  # "natural gas reserves": an English word no answer will repeat
            if word in generic:
                # a question that opens with the cue and a generic measure ("Berapa nilai
                # ekspor …") measures the term right after it; in chat the measure comes before
                # the cue ("… bea keluar brp persen?")
                following = after[1] if opening and i == 0 and word in measures and len(
                    after) > 1 else ""
                nxt = groups[position[following]] if following in position else None
                if nxt is not None and following not in generic and nxt.plain:
                    return position[following]
                break
            return position[word] if plain else None
    for word in before:  # a prefixed verb ("ditargetkan naik berapa persen") measures nothing
        if word in position and word not in generic and not prefixed_verb(word):
            return position[word] if groups[position[word]].plain else None
    return None


def generic_measure(word: str) -> bool:
    """Whether a word says a figure is asked for without naming what is measured ("berapa
    besar", "brp angkanya": the -nya points at what was named before)."""
    measures = word_list("generic_measures.txt")
    return word in measures or (word.endswith("nya") and word[:-3] in measures)


def _names(text: str, language: str, known: Callable[[str], bool] | None,
           acronyms: dict[str, str] | None = None) -> list[TermGroup]:
    """Names of several words ("Papua Barat Daya", "Halmahera Tengah") must appear whole:
    "Papua Barat" alone is another province. A name the documents abbreviate ("Wilayah Pusat
    Pertumbuhan Industri", WPPI) may appear as its acronym."""
    short = {expansion.lower(): acronym.lower() for acronym, expansion in (acronyms or {}).items()}
    found = []
    places = word_list("place_words.txt")
    for match in _NAME_RUN.finditer(text.strip()):
        name_words = match.group(1).split()
        whole = " ".join(name_words).lower()
        if whole in short:  # the documents abbreviate the whole run: it is one name
            found.append(TermGroup(word=whole, stems={short[whole]}, phrases={whole},
                                   specific=True, weight=0.0))
            continue
        # "Kawasan Ekonomi Khusus Morotai" is also written "KEK Morotai": the documents
        # abbreviate its first words
        heads = [n for n in range(len(name_words) - 1, 1, -1)
                 if " ".join(name_words[:n]).lower() in short]
        if heads:
            head = " ".join(name_words[:heads[0]]).lower()
            rest = " ".join(name_words[heads[0]:]).lower()
            found.append(TermGroup(word=whole, stems=set(),
                                   phrases={whole, f"{short[head]} {rest}"}, specific=True,
                                   weight=0.0, headed=True))
            continue
        while name_words and name_words[0].lower() in places:
            name_words = name_words[1:]
        if len(name_words) < 2 or any(w.lower() in stopwords() for w in name_words):
            continue
        if not all(is_name(w, language) for w in name_words):
            continue  # "Special Economic Zone" in an English question is no name
        name = " ".join(name_words).lower()
        is_known = known is None or all(known(stem(w)) or known(w) for w in name.split())
        found.append(TermGroup(word=name, stems={short[name]} if name in short else set(),
                               phrases={name}, specific=True, weight=0.0, known=is_known))
    return found


def _gloss(text: str, known: Callable[[str], bool]) -> str | None:
    """The documents' own name for what an English question asks about, given in parentheses
    ("a Green Industry Certificate (Sertifikat Industri Hijau)"): the term to find defined."""
    for inner in re.findall(r"\(([^()]{3,80})\)", text):
        words = re.findall(r"[^\W\d_]+", inner)
        if 2 <= len(words) <= 6 and all(known(w.lower()) or known(stem(w.lower()))
                                        for w in words):
            return " ".join(words).lower()
    return None


def _preamble_terms(text: str, groups: list[TermGroup]) -> None:
    """A clause before a colon that asks nothing ("Sebagai bahan penyusunan RTRW, saya perlu
    memastikan: …", "buat bahan slide nih: …") says why the question is asked: its words are
    not required of the answer and count little. A short label ("KEK Sorong: …") names the
    topic and stays."""
    head, colon, rest = text.partition(":")
    words = re.findall(r"[^\W\d_]+", head.lower())
    if not colon or not rest.strip() or len(words) < 4 or expected_types(head.lower()):
        return
    asked = set(re.findall(r"[^\W\d_]+", rest.lower()))
    for group in groups:
        if group.word in words and group.word not in asked:
            group.specific, group.weight = False, 0.3


def _scene_terms(text: str, groups: list[TermGroup]) -> None:
    """A clause before the first comma that asks nothing, followed by one that asks ("Dalam
    program pengembangan Industri Hijau pada RIPIN, kegiatan apa saja yang termasuk dalam
    penetapan standar industri hijau?"), says where to look: its plain words count for less
    than the ones asked about. Its names are still required."""
    head, comma, rest = text.partition(",")
    if not comma or expected_types(head.lower()) or not expected_types(rest.lower()):
        return
    scene = set(re.findall(r"[^\W\d_]+", head.lower()))
    asked = set(re.findall(r"[^\W\d_]+", rest.lower()))
    for group in groups:
        if group.word in scene and group.word not in asked and not group.specific:
            group.weight = min(group.weight, SCENE_WEIGHT)


def _place_words_before_names(tokens: list[str], groups: list[TermGroup]) -> None:
    """A place word before a name ("Provinsi Maluku", "Kabupaten Sorong") introduces it: the
    name must be in the answer, the word need not ("Maluku: 73,40" answers for the province)."""
    places = word_list("place_words.txt")
    introducing = {token.lower() for token, following in zip(tokens, tokens[1:], strict=False)
                   if token.lower() in places and token[:1].isupper() and following[:1].isupper()
                   and following.lower() not in places}
    for group in groups:
        if group.word in introducing:
            group.specific = False


def _typed_places(text: str, known: Callable[[str], bool] | None,
                  names: Collection[str] = frozenset()) -> list[TermGroup]:
    """Places typed without capitals ("di provinsi maluku utara"): the lower-case words after a
    place word that the documents use name the place, and must appear whole: "maluku" alone is
    another province. A name ends at punctuation ("kabupaten/kota, rencananya disusun …": the
    clause after the comma names no place), and holds a word the documents always capitalise,
    when they are known ("kawasan peruntukan industri" is a kind of area; "kepulauan riau" a
    province, though "kepulauan" is also written in lower case)."""
    from wordfreq import zipf_frequency

    found = []
    places = word_list("place_words.txt")
    tokens = re.findall(r"[^\W\d_]+|[^\w\s]", text)
    for i, token in enumerate(tokens):
        if token.lower() not in places:
            continue
        name: list[str] = []
        for word in tokens[i + 1:i + 4]:
            # a name's words are not the language's commonest ("pulau jawa thn 2035": the year
            # is no part of the island's name)
            if (not word.isalpha() or not word.islower() or word in places or word in stopwords()
                    or zipf_frequency(word, "id") >= COMMONEST_ZIPF
                    or (known is not None and not (known(word) or known(stem(word))))
                    or (word not in names and prefixed_verb(word))):
                # "pulau jawa ditargetkan": the verb is no part of Java's name; "Berau",
                # which the documents capitalise, is a name
                break
            name.append(word)
        if names and not set(name) & set(names):
            continue  # "kawasan peruntukan industri": a kind of area, no place's name
        if len(name) >= 2:  # one word is already a term of its own
            whole = " ".join(name)
            found.append(TermGroup(word=whole, stems=set(), phrases={whole}, specific=True,
                                   weight=0.0))
    return found


def _now(lowered: str) -> list[TermGroup]:
    """ "saat ini" / "dewasa ini" ask for the present, which a sentence must state."""
    if not re.search(r"\b(saat|dewasa) ini\b", lowered):
        return []
    return [TermGroup(word="kini", stems={"kini", "sekarang", "terkini"}, phrases={"saat ini"},
                      specific=True, weight=0.0)]


def _soften_answer_type(tokens: list[str], groups: list[TermGroup]) -> None:
    """The noun in "program apa", "daerah mana", "which sector" names the kind of answer; the
    answering sentence need not repeat it."""
    lowered = [t.lower() for t in tokens]
    typed = {lowered[i - 1] for i, t in enumerate(lowered) if t in {"apa", "mana"} and i}
    typed |= {lowered[i + 1] for i, t in enumerate(lowered[:-1]) if t in {"which", "what"}}
    for group in groups:
        if group.word in typed and not group.specific:
            group.weight = min(group.weight, 0.5)


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
