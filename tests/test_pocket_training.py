"""The training command's code path on a few hundred rows and a handful of steps, for all three
objectives: the losses are finite and fall, the saved folders load through the service and answer
fill_mask / next_tokens / infill, a resumed run ends with the same weights, and T5's span corruption
hides spans that its target gives back."""
import collections
import json
import math
import random
import re
from dataclasses import replace

import pytest
import torch

from demo.pocket import everyday, everyday_eval
from demo.pocket.corpus import Corpus, held_out
from demo.pocket.objectives import OBJECTIVES, SpanCorruption, noise_spans
from demo.pocket.recipe import BUILDERS, MODELS, PRESETS, TINY, byte_bpe, parameter_counts, unigram, wordpiece
from demo.pocket.train import batches, rows, train, train_one
from demo.service import InferenceService
from demo.settings import Settings

LINES = [f"The {a} {v} the {b} in the {p}." for a in ("cat", "dog", "bird", "child", "farmer")
         for v in ("saw", "chased", "liked", "found") for b in ("ball", "tree", "house") for p in ("garden", "park")]
HELD = LINES[::20]  # 6 of the 120 lines (the same words: the smoke test asks for falling losses, not generalisation)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("pocket")
    return out, train(TINY, out, Corpus(LINES, HELD))


def test_all_three_objectives_train_on_the_same_budget_and_their_losses_fall(trained):
    out, report = trained
    assert list(report["models"]) == list(MODELS)
    for name, curve in report["models"].items():
        assert all(math.isfinite(x) for x in curve["train_loss"] + curve["held_out_loss"]), name
        assert curve["train_loss"][-1] < curve["train_loss"][0], (name, curve)
        assert curve["held_out_loss"][-1] < curve["held_out_loss"][0], (name, curve)
        assert len(curve["tokens"]) == TINY.steps // TINY.eval_every
        # each step takes whole rows until it holds batch_tokens (an epoch's last batch may hold fewer)
        assert (TINY.steps - 1) * TINY.batch_tokens <= curve["tokens"][-1] < TINY.steps * (TINY.batch_tokens + TINY.positions)
    assert json.loads((out / "curves.json").read_text())["models"].keys() == report["models"].keys()
    assert not (out / "checkpoints").exists()  # finished: nothing left to resume


def test_the_saved_models_answer_through_the_service(trained):
    out, _ = trained
    service = InferenceService(Settings(device="cpu"))
    assert len(service.fill_mask(str(out / "pocket-bert"), "The cat [MASK] the ball.", top_k=3).masks[0]) == 3
    assert len(service.next_tokens(str(out / "pocket-gpt"), "The cat", top_k=3).candidates) == 3
    filled = service.infill(str(out / "pocket-t5"), "The cat [MASK] the ball in the park.", top_k=3)
    assert len(filled.blanks) == 1 and "<extra_id_0>" in filled.tokens


def test_the_everyday_evaluation_runs_on_trained_folders_and_skips_a_missing_model(trained, capsys):
    out, _ = trained
    cases = everyday.load()[:2]  # the whole set's 153 sentences take a minute on these slow tiny models
    report = everyday_eval.evaluate(out, cases)
    assert report["skipped"] == [] and report["sentences"] == 2
    assert 0 <= report["pocket-bert"]["one_piece_share"] <= 1 and report["pocket-gpt"]["perplexity"] > 1
    gpt = report["pocket-gpt"]  # the same log-likelihood over fewer words than tokens
    assert math.log(gpt["perplexity_per_word"]) * gpt["words"] == pytest.approx(math.log(gpt["perplexity"]) * gpt["tokens"])
    alone = out.parent / "bert-only"
    alone.mkdir()
    (alone / "pocket-bert").symlink_to(out / "pocket-bert", target_is_directory=True)
    report = everyday_eval.evaluate(alone, cases)
    assert report["skipped"] == ["pocket-gpt", "pocket-t5"]
    assert f"pocket-t5: skipped, no model in {alone / 'pocket-t5'}" in capsys.readouterr().out
    assert everyday_eval.lines(report)[2] == "pocket-t5    skipped (no model)"


def test_targets_pass_only_when_reached_and_three_times_the_shuffled_control():
    # issue 20's targets: pocket-gpt at most 75 per word, pocket-bert top-5 at least 40 %
    assert everyday_eval.verdict("pocket-gpt", 70.0, 300.0)["pass"]  # 70 <= 75, 4.3x
    assert not everyday_eval.verdict("pocket-gpt", 70.0, 200.0)["pass"]  # 2.9x
    assert not everyday_eval.verdict("pocket-gpt", 80.0, 1000.0)["pass"]  # above 75
    assert not everyday_eval.verdict("pocket-bert", 0.35, 0.01)["pass"]  # below 40 %
    assert everyday_eval.verdict("pocket-t5", 0.21, 0.07)["ratio_to_shuffled"] == pytest.approx(3.0)
    line = everyday_eval.lines({"pocket-bert": {"verdict": everyday_eval.verdict("pocket-bert", 0.36, 0.2)}})[0]
    assert line == "pocket-bert  top-5 36.0% (target >= 40.0%), shuffled 20.0%: 1.8x (target >= 3x)  SHORT"
    # nothing found, with or without the sentence: no ratio, not an infinitely better model
    none = everyday_eval.verdict("pocket-t5", 0.0, 0.0)
    assert none["ratio_to_shuffled"] is None and not none["pass"]
    assert everyday_eval.lines({"pocket-t5": {"verdict": none}})[2].endswith("shuffled 0.0%: no ratio (0 of 0) (target >= 3x)  SHORT")
    assert everyday_eval.verdict("pocket-t5", 0.05, 0.0)["ratio_to_shuffled"] == math.inf


