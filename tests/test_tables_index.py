"""Tables through the real pipeline: a Markdown table, a CSV and an XLSX (made here with openpyxl)
ingested with the real e5 model and real Chroma beside broken table files, then asked about."""

import pytest

pytestmark = pytest.mark.slow

MARKDOWN = """# Rencana Pengembangan Industri Kecil dan Menengah

## Sasaran fasilitas

Untuk mendukung pengembangan IKM ditetapkan sasaran penguatan kelembagaan dan pemberian
fasilitas sebagai berikut.

| No | Kelompok | Sasaran | 2015-2019 | 2020-2024 |
| --- | --- | --- | --- | --- |
| 1 | Penguatan kelembagaan | Penguatan sentra IKM (sentra) | 1.090 | 1.305 |
| 2 | Penguatan kelembagaan | Penyediaan tenaga penyuluh lapangan (orang) | 1.000 | 1.200 |
| 3 | Pemberian fasilitas | Fasilitas bantuan mesin atau peralatan untuk IKM (unit IKM) | 815 | 1.165 |
| 4 | Pemberian fasilitas | Fasilitas akses pembiayaan untuk IKM (unit IKM) | 5.200 | 6.300 |

Sasaran tersebut dicapai secara bertahap oleh pemerintah daerah.
"""
CSV = ("Provinsi;Jumlah IKM;Tahun\nPapua;1.250;2023\nMaluku;2.480;2023\n"
       "Sulawesi Utara;3.975;2023\nNusa Tenggara Timur;4.120;2023\n")


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    import openpyxl

    from assistant.config import load_settings
    from assistant.service import Assistant

    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "rencana_ikm.md").write_text(MARKDOWN, encoding="utf-8")
    (corpus / "ikm_provinsi.csv").write_bytes(CSV.encode("cp1252"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Kawasan"
    for row in [("Kawasan ekonomi khusus", "Luas (ha)"), ("KEK Bitung", 534),
                ("KEK Sorong", 523.7), ("KEK Morotai", 1101.76)]:
        sheet.append(row)
    book.save(corpus / "kek_luas.xlsx")
    (corpus / "rusak.csv").write_bytes(b"\x00\x01binary\x00" * 50)
    (corpus / "rusak.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    index = tmp_path_factory.mktemp("index")
    helper = Assistant(load_settings(index=index, corpus=corpus))
    report = helper.ingest([corpus], progress=False)
    helper.report = report
    return helper


def test_broken_table_files_are_reported_and_the_others_indexed(assistant):
    report = assistant.report
    assert sorted(report.added) == ["ikm_provinsi.csv", "kek_luas.xlsx", "rencana_ikm.md"]
    failed = dict(report.failed)
    assert set(failed) == {"rusak.csv", "rusak.xlsx"}
    assert "binary" in failed["rusak.csv"] and "xlsx" in failed["rusak.xlsx"]


def test_table_answer_is_the_header_and_the_rows_that_answer(assistant):
    answer = assistant.ask("Fasilitas apa saja yang diberikan untuk IKM?")
    assert answer.found
    lines = [line for line in answer.text.split("\n") if line.startswith("|")]
    assert lines[0].startswith("| No | Kelompok | Sasaran | 2015-2019 | 2020-2024 |")
    rows = [line.split(" | ")[2] for line in lines[2:]]
    assert rows == ["Fasilitas bantuan mesin atau peralatan untuk IKM (unit IKM)",
                    "Fasilitas akses pembiayaan untuk IKM (unit IKM)"]


def test_csv_row_is_cited_by_file_and_row(assistant):
    answer = assistant.ask("Berapa jumlah IKM di Maluku?")
    assert answer.found and "2.480" in answer.text
    cited = next(c for c in answer.citations if "Maluku" in c.quote)
    assert f"{cited.label} · {cited.location}" == "ikm_provinsi.csv · row 3"
    assert cited.quote.startswith("| Provinsi | Jumlah IKM | Tahun |")


def test_xlsx_row_is_cited_with_its_sheet(assistant):
    answer = assistant.ask("Berapa luas KEK Sorong?")
    assert answer.found and "523.7" in answer.text
    cited = next(c for c in answer.citations if "KEK Sorong" in c.quote)
    assert f"{cited.label} · {cited.location}" == "kek_luas.xlsx · Kawasan · row 3"


def test_comparison_gives_each_figure_its_own_citation(assistant):
    answer = assistant.ask("Provinsi mana yang jumlah IKM tertinggi?")
    assert answer.found
    figures = {f.label: f for f in answer.figures}
    assert {"Papua", "Maluku", "Sulawesi Utara", "Nusa Tenggara Timur"} <= set(figures)
    assert figures["Nusa Tenggara Timur"].value == 4120.0
    assert len({f.n for f in answer.figures}) == len(answer.figures)
    for figure in answer.figures:
        quote = answer.citations[figure.n - 1].quote
        assert f"| {figure.label} |" in quote
