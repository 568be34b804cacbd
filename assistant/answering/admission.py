"""Which candidate spans may answer a question: the checks a span must pass before it is
ranked (names, answer type, unit, bound, measure, a follow-up's subject) and the narrowing to
what the question singles out (a regulation's part, a definition, a list it leads in)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache

from ..documents import Chunk, Passage, article_of
from ..language import indonesian_terms, word_list
from ..lexical import stopwords, tokenize, tokens
from .answer_types import BOUNDS, asks_identity, names_person, satisfies
from .definitions import definitions_first
from .lists import led_by_the_question
from .measures import (
    figure_near_measure,
    followers,
    labelled_for_another_measure,
    measure_said,
)
from .patterns import (
    YEAR,
    asks_meaning,
    cites_quoted,
    defines,
    gazette,
    names_gazette,
    references,
)
from .question import Question, TermGroup
from .spans import Span, candidate_spans
from .units import writes_unit

RARE_IDF = 1.9  # a name in fewer than about 15% of the chunks singles out an answer
# Types whose absence from a span rules it out; the others only count as a feature.
HARD_TYPES = frozenset({"quantity", "area", "percent", "money", "duration", "date", "actor",
                        "identifier", "article", "regulation", "reason", "expansion"})
_WORDS = re.compile(r"[^\W\d_]+")


def surroundings(chunk: Chunk, names: Collection[str] = frozenset()) -> str:
    """What a passage's place says it is about: its citation header, and its document's title
    unless the place names one of the names the title lists. A passage under "4.7 Wilayah
    Maluku" of a plan titled "… Wilayah Bali-Nusa Tenggara, Sulawesi, Maluku, dan Papua" is
    about Maluku, not Papua; one under "Pasal 6" of a law is about what the law's title says."""
    place = {w.lower() for w in _WORDS.findall(chunk.location)}
    titled = {w.lower() for w in _WORDS.findall(chunk.title)}
    if any(word in names for word in place & titled):
        return chunk.header
    return f"{chunk.header} {chunk.title}"


def admitted(question: Question, passages: list[Passage], idf: Callable[[str], float],
             names: Collection[str] = frozenset()) -> list[Span]:
    """The candidate spans of ``passages`` that may answer ``question``, in order: those that
    pass :func:`admissible` in a passage that :func:`continues` the conversation, narrowed to
    the part of a regulation named, the definitions of the term asked and the lists the
    question leads in, when there are any."""
    # a follow-up's passage must hold the earlier subject: judged once a chunk (a table's
    # spans carry a chunk of their own)
    continuing: dict[int, bool] = {}
    spans = []
    for span in candidate_spans(passages):
        chunk = span.passage.chunk
        if id(chunk) not in continuing:
            continuing[id(chunk)] = continues(question, chunk, names)
        if continuing[id(chunk)] and admissible(question, span, idf, names):
            spans.append(span)
    spans = _in_the_named_part(question, spans)
    spans = definitions_first(question, spans)
    return led_by_the_question(question, spans, idf)


