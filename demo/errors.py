"""Errors a user can cause, each with a message that names the problem and the limit.

Every error the service raises on purpose derives from DemoError, so the UI can show its
message as is, while anything else is a bug and gets a generic message plus a log line.
"""


class DemoError(Exception):
    """Base class: `str(err)` is a sentence fit to show to the user (English, for the Python API).
    `key` and `values` name the same sentence in demo/text, so the web UI can show it in the
    reader's language: DemoError(message, key="error.empty", limit=50)."""

    def __init__(self, message: str = "", key: str | None = None, **values):
        super().__init__(message)
        self.key = key
        self.values = values

    def again(self) -> "DemoError":
        """The same error as a new exception, to raise once more. Raising one stored exception again
        and again (a remembered failure) chains every raise's frames onto its traceback, and with
        them each request's locals: under a classroom's load that held every result ever made."""
        fresh = type(self)(str(self), self.key, **self.values)
        fresh.__cause__ = self.__cause__
        return fresh


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
