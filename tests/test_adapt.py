"""Pre-train, then fine-tune (demo/adapt): the probe, the fine-tune (its clock, its queue, its Stop, its page),
next-sentence heads and the sampling warpers, each against what transformers or a direct computation says."""
from __future__ import annotations

import random
import threading
from dataclasses import replace

import pytest
import torch
from transformers import (AlbertConfig, AlbertForPreTraining, BertConfig, BertForPreTraining, LogitsProcessorList,
                          TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper)

from conftest import make_service, tiny_bert
from demo.adapt import data, verbs
from demo.catalog import CATALOG, MASKED
from demo.errors import DemoError
from demo.service import InferenceService
from demo.settings import Settings

NOUNS = "cat dog bird tree house park mat".split()
VERBS = "sat ran sang was is play".split()


def last_word_set(n: int = 96, seed: int = 0) -> tuple[list[str], list[str]]:
    """Sentences that all start with "the" and differ in the middle at random; only the last word tells the
    label (red: "warm", blue: "cold"). Balanced, in a shuffled order."""
    rng = random.Random(seed)
    texts, labels = [], []
    for i in range(n):
        label = "warm" if i % 2 else "cold"
        middle = " ".join(rng.choice(NOUNS + VERBS) for _ in range(rng.randint(2, 5)))
        texts.append(f"the {middle} {'red' if label == 'warm' else 'blue'}")
        labels.append(label)
    return texts, labels


@pytest.fixture(scope="module")
def adapt_service(bert_dir, gpt_dir) -> InferenceService:
    return make_service(bert_dir, gpt_dir)


# -- probe ------------------------------------------------------------------------------------------

def test_gpts_first_token_knows_nothing_its_last_knows_all_berts_first_knows_all(adapt_service, bert_dir, gpt_dir):
    texts, labels = last_word_set()
    gpt = adapt_service.probe(gpt_dir, texts=texts, labels=labels)
    bert = adapt_service.probe(bert_dir, texts=texts, labels=labels)
    assert gpt.chance == 0.5 and gpt.classes == ["cold", "warm"] and sum(gpt.held_out) == 24
    assert gpt.accuracy["first"] == 0.5  # every sentence starts "the": GPT's first token is the same vector
    assert gpt.accuracy["last"] >= 0.9  # the last token has read the colour
    assert bert.first_token == "[CLS]" and bert.accuracy["first"] >= 0.9  # [CLS] attends to every word
    assert len(bert.by_layer) == adapt_service.info(bert_dir, MASKED).layers + 1
    assert bert.by_layer[-1] == bert.accuracy
    assert bert.points["first"].shape == (96, 2)


def test_the_shipped_sets_are_balanced_pairs_with_shared_openings():
    for task in data.TASKS:
        shipped = data.shipped(task)
        assert len(shipped.texts) >= 300 and shipped.labels.count(0) == shipped.labels.count(1)
        assert len(set(shipped.texts)) == len(shipped.texts)
        for good, bad in zip(shipped.texts[::2], shipped.texts[1::2]):  # a pair: same first words, two labels
            assert good[:2] == bad[:2]
        assert 0.2 < sum(shipped.held_out) / len(shipped.held_out) < 0.3


def test_pasted_lines_are_a_teachers_own_set(adapt_service, gpt_dir):
    lines = "\n".join(f"{label}\t{text}" for text, label in zip(*last_word_set(16)))
    result = adapt_service.probe(gpt_dir, texts=lines)
    assert result.task == "own" and result.classes == ["cold", "warm"] and len(result.texts) == 16


@pytest.mark.parametrize("texts, labels, message", [
    ("warm the cat", None, "Line 1 is not 'label<TAB>text': write the label, a tab, then the sentence."),
    (["a", "b"], ["x"], "texts and labels must be two lists of the same length"),
    (["the cat"] * 5, ["x"] * 5, "Give 2 to 6 labels with at least 4 sentences each; found x: 5."),
])
def test_bad_labelled_sentences_get_a_message(adapt_service, texts, labels, message):
    with pytest.raises(DemoError) as err:
        adapt_service.probe(None, texts=texts, labels=labels)
    assert message in str(err.value)


# -- fine-tune ---------------------------------------------------------------------------------------

