"""The bundled pocket models on the everyday set, asserted at the figures they reach (measured by
`python -m demo.pocket evaluate`: bench/results/pocket-everyday.json), so a drop fails the suite.
Issue 20's targets (pocket-bert top-5 >= 40 %, pocket-gpt perplexity <= 75, pocket-t5 top-5 >= 25 %, NSP >= 80 %):
only NSP is met by these CPU-trained weights; the hidden word's log-probability, finer than top-5, can drop too.
Raise the figures after retraining."""
import json
import random

from demo.pocket import FOLDER, everyday
from demo.pocket.evaluate import RESULTS
from demo.pocket.everyday_eval import bert, gpt, shuffled_blank, t5

CASES = everyday.load()
MIXED = [(shuffled_blank(text, random.Random(i)), word) for i, (text, word) in enumerate(CASES)]
SAVED = json.loads(RESULTS.read_text())


def test_pocket_bert_on_the_everyday_set_holds_its_measured_figures():
    plain, mixed = bert(FOLDER / "pocket-bert", CASES), bert(FOLDER / "pocket-bert", MIXED)
    # measured: 43 of 153 words in the top 5 (28.1 %; shuffled: 2.0 %); the hidden word's mean log-probability
    # -5.55 nats in its sentence and -9.40 with the words shuffled
    assert plain["top5"] >= 40 / 153, plain
    assert plain["log_prob"] >= -5.75, plain
    assert plain["log_prob"] >= mixed["log_prob"] + 3.0, (plain, mixed)  # the sentence helps
    assert plain["one_piece_share"] == 150 / 153  # the tokenizer decides this, not the weights
    assert plain["unigram_top5"] == 0  # content words are never among the most frequent tokens


def test_pocket_gpt_on_the_everyday_set_holds_its_measured_figures():
    plain, mixed = gpt(FOLDER / "pocket-gpt", CASES), gpt(FOLDER / "pocket-gpt", [(t.replace("[MASK]", w), "") for t, w in MIXED])
    # measured: 82.3 per word (50.9 per token), 1,953 per word on shuffled words, 1,333 by word frequency
    assert plain["perplexity_per_word"] <= 86 and plain["perplexity"] <= 53, plain
    assert mixed["perplexity_per_word"] >= 15 * plain["perplexity_per_word"], (plain, mixed)
    assert plain["unigram_perplexity_per_word"] >= 10 * plain["perplexity_per_word"], plain


def test_pocket_t5_on_the_everyday_set_holds_its_measured_figures():
    plain, mixed = t5(FOLDER / "pocket-t5", CASES), t5(FOLDER / "pocket-t5", MIXED)
    # measured (GLM's single stack, 1,500 steps): 28 of 153 in its 5 spans (18.3 %; shuffled 3.9 %); log p(the
    # word as its span) -6.84 nats, -10.11 on shuffled words (the BART-shaped design: 0 %, -11.17 and -11.19)
    assert plain["top5"] >= 27 / 153, plain
    assert plain["log_prob"] >= -7.0, plain
    assert plain["log_prob"] >= mixed["log_prob"] + 3.0, (plain, mixed)  # the sentence helps


def test_pocket_bert_s_next_sentence_head_holds_its_measured_accuracy():
    # measured: 91.6 % of 880 held-out pairs (a line of Austen and its next line, or a random held-out line)
    assert SAVED["nsp"]["pairs"] == 880 and SAVED["nsp"]["accuracy"] >= 0.90


def test_the_results_file_holds_what_the_card_reports():
    assert SAVED["sentences"] == len(CASES) and SAVED["skipped"] == []
    card = (FOLDER / "README.md").read_text()
    for figure in (f"{SAVED['pocket-gpt']['perplexity_per_word']:.1f}", f"{SAVED['pocket-bert']['top5']:.1%}",
                   f"{SAVED['pocket-t5']['top5']:.1%}"):
        assert figure in card, figure
    measured = json.loads((FOLDER / "evaluation.json").read_text())  # the held-out figures the README quotes
    assert SAVED["held_out"] == {k: v for k, v in measured.items() if k.startswith("pocket-")}
