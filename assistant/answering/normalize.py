"""Informal chat Indonesian ("brp luasnya yg di sorong") read as the standard words it stands for.

The slang dictionary is indoNLP's (maintained, MIT); two guards keep it from rewriting the
documents' own vocabulary: a word the documents use is never replaced ("kek" is a zone there, not
"kayak"), and a word written in capitals is a name or an acronym, not slang. An informal verb the
dictionary lacks ("nyusun", "merhatiin") has its affixes rewritten (``data/informal_affixes.tsv``)
when the standard verb's stem is a word of the documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..language import lines, rows
from ..lexical import is_root, stem, stopwords

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+(?:[.,]\d+)*|\S")
# A letter written three or more times ("bangeeet", "dongg") is one letter in the dictionary.
_ELONGATED = re.compile(r"([a-z])\1{2,}")
MIN_ROOT = 4  # "bikin" is no "-in" verb: a rewritten word keeps a root this long


@cache
def _slang() -> dict[str, str]:
    from indoNLP.preprocessing.slang_data import SLANG_DATA

    return {k.lower(): v.lower() for k, v in SLANG_DATA.items()}


def normalize(text: str, known: Callable[[str], bool] | None = None,
              keep: Callable[[str], bool] | None = None) -> str:
    """The question with informal words replaced by their standard forms.

    Args:
        text: the question as typed.
        known: whether a lower-case word or stem occurs in the documents; an informal verb is
            read as the standard verb whose stem they use, however rarely ("dijabarin" as
            "dijabarkan", which one article writes).
        keep: whether a word is the documents' own and never slang (default: ``known``); a
            caller may ask more of it (used in several chunks) than of a verb's stem.

    Returns:
        The normalised question; spacing and punctuation are kept, replaced words are lower case.
    """
    slang = _slang()
    documents = known is not None  # without them no informal verb can be read
    stems = known or (lambda _w: False)
    keep = keep or stems
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        out.append(text[last : match.start()])
        last = match.end()
        lower = word.lower()
        if word != lower or not lower.isalpha() or keep(lower):
            out.append(word)
            continue
        squeezed = _ELONGATED.sub(r"\1", lower)
        replacement = slang.get(lower) or slang.get(squeezed) or (
            _standard_verb(lower, stems) if documents else None)
        out.append(replacement or (squeezed if squeezed != lower else word))
    out.append(text[last:])
    joined = "".join(out)
    # "tahapan nya" -> "tahapannya": the clitic written apart
    joined = re.sub(r"\b(\w{3,}) (nya|ny)\b", r"\1nya", joined)
    # "zona2" -> "zona-zona": a 2 after a word writes its reduplication, not a number
    return re.sub(r"\b([^\W\d_]{3,})2\b", r"\1-\1", joined)


def _standard_verb(word: str, known: Callable[[str], bool]) -> str | None:
    """An informal verb with standard affixes ("nyusunnya" -> "menyusunnya", "jelasin" ->
    "jelaskan"): of the affix rewrites whose stem the documents use, the one keeping the longest
    stem ("ngembangin" -> "mengembangkan", stem "kembang", not "membangkan", stem "bang"). The
    rewrite is read for its stem: "ngebangun" becomes "mengebangun", stem "bangun". Chat drops
    the h a root opens with ("itung", "diitung", "ngitung" for "hitung"): a root opening with a
    vowel is also tried with it, under a standard prefix too, when the stem that gives is a
    root word of Sastrawi's dictionary made of the h and the root's own letters, and longer
    than a suffix can leave by chance ("aman" is no "haman", stem "ham"; "edge" no "hedge")."""
    # "merencanakan" is standard (the documents write "rencana"); a function word ("akan") is
    # no verb
    if known(stem(word)) or word in stopwords():
        return None
    prefixes, suffixes = _affixes()
    best: tuple[int, str] | None = None
    for informal_prefix, prefix in prefixes:
        for informal_suffix, suffix in suffixes:
            if not word.startswith(informal_prefix) or not word.endswith(informal_suffix):
                continue
            root = word[len(informal_prefix):len(word) - len(informal_suffix)]
            if len(root) < MIN_ROOT:
                continue
            for whole in (root, "h" + root) if root[0] in "aeiou" else (root,):
                standard = prefix + whole + suffix
                found = stem(standard)
                if whole != root and not _restores_h(found, root):
                    continue
                if standard != word and known(found) and (best is None or len(found) > best[0]):
                    best = (len(found), standard)
    return best[1] if best else None


def _restores_h(found: str, root: str) -> bool:
    """Whether ``found``, the stem of a word given back its h, is a root word of at least
    ``MIN_ROOT`` letters after the h, spelled by the h and the start of ``root``."""
    return (len(found) > MIN_ROOT and found[0] == "h" and root.startswith(found[1:])
            and is_root(found))


@cache
def _affixes() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (informal, standard) prefixes and suffixes, each list opening with none; the
    standard verb prefixes stand for themselves ("diitung": "di" + "hitung")."""
    prefixes = [("", ""), *((p, p) for p in lines("verb_prefixes.txt"))]
    suffixes = [("", "")]
    for informal, standard, where in rows("informal_affixes.tsv"):
        (prefixes if where == "prefix" else suffixes).append((informal, standard))
    return prefixes, suffixes


def spell_out(text: str, acronyms: dict[str, str], known: Callable[[str], bool]) -> str:
    """An acronym the documents never write ("sulut", "Sulut" for Sulawesi Utara) replaced by
    the words they do write; one they use ("NTT", "KEK") is kept and matched as it is."""

    def expand(match: re.Match[str]) -> str:
        word = match.group(0)
        expansion = acronyms.get(word.upper())
        if expansion is None or known(word.lower()):
            return word
        return expansion

    return re.sub(r"\b[^\W\d_]{3,}\b", expand, text)
