"""Tests mirror modules: assistant/<module>.py is tested in tests/test_<module>.py, and
assistant/<package>/<module>.py in tests/test_<package>_<module>.py (CONTRIBUTING.md)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ELSEWHERE = {"__main__": "cli"}  # `python -m assistant` is tested with the CLI


def test_every_module_has_its_test_file():
    package = ROOT / "assistant"
    missing = []
    for module in sorted(package.rglob("*.py")):
        if module.name == "__init__.py":
            continue
        name = "_".join(module.relative_to(package).with_suffix("").parts)
        if not (ROOT / "tests" / f"test_{ELSEWHERE.get(name, name)}.py").is_file():
            missing.append(str(module.relative_to(ROOT)))
    assert not missing, f"modules without a test file: {missing}"
