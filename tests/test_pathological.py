"""Every text step is linear on pathological input: each case is timed at two sizes, and the
larger must cost about four times the smaller (not sixteen), within a per-chunk budget."""

import time

import pytest
from builders import make_document

from assistant.chunking import chunk_document, split_sentences
from assistant.language import find_acronyms
from assistant.render import highlight, inert

PER_CHUNK_SECONDS = 0.005  # measured: 0.2-1 ms per chunk on the cases below, 2 cores

CASES = {
    "capitals without spaces": lambda n: "A" * n,  # issue 7: 2 MB never finished
    "capitals with an acronym after": lambda n: "Ab " * (n // 3) + "(AB)",
    "acronyms only": lambda n: "(KEK) " * (n // 6),
    "single-letter abbreviations": lambda n: "a. " * (n // 3),
    "numbered list markers": lambda n: "1. " * (n // 3),
    "heading with trailing spaces": lambda n: "## a" + " " * n + "x",
    "heading with trailing hashes": lambda n: "## a" + "#" * n + "x",
    "lampiran roman sections": lambda n: "LAMPIRAN PERATURAN X. " + "I. AB " * (n // 6),
    "lampiran capitals run": lambda n: "LAMPIRAN PERATURAN X. I. " + "A" * n,
    "one short line each": lambda n: "x\n" * (n // 2),
    "repeated boilerplate": lambda n: ("Kalimat yang sama di sini. " * 30 + "\n\n") * (n // 800),
    "bagian headings": lambda n: ("Bagian " + "x " * 8 + "\n") * (n // 25),
    "open parentheses": lambda n: "(" * n,
    "gazette citations never closed": lambda n: "(Lembaran Negara Republik Indonesia Tahun 2009 "
                                                * (n // 47),
    "gazette citations closed by a run of parentheses": lambda n: (
        "(Lembaran Negara Republik Indonesia Tahun 2009" + ")" * (n // 2)) * 2,
    "closing quotes": lambda n: "a." + '"' * n + " B",
    "flattened table rows": lambda n: "Tabel 1.1 Judul No Uraian Nilai "
                                      + "1 Baris satu 1.090 2.000 " * (n // 25),
    "table runs that never make a row": lambda n: "Tabel 1.1 " + ("kata " * 31 + "1 2 ") * (n // 160),
    "table captions only": lambda n: "Tabel 1.1 " * (n // 10),
    "pipe rows": lambda n: "| a | b |\n| --- | --- |\n" + "| x | 1 |\n" * (n // 10),
}


def _cost(text: str) -> tuple[float, int]:
    started = time.perf_counter()
    chunks = chunk_document(make_document(text))
    find_acronyms([c.text for c in chunks])
    for chunk in chunks[:50]:
        split_sentences(chunk.text)
        highlight(chunk.text, "Berapa luas KEK Bitung AAAA?")
    return time.perf_counter() - started, len(chunks)


@pytest.mark.slow  # times each case at two sizes: seconds in all
@pytest.mark.parametrize("name", list(CASES))
def test_text_steps_stay_linear(name):
    make = CASES[name]
    small, _ = min(_cost(make(50_000)) for _ in range(2))
    large, chunks = min(_cost(make(400_000)) for _ in range(2))
    # 8x the input: linear costs ~8x, quadratic ~64x; the floor absorbs timer noise.
    assert large <= 20 * max(small, 0.005), (name, small, large)
    assert large <= 0.05 + PER_CHUNK_SECONDS * max(chunks, 1), (name, large, chunks)


def test_no_chunk_is_longer_than_its_limit_even_without_spaces():
    chunks = chunk_document(make_document("A" * 5000 + " kata " + "B" * 2500), size=900, max_chars=1100)
    assert chunks and max(len(c.text) for c in chunks) <= 1100
    assert "".join(c.text.replace(" kata ", "").replace("\n", "") for c in chunks).count("A") == 5000


def test_acronyms_in_two_megabytes_of_capitals_are_found_in_bounded_time():
    text = "A" * 2_000_000 + " Kawasan Ekonomi Khusus (KEK) dan " + "B" * 1000
    started = time.perf_counter()
    found = find_acronyms([text])
    assert time.perf_counter() - started < 5
    assert found == {"KEK": "kawasan ekonomi khusus"}


def test_inert_text_forms_no_link_or_image():
    out = inert("Lihat ![x](http://198.51.100.7/a.png), [klik](https://e.test) www.e.test a@b.test <b>")
    assert "![x](" not in out and "[klik](" not in out and "<b>" not in out
    assert "\\[x\\]" in out and "http\u2060://" in out and "www\u2060." in out and "@\u2060" in out
