"""Errors a user can cause, each with a message that names the problem and the limit.

Every error the service raises on purpose derives from DemoError, so the UI can show its
message as is, while anything else is a bug and gets a generic message plus a log line.
"""
from demo.text import say


class DemoError(Exception):
    """Base class, raised by key with its values: DemoError("error.too_long", count=600, limit=500).
    `str(err)` is the key's English sentence from demo/text (for the Python API and logs); the web UI
    shows the same key in the reader's language. The English is written once, in the table."""

    def __init__(self, key: str, **values):
        super().__init__(say(key, "en", **values))
        self.key = key
        self.values = values

    def __reduce__(self):  # pickles and copies rebuild it from its key (Exception's default passes the English)
        return _rebuild, (type(self), self.key, self.values)

    def again(self) -> "DemoError":
        """The same error as a new exception, to raise once more. Raising one stored exception again
        and again (a remembered failure) chains every raise's frames onto its traceback, and with
        them each request's locals: under a classroom's load that held every result ever made."""
        fresh = type(self)(self.key, **self.values)
        fresh.__cause__ = self.__cause__
        return fresh


def _rebuild(kind: type, key: str, values: dict) -> DemoError:
    return kind(key, **values)


class EmptyTextError(DemoError):
    pass


class TextTooLongError(DemoError):
    pass


class BadCharactersError(DemoError):
    pass


class MaskError(DemoError):
    """No mask where one is needed, too many masks, or a mask where none is allowed."""


class ParameterError(DemoError):
    """A number out of range or of the wrong type (top_k, temperature, top_p, ...)."""


class UnknownModelError(DemoError):
    pass


class WrongFamilyError(DemoError):
    """A causal model asked to fill a mask, or the other way round."""


class ModelLoadError(DemoError):
    pass


class DeviceError(DemoError):
    """The device failed during one request (out of memory, CUDA error); later requests may succeed."""
