"""BERT vs GPT (and an encoder-decoder) on one blank, as views: candidate and span bars, GPT's
ranking of BERT's words, which tokens each model sees, the causality check and the facts table.
Text is in the reader's language (`lang`, demo/text).

Pure functions of demo.results dataclasses. Every piece of user or model text goes through
html.escape; nothing typed by a user becomes live markup.
"""
from __future__ import annotations

import html

import plotly.graph_objects as go

from demo.catalog import GLM
from demo.inputs import MASK_PATTERN
from demo.results import Candidate, Comparison, Infill, ModelInfo
from demo.text import say
from demo.viz.bars import FONT, ROW_PX, candidate_bars
from demo.viz.pieces import readable
from demo.viz.heatmaps import plotly_text

MASKED_COLOR, CAUSAL_COLOR, SEQ2SEQ_COLOR = "#4f46e5", "#d97706", "#059669"  # indigo, amber, emerald
# Other users' requests may share a batch (padded rows): the same prompt can then differ in the
# last float digits, which is not the model looking at different words.
TOLERANCE = 1e-6

FAMILIES = ("masked", "causal", "seq2seq")
DESIGN = ("architecture", "attends", "task", "uses")  # compare.design.<row>[.<family>] in demo/text


def ranking_headers(lang: str = "en") -> list[str]:
    return [say(f"compare.col.{k}", lang) for k in ("gpt_rank", "bert_rank", "candidate", "bert_prob", "gpt_ll",
                                                   "sentence")]


def shift_headers(lang: str = "en") -> list[str]:
    return [say(f"compare.col.{k}", lang) for k in ("rank", "before", "p_before", "after", "p_after")]


def facts_headers(lang: str = "en") -> list[str]:
    return [""] + [say(f"compare.col.{family}", lang) for family in FAMILIES]


RANKING_HEADERS, SHIFT_HEADERS, FACTS_HEADERS = ranking_headers(), shift_headers(), facts_headers()


def ranking_rows(comparison: Comparison) -> list[list]:
    """BERT's candidates in GPT's order, with the sentence GPT scored (rounded for reading)."""
    bert_rank = {c.id: rank for rank, c in enumerate(comparison.masked, start=1)}
    rows = []
    for rank, ranked in enumerate(comparison.ranking, start=1):
        c = ranked.candidate
        sentence = f"{comparison.left} {c.text.strip()}{comparison.right}".strip()
        rows.append([rank, bert_rank.get(c.id), readable(c.token), round(c.prob, 4), round(ranked.logprob, 3),
                     sentence])
    return rows


def ranking_note(comparison: Comparison, lang: str = "en") -> str:
    """One line: GPT's favourite among BERT's words, and whether the two models agree."""
    if not comparison.ranking:
        return ""
    gpt_best = comparison.ranking[0].candidate
    bert_best = comparison.masked[0]
    word = html.escape(readable(gpt_best.token).strip())
    if gpt_best.id == bert_best.id:
        verdict = say("compare.note.same", lang)
    else:
        place = 1 + [c.id for c in comparison.masked].index(gpt_best.id)
        verdict = say("compare.note.other", lang, place=place, best=html.escape(readable(bert_best.token).strip()))
    return f'<p class="compare-note">{say("compare.note", lang, word=word, verdict=verdict)}</p>'


def chip(text: str, kind: str, title: str = "") -> str:
    """One token as an escaped chip; hidden tokens are struck through (<s>) for every reader."""
    tag = "s" if kind == "hidden" else "span"
    hint = f' title="{html.escape(title, quote=True)}"' if title else ""
    return f'<{tag} class="compare-chip compare-{kind}"{hint}>{html.escape(text)}</{tag}>'


def _row(label: str, family: str, chips: list[str]) -> str:
    return (f'<div class="compare-strip-row" data-family="{family}">'
            f'<span class="compare-strip-label">{html.escape(label)}</span>{"".join(chips)}</div>')


