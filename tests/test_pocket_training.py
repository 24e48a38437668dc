"""The training command's code path on a few lines and steps: it writes loadable models trained on
the same budget, and the same seed gives the same weights."""
from dataclasses import replace

import torch

from demo.pocket.corpus import Corpus, held_out
from demo.pocket.recipe import Recipe, byte_bpe, causal_model, masked_model, wordpiece
from demo.pocket.train import CausalObjective, MaskedObjective, blocks, token_stream, train, train_one
from demo.service import InferenceService
from demo.settings import Settings

LINES = [f"the {a} {v} the {b} in the {p}" for a in ("cat", "dog", "bird", "child") for v in ("saw", "chased", "liked")
         for b in ("ball", "tree", "house") for p in ("garden", "park")]
TINY = replace(Recipe(), layers=1, heads=2, hidden=16, vocab=300, positions=32, batch=4, steps=3, eval_every=1)


def test_training_writes_loadable_models_on_the_same_budget(tmp_path):
    report = train(TINY, tmp_path, Corpus(LINES, LINES[:8]))
    bert, gpt = report["models"]["pocket-bert"], report["models"]["pocket-gpt"]
    assert bert["tokens"] == gpt["tokens"] == [TINY.batch * TINY.positions * s for s in (1, 2, 3)]
    assert (tmp_path / "curves.json").is_file()
    service = InferenceService(Settings(device="cpu"))
    assert service.fill_mask(str(tmp_path / "pocket-bert"), "the cat [MASK] the ball").masks
    assert service.next_tokens(str(tmp_path / "pocket-gpt"), "the cat").candidates


def _weights_after_training(make_tokenizer, make_model, objective, tokenizer):
    torch.manual_seed(TINY.seed)
    model = make_model(tokenizer, TINY)
    if objective is MaskedObjective:
        stream = token_stream(tokenizer, LINES, tokenizer.sep_token_id, before=False)
        data = blocks(stream, TINY.positions, tokenizer.cls_token_id, tokenizer.sep_token_id)
    else:
        data = blocks(token_stream(tokenizer, LINES, tokenizer.eos_token_id, before=True), TINY.positions)
    train_one(objective(model, tokenizer, TINY, TINY.seed), data, data[:4], TINY, torch.device("cpu"))
    return model.state_dict()


def test_the_same_seed_gives_the_same_weights():
    for make_tokenizer, make_model, objective in [(wordpiece, masked_model, MaskedObjective),
                                                  (byte_bpe, causal_model, CausalObjective)]:
        tokenizer = make_tokenizer(LINES, TINY)
        first = _weights_after_training(make_tokenizer, make_model, objective, tokenizer)
        second = _weights_after_training(make_tokenizer, make_model, objective, tokenizer)
        assert all(torch.equal(first[k], second[k]) for k in first)
        untrained = make_model(tokenizer, TINY).state_dict()
        assert not all(torch.equal(first[k], untrained[k]) for k in first)  # it did train


def test_the_held_out_split_depends_on_the_text_only():
    assert held_out("a line of text") == held_out("a line of text")
    assert 0 < sum(held_out(f"line {i}") for i in range(2000)) < 100  # about 2 %
