"""The chain's plan and its answer step, with a stand-in retriever and answerer: the searches
are tried most specific first and the first found answer wins."""

from builders import make_chunk

from assistant.answering import analyze
from assistant.chain import Conversation, Vocabulary, build_evidence_chain, readings
from assistant.documents import Answer, Passage


class _Retriever:
    """Returns one passage per search and records which files each search was limited to."""

    def __init__(self) -> None:
        self.searched: list[list[str] | None] = []

    def retrieve(self, query, language, k, sources=None, subject=None):
        self.searched.append(sources)
        return [Passage(make_chunk(f"passage for {query}", source=(sources or ["any.md"])[0]), 1.0)]

    def sources_named(self, names):
        if "PP 29/2018" in names:
            return ["pp29.md"]
        return ["artikel_kompasiana.md"] if "kompasiana" in names else []


def _vocabulary() -> Vocabulary:
    return Vocabulary(acronyms={}, known=lambda stem: True)


def test_a_named_regulation_is_searched_first_then_everything():
    question = analyze("Apa lingkup PP 29/2018?")
    plans = readings(question, None, lambda names: ["pp29.md"])
    assert [p.sources for p in plans] == [["pp29.md"], None]
    assert "29/2018" not in plans[0].question.query and plans[0].named == frozenset({"pp29.md"})
    assert [p.sources for p in readings(question, ["a.md"], lambda names: [])] == [["a.md"]]


def test_the_first_found_answer_wins_and_carries_its_question():
    retriever, calls = _Retriever(), []

    def reader(question, passages, named):
        calls.append(passages[0].chunk.source)
        return Answer("x", found=passages[0].chunk.source == "any.md", language="id")

    chain = build_evidence_chain(retriever, reader, _vocabulary, top_k=3)
    evidence = chain.invoke({"question": "Apa lingkup PP 29/2018?", "previous": None,
                             "previous_sources": [], "sources": None})
    assert calls == ["pp29.md", "any.md"] and evidence.answerable
    assert evidence.extractive.resolved is not None
    assert evidence.extractive.resolved.documents == ["PP 29/2018"]
    assert retriever.searched == [["pp29.md"], None]


def test_a_question_pointing_back_at_the_start_of_a_chat_is_not_searched():
    retriever = _Retriever()
    chain = build_evidence_chain(retriever, lambda q, p, n: Answer("?", False, "id", passages=p),
                                 _vocabulary)
    evidence = chain.invoke({"question": "Berapa luasnya?", "previous": None,
                             "previous_sources": [], "sources": None})
    assert not evidence.answerable and evidence.passages == [] and retriever.searched == []


def test_a_document_name_that_is_not_indexed_is_marked_for_the_reader():
    retriever, seen = _Retriever(), []

    def reader(question, passages, named):
        seen.append(question.unindexed)
        return Answer("?", False, "id")

    build_evidence_chain(retriever, reader, _vocabulary).invoke(
        {"question": "Berapa batas modal usaha mikro menurut PP 7/2021?", "previous": None,
         "previous_sources": [], "sources": None})
    assert seen and all(u == ["PP 7/2021"] for u in seen)


def test_a_new_conversation_forgets_the_last_question():
    conversation = Conversation(turns=[("q", Answer("a", True, "id"))],
                                last=analyze("Berapa luas KEK Bitung?"),
                                last_places=[("pp.md", "Pasal 2")])
    conversation.clear()
    assert conversation.turns == [] and conversation.last is None and conversation.last_sources == []
    assert conversation.last_places == []


def test_a_word_only_a_file_name_holds_names_that_document():
    retriever, seen = _Retriever(), []

    def reader(question, passages, named):
        seen.append((question, named))
        return Answer("x", True, "id")

    vocabulary = lambda: Vocabulary(acronyms={}, known=lambda stem: stem != "kompasiana")  # noqa: E731
    build_evidence_chain(retriever, reader, vocabulary).invoke(
        {"question": "Menurut tulisan di Kompasiana, apa strategi klaster?", "previous": None,
         "previous_sources": [], "sources": None})
    question, named = seen[0]
    assert "kompasiana" in question.documents and named == {"artikel_kompasiana.md"}
    assert all(g.word != "kompasiana" for g in question.groups)  # no answer must say it


def test_a_later_subquestion_pointing_back_does_not_make_the_whole_a_follow_up():
    retriever, seen = _Retriever(), []

    def reader(question, passages, named):
        seen.append(question)
        return Answer("x", True, "id")

    build_evidence_chain(retriever, reader, _vocabulary).invoke(
        {"question": "Berapa jumlah IKM di Papua Barat? terus sentra industrinya ada di mana?",
         "previous": analyze("Berapa luas KEK Sorong?"), "previous_sources": ["kek.md"],
         "sources": None})
    question = seen[0]
    assert not question.context and "sorong" not in question.query.lower()
    assert len(question.subquestions) == 2
    assert "papua barat" in {g.word for g in question.subquestions[1].context}
