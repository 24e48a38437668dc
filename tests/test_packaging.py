"""The Space's requirements.txt and the package's dependencies say the same thing."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_requirements_txt_matches_pyproject():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert sorted(filter(None, lines)) == sorted(d.replace(" ", "") for d in deps)


def test_readme_front_matter_configures_the_space():
    front = (ROOT / "README.md").read_text().split("---")[1]
    for key in ("sdk: gradio", "app_file: app.py", "preload_from_hub:", "bert-base-uncased", "gpt2"):
        assert key in front


def test_ci_runs_the_readme_commands():
    readme, ci = (ROOT / "README.md").read_text(), (ROOT / ".ci" / "run").read_text()
    assert 'pip install "torch==2.13.0" -e ".[test,cluster]"' in readme
    commands = [line for line in ci.splitlines() if line and not line.startswith(("#", " ", "if", "fi", "set", "cd", "export"))]
    assert commands == ['pip install "torch==2.13.0" -e ".[test,cluster]"', "python tests/real_tokenizers.py", "pytest",
                        "DEMO_TEST_MODELS=pocket pytest"]
    assert all(f"\n{command} " in readme for command in commands)  # each in the README's command block
