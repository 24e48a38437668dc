"""Tiny BERT and GPT-2 models built here from configs, with tokenizers built here: no download.

Their weights are random (seeded), which is all the agreement tests need: the service must
give the same numbers as the transformers pipelines on the same model, whatever it predicts.
`DEMO_TEST_MODELS=pocket pytest` runs the same suite on the bundled, trained pocket models instead.
"""
from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # read at import time by huggingface_hub

import pytest
import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast, GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

from demo.pocket import FOLDER as POCKET_FOLDER
from demo.service import InferenceService
from demo.settings import Settings

ON_POCKET = os.environ.get("DEMO_TEST_MODELS") == "pocket"
MASKED, CAUSAL = ("pocket-bert", "pocket-gpt") if ON_POCKET else ("tiny-bert", "tiny-gpt")  # names in the web app
POSITIONS = 128 if ON_POCKET else 64  # the test models' positions: the limit the long-text messages name

from families import CORPUS, WORDS  # noqa: E402  (one vocabulary and corpus for every tiny model)


def tiny_bert(path) -> str:
    vocab = {tok: i for i, tok in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS])}
    tokenizer = BertTokenizerFast(vocab=vocab)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=64)
    BertForMaskedLM(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return str(path)


def tiny_gpt(path) -> str:
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(CORPUS, vocab_size=300, min_frequency=1, special_tokens=["<|endoftext|>"])
    tokenizer = GPT2TokenizerFast(tokenizer_object=bpe._tokenizer, bos_token="<|endoftext|>",
                                  eos_token="<|endoftext|>", unk_token="<|endoftext|>")
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=len(tokenizer), n_embd=32, n_layer=2, n_head=2, n_positions=64,
                        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id)
    GPT2LMHeadModel(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return str(path)


def spelled(gpt_dir: str, text: str) -> str:
    """`text` as a causal model's token views spell it, pieces joined: GPT-2's byte-level BPE keeps every
    character (the text itself); the pocket trio's WordPiece splits it, ## marks and all ("im##g")."""
    if not ON_POCKET:
        return text
    from transformers import AutoTokenizer

    return "".join(AutoTokenizer.from_pretrained(gpt_dir).tokenize(text))


@pytest.fixture(scope="session")
def bert_dir(tmp_path_factory) -> str:
    if ON_POCKET:
        return str(POCKET_FOLDER / "pocket-bert")
    return tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture(scope="session")
def gpt_dir(tmp_path_factory) -> str:
    if ON_POCKET:
        return str(POCKET_FOLDER / "pocket-gpt")
    return tiny_gpt(tmp_path_factory.mktemp("tiny-gpt"))


def make_service(bert_dir: str, gpt_dir: str, **settings) -> InferenceService:
    return InferenceService(Settings(device="cpu", **settings), defaults={"masked": bert_dir, "causal": gpt_dir})


def fail_once(monkeypatch, owner, name: str, error: BaseException) -> None:
    """Make owner.name raise `error` on its next call only (an injected device fault)."""
    real = getattr(owner, name)
    failures = iter([error])

    def flaky(*args, **kwargs):
        for err in failures:
            raise err
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, flaky)


@pytest.fixture(scope="session")
def service(bert_dir, gpt_dir) -> InferenceService:
    return make_service(bert_dir, gpt_dir)


# -- the launched app, for API (gradio_client) and browser (Playwright) tests --------------------

def make_web_service(bert_dir: str, gpt_dir: str, t5_dir: str | None = None, **settings) -> InferenceService:
    """What the web app runs on in tests: the tiny models join the allowlist as `tiny-bert` and
    `tiny-gpt` (the pocket models are in it already) and are the defaults; local directories are
    refused, as on a hosted server. With `t5_dir`, a tiny T5 joins as `tiny-t5`, the encoder-decoder default."""
    from pathlib import Path

    from demo.catalog import spec_from_directory

    extra = [] if ON_POCKET else [spec_from_directory(Path(bert_dir), MASKED), spec_from_directory(Path(gpt_dir), CAUSAL)]
    defaults = {"masked": MASKED, "causal": CAUSAL}
    if t5_dir:
        extra.append(spec_from_directory(Path(t5_dir), "tiny-t5"))
        defaults["seq2seq"] = "tiny-t5"
    else:  # as the app picks it with no network, as here: the bundled pocket-t5 where one is shipped
        from demo.startup import seq2seq_default

        defaults["seq2seq"] = seq2seq_default(Settings(offline=True), hub_ok=False)
    service = InferenceService(Settings(device="cpu", **settings), defaults=defaults, extra_models=extra)
    return service.web_only()


