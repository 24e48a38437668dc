"""next_tokens and generate agree with the model itself and with model.generate."""
import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


@pytest.fixture(scope="module")
def gpt(gpt_dir):
    return AutoModelForCausalLM.from_pretrained(gpt_dir).eval(), AutoTokenizer.from_pretrained(gpt_dir)


def test_next_tokens_is_the_softmax_of_the_last_logits(service, gpt):
    model, tok = gpt
    text = "The cat sat on the"
    got = service.next_tokens(None, text, top_k=10)
    with torch.no_grad():
        probs = model(**tok(text, return_tensors="pt")).logits[0, -1].softmax(-1)
    probs[tok.all_special_ids] = 0  # never offered
    values, ids = probs.topk(10)
    assert [c.id for c in got.candidates] == ids.tolist()
    assert [c.prob for c in got.candidates] == pytest.approx(values.tolist(), abs=1e-5)
    with torch.no_grad():
        full = model(**tok(text, return_tensors="pt")).logits[0, -1].softmax(-1)
    assert got.entropy == pytest.approx(float(-(full * full.log()).sum()), abs=1e-4)
    assert got.tokens == tok.convert_ids_to_tokens(tok(text)["input_ids"])


def test_candidates_show_the_bpe_piece_and_its_text(service):
    got = service.next_tokens(None, "The dog", top_k=50)
    tok = service.load(None, "causal").tokenizer
    for c in got.candidates:
        assert (c.token, c.text) == (tok.convert_ids_to_tokens(c.id), tok.decode([c.id]))


@pytest.mark.parametrize("prompt", ["The cat", "A bird sang in the tree. The dog"])
def test_greedy_equals_model_generate(service, gpt, prompt):
    model, tok = gpt
    ids = tok(prompt, return_tensors="pt")
    want = model.generate(**ids, do_sample=False, max_new_tokens=20, pad_token_id=tok.eos_token_id)
    got = service.generate(None, prompt, max_new_tokens=20, greedy=True)
    assert [t.id for t in got.new_tokens] == want[0, ids["input_ids"].shape[1]:].tolist()
    assert got.text == prompt + tok.decode(want[0, ids["input_ids"].shape[1]:], skip_special_tokens=True)


def test_each_token_carries_the_models_own_probability(service, gpt):
    model, tok = gpt
    got = service.generate(None, "The cat", max_new_tokens=3, greedy=True)
    ids = tok("The cat")["input_ids"]
    for t in got.new_tokens:
        with torch.no_grad():
            p = model(torch.tensor([ids])).logits[0, -1].softmax(-1)[t.id]
        assert t.prob == pytest.approx(float(p), abs=1e-5)
        ids.append(t.id)


def test_same_seed_same_sample_and_other_seeds_differ(service):
    options = dict(max_new_tokens=15, temperature=1.5, top_k=0, top_p=1.0)
    a = service.generate(None, "The dog", seed=7, **options)
    b = service.generate(None, "The dog", seed=7, **options)
    c = [service.generate(None, "The dog", seed=s, **options) for s in (8, 9, 10)]
    assert [t.id for t in a.new_tokens] == [t.id for t in b.new_tokens]
    assert any([t.id for t in x.new_tokens] != [t.id for t in a.new_tokens] for x in c)


def test_top_k_one_sampling_is_greedy(service):
    sampled = service.generate(None, "The cat", max_new_tokens=10, top_k=1, seed=3)
    greedy = service.generate(None, "The cat", max_new_tokens=10, greedy=True)
    assert [t.id for t in sampled.new_tokens] == [t.id for t in greedy.new_tokens]


def test_stream_yields_the_same_tokens_one_by_one(service):
    streamed = list(service.stream(None, "The cat", max_new_tokens=8, greedy=True))
    assert [t.id for t in streamed] == [t.id for t in service.generate(None, "The cat", max_new_tokens=8,
                                                                         greedy=True).new_tokens]


def test_kv_cache_feeds_one_token_per_step(service):
    lm = service.load(None, "causal")
    seen = []
    hook = lm.model.register_forward_pre_hook(lambda m, args, kw: seen.append(kw["input_ids"].shape[1]),
                                              with_kwargs=True)
    try:
        prompt_len = len(lm.tokenizer("The cat sat on")["input_ids"])
        service.generate(None, "The cat sat on", max_new_tokens=6, greedy=True)
    finally:
        hook.remove()
    assert seen[0] == prompt_len and all(n == 1 for n in seen[1:]) and len(seen) >= 2
