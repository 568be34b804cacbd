"""Language detection and acronyms defined in the documents' text."""

from assistant.language import detect_language, find_acronyms


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
