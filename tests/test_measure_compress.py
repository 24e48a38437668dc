"""compress(): each method on a copy of the loaded model, measured against the full model."""
import copy

import pytest
import torch

from demo import catalog
from demo.errors import ModelLoadError, ParameterError, UnknownModelError
from demo.loading import ModelCache
from demo.measure import compress as lab
from demo.measure import probe, variants

FAMILIES = ["masked", "causal"]


def weights(model) -> dict:
    return {k: v.clone() for k, v in model.state_dict().items() if isinstance(v, torch.Tensor)}


@pytest.mark.parametrize("family", FAMILIES)
def test_int8_is_smaller_than_the_full_model(service, family):
    result = service.compress(service.default(family), "int8")
    assert result.bytes < result.full_bytes
    assert 0 <= result.fidelity <= 1 and result.seconds_ratio > 0
    assert "layer matrices" in result.note


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("amount", [0.3, 0.75])
def test_pruning_reaches_exactly_the_asked_sparsity(service, family, amount):
    lm = service.load(None, family)
    model, _ = variants.prune(copy.deepcopy(lm.model), amount)
    matrices = [m.weight for m in variants.layer_matrices(model)]
    total = sum(w.numel() for w in matrices)
    zeros = sum(int((w == 0).sum()) for w in matrices)
    assert zeros == round(amount * total)  # L1Unstructured prunes round(amount · N) weights
    assert variants.zero_share(model) == zeros / total


@pytest.mark.parametrize("family", FAMILIES)
def test_low_rank_error_is_the_discarded_singular_values(service, family):
    """Eckart–Young: the best rank-k approximation's squared Frobenius error is the sum of the
    squared singular values it leaves out."""
    lm = service.load(None, family)
    model = copy.deepcopy(lm.model)
    variants.conv1d_to_linear(model)
    name, layer = next((n, m) for n, m in model.base_model.named_modules()
                       if isinstance(m, torch.nn.Linear) and variants.FEED_FORWARD.search(n))
    W = layer.weight.data
    k = min(W.shape) // 3
    A, B, discarded = variants.truncated_svd(W, k)
    assert A.shape == (W.shape[0], k) and B.shape == (k, W.shape[1])
    error = float(((W.double() - A.double() @ B.double()) ** 2).sum())
    assert error == pytest.approx(float((discarded ** 2).sum()), rel=1e-5)
    assert len(discarded) == min(W.shape) - k
    # and the variant holds exactly those factors in place of the matrix
    compressed, _ = variants.low_rank(model, k / min(W.shape))
    first, second = dict(compressed.base_model.named_modules())[name]
    assert torch.equal(first.weight, B) and torch.equal(second.weight, A)


@pytest.mark.parametrize("family", FAMILIES)
def test_fidelity_of_the_unmodified_model_is_one(service, family):
    lm = service.load(None, family)
    ref = lab.reference(lm)
    same = probe.top5(lm, copy.deepcopy(lm.model), ref.probe)
    assert probe.fidelity(ref.top, same) == 1.0
    assert probe.fidelity(ref.top, ref.top.flip(0)) < 1.0  # another sentence's top-5 is not the same


def test_fidelity_counts_shared_top5_words():
    ref = torch.tensor([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]])
    other = torch.tensor([[5, 4, 3, 99, 98], [10, 11, 12, 13, 14]])
    assert probe.fidelity(ref, other) == pytest.approx((3 / 5 + 1 / 5) / 2)


@pytest.fixture(scope="module")
def pocket():
    cache = ModelCache("cpu")
    return {family: cache.get(catalog.CATALOG[catalog.POCKET[family]]) for family in FAMILIES}


@pytest.mark.parametrize("family", FAMILIES)
def test_fidelity_falls_as_sparsity_rises_on_the_pocket_models(pocket, family):
    lm = pocket[family]
    ref = lab.reference(lm)
    fidelity = [lab.compress(lm, "prune", amount, ref).fidelity for amount in (0.1, 0.5, 0.9)]
    assert fidelity[0] > fidelity[1] > fidelity[2]


@pytest.mark.parametrize("family", FAMILIES)
def test_removing_heads_drops_their_weights_and_keeps_one_per_layer(service, family):
    lm = service.load(None, family)
    c = lm.model.config
    d, H, L = c.hidden_size, c.num_attention_heads, c.num_hidden_layers
    model, note = variants.heads(copy.deepcopy(lm.model), 0.5)
    removed = round(0.5 * H * L)
    assert note.startswith(f"{removed} of {H * L} heads removed")
    size = d // H
    per_head = 3 * (d * size + size) + d * size  # its Q, K, V rows (weights and biases) and W_O columns
    before, after = lab.stored(lm.model)[1], lab.stored(model)[1]
    assert before - after == removed * per_head
    blocks = variants._attention_blocks(model)
    left = [b["attn"].num_attention_heads if b["kind"] == "bert" else b["attn"].num_heads for b in blocks]
    assert len(left) == L and min(left) >= 1 and sum(left) == H * L - removed  # every layer keeps one at least
    ref = lab.reference(lm)
    assert probe.top5(lm, model, ref.probe).shape == ref.top.shape  # still runs on the same inputs


