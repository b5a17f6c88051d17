"""Bad input to `fake-magento`: one line on stderr, exit status 2, no traceback, nothing written.

Every case runs the command in-process (click's CliRunner invokes ``main`` in standalone mode, as the
console script does: the same parsing, the same error line, the same exit status, without an
interpreter start-up per case); a few cases, one of each kind of refusal, run again through the
installed console script itself, so the exit status and the one stderr line are proven end to end.
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fake_magento.cli import main

pytestmark = pytest.mark.socket

SCRIPT = Path(sys.executable).with_name("fake-magento")  # the console script `pip install` wrote
CLI = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "fake_magento.cli"]
NOT_AN_EXPORT = "Error: Invalid value for 'SOURCE': expected an export from GET /_fake/state"
FIELDS = ("'admin_username', 'admin_password', 'consumer_key', 'consumer_secret', 'access_token', "
          "'access_token_secret', 'customer_email', 'customer_password'")
PROFILES = "'default', 'edge', 'large', 'minimal'"


def one_line_and_nothing_written(cwd: Path, before: dict[Path, bytes], status: int, stdout: str, stderr: str) -> str:
    assert status == 2, stderr
    assert stdout == ""
    assert stderr.count("\n") == 1 and "Traceback" not in stderr, stderr
    assert {p: p.read_bytes() for p in cwd.iterdir()} == before
    return stderr.rstrip("\n")


def refused(cwd: Path, *args: str) -> str:
    """Run the command in-process in ``cwd``; it must exit 2 with one error line, print nothing else and
    leave ``cwd`` as it was. Returns the line."""
    before = {p: p.read_bytes() for p in cwd.iterdir()}
    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, list(args), prog_name="fake-magento")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return one_line_and_nothing_written(cwd, before, result.exit_code, result.stdout, result.stderr)


def refused_by_the_script(cwd: Path, *args: str) -> str:
    """As ``refused``, through the real console script in a process of its own."""
    before = {p: p.read_bytes() for p in cwd.iterdir()}
    result = subprocess.run([*CLI, *args], check=False, capture_output=True, text=True, timeout=120, cwd=cwd)
    return one_line_and_nothing_written(cwd, before, result.returncode, result.stdout, result.stderr)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "bad.json").write_text('{"bad": 1}')
    (tmp_path / "not.json").write_text("not json")
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "wrong-format.json").write_text('{"format": "other", "tables": {}}')
    (tmp_path / "unknown-table.json").write_text('{"format": "fake-magento-state/1", "tables": {"nosuch": []}}')
    (tmp_path / "bad-rows.json").write_text('{"format": "fake-magento-state/1", "tables": {"meta": [1]}}')
    (tmp_path / "not-a-db.db").write_text("xx")
    return tmp_path


CASES = [
    (["serve", "--port", "99999"], "Error: Invalid value for '--port': 99999 is not in the range 0<=x<=65535."),
    (["serve", "--port", "-1"], "Error: Invalid value for '--port': -1 is not in the range 0<=x<=65535."),
    (["serve", "--port", "abc"], "Error: Invalid value for '--port': 'abc' is not a valid integer range."),
    (["serve", "--threads", "0"], "Error: Invalid value for '--threads': 0 is not in the range x>=1."),
    (["serve", "--profile", "nosuch"], f"Error: Invalid value for '--profile': 'nosuch' is not one of {PROFILES}."),
    (["serve", "--seed", "x"], "Error: Invalid value for '--seed': 'x' is not a valid integer."),
    (["serve", "--db", "/nonexistent/dir/x.db"],
     "Error: Invalid value for '--db': directory '/nonexistent/dir' does not exist"),
    (["serve", "--db", "."], "Error: Invalid value for '--db': '.' is a directory, not a database file"),
    (["serve", "--port", "0", "--db", "not-a-db.db"],
     "Error: Invalid value for '--db': 'not-a-db.db' is not a fake-magento database (file is not a database)"),
    (["serve", "--host", "nosuch.invalid", "--port", "0"],
     "Error: cannot listen on nosuch.invalid:0: Name or service not known"),
    (["serve", "--oauth-url-normalisation", "x"],
     "Error: Invalid value for '--oauth-url-normalisation': 'x' is not one of 'laminas', 'unreserved'."),
    (["serve", "--faults", "missing.yaml"], "Error: Invalid value for '--faults': File 'missing.yaml' does not exist."),
    (["serve", "--nosuch"], "Error: No such option '--nosuch'."),
    (["seed"], "Error: Missing option '--db'."),
    (["seed", "--db", "/nonexistent/dir/x.db"],
     "Error: Invalid value for '--db': directory '/nonexistent/dir' does not exist"),
    (["seed", "--db", "not-a-db.db"],
     "Error: Invalid value for '--db': 'not-a-db.db' is not a fake-magento database (file is not a database)"),
    (["seed", "--db", "x.db", "--profile", "nosuch"],
     f"Error: Invalid value for '--profile': 'nosuch' is not one of {PROFILES}."),
    (["seed", "--db", "x.db", "--pack", "missing.yaml"],
     "Error: Invalid value for '--pack': File 'missing.yaml' does not exist."),
    (["credentials", "--field", "nosuch"], f"Error: Invalid value for '--field': 'nosuch' is not one of {FIELDS}."),
    (["credentials", "--db", "/nonexistent/x.db"],
     "Error: Invalid value for '--db': directory '/nonexistent' does not exist"),
    (["export"], "Error: Missing option '--db'."),
    (["export", "--db", "/nonexistent/x.db"], "Error: Invalid value for '--db': directory '/nonexistent' does not exist"),
    (["import", "--db", "x.db"], "Error: Missing argument 'SOURCE'."),
    (["import", "--db", "x.db", "missing.json"],
     "Error: Invalid value for 'SOURCE': 'missing.json': No such file or directory"),
    (["import", "--db", "x.db", "bad.json"], NOT_AN_EXPORT),
    (["import", "--db", "x.db", "not.json"], NOT_AN_EXPORT),
    (["import", "--db", "x.db", "list.json"], NOT_AN_EXPORT),
    (["import", "--db", "x.db", "wrong-format.json"], NOT_AN_EXPORT),
    (["import", "--db", "x.db", "unknown-table.json"], "Error: Invalid value for 'SOURCE': unknown table 'nosuch'"),
    (["import", "--db", "x.db", "bad-rows.json"],
     "Error: Invalid value for 'SOURCE': import rejected: table 'meta' is not a list of rows"),
    (["import", "--db", "/nonexistent/x.db", "bad.json"],
     "Error: Invalid value for '--db': directory '/nonexistent' does not exist"),
    (["nosuch"], "Error: No such command 'nosuch'."),
]


@pytest.mark.parametrize(("args", "line"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_bad_input_is_one_line_and_exit_2(files: Path, args: list[str], line: str) -> None:
    assert refused(files, *args) == line


# One of each kind: a click type (IntRange), a --db callback, a refusal from the command body once the
# database was opened (sqlite's error as one line), click's unknown command. An import refused by the
# script itself is test_a_refused_import_leaves_an_existing_database_as_it_was.
SCRIPT_CASES = {"serve --port 99999", "serve --db .", "serve --port 0 --db not-a-db.db", "nosuch"}
BY_THE_SCRIPT = [(args, line) for args, line in CASES if " ".join(args) in SCRIPT_CASES]


@pytest.mark.parametrize(("args", "line"), BY_THE_SCRIPT, ids=[" ".join(a) for a, _ in BY_THE_SCRIPT])
def test_the_console_script_refuses_in_one_line_with_exit_2(files: Path, args: list[str], line: str) -> None:
    assert refused_by_the_script(files, *args) == line


def test_serve_on_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = refused(tmp_path, "serve", "--port", str(port), "--db", "x.db")
    assert line == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"


def invoke(*args: str) -> bytes:
    """Run a command that must succeed in-process; its stdout."""
    result = CliRunner().invoke(main, list(args), prog_name="fake-magento")
    assert result.exit_code == 0, (result.stderr, result.exception)
    return result.stdout_bytes


def test_a_refused_import_leaves_an_existing_database_as_it_was(tmp_path: Path) -> None:
    db = str(tmp_path / "shop.db")
    invoke("seed", "--db", db, "--profile", "minimal")
    before = invoke("export", "--db", db)
    state = json.loads(before)
    state["tables"]["nosuch"] = []
    (tmp_path / "export.json").write_text(json.dumps(state))
    result = subprocess.run([*CLI, "import", "--db", db, "export.json"], check=False, capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "Error: Invalid value for 'SOURCE': unknown table 'nosuch'\n")
    assert invoke("export", "--db", db) == before
    assert sorted(os.listdir(tmp_path)) == ["export.json", "shop.db", "shop.db.seed"]
