"""Language detection and acronyms defined in the documents' text."""

from assistant.language import capitalisation, detect_language, find_acronyms, loanword_forms, names


def test_language_detection():
    assert detect_language("Berapa luas KEK Bitung?") == "id"
    assert detect_language("How large is the Palu Special Economic Zone?") == "en"
    assert detect_language("Apa yang dimaksud dengan klaster industri?") == "id"


def test_acronyms_defined_in_text():
    found = find_acronyms(["Pengembangan Kawasan Ekonomi Khusus (KEK) dan One Village One "
                           "Product (OVOP) serta Rencana Induk Pembangunan Industri Nasional "
                           "yang selanjutnya disingkat RIPIN."])
    assert found == {"KEK": "kawasan ekonomi khusus", "OVOP": "one village one product",
                     "RIPIN": "rencana induk pembangunan industri nasional"}


def test_english_words_spelled_the_indonesian_way():
    assert "infrastruktur" in loanword_forms("infrastructure")
    assert "komoditas" in loanword_forms("commodity")
    assert "ekonomi" in loanword_forms("economic")
    assert "teknologi" in loanword_forms("technology")
    assert "potensi" in loanword_forms("potential")
    assert "produk" in loanword_forms("products")


def test_capitalisation_counts_words_inside_sentences_only():
    counts = capitalisation([
        "Luas KEK Bitung di Provinsi Sulawesi Utara. Bitung maju; industri tumbuh.",
        "a. Industri Kecil di Bitung; b. industri besar. KAWASAN INDUSTRI",
    ])
    # "Bitung" opening a sentence and "Industri" opening a list item say nothing; a heading in
    # capitals neither
    assert counts["bitung"] == [2, 0]
    assert counts["industri"] == [0, 2]
    assert counts["kecil"] == [1, 0] and counts["provinsi"] == [1, 0]
    assert "kawasan" not in counts


def test_names_are_the_words_almost_never_written_in_lower_case():
    counts = {"papua": [73, 0], "sorong": [3, 0], "industri": [1087, 841], "pasal": [178, 6],
              "palu": [2, 0], "nomor": [500, 10], "kecamatan": [60, 0]}
    # "Kecamatan Mayamuk": a word introducing a place name is capitalised with it, not a name
    assert names(counts) == {"papua", "sorong", "nomor"}
