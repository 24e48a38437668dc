"""A result dataclass as JSON for an agent or a script: its fields by name, arrays as nested lists, floats
to six significant digits (a probability of 3e-7 stays 3e-7, not 0); no figure, no HTML, never a tensor."""
import dataclasses
import json
import math

import numpy as np

DIGITS = 6


def plain(value, digits: int = DIGITS):
    """`value` as JSON-ready Python: a dataclass as a dict of its fields, arrays as lists, floats rounded
    (NaN and infinities as None, which JSON has no word for). Anything else is a bug: it raises."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name), digits) for f in dataclasses.fields(value)}
    if value is None or isinstance(value, str):
        return None if value is None else str(value)  # a Said (a str that keeps its key) as its English
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(f"{value:.{digits}g}") if math.isfinite(value) else None
    if isinstance(value, np.ndarray):
        return plain(value.tolist(), digits)
    if isinstance(value, dict):
        return {str(key): plain(item, digits) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item, digits) for item in value]
    raise TypeError(f"no JSON form for {type(value).__name__}")


def as_json(result, **extra) -> str:
    return json.dumps({**plain(result), **plain(extra)}, ensure_ascii=False)