def test_a_resumed_run_ends_with_the_weights_of_an_uninterrupted_one(tmp_path):
    recipe = replace(TINY, checkpoint_every=3)
    for name in MODELS:
        tokenizer = BUILDERS[name][0](LINES, recipe)
        data = batches(rows(tokenizer, LINES, recipe.positions), recipe.batch_tokens, tokenizer.pad_token_id or 0)

        def run(checkpoint):
            torch.manual_seed(recipe.seed)
            model = BUILDERS[name][1](tokenizer, recipe)
            train_one(OBJECTIVES[name](model, tokenizer, recipe), data, data[:1], recipe, torch.device("cpu"),
                      checkpoint)
            return model.state_dict()

        whole = run(tmp_path / f"{name}.pt")  # leaves its step-3 checkpoint behind
        resumed = run(tmp_path / f"{name}.pt")  # starts at step 3
        assert all(torch.equal(whole[k], resumed[k]) for k in whole), name
        untrained = BUILDERS[name][1](tokenizer, recipe).state_dict()
        assert not all(torch.equal(whole[k], untrained[k]) for k in whole), name  # it did train


def test_span_corruption_hides_spans_that_the_target_gives_back():
    tokenizer = unigram(LINES, TINY)
    goal = SpanCorruption(None, tokenizer, replace(TINY, mask_probability=0.3, mean_span=2))
    row = tokenizer("The farmer found the ball in the garden and the dog chased the bird.")["input_ids"]
    source, target = goal.corrupt(row)
    marks = [m for m in source if m in goal.sentinels]
    assert source[-1] == target[-1] == tokenizer.eos_token_id and marks == goal.sentinels[: len(marks)]
    assert target[-2] == goal.sentinels[len(marks)]  # the closing sentinel, as demo.infill stops on it
    spans, current = {}, None  # put each span back in place of its sentinel: the original row
    for token in target[:-2]:  # without the closing sentinel and the end token
        if token in goal.sentinels:
            current = spans[token] = []
        else:
            current.append(token)
    rebuilt = [t for s in source for t in spans.get(s, [s])]
    assert rebuilt == row and source[0] not in goal.sentinels


def test_span_corruption_hides_whole_words_never_part_of_one():
    # a tokenizer that learned a handful of lines cuts most of these words into several pieces
    tokenizer = unigram(LINES, TINY)
    goal = SpanCorruption(None, tokenizer, replace(TINY, mask_probability=0.3, mean_span=2))
    text = "The blackbirds chased the farmers and the grandmother watched them outside."
    row = tokenizer(text)["input_ids"]
    words = re.findall(r"\w+|[^\w\s]", text)
    assert len(row) - 1 > len(words) + 5  # many words are several pieces
    seen = set()
    for _ in range(300):
        _, target = goal.corrupt(row)
        for part in tokenizer.decode(target).split("<extra_id_")[1:-1]:  # each span, up to the closing sentinel
            span = re.findall(r"\w+|[^\w\s]", part.split(">", 1)[1])
            assert any(words[i: i + len(span)] == span for i in range(len(words))), (span, words)
            seen.add(" ".join(span))
    assert {"blackbirds", "grandmother", "outside"} <= seen  # long words are hidden whole, and often


def test_noise_spans_hide_the_noise_density_in_spans_of_the_mean_length():
    rng = random.Random(0)
    drawn = [noise_spans(100, 0.15, 3.0, rng) for _ in range(50)]
    assert all(sum(e - s for s, e in spans) == 15 and len(spans) == 5 for spans in drawn)
    assert all(spans[0][0] > 0 and all(a[1] < b[0] for a, b in zip(spans, spans[1:])) for spans in drawn)
    assert noise_spans(2, 0.15, 3.0, rng) == [(1, 2)]  # the shortest row: one kept token, one hidden


def test_a_sentence_s_one_span_can_fall_anywhere_not_only_on_its_full_stop():
    # a 15-token row gets one span of 2: it must start at every place from 1 to 13 alike, or the model
    # only ever learns to write a sentence's last two tokens (it answered "." for every blank)
    rng = random.Random(0)
    starts = collections.Counter(noise_spans(15, 0.15, 3.0, rng)[0][0] for _ in range(2600))
    assert sorted(starts) == list(range(1, 14))
    assert min(starts.values()) > 100  # 200 each on average


