"""The training command's code path on a few lines and steps: it writes loadable models trained on
the same budget, and the same seed gives the same weights."""
from dataclasses import replace

import torch

from demo.pocket.corpus import Corpus, as_sentence, held_out
from demo.pocket.recipe import Recipe, byte_bpe, causal_model, masked_model, wordpiece
from demo.pocket.train import CausalObjective, MaskedObjective, batches, rows, train, train_one
from demo.service import InferenceService
from demo.settings import Settings

LINES = [f"the {a} {v} the {b} in the {p}" for a in ("cat", "dog", "bird", "child") for v in ("saw", "chased", "liked")
         for b in ("ball", "tree", "house") for p in ("garden", "park")]
TINY = replace(Recipe(), layers=1, heads=2, hidden=16, vocab=300, positions=32, batch_tokens=40, steps=3, eval_every=1)


def test_training_writes_loadable_models_on_the_same_budget(tmp_path):
    report = train(TINY, tmp_path, Corpus(LINES, LINES[:8]))
    bert, gpt = report["models"]["pocket-bert"], report["models"]["pocket-gpt"]
    for curve in (bert, gpt):  # each step takes whole rows until it holds batch_tokens real tokens
        steps = [b - a for a, b in zip([0, *curve["tokens"]], curve["tokens"])]
        assert len(steps) == 3 and all(TINY.batch_tokens <= s < TINY.batch_tokens + 16 for s in steps), curve
    assert (tmp_path / "curves.json").is_file()
    service = InferenceService(Settings(device="cpu"))
    assert len(service.fill_mask(str(tmp_path / "pocket-bert"), "the cat [MASK] the ball").masks[0]) == 5
    assert len(service.next_tokens(str(tmp_path / "pocket-gpt"), "the cat").candidates) == 5


def _weights_after_training(make_tokenizer, make_model, objective, tokenizer):
    torch.manual_seed(TINY.seed)
    model = make_model(tokenizer, TINY)
    pad = tokenizer.pad_token_id or 0
    data = batches(rows(tokenizer, LINES, TINY.positions), TINY.batch_tokens, pad)
    train_one(objective(model, tokenizer, TINY), data, data[:2], TINY, torch.device("cpu"))
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


def test_rows_are_shaped_as_the_app_shows_a_sentence():
    bert, gpt = wordpiece(LINES, TINY), byte_bpe(LINES, TINY)
    first = rows(bert, LINES[:1], TINY.positions)[0]
    assert first[0] == bert.cls_token_id and first[-1] == bert.sep_token_id
    assert first == bert(LINES[0])["input_ids"]
    causal = rows(gpt, LINES[:1], TINY.positions)[0]
    assert causal == gpt(LINES[0])["input_ids"] + [gpt.eos_token_id]  # bare, as the app sends a prompt
    second = rows(gpt, LINES[:2], TINY.positions)[1]
    assert second == [gpt.eos_token_id, *gpt(LINES[1])["input_ids"], gpt.eos_token_id]  # after a start token
    assert max(map(len, rows(gpt, [" ".join(LINES)], TINY.positions))) == TINY.positions  # cut to the positions


def test_batches_group_rows_of_similar_length_with_a_mask_of_real_tokens():
    data = [[1] * n for n in (3, 9, 4, 8, 5)]
    out = batches(data, tokens=10, pad=0)
    assert [ids.shape for ids, _ in out] == [(3, 5), (2, 9)]  # 3+4+5 >= 10, then 8+9
    ids, real = out[0]
    assert real.sum(1).tolist() == [3, 4, 5] and (ids[~real] == 0).all() and (ids[real] == 1).all()


def test_lines_are_written_as_sentences():
    assert as_sentence("a domestic animal that barks") == "A domestic animal that barks."
    assert as_sentence("is it raining?") == "Is it raining?"  # already ended