def admissible(question: Question, span: Span, idf: Callable[[str], float],
               names: Collection[str] = frozenset()) -> bool:
    """Whether a span may answer: it holds the question's rare names (in its window: header,
    title, the sentence before), its main answer type, the unit asked, a bound asked, what a
    figure measures; an enactment line only for a when-question or who-question."""
    chunk = span.passage.chunk
    main = question.types[0] if question.types else None
    window = f"{surroundings(chunk, names)} {span.before} {span.quote}"
    lowered = window.lower()
    stems = set(tokenize(window))
    # a year the question names, other than the document's own ("the 2008 law"), dates the
    # answer: the title's later years ("RPJMN 2025-2029") say when the document runs, not
    # what a figure is of
    dated = f"{chunk.location} {span.before} {span.quote}"
    dated_stems = set(tokenize(dated))
    # when the question asks what a term means, a sentence defining it holds what is asked:
    # the other names the question gives ("… pemborongan kerja Pemerintah. Apa yang dimaksud
    # dengan “memprioritaskan”?") set the scene, which the definition need not repeat; a
    # number ("Pasal 23", "2008") still says where the definition must stand ("siapa yang
    # pertama kali mencetuskan istilah X" asks no meaning: its names stay required)
    defining = asks_meaning(question.normalized) and any(
        defines(span.quote, form) for form in question.subject_forms)
    for group in question.groups:
        if not (group.specific and _rare(group, idf)) or (
                defining and not any(c.isdigit() for c in group.word)):
            continue
        if YEAR.fullmatch(group.word):  # the document's own year needs no saying
            if group.word != str(chunk.year) and not group.found_in(dated_stems,
                                                                    dated.lower()):
                return False
        elif not group.found_in(stems, lowered) or within_longer_name(
                group.word, span.quote, question.normalized):
            return False
    if question.unindexed and not set(question.unindexed) <= set(references(window)):
        return False
    if span.enactment and not (names_gazette(question.normalized) if gazette(span.quote)
                               else {"date", "actor"} & set(question.types)):
        # the gazette line answers a question naming the gazette; the other enactment
        # lines say when and by whom, for a question asking that
        return False
    if main in HARD_TYPES and not satisfies(main, span.quote, question.normalized) and not \
            defining:
        # "siapa yang dimaksud dengan Setiap Orang", "what does the law mean by net assets":
        # the definition answers, actor or figure named or not ("what is the maximum annual
        # sales" asks for the figure)
        return False
    if asks_identity(question.normalized) and not defining and not names_person(
            span.quote, question.normalized, names):
        # "menteri perindustrian sekarang siapa": a sentence on what the minister does names
        # the office, not who holds it
        return False
    if not all(writes_unit(unit, window) for unit in question.asked_units):
        # "berapa nilai ekspor … dalam dolar AS": "1,56 juta ton" is a figure in another unit
        return False
    if not all(satisfies(bound, f"{span.before} {span.quote}") for bound in BOUNDS
               if bound in question.types):
        # "berapa jumlah maksimal …": a figure stated as the least ("paling sedikit 5") or
        # with no bound at all is not the most
        return False
    if ("list" in question.types and not question.subject and not span.is_list
            and not satisfies("list", span.quote)):
        # "provinsi mana saja": a sentence that names none does not answer (a definition
        # asked with its examples opens with the definition)
        return False
    said = set(tokenize(span.quote))
    if question.language == "id" and not question.context and not any(
            g.found_in(said, span.quote.lower()) for g in question.groups
            if g.known and g.weight > 0):
        return False  # it shares no word with the question: it is about something else
    measured = question.measured  # "berapa anggaran …": a figure of something else won't do
    if measured is not None:
        if not measure_said(question, measured, stems, lowered):
            # "target pertumbuhan", "volume produksi": the word after the measure, said in
            # the quote itself, names what is measured too
            naming = followers(question, measured)
            if not naming or not all(g.found_in(said, span.quote.lower()) for g in naming):
                return False
        if not span.table and not figure_near_measure(question, measured, span.quote):
            return False
    return not labelled_for_another_measure(question, span.quote)


def continues(question: Question, chunk: Chunk, names: Collection[str] = frozenset()) -> bool:
    """Whether a passage holds a follow-up's earlier subject: most of its names (one may be
    the earlier question's measure, "IPM", which a new measure replaces), or else one of
    its words (for an Indonesian question, its first: an English one's words
    may be the glossary's, not the passage's). Any passage of an article the earlier answer
    quoted (its explanation too), or citing one: the next paragraph need not repeat the
    subject. Any passage, for a question that is none."""
    if not question.context or (chunk.source, article_of(chunk.location)) in \
            question.prior_places or _refers_back(question, chunk):
        return True
    text = f"{surroundings(chunk, names)} {chunk.text}"
    stems, lowered = set(tokenize(text)), text.lower()
    if question.referents and any(set(name.split()) <= set(tokens(chunk.text))
                                  for name in question.referents):
        return True  # what "komoditas tersebut" was, named whole
    earlier = [g for g in question.context if g.specific and g.known]
    if earlier:
        return 2 * sum(g.found_in(stems, lowered) for g in earlier) > len(earlier)
    found = [g.found_in(stems, lowered) for g in question.context if g.known]
    return any(found) and (question.language != "id" or found[0])


