"""Nothing out of range reaches a model: every position and every id is checked against the loaded
model's own tables before a forward pass (on CUDA an out-of-range index is a device-side assert
that breaks every later call, so the check must come first, not an error handler after)."""

import pytest
from transformers import AutoTokenizer

from demo.catalog import MASKED, ModelSpec
from demo.errors import BadCharactersError, TextTooLongError
from demo.service import InferenceService
from demo.settings import Settings
from families import POSITIONS, build


def service_with(spec: ModelSpec) -> InferenceService:
    return InferenceService(Settings(device="cpu"), defaults={"masked": spec.id, "causal": spec.id},
                            extra_models=[spec])


def test_the_models_own_position_table_wins_over_a_larger_catalog_figure(tmp_path):
    folder = build("bert", tmp_path / "bert")
    service = service_with(ModelSpec("claims-512", MASKED, folder, 512, bundled=True))
    assert service.load(None, MASKED).positions == POSITIONS
    tok = AutoTokenizer.from_pretrained(folder)
    text = "the " * (POSITIONS - 2) + "[MASK]"  # [CLS] + 62 + [MASK] + [SEP] = 65 tokens
    assert len(tok(text)["input_ids"]) == POSITIONS + 1
    with pytest.raises(TextTooLongError) as caught:
        service.fill_mask(None, text)
    assert str(caught.value) == f"Text is {POSITIONS + 1} tokens; claims-512 can handle at most {POSITIONS} positions."
    assert service.info(None, MASKED).max_positions == POSITIONS  # and the UI shows the real figure


def test_an_id_past_the_embedding_table_is_refused_before_the_model(tmp_path):
    """A tokenizer with more pieces than the model has embedding rows (a mismatched save)."""
    folder = build("bert", tmp_path / "bert")
    tok = AutoTokenizer.from_pretrained(folder)
    tok.add_tokens(["zebra"])  # id len(vocab): one past the model's table
    tok.save_pretrained(folder)
    service = service_with(ModelSpec("mismatched", MASKED, folder, POSITIONS, bundled=True))
    assert len(service.fill_mask(None, "the cat [MASK] .").masks[0]) == 5  # ids inside the table: answered
    for verb in (lambda: service.fill_mask(None, "the zebra [MASK] ."), lambda: service.attention(None, "the zebra")):
        with pytest.raises(BadCharactersError) as caught:
            verb()
        assert str(caught.value) == ("Text contains pieces mismatched has no embedding for (its tokenizer and weights "
                                     "disagree); remove unusual words or characters and try again.")
