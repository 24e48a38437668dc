"""简体中文 (Chinese): every user-facing string of the app, by key ("area.what"), one module per part of the app."""
from demo.text.zh import page, inside, cost, classroom, compare, learn, tabs, errors, adapt

TEXT: dict[str, str] = {}
for _part in (page, inside, cost, classroom, compare, learn, tabs, errors, adapt):
    if TEXT.keys() & _part.TEXT.keys():  # one key in two parts: the later would silently win
        raise KeyError(f"said twice: {sorted(TEXT.keys() & _part.TEXT.keys())}")
    TEXT.update(_part.TEXT)
