"""Chinese on tiny local models built here: a BERT with a vocabulary of Chinese characters (as
bert-base-chinese), a GPT-2 reading the same vocabulary through a BERT tokenizer (as
uer/gpt2-chinese-cluecorpussmall) and a GPT-2 with a byte-level BPE trained on Chinese sentences."""
import re

import pytest
import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import (BertConfig, BertForMaskedLM, BertTokenizerFast, GPT2Config, GPT2LMHeadModel,
                          GPT2TokenizerFast, pipeline)

from conftest import make_service
from demo.catalog import CATALOG, CAUSAL, MASKED

SENTENCES = ["北京是中国的首都。", "今天天气很好。", "上海是一个大城市。", "我们明天去公园。", "他喜欢看书和写字。"]
CHARS = sorted({c for s in SENTENCES for c in s})


def _bert_tokenizer():
    vocab = {tok: i for i, tok in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *CHARS])}
    return BertTokenizerFast(vocab=vocab, tokenize_chinese_chars=True)


@pytest.fixture(scope="module")
def chinese(tmp_path_factory):
    root = tmp_path_factory.mktemp("chinese")
    tok = _bert_tokenizer()
    torch.manual_seed(0)
    BertForMaskedLM(BertConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                               intermediate_size=64, max_position_embeddings=64)).save_pretrained(root / "bert")
    tok.save_pretrained(root / "bert")
    # uer's recipe: GPT-2 weights, BERT's tokenizer (starts with [CLS], ends with [SEP])
    GPT2LMHeadModel(GPT2Config(vocab_size=len(tok), n_embd=32, n_layer=2, n_head=2, n_positions=64)
                    ).save_pretrained(root / "gpt")
    tok.save_pretrained(root / "gpt")
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(SENTENCES * 20, vocab_size=300, min_frequency=2, special_tokens=["<|endoftext|>"])
    bpe_tok = GPT2TokenizerFast(tokenizer_object=bpe._tokenizer, bos_token="<|endoftext|>",
                                eos_token="<|endoftext|>", unk_token="<|endoftext|>")
    GPT2LMHeadModel(GPT2Config(vocab_size=len(bpe_tok), n_embd=32, n_layer=2, n_head=2, n_positions=64)
                    ).save_pretrained(root / "bpe")
    bpe_tok.save_pretrained(root / "bpe")
    return {name: str(root / name) for name in ("bert", "gpt", "bpe")}


@pytest.fixture(scope="module")
def service(chinese):
    return make_service(chinese["bert"], chinese["gpt"])


def test_the_catalog_offers_the_chinese_hub_models():
    assert CATALOG["bert-base-chinese"].family == MASKED
    uer = CATALOG["uer/gpt2-chinese-cluecorpussmall"]
    assert uer.family == CAUSAL and uer.source == "uer/gpt2-chinese-cluecorpussmall"


def test_fill_the_articles_blank_agrees_with_the_pipeline(service, chinese):
    text = "北京是中国的[MASK]都。"
    got = service.fill_mask(None, text, top_k=5)
    oracle = pipeline("fill-mask", model=chinese["bert"], device="cpu")
    special = set(oracle.tokenizer.all_special_ids)
    want = [r for r in oracle(text, top_k=len(oracle.tokenizer)) if r["token"] not in special][:5]
    assert [c.id for c in got.masks[0]] == [r["token"] for r in want]
    assert [c.prob for c in got.masks[0]] == pytest.approx([r["score"] for r in want], abs=1e-5)
    assert got.tokens == ["[CLS]", *"北京是中国的", "[MASK]", "都", "。", "[SEP]"]  # one piece per character


def test_a_chinese_guess_needs_no_space_and_matches_fill_mask(service):
    text = "北京是中国的[MASK]都。"
    best = service.fill_mask(None, text, top_k=3).masks[0]
    scores = service.score_words(None, text, [c.text for c in best] + ["首都"]).words
    for rank, (c, s) in enumerate(zip(best, scores), start=1):
        assert s.pieces == [c.token] and s.rank == rank and s.prob == pytest.approx(c.prob, abs=1e-6)
    assert scores[-1].pieces == ["首", "都"]  # two characters, two masks, chain rule


def test_a_gpt_with_a_bert_tokenizer_predicts_after_the_text_not_after_sep(service, chinese):
    prompt = "今天天气很"
    got = service.next_tokens(None, prompt, top_k=5)
    assert got.tokens == ["[CLS]", *prompt]  # no closing [SEP]
    model = GPT2LMHeadModel.from_pretrained(chinese["gpt"]).eval()
    tok = _bert_tokenizer()
    ids = tok(prompt)["input_ids"][:-1]
    with torch.no_grad():
        probs = model(torch.tensor([ids])).logits[0, -1].softmax(-1)
    probs[tok.all_special_ids] = 0
    assert [c.id for c in got.candidates] == probs.topk(5).indices.tolist()
    good = service.score_words(None, prompt, ["好"]).words[0]
    assert good.prob == pytest.approx(float(probs[tok.convert_tokens_to_ids("好")]), abs=1e-6)


