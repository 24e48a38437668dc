"""The corpus builder on small sample files written here (no Debian package is needed): each source's
parser, the sentence splitter and cleaner, deduplication, the held-out split by document, the file
round trip, and the message a missing package gives."""
import gzip

import pytest

from demo.pocket import corpus
from demo.pocket.sentences import clean, split
from demo.pocket.sources import Missing, Source, austen, fortunes, gcide, harvard, kjv, wordnet

WORDNET = """  1 This software and database is being provided to you, the LICENSEE, by
00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived or known or inferred to have its own distinct existence
02084071 05 n 01 dog 0 | a member of the genus Canis; "the dog barked all night"; "a dog"
"""
DICT_ARTICLES = [
    'Arrive \\Ar*rive"\\, v. i. [OE. ariven, fr. OF. ariver.]\n'
    '   1. To come to a place by traveling on water; to reach a port.\n      [1913 Webster]\n\n'
    '            If at great things thou wouldst arrive.   --Milton.\n      [1913 Webster]\n\n'
    '   Syn: To come; reach; attain.\n        [1913 Webster]\n',
    'Cargo \\Car"go\\, n. [Sp. cargo.]\n   The lading or freight of a ship; load; freight.\n      [1913 Webster]\n',
]
AUSTEN = """SENSE AND SENSIBILITY\tSense & Sensibility
\tSense & Sensibility
CHAPTER 1\tSense & Sensibility
The family of Dashwood had long been settled in Sussex.  Their estate\tSense & Sensibility
was large, and Mr. Henry Dashwood lived there.\tSense & Sensibility
\tSense & Sensibility
CHAPTER 2\tSense & Sensibility
"I am sure you will like her," said she.\tSense & Sensibility
"""
BIBLE = """Ge1:1 In the beginning God created the heaven and the earth.
Ge1:2 And the earth was without form, and void; and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters.
Ge2:1 Thus the heavens and the earth were finished, and all the host of them.
"""
COOKIES = """A gift of a flower will soon be made to you.
%
Never put off till tomorrow what you can do today.
		-- Thomas Jefferson
%
  ____
 /    \\
%
"""


def rows(pairs):
    return list(pairs)


def test_sentences_are_split_at_ends_not_at_abbreviations_or_initials():
    text = "Mr. and Mrs. Dashwood came.  J. R. Smith said \"Yes!\" Then they left. It rained e.g. all day."
    assert split(text) == ["Mr. and Mrs. Dashwood came.", 'J. R. Smith said "Yes!"', "Then they left.",
                           "It rained e.g. all day."]


def test_rows_that_do_not_read_as_a_plain_sentence_are_dropped():
    assert clean("the dog barked all night") == "The dog barked all night."  # written as a sentence
    assert clean("\u201cIt is mine,\u201d she said\u2014firmly") == '"It is mine," she said - firmly.'
    assert clean("Too short.") is None
    assert clean("THE END OF THE BOOK IS HERE") is None  # a heading
    assert clean("x = f(y) + 2 * z[3] {}") is None  # code
    assert clean('"I am here, she said. ') == "I am here, she said."  # a quotation cut by the splitter


def test_wordnet_rows_are_glosses_and_examples_of_each_synset():
    assert rows(wordnet.parse(WORDNET, "noun")) == [
        ("noun:00001740", "That which is perceived or known or inferred to have its own distinct existence."),
        ("noun:02084071", "A member of the genus Canis."), ("noun:02084071", "The dog barked all night.")]


def test_gcide_rows_are_definitions_and_quotations_of_each_article(tmp_path):
    data = "".join(DICT_ARTICLES).encode()
    index, at = [], 0
    for word, article in zip(["Arrive", "Cargo"], DICT_ARTICLES):
        size = len(article.encode())
        index.append(f"{word}\t{_b64(at)}\t{_b64(size)}")
        at += size
    index.append(f"Arrived\t{_b64(0)}\t{_b64(len(DICT_ARTICLES[0].encode()))}")  # the same article again
    (tmp_path / "gcide.index").write_text("\n".join(index) + "\n")
    (tmp_path / "gcide.dict.dz").write_bytes(gzip.compress(data))
    assert rows(gcide.read(tmp_path)) == [
        ("Arrive", "To come to a place by traveling on water; to reach a port."),
        ("Arrive", "If at great things thou wouldst arrive."),
        ("Cargo", "The lading or freight of a ship; load; freight.")]


def _b64(n: int) -> str:
    digits = ""
    while True:
        digits = gcide.DIGITS[n % 64] + digits
        n //= 64
        if not n:
            return digits


