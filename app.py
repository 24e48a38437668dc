"""Run the BERT vs GPT explainer: python app.py [--share]  (GRADIO_SERVER_NAME / _PORT apply;
DEMO_CLUSTER=local|auto|ray://host:port runs the models as Ray Serve deployments, docs/cluster.md)."""
import argparse
import logging

from demo import startup  # first: imports `spaces` before torch

NATIVE_MEMORY = startup.keep_native_memory_bounded()  # before torch loads MKL and Gradio starts threads

from demo.cluster import service_factory  # noqa: E402
from demo.settings import Settings  # noqa: E402
from demo.ui.app import build_app, launch_options  # noqa: E402

make_service = service_factory(Settings.from_env())  # imports torch (after the line above), or with
# DEMO_CLUSTER a Ray Serve client's modules

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--share", action="store_true", help="also serve on a public gradio.live link")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    service = make_service()  # web-only: the app offers the catalog, not local paths
    startup.preload_for_zerogpu(service)  # on ZeroGPU: the defaults load now, outside the GPU handlers
    build_app(service).launch(share=args.share, **launch_options(service.settings))