def visibility_strip(comparison: Comparison, lang: str = "en") -> str:
    """The sentence as each model holds it while predicting the blank: BERT sees every token
    but the blank; GPT sees only its tokens left of the blank, the words after it are hidden;
    an encoder-decoder reads every token (its blank is a sentinel) and writes the answer."""
    masked = [chip(readable(t), "blank", say("compare.strip.blank_masked", lang)) if MASK_PATTERN.fullmatch(t)
              else chip(readable(t), "seen") for t in comparison.masked_tokens]
    causal = [chip(readable(t), "seen") for t in comparison.causal_tokens]
    causal.append(chip("___", "blank", say("compare.strip.blank_causal", lang)))
    causal += [chip(word, "hidden", say("compare.strip.hidden_title", lang)) for word in comparison.right.split()]
    rows = [_row(say("compare.strip.masked", lang, model=comparison.masked_model), "masked", masked),
            _row(say("compare.strip.causal", lang, model=comparison.causal_model), "causal", causal)]
    legend = [chip(say("compare.legend.seen", lang), "seen"), say("compare.legend.seen_text", lang),
              chip("___", "blank"), say("compare.legend.blank_text", lang),
              chip(say("compare.legend.hidden", lang), "hidden"), say("compare.legend.hidden_text", lang)]
    if comparison.infill is not None:
        rows.append(_row(say("compare.strip.seq2seq", lang, model=comparison.infill.model), "seq2seq",
                         _seq2seq_chips(comparison.infill, lang)))
        legend += [chip(say("compare.legend.written", lang), "written"), say("compare.legend.written_text", lang)]
    legend = " ".join(part if part.startswith("<") else html.escape(part) for part in legend)
    return f'<div class="compare-strip">{"".join(rows)}<div class="compare-strip-legend">{legend}</div></div>'


def _is_blank_mark(token: str) -> bool:
    """T5's sentinels, BART's <mask> and GLM's [MASK] (pocket-t5): where the encoder reads the blank."""
    return token in ("<mask>", "[MASK]") or (token.startswith("<extra_id_") and token.endswith(">"))


def _seq2seq_chips(infill: Infill, lang: str) -> list[str]:
    """The encoder's tokens (the blank as its sentinel), then what the decoder writes: its best span."""
    chips = [chip(readable(t), "blank", say("compare.strip.blank_seq2seq", lang)) if _is_blank_mark(t)
             else chip(readable(t), "seen") for t in infill.tokens]
    best = infill.blanks[0][0].text if infill.blanks and infill.blanks[0] else ""
    chips.append(f'<span class="compare-strip-arrow">{html.escape(say("compare.strip.writes", lang))}</span>')
    chips += [chip(word, "written", say("compare.strip.written_title", lang)) for word in best.split()]
    return chips


def span_bars(comparison: Comparison, lang: str = "en") -> go.Figure:
    """The encoder-decoder's spans for the blank, highest on top; a note instead when none could run.
    A bar is the probability of the whole written answer (every token of the span, and T5's closing
    sentinel), so spans of one and of several words are scored alike."""
    fig = go.Figure()
    infill = comparison.infill
    spans = infill.blanks[0] if infill is not None and infill.blanks else []
    if not spans:
        fig.add_annotation(text=plotly_text(seq2seq_note(comparison, lang, html_out=False)), showarrow=False,
                           x=0.5, y=0.5, xref="paper", yref="paper")
        return fig.update_layout(height=160, xaxis={"visible": False}, yaxis={"visible": False},
                                 plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 10, "b": 10})
    labels = [plotly_text(s.text) for s in spans]
    fig.add_trace(go.Bar(
        x=[s.prob for s in spans], y=list(range(len(spans))), orientation="h", marker_color=SEQ2SEQ_COLOR,
        text=[f"{s.prob:.1%}" for s in spans], textposition="outside", cliponaxis=False, customdata=labels,
        hovertemplate="%{customdata}: %{x:.2%}<extra></extra>"))
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(spans))), ticktext=labels, autorange="reversed",
                     tickfont={"size": FONT})
    fig.update_xaxes(range=[0, max(s.prob for s in spans) * 1.3], tickformat=".2~%", showgrid=True,
                     gridcolor="#e5e7eb", title=say("compare.spans.axis", lang))
    title = say("compare.spans.title", lang, model=plotly_text(infill.model))
    fig.update_layout(title={"text": title, "x": 0.5, "xanchor": "center"}, showlegend=False, plot_bgcolor="white",
                      font={"size": FONT - 2}, height=max(260, ROW_PX * len(spans) + 160),
                      margin={"l": 10, "r": 30, "t": 100, "b": 30}, bargap=0.25)
    return fig