def test_what_each_tokenizer_does_to_chinese(chinese):
    bert = make_service(chinese["bert"], chinese["bpe"])
    text = "今天天气很好"
    assert bert.tokenize(None, text, MASKED) == list(text)  # one character, one piece
    pieces = bert.tokenize(None, text + "龙", CAUSAL)  # 龙 never seen in training: its three bytes
    tok = bert.load(None, CAUSAL).tokenizer
    assert tok.convert_tokens_to_string(pieces) == text + "龙"
    assert len(pieces[-3:]) == 3 and all(len(p) == 1 and not ("\u4e00" <= p <= "\u9fff") for p in pieces[-3:])


# -- ?lang=zh (the server sends it to /zh): the Fill, Next word and Attention tabs in Chinese (browser) --

LOCALE = 30_000  # ms: the page's first paint, with its link's tab selected (slow on a busy machine)
MODEL_RUN = 60_000  # ms: the link's run loads both models first

@pytest.mark.browser
def test_the_fill_tab_reads_in_chinese(page, app_url):
    from urllib.parse import quote

    from playwright.sync_api import expect

    page.goto(app_url + "?lang=zh&tab=fill&text=" + quote("the cat sat on the [MASK] ."))
    expect(page.get_by_role("tab", name="填空（BERT）")).to_have_attribute("aria-selected", "true", timeout=LOCALE)
    expect(page.get_by_label("带空白的文本")).to_have_attribute("placeholder", "输入一个句子，在缺词的地方写 [MASK] 或 ___。")
    expect(page.get_by_role("button", name="填空", exact=True)).to_be_visible()
    expect(page.locator("main")).to_contain_text("BERT 同时读空白两侧的词")
    # the server-built hover of the filled-in word follows the page's language too
    expect(page.locator("#fill-mask-sentence mark.fill-mask-word")).to_have_attribute(
        "title", re.compile(r"^第 1 个空白：\d+\.\d%"), timeout=MODEL_RUN)


@pytest.mark.browser
def test_the_next_word_tab_reads_in_chinese(page, app_url):
    from playwright.sync_api import expect

    page.goto(app_url + "?lang=zh&tab=next")
    expect(page.get_by_role("tab", name="下一个词（GPT）")).to_have_attribute("aria-selected", "true", timeout=LOCALE)
    expect(page.get_by_label("提示词")).to_be_visible()
    expect(page.get_by_role("button", name="预测下一个词元")).to_be_visible()
    expect(page.get_by_role("button", name="生成续写")).to_be_visible()  # the accordion
    expect(page.get_by_label("贪心（总是取最可能的词元）")).to_be_visible()
    expect(page.get_by_role("button", name="生成", exact=True)).to_be_visible()


@pytest.mark.browser
def test_the_attention_tab_and_its_heatmaps_read_in_chinese(page, app_url):
    from urllib.parse import quote

    from playwright.sync_api import expect

    page.goto(app_url + "?lang=zh&tab=attention&text=" + quote("the cat sat on the mat ."))
    expect(page.get_by_role("tab", name="注意力", exact=True)).to_have_attribute("aria-selected", "true", timeout=LOCALE)
    expect(page.get_by_role("button", name="显示注意力")).to_be_visible()
    expect(page.get_by_role("heading", name="掩码模型：每个词元都能看到整个句子")).to_be_visible()
    expect(page.get_by_role("button", name="所选层的全部注意力头")).to_be_visible()
    chart = page.locator("#attention-masked .plotly")
    expect(chart.locator(".gtitle")).to_contain_text("第 0 层，第 0 个头", timeout=MODEL_RUN)
    expect(chart).to_contain_text("关注的词元（键）")
    expect(page.locator("#attention-causal .plotly")).to_contain_text("因果：每个词元只能看到自己和前面的词元")


def test_the_start_up_notice_reads_in_the_pages_language():
    from demo.settings import Settings
    from demo.startup import choose_defaults

    _, notice, _ = choose_defaults(Settings(offline=True))
    assert notice == ("Offline mode is set, so the bundled pocket models answer: small models this project trained from "
                      "all-MiniLM-L6-v2 (23 M parameters each). bert-base-uncased and gpt2 answer better: run "
                      "`python -m demo.prepare` once while online to keep them for offline use.")
    assert notice.to("zh") == ("已设置离线模式，因此由内置的 pocket 模型作答：本项目从 all-MiniLM-L6-v2 继续训练的小模型（各约 2300 万参数）。"
                                "bert-base-uncased 和 gpt2 答得更好：联网时运行一次 `python -m demo.prepare`，即可离线使用它们。")