def test_presets_keep_the_three_models_within_15_percent_and_40_mb():
    for preset in PRESETS.values():
        counts = parameter_counts(preset)
        assert max(counts.values()) <= 1.15 * min(counts.values()), counts
        bytes_per = 2 if preset.half_on_disk else 4
        assert max(counts.values()) * bytes_per < 40e6 - 2e6, (preset.preset, counts)  # room for the tokenizer
        assert preset.vocab >= 16000 and preset.positions >= 128


HELD_OUT_OF_300 = [17, 54, 160, 178, 203, 224, 241, 246, 254, 290]  # "doc 0" ... "doc 299", by sha1


def test_the_held_out_split_depends_on_the_document_name_only():
    # the same documents in every process (a hash() would change with PYTHONHASHSEED)
    assert [i for i in range(300) if held_out(f"doc {i}")] == HELD_OUT_OF_300
    assert 0 < sum(held_out(f"doc {i}") for i in range(2000)) < 100  # about 2 %


def test_rows_are_shaped_as_the_app_shows_a_sentence():
    bert, gpt, t5 = wordpiece(LINES, TINY), byte_bpe(LINES, TINY), unigram(LINES, TINY)
    first = rows(bert, LINES[:1], TINY.positions)[0]
    assert first[0] == bert.cls_token_id and first[-1] == bert.sep_token_id and first == bert(LINES[0])["input_ids"]
    assert rows(t5, LINES[:1], TINY.positions)[0] == t5(LINES[0])["input_ids"]
    assert t5(LINES[0])["input_ids"][-1] == t5.eos_token_id  # T5's "line </s>"
    causal = rows(gpt, LINES[:2], TINY.positions)
    assert causal[0] == gpt(LINES[0])["input_ids"] + [gpt.eos_token_id]  # bare, as the app sends a prompt
    assert causal[1] == [gpt.eos_token_id, *gpt(LINES[1])["input_ids"], gpt.eos_token_id]  # after a start token


def test_batches_group_rows_of_similar_length_with_a_mask_of_real_tokens():
    data = [[1] * n for n in (3, 9, 4, 8, 5)]
    out = batches(data, tokens=10, pad=0)
    assert [ids.shape for ids, _ in out] == [(3, 5), (2, 9)]  # 3+4+5 >= 10, then 8+9
    ids, real = out[0]
    assert real.sum(1).tolist() == [3, 4, 5] and (ids[~real] == 0).all() and (ids[real] == 1).all()


def test_tokenizers_learned_beforehand_are_the_ones_training_uses(tmp_path):
    from demo.pocket.train import prepare, tokenizers

    tokenizers(Corpus(LINES, HELD), TINY, tmp_path / "ready")
    for name in MODELS:
        tokenizer, *_ = prepare(name, Corpus(LINES[:10], HELD), TINY, tmp_path / "work", tmp_path / "ready")
        learned_here = BUILDERS[name][0](LINES[:10], TINY)  # what these ten rows alone would give
        assert tokenizer.get_vocab() == type(tokenizer).from_pretrained(tmp_path / "ready" / name).get_vocab()
        assert tokenizer.get_vocab() != learned_here.get_vocab()
        assert (tmp_path / "work" / f"{name}-tokenizer").is_dir()  # kept for a resumed run


def test_saving_over_an_earlier_model_leaves_only_the_new_weights(trained, tmp_path):
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    from demo.pocket.train import save

    out, _ = trained
    folder = tmp_path / "pocket-bert"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"an earlier model")  # as the first pocket models were stored
    (folder / "model-00001-of-00009.safetensors").write_bytes(b"a shard of another count")
    torch.manual_seed(1)
    new = BUILDERS["pocket-bert"][1](AutoTokenizer.from_pretrained(out / "pocket-bert"), TINY)
    save(new, AutoTokenizer.from_pretrained(out / "pocket-bert"), [[1, 2, 3]], folder, TINY)
    assert not (folder / "model-00001-of-00009.safetensors").exists()
    loaded = AutoModelForMaskedLM.from_pretrained(folder)
    for name, value in new.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], value), name


def test_the_unigram_pieces_never_glue_punctuation_to_a_word():
    # as SentencePiece splits where the script changes: a blank before a full stop asks for the same piece
    t5 = unigram(LINES, TINY)
    words = [w for w, _ in t5.backend_tokenizer.pre_tokenizer.pre_tokenize_str('He said: "the mailman, again."')]
    assert words == ["▁He", "▁said", ":", "▁", '"', "the", "▁mailman", ",", "▁again", ".", '"']  # pieces never cross these
    assert not [p for p in t5.get_vocab() if any(c.isalpha() for c in p) and any(c in ".,;:!?\"'" for c in p)]
    ids = t5("The dog ran home.")["input_ids"]
    assert t5.convert_ids_to_tokens(ids)[-2:] == [".", "</s>"]
    assert t5.decode(ids, skip_special_tokens=True) == "The dog ran home."
