"""The fixed sentences every compressed variant is judged on: one blank each, with the word that fills it.

Masked models fill the blank (fidelity and top-5 accuracy at the blank); causal models continue the
words before it (fidelity of the next-token top-5) and are scored on the whole filled sentence
(perplexity). Plain sentences written as people type them (capital letter, full stop), the way the
bundled pocket models were trained.
"""
from __future__ import annotations

BLANK = "___"

SENTENCES: tuple[tuple[str, str], ...] = (
    ("The cat sat on the ___.", "mat"),
    ("She drank a glass of ___.", "water"),
    ("The dog barked at the ___.", "man"),
    ("He climbed to the top of the ___.", "tree"),
    ("They went to ___ by car.", "school"),
    ("A bird sang in the ___.", "tree"),
    ("The children played in the ___.", "garden"),
    ("We ate bread and ___ for dinner.", "cheese"),
    ("The ship sailed across the ___.", "sea"),
    ("He paid for the book with ___.", "money"),
    ("The sun rises in the ___.", "east"),
    ("She wrote a letter to her ___.", "friend"),
    ("The river flows into the ___.", "sea"),
    ("He spread butter on his ___.", "bread"),
    ("The farmer grows ___ in the field.", "corn"),
    ("The children sang a ___ together.", "song"),
)


def masked_texts(mask_token: str) -> list[str]:
    return [text.replace(BLANK, mask_token) for text, _ in SENTENCES]


def prompts() -> list[str]:
    """The words before each blank: what a left-to-right model continues."""
    return [text.split(BLANK)[0].rstrip() for text, _ in SENTENCES]


def filled() -> list[str]:
    return [text.replace(BLANK, answer) for text, answer in SENTENCES]


def answers() -> list[str]:
    return [answer for _, answer in SENTENCES]