def test_fine_tuning_beats_the_untrained_head_within_its_time(adapt_service, tmp_path):
    # the tiny BERT in both test modes: the verb on a toy set, not how fast a 22 M-parameter model learns it
    bert_dir = tiny_bert(str(tmp_path / "tiny-bert"))
    texts, labels = last_word_set()
    result = adapt_service.fine_tune(bert_dir, seconds=40, page="page-a", texts=texts, labels=labels)
    assert result.limit_seconds == 40  # it ends earlier once the training sentences are learnt
    assert result.steps == len(result.losses) > 0 and not result.stopped
    assert result.after >= 0.9 and result.after > result.before
    assert 0 <= result.probe <= 1 and result.pool == "first"
    tried = adapt_service.classify(bert_dir, "the cat sat red", page="page-a")
    assert sum(tried.probs) == pytest.approx(1) and tried.label == "warm"
    with pytest.raises(DemoError) as err:  # another page never sees this page's copy
        adapt_service.classify(bert_dir, "the cat sat red", page="page-b")
    assert "No fine-tuned copy of" in str(err.value) and "press Fine-tune first" in str(err.value)
    assert adapt_service.forget_tuned("page-a") == 1
    with pytest.raises(DemoError):
        adapt_service.classify(bert_dir, "the cat sat red", page="page-a")


def test_a_second_fine_tune_waits_and_stop_ends_the_first(adapt_service, gpt_dir):
    texts, labels = last_word_set(32)
    stop_first = threading.Event()
    heard: list[str] = []
    results: dict[str, object] = {}
    first_training = threading.Event()

    def first():
        def stopped():  # the first's training loop asks between steps: hold it there until the Stop comes, so
            first_training.set()  # it cannot end early by learning the small set before the second is waiting
            return stop_first.wait(60)
        results["first"] = adapt_service.fine_tune(gpt_dir, seconds=60, page="one", stopped=stopped, texts=texts,
                                                   labels=labels)

    def second():
        results["second"] = adapt_service.fine_tune(gpt_dir, seconds=1, page="two", texts=texts, labels=labels,
                                                    progress=lambda f, desc="": heard.append(str(desc)))

    one = threading.Thread(target=first)
    one.start()
    assert first_training.wait(60)
    two = threading.Thread(target=second)
    two.start()
    for _ in range(600):  # until the second has said it waits
        if heard:
            break
        two.join(0.1)
    assert heard[0] == "Another page is fine-tuning: yours starts when it ends…"
    assert two.is_alive() and "second" not in results  # it waits while the first trains
    stop_first.set()
    one.join(60)
    two.join(120)
    assert results["first"].stopped and results["first"].seconds < 60
    assert not results["second"].stopped and results["second"].waited > 0


def test_a_model_too_big_for_the_device_is_refused_naming_the_limit(adapt_service, bert_dir, monkeypatch):
    monkeypatch.setitem(verbs.MAX_TUNE_PARAMETERS, "cpu", 2_000_000)
    count = adapt_service.info(bert_dir, MASKED).parameters
    if count <= 2_000_000:
        monkeypatch.setitem(verbs.MAX_TUNE_PARAMETERS, "cpu", 1_000)
    with pytest.raises(DemoError) as err:
        adapt_service.fine_tune(bert_dir, seconds=5)
    limit = verbs.MAX_TUNE_PARAMETERS["cpu"] / 1e6
    assert str(err.value) == (f"'{bert_dir}' has {count / 1e6:.0f} M parameters: too big to fine-tune on this server "
                              f"(cpu) within 60 seconds; the limit is {limit:.0f} M parameters. Choose a smaller "
                              f"model, such as a pocket model or distilbert-base-uncased.")


# -- next sentence --------------------------------------------------------------------------------

