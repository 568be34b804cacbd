"""The real e5 model and real Chroma over the shared corpus, through the service and the CLI."""

import json
import os
import re
import subprocess
import sys

import pytest

from assistant.answering import unsupported_numbers
from assistant.chain import Conversation
from assistant.evaluate import evaluate, load_items

pytestmark = pytest.mark.slow


def test_retrieves_the_known_passage(real_assistant):
    answer = real_assistant.ask("Berapa luas KEK Bitung dan di kecamatan mana letaknya?")
    assert answer.found and "534" in answer.text and "Matuari" in answer.text
    top = answer.passages[0].chunk
    assert top.source == "id_pp_kek_kawasan_timur_indonesia.md" and "Bitung" in top.location
    cited = answer.citations[0]
    assert cited.source == top.source and cited.quote in top.text
    assert unsupported_numbers(answer) == []


def test_english_question_over_indonesian_documents(real_assistant):
    answer = real_assistant.ask("How large is the Palu Special Economic Zone and where is it?")
    assert answer.found and answer.language == "en"
    assert "1.500" in answer.text and "Tawaeli" in answer.text


def test_out_of_scope_is_not_found(real_assistant):
    for question in ("Siapa pemenang Piala Dunia 2018?", "What is the capital of France?",
                     "Berapa luas KEK Mandalika?"):
        answer = real_assistant.ask(question)
        assert not answer.found and answer.citations == [], question


def test_follow_up_in_one_conversation(real_assistant):
    conversation = Conversation()
    real_assistant.ask("Apa itu KEK Bitung dan di provinsi mana letaknya?", conversation)
    answer = real_assistant.ask("Berapa luasnya?", conversation)
    assert answer.found and "534" in answer.text
    conversation.clear()
    fresh = real_assistant.ask("Berapa luasnya?", conversation)
    assert "534" not in fresh.text


def test_a_question_asking_two_things_quotes_what_answers_each(real_assistant):
    answer = real_assistant.ask("brp persen kab/kota di wilayah Papua yg tergolong daerah "
                                "tertinggal? trs pekerja lulusan SD ke bawah brp persen?")
    assert answer.found and "61 persen" in answer.text and "52,19" in answer.text


def test_source_filter(real_assistant):
    answer = real_assistant.ask("Apa yang dimaksud dengan klaster industri?",
                                sources=["id_uu_3_2014_perindustrian.md"])
    assert all(p.chunk.source == "id_uu_3_2014_perindustrian.md" for p in answer.passages)


@pytest.mark.eval  # score thresholds on a question set
def test_golden_questions(real_assistant, golden_file, tmp_path):
    report = evaluate(real_assistant, load_items(golden_file), tmp_path / "results.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert len(rows) == 30 and {"id", "answer", "found", "citations", "passed"} <= set(rows[0])
    assert report.passed["out_of_scope"] == report.total["out_of_scope"] == 4
    assert report.score >= 28, report.summary()
    assert report.retrieval_hits / report.retrieval_total >= 0.95, report.summary()


def test_cli_ask_json_and_ingest_idempotence(real_assistant, shared_corpus):
    env = {**os.environ, "KLASTER_INDEX": str(real_assistant.settings.index)}
    ingest = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(shared_corpus),
                             "--quiet"], capture_output=True, text=True, env=env, check=True)
    assert "8 unchanged" in ingest.stdout and "0 embedded" in ingest.stdout
    asked = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json",
                            "Berapa batas kekayaan bersih usaha mikro menurut UU 20/2008?"],
                           capture_output=True, text=True, env=env, check=True)
    data = json.loads(asked.stdout)
    assert set(data) == {"answer", "found", "language", "citations", "figures", "generated", "note"}
    assert data["generated"] is False and data["note"] == ""  # the default reader quotes
    assert data["figures"] == []  # one figure is nothing to compare
    assert data["found"] is True and data["language"] == "id"
    assert "50.000.000" in data["answer"]
    citation = data["citations"][0]
    assert set(citation) == {"n", "source", "title", "location", "quote"}
    assert citation["n"] == 1 and citation["source"] == "id_uu_20_2008_umkm.md"
    missing = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json",
                              "Bagaimana cara memasak rendang?"], capture_output=True, text=True,
                             env=env, check=True)
    refused = json.loads(missing.stdout)
    assert refused["found"] is False and refused["citations"] == []


