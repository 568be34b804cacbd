"""Questions asking several things are cut into parts; each later part follows up the first."""

import time

from assistant.answering import analyze
from assistant.answering.parts import read_parts, split_parts


def test_a_question_mark_inside_the_question_starts_a_part():
    assert split_parts("brp persen kab/kota di Papua yg tertinggal? trs pekerja lulusan SD brp?") \
        == ["brp persen kab/kota di Papua yg tertinggal?", "trs pekerja lulusan SD brp?"]


def test_a_conjunction_before_a_question_word_starts_a_part_with_it():
    assert split_parts("How much coconut did North Maluku produce, and where does it rank nationally?") \
        == ["How much coconut did North Maluku produce,", "and where does it rank nationally?"]


def test_a_part_naming_nothing_of_its_own_stays_with_its_neighbour():
    assert split_parts("apa dan bagaimana peran klaster industri?") == [
        "apa dan bagaimana peran klaster industri?"]
    assert split_parts("Berapa luas KEK Sorong?") == ["Berapa luas KEK Sorong?"]


def test_a_later_part_carries_the_first_parts_subject():
    question = read_parts(analyze("Berapa luas KEK Bitung? terus di kecamatan mana letaknya?"),
                          analyze)
    first, later = question.parts
    assert "bitung" in {g.word for g in first.groups}
    assert later.points_back and "bitung" in {g.word for g in later.context}
    assert "place" in later.types


def test_splitting_is_linear_on_pathological_input():
    started = time.perf_counter()
    assert len(split_parts("apa itu? " * 20_000 + "dan berapa luas kawasan itu")) >= 1
    assert time.perf_counter() - started < 2.0