def pretraining_service(tmp_path, family: str):
    from families import POSITIONS, SMALL, trained_unigram, wordpiece
    from tokenizers.processors import TemplateProcessing
    from transformers import AlbertTokenizerFast

    torch.manual_seed(1)
    if family == "bert":
        tokenizer = wordpiece()
        model = BertForPreTraining(BertConfig(vocab_size=len(tokenizer), max_position_embeddings=POSITIONS, **SMALL))
    else:
        unigram = trained_unigram(120, ["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"])
        unigram._tokenizer.post_processor = TemplateProcessing(
            single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
        tokenizer = AlbertTokenizerFast(tokenizer_object=unigram._tokenizer, pad_token="<pad>", unk_token="<unk>",
                                        cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]")
        model = AlbertForPreTraining(AlbertConfig(vocab_size=len(tokenizer), embedding_size=16,
                                                  max_position_embeddings=POSITIONS, **SMALL))
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    # the catalog's own entry for such a model, pointed at the tiny one
    spec = replace(CATALOG["bert-base-uncased" if family == "bert" else "albert-base-v2"],
                   id=f"tiny-{family}-pretraining", source=str(tmp_path), max_positions=POSITIONS)
    service = InferenceService(Settings(device="cpu"), defaults={"masked": spec.id}, extra_models=[spec])
    return service, model.eval(), tokenizer, spec.id


@pytest.mark.parametrize("family, method, output", [("bert", "nsp", "seq_relationship_logits"),
                                                    ("albert", "sop", "sop_logits")])
def test_next_sentence_is_the_heads_own_softmax(tmp_path, family, method, output):
    service, model, tokenizer, name = pretraining_service(tmp_path, family)
    first, second = "the cat sat on the mat .", "a dog ran to the park ."
    result = service.next_sentence(name, first, second)
    with torch.no_grad():
        logits = getattr(model(**tokenizer(first, second, return_tensors="pt")), output)
    assert result.method == method
    assert result.prob_follows == pytest.approx(float(logits.softmax(-1)[0, 0]), abs=1e-6)
    swapped = service.next_sentence(name, second, first)
    with torch.no_grad():
        logits = getattr(model(**tokenizer(second, first, return_tensors="pt")), output)
    assert swapped.prob_follows == pytest.approx(float(logits.softmax(-1)[0, 0]), abs=1e-6)


def test_a_masked_model_without_a_pair_head_is_refused(adapt_service, bert_dir, tmp_path):
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    if "ForPreTraining" in str(AutoModelForMaskedLM.from_pretrained(bert_dir).config.architectures):
        headless = tmp_path / "headless"  # pocket-bert has an NSP head: the same weights saved without it
        AutoModelForMaskedLM.from_pretrained(bert_dir).save_pretrained(headless)
        AutoTokenizer.from_pretrained(bert_dir).save_pretrained(headless)
        bert_dir = str(headless)
    with pytest.raises(DemoError) as err:
        adapt_service.next_sentence(bert_dir, "the cat sat .", "the dog ran .")
    assert str(err.value) == (f"'{bert_dir}' has no next-sentence (NSP) or sentence-order (SOP) head in its "
                              f"checkpoint; choose bert-base-uncased, albert-base-v2 or a causal model.")


def test_causal_next_sentence_is_the_log_probability_difference(adapt_service, gpt_dir):
    first, second = "the cat sat on the mat.", "the dog ran to the park."
    result = adapt_service.next_sentence(gpt_dir, first, second)
    lm = adapt_service.load(gpt_dir, "causal")
    tok = lm.tokenizer
    b = tok(" " + second, add_special_tokens=False)["input_ids"]

    def logprob(context: list[int]) -> float:  # the library's own loss over B's pieces only, times their count
        ids = torch.tensor([context + b])
        labels = torch.tensor([[-100] * len(context) + b])
        with torch.no_grad():
            return -float(lm.model(input_ids=ids, labels=labels).loss) * len(b)

    start = [tok.bos_token_id]
    assert result.logprob_with == pytest.approx(logprob(start + tok(first, add_special_tokens=False)["input_ids"]),
                                                abs=1e-4)
    assert result.logprob_alone == pytest.approx(logprob(start), abs=1e-4)
    assert result.difference == pytest.approx(result.logprob_with - result.logprob_alone)


# -- sampling -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("temperature, top_k, top_p", [(1.0, 0, 1.0), (0.7, 10, 0.9), (1.5, 3, 1.0), (0.5, 0, 0.6)])
def test_sampling_equals_transformers_warpers_in_order(adapt_service, gpt_dir, temperature, top_k, top_p):
    text = "the cat sat on the"
    result = adapt_service.sampling(gpt_dir, text, temperature, top_k, top_p)
    lm = adapt_service.load(gpt_dir, "causal")
    ids = lm.tokenizer(text)["input_ids"]
    if ids[-1] == lm.tokenizer.sep_token_id is not None:  # a BERT tokenizer's closing [SEP] is not the prompt's
        ids = ids[:-1]
    with torch.no_grad():
        scores = lm.model(input_ids=torch.tensor([ids])).logits[:, -1].float()
    shown = [c.id for c in result.candidates]
    assert [s.name for s in result.steps] == ["model", "temperature", "top_k", "top_p"]
    assert result.steps[0].probs == pytest.approx(scores.softmax(-1)[0, shown].tolist(), abs=1e-6)
    chain = [TemperatureLogitsWarper(temperature), TopKLogitsWarper(top_k) if top_k else None,
             TopPLogitsWarper(top_p)]
    for step, warper in zip(result.steps[1:], chain):
        if warper is not None:
            scores = LogitsProcessorList([warper])(ids, scores)
        probs = scores.softmax(-1)[0]
        assert step.probs == pytest.approx(probs[shown].tolist(), abs=1e-6)
        assert step.kept == int(torch.isfinite(scores).sum())
        assert float(probs.sum()) == pytest.approx(1.0, abs=1e-4)  # float32 over a 30,522-piece vocabulary
    if top_k:
        assert result.steps[2].kept == min(top_k, result.vocab)


def test_sampling_checks_its_knobs(adapt_service, gpt_dir):
    with pytest.raises(DemoError) as err:
        adapt_service.sampling(gpt_dir, "the cat", top_p=0)
    assert "top_p" in str(err.value)
