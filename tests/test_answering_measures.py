"""What a figure question measures: the word after the measure names it, past generic words."""

import time

from assistant.answering import analyze, resolve_followup
from assistant.answering.measures import clauses, figure_near_measure, followers


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


def test_a_figure_must_stand_near_what_is_measured():
    question = analyze("Berapa kapasitas produksi pupuk per tahun di Kawasan Industri Fakfak?")
    # the document never closes the first parenthesis: it protects no comma
    far = ("Terdapat potensi migas di Wilayah Papua (cadangan minyak bumi: 104,04 MMSTB (million "
           "stock tank barrels); cadangan gas bumi: 11.421,9 TSCF (trillion standard cubic "
           "feet), salah satunya di Kabupaten Teluk Bintuni yang akan menopang kebutuhan "
           "produksi industri pupuk di KI Fakfak.")
    assert not figure_near_measure(question, question.measured, far)
    # figures in parentheses belong to the clause they stand in
    assert figure_near_measure(question, question.measured,
                               "Produksi pupuk di KI Fakfak (direncanakan: 1,5 juta ton; 2030: "
                               "2 juta ton), sesuai rencana.")
    near = "Kapasitas produksi pabrik pupuk di KI Fakfak direncanakan 1,5 juta ton per tahun."
    assert figure_near_measure(question, question.measured, near)
    # an enumerator or a year beside the measure is no figure of it
    assert not figure_near_measure(question, question.measured,
                                   "(1) Kapasitas produksi pupuk ditetapkan pada 2025 oleh "
                                   "Menteri setelah mendengar pertimbangan dari para pihak "
                                   "yang berkepentingan di daerah, 7 hari kemudian.")
    # the quote never names the measure word for word: not judged here
    assert figure_near_measure(question, question.measured, "Nilainya 3,5 juta ton.")


def test_clauses_are_cut_in_linear_time():
    def cost(n):
        started = time.perf_counter()
        clauses("(" * n + ", " * n + ")" * (n // 2))
        return time.perf_counter() - started

    small, large = min(cost(20_000) for _ in range(3)), min(cost(160_000) for _ in range(3))
    assert large <= 20 * max(small, 0.002), (small, large)  # 8x the input: ~8x, not ~64x
    assert clauses("a (b, c) d, e ((f, g), h), i") == ["a (b, c) d", " e ((f, g), h)", " i"]


def test_a_year_is_the_figure_a_question_asking_in_what_year_measures():
    question = analyze("Penghargaan apa yang pernah diraih kakao, dan pada tahun berapa?")
    assert question.types[0] == "date" and question.measured is not None
    award = "Kakao Ransiki menerima penghargaan gold dalam Cacao of Excellence Award tahun 2023."
    assert figure_near_measure(question, question.measured, award)
    # asked a quantity, a year beside the measure is still no figure of it
    count = analyze("Berapa kapasitas produksi pupuk per tahun di Kawasan Industri Fakfak?")
    assert count.types[0] != "date"
    assert not figure_near_measure(count, count.measured, "Kapasitas produksi pupuk naik pada "
                                   "tahun 2025, setelah pabrik baru dibangun di kawasan itu.")
