"""Settings read once from the environment: device, dtype, defaults and the limits users hit."""
from __future__ import annotations

import os
from dataclasses import dataclass


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    device: str | None = None  # None: CUDA, else MPS, else CPU
    dtype: str | None = None  # None: float16 on GPU, float32 on CPU
    default_masked: str = "bert-base-uncased"
    default_causal: str = "gpt2"
    default_seq2seq: str = "t5-small"
    offline: bool = False  # never try the hub: the bundled pocket models are the defaults
    allow_local_models: bool = False  # let web users type a local directory as a model
    max_chars: int = 4000  # checked before tokenizing, so a 20 MB paste costs nothing
    max_masks: int = 5
    max_top_k: int = 50
    max_infill_k: int = 10  # each span is a beam: beam search costs grow with it
    max_new_tokens: int = 256
    max_batch: int = 16  # concurrent requests merged into one forward pass
    mcp: bool = False  # also serve the verbs as MCP tools (Gradio's mcp_server; needs gradio[mcp])
    cluster: str = ""  # DEMO_CLUSTER: "" in this process; local | auto | ray://host:port: Ray Serve (demo/cluster)
    replicas: str = "1"  # DEMO_REPLICAS: replicas per model family's deployment, or MIN-MAX to autoscale

    @classmethod
    def from_env(cls) -> "Settings":
        offline = _flag("DEMO_OFFLINE") or _flag("HF_HUB_OFFLINE")
        return cls(
            device=os.environ.get("DEMO_DEVICE") or None,
            dtype=os.environ.get("DEMO_DTYPE") or None,
            default_masked=os.environ.get("DEMO_MASKED_MODEL", "bert-base-uncased"),
            default_causal=os.environ.get("DEMO_CAUSAL_MODEL", "gpt2"),
            default_seq2seq=os.environ.get("DEMO_SEQ2SEQ_MODEL", "t5-small"),
            offline=offline,
            allow_local_models=_flag("DEMO_ALLOW_LOCAL_MODELS"),
            mcp=_flag("DEMO_MCP"),
            cluster=os.environ.get("DEMO_CLUSTER", "").strip(),
            replicas=os.environ.get("DEMO_REPLICAS", "1").strip() or "1",
        )