def test_austen_rows_are_sentences_of_paragraphs_by_chapter():
    assert rows(austen.parse(AUSTEN)) == [
        ("Sense & Sensibility:1", "The family of Dashwood had long been settled in Sussex."),
        ("Sense & Sensibility:1", "Their estate was large, and Mr. Henry Dashwood lived there."),
        ("Sense & Sensibility:2", '"I am sure you will like her," said she.')]


def test_bible_rows_are_sentences_of_verses_by_chapter():
    got = rows(kjv.parse(BIBLE))
    assert [d for d, _ in got] == ["Ge1", "Ge1", "Ge1", "Ge2"]
    assert got[2] == ("Ge1", "And the Spirit of God moved upon the face of the waters.")


def test_fortune_rows_drop_attributions_and_pictures(tmp_path):
    (tmp_path / "wisdom").write_text(COOKIES)
    (tmp_path / "wisdom.dat").write_bytes(b"\x00binary index")
    (tmp_path / "ethnic").write_text("A joke a classroom model should not learn, here.\n%\n")
    assert rows(fortunes.read(tmp_path)) == [("wisdom:0", "A gift of a flower will soon be made to you."),
                                             ("wisdom:1", "Never put off till tomorrow what you can do today.")]


def test_harvard_rows_come_in_lists_of_ten():
    text = "\n".join(f"The boy number {i} ran home." for i in range(12))
    assert [d for d, _ in harvard.parse(text)] == ["list1"] * 10 + ["list2"] * 2


def test_a_missing_package_names_the_apt_get_command(tmp_path):
    with pytest.raises(Missing, match=r"run `apt-get install wordnet-base` first"):
        list(wordnet.read(tmp_path))

    def gone():
        raise Missing("GCIDE", "dict-gcide")
        yield

    sources = [Source("wordnet", "wordnet-base", "", "", lambda: wordnet.read(tmp_path)),
               Source("gcide", "dict-gcide", "", "", gone)]
    with pytest.raises(SystemExit, match=r"apt-get install wordnet-base dict-gcide"):
        corpus.build(sources, exclude=set())


def test_rows_are_deduplicated_and_held_out_by_whole_documents(monkeypatch):
    monkeypatch.setattr(corpus, "held_out", lambda document: document == "book:chapter 2")
    read = [("book", [("chapter 1", "The dog ran home."), ("chapter 1", "The cat sat down."),
                      ("chapter 2", "The dog ran home!"), ("chapter 2", "A bird sang."),
                      ("chapter 3", "The cat sat down."), ("chapter 3", "I drank a cup of coffee this morning.")])]
    split_rows = corpus.split_rows(read, exclude={"idrankacupofcoffeethismorning"})
    assert split_rows == [("held_out", "book", "The dog ran home!"), ("train", "book", "The cat sat down."),
                          ("held_out", "book", "A bird sang.")]  # the held-out copy wins; the everyday one is gone


def test_the_everyday_sentences_are_kept_out_of_the_corpus():
    assert "ibrushedmyteeth" not in corpus.everyday_keys()
    assert "idrankacupofcoffeethismorning" in corpus.everyday_keys()


def test_the_corpus_file_round_trips_with_counts_per_source(tmp_path):
    written = [("train", "austen", "She walked to the village."), ("held_out", "kjv", "And God saw the light."),
               ("train", "kjv", "Let there be light today.")]
    back = corpus.read(corpus.dump(written, tmp_path / "corpus.txt.gz"))
    assert back.train == ["She walked to the village.", "Let there be light today."]
    assert back.held_out == ["And God saw the light."]
    assert back.counts == {"austen": {"train": 1, "held_out": 0, "words": 5},
                           "kjv": {"train": 1, "held_out": 1, "words": 10}}


def test_a_recipe_reads_only_the_sources_it_names(tmp_path):
    written = [("train", "austen", "She walked to the village."), ("held_out", "kjv", "And God saw the light."),
               ("train", "kjv", "Let there be light today."), ("held_out", "austen", "He wrote a letter.")]
    path = corpus.dump(written, tmp_path / "corpus.txt.gz")
    austen = corpus.load(path, sources=("austen",))
    assert austen.train == ["She walked to the village."] and austen.held_out == ["He wrote a letter."]
    assert list(austen.counts) == ["austen"]
    assert corpus.load(path, sources=None).train == ["She walked to the village.", "Let there be light today."]


def test_the_cpu_preset_trains_on_sources_the_corpus_has():
    from demo.pocket.recipe import PRESETS
    from demo.pocket.sources import all_sources

    names = {source.name for source in all_sources()}
    assert set(PRESETS["cpu"].sources) < names  # a misspelt name would silently train on nothing
    assert PRESETS["gpu"].sources is None  # the GPU budget reads every source