def seq2seq_note(comparison: Comparison, lang: str = "en", html_out: bool = True) -> str:
    """One line under the encoder-decoder's bars: how many words its best span has, or why it is empty."""
    infill = comparison.infill
    if infill is None:
        line = say("compare.seq2seq.none", lang, model=comparison.seq2seq_model or "?")
        detail = comparison.infill_error
    elif not infill.blanks or not infill.blanks[0]:
        line, detail = say("compare.seq2seq.empty", lang, model=infill.model), ""
    else:
        best = infill.blanks[0][0].text
        line = say("compare.seq2seq.best", lang, span=best, words=len(best.split()))
        detail = ""
    if not html_out:
        return line
    hint = f' title="{html.escape(detail, quote=True)}"' if detail else ""
    return f'<p class="compare-note" data-seq2seq="{"none" if infill is None else "ok"}"{hint}>{html.escape(line)}</p>'


def shift_rows(before: list[Candidate], after: list[Candidate]) -> list[list]:
    """Rank by rank: each model's candidates for the original and the changed sentence."""
    rows = []
    for rank in range(max(len(before), len(after))):
        b = before[rank] if rank < len(before) else None
        a = after[rank] if rank < len(after) else None
        rows.append([rank + 1, readable(b.token) if b else "", round(b.prob, 4) if b else None,
                     readable(a.token) if a else "", round(a.prob, 4) if a else None])
    return rows


def max_difference(before: list[Candidate], after: list[Candidate]) -> float:
    """Largest probability change of a candidate present in both lists (0 if none is)."""
    probs = {c.id: c.prob for c in after}
    return max((abs(c.prob - probs[c.id]) for c in before if c.id in probs), default=0.0)


def identical(before: list[Candidate], after: list[Candidate]) -> bool:
    """Same tokens in the same order with the same probabilities (up to float noise)."""
    return ([c.id for c in before] == [c.id for c in after]
            and max_difference(before, after) <= TOLERANCE)


def _verdict(name: str, before: list[Candidate], after: list[Candidate], lang: str) -> str:
    diff = f"{max_difference(before, after):.2g}"
    if identical(before, after):
        return say("compare.verdict.identical", lang, name=name, diff=diff)
    if before and after and before[0].id != after[0].id:
        top = say("compare.verdict.top", lang, before=html.escape(readable(before[0].token).strip()),
                  after=html.escape(readable(after[0].token).strip()))
    elif [c.id for c in before] != [c.id for c in after]:
        top = say("compare.verdict.changed", lang)
    else:
        top = say("compare.verdict.reweighted", lang)
    return say("compare.verdict.moved", lang, name=name, top=top, diff=diff)


def causality_verdict(before: Comparison, after: Comparison, lang: str = "en") -> str:
    """Computed from the data, one line per model."""
    lines = [_verdict("BERT", before.masked, after.masked, lang), _verdict("GPT", before.causal, after.causal, lang)]
    gpt_blind = identical(before.causal, after.causal)
    moral = say("compare.verdict.blind" if gpt_blind else "compare.verdict.left_changed", lang)
    if before.masked_tokens == after.masked_tokens:  # e.g. every new word is [UNK] to a small vocabulary
        moral += " " + say("compare.verdict.same_tokens", lang)
    items = "".join(f"<li>{line}</li>" for line in lines)
    return f'<div class="compare-verdict"><ul>{items}</ul><p>{moral}</p></div>'


