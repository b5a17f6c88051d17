"""Incremental pulls that stop and start again, against the emulator over a real socket: interrupted
runs (cleanly, or killed between a page's lines and its state), where a run starts (state, since,
the config's watermark, refusals), and late commits with and without an overlap.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from connector.client import MagentoClient
from connector.errors import MagentoError
from connector.operations import pull as pull_module
from connector.operations.pull import PullError, PullProgress, pull
from connector.operations.state import load_state, locked, stamp
from fake_magento import ThreadedServer
from tests.support.emulator import emulator_config
from tests.connector_tests.pull_support import (
    at,
    current,
    failing_after,
    freeze,
    lines,
    new_customer,
    recorded,
)


# each test on the seeded state and clock, the resources' own search (conftest.py)
pytestmark = pytest.mark.usefixtures("pull_isolation")


# -- interruption ------------------------------------------------------------------------------------
@pytest.mark.parametrize("prefetch", [True, False], ids=["prefetch", "serial"])
def test_an_interrupted_pull_rerun_writes_each_record_exactly_once(
        client: MagentoClient, prefetch: bool, tmp_path: Path) -> None:
    out, state = tmp_path / "o.jsonl", tmp_path / "s.json"
    failing_after(client, "orders", 3)
    with pytest.raises(MagentoError, match="connection lost"):
        pull(client, "orders", out, state, page_size=4, prefetch=prefetch)
    saved = load_state(state, "orders")
    assert saved is not None and not saved.complete and saved.output_bytes == out.stat().st_size > 0
    assert len(lines(out)) == 3 * 3  # the three pages fetched before the failing fourth, three written each
    del client.orders.search
    rerun = pull(client, "orders", out, state, page_size=4)
    written = [r["entity_id"] for r in lines(out)]
    assert sorted(written) == sorted(current(client, "orders"))
    assert rerun.recovered_bytes == 0  # the failing run had already cut back to its saved state


def test_lines_written_after_the_last_saved_state_are_cut_off_by_the_rerun(
        client: MagentoClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash between appending a page and saving the state (kill -9: no clean-up runs)."""
    out, state = tmp_path / "o.jsonl", tmp_path / "s.json"
    real_save = pull_module.save_state
    saves = 0

    def save_then_die(path: Any, st: Any, *, durable: bool = True) -> None:
        nonlocal saves
        saves += 1
        if saves == 3:  # the initial save, page one's, then page two's lines are on disk but not this
            raise KeyboardInterrupt
        real_save(path, st, durable=durable)

    monkeypatch.setattr(pull_module, "save_state", save_then_die)
    monkeypatch.setattr(pull_module, "cut_back", lambda *a: 0)  # the process dies before cleaning up
    with pytest.raises(KeyboardInterrupt):
        pull(client, "orders", out, state, page_size=4)
    monkeypatch.undo()
    saved = load_state(state, "orders")
    assert saved is not None and not saved.complete
    extra = out.stat().st_size - saved.output_bytes
    assert extra > 0
    rerun = pull(client, "orders", out, state, page_size=4)
    assert rerun.recovered_bytes == extra
    written = [r["entity_id"] for r in lines(out)]
    assert sorted(written) == sorted(current(client, "orders"))


def test_an_interrupted_run_on_another_output_still_cuts_its_own_output_back(
        client: MagentoClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = tmp_path / "s.json"
    monkeypatch.setattr(pull_module, "cut_back", lambda *a: 0)
    failing_after(client, "customers", 2)
    with pytest.raises(MagentoError):
        pull(client, "customers", tmp_path / "run1.jsonl", state, page_size=3)
    monkeypatch.undo()
    del client.customers.search
    saved = load_state(state, "customers")
    assert saved is not None
    pull(client, "customers", tmp_path / "run2.jsonl", state, page_size=3)
    assert (tmp_path / "run1.jsonl").stat().st_size == saved.output_bytes
    both = [r["id"] for name in ("run1", "run2") for r in lines(tmp_path / f"{name}.jsonl")]
    assert sorted(both) == sorted(current(client, "customers"))


# -- where a run starts ------------------------------------------------------------------------------
def test_the_config_watermark_seeds_a_pull_without_state(emulator: ThreadedServer, tmp_path: Path) -> None:
    with MagentoClient(emulator_config(emulator, orders_last_pull="2025-10-01 00:00:00")) as seeded:
        summary = pull(seeded, "orders", tmp_path / "o.jsonl", tmp_path / "s.json")
        everything = current(seeded, "orders")
    written = lines(tmp_path / "o.jsonl")
    assert summary.since == "2025-10-01 00:00:00"
    assert sorted(r["entity_id"] for r in written) == sorted(
        i for i, r in everything.items() if r["updated_at"] >= "2025-10-01 00:00:00")
    assert 0 < len(written) < len(everything)


def test_since_overrides_the_state_and_is_inclusive(client: MagentoClient, tmp_path: Path) -> None:
    out, state = tmp_path / "c.jsonl", tmp_path / "s.json"
    pull(client, "orders", out, state)
    everything = current(client, "orders")
    middle = sorted(r["updated_at"] for r in everything.values())[10]
    again = pull(client, "orders", out, state, since=middle.replace(" ", "T") + "Z")
    assert again.since == middle
    tail = lines(out)[-again.records:]
    assert sorted(r["entity_id"] for r in tail) == sorted(i for i, r in everything.items() if r["updated_at"] >= middle)


def test_a_state_file_of_another_entity_is_refused(client: MagentoClient, tmp_path: Path) -> None:
    pull(client, "customers", tmp_path / "c.jsonl", tmp_path / "s.json")
    with pytest.raises(PullError, match="holds the state of a 'customers' pull, not 'orders'"):
        pull(client, "orders", tmp_path / "o.jsonl", tmp_path / "s.json")


def test_a_second_pull_on_the_same_state_is_refused_while_one_runs(client: MagentoClient, tmp_path: Path) -> None:
    with locked(tmp_path / "s.json"), pytest.raises(PullError, match="another pull holds"):
        pull(client, "orders", tmp_path / "o.jsonl", tmp_path / "s.json")


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not JSON"), ('{"format": "other"}', "is not a pull state file"),
    ('{"format": "magento-connector-pull/1", "entity": "products"}', "holds the state of a 'products' pull")])
