"""The whole contract kit in sandbox mode against the emulator over a real socket, then its parity.

``fake-magento serve --no-control-plane`` is started as a user would start it; the kit only gets its
URL and the credentials file (`fake-magento credentials --json`), so it can use nothing but the REST
API. The run is recorded and diffed against the committed recording of the real 2.4.7-p3 sandbox
and against the published real-Magento shapes: every difference must be fixed or listed in
contracts/deviations.yaml, and a listed deviation that no longer occurs fails.

With MAGENTO_URL set (and MAGENTO_CREDENTIALS or the other MAGENTO_* variables), the same kit runs
against that Magento too; CI has no sandbox, so that test skips there.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from contracts.deviations import Deviations
from contracts.parity import compare, render_text
from contracts.recording import Recording
from contracts.reference import SHAPES, compare_shapes, stale_deviations

BIN = Path(sys.executable).parent
SANDBOX_RECORDING = Path(__file__).resolve().parents[2] / "contracts" / "recordings" / "sandbox-2.4.7-p3.json"


class Emulator:
    """``fake-magento serve --port 0 --no-control-plane`` in a subprocess."""

    def __init__(self, workdir: Path) -> None:
        self.db = workdir / "state.db"
        self.log = workdir / "serve.log"
        with self.log.open("w") as out:
            self.proc = subprocess.Popen([str(BIN / "fake-magento"), "serve", "--port", "0", "--db", str(self.db),
                                          "--no-control-plane"], stdout=out, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            first = self.log.read_text().split("\n", 1)[0]
            if first.startswith("fake-magento serving http://") and "\n" in self.log.read_text():
                self.url = first.split()[2].removesuffix("/rest/V1")
                return
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"the emulator did not start: {self.log.read_text()}")

    def credentials(self, path: Path) -> Path:
        answer = subprocess.run([str(BIN / "fake-magento"), "credentials", "--db", str(self.db), "--json"],
                                capture_output=True, text=True, check=True, timeout=60)
        path.write_text(json.dumps(dict(json.loads(answer.stdout), base_url=self.url)))
        return path

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=20)


def run_kit(workdir: Path, *args: str, timeout: int = 600) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    report = workdir / "report.json"
    proc = subprocess.run([str(BIN / "magento-contracts"), "record", "--out", str(workdir / "recording.json"),
                           "--junitxml", str(workdir / "junit.xml"), "--report", str(report), *args, "-q"],
                          capture_output=True, text=True, timeout=timeout, cwd=workdir, check=False)
    assert report.exists(), proc.stdout[-4000:] + proc.stderr[-2000:]
    return proc, json.loads(report.read_text())


def junit_counts(path: Path) -> dict[str, int]:
    suite = ET.parse(path).getroot()
    suite = suite if suite.tag == "testsuite" else suite[0]
    return {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}


def test_kit_against_the_emulator_over_a_socket_and_its_parity(tmp_path: Path) -> None:
    emulator = Emulator(tmp_path)
    try:
        proc, report = run_kit(tmp_path, "--magento-url", emulator.url, "--magento-credentials",
                               str(emulator.credentials(tmp_path / "credentials.json")))
    finally:
        emulator.stop()
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert report["kind"] == "emulator" and report["schema_violations"] == []
    assert report["outcomes"].get("failed", 0) == 0 and report["outcomes"]["passed"] >= 70
    assert report["cleanup"]["problems"] == []
    counts = junit_counts(tmp_path / "junit.xml")
    assert counts["failures"] == counts["errors"] == 0 and counts["tests"] >= 70

    deviations = Deviations.load()
    ours = Recording.load(tmp_path / "recording.json")
    parity = compare(Recording.load(SANDBOX_RECORDING), ours, deviations)
    assert parity.ok, render_text(parity)

    shapes = json.loads(SHAPES.read_text(encoding="utf-8"))
    references = [r for rec in (ours, Recording.load(SANDBOX_RECORDING))
                  for r in compare_shapes(shapes, rec, deviations)]
    for reference in references:
        assert reference.parity.ok, render_text(reference.parity)
    assert stale_deviations(shapes, references, deviations) == []


@pytest.mark.skipif(not os.environ.get("MAGENTO_URL"), reason="no sandbox: set MAGENTO_URL (and credentials)")
def test_kit_against_the_magento_at_MAGENTO_URL(tmp_path: Path) -> None:
    """The whole kit against a real Magento (see README, "Contract kit"); ~1 minute on the sandbox."""
    proc, report = run_kit(tmp_path, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-6000:]
    assert report["outcomes"].get("failed", 0) == 0
    assert report["cleanup"]["problems"] == []
