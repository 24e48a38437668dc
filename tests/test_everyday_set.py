from demo.pocket.everyday import load


def test_the_everyday_set_has_150_distinct_sentences_with_one_plain_word_each():
    rows = load()
    assert len(rows) >= 150
    assert len({text for text, _ in rows}) == len(rows)
    for text, word in rows:
        assert text.count("[MASK]") == 1
        assert word.isalpha() and word == word.strip()
        assert text[0].isupper() and text.endswith((".", "!", "?"))
