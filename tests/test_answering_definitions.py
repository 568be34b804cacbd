"""Which spans define the term a definition question asks about."""

from test_answering_reader import ask

from assistant.answering.definitions import definitions_first
from assistant.answering.spans import candidate_spans
from assistant.documents import Chunk, Passage


def test_a_subjects_head_word_explained_in_the_article_on_it_defines_the_subject():
    def spans(location, text):
        chunk = Chunk(id=location, source="uu.md", title="", label="", kind="regulation",
                      year=None, location=location, text=text, order=0)
        return candidate_spans([Passage(chunk, 1.0)])

    article = spans("Pasal 96", "(2) Tindakan penyelamatan Industri dilakukan melalui: a. "
                                "pemberian stimulus fiskal; dan b. pemberian kredit program.")
    explained = spans("Penjelasan Pasal 96", "Ayat (1) Yang dimaksud dengan “penyelamatan” "
                                             "adalah tindakan Pemerintah memulihkan Industri.")
    general = spans("Pasal 1", "2. Industri adalah seluruh bentuk kegiatan ekonomi.")
    chosen = definitions_first(ask("penyelamatan industri tu artinya apa sih?"),
                               article + explained + general)
    assert [s.passage.chunk.location for s in chosen] == ["Penjelasan Pasal 96"]
    # the head's general definition is not the subject's: "Industri adalah …" for "industri
    # hijau"; nor is the head explained in a passage that does not name the rest of the subject
    hijau = ask("apa itu industri hijau?")
    assert definitions_first(hijau, article + general) == article + general
    other = spans("Penjelasan Pasal 5", "Yang dimaksud dengan “penyelamatan” adalah upaya.")
    assert definitions_first(ask("apa itu penyelamatan industri?"), article + other) == \
        article + other
    # an article defining the head is no explanation, though it names the whole subject
    body = spans("Pasal 97", "(1) Penyelamatan adalah upaya. (2) Penyelamatan industri dapat "
                             "dilakukan.")
    assert definitions_first(ask("apa itu penyelamatan industri?"), article + body) == \
        article + body
    # an elucidation of the whole subject comes first
    whole = spans("Penjelasan Pasal 96", "Huruf b Penyelamatan industri dilakukan secara "
                                         "terpadu.")
    assert definitions_first(ask("apa itu penyelamatan industri?"),
                             article + explained + whole) == whole


def test_a_definition_question_naming_no_term_asks_of_the_one_the_passages_define():
    from assistant.answering.definitions import defined_subject, with_defined_subject

    chunk = Chunk(id="p1", source="pp.md", title="", label="", kind="regulation", year=None,
                  location="Pasal 1", text="12. Industri Kecil dan Industri Menengah yang "
                  "selanjutnya disebut IKM adalah Perusahaan Industri. 13. Pemagangan adalah "
                  "kegiatan pembelajaran yang diikuti oleh IKM dalam jangka waktu tertentu.",
                  order=0)
    passages = [Passage(chunk, 1.0)]
    question = ask("Saya menulis tentang pembinaan IKM. Berdasarkan definisi dalam PP 29/2018, "
                   "pemagangan itu diikuti oleh siapa saja dan dalam jangka waktu seperti apa?")
    # the scene sentence's "IKM" is defined too: the asking sentence's term comes first
    assert defined_subject(question, candidate_spans(passages)) == "pemagangan"
    assert with_defined_subject(question, passages).subject == "pemagangan"
    # the document named is no term asked ("PP" defined as the regulation's short name)
    named = Chunk(id="p0", source="pp.md", title="", label="", kind="regulation", year=None,
                  location="Pasal 1", text="1. Peraturan Pemerintah yang selanjutnya disingkat "
                  "PP adalah peraturan.", order=0)
    assert defined_subject(question, candidate_spans([Passage(named, 1.0), *passages])) == \
        "pemagangan"
    # a bare "maksud" asks a purpose: no term is guessed for it
    purpose = ask("Apa maksud dan tujuan pemagangan bagi IKM?")
    assert with_defined_subject(purpose, passages) is purpose
    # a term the question sets out itself, though too long to take, is not guessed at
    quoted = ask("Apa yang dimaksud dengan “pemagangan bagi IKM di perusahaan yang lebih maju "
                 "dan lembaga pendidikan”?")
    assert defined_subject(quoted, candidate_spans(passages)) is None
    # no phrase of the question is defined: no subject
    assert defined_subject(ask("Berdasarkan definisi dalam PP ini, koperasi itu diikuti oleh "
                               "siapa?"), candidate_spans(passages)) is None
