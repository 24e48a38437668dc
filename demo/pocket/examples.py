"""The app's own examples (every `*EXAMPLES` list of every tab in demo/ui/) through the pocket models:
pocket-bert's top 3 for each blank, pocket-gpt's next 3 tokens after the words before the first
blank (or after the whole text), pocket-t5's top 3 spans for each blank, as the service answers.

SENSIBLE holds, for the examples with an answer a class would expect, the answers a teacher
would accept (judged here, by hand, before looking at any model's output). An example whose
top 3 holds none of them would embarrass a teacher; the card lists which.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from demo.errors import DemoError
from demo.inputs import MASK_PATTERN

_PLACES = {"store", "shop", "market", "supermarket", "bakery", "baker", "village", "town", "city", "grocery", "door",
           "kitchen", "park", "station", "school", "office", "bank", "house", "home", "car", "room", "window", "bed",
           "church", "hospital", "beach", "library", "table", "garden"}
# text -> one set of accepted answers per blank (for the generate tab: for the next word)
SENSIBLE: dict[str, list[set[str]]] = {
    "The capital of France is [MASK].": [{"paris"}],
    "She picked up her [MASK] and went to the [MASK].": [
        {"bag", "bags", "keys", "coat", "phone", "book", "books", "purse", "things", "child", "children", "son",
         "daughter", "baby", "hat", "umbrella", "basket", "sister", "brother", "mother", "husband", "friend", "dog",
         "pen", "letter", "clothes", "suitcase", "money", "ticket", "shoes", "luggage"}, _PLACES],
    "I drank a cup of [MASK] this morning.": [{"coffee", "tea", "milk", "water", "chocolate", "cocoa", "juice", "soup"}],
    "The doctor told the patient to take the ___ twice a day.": [
        {"medicine", "pills", "pill", "tablets", "tablet", "drug", "drugs", "medication", "dose", "capsules", "medicines"}],
    "The [MASK] barked at the mailman all morning.": [{"dog", "dogs", "puppy"}],
    "She is playing with a [MASK] ball.": [
        {"red", "blue", "green", "yellow", "white", "black", "small", "big", "little", "large", "tennis", "new",
         "rubber", "soccer", "football", "beach", "golf", "bouncy", "round", "soft", "pink", "orange"}],
    "The doctor told the ___ to rest because she was sick.": [
        {"patient", "nurse", "girl", "woman", "mother", "child", "lady", "daughter", "wife", "student", "sister",
         "teacher", "baby", "mom", "mum"}],
    "I went to the ___ to buy some bread.": [_PLACES - {"door", "kitchen", "window", "bed", "table", "beach"}],
    "The ___ barked at the mailman all morning.": [{"dog", "dogs", "puppy"}],
    "___ is the capital of France.": [{"paris"}],
    "The capital of France is": [{"paris", "the", "a", "located", "called", "known", "now", "in"}],
    "The best way to learn a new language is to": [
        {"learn", "speak", "practice", "practise", "read", "study", "use", "listen", "live", "talk", "write", "go",
         "be", "make", "take", "start", "try", "find", "get", "watch", "travel", "immerse", "have", "know"}],
    "Once upon a time, there was a": [
        {"man", "king", "little", "young", "girl", "boy", "woman", "small", "princess", "prince", "beautiful", "poor",
         "great", "very", "old", "large", "big", "lady", "child", "rich", "good", "certain", "farmer", "queen"}],
}


def entries() -> list[tuple[str, str]]:
    """(tab module, example text) for every *EXAMPLES list in demo/ui, in file order."""
    import demo.ui

    out = []
    for info in pkgutil.iter_modules(demo.ui.__path__):
        if not info.name.endswith("_tab"):
            continue
        module = importlib.import_module(f"demo.ui.{info.name}")
        for attribute, rows in vars(module).items():  # in the order the file defines them
            if attribute.endswith("EXAMPLES"):
                out += [(info.name.removesuffix("_tab"), row[0]) for row in rows]
    return out


def _word(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def answers(service, out: Path, text: str) -> dict[str, list[list[str]] | str]:
    """Each pocket model's top 3 (one list per blank; GPT: one list), or the message it answered with."""
    found: dict[str, list[list[str]] | str] = {}
    blank = MASK_PATTERN.search(text)
    left = text[: blank.start()].rstrip() if blank else text
    calls = [("pocket-bert", lambda m: [[c.text.strip() for c in b] for b in service.fill_mask(m, text, 3).masks], blank),
             ("pocket-gpt", lambda m: [[c.text for c in service.next_tokens(m, left, 3).candidates]], left),
             ("pocket-t5", lambda m: [[s.text for s in b] for b in service.infill(m, text, 3).blanks], blank)]
    for name, call, applies in calls:
        folder = out / name
        if applies and (folder / "config.json").is_file():
            try:
                found[name] = call(str(folder))
            except DemoError as err:
                found[name] = str(err)
    return found


def judge(text: str, name: str, top: list[list[str]] | str) -> bool | None:
    """True when every blank's top 3 holds an accepted answer; None when there is no key for it."""
    key = SENSIBLE.get(text)
    if key is None or isinstance(top, str):
        return None
    key = key[:1] if name == "pocket-gpt" else key  # GPT's next word after the left side: the first blank
    return len(top) == len(key) and all(any(_word(a) in accepted for a in blank) for blank, accepted in zip(top, key))


def run(out: Path) -> list[dict]:
    from demo.service import InferenceService
    from demo.settings import Settings

    service = InferenceService(Settings(device="cpu"))
    rows = []
    for tab, text in entries():
        found = answers(service, out, text)
        rows.append({"tab": tab, "text": text, "answers": found,
                     "sensible": {name: judge(text, name, top) for name, top in found.items()}})
    return rows
