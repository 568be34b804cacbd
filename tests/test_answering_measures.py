"""What a figure question measures: the word after the measure names it, past generic words."""

from assistant.answering import analyze, resolve_followup
from assistant.answering.measures import followers


def test_the_term_after_a_measure_names_what_is_measured():
    # the measure named again in parentheses, as the document says it
    glossed = analyze("Berapa angka awal (baseline) pembentukan modal tetap bruto?")
    assert glossed.groups[glossed.measured].word == "awal"
    assert [g.word for g in followers(glossed, glossed.measured)] == ["baseline"]
    # past a generic measure ("rasio"), the term it is of; the quote must say both
    ratio = analyze("Berapa target rasio impor bahan baku terhadap PDB?")
    assert [g.word for g in followers(ratio, ratio.measured)] == ["rasio", "impor"]
    # "targetnya" points back: the earlier question's words after its measure name it
    known = {"target", "pertumbuhan", "tumbuh", "sektor", "industri", "nonmigas"}.__contains__
    first = analyze("Berapa target pertumbuhan sektor industri nonmigas pada tahun 2015?",
                    known=known)
    follow = resolve_followup(analyze("kalo di thn 2020 sm 2025 targetnya brp?", known=known),
                              first, ["ripin.md"])
    assert follow.groups[follow.measured].word == "target"
    assert [g.word for g in followers(follow, follow.measured)] == ["pertumbuhan"]
