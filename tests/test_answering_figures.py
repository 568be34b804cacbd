"""Figures as Indonesian documents write them, and the comparable figures an answer cites."""

from assistant.answering.figures import parse_number


def test_numbers_are_read_as_indonesian_documents_write_them():
    assert parse_number("1.090") == 1090
    assert parse_number("18,67") == 18.67
    assert parse_number("6,8%") == 6.8
    assert parse_number("1.559.831") == 1559831
    assert parse_number("10.5") == 10.5
    assert parse_number("Papua") is None and parse_number("2015-2019") is None
