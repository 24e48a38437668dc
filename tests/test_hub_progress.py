"""The download progress the UI shows counts a file's bytes once, whichever way huggingface_hub
fetches it: plain HTTP (tests/test_hub_download.py, through a real server) or Xet, which the real hub
uses for bert-base-uncased and which reports network and reconstructed bytes separately."""
from types import SimpleNamespace

from huggingface_hub.utils._xet_progress_reporting import XetDownloadProgressReporter

from demo.hub import Download, _reporting_bar


def test_a_xet_download_reports_the_files_bytes_not_the_network_bytes_again():
    heard = []
    bar = _reporting_bar("bert-base-uncased", "model.safetensors", heard.append, [0, None])
    with XetDownloadProgressReporter(reconstruction_desc="model.safetensors", total=1000, log_level=30,
                                     tqdm_class=bar) as progress:
        for written, received in ((0, 300), (400, 600), (1000, 700)):  # compressed: fewer bytes on the wire
            progress.update_progress(SimpleNamespace(
                total_bytes_completed=written, total_transfer_bytes_completed=received, total_bytes=1000,
                total_bytes_completion_rate=None, total_transfer_bytes_completion_rate=None))
    assert heard == [Download("bert-base-uncased", "model.safetensors", 400, 1000),
                     Download("bert-base-uncased", "model.safetensors", 1000, 1000)]