_NEXT_WORD = re.compile(r"\s+([A-Z][^\W\d_]*)(\s+\d)?")
_TITLE_CASE = 0.6  # share of capitalised words above which a text is a heading's Title Case


def within_longer_name(name: str, quote: str, question: str) -> bool:
    """Whether a quote says a name the question gives only inside a longer name the question
    does not ask of: "Provinsi Maluku Utara" is not "Provinsi Maluku", "Papua Barat Daya" not
    "Papua Barat".

    Args:
        name: one of the question's names, lower case.
        quote: the span's text.
        question: the question, normalised.

    Returns:
        True when every mention of the name in the quote runs on into a capitalised word that
        is not a function word, a place word ("Morotai Provinsi Maluku Utara"), an acronym
        ("KEK Bitung PDRB"), a label before a number ("Indonesia Nomor 3") or a word the
        question says (in Indonesian too: "North Maluku" asks of Maluku Utara); never for a
        quote in Title Case, nor when the question asks the rest of the name ("kelurahan apa").
    """
    if _asks_rest_of(name, question):
        return False  # "berbatasan dengan kelurahan apa": the question asks the rest of the name
    mentions = [m for m in re.finditer(rf"\b{re.escape(name)}\b", quote, re.IGNORECASE)
                if m.group()[:1].isupper() and not m.group().isupper()]
    words = _WORDS.findall(quote)
    if not mentions or sum(w[:1].isupper() for w in words) > _TITLE_CASE * len(words):
        return False
    generic = stopwords() | word_list("place_words.txt") | _asked_words(question)
    for mention in mentions:
        following = _NEXT_WORD.match(quote, mention.end())
        if following is None or following.group(2) or following.group(1).isupper() \
                or following.group(1).lower() in generic:
            return False
    return True


@lru_cache(maxsize=256)
def _asks_rest_of(name: str, question: str) -> bool:
    """Whether a question word follows the name in the question: read once a question."""
    asking = word_list("question_words.txt")
    return any(m.group(1).lower() in asking for m in re.finditer(
        rf"\b{re.escape(name)}\s+([^\W\d_]+)", question, re.IGNORECASE))


@lru_cache(maxsize=256)
def _asked_words(question: str) -> frozenset[str]:
    """A question's words, and the Indonesian the glossary gives for them: read once."""
    said = tokens(question)
    return frozenset({*said, *(t for w in said for term in indonesian_terms(w)
                               for t in tokens(term))})


def _refers_back(question: Question, chunk: Chunk) -> bool:
    """Whether a passage cites an article the earlier answer quoted: "Pengembangan dalam bidang
    sumber daya manusia sebagaimana dimaksud dalam Pasal 16 ayat (1) huruf c …" goes on from
    Pasal 16, though it repeats none of the earlier question's words."""
    return cites_quoted(question.prior_places, chunk.source, chunk.text)


def _in_the_named_part(question: Question, spans: list[Span]) -> list[Span]:
    """For "menurut penjelasannya …", the spans of that part of the regulation when there
    are any: the article says the rule, its explanation what the question asks of it."""
    if question.part is None:
        return spans
    inside = [s for s in spans if question.part in s.passage.chunk.location.split()]
    return inside or spans


def _rare(group: TermGroup, idf: Callable[[str], float]) -> bool:
    """A name most passages share ("Indonesia") does not single out an answer."""
    return not group.stems or max(idf(s) for s in group.stems) >= RARE_IDF
