"""Which encoder-decoder the app offers first (demo/startup.seq2seq_default): the configured one when the
hub can be had or it is on disk already, else the bundled pocket-t5 where one was trained and shipped,
decided as choose_defaults decides the masked and causal ones."""
from pathlib import Path

import pytest

from demo import catalog, startup
from demo.catalog import SEQ2SEQ
from demo.service import InferenceService
from demo.settings import Settings


@pytest.fixture
def with_pocket_t5(monkeypatch):
    monkeypatch.setitem(catalog.POCKET, SEQ2SEQ, "pocket-t5")


def test_offline_the_bundled_encoder_decoder_is_the_default(with_pocket_t5):
    assert startup.seq2seq_default(Settings(offline=True), hub_ok=False) == "pocket-t5"
    assert startup.seq2seq_default(Settings(), hub_ok=False) == "pocket-t5"  # the hub did not answer
    assert InferenceService(Settings(device="cpu", offline=True)).default(SEQ2SEQ) == "pocket-t5"


def test_with_the_hub_or_a_cached_copy_the_configured_one_stays(with_pocket_t5, monkeypatch):
    assert startup.seq2seq_default(Settings(), hub_ok=True) == "t5-small"
    assert startup.seq2seq_default(Settings(default_seq2seq="facebook/bart-base"), hub_ok=True) == "facebook/bart-base"
    monkeypatch.setattr(startup, "cached", lambda model_id: model_id == "t5-small")
    assert startup.seq2seq_default(Settings(offline=True), hub_ok=False) == "t5-small"


def test_without_a_bundled_encoder_decoder_the_configured_one_stays(monkeypatch):
    monkeypatch.delitem(catalog.POCKET, SEQ2SEQ, raising=False)
    assert startup.seq2seq_default(Settings(offline=True), hub_ok=False) == "t5-small"


def test_offline_on_this_checkout():
    """pocket-t5 when its files are in assets/pocket (python -m demo.pocket train) and the configured model
    (t5-small unless DEMO_SEQ2SEQ_MODEL says otherwise) is not in the hub cache; else the configured one."""
    settings = Settings(device="cpu", offline=True)
    bundled = (Path(__file__).resolve().parents[1] / "assets" / "pocket" / "pocket-t5" / "config.json").is_file()
    wanted = settings.default_seq2seq
    want = "pocket-t5" if bundled and not startup.cached(wanted) else wanted
    assert InferenceService(settings).default(SEQ2SEQ) == want
