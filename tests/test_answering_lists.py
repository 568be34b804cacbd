"""Which lists answer a list question: a list's lead-in, a sentence listing in its own words."""

from assistant.answering.lists import lead_in, led_by_the_question
from assistant.answering.spans import candidate_spans
from assistant.documents import Chunk, Passage


def test_a_lists_lead_in_runs_past_a_reference_to_another_paragraph():
    quote = ("(4) Penyedia teknologi yang tidak melakukan alih teknologi sebagaimana dimaksud "
             "pada ayat (2) dikenai sanksi administratif berupa:\na. peringatan tertulis;\n"
             "b. penghentian sementara.")
    assert lead_in(quote).endswith("dikenai sanksi administratif berupa:")
    assert lead_in("a. Penyediaan ruang, antara lain berupa: 1) techno park; 2) pusat animasi"
                   ) == "Penyediaan ruang, antara lain berupa:"
    # a flattened table runs its numbered cells on: the lead-in stops at the first
    assert lead_in("insentif di luar Pulau Jawa Periode 2020-2035 20. Penguatan konektivitas "
                   "Tabel 7.4 Program Kawasan Peruntukan Industri 1. Koordinasi") == \
        "insentif di luar Pulau Jawa Periode 2020-2035"
    # a run of blank lines is read once
    assert lead_in("meliputi" + "\n" * 50_000 + "x") == "meliputi" + "\n" * 50_000 + "x"


def test_a_sentence_listing_in_its_own_words_stays_beside_the_led_lists():
    from assistant.answering.question import analyze

    def spans(text):
        chunk = Chunk(id=text[:9], source="ripin.md", title="", label="", kind="regulation",
                      year=None, location="", order=0, text=text)
        return candidate_spans([Passage(chunk, 1.0)])

    led = spans("Infrastruktur industri di luar kawasan peruntukan industri meliputi:\n"
                "1. jalan;\n2. pelabuhan.")
    inline = spans("Infrastruktur yang dibutuhkan oleh industri di dalam dan di luar kawasan "
                   "peruntukan industri mencakup energi dan lahan kawasan industri.")
    fewer = spans("Kawasan industri dibangun antara lain di luar Jawa dan Bali.")
    # a numbered paragraph listing in its own words is a sentence too; an item is not
    paragraph = spans("(2) Infrastruktur yang dibutuhkan oleh industri di dalam dan di luar "
                      "kawasan peruntukan industri mencakup air dan jaringan telekomunikasi.")
    item = spans("b. infrastruktur yang dibutuhkan industri di dalam dan di luar kawasan "
                 "peruntukan industri mencakup jalan dan pelabuhan.")
    question = analyze("Infrastruktur yang dibutuhkan industri di dalam maupun di luar kawasan "
                       "peruntukan industri mencakup apa saja?", known=lambda _word: True)
    kept = led_by_the_question(question, led + inline + fewer + paragraph + item,
                               lambda _term: 2.0)
    # the list its lead-in leads, and the sentences saying more of the question, not one
    # saying less nor a list's item
    assert led[0].is_list and [s.quote for s in kept] == [
        led[0].quote, inline[0].quote, paragraph[0].quote]


def test_a_list_question_asks_for_a_noun_phrase_read_head_first():
    from assistant.answering.answer_types import asked_phrase

    # Indonesian puts the head first: the phrase before the list cue, or after it
    assert asked_phrase("pola kemitraan umkm apa saja menurut uu 20/2008") == (
        "pola", "mitra", "umkm")
    assert asked_phrase("Menurut PP 29/2018, apa saja bentuk-bentuk pemberian fasilitas "
                        "kepada IKM?") == ("bentuk", "beri", "fasilitas")
    assert asked_phrase("Sebutkan empat tahapan generik pengembangan klaster industri.")[0] \
        == "tahap"
    assert asked_phrase("tugas komite industri nasional itu apa saja?")[0] == "tugas"
    # a verb or a stopword ends the phrase: nothing nominal is asked of
    assert asked_phrase("perwilayahan industri dilaksanakan melalui apa saja?") == ()
    assert asked_phrase("Berapa luas KEK Sorong?") == ()
    assert asked_phrase("a " * 20_000 + "apa saja") == ()  # linear on a pasted page


def test_a_list_whose_lead_in_names_the_asked_noun_is_led_though_it_says_less_of_the_question():
    from assistant.answering.question import analyze
    from assistant.answering.scorer import names_head

    def spans(text):
        chunk = Chunk(id=text[:9], source="umkm.md", title="", label="", kind="regulation",
                      year=None, location="", order=0, text=text)
        return candidate_spans([Passage(chunk, 1.0)])

    patterns = spans("Kemitraan dilaksanakan dengan pola:\na. inti-plasma;\nb. subkontrak;\n"
                     "c. waralaba.")
    duties = spans("Pelaksanaan kemitraan dengan pola inti-plasma, Usaha Besar sebagai inti "
                   "membina Usaha Mikro, Kecil, dan Menengah yang menjadi plasmanya dalam:\n"
                   "a. penyediaan lahan;\nb. pembiayaan.")
    question = analyze("Pola kemitraan apa saja yang diatur untuk Usaha Mikro, Kecil, dan "
                       "Menengah?", known=lambda _word: True)
    assert names_head("pola", patterns[0].quote) and not names_head("pola", duties[0].quote)
    assert not names_head(None, patterns[0].quote)
    kept = led_by_the_question(question, duties + patterns, lambda _term: 2.0)
    assert patterns[0].quote in [s.quote for s in kept]