# Scores of the current reader on the project's question sets. dev/holdout/blind* were written
# for the rule-based reader before it (and tuned on); each round set was graded once as written
# before the answer changes of its round (first passes round1-86: 14/24, 16/24, 19/24, 19/24,
# 18/26, 16/26, 16/26, 20/26, 20/26, 13/26, 13/26, 13/26, 18/26, 17/26, 19/26, 19/26, 17/26,
# 15/26, 18/26, 23/26, 21/26, 19/26, 17/26, 20/26, 19/26, 15/26, 17/26, 16/26, 18/26,
# 23/26, 11/26, 18/26, 14/26, 16/26, 19/26, 13/26, 20/26, 20/26, 16/26, 17/26, 11/26,
# 19/26, 20/26, 15/26, 19/26, 18/26, 21/26, 19/26, 22/26, 25/26, 19/26, 19/26, 22/26,
# 18/26, 22/26, 19/26, 22/26, 19/26, 22/26, 19/26, 16/26, 18/26, 17/26, 18/26, 20/26, 18/26, 16/26,
# 22/26, 19/26, 18/26, 20/26, 18/26, 19/26, 20/26, 21/26, 19/26, 18/26, 18/26, 17/26, 20/26,
# 17/26, 22/26, 17/26, 22/26, 21/26, 23/26; docs/firstpass/)
# and is dev data since;
# the refusal threshold is chosen on them
# (training/threshold.json). The bounds are the current scores less one (index builds differ
# slightly from run to run).
# The default run keeps golden and the newest RECENT round sets; the older ones run with
# `pytest -m devsets` (each set takes ten seconds or more on 2 cores; all of them ran CI past 20
# minutes, and so did the newest 20 on a slow day).
SETS = [
    ("dev.jsonl", 16), ("holdout.jsonl", 10), ("blind.jsonl", 13), ("blind2.jsonl", 10),
    ("blind3.jsonl", 12), ("blind4.jsonl", 10), ("round1.jsonl", 19), ("round2.jsonl", 17),
    ("round3.jsonl", 20), ("round4.jsonl", 20), ("round5.jsonl", 22), ("round6.jsonl", 20),
    ("round7.jsonl", 14), ("round8.jsonl", 19), ("round9.jsonl", 23), ("round10.jsonl", 24),
    ("round11.jsonl", 21), ("round12.jsonl", 19), ("round13.jsonl", 21), ("round14.jsonl", 19),
    ("round15.jsonl", 21), ("round16.jsonl", 20), ("round17.jsonl", 20), ("round18.jsonl", 16),
    ("round19.jsonl", 18), ("round20.jsonl", 21), ("round21.jsonl", 20), ("round22.jsonl", 20),
    ("round23.jsonl", 18), ("round24.jsonl", 21), ("round25.jsonl", 17), ("round26.jsonl", 13),
    ("round27.jsonl", 15), ("round28.jsonl", 14), ("round29.jsonl", 18), ("round30.jsonl", 22),
    ("round31.jsonl", 14), ("round32.jsonl", 19), ("round33.jsonl", 14), ("round34.jsonl", 20),
    ("round35.jsonl", 18), ("round36.jsonl", 15), ("round37.jsonl", 20), ("round38.jsonl", 20),
    ("round39.jsonl", 15), ("round40.jsonl", 15), ("round41.jsonl", 13), ("round42.jsonl", 18),
    ("round43.jsonl", 20), ("round44.jsonl", 16), ("round45.jsonl", 19), ("round46.jsonl", 17),
    ("round47.jsonl", 22), ("round48.jsonl", 21), ("round49.jsonl", 22), ("round50.jsonl", 22),
    ("round51.jsonl", 18), ("round52.jsonl", 18), ("round53.jsonl", 21),
    ("round54.jsonl", 17), ("round55.jsonl", 19), ("round56.jsonl", 18),
    ("round57.jsonl", 21), ("round58.jsonl", 18),
    ("round59.jsonl", 21), ("round60.jsonl", 18),
    ("round61.jsonl", 15), ("round62.jsonl", 16),
    ("round63.jsonl", 16), ("round64.jsonl", 17), ("round65.jsonl", 19),
    ("round66.jsonl", 17), ("round67.jsonl", 15), ("round68.jsonl", 21),
    ("round69.jsonl", 17), ("round70.jsonl", 17), ("round71.jsonl", 19),
    ("round72.jsonl", 17), ("round73.jsonl", 18), ("round74.jsonl", 21),
    ("round75.jsonl", 20), ("round76.jsonl", 18), ("round77.jsonl", 17),
    ("round78.jsonl", 17), ("round79.jsonl", 16),
    ("round80.jsonl", 20), ("round81.jsonl", 17), ("round82.jsonl", 21),
    ("round83.jsonl", 16), ("round84.jsonl", 21), ("round85.jsonl", 20),
    ("round86.jsonl", 22),
]
RECENT = 12


