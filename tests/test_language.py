"""Language detection and acronyms defined in the documents' text."""

from assistant.language import detect_language, find_acronyms, loanword_forms


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
