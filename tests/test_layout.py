"""One import mode for the whole suite: every directory holding tests is a package (pytest's default
``prepend`` mode then puts only the project root on sys.path, and a test module is
``tests.<dir>.<name>``, so two directories may both have a test_cli.py), and helpers are imported
from tests.support, never from a conftest.py (pytest imports those itself)."""
from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).parent


def test_every_test_directory_is_a_package() -> None:
    holders = {p.parent for p in TESTS.rglob("*.py") if p.name.startswith("test_") or p.name == "conftest.py"}
    missing = sorted(str(d.relative_to(TESTS.parent)) for d in holders if not (d / "__init__.py").exists())
    assert missing == [], "add an empty __init__.py: every test directory is a package"


def test_no_test_imports_from_a_conftest() -> None:
    needle = "conftest" + " import"  # not this file's own text
    offenders = [str(p.relative_to(TESTS.parent)) for p in TESTS.rglob("*.py") if needle in p.read_text()]
    assert offenders == [], "import helpers from tests.support (tests/support/), not from a conftest.py"
