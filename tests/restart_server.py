"""A child process for tests/test_app_faults.py: the web app on the test models, whose first life
meets a device fault that breaks the device's context for good, as a CUDA device-side assert does.

In its first life, a fill_mask request holding the word TRIGGER gets a real torch.AcceleratorError
with CUDA's text, and the context check reports the context broken (this machine has no GPU to
break). The server must answer that request, then replace itself (demo.restart); its second life
has no fault. Each life prints "URL <url> PID <pid>" when it serves; the port comes from
GRADIO_SERVER_PORT, so both lives serve on the same one.

Usage: python tests/restart_server.py BERT_DIR GPT_DIR
"""
import logging
import os
import sys
import time

import torch

from conftest import make_web_service
from demo import restart
from demo.ui.app import build_app, launch_options

TRIGGER = "tree"

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    first_life = "RESTART_SERVER_LIVED" not in os.environ
    os.environ["RESTART_SERVER_LIVED"] = "1"  # inherited by the process that replaces this one
    service = make_web_service(sys.argv[1], sys.argv[2])
    if first_life:
        masked = service.load(None, "masked")
        trigger = masked.tokenizer(TRIGGER, add_special_tokens=False)["input_ids"][0]
        encoder_forward = masked.model.base_model.forward

        def forward(*args, input_ids=None, **kwargs):
            if input_ids is not None and bool((input_ids == trigger).any()):
                raise torch.AcceleratorError("CUDA error: device-side assert triggered\nCompile with "
                                             "`TORCH_USE_CUDA_DSA` to enable device-side assertions.")
            return encoder_forward(*args, input_ids=input_ids, **kwargs)

        masked.model.base_model.forward = forward
        restart.context_broken = lambda: True
    app = build_app(service)
    _, url, _ = app.launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True, **launch_options())
    print("URL", url, "PID", os.getpid(), flush=True)
    deadline = time.monotonic() + 300  # the parent ends it sooner; never outlive a stuck test
    while time.monotonic() < deadline:
        time.sleep(0.5)
