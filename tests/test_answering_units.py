"""Units of measure: asked in a question, written in a span."""

import pytest

from assistant.answering.units import asked_units, writes_unit


@pytest.mark.parametrize("question, units", [
    ("What is the planned annual production capacity, in tonnes, of the fertilizer plant?",
     {"ton"}),
    ("Berapa nilai ekspor rumput laut NTT tahun 2023 dalam dolar AS?", {"US$"}),
    ("tarif sewa lahan di KEK Palu itu berapa per meter persegi?", {"m²"}),
    ("berapa juta ton produksi nikel?", {"ton"}),  # a number word is a magnitude, not the unit
    ("Target produksi (million tonnes) tahun 2025?", {"ton"}),
    ("How many hectares is the Sorong SEZ?", {"ha"}),
    ("Under PP 29/2018, what is the maximum duration, in months, of an apprenticeship?",
     {"bulan"}),
    ("tarif sewa per m2 di KEK Palu?", {"m²"}),  # as typed: the slang normaliser reads "m2"
    # no unit where a figure is asked: a count, a year labelling a figure, a rate, a place
    ("Berapa unit usaha IKM pada tahun 2013?", set()),
    ("Berapa tahun 2023 produksi padi?", set()),
    ("Berapa target pertumbuhan industri per tahun?", set()),
    ("What is the poverty rate in Maluku?", set()),
])
def test_the_unit_a_question_asks_its_figure_in(question, units):
    assert asked_units(question) == units


def test_a_unit_is_written_in_any_of_its_forms_and_only_as_a_word():
    assert writes_unit("US$", "nilai ekspor USD 3,5 juta") and writes_unit("US$", "3 dolar")
    assert writes_unit("Rp", "Rp5 miliar") and writes_unit("%", "naik 12%")
    assert writes_unit("Rp", "IDR 5 miliar") and writes_unit("m²", "500 meter\npersegi")
    assert not writes_unit("US$", "1,56 juta ton")  # a magnitude is no currency
    assert not writes_unit("ton", "Tuna-Cakalang-Tongkol") and not writes_unit("km", "12 km2")
