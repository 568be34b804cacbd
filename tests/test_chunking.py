from assistant.chunking import chunk_document, split_sentences
from assistant.documents import Document, Part

REGULATION = """# Undang-Undang Republik Indonesia Nomor 3 Tahun 2014 tentang Perindustrian

BAB I KETENTUAN UMUM
Pasal 1
Dalam Undang-Undang ini yang dimaksud dengan:
1. Perindustrian adalah tatanan dan segala kegiatan yang bertalian dengan kegiatan Industri.
11. Kawasan Industri adalah kawasan tempat pemusatan kegiatan Industri yang dilengkapi dengan sarana dan prasarana penunjang.
Pasal 9
(1) Pemerintah menyusun Rencana Induk Pembangunan Industri Nasional.
(4) Rencana Induk Pembangunan Industri Nasional disusun untuk jangka waktu 20 (dua puluh) tahun dan dapat ditinjau kembali setiap 5 (lima) tahun.
Pasal 10
Setiap usaha mikro memiliki kekayaan bersih paling banyak Rp50.000.000,00 (lima puluh juta rupiah). Ketentuan lain diatur dengan Peraturan Pemerintah.
LEMBARAN NEGARA TAHUN 2099 NOMOR 1 PENJELASAN ATAS UNDANG-UNDANG CONTOH NOMOR 99 TAHUN 2099
Pasal 9
Yang dimaksud dengan "rantai nilai" adalah serangkaian urutan kegiatan.
"""


def _doc(text: str, parts=None) -> Document:
    return Document(source="uu.md", path="/x/uu.md", title="Undang-Undang Nomor 3 Tahun 2014",
                    label="UU 3/2014", kind="regulation", year=2014,
                    parts=tuple(parts or [Part(text)]), sha256="0")


def test_sentences_keep_numbers_abbreviations_and_list_markers():
    text = ("Kekayaan paling banyak Rp50.000.000,00 (lima puluh juta rupiah). Lihat No. 3 di atas. "
            "a. bahwa industri maju. Tahun 2013. Berikutnya kalimat.")
    assert split_sentences(text) == [
        "Kekayaan paling banyak Rp50.000.000,00 (lima puluh juta rupiah).",
        "Lihat No. 3 di atas.",
        "a. bahwa industri maju.",
        "Tahun 2013.",
        "Berikutnya kalimat.",
    ]


def test_regulation_chunks_follow_pasal_boundaries():
    chunks = chunk_document(_doc(REGULATION), size=200, max_chars=400)
    by_location = {}
    for chunk in chunks:
        by_location.setdefault(chunk.location, []).append(chunk.text)
    assert "Pasal 9" in by_location and "Pasal 10" in by_location
    assert any("jangka waktu 20 (dua puluh) tahun" in t for t in by_location["Pasal 9"])
    assert not any("Rp50.000.000,00" in t for t in by_location["Pasal 9"])
    assert any("rantai nilai" in t for t in by_location["Penjelasan Pasal 9"])
    assert chunks[0].header.startswith("UU 3/2014")


def test_chunks_never_cut_a_sentence_and_respect_the_size_limit():
    sentences = [f"Kalimat nomor {i} menjelaskan kebijakan klaster industri di wilayah timur."
                 for i in range(60)]
    chunks = chunk_document(_doc(" ".join(sentences)), size=300, max_chars=400)
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk.text) <= 400
        assert chunk.text.endswith(".")
    assert [s for c in chunks for s in c.text.split("\n")] == sentences


def test_chunk_ids_are_stable_content_hashes():
    first = chunk_document(_doc(REGULATION))
    again = chunk_document(_doc(REGULATION))
    assert [c.id for c in first] == [c.id for c in again]
    changed = chunk_document(_doc(REGULATION.replace("20 (dua puluh)", "25 (dua puluh lima)")))
    assert {c.id for c in first} != {c.id for c in changed}
    assert len({c.id for c in first}) == len(first)


def test_pdf_pages_become_locations():
    doc = _doc("", parts=[Part("Halaman pertama berisi teks.", page=1),
                          Part("Halaman kedua berisi teks lain.", page=2)])
    assert [c.location for c in chunk_document(doc, size=200, max_chars=300)] == ["hlm. 1–2"]
    assert [c.location for c in chunk_document(doc, size=40, max_chars=300)] == ["hlm. 1", "hlm. 2"]


def test_markdown_headings_name_the_place():
    text = "# Judul\n\n## 4.7 Wilayah Maluku\n\n### Isu Wilayah\n• Pertumbuhan ekonomi 14,2 persen.\n"
    chunks = chunk_document(_doc(text))
    assert chunks[-1].location == "4.7 Wilayah Maluku · Isu Wilayah"


def test_a_gazette_cited_inside_a_rule_stays_in_its_sentence():
    from assistant.answering.patterns import is_boilerplate
    from assistant.chunking import split_boilerplate

    rule = ("c. Izin Usaha Industri yang dikeluarkan berdasarkan Undang-Undang Nomor 5 Tahun 1984 "
            "tentang Perindustrian (Lembaran Negara Republik Indonesia Tahun 1984 Nomor 22, "
            "Tambahan Lembaran Negara Republik Indonesia Nomor 3274) dinyatakan tetap berlaku.")
    assert split_boilerplate(rule) == [rule] and not is_boilerplate(rule)
    # a list of legal bases ends with the citation: the citation is furniture of its own
    basis = ("2. Undang-Undang Nomor 39 Tahun 2009 tentang Kawasan Ekonomi Khusus (Lembaran Negara "
             "Republik Indonesia Tahun 2009 Nomor 147, Tambahan Lembaran Negara Republik Indonesia "
             "Nomor 5066);")
    law, citation = split_boilerplate(basis)
    assert law.endswith("Kawasan Ekonomi Khusus") and citation.startswith("(Lembaran")
    assert is_boilerplate(citation) and not is_boilerplate(law)