@pytest.mark.parametrize("method", ["prune", "heads", "low_rank", "int8", "bf16"])
def test_the_shared_model_is_never_changed(service, method):
    lm = service.load(None, "causal")
    before = weights(lm.model)
    service.compress(lm.spec.id, method, 0.9 if method != "int8" else None)
    after = weights(lm.model)
    assert before.keys() == after.keys() and all(torch.equal(before[k], after[k]) for k in before)


def test_results_are_cached_per_model_method_and_amount(service):
    first = service.compress(None, "low_rank", 0.5)
    assert service.compress(None, "low_rank", 0.5) is first
    assert service.compress(None, "low_rank", 0.25) is not first
    assert first in service.compressed()
    assert service.compress(None, "prune").amount == 0.5  # the default amount
    assert service.compress(None, "bf16", 0.3).amount is None  # no amount for a cast (bf16: fp16 is refused on a CPU past 20 M parameters)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"method": "zip"}, ParameterError,
     r"^Unknown compression method\. Choose one of: int8, fp16, bf16, prune, heads, low_rank, distilled\.$"),
    ({"method": "<b>prune</b>"}, ParameterError, r"^Unknown compression method\."),
    ({"method": "prune", "amount": 0}, ParameterError, r"^amount must be a fraction above 0 and below 1; got 0\.$"),
    ({"method": "prune", "amount": 1}, ParameterError, r"^amount must be a fraction above 0 and below 1; got 1\.$"),
    ({"method": "heads", "amount": -0.2}, ParameterError, r"^amount must be a fraction above 0 and below 1; got -0\.2\.$"),
    ({"method": "low_rank", "amount": "lots"}, ParameterError, r"^amount must be a fraction above 0 and below 1\.$"),
    ({"method": "prune", "amount": float("nan")}, ParameterError, r"^amount must be a fraction above 0 and below 1"),
    ({"method": "int8", "model": "no-such-model"}, UnknownModelError, r"^Unknown model\. Choose one of: "),
    ({"method": "distilled"}, ParameterError, r"has no distilled twin in the catalog \(bert-base-uncased → "
                                               r"distilbert-base-uncased, gpt2 → distilgpt2\); try another method\.$"),
])
def test_bad_input_gets_the_exact_message(service, kwargs, error, message):
    with pytest.raises(error, match=message):
        service.compress(**{"model": None, **kwargs})


@pytest.fixture(scope="module")
def teacher_and_student(tmp_path_factory):
    """A tiny BERT and a tiny DistilBERT on the same WordPiece vocabulary, as the catalog's
    bert-base-uncased and distilbert-base-uncased share theirs."""
    from pathlib import Path

    from conftest import make_service
    from demo.catalog import spec_from_directory
    from families import build

    teacher = build("bert", tmp_path_factory.mktemp("teacher"))
    student = build("distilbert", tmp_path_factory.mktemp("student"))
    service = make_service(teacher, teacher)
    service.catalog.update({"tiny-teacher": spec_from_directory(Path(teacher), "tiny-teacher"),
                            "tiny-student": spec_from_directory(Path(student), "tiny-student")})
    return service


def test_the_distilled_twin_is_loaded_through_the_cache_and_measured(teacher_and_student, monkeypatch):
    service = teacher_and_student
    monkeypatch.setattr(lab, "TWINS", {"tiny-teacher": "tiny-student"})
    result = service.compress("tiny-teacher", "distilled")
    student = service.cache.get(service.catalog["tiny-student"])
    assert result.parameters == lab.stored(student.model)[1] < result.full_parameters
    assert result.note == "the catalog's distilled twin tiny-student" and 0 <= result.fidelity <= 1
    assert "tiny-student" in service.cache.loaded()  # the shared cache: loaded once, reused by everyone


def test_a_twin_that_cannot_be_loaded_says_why(teacher_and_student, monkeypatch):
    monkeypatch.setattr(lab, "TWINS", {"tiny-teacher": "distilbert-base-uncased"})  # the hub is out of reach
    with pytest.raises(ModelLoadError, match=r"^Could not load model 'distilbert-base-uncased': .* To fix: "):
        teacher_and_student.compress("tiny-teacher", "distilled")


def test_heads_on_an_attention_this_lab_cannot_cut_says_so(teacher_and_student):
    with pytest.raises(ParameterError, match=r"^Removing heads works on BERT, RoBERTa and GPT-2 models"):
        teacher_and_student.compress("tiny-student", "heads", 0.5)


def test_fp16_of_a_large_model_on_a_cpu_is_refused_with_the_reason(service, monkeypatch):
    monkeypatch.setattr(lab, "FP16_CPU_LIMIT", 0)  # as if the loaded model were gpt2's size
    with pytest.raises(ParameterError, match=r"^fp16 has no fast arithmetic on a CPU: .* Try bf16 \(the same size\)"):
        service.compress(service.default("causal"), "fp16", None)
