"""The Cost & compression tab: /cost and /compress through gradio_client against the same service the
app runs on, and what a person sees in a real browser."""
import json

import pytest
from gradio_client.exceptions import AppError
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, POSITIONS, ended_clean, open_tab

MODEL_RUN = 60_000  # ms: a measurement may take seconds on a busy CPU


def traces(plot: dict) -> list[dict]:
    assert plot["type"] == "plotly"
    return json.loads(plot["plot"])["data"]


@pytest.mark.parametrize("model", [MASKED, CAUSAL])
def test_cost_endpoint_draws_the_services_measurement(client, web_service, model):
    summary, latency, split, memory = client.predict(model=model, lengths="8, 24, 40, 64", batch_sizes="1, 2, 4",
                                                     api_name="/cost")
    want = web_service.cost(model, [8, 24, 40, 64], [1, 2, 4])  # cached: the very measurement the endpoint drew
    measured, fit, n2 = traces(latency)
    assert measured["x"] == [8, 24, 40, 64]
    assert measured["y"] == pytest.approx([p.seconds * 1000 for p in want.at_batch(1)])
    assert [t["stackgroup"] for t in traces(split)] == ["flops"] * 4
    by_batch = [t for t in traces(memory) if t["name"].endswith("tokens per text")]
    assert [t["x"] for t in by_batch] == [[1, 2, 4], [1, 2, 4]]
    assert f"n = 2d + f = {want.crossover:,}" in summary and f"**{model}**" in summary


@pytest.mark.parametrize("model", [MASKED, CAUSAL])
def test_compress_endpoint_shows_size_speed_and_fidelity(client, web_service, model):
    card, chart = client.predict(model=model, method="prune", amount=0.4, api_name="/compress")
    want = web_service.compress(model, "prune", 0.4)
    assert f"{want.fidelity:.0%}" in card and f"{want.seconds_ratio:.2f}×" in card and "prune 40%" in card
    points = {(t["name"], label) for t in traces(chart) for label in t["text"]}
    assert (model, "prune 40%") in points


@pytest.mark.parametrize("endpoint, params, message", [
    ("/compress", {"method": "zip"}, "Unknown compression method. Choose one of: int8, fp16, bf16, prune, heads, "
                                      "low_rank, distilled."),
    ("/compress", {"method": "prune", "amount": 1.5}, "amount must be a fraction above 0 and below 1; got 1.5."),
    ("/compress", {"method": "heads", "amount": 0}, "amount must be a fraction above 0 and below 1; got 0."),
    ("/compress", {"method": "int8", "model": "gpt-17"}, "not enabled on this server). Choose one of: bert-base"),
    ("/compress", {"method": "distilled"}, f"{MASKED} has no distilled twin in the catalog"),
    ("/cost", {"model": "../../secret"}, "not enabled on this server). Choose one of: bert-base"),
    ("/cost", {"lengths": "8, 4000"}, f"lengths must be between 1 and {POSITIONS}; got 4000."),
    ("/cost", {"batch_sizes": "1, 99"}, "batch_sizes must be between 1 and 16; got 99."),
])
def test_bad_input_gets_the_services_message(client, endpoint, params, message):
    with pytest.raises(AppError) as err:
        client.predict(**params, api_name=endpoint)
    assert message in str(err.value)


@pytest.mark.browser
def test_a_person_measures_both_models_and_compresses_them(page, web_service):
    open_tab(page, "Cost & compression")
    expect(page.locator("#cost-variants .plotly")).to_be_attached()
    page.get_by_role("button", name="Measure").click()
    for family in ("masked", "causal"):
        expect(page.locator(f"#cost-{family}-latency .scatterlayer .trace")).to_have_count(3, timeout=MODEL_RUN)
        expect(page.locator(f"#cost-{family}-split .scatterlayer .trace")).to_have_count(4)
        expect(page.locator(f"#cost-{family}-summary")).to_contain_text("The n² part outweighs the n part")
    page.locator("#cost-method input").click()
    page.get_by_role("option", name="low_rank").click()
    page.get_by_role("button", name="Compress both").click()
    for family, model in (("masked", MASKED), ("causal", CAUSAL)):
        card = page.locator(f"#cost-{family}-card .cost-card")
        expect(card).to_contain_text(f"{model}: low_rank 50%", timeout=MODEL_RUN)
        expect(card).to_contain_text("fidelity")
    expect(page.locator("#cost-variants .scatterlayer .trace")).to_have_count(2, timeout=MODEL_RUN)
    ended_clean(page, "cost")