def test_a_state_file_that_cannot_be_read_is_refused(client: MagentoClient, tmp_path: Path, content: str,
                                                     message: str) -> None:
    (tmp_path / "s.json").write_text(content)
    with pytest.raises(PullError, match=message):
        pull(client, "orders", tmp_path / "o.jsonl", tmp_path / "s.json")


def test_the_state_is_replaced_whole_and_leaves_no_temporary_file(client: MagentoClient, tmp_path: Path) -> None:
    states: list[dict[str, Any]] = []

    def on_page(progress: PullProgress) -> None:
        states.append(json.loads((tmp_path / "s.json").read_text()))

    summary = pull(client, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_size=10, on_page=on_page)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o.jsonl", "s.json", "s.json.lock"]
    assert len(states) == summary.requests and all(not st["complete"] for st in states)
    assert [st["output_bytes"] for st in states] == sorted(st["output_bytes"] for st in states)
    final = json.loads((tmp_path / "s.json").read_text())
    assert final["complete"] and final["output_bytes"] == (tmp_path / "o.jsonl").stat().st_size
    assert final["watermark"] == summary.watermark and list(final["seen"]) == [summary.watermark]


@pytest.mark.parametrize("bad", [{"entity": "invoices"}, {"since": "yesterday"}, {"page_size": 0}, {"overlap": -1}])
def test_bad_arguments_are_refused_before_any_request(client: MagentoClient, tmp_path: Path,
                                                      bad: dict[str, Any]) -> None:
    asked = recorded(client, "orders")
    kwargs: dict[str, Any] = {"entity": "orders", **bad}
    with pytest.raises(PullError):
        pull(client, kwargs.pop("entity"), tmp_path / "o.jsonl", tmp_path / "s.json", **kwargs)
    assert asked == [] and not (tmp_path / "o.jsonl").exists()


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-04 05:06:07", "2025-03-04 05:06:07"), ("2025-03-04", "2025-03-04 00:00:00"),
    ("2025-03-04T05:06:07Z", "2025-03-04 05:06:07"), ("2025-03-04T07:06:07+02:00", "2025-03-04 05:06:07"),
    ("2025-03-04 05:06:07.999", "2025-03-04 05:06:07")])
def test_watermarks_are_utc_seconds(value: str, expected: str) -> None:
    assert stamp(value) == expected


# -- late commits ------------------------------------------------------------------------------------
def late_commit_scenario(emulator: ThreadedServer, client: MagentoClient, tmp_path: Path,
                         overlap: int) -> tuple[int, Callable[[], Any]]:
    """Customers at 7 and 10 pulled (watermark 10), then one stamped 8 that commits only now."""
    out, state = tmp_path / "c.jsonl", tmp_path / "s.json"
    freeze(emulator, at(7))
    new_customer(client, "a")
    freeze(emulator, at(10))
    new_customer(client, "b")
    pull(client, "customers", out, state, overlap=overlap)
    freeze(emulator, at(8))
    late = new_customer(client, "late")
    freeze(emulator, at(11))
    return late, lambda: pull(client, "customers", out, state, overlap=overlap)


def test_with_an_overlap_a_record_committed_late_is_found_and_nothing_else_repeats(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    late, rerun = late_commit_scenario(emulator, client, tmp_path, overlap=5)
    summary = rerun()
    assert summary.since == at(5) and summary.records == 1 and summary.skipped == 2
    assert lines(tmp_path / "c.jsonl")[-1]["id"] == late
    saved = load_state(tmp_path / "s.json", "customers")
    assert saved is not None and sorted(saved.seen) == [at(7), at(8), at(10)]


def test_without_an_overlap_a_record_committed_behind_the_watermark_is_not_seen(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    late, rerun = late_commit_scenario(emulator, client, tmp_path, overlap=0)
    summary = rerun()
    assert summary.since == at(10) and summary.records == 0
    assert late not in {r["id"] for r in lines(tmp_path / "c.jsonl")}


def test_a_larger_overlap_than_the_last_run_reads_back_only_as_far_as_the_kept_hashes(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    late, _ = late_commit_scenario(emulator, client, tmp_path, overlap=0)
    wider = pull(client, "customers", tmp_path / "c.jsonl", tmp_path / "s.json", overlap=5)
    assert wider.since == at(10) and wider.records == 0 and wider.skipped == 1
    freeze(emulator, at(12))
    new_customer(client, "c")
    freeze(emulator, at(14))
    new_customer(client, "d")
    widening = pull(client, "customers", tmp_path / "c.jsonl", tmp_path / "s.json", overlap=5)
    assert widening.since == at(10) and widening.records == 2
    saved = load_state(tmp_path / "s.json", "customers")
    assert saved is not None and saved.seen_from == at(10) and sorted(saved.seen) == [at(10), at(12), at(14)]
    ids = [r["id"] for r in lines(tmp_path / "c.jsonl")]
    assert len(ids) == len(set(ids)) and late not in ids