@pytest.fixture(scope="session")
def web_service(bert_dir, gpt_dir) -> InferenceService:
    return make_web_service(bert_dir, gpt_dir)


@pytest.fixture(scope="session")
def app(web_service):
    from demo.ui.app import build_app

    return build_app(web_service)


@pytest.fixture(scope="session")
def app_url(app):
    from demo.ui.app import launch_options

    _, url, _ = app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None,
                           quiet=True, **launch_options())
    try:
        yield url.rstrip("/") + "/"
    finally:
        app.close()


@pytest.fixture(scope="session")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


CHROMIUM = os.environ.get("DEMO_CHROMIUM", "/usr/bin/chromium")  # Debian's; elsewhere point DEMO_CHROMIUM at one
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


# module-scoped: Playwright's sync API runs an event loop in this thread while it is open, and
# asyncio.run (the MCP client) and Ray Serve's sync calls refuse to run inside one
@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):  # a missing browser fails the browser tests: they never pass unrun
        pytest.fail(f"browser tests need Chromium at {CHROMIUM}: apt-get install chromium, or set DEMO_CHROMIUM "
                    f"to a Chromium binary")
    from playwright.sync_api import expect, sync_playwright

    # Gradio draws a page with JavaScript after its load event; on a busy CPU that takes more than expect's
    # 5 s default (measured: over 8 s with the suite and a training run beside it), so a check on a page that
    # is still "Loading…" waits for it, not fails
    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


ARTIFACTS = os.path.join(os.path.dirname(__file__), "..", "artifacts")


@pytest.fixture
def page(browser, app_url):
    """A fresh page on the app; every request to anything but the app is blocked (offline proof)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked: list[str] = []

    def only_the_app(route):
        if route.request.url.startswith(app_url) or route.request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_app)
    page = context.new_page()
    page.blocked = blocked
    page.goto(app_url)
    yield page
    context.close()


def open_tab(page, name: str) -> None:
    """Open a tab by its role and name, and wait until it is the selected one."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")


def screenshot(page, name: str) -> None:
    """Saved under artifacts/ (git-ignored) for people to look at."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)


def ended_clean(page, name: str) -> None:
    """A person's run through a tab ended clean: no error toast, nothing fetched from outside the
    app (no CDN), and a screenshot to look at."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("toast-body")).to_have_count(0)
    assert page.blocked == []
    screenshot(page, name)


# -- inside the models (lens, attribution, attention steps): every catalog family ------------------

@pytest.fixture(scope="session")
def family_dirs(tmp_path_factory) -> dict[str, str]:
    """A tiny local model of every family in tests/families.py, built once per session."""
    from families import CAUSAL_FAMILIES, MASKED_FAMILIES, build

    root = tmp_path_factory.mktemp("families")
    return {family: build(family, root / family) for family in (*MASKED_FAMILIES, *CAUSAL_FAMILIES)}


# -- the encoder-decoder (BERT vs GPT tab's third column, How they differ's three families) ----------

@pytest.fixture(scope="session")
def t5_dir(request) -> str:
    """A tiny T5 that writes one- and two-word spans (tests/families.build_spans_t5), in both modes: no
    test depends on pocket-t5 being trained. Its training takes minutes on a busy CPU, so the folder is
    kept in pytest's cache under the hash of the recipe's source (a changed recipe builds anew)."""
    import hashlib
    import inspect

    import families

    key = hashlib.sha256(inspect.getsource(families).encode()).hexdigest()[:12]
    folder = request.config.cache.mkdir(f"tiny-t5-spans-{key}")
    if not all((folder / name).is_file() for name in ("model.safetensors", "tokenizer_config.json")):
        families.build_spans_t5(folder)
    return str(folder)
