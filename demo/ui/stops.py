"""Stop a streaming generation: per-session flags the generation loop reads before each step.

Gradio's `cancels=` stops iterating the stream; the flag makes the loop itself end, so no token
is computed after a Stop even if a step was already under way when it came. A page that closes
mid-generation: Gradio's queue marks its events dead and stops iterating the stream.
"""
import threading

import gradio as gr


class Stops:
    def __init__(self):
        self._asked: set[str] = set()
        self._lock = threading.Lock()

    @staticmethod
    def _session(request) -> str:
        return getattr(request, "session_hash", None) or "" if request is not None else ""

    def start(self, request) -> str:
        """A generation starts: clear an old Stop of this session; return the session's key."""
        session = self._session(request)
        with self._lock:
            self._asked.discard(session)
        return session

    def stop(self, request: gr.Request = None) -> None:
        session = self._session(request)
        if session:
            with self._lock:
                if len(self._asked) > 10_000:  # Stops never followed by a generation: forget them
                    self._asked.clear()
                self._asked.add(session)

    def asked(self, session: str) -> bool:
        return bool(session) and session in self._asked
