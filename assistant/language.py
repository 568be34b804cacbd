"""Language data (read once from ``assistant/data``), question language, and acronym discovery."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of a data file, one per line; ``#`` starts a comment.

    Args:
        name: file name under ``assistant/data``, e.g. ``"stopwords_keep.txt"``.

    Returns:
        The words, lower case.
    """
    return frozenset(line.lower() for line in _lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column tab-separated data file as a dict (first column -> second)."""
    rows = {}
    for line in _lines(name):
        key, _, value = line.partition("\t")
        rows[key.strip()] = value.strip()
    return rows


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated data file's rows, each the tuple of its stripped columns."""
    return tuple(tuple(column.strip() for column in line.split("\t")) for line in _lines(name))


@cache
def lines(name: str) -> tuple[str, ...]:
    """The non-comment lines of a data file under ``assistant/data``, stripped."""
    return tuple(_lines(name))


@cache
def any_of(name: str, flags: int = 0) -> re.Pattern[str]:
    """One pattern matching any of a data file's regular expressions (one per line)."""
    return re.compile("|".join(f"(?:{p})" for p in _lines(name)), flags)


def _lines(name: str) -> list[str]:
    text = resources.files("assistant").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def english_terms() -> dict[str, tuple[str, ...]]:
    """English domain word -> Indonesian stems, searched for and matched in English questions."""
    return {k: tuple(v.split()) for k, v in table("en_id_terms.tsv").items()}


def indonesian_terms(word: str) -> tuple[str, ...]:
    """Indonesian stems for an English domain word, or ``()`` when the table lacks it."""
    return english_terms().get(word.lower(), ())


@cache
def _loanword_rules() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    rows = []
    for line in lines("loanword_spelling.tsv"):
        kind, pattern, replacement = (line.split("\t") + ["", ""])[:3]
        rows.append((kind, re.compile(pattern), replacement))
    return tuple(rows)


def loanword_forms(word: str) -> list[str]:
    """How Indonesian would spell an English word it absorbed, most literal first
    ("infrastructure" -> "infrastruktur"); the caller keeps the forms the documents use."""
    spelled = word.lower()
    for kind, pattern, replacement in _loanword_rules():
        if kind == "spell":
            spelled = pattern.sub(replacement, spelled)
    forms = [spelled]
    for kind, pattern, replacement in _loanword_rules():
        if kind == "ending":
            forms += [pattern.sub(replacement, f) for f in forms if pattern.search(f)]
    return [f for f in dict.fromkeys(forms) if len(f) >= 4 and f != word.lower()]


def domain_acronyms() -> dict[str, str]:
    """Acronyms of Indonesian policy that documents use without spelling out."""
    return table("acronyms.tsv")


def detect_language(text: str) -> str:
    """Guess whether a question is Indonesian (``"id"``) or English (``"en"``).

    Args:
        text: the question.

    Returns:
        ``"id"`` or ``"en"``; Indonesian wins ties, as the corpus is Indonesian.
    """
    words = re.findall(r"[a-z]+", text.lower())
    indonesian, english = word_list("function_words_id.txt"), word_list("function_words_en.txt")
    id_score = sum(w in indonesian or w.endswith("nya") for w in words)
    en_score = sum(w in english for w in words)
    return "en" if en_score > id_score else "id"


_ACRONYM_AFTER = re.compile(
    r"\((?:selanjutnya disebut\s+)?([A-Z][A-Z0-9]{1,7})\)"
    r"|yang selanjutnya (?:disebut|disingkat)\s+([A-Z][A-Z0-9]{1,7})\b"
)
_CAPITALISED = re.compile(r"[A-Z][\w-]*")
_PHRASE_WINDOW = 400  # characters before an acronym searched for its seven words


def find_acronyms(texts: list[str]) -> dict[str, str]:
    """Acronyms the documents define, as ``"Kawasan Ekonomi Khusus (KEK)"`` or "disingkat KEK".

    Linear in the text: each acronym is found first, then at most seven capitalised words
    (joined by "dan", "and" or "of") are read backwards from it within a bounded window.

    Args:
        texts: chunk texts.

    Returns:
        Acronym -> its expansion in lower case.
    """
    found: dict[str, str] = {}
    for text in texts:
        for match in _ACRONYM_AFTER.finditer(text):
            acronym = match.group(1) or match.group(2)
            joiners = ("dan", "and", "of") if match.group(1) else ("dan",)
            phrase = _phrase_before(text, match.start(), joiners)
            capitals = [i for i, w in enumerate(phrase) if w[0].isupper()]
            # The tail of capitalised words whose initials spell the acronym.
            if len(capitals) >= len(acronym):
                start = capitals[len(capitals) - len(acronym)]
                initials = "".join(w[0] for w in phrase[start:] if w[0].isupper())
                if initials.upper() == acronym.upper():
                    found.setdefault(acronym, " ".join(phrase[start:]).lower())
    return found


def _phrase_before(text: str, end: int, joiners: tuple[str, ...]) -> list[str]:
    """Up to seven capitalised words (and their joiners) that end right before ``end``."""
    start = max(0, end - _PHRASE_WINDOW)
    window = text[start:end]
    if not window or not window[-1].isspace():
        return []
    words = window.split()
    if start > 0 and not text[start - 1].isspace() and not window[0].isspace():
        words = words[1:]  # cut by the window
    phrase: list[str] = []
    capitals = 0
    for word in reversed(words):
        if word in joiners and not (phrase and phrase[0] in joiners):
            phrase.insert(0, word)
        elif _CAPITALISED.fullmatch(word) and capitals < 7:
            phrase.insert(0, word)
            capitals += 1
        else:
            break
    while phrase and phrase[0] in joiners:
        phrase.pop(0)
    return phrase


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_OPENERS = frozenset('.!?:;•("“\n')


def capitalisation(texts: list[str]) -> dict[str, list[int]]:
    """How the documents write each word: ``word -> [capitalised inside a sentence, in lower
    case]``. "Papua" is never written in lower case, "Industri" (a defined term of one law) often
    is; a word opening a sentence or a list item, and one in capitals throughout (a heading),
    says nothing. Summed over files, the counts say which words are names. Linear in the text.

    Args:
        texts: chunk texts.

    Returns:
        Lower-cased word -> [capitalised inside a sentence, written in lower case].
    """
    counts: dict[str, list[int]] = {}
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            if word.islower():
                counts.setdefault(word, [0, 0])[1] += 1
            elif word[0].isupper() and (len(word) == 1 or not word.isupper()) \
                    and not _opens(text, match.start()):
                counts.setdefault(word.lower(), [0, 0])[0] += 1
    return counts


NAME_SEEN, NAME_LOWER = 3, 50  # capitalised this often, in lower case at most once in this many


def names(counts: dict[str, list[int]]) -> frozenset[str]:
    """The words the documents write as names: capitalised inside a sentence at least
    :data:`NAME_SEEN` times and in lower case at most once in :data:`NAME_LOWER` uses. A word
    that introduces a place name ("Kecamatan Mayamuk", "Distrik Mayamuk") is capitalised as
    part of the name it introduces, not a name itself (``data/place_words.txt``)."""
    places = word_list("place_words.txt")
    return frozenset(word for word, (capitalised, lower) in counts.items()
                     if capitalised >= NAME_SEEN and lower * NAME_LOWER <= capitalised
                     and word not in places)



def _opens(text: str, start: int) -> bool:
    """Whether a word at ``start`` opens a sentence or a list item ("a. Bidang", "1) Jenis")."""
    before = text[max(0, start - 4):start].rstrip(" \t")
    if not before or before[-1] in _SENTENCE_OPENERS:
        return True
    return before[-1] in ".)" and len(before) >= 2 and before[-2].isalnum()
