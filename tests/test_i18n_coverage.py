"""Every text key the app uses exists in English and Chinese with the same {placeholders}; the Fill,
Next word and Attention tabs pass no English literal to Gradio; and service errors raised on the test
models reach a Chinese page in Chinese, through the same wrapper the tabs use (demo/ui/common.py)."""
from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import gradio as gr
import pytest
import torch

from conftest import make_service
from demo import faults, inputs
from demo.errors import DemoError
from demo.results import WordScore, WordScores
from demo.text import en, say, zh
from demo.ui.common import user_errors
from demo.viz.guess import reveal

DEMO = Path(__file__).resolve().parents[1] / "demo"
KEY = re.compile(r"^[a-z_0-9]+(\.[a-z_0-9_*]+)+$")
TEXT_CALLS = {"t", "say", "I18N"}


def _strings(node: ast.AST) -> list[str]:
    """The string constants in an expression; an f-string such as f"guess.col.{c}" becomes the
    pattern "guess.col.*" (it must name at least one key)."""
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "*" for v in node.values)]
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    return [s for child in ast.iter_child_nodes(node) for s in _strings(child)]


def used_keys() -> dict[str, str]:
    """key -> where it is used: the first argument of t()/say(), a DemoError's key=, a *_KEY constant,
    and every "error.…" string (error keys are also picked from dicts and conditionals)."""
    found = {}
    for path in DEMO.rglob("*.py"):
        if path.is_relative_to(DEMO / "text"):  # the tables themselves (demo/text/en/*.py, zh/*.py)
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Call):
                func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if func in TEXT_CALLS and node.args:
                    names += _strings(node.args[0])
                names += [s for k in node.keywords if k.arg == "key" for s in _strings(k.value)]
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("_KEY")
                                                      for t in node.targets):
                names += _strings(node.value)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("error."):
                names.append(node.value)
            for name in names:
                if KEY.match(name):
                    found.setdefault(name, f"{path.relative_to(DEMO.parent)}:{node.lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_key_the_app_uses_is_in_english_and_chinese():
    keys = used_keys()
    assert len(keys) > 150  # the scan sees the tabs, the views and the errors
    assert any("*" in k for k in keys)  # f-string keys are seen too

    def known(key: str, table: dict) -> bool:
        pattern = re.compile(re.escape(key).replace(r"\*", ".+") + "$")
        return any(pattern.match(k) for k in table)

    missing = {k: where for k, where in keys.items() if not known(k, en.TEXT) or not known(k, zh.TEXT)}
    assert missing == {}


def test_english_and_chinese_have_the_same_keys_and_placeholders():
    assert sorted(set(en.TEXT) ^ set(zh.TEXT)) == []
    differ = {k: (placeholders(en.TEXT[k]), placeholders(zh.TEXT[k])) for k in en.TEXT
              if placeholders(en.TEXT[k]) != placeholders(zh.TEXT[k])}
    assert differ == {}
    # say(key, lang, **values) takes its own two names: a placeholder by either name could not be filled
    assert [k for k, v in en.TEXT.items() if placeholders(v) & {"key", "lang"}] == []


def test_the_chinese_text_is_chinese():
    """Every Chinese entry holds Chinese characters, except the few that are technical names."""
    same = {"inside.steps.col_scores", "inside.steps.col_scaled", "inside.steps.col_weights", "next.top_p"}
    latin = [k for k, v in zh.TEXT.items() if k not in same and not re.search(r"[\u4e00-\u9fff]", v)]
    assert latin == []


# -- the converted tab builders pass keys, not English, to Gradio -----------------------------------

TABS = ["fill_mask_tab.py", "generate_tab.py", "attention_tab.py"]
TEXT_KEYWORDS = {"label", "info", "placeholder"}
TEXT_FIRST_ARG = {"Markdown", "Button", "Accordion", "_slider"}


def english_literals(source: str) -> list[str]:
    """Literal text (a str constant or an f-string with letters) where a reader would see it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        shown = [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
        if func in TEXT_FIRST_ARG and node.args:
            shown.append(node.args[0])
        for value in shown:
            if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str)
                                                    and re.search(r"[A-Za-z]", value.value)):
                found.append(f"{func} line {node.lineno}: {ast.unparse(value)[:60]}")
    return found


@pytest.mark.parametrize("tab", TABS)
def test_the_tab_shows_no_english_literal(tab):
    assert english_literals((DEMO / "ui" / tab).read_text()) == []


def test_the_scan_finds_english_literals():
    """The scan itself: each kind of literal it must catch, and keys it must let pass."""
    source = ('gr.Textbox(label="Prompt", placeholder=f"Type {x}")\ngr.Markdown("### Hi")\n'
              'gr.Button("Go")\ngr.Accordion("More")\n_slider("Layer", "id")\ngr.Checkbox(info="why")\n'
              'gr.Button(t("next.generate"))\ngr.Markdown(t("x.y"))\ngr.Textbox(label=t("a.b"), placeholder="")')
    assert len(english_literals(source)) == 7


# -- service errors, raised on the test models, reach a Chinese page in Chinese ------------------------

class ChinesePage:
    """What gr.Request offers the tabs' wrapper: the page's link asked for ?lang=zh."""
    query_params = {"lang": "zh"}
    headers = {"accept-language": "en-US,en;q=0.9"}


def on_a_chinese_page(call) -> str:
    """The message a Chinese page shows when `call` fails, through the wrapper every tab uses; and the
    error itself still reads in English for the Python API, from the same key."""
    with pytest.raises(DemoError) as raised:
        call()
    err = raised.value
    assert err.key in en.TEXT and say(err.key, "en", **err.values) == str(err)
    with pytest.raises(gr.Error) as shown:
        user_errors(call)(_reader=ChinesePage())
    return shown.value.message


@pytest.fixture(scope="module")
def models(service):
    masked, causal = service.load(None, "masked"), service.load(None, "causal")
    return {"bert": masked.spec.id, "gpt": causal.spec.id, "bert_limit": masked.positions,
            "gpt_limit": causal.positions, "bert_tok": masked.tokenizer, "gpt_tok": causal.tokenizer}


def test_numbers_out_of_range_read_in_chinese(service):
    assert on_a_chinese_page(lambda: service.fill_mask(None, "the [MASK] sat .", 2.5)) == \
        "top_k 必须是 1 到 50 之间的整数；收到的是 2.5。"
    assert on_a_chinese_page(lambda: service.fill_mask(None, "the [MASK] sat .", None)) == \
        "top_k 必须是 1 到 50 之间的整数。"
    assert on_a_chinese_page(lambda: service.next_tokens(None, "the cat", "five")) == \
        "top_k 必须是 1 到 50 之间的整数。"
    assert on_a_chinese_page(lambda: service.generate(None, "the cat", temperature=0)) == \
        "temperature 必须大于 0.0 且不超过 5.0；收到的是 0。"
    assert on_a_chinese_page(lambda: service.generate(None, "the cat", top_p="much")) == \
        "top_p 必须是 0.0 到 1.0 之间的数。"
    assert on_a_chinese_page(lambda: inputs.check_float("amount", -1, 0, 1)) == \
        "amount 必须不小于 0 且不超过 1；收到的是 -1。"
    assert on_a_chinese_page(lambda: service.fill_mask(None, 7)) == "文本必须是字符串，而不是 int。"


def test_guesses_the_service_refuses_read_in_chinese(service):
    many = ", ".join(["cat", "dog", "mat", "park", "tree", "bird", "house", "red", "blue", "big", "small"])
    assert on_a_chinese_page(lambda: service.score_words(None, "the [MASK] sat .", many)) == \
        "一次最多猜 10 个词；现在有 11 个。"
    assert on_a_chinese_page(lambda: service.score_words(None, "the [MASK] sat .", ["c" * 41])) == \
        "每个猜测最多 40 个字符，且不能含有控制字符。"
    assert on_a_chinese_page(lambda: service.score_words(None, "the [MASK] sat .", 5)) == \
        "words 必须是字符串列表，或是一个用逗号分隔各个词的字符串。"


def test_a_guess_of_too_many_pieces_reads_in_chinese(service, models):
    word = "qzxjvqzxjvqzxjvqzxjv"  # letters in no merge: one byte-level piece each
    count = len(models["gpt_tok"](" " + word, add_special_tokens=False)["input_ids"])
    assert count > 8
    assert on_a_chinese_page(lambda: service.score_words(None, "the cat", [word], family="causal")) == \
        f"一个猜测最多只能切成 8 个词元；现在有一个切成了 {count} 个。"


def test_unknown_and_wrong_models_read_in_chinese(service, web_service, models):
    every = ", ".join(service.catalog)
    assert on_a_chinese_page(lambda: service.fill_mask("no-such-model", "the [MASK] .")) == \
        f"未知的模型。请从以下模型中选择：{every}。"
    assert on_a_chinese_page(lambda: web_service.fill_mask("no-such-model", "the [MASK] .")) == \
        f"未知的模型（这台服务器没有开放本地模型目录）。请从以下模型中选择：{', '.join(web_service.catalog)}。"
    assert on_a_chinese_page(lambda: service.fill_mask(" ", "the [MASK] .")) == \
        f"没有指定模型。请从以下模型中选择：{every}。"
    masked, causal = ", ".join(service.choices("masked")), ", ".join(service.choices("causal"))
    assert on_a_chinese_page(lambda: service.fill_mask(models["gpt"], "the [MASK] .")) == \
        f"“{models['gpt']}”不是掩码模型（它的类型是 自回归（GPT 类）），不能填空；请从以下模型中选择：{masked}。"
    assert on_a_chinese_page(lambda: service.next_tokens(models["bert"], "the cat")) == \
        f"“{models['bert']}”不是因果模型（它的类型是 自编码（BERT 类）），不能预测下一个词；请从以下模型中选择：{causal}。"
    assert on_a_chinese_page(lambda: service.score_words("t5-small", "the [MASK] .", ["cat"])) == \
        "“t5-small”的类型是 编码器-解码器（T5/BART 类），既不是掩码模型也不是因果模型；只有这两类模型能为猜测打分。"
    assert on_a_chinese_page(lambda: service.lens("t5-small", "the [MASK] .")) == \
        "“t5-small”的类型是 编码器-解码器（T5/BART 类）；请选择掩码模型或因果模型。"
    assert on_a_chinese_page(lambda: service.cost("t5-small")) == \
        "“t5-small”的类型是 编码器-解码器（T5/BART 类）；代价与压缩只针对掩码模型和因果模型测量。"
    assert on_a_chinese_page(lambda: service.lens(None, "the [MASK] .", family="seq2seq")) == \
        "family 必须是“masked”或“causal”。"


def test_model_folders_that_cannot_load_read_in_chinese(service, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert on_a_chinese_page(lambda: service.fill_mask(str(empty), "the [MASK] .")) == \
        f"模型目录“{empty}”里没有 config.json：请用 save_pretrained() 保存模型。"
    encoder = tmp_path / "encoder"
    encoder.mkdir()
    (encoder / "config.json").write_text(json.dumps({"architectures": ["BertModel"]}))
    assert on_a_chinese_page(lambda: service.fill_mask(str(encoder), "the [MASK] .")) == \
        f"“{encoder}”中的模型既不是掩码语言模型，也不是因果语言模型（架构：BertModel）。"
    weightless = tmp_path / "weightless"
    weightless.mkdir()
    (weightless / "config.json").write_text(json.dumps({"architectures": ["BertForMaskedLM"], "model_type": "bert"}))
    message = on_a_chinese_page(lambda: service.fill_mask(str(weightless), "the [MASK] ."))
    why = re.fullmatch(rf"无法加载模型“{re.escape(str(weightless))}”：(.+)。解决办法：选择一个内置的 pocket 模型，"
                       r"或在能联网时运行一次，把权重缓存下来。", message)
    assert why and why.group(1) in service.cache._failures[str(weightless)][1].values["why"]


def test_a_server_that_loads_at_start_up_refuses_others_in_chinese(bert_dir, gpt_dir):
    sealed = make_service(bert_dir, gpt_dir)
    loaded = sealed.load(None, "masked").spec.id
    sealed.cache.sealed = True
    assert on_a_chinese_page(lambda: sealed.fill_mask("distilbert-base-uncased", "the [MASK] .")) == \
        f"模型“distilbert-base-uncased”没有在这台服务器上加载，这台服务器只在启动时加载模型。请从以下模型中选择：{loaded}。"


def test_texts_too_long_in_tokens_read_in_chinese(service, models):
    text = " ".join(["the"] * models["bert_limit"]) + " [MASK]"
    count = len(models["bert_tok"](text.replace("[MASK]", models["bert_tok"].mask_token))["input_ids"])
    assert count > models["bert_limit"]
    assert on_a_chinese_page(lambda: service.fill_mask(None, text)) == \
        f"文本有 {count} 个词元；{models['bert']} 最多只能处理 {models['bert_limit']} 个位置。"
    prompt_ids = len(models["gpt_tok"]("the cat")["input_ids"])
    room = models["gpt_limit"]
    assert on_a_chinese_page(lambda: service.generate(None, "the cat", max_new_tokens=room)) == \
        f"文本有 {prompt_ids} 个词元，再加上 {room} 个新词元；{models['gpt']} 最多只能处理 {models['gpt_limit']} 个位置。"


def test_measuring_and_explaining_refusals_read_in_chinese(service, models):
    from demo.inside.attribution import MAX_WORD_CHARS, METHODS
    from demo.measure.compress import METHODS as COMPRESSIONS, TWINS

    assert on_a_chinese_page(lambda: service.compress(None, "zip")) == \
        f"未知的 compression method。请从以下选项中选择：{', '.join(COMPRESSIONS)}。"
    assert on_a_chinese_page(lambda: service.compress(None, "prune", amount=2)) == \
        "amount 必须是大于 0、小于 1 的小数；收到的是 2。"
    assert on_a_chinese_page(lambda: service.compress(None, "prune", amount="half")) == \
        "amount 必须是大于 0、小于 1 的小数。"
    pairs = ", ".join(f"{a} → {b}" for a, b in TWINS.items())
    assert on_a_chinese_page(lambda: service.compress(None, "distilled")) == \
        f"目录中没有 {models['bert']} 的蒸馏版模型（{pairs}）；请换一种方法。"
    assert on_a_chinese_page(lambda: service.cost(None, lengths=[])) == \
        f"lengths 必须是一组 1 到 {service.spec(None, 'masked').max_positions} 之间的整数。"
    assert on_a_chinese_page(lambda: service.cost(None, lengths=list(range(1, 14)))) == \
        "lengths 最多只能有 12 个值；收到了 13 个。"
    assert on_a_chinese_page(lambda: service.attribution(None, "the [MASK] sat .", method="magic")) == \
        f"method 必须是以下之一：{', '.join(METHODS)}。"
    assert on_a_chinese_page(lambda: service.attribution(None, "the [MASK] sat .", target="two words")) == \
        f"target 必须是一个词（不含空格），最多 {MAX_WORD_CHARS} 个字符。"
    assert on_a_chinese_page(lambda: service.attribution(None, "the [MASK] sat .", target="[MASK]")) == \
        "要解释的必须是一个词，而不是特殊词元。"


def test_device_faults_read_in_chinese(bert_dir, gpt_dir, monkeypatch):
    fresh = make_service(bert_dir, gpt_dir)
    lm = fresh.load(None, "masked")

    def failing(error):
        def forward(*args, **kwargs):
            raise error
        monkeypatch.setattr(lm.model.base_model, "forward", forward)

    failing(torch.OutOfMemoryError("CUDA out of memory."))
    assert on_a_chinese_page(lambda: fresh.fill_mask(None, "the cat [MASK] .")) == \
        "模型处理这次请求时内存不足，请换一段更短的文本。其他请求不受影响。"
    assert faults.ACCELERATOR_TYPES  # torch >= 2.8, as pinned
    failing(faults.ACCELERATOR_TYPES[0]("device-side assert"))
    assert on_a_chinese_page(lambda: fresh.fill_mask(None, "the cat [MASK] .")) == \
        "GPU 在处理这次请求时出错（详细信息已记入日志），请再试一次。"


# -- a guess's rank and the size of the list it ranks in agree ------------------------------------

def test_a_word_below_every_token_ranks_last_of_the_list_it_joined():
    """A word of two pieces less likely than all 4,091 single tokens is 4,092nd of 4,092, not of 4,091;
    numbers are grouped alike in the rank and in the total."""
    words = [WordScore("zzyzx", 1e-12, 4092, ["zz", "##yzx"], [1e-6, 1e-6]),
             WordScore("cat", 0.01, 1234, ["cat"], [0.01])]
    shown = reveal([WordScores("tiny-bert", "masked", words, "", 4091)])
    assert "4,092 of 4,092" in shown and "1,234 of 4,091" in shown and "4,092 of 4,091" not in shown
    assert "第 4,092 名，共 4,092 个" in reveal([WordScores("tiny-bert", "masked", words, "", 4091)], "zh")


# -- figures and views built on the server follow the reader's language -------------------------

def test_attention_figures_and_the_filled_sentence_read_in_chinese(service):
    from demo.viz.heatmaps import head_heatmap, layer_grid
    from demo.viz.lessons import token_chips
    from demo.viz.token_html import filled_sentence

    masked, causal = service.attention(None, "the cat sat .", "masked"), service.attention(None, "the cat", "causal")
    one = head_heatmap(masked, 1, 0, lang="zh")
    assert one.layout.title.text.startswith(f"{masked.model}：第 1 层，第 0 个头<br><sup>双向：每个词元都能看到所有词元")
    assert (one.layout.xaxis.title.text, one.layout.yaxis.title.text) == ("关注的词元（键）", "词元（查询）")
    assert one.data[0].hovertemplate == "%{text}<br>权重 %{z:.3f}<extra></extra>"
    assert "因果：每个词元只能看到自己和前面的词元" in head_heatmap(causal, 0, 0, lang="zh").layout.title.text
    grid = layer_grid(masked, 0, lang="zh")
    assert grid.layout.title.text.startswith(f"{masked.model}：第 0 层的全部 {masked.weights.shape[1]} 个头<br>")
    assert grid.data[1].hovertemplate == "头 1：词元 %{y} → %{x}<br>权重 %{z:.3f}<extra></extra>"
    assert head_heatmap(masked, 1, 0).layout.xaxis.title.text == "attends to (key)"  # English by default

    filled = service.fill_mask(None, "the [MASK] sat .", 3)
    first = filled.masks[0]
    others = ", ".join(f"{c.text.strip()} {c.prob:.1%}" for c in first[1:])
    assert f'title="第 1 个空白：{first[0].prob:.1%}（其次是 {others}）"' in filled_sentence(filled, "zh")
    assert f'title="blank 1: {first[0].prob:.1%} (then {others})"' in filled_sentence(filled)
    assert "(WordPiece): 2 个词元</div>" in token_chips("tiny", "WordPiece", ["cat", "##s"], "zh")
    assert "(WordPiece): 1 piece</div>" in token_chips("tiny", "WordPiece", ["cat"])