def _seconds(seconds: dict[str, float], key: str) -> str:
    return f"{seconds[key] * 1000:.0f} ms" if key in seconds else "–"


def facts_rows(masked: ModelInfo, causal: ModelInfo, seconds: dict[str, float], seq2seq: ModelInfo | None = None,
               lang: str = "en") -> list[list]:
    """How each family is built, then the loaded models' own figures and how long this request
    took for each (all text: one column holds numbers and names); "–" where no encoder-decoder ran."""
    def three(key, value):
        return [say(f"compare.fact.{key}", lang), value(masked), value(causal), value(seq2seq) if seq2seq else "–"]

    # the encoder-decoder column describes the loaded model's shape: GLM's one stack (pocket-t5) is not T5's two
    shape = {f: f for f in FAMILIES} | ({"seq2seq": "seq2seq_glm"} if seq2seq and seq2seq.design == GLM else {})
    design = [[say(f"compare.design.{row}", lang)] + [say(f"compare.design.{row}.{shape[f]}", lang) for f in FAMILIES]
              for row in DESIGN]
    return design + [
        three("model", lambda i: i.id),
        three("parameters", lambda i: f"{i.parameters:,}"),
        three("layers", lambda i: str(i.layers)),
        three("heads", lambda i: str(i.heads)),
        three("hidden", lambda i: str(i.hidden)),
        three("vocab", lambda i: f"{i.vocab:,}"),
        three("positions", lambda i: f"{i.max_positions:,}"),
        three("tokenizer", lambda i: i.tokenizer),
        three("device", lambda i: f"{i.device}, {i.dtype}"),
        [say("compare.fact.request", lang), _seconds(seconds, "masked"), _seconds(seconds, "causal"),
         _seconds(seconds, "seq2seq") if seq2seq else "–"],
    ]


def table(headers: list[str], rows: list[list]) -> dict:
    """A Dataframe's value with its headers in the reader's language."""
    return {"headers": headers, "data": rows}


def compare_view(result: Comparison, lang: str = "en") -> dict:
    """The BERT vs GPT tab after a compare: {output name: value} (the tab maps names to its components)."""
    infos = result.infos
    facts = (facts_rows(infos["masked"], infos["causal"], result.seconds, infos.get("seq2seq"), lang)
             if "masked" in infos and "causal" in infos else [])
    return {"strip": visibility_strip(result, lang),
            "masked_plot": candidate_bars([("", result.masked)], plotly_text(result.masked_model), MASKED_COLOR),
            "causal_plot": candidate_bars([("", result.causal)], plotly_text(result.causal_model), CAUSAL_COLOR),
            "ranking_note": ranking_note(result, lang),
            "ranking": table(ranking_headers(lang), ranking_rows(result)),
            "facts": table(facts_headers(lang), facts),
            "seq2seq_plot": span_bars(result, lang), "seq2seq_note": seq2seq_note(result, lang),
            "last": result}


def causality_view(before: Comparison | None, after: Comparison | None, lang: str = "en") -> dict:
    """The "change the words after the blank" section: the verdict and both before/after tables, or all
    three emptied (no words after the blank to try yet) so no earlier sentence's tables stay on the page."""
    headers = shift_headers(lang)
    if before is None or after is None:
        return {"verdict": "", "masked_shift": table(headers, []), "causal_shift": table(headers, [])}
    return {"verdict": causality_verdict(before, after, lang),
            "masked_shift": table(headers, shift_rows(before.masked, after.masked)),
            "causal_shift": table(headers, shift_rows(before.causal, after.causal))}
