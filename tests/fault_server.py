"""A child process for tests/test_app_faults.py: the web app on the test models, with two faults
built in, so a real fault happens in a real server process without harming the test session's.

1. The causal model's position check is switched off (as if a verb forgot it): a long prompt
   then reaches GPT-2's position table and fails with a real IndexError, the CPU analogue of
   CUDA's device-side assert.
2. A fill_mask request whose text holds the word TRIGGER gets a torch.OutOfMemoryError from the
   encoder, as a GPU that is out of memory raises it.

Usage: python tests/fault_server.py BERT_DIR GPT_DIR; prints "URL <url>" when it serves.
"""
import logging
import sys
import time

import torch

from conftest import make_web_service
from demo.ui.app import build_app, launch_options

TRIGGER = "tree"

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    service = make_web_service(sys.argv[1], sys.argv[2])
    causal = service.load(None, "causal")
    causal.positions = 10**6  # fault 1: no position check
    masked = service.load(None, "masked")
    trigger = masked.tokenizer(TRIGGER, add_special_tokens=False)["input_ids"][0]
    encoder_forward = masked.model.base_model.forward

    def forward(*args, input_ids=None, **kwargs):  # fault 2: out of memory on one word
        if input_ids is not None and bool((input_ids == trigger).any()):
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 20.00 GiB (GPU 0; 79.1 GiB total)")
        return encoder_forward(*args, input_ids=input_ids, **kwargs)

    masked.model.base_model.forward = forward
    app = build_app(service)
    _, url, _ = app.launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True, **launch_options())
    print("URL", url, flush=True)
    deadline = time.monotonic() + 300  # the parent ends it sooner; never outlive a stuck test
    while time.monotonic() < deadline:
        time.sleep(0.5)
