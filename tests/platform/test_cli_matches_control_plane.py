"""`fake-magento import` refuses a bad file in the words PUT /_fake/state answers it with."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fake_magento.cli import main

BAD = {
    "bad-key": '{"bad": 1}',
    "not-json": "not json",
    "a-list": "[1, 2]",
    "no-tables": json.dumps({"format": "fake-magento-state/1"}),
    "unknown-table": json.dumps({"format": "fake-magento-state/1", "tables": {"nosuch": []}}),
}


@pytest.mark.socket
@pytest.mark.parametrize("name", sorted(BAD))
def test_import_and_put_state_refuse_alike(anon, tmp_path: Path, name: str) -> None:
    raw = BAD[name]
    resp = anon.client.put("/_fake/state", data=raw, headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    control_plane = resp.get_json()["error"]
    (tmp_path / "state.json").write_text(raw)
    # in-process (click's CliRunner, standalone as the console script; tests/platform/test_cli_bad_input.py
    # runs the script itself)
    result = CliRunner().invoke(main, ["import", "--db", str(tmp_path / "x.db"), str(tmp_path / "state.json")],
                                prog_name="fake-magento")
    assert result.exit_code == 2
    assert result.stderr == f"Error: Invalid value for 'SOURCE': {control_plane}\n"
    assert not (tmp_path / "x.db").exists()
