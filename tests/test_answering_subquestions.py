"""Questions asking several things are cut into subquestions; a later one naming nothing of its
own goes on about the first one's subject."""

import time

from assistant.answering import analyze, resolve_followup
from assistant.answering.subquestions import (
    MAX_SUBQUESTIONS,
    read_subquestions,
    resolve_subquestions,
    split_subquestions,
)


def test_a_question_mark_inside_the_question_starts_a_subquestion():
    assert split_subquestions("brp persen kab/kota di Papua yg tertinggal? trs pekerja SD brp?") \
        == ["brp persen kab/kota di Papua yg tertinggal?", "trs pekerja SD brp?"]


def test_a_conjunction_before_a_question_word_starts_a_subquestion():
    assert split_subquestions("How much coconut did North Maluku produce, and where does it rank "
                              "nationally?") == ["How much coconut did North Maluku produce",
                                                 "and where does it rank nationally?"]
    assert split_subquestions("Dalam bentuk apa perjanjian kemitraan dituangkan, dan kepada "
                              "siapa perjanjian dilaporkan?")[1] == "dan kepada siapa perjanjian " \
                                                                    "dilaporkan?"
    assert len(split_subquestions("Berapa luas KEK Bitung, dan berapakah luas KEK Palu?")) == 2


def test_a_subquestion_naming_nothing_of_its_own_stays_with_its_neighbour():
    assert split_subquestions("apa dan bagaimana peran klaster industri?") == [
        "apa dan bagaimana peran klaster industri?"]
    assert split_subquestions("Berapa luas KEK Sorong? dan kapan?") == [
        "Berapa luas KEK Sorong? dan kapan?"]


def test_cuts_fall_between_words_whatever_lower_casing_does_to_the_length():
    # "İ" lower-cases to two characters: cuts found on a lower-cased copy would slip
    assert split_subquestions("Berapa luas KEK İİİ? terus pekerja lulusan SD berapa persen?") \
        == ["Berapa luas KEK İİİ?", "terus pekerja lulusan SD berapa persen?"]


def test_a_later_subquestion_naming_nothing_carries_the_first_ones_subject():
    whole = analyze("Berapa luas KEK Bitung? terus di kecamatan mana letaknya?")
    first, later = resolve_subquestions(whole, read_subquestions(whole, analyze)).subquestions
    assert "bitung" in {g.word for g in first.groups}
    assert later.points_back and "bitung" in {g.word for g in later.context}
    assert "place" in later.types


def test_in_a_conversation_a_later_subquestion_naming_its_own_subject_keeps_it():
    previous = analyze("Berapa luas KEK Sorong?")
    whole = resolve_followup(analyze("Berapa persen IKM di Papua, dan apa saja penyebab "
                                     "kemiskinan di NTB?"), previous)
    subs = resolve_subquestions(whole, read_subquestions(whole, analyze), previous).subquestions
    assert "sorong" not in {g.word for g in subs[1].context}
    assert subs[1].types != previous.types


def test_at_most_a_few_subquestions_and_linear_on_a_long_run_of_questions():
    def cost(n):
        started = time.perf_counter()
        parts = split_subquestions("berapa luas kek bitung? " * n)
        return time.perf_counter() - started, parts

    small, _ = min(cost(2_000) for _ in range(2))
    large, parts = min(cost(16_000) for _ in range(2))
    assert len(parts) == MAX_SUBQUESTIONS  # the last holds the rest
    assert large <= 20 * max(small, 0.005), (small, large)  # linear ~8x, quadratic ~64x
