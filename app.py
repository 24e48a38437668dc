"""Run the BERT vs GPT explainer: python app.py [--share]  (GRADIO_SERVER_NAME / _PORT apply)."""
import argparse
import logging

from demo import startup  # first: imports `spaces` before torch

NATIVE_MEMORY = startup.keep_native_memory_bounded()  # before torch loads MKL and Gradio starts threads

from demo.service import InferenceService  # noqa: E402  (torch, after the line above)
from demo.ui.app import build_app, launch_options  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--share", action="store_true", help="also serve on a public gradio.live link")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    service = InferenceService().web_only()  # the web app offers the catalog, not local paths
    startup.preload_for_zerogpu(service)  # on ZeroGPU: the defaults load now, outside the GPU handlers
    build_app(service).launch(share=args.share, **launch_options(service.settings))