def _round(name: str) -> int | None:
    number = re.fullmatch(r"round(\d+)\.jsonl", name)
    return int(number.group(1)) if number else None


def _earlier(name: str) -> bool:
    """A set older than the newest ``RECENT`` rounds (dev, holdout and blind* too)."""
    newest = max(n for n in map(_round, (name for name, _ in SETS)) if n is not None)
    number = _round(name)
    return number is None or number <= newest - RECENT


@pytest.mark.eval
@pytest.mark.parametrize(("name", "least"), [
    pytest.param(name, least, marks=[pytest.mark.devsets] if _earlier(name) else [])
    for name, least in SETS
])
def test_project_question_sets(real_assistant, name, least):
    from pathlib import Path

    items = load_items(Path(__file__).parent / "data" / name)
    report = evaluate(real_assistant, items)
    assert report.score >= least, report.summary()


@pytest.mark.parametrize(("turns", "expected", "wrong"), [
    (["Berapa luas KEK Sorong?", "Di kecamatan mana letaknya?"], "Mayamuk", "Morotai"),
    (["Berapa luas KEK Bitung?", "Di kabupaten mana letaknya?"], "Bitung", "Sorong"),
    # typed in lower case; "lokasinya di mana?" here quotes the explanation's "Lokasi yang
    # diusulkan terletak pada ALKI 2" (Palu's, but not its district): see the closing note of #6
    (["brp luas kek palu", "letaknya di kecamatan mana?"], "Tawaeli", "Bitung"),
])
def test_pronoun_followups_keep_the_subject(real_assistant, turns, expected, wrong):
    conversation = Conversation()
    for turn in turns:
        answer = real_assistant.ask(turn, conversation)
    assert answer.found and expected in answer.text and wrong not in answer.text


def test_informal_chat_question_is_answered(real_assistant):
    answer = real_assistant.ask("brp sih luas kek bitung kak")
    assert answer.found and "534" in answer.text


def test_who_coined_a_term_is_refused(real_assistant):
    answer = real_assistant.ask("Siapa yang pertama kali mencetuskan istilah klaster industri?")
    assert not answer.found


def test_who_holds_an_office_now_is_refused(real_assistant):
    # the documents say what the minister does, never who holds the office today
    for question in ("menteri perindustrian skrg siapa ya?",
                     "Who is the current Minister of Industry?"):
        assert not real_assistant.ask(question).found, question
    # who proposed is a role an institution fills: its name still answers
    assert "Jababeka" in real_assistant.ask("Siapa pengusul pembentukan KEK Morotai?").text


def test_a_follow_up_figure_is_of_the_thing_asked_not_of_its_verb(real_assistant):
    # "ditargetkan naik berapa persen": what is targeted is measured, not the verb
    conversation = Conversation()
    real_assistant.ask("Dalam RIPIN 2015-2035, jumlah unit usaha IKM ditargetkan tumbuh "
                       "berapa per tahun?", conversation)
    answer = real_assistant.ask("Kalau penyerapan tenaga kerjanya, ditargetkan naik berapa "
                                "persen per tahun?", conversation)
    assert answer.found and "3%" in answer.text


def test_answers_never_quote_signature_boilerplate(real_assistant):
    for question in ("Kapan KEK Morotai ditetapkan?", "Apa yang dimaksud dengan KEK?",
                     "Siapa yang menetapkan PP KEK Sorong?"):
        answer = real_assistant.ask(question)
        for citation in answer.citations:
            assert "LEMBARAN NEGARA" not in citation.quote
            assert "Salinan sesuai" not in citation.quote
            assert len(citation.quote.split()) <= 160, citation.quote


def test_names_are_learned_from_how_the_documents_write_them(real_assistant):
    vocabulary = real_assistant._vocab()
    assert {"papua", "maluku", "bitung", "sorong", "morotai"} <= vocabulary.names
    assert not {"industri", "wirausaha", "furnitur", "kawasan"} & vocabulary.names
    # typed in lower case, a region still has to be the passage's region
    answer = real_assistant.ask("rata2 upah buruh industri di papua brp sih?")
    assert all("Maluku" not in c.location for c in answer.citations)
