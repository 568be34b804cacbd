"""Follow-ups that point back with a pronoun, -nya, tersebut, di sana, it, there or they."""

from assistant.answering import analyze, resolve_followup


def _ask(text, previous=None, sources=None):
    return resolve_followup(analyze(text), previous, sources)


def test_nya_carries_the_subject_and_the_cited_document():
    first = _ask("Berapa luas KEK Sorong?")
    follow = _ask("Di kecamatan mana letaknya?", first, ["id_pp_kek.md"])
    assert follow.points_back and "sorong" in follow.query.lower()
    assert any(g.word == "sorong" and g.specific for g in follow.context)
    assert follow.prior_sources == ["id_pp_kek.md"]
    assert follow.types[0] == "place"


def test_english_pronouns_and_place_words_carry_the_subject():
    first = _ask("Which region is the second largest nutmeg producer in Indonesia?")
    for text in ("How much coconut does it produce?", "Which sector contributes most there?",
                 "What have they done?"):
        follow = _ask(text, first, ["rpjmn.md"])
        assert follow.points_back and follow.context, text
        assert follow.prior_sources == ["rpjmn.md"]


def test_tersebut_and_di_sana():
    first = _ask("Apa itu KEK Bitung?")
    for text in ("Berapa luas kawasan tersebut?", "Industri apa yang dikembangkan di sana?"):
        follow = _ask(text, first)
        assert any(g.word == "bitung" for g in follow.context), text


def test_indonesian_pronouns_and_demonstratives_after_a_function_word_point_back():
    first = _ask("Apa itu KEK Bitung?")
    for text in ("kepada siapa mereka melapor?",  # a pronoun, as "they" is
                 "trs zona-nya ada apa aja?", "luas-nya brp?",  # -nya after a hyphen
                 "selain itu ada apa lagi?"):
        follow = _ask(text, first)
        assert follow.points_back and any(g.word == "bitung" for g in follow.context), text
    # after a noun "itu" / "tu" is chat's topic marker; after a question word the question's own
    for text in ("Apa itu klaster industri?", "klaster industri itu apa sih?",
                 "apa sih itu klaster?", "sentra ikm tu minimal hrs ada brp unit usaha?"):
        assert not analyze(text).points_back, text


def test_a_new_subject_is_a_new_question():
    first = _ask("Apa itu KEK Bitung dan di provinsi mana letaknya?")
    standalone = _ask("Berapa luas KEK Palu?", first)
    assert standalone.context == [] and standalone.query == "Berapa luas KEK Palu?"


def test_elliptical_followup_keeps_the_question_and_takes_the_new_name():
    first = _ask("Berapa luas KEK Palu?")
    follow = _ask("Dan KEK Morotai?", first)
    assert "area" in follow.types and "luas" in {g.word for g in follow.groups}
    assert "palu" not in follow.query.lower() and "morotai" in follow.query.lower()


def test_ordinals_of_the_earlier_question_are_not_carried():
    first = _ask("Apa tahap kedua pengembangan klaster?")
    follow = _ask("Berapa lama tahap tersebut?", first)
    assert "kedua" not in {g.word for g in follow.context}


def test_pointing_back_beside_a_new_name_keeps_the_earlier_subject():
    first = _ask("Siapa pengusul pembentukan Kawasan Ekonomi Khusus Morotai?")
    follow = _ask("Usulan tersebut diajukan oleh siapa ke Dewan Nasional Kawasan Ekonomi Khusus?",
                  first, ["kek.md"])
    assert "morotai" in {g.word for g in follow.context}
    assert follow.prior_sources == ["kek.md"]


def test_a_sibling_name_takes_the_earlier_names_place():
    first = _ask("Berapa luas KEK Palu?")
    follow = _ask("Berapa luasnya KEK Morotai?", first)
    assert follow.context == [] and "palu" not in follow.query.lower()


def test_an_ordinal_in_a_followup_counts_the_earlier_answer_not_the_passage():
    first = _ask("RUU apa saja yang dibutuhkan dalam kerangka regulasi Prioritas Nasional 5?")
    follow = _ask("yg kedua itu lembaganya nanti tugasnya ngelola apa aja?", first)
    assert not any(g.specific for g in follow.groups if g.ordinal)
    alone = _ask("Apa tahap kedua pengembangan klaster?")
    assert any(g.specific for g in alone.groups if g.ordinal)  # asked alone, it is required


def test_a_question_word_or_function_word_with_nya_points_at_nothing_said_before():
    # "artinya" is how the question asks "what does it mean", not "its meaning" of an earlier term
    assert not analyze("korporasi dlm uu 3/2014 tu artinya apa? jelasin dong").points_back
    assert not analyze("perindustrian tu sebenernya apa sih?").points_back  # an adverb
    assert analyze("Berapa luasnya?").points_back
    assert analyze("What is its area?").points_back  # a pronoun stays a pronoun


def test_a_followup_keeps_the_places_the_earlier_answer_quoted_a_new_subject_does_not():
    first = _ask("Apa saja materi pemagangan bagi IKM?")
    places = [("pp.md", "Pasal 17")]
    follow = resolve_followup(analyze("Pelaksanaannya disesuaikan dengan apa?"), first,
                              ["pp.md"], places)
    assert follow.prior_places == places
    sibling = resolve_followup(analyze("Dan KEK Morotai?"), _ask("Berapa luas KEK Palu?"),
                               ["pp.md"], places)
    assert sibling.prior_places == []
