"""The default answerer: picks the sentences that answer, quotes them verbatim, cites them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .chunking import split_sentences
from .definitions import defines
from .documents import Answer, Citation, Passage
from .figures import has_date, has_number
from .language import indonesian_terms
from .lexical import stem, tokenize, words
from .question import Question

NOT_FOUND = {
    "id": "Tidak ditemukan dalam dokumen: tidak ada bagian dokumen yang menjawab pertanyaan ini.",
    "en": "Not found in the documents: no passage in the documents answers this question.",
}
LEAD = {
    "id": "Menurut dokumen:",
    "en": "According to the documents (quoted in the original Indonesian):",
}
_DEFINING = re.compile(
    r"\b(adalah|yaitu|yakni|merupakan|didefinisikan|yang dimaksud dengan|disebut|means"
    r"|is defined)\b",
    re.IGNORECASE,
)
RARE_IDF = 1.9  # in fewer than about 15% of the chunks
_AGENT = re.compile(r"\b(?:oleh|by)\s+(\S+(?:\s+\S+)?)", re.IGNORECASE)
_ACTOR = re.compile(
    r"\b(Pemerintah|Presiden|Menteri|Kementerian|Gubernur|Bupati|Walikota|Wali Kota|Dewan"
    r"|Badan|badan usaha|Perusahaan|perusahaan|koperasi|swasta|masyarakat|lembaga|DPR)\b"
)
_PLACE = re.compile(r"\b(Kecamatan|Kabupaten|Kota|Provinsi|terletak|berlokasi|wilayah)\b")


@dataclass
class _Candidate:
    passage: Passage
    rank: int
    index: int  # sentence index in the passage
    sentence: str
    window: str  # the sentence with its citation header and the sentence before
    in_sentence: list[bool]
    in_window: list[bool]
    own: float = 0.0  # weighted share of the question's terms in the sentence
    near: float = 0.0  # the same, with the citation header and the sentence before
    score: float = 0.0


class ExtractiveAnswerer:
    """Answers by quoting retrieved sentences; says "not found" when none supports an answer.

    Support means: every name, place, year or acronym the question gives stands in the sentence
    (or its citation header, or the sentence before), most of the question's other terms do too,
    and a "how many / berapa" question gets a sentence holding a number.
    """

    def __init__(self, idf: Callable[[str], float], min_coverage: float = 0.6) -> None:
        if not 0 < min_coverage <= 1:
            raise ValueError("min_coverage must be in (0, 1]")
        self.idf = idf
        self.min_coverage = min_coverage

    def __call__(self, question: Question, passages: list[Passage]) -> Answer:
        return self.answer(question, passages)

    def answer(self, question: Question, passages: list[Passage]) -> Answer:
        """Compose a cited answer, or a plain "not found".

        Args:
            question: the analysed (and follow-up resolved) question.
            passages: retrieved passages, best first.

        Returns:
            The answer; its ``passages`` are the retrieved ones, shown as related when not found.
        """
        candidates = [c for c in self._candidates(question, passages)
                      if self._supports(question, c)]
        if not candidates:
            return Answer(NOT_FOUND[question.language], False, question.language,
                          passages=passages, query=question.query)
        candidates.sort(key=lambda c: -c.score)
        chosen = [candidates[0]]
        covered = list(chosen[0].in_sentence)
        for other in candidates[1:]:
            if len(chosen) == 3 or other.score < 0.75 * chosen[0].score:
                break
            adds = any(s and not c for s, c in zip(other.in_sentence, covered, strict=True))
            if adds and other.sentence not in {c.sentence for c in chosen}:
                chosen.append(other)
                covered = [a or b for a, b in zip(covered, other.in_sentence, strict=True)]
        answer = self._compose(question, chosen)
        answer.passages = passages
        return answer

    @staticmethod
    def _defines(question: Question, sentence: str) -> bool:
        """A definition, or for a named thing ("Apa itu KEK Bitung?") any sentence about it."""
        if any(g.specific for g in question.groups) or _DEFINING.search(sentence):
            return True
        lowered = sentence.lower()
        return any(p in lowered for g in question.groups for p in g.phrases)

    def _rare(self, group) -> bool:
        """A name most passages share ("Indonesia") does not single out an answer."""
        return not group.stems or max(self.idf(s) for s in group.stems) >= RARE_IDF

    def _weights(self, question: Question) -> list[float]:
        weights = []
        for group in question.groups:
            if not group.stems:  # a whole name: required, but its words already count
                weights.append(0.0)
                continue
            idf = min(self.idf(s) for s in group.stems)
            if group.weight < 1.0:
                idf = min(idf, 2.0)  # a soft term the documents lack must not sink the answer
            weights.append(group.weight * idf)
        return weights

    def _candidates(self, question: Question, passages: list[Passage]) -> list[_Candidate]:
        weights = self._weights(question)
        total = sum(weights) or 1.0
        out: list[_Candidate] = []
        for rank, passage in enumerate(passages):
            chunk = passage.chunk
            sentences = split_sentences(chunk.text)
            header = f"{chunk.header} {chunk.title}"
            top, header_low = _stems(header), header.lower()
            for index, sentence in enumerate(sentences):
                if _leads_in(sentences, index):  # judged with the list it announces
                    sentence = _with_list(sentences, index)
                before = sentences[index - 1] if index else ""
                window = f"{header} {before} {sentence}"
                own_stems, near_stems = _stems(sentence), _stems(window)
                # The names a citation header gives ("UU 20/2008", "KEK Bitung") hold for every
                # sentence of the chunk, so a stray "Pasal 20" earns a sentence nothing extra.
                in_sentence = [g.found_in(own_stems, sentence.lower())
                               or (g.specific and g.found_in(top, header_low))
                               for g in question.groups]
                in_window = [g.found_in(near_stems, window.lower()) for g in question.groups]
                cand = _Candidate(passage, rank, index, sentence, window, in_sentence, in_window)
                cand.own = sum(w for w, hit in zip(weights, in_sentence, strict=True) if hit)
                cand.own /= total
                cand.near = sum(w for w, hit in zip(weights, in_window, strict=True) if hit)
                cand.near /= total
                cand.score = 0.7 * cand.own + 0.3 * cand.near
                cand.score += self._intent_bonus(question, sentence) + 0.08 / (1 + rank)
                out.append(cand)
        return out

    def _intent_bonus(self, question: Question, sentence: str) -> float:
        bonus = 0.0
        if "quantity" in question.intents:
            bonus += 0.15 if has_number(sentence) else -0.3
        if "definition" in question.intents:
            if _DEFINING.search(sentence):
                bonus += 0.15
            if question.subject and defines(sentence, question.subject):
                bonus += 0.4
            lowered = sentence.lower()
            if any(p in lowered for g in question.groups for p in g.phrases):
                bonus += 0.2  # spells out the acronym asked about
        if "where" in question.intents and _PLACE.search(sentence):
            bonus += 0.08
        if "who" in question.intents and _names_someone(sentence, question.text):
            bonus += 0.15
        if "list" in question.intents and sentence.count(",") + sentence.count(";") >= 2:
            bonus += 0.08
        return bonus

    def _supports(self, question: Question, cand: _Candidate) -> bool:
        groups = question.groups
        if any(g.specific and not hit and self._rare(g)
               for g, hit in zip(groups, cand.in_window, strict=True)):
            return False
        if "who" in question.intents and not _names_someone(cand.sentence, question.text):
            return False
        if question.context and not any(g.specific for g in groups):
            chunk_text = f"{cand.passage.chunk.header} {cand.passage.chunk.title} " \
                         f"{cand.passage.chunk.text}"
            stems = _stems(chunk_text)
            required = [g for g in question.context if g.specific] or question.context
            if not all(g.found_in(stems, chunk_text.lower()) for g in required):
                return False
        if "quantity" in question.intents and not has_number(cand.sentence):
            return False
        if "when" in question.intents and not (has_date(cand.sentence)
                                                or has_number(cand.sentence)):
            return False  # a date, or a period ("setiap 5 (lima) tahun")
        if question.subject and not self._defines(question, cand.sentence):
            return False  # "apa yang dimaksud dengan X": a mere mention of X is no definition
        measured = question.measured
        if measured is not None and not cand.in_window[measured]:
            return False  # "berapa anggaran …": a sentence without the thing measured
        return cand.near >= self.min_coverage and cand.own >= self.min_coverage / 2

    def _compose(self, question: Question, chosen: list[_Candidate]) -> Answer:
        citations: list[Citation] = []
        numbers: dict[str, int] = {}
        parts = [LEAD[question.language]]
        for cand in chosen:
            chunk = cand.passage.chunk
            quote = _lead_in(cand, "list" in question.intents)
            n = numbers.get(chunk.id)
            if n is None:
                n = numbers[chunk.id] = len(numbers) + 1
                citations.append(Citation(n, chunk.source, chunk.title, chunk.location, quote,
                                          chunk.label, chunk.text))
            else:
                old = citations[n - 1]
                citations[n - 1] = Citation(n, old.source, old.title, old.location,
                                            f"{old.quote} … {quote}", old.label, old.passage)
            parts.append(f"“{quote}” [{n}]")
        return Answer(" ".join(parts), True, question.language, citations, query=question.query)


def _lead_in(cand: _Candidate, whole_list: bool) -> str:
    """A list item brings the lead-in before it ("Kriteria Usaha Menengah … berikut:"), so the
    quote says what the item belongs to, and for a list question the rest of the list; the
    quote stays one stretch of the passage."""
    sentence = cand.sentence
    sentences = split_sentences(cand.passage.chunk.text)
    if cand.index and _leads_in(sentences, cand.index - 1) and sentence[:1].isalnum():
        if whole_list:
            return _with_list(sentences, cand.index - 1)
        return f"{sentences[cand.index - 1]} {sentence}"
    return sentence


def _leads_in(sentences: list[str], index: int) -> bool:
    """Whether sentence ``index`` announces a list: it ends in a colon, or holds one and the
    next sentence is a list item (OCR can leave debris after "meliputi:")."""
    sentence = sentences[index]
    if sentence.endswith(":"):
        return True
    following = sentences[index + 1] if index + 1 < len(sentences) else ""
    return ":" in sentence and re.match(r"\(?[a-z0-9]{1,2}[.)]\s", following) is not None


def _with_list(sentences: list[str], index: int) -> str:
    """A lead-in ("terdiri atas:") with the list items that follow it, up to 900 characters."""
    quote = sentences[index]
    for item in sentences[index + 1 :]:
        if len(quote) + len(item) > 900:
            break
        quote = f"{quote} {item}"
    return quote


def _names_someone(sentence: str, question: str) -> bool:
    """Whether a sentence says who: an agent ("dilakukan oleh …") or an actor (government,
    minister, business, cooperative …) that the question did not name already."""
    asked = {t for w in words(question) for t in (w, stem(w), *map(stem, indonesian_terms(w)))}
    for match in _AGENT.finditer(sentence):
        if not set(tokenize(match.group(1))) <= asked:
            return True
    if any(stem(w.lower()) not in asked for w in _ACTOR.findall(sentence)):
        return True
    # a signature or a name in capitals: "ttd. JOKO WIDODO"
    names = re.findall(r"\b[A-Z]{2,}(?: [A-Z]{2,})+", sentence)
    return any(not set(tokenize(name)) <= asked for name in names)


def _stems(text: str) -> set[str]:
    return set(tokenize(text))


def unsupported_numbers(answer: Answer) -> list[str]:
    """Numbers in the answer text that no cited quote contains (should always be empty)."""
    body = re.sub(r"\[\d+\]", " ", answer.text)
    quotes = " ".join(c.quote for c in answer.citations)
    return [n for n in re.findall(r"\d+(?:[.,]\d+)*", body) if n not in quotes]


__all__ = ["ExtractiveAnswerer", "NOT_FOUND", "unsupported_numbers"]
