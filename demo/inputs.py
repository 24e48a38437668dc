"""Checks on what users send, done before any model runs (an out-of-range position on CUDA is a
device-side assert that breaks every later call, so nothing too long may reach a model)."""
from __future__ import annotations

import math
import re
import unicodedata

from demo.errors import BadCharactersError, EmptyTextError, MaskError, ParameterError, TextTooLongError

# Users may write a blank the way any model spells it; it becomes the model's own mask token.
MASK_PATTERN = re.compile(r"\[mask\]|<mask>|_{3,}", re.IGNORECASE)
ALLOWED_CONTROLS = {"\n", "\t", "\r"}


def clean_text(text: object, max_chars: int) -> str:
    """NFC-normalised text, or an error naming the problem (empty, too long, control characters)."""
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise ParameterError("error.not_string", kind=type(text).__name__)
    if len(text) > max_chars:
        raise TextTooLongError("error.too_long", count=len(text), limit=max_chars)
    text = unicodedata.normalize("NFC", text)
    bad = control_characters(text)
    if bad:
        names = ", ".join(f"U+{ord(c):04X}" for c in bad[:3])
        raise BadCharactersError("error.control", names=names)
    if not text.strip():
        raise EmptyTextError("error.empty")
    return text


def control_characters(text: str) -> list[str]:
    """The control characters in `text` that no text may hold (newline, tab and return may)."""
    return sorted({c for c in text if unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS})


def with_mask_token(text: str, mask_token: str, max_masks: int, exactly: int | None = None) -> tuple[str, int]:
    """Rewrite every blank ([MASK], <mask>, ___) as `mask_token`; return the text and the count."""
    text, count = MASK_PATTERN.subn(mask_token, text)
    if count == 0:
        raise MaskError("error.no_blank")
    if exactly is not None and count != exactly:
        raise MaskError("error.blanks_exactly", exactly=exactly, count=count)
    if count > max_masks:
        raise MaskError("error.blanks_limit", count=count, limit=max_masks)
    if not MASK_PATTERN.sub("", text.replace(mask_token, "")).strip():
        raise MaskError("error.only_blanks")
    return text, count


def without_mask(text: str) -> str:
    if MASK_PATTERN.search(text):
        raise MaskError("error.causal_blank")
    return text


def check_int(name: str, value: object, low: int, high: int) -> int:
    bounds = {"name": name, "low": low, "high": high}
    if isinstance(value, bool) or value is None:
        raise ParameterError("error.whole_number", **bounds)
    if isinstance(value, float):
        if not value.is_integer():
            raise ParameterError("error.whole_number_got", value=value, **bounds)
        value = int(value)
    if not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise ParameterError("error.whole_number", **bounds) from None
    if not low <= value <= high:
        raise ParameterError("error.range", name=name, low=low, high=high, value=value)
    return value


def check_float(name: str, value: object, low: float, high: float, low_open: bool = False) -> float:
    bounds = {"name": name, "low": low, "high": high}
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError("error.number", **bounds) from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise ParameterError("error.number", **bounds)
    if number > high or number < low or (low_open and number == low):
        raise ParameterError("error.number_above" if low_open else "error.number_at_least", value=number, **bounds)
    return number


def check_seed(value: object) -> int | None:
    if value is None or value == "":
        return None
    return check_int("seed", value, 0, 2**31 - 1)


# -- cost & compression -----------------------------------------------------------------------

def check_choice(name: str, value: object, allowed: tuple[str, ...]) -> str:
    """One of `allowed`; the message lists them and does not echo what was typed."""
    if isinstance(value, str) and value.strip() in allowed:
        return value.strip()
    raise ParameterError("error.choice", name=name, choices=", ".join(allowed))


def check_fraction(name: str, value: object) -> float:
    """A number strictly between 0 and 1."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError("error.fraction", name=name) from None
    if isinstance(value, bool) or not math.isfinite(number) or not 0 < number < 1:
        raise ParameterError("error.fraction_got", name=name, value=number)
    return number


def check_int_list(name: str, value: object, low: int, high: int, max_items: int) -> list[int] | None:
    """None or "" (the default), a list of whole numbers, or the same written "8, 16, 32"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    items = value.replace(",", " ").split() if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise ParameterError("error.number_list", name=name, low=low, high=high)
    if len(items) > max_items:
        raise ParameterError("error.number_list_count", name=name, limit=max_items, count=len(items))
    return sorted({check_int(name, item, low, high) for item in items})


MAX_WORDS = 10  # guesses scored in one request
MAX_WORD_CHARS = 40  # a guess, or an attribution's target word
# the choices and limits of verbs whose code needs torch, kept here so a tab can offer them without it
ATTRIBUTION_METHODS = ("integrated_gradients", "gradient_x_input")  # demo/inside/attribution.py
MAX_ATTRIBUTION_STEPS = 256
COMPRESSION_METHODS = ("int8", "fp16", "bf16", "prune", "heads", "low_rank", "distilled")  # demo/measure/compress.py


def check_words(words: object) -> list[str]:
    """A guess or several: a list of strings, or one string split at commas and new lines."""
    if isinstance(words, str):
        words = re.split(r"[,\n，、]", words)
    if not isinstance(words, (list, tuple)) or not all(isinstance(w, str) for w in words):
        raise ParameterError("error.words_type")
    words = [unicodedata.normalize("NFC", w).strip() for w in words]
    words = list(dict.fromkeys(w for w in words if w))
    if not words:
        raise EmptyTextError("error.no_guess")
    if len(words) > MAX_WORDS:
        raise ParameterError("error.guess_count", limit=MAX_WORDS, count=len(words))
    for w in words:
        if len(w) > MAX_WORD_CHARS or any(unicodedata.category(c) == "Cc" for c in w):
            raise ParameterError("error.guess_chars", limit=MAX_WORD_CHARS)
    return words


def new_tokens_limit(max_new_tokens: int, max_positions: int) -> int:
    """The most new tokens one generation may ask of a model: the operator's cap, and one position fewer
    than the model holds (the prompt takes at least one). The Next word tab sends it as its slider's range."""
    return max(1, min(int(max_new_tokens), int(max_positions) - 1))


def clamp_int(value: object, low: int, high: int) -> int:
    """A slider's value held to a model's range (a model change may leave the old model's layer or head
    set): not a refusal, since the person never typed it. Anything not a number is `low`."""
    number = int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else low
    return min(max(number, low), max(low, high))
