"""The bundled pocket models on the everyday set, asserted at the figures they reach (measured by
`python -m demo.pocket evaluate`: bench/results/pocket-everyday.json), so a drop fails the suite.
These are the baseline the retrained models must beat (issue 11's targets: pocket-bert top-5 >= 30 %,
pocket-gpt perplexity <= 100, each 3x better than on shuffled words); raise them after retraining."""
import json
import random

from demo.pocket import FOLDER, everyday
from demo.pocket.evaluate import RESULTS
from demo.pocket.everyday_eval import bert, gpt, shuffled_blank

CASES = everyday.load()
MIXED = [(shuffled_blank(text, random.Random(i)), word) for i, (text, word) in enumerate(CASES)]


def test_pocket_bert_on_the_everyday_set_holds_its_measured_figures():
    plain, mixed = bert(FOLDER / "pocket-bert", CASES), bert(FOLDER / "pocket-bert", MIXED)
    # measured: 6 of 153 words in the top 5 (3.9 %), 2.0x the shuffled control; 59 % of the words are one piece
    assert plain["top5"] >= 6 / 153 and plain["top5"] >= 2 * mixed["top5"], (plain, mixed)
    assert plain["one_piece_share"] == 91 / 153  # the tokenizer decides this, not the weights
    assert plain["unigram_top5"] == 0  # content words are never among the most frequent tokens


def test_pocket_gpt_on_the_everyday_set_holds_its_measured_figures():
    plain, mixed = gpt(FOLDER / "pocket-gpt", CASES), gpt(FOLDER / "pocket-gpt", [(t.replace("[MASK]", w), "") for t, w in MIXED])
    # measured: 164.8 per word (36.6 per token), 14,300 per word on shuffled words, 9,303 by word frequency
    assert plain["perplexity_per_word"] <= 170 and plain["perplexity"] <= 38, plain
    assert mixed["perplexity_per_word"] >= 20 * plain["perplexity_per_word"], (plain, mixed)
    assert plain["unigram_perplexity_per_word"] >= 20 * plain["perplexity_per_word"], plain


def test_the_results_file_holds_what_the_card_reports():
    saved = json.loads(RESULTS.read_text())
    assert saved["sentences"] == len(CASES) and saved["skipped"] == ["pocket-t5"]
    card = (FOLDER / "README.md").read_text()
    assert f"{saved['pocket-gpt']['perplexity_per_word']:.1f}" in card and f"{saved['pocket-bert']['top5']:.1%}" in card
