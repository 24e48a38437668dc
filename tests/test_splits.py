"""The tokenizer lesson's verb: each loaded model's own pieces, and reference tokenizers for the families
the two models do not show (offline, the pocket trio all read one WordPiece: BPE and Unigram still show)."""
from tokenizers import Tokenizer
from transformers import AutoTokenizer

from demo import splits
from demo.viz.lessons import split_view

TEXT = "The transformer tokenizes unbelievably well."


def test_split_gives_each_model_s_own_pieces_and_the_missing_families(service, bert_dir, gpt_dir):
    result = service.split(TEXT, bert_dir, gpt_dir)
    masked, causal, *references = result.rows
    assert masked.pieces == AutoTokenizer.from_pretrained(bert_dir).tokenize(TEXT) and not masked.reference
    assert causal.pieces == AutoTokenizer.from_pretrained(gpt_dir).tokenize(TEXT) and not causal.reference
    shown = {masked.tokenizer, causal.tokenizer}
    assert {r.tokenizer for r in references} == set(splits.REFERENCE) - shown  # every family once
    for r in references:
        own = Tokenizer.from_file(str(splits.FOLDER / splits.REFERENCE[r.tokenizer] / "tokenizer.json"))
        assert r.reference and r.pieces == own.encode(TEXT, add_special_tokens=False).tokens


def test_two_wordpiece_models_get_both_reference_families():
    rows = splits.reference_splits(TEXT, {"WordPiece"})
    assert [(r.tokenizer, r.pieces[1][0]) for r in rows] == [("BPE", "Ġ"), ("Unigram", "▁")]


def test_the_view_marks_reference_tokenizers_and_escapes_the_text(service, bert_dir, gpt_dir):
    result = service.split("<script>x</script> unbelievably", bert_dir, gpt_dir)
    masked, causal, references = split_view(result, "en")
    assert "<script" not in masked + causal + references and "&lt;" in causal + references
    assert "no model behind it" in references and "no model behind it" not in masked + causal
    assert "背后没有模型" in split_view(result, "zh")[2]
