"""The fitted scorer: shipped weights match the features, terms weigh by rarity, coverage."""

import numpy as np

from assistant.answering import analyze, resolve_followup
from assistant.answering.scorer import (
    FEATURES,
    REFUSAL_FEATURES,
    adjacent_pairs,
    asked_slot,
    coverage,
    feature_rows,
    load_weights,
    novel_share,
    pair_share,
    repeat_share,
    slot_share,
    weights_of,
)
from assistant.answering.spans import candidate_spans
from assistant.documents import Chunk, Passage
from assistant.lexical import stopwords, tokenize


def test_the_shipped_weights_fit_the_feature_list():
    weights = load_weights()
    assert len(weights.rank) == len(FEATURES) and len(weights.refusal) == len(REFUSAL_FEATURES)
    rows = np.zeros((2, len(FEATURES)))
    rows[0, 0] = 1.0
    scores = weights.scores(rows)
    assert scores.shape == (2,) and 0.0 <= weights.confidence(rows, scores) <= 1.0


def test_rare_terms_weigh_more_and_coverage_is_the_weighted_share():
    question = analyze("Berapa luas KEK Bitung?", known={"luas", "kek", "bitung"}.__contains__)
    rarity = {"luas": 1.0, "kek": 2.0, "bitung": 5.0}
    weights = weights_of(question.groups, lambda stem: rarity.get(stem, 1.0))
    by_word = dict(zip((g.word for g in question.groups), weights, strict=True))
    assert by_word["bitung"] > by_word["kek"] > 0
    assert coverage(question.groups, weights, "KEK Bitung memiliki luas 534 ha") == 1.0
    share = coverage(question.groups, weights, "KEK Palu")
    assert 0.0 < share < 0.5
    assert coverage(question.groups, [0.0] * len(weights), "apa saja") == 0.0


def test_a_span_that_only_restates_the_question_adds_nothing_and_phrases_count_as_pairs():
    asked = "pengelolaan portofolio perlu dioptimalkan"
    from assistant.lexical import tokenize

    stems = set(tokenize(asked))
    assert novel_share("Pengelolaan portofolio perlu dioptimalkan.", stems) == 0.0
    assert novel_share("Hal ini dilakukan mengingat portofolio masih terbatas.", stems) >= 0.5
    pairs = adjacent_pairs("kawasan industri di Bitung")
    assert pair_share(pairs, "Kawasan Industri Bitung seluas 534 ha") == 1.0
    assert pair_share(pairs, "Industri di kawasan timur, Bitung") < 1.0


def test_the_words_before_a_question_word_asked_in_place_mark_the_answers_slot():
    informal = analyze("rencana kerja tahunan tu ditetapin sm siapa sih?")
    assert asked_slot(informal.normalized)[-1] == "sama"  # the slang is spelled out first
    slot = asked_slot("Menurut PP 29/2018, pendampingan dilakukan dengan cara apa saja?")
    assert slot == ["dengan", "cara"]
    assert slot_share(slot, "(1) Pendampingan dilakukan dengan cara menempatkan tenaga ahli") == 1.0
    assert slot_share(slot, "Pemberian fasilitas dengan berbagai cara") == 0.0  # not side by side
    assert slot_share(asked_slot("KIN ditetapkan berdasarkan apa?"),
                      "Industri kecil ditetapkan berdasarkan jumlah tenaga kerja") == 1.0
    assert slot_share(asked_slot("siapa penyusunnya?"), "Menteri menyusun") == 0.0  # nothing asked in place
    assert asked_slot("Berapa luas KEK Sorong?") == []  # the question word opens its clause
    # the fitted ranker prefers the span that fills the slot
    assert load_weights().rank[FEATURES.index("slot")] > 0


def test_a_followup_span_is_scored_by_how_much_of_the_previous_quote_it_repeats():
    earlier = "(1) Pemberian fasilitas bantuan teknis dilakukan dengan cara Pemagangan dan Pendampingan."
    first = analyze("Fasilitas bantuan teknis dilakukan dengan cara apa?")
    follow = resolve_followup(analyze("nah yg pendampingan tu dilakuin gmn?"), first, ["pp.md"],
                              [("pp.md", "Pasal 15")], [earlier])
    assert follow.prior_quotes == [earlier]
    quoted = [set(tokenize(q)) - stopwords() for q in follow.prior_quotes]
    assert repeat_share(quoted, earlier) == 1.0
    told = "Pendampingan dilakukan dengan cara menempatkan tenaga ahli pada IKM."
    assert 0.0 < repeat_share(quoted, told) < 0.9  # the item it names, told elsewhere
    assert repeat_share([], told) == 0.0  # a first question
    # the fitted ranker: a span on the earlier quote's words counts, the earlier quote again
    # does not (follow-ups ask about what it mentions)
    weights = load_weights().rank
    assert weights[FEATURES.index("repeat")] > 0 > weights[FEATURES.index("same")]
    # and a span going on from an article it quoted ("sebagaimana dimaksud dalam Pasal 45 …")
    assert weights[FEATURES.index("cites_quoted")] > 0



def test_a_span_citing_an_article_the_earlier_answer_quoted_is_marked():
    first = analyze("Dalam bentuk apa saja Pemerintah memberikan kemudahan pembiayaan?")
    follow = resolve_followup(analyze("Bantuan mesin tersebut diberikan dalam rangka apa?"),
                              first, ["uu.md"], [("uu.md", "Pasal 45")])

    def span(source, text):
        chunk = Chunk(id=source, source=source, title="", label="", kind="regulation",
                      year=None, location="Pasal 46", text=text, order=0)
        return candidate_spans([Passage(chunk, 1.0)])[0]

    going_on = "Pembiayaan sebagaimana dimaksud dalam Pasal 45 ayat (2) huruf e dilakukan."
    spans = [span("uu.md", going_on), span("pp.md", going_on),
             span("uu.md", "Pembiayaan sebagaimana dimaksud pada ayat (1) dilakukan.")]
    zeros = np.zeros(len(spans))
    rows = feature_rows(follow, spans, zeros, zeros, lambda _: 1.0, lambda _: True, set())
    assert list(rows[:, FEATURES.index("cites_quoted")]) == [1.0, 0.0, 0.0]
