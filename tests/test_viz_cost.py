"""Cost & compression views from hand-made results: words, figures and escaping."""
from demo.results import Compressed, Cost, CostPoint
from demo.viz import cost as views

POINTS = [CostPoint(1, n, 0.001 * n, 1000 * n) for n in (8, 16, 32, 64)] + \
         [CostPoint(b, 64, 0.001 * 64 * b, 64_000 * b) for b in (2, 4)]


def make(hidden=768, intermediate=3072, limit=512, fit=(0.01, 1e-4, 1e-8)) -> Cost:
    return Cost("m", "cpu (2 threads)", "float32", 12, hidden, intermediate, limit, POINTS, fit, "how", ["batch 8"])


def test_summary_says_where_attention_dominates_in_words():
    text = views.cost_summary(make())
    assert "n = 2d + f = 4,608 tokens" in text and "beyond the model's 512 positions" in text
    assert "10% of a layer's arithmetic" in text  # 512 / (512 + 4608)
    assert "from about 10,000 tokens" in text  # b / c = 1e-4 / 1e-8
    assert "batch 8" in text and "How memory was measured: how." in text
    small = views.cost_summary(make(hidden=8, intermediate=16, limit=64, fit=(0.01, 1e-4, -1e-8)))
    assert "within the model's 64 positions" in small and "too small or too noisy" in small


def test_how_and_what_was_left_out_are_said_in_the_readers_language():
    from demo.measure.memory import TENSOR_MEASURE
    from demo.text import Said

    left_out = Said("cost.skipped_point", batch=8, length=512, predicted="4.0", left="1.5", budget="30")
    cost = Cost("m", "cpu", "float32", 12, 768, 3072, 512, POINTS, (0.01, 1e-4, 1e-8), TENSOR_MEASURE, [left_out])
    english, chinese = views.cost_summary(cost), views.cost_summary(cost, "zh")
    assert ("Left out to keep within the time budget: batch 8 × 512 tokens (about 4.0 s; 1.5 s of the 30 s budget "
            "left).") in english and "How memory was measured: the peak of live tensor bytes" in english
    assert "为不超出时间预算而略去：批大小 8 × 512 个词元（约 4.0 秒；30 秒的预算还剩 1.5 秒）。" in chinese
    assert "内存的测量方式：前向计算期间仍存活的张量字节数的峰值" in chinese
    assert views.latency_figure(cost, "zh").data[0].hovertemplate == "n = %{x}：%{y:.1f} 毫秒<extra></extra>"
    assert views.latency_figure(cost).data[0].hovertemplate == "n = %{x}: %{y:.1f} ms<extra></extra>"


def test_figures_carry_the_measured_points_and_the_split():
    cost = make()
    measured, fit, n2 = views.latency_figure(cost).data
    assert list(measured.x) == [8, 16, 32, 64] and list(measured.y) == [8.0, 16.0, 32.0, 64.0]
    split = views.split_figure(cost)
    shares = sum(trace.y for trace in split.data)
    assert all(abs(s - 100) < 1e-9 for s in shares)  # the four parts make up the whole layer
    memory = views.memory_figure(cost)
    assert [list(t.x) for t in memory.data] == [[8, 16, 32, 64], [1, 2, 4]]


def test_cards_escape_and_the_chart_lists_every_variant():
    result = Compressed("<b>m</b>", "prune", 0.5, 50, 100, 10, 10, 0.8, 0.75, 0.5, 0.6, "top-5 accuracy", 16, 0.5,
                        "<img src=x>")
    card = views.variant_card(result)
    assert "<b>m</b>" not in card and "&lt;b&gt;m&lt;/b&gt;" in card and "<img" not in card
    assert "75%" in card and "0.80×" in card
    fig = views.variants_figure([result])
    assert list(fig.data[0].x) == [50.0] and list(fig.data[0].y) == [75.0]
    assert views.variants_figure([]).layout.annotations[0].text.startswith("No variant measured yet")


def test_a_variants_note_reads_in_the_readers_language():
    import torch
    from torch import nn

    from demo.measure import variants

    model, note = variants.half(nn.Linear(2, 2), torch.bfloat16)
    assert note == "every weight cast to bfloat16" and model.weight.dtype == torch.bfloat16
    result = Compressed("m", "bf16", None, 50, 100, 10, 10, 0.8, 0.75, 0.5, 0.6, "top-5 accuracy", 16, 0.0, note)
    assert '<div class="cost-card-note">所有权重都转换为 bfloat16</div>' in views.variant_card(result, "zh")
    assert '<div class="cost-card-note">every weight cast to bfloat16</div>' in views.variant_card(result)


def test_a_models_name_is_shown_as_itself_in_the_summary():
    cost = make()
    named = Cost("my_model*v2 <b>", "cpu (2 threads)", *list(cost.__dict__.values())[2:])
    text = views.cost_summary(named)
    assert text.startswith(r"**my\_model\*v2 &lt;b&gt;** on cpu (2 threads), float32:")
    assert "<b>" not in text
