"""The reveal after a guess: where each guessed word ranks under each model, and how likely it is.

Safe HTML: the guess and the pieces are user and model text, escaped (quotes too)."""
from __future__ import annotations

import html

from demo.results import WordScores
from demo.text import say
from demo.viz.bars import piece_label


def _rank(score, vocabulary: int, lang: str) -> str:
    """"12 of 30,522". A word of several pieces is not one of the model's single tokens: its rank is
    the place it takes among them once it joins the list, so it is counted among vocabulary + 1
    (a word less likely than every token reads "30,523 of 30,523", never "30,523 of 30,522")."""
    if not score.known:
        return say("guess.unknown", lang)
    total = vocabulary + (1 if len(score.pieces) > 1 else 0)
    return say("guess.top" if score.rank == 1 else "guess.rank", lang, rank=score.rank, total=total)


def reveal(results: list[WordScores], lang: str = "en") -> str:
    """One row per (guess, model), grouped by guess; then how several pieces are scored."""
    cols = [say(f"guess.col.{c}", lang) for c in ("word", "model", "prob", "rank", "pieces")]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    rows = []
    for i, _ in enumerate(results[0].words if results else []):
        for result in results:
            s = result.words[i]
            pieces = " · ".join(html.escape(piece_label(p), quote=True) for p in s.pieces)
            where = say(f"guess.where.{result.family}", lang)
            top = ' class="guess-top"' if s.rank == 1 else ""
            rows.append(f"<tr{top}><td class='guess-word'>{html.escape(s.word, quote=True)}</td>"
                        f"<td>{html.escape(result.model)} {html.escape(where)}</td>"
                        f"<td class='guess-prob'>{s.prob:.2%}</td><td class='guess-rank'>"
                        f"{html.escape(_rank(s, result.vocabulary, lang))}</td><td class='guess-pieces'>{pieces}</td></tr>")
    notes = "".join(f"<p class='guess-method'>{html.escape(say(f'guess.method.{family}', lang))}</p>"
                    for family in dict.fromkeys(r.family for r in results))
    return (f"<div class='guess-reveal'><h3>{html.escape(say('guess.head', lang))}</h3>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{notes}</div>")
