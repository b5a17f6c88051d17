"""Incremental pulls against the emulator over a real socket: each record once per version, across
shared seconds, changes while paging, interrupted runs and late commits; one page held at a time.

The emulator's clock is frozen (``/_fake/clock``) so that many records share one second.
"""
from __future__ import annotations

import gc
import json
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from connector.client import MagentoClient
from connector.errors import MagentoError
from connector.operations import pull as pull_module
from connector.operations.pull import ENTITIES, PullError, PullProgress, pull
from connector.operations.state import load_state, locked, shift, stamp
from connector.search import SearchCriteria
from fake_magento import ThreadedServer
from tests.connector.conftest import control, emulator_config, start_emulator

# After every seeded date: records written from here on sort after the seeded ones.
S = "2027-06-01 12:00:00"


def at(offset: int) -> str:
    return shift(S, offset)


@pytest.fixture(scope="module")
def client(emulator: ThreadedServer) -> Iterator[MagentoClient]:
    with MagentoClient(emulator_config(emulator)) as magento:
        yield magento


@pytest.fixture(autouse=True)
def fresh(emulator: ThreadedServer) -> Iterator[None]:
    control(emulator, "reset")
    yield
    control(emulator, "reset")


def freeze(server: ThreadedServer, second: str) -> None:
    # Unfreeze first: {"set", "freeze": true} on a clock already frozen re-freezes it at the wall
    # clock plus the old offset (Clock.freeze ignores the frozen time just set).
    control(server, "clock", {"freeze": False})
    control(server, "clock", {"set": second, "freeze": True})


def lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def ident(entity: str, record: dict[str, Any]) -> int:
    return int(record[ENTITIES[entity].key])


def current(client: MagentoClient, entity: str, page_size: int = 100) -> dict[int, dict[str, Any]]:
    """Every record as the list route answers it now, by id (through a fresh resource: a test's
    wrapped search is not asked)."""
    wrapped = getattr(client, ENTITIES[entity].resource)
    resource = type(wrapped)(wrapped.requestor)
    return {ident(entity, r): r for r in resource.iter_raw(SearchCriteria().order_by("entity_id"), page_size=page_size)}


def recorded(client: MagentoClient, entity: str) -> list[SearchCriteria]:
    """Wrap the resource's search to record every criteria it is asked (and still answer it)."""
    resource = getattr(client, ENTITIES[entity].resource)
    original = resource.search
    seen: list[SearchCriteria] = []

    def search(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        assert criteria is not None
        seen.append(criteria)
        return original(criteria, store=store)

    resource.search = search
    return seen


@pytest.fixture(autouse=True)
def unwrap(client: MagentoClient) -> Iterator[None]:
    yield
    for entity in ENTITIES:
        getattr(client, ENTITIES[entity].resource).__dict__.pop("search", None)


def new_customer(client: MagentoClient, n: int | str) -> int:
    return client.customers.create({"email": f"pull-{n}@example.com", "firstname": "Pull", "lastname": f"N{n}",
                                    "website_id": 1, "group_id": 1}).id


def save_product(client: MagentoClient, sku: str, price: float) -> int:
    return int(client.products.save({"sku": sku, "name": sku, "price": price, "attribute_set_id": 4,
                                     "type_id": "simple", "status": 1, "visibility": 4})["id"])


# -- a whole pull ----------------------------------------------------------------------------------
@pytest.mark.parametrize("prefetch", [True, False], ids=["prefetch", "serial"])
@pytest.mark.parametrize("entity", list(ENTITIES))
def test_a_first_pull_writes_every_record_once_as_the_list_route_answers_it(
        client: MagentoClient, entity: str, prefetch: bool, tmp_path: Path) -> None:
    asked = recorded(client, entity)
    summary = pull(client, entity, tmp_path / "out.jsonl", tmp_path / "state.json", page_size=4,
                   prefetch=prefetch)
    written = lines(tmp_path / "out.jsonl")
    now = current(client, entity)
    assert sorted(ident(entity, r) for r in written) == sorted(now)
    assert {ident(entity, r): r for r in written} == now
    assert summary.records == len(now) and summary.since is None
    assert summary.watermark == max(r["updated_at"] for r in now.values())
    # keyset paging: never a page number past 1
    assert asked and all(c.current_page == 1 and c.page_size == 4 for c in asked)
    assert summary.requests == len(asked)


def test_records_are_written_in_updated_at_order_and_each_full_page_costs_one_request(
        client: MagentoClient, tmp_path: Path) -> None:
    asked = recorded(client, "orders")
    summary = pull(client, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_size=5)
    written = lines(tmp_path / "o.jsonl")
    keys = [(r["updated_at"], r["entity_id"]) for r in written]
    assert keys == sorted(keys)
    # seeded orders have distinct seconds: a full page keeps all but its last record (re-read next)
    assert len({r["updated_at"] for r in written}) == len(written)
    expected, left = 1, len(written)
    while left >= 5:  # a full page: four written, its last record read again by the next page
        expected, left = expected + 1, left - 4
    assert summary.requests == expected
    assert all(len(c.filter_groups) <= 1 for c in asked)  # phase A never needed


def test_a_rerun_without_changes_writes_nothing_and_keeps_the_watermark(
        client: MagentoClient, tmp_path: Path) -> None:
    out, state = tmp_path / "o.jsonl", tmp_path / "s.json"
    first = pull(client, "products", out, state, page_size=10)
    size = out.stat().st_size
    second = pull(client, "products", out, state, page_size=10)
    assert second.records == 0 and second.skipped >= 1  # the boundary second, read again
    assert second.watermark == first.watermark == second.since
    assert out.stat().st_size == size
    saved = load_state(state, "products")
    assert saved is not None and saved.complete and saved.output_bytes == size


# -- the watermark's second --------------------------------------------------------------------------
def test_records_sharing_the_watermark_second_are_each_written_once(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    out, state = tmp_path / "c.jsonl", tmp_path / "s.json"
    freeze(emulator, at(0))
    first_ids = [new_customer(client, n) for n in range(3)]
    pull(client, "customers", out, state, page_size=2)
    # more records in the same second, and one of the first three saved again (a new version)
    later_ids = [new_customer(client, n) for n in range(3, 5)]
    changed = client.customers.get(first_ids[1])
    client.customers.save(first_ids[1], {"id": first_ids[1], "email": changed.email, "firstname": "Pull",
                                         "lastname": "Changed", "website_id": 1, "group_id": 1})
    second = pull(client, "customers", out, state, page_size=2)
    assert second.since == at(0) == second.watermark
    tail = lines(out)[-second.records:]
    assert sorted(r["id"] for r in tail) == sorted([*later_ids, first_ids[1]])
    assert next(r for r in tail if r["id"] == first_ids[1])["lastname"] == "Changed"
    # and a third run finds nothing new in that second
    assert pull(client, "customers", out, state, page_size=2).records == 0
    assert {r["id"]: r for r in lines(out)} == current(client, "customers")


def test_a_full_page_of_one_second_is_read_by_id_then_paging_goes_on_after_that_second(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    freeze(emulator, at(0))
    ids = [save_product(client, f"pull-same-{n}", 10 + n) for n in range(7)]
    control(emulator, "clock", {"advance": 1})
    after = save_product(client, "pull-after", 1)
    asked = recorded(client, "products")
    summary = pull(client, "products", tmp_path / "p.jsonl", tmp_path / "s.json", since=at(0), page_size=3)
    assert [r["id"] for r in lines(tmp_path / "p.jsonl")] == [*ids, after]
    assert summary.watermark == at(1)

    def shape(c: SearchCriteria) -> list[tuple[str, str, str]]:
        return [(f.field, f.value, f.condition_type) for group in c.filter_groups for f in group]

    assert [shape(c) for c in asked] == [
        [("updated_at", at(0), "gteq")],                              # phase B: a full page, all one second
        [("updated_at", at(0), "eq")],                                # phase A by id
        [("updated_at", at(0), "eq"), ("entity_id", str(ids[2]), "gt")],
        [("updated_at", at(0), "eq"), ("entity_id", str(ids[5]), "gt")],  # short: the second is done
        [("updated_at", at(0), "gt")],                                # phase B after it: short, the end
    ]
    assert [(s.field, s.direction) for s in asked[0].sort_orders] == [("updated_at", "ASC"), ("entity_id", "ASC")]
    assert [(s.field, s.direction) for s in asked[1].sort_orders] == [("entity_id", "ASC")]


def test_a_server_capping_the_page_size_is_paged_on_by_its_total_count(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    """Pages shorter than asked are not the end while total_count says more match (a Magento with
    webapi input limits caps pageSize); a second shared by more records than a page included."""
    freeze(emulator, at(0))
    for n in range(5):
        save_product(client, f"pull-cap-{n}", n + 1)
    original = client.products.search

    def capped(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        body = original(criteria, store=store)
        return {**body, "items": body["items"][:2]}

    client.products.search = capped  # type: ignore[method-assign]
    summary = pull(client, "products", tmp_path / "p.jsonl", tmp_path / "s.json", page_size=50)
    written = [r["id"] for r in lines(tmp_path / "p.jsonl")]
    assert sorted(written) == sorted(current(client, "products")) and len(written) == len(set(written))
    assert summary.records == len(written)


def test_a_store_with_a_lower_maximum_page_size_is_paged_at_its_maximum(tmp_path: Path) -> None:
    """webapi/validation/input_limit_enabled with maximum_page_size 5: 'Maximum SearchCriteria pageSize
    is %max' for pageSize 300 (SearchCriteriaValidator); the pull goes on at 5."""
    server = start_emulator(input_limits_enabled=True, max_page_size=5)
    try:
        with MagentoClient(emulator_config(server)) as limited:
            asked = recorded(limited, "orders")
            summary = pull(limited, "orders", tmp_path / "o.jsonl", tmp_path / "s.json")
            everything = current(limited, "orders", page_size=5)
    finally:
        server.stop()
    assert [c.page_size for c in asked[:2]] == [300, 5] and {c.page_size for c in asked[2:]} == {5}
    assert sorted(r["entity_id"] for r in lines(tmp_path / "o.jsonl")) == sorted(everything)
    assert summary.requests == len(asked) - 1  # the refused call is not a page


# -- changes while paging ----------------------------------------------------------------------------
def test_records_changed_while_paging_are_neither_lost_nor_written_twice_in_one_version(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    freeze(emulator, at(0))
    before = current(client, "orders")
    order = sorted(before, key=lambda i: (before[i]["updated_at"], i))
    holdable = [i for i in order if before[i]["status"] in ("pending", "processing")]
    passed, ahead = holdable[0], holdable[-1]
    assert order.index(ahead) - order.index(passed) > 8  # more than two pages apart
    original = client.orders.search
    changed = False

    def search(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        nonlocal changed
        body = original(criteria, store=store)
        if not changed and passed in {i["entity_id"] for i in body["items"]}:
            # an order being written moves to the end (page numbers would now skip the row after
            # it), and one not reached yet changes too
            changed = client.orders.hold(passed) and client.orders.hold(ahead)
        return body

    client.orders.search = search  # type: ignore[method-assign]
    summary = pull(client, "orders", tmp_path / "o.jsonl", tmp_path / "s.json", page_size=4)
    assert changed
    written = lines(tmp_path / "o.jsonl")
    now = current(client, "orders")
    counts = {i: sum(1 for r in written if r["entity_id"] == i) for i in now}
    assert counts[passed] == 2 and counts[ahead] == 1
    assert all(n == 1 for i, n in counts.items() if i not in (passed, ahead))
    versions = [r["status"] for r in written if r["entity_id"] == passed]
    assert versions == [before[passed]["status"], "holded"]
    assert {r["entity_id"]: r for r in written} == now
    assert summary.watermark == at(0)


def test_a_record_changed_in_the_cursor_second_after_the_pull_passed_it_comes_with_the_next_run(
        emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    freeze(emulator, at(0))
    ids = [save_product(client, f"pull-sec-{n}", 10) for n in range(5)]
    out, state = tmp_path / "p.jsonl", tmp_path / "s.json"
    original = client.products.search
    calls = 0

    def search(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        nonlocal calls
        calls += 1
        body = original(criteria, store=store)
        if calls == 3:  # phase A went past ids[0..1]: change ids[0] in the same second
            save_product(client, "pull-sec-0", 99)
        return body

    client.products.search = search  # type: ignore[method-assign]
    pull(client, "products", out, state, since=at(0), page_size=2)
    del client.products.search
    assert [r["id"] for r in lines(out)] == ids
    rerun = pull(client, "products", out, state, page_size=2)
    assert rerun.records == 1 and rerun.skipped == 4
    assert lines(out)[-1]["id"] == ids[0] and lines(out)[-1]["price"] == 99
    assert {r["id"]: r for r in lines(out)} == {i: r for i, r in current(client, "products").items() if i in ids}


# -- interruption ------------------------------------------------------------------------------------
def failing_after(client: MagentoClient, entity: str, calls: int) -> None:
    resource = getattr(client, ENTITIES[entity].resource)
    original = resource.search
    made = 0

    def search(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        nonlocal made
        made += 1
        if made > calls:
            raise MagentoError("connection lost")
        return original(criteria, store=store)

    resource.search = search


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


# -- streaming ---------------------------------------------------------------------------------------
class Tracked(dict):  # type: ignore[type-arg]
    """A dict that a weak reference can follow (plain dicts cannot be weakly referenced)."""


def test_a_pull_holds_one_page_at_a_time(emulator: ThreadedServer, client: MagentoClient, tmp_path: Path) -> None:
    freeze(emulator, at(0))
    for n in range(12):  # one second holding more than a page, to go through phase A too
        save_product(client, f"pull-mem-{n}", n + 1)
    original = client.products.search
    refs: list[weakref.ref[Tracked]] = []
    alive: list[int] = []

    def search(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        body = original(criteria, store=store)
        body["items"] = [Tracked(i) for i in body.get("items") or []]
        refs.extend(weakref.ref(i) for i in body["items"])
        return body

    def on_page(progress: PullProgress) -> None:
        gc.collect()
        alive.append(sum(1 for r in refs if r() is not None))

    client.products.search = search  # type: ignore[method-assign]
    summary = pull(client, "products", tmp_path / "p.jsonl", tmp_path / "s.json", page_size=4, on_page=on_page)
    assert summary.records == len(current(client, "products")) > 40
    assert len(refs) > summary.records and len(alive) > 10
    # the page being written and the next one, fetched meanwhile
    assert max(alive) <= 2 * 4


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


# -- a real Magento (MAGENTO_URL ...; skipped otherwise) -------------------------------------------
@pytest.mark.sandbox
@pytest.mark.parametrize("entity", list(ENTITIES))
def test_sandbox_pull_and_rerun_lose_nothing(sandbox_config: Any, entity: str, tmp_path: Path) -> None:
    """Others may write to the sandbox meanwhile, so the check is: every record the list route shows
    below the final watermark was written, its current version last; a record written twice was
    written as two versions; paging is keyset only."""
    out, state = tmp_path / f"{entity}.jsonl", tmp_path / "state.json"
    with MagentoClient(sandbox_config) as magento:
        asked = recorded(magento, entity)
        first = pull(magento, entity, out, state, page_size=2)
        second = pull(magento, entity, out, state, page_size=2)
        listing = current(magento, entity)
    written = lines(out)
    assert second.since == first.watermark and first.records == len(written) - second.records
    assert asked and all(c.current_page == 1 and c.page_size == 2 for c in asked)
    versions = [(ident(entity, r), json.dumps(r, sort_keys=True)) for r in written]
    assert len(versions) == len(set(versions))
    last = {ident(entity, r): r for r in written}
    settled = {i: r for i, r in listing.items() if second.watermark and r["updated_at"] < second.watermark}
    assert settled and all(last.get(i) == r for i, r in settled.items())


@pytest.mark.sandbox
def test_sandbox_a_second_shared_by_more_than_a_page_is_read_by_id(sandbox_config: Any, tmp_path: Path) -> None:
    """Products saved at once (their own prefix, deleted after) share a second; a pull of that second
    with pages of two goes through phase A, by id, on the real server."""
    from concurrent.futures import ThreadPoolExecutor
    from uuid import uuid4

    prefix = f"pull-{uuid4().hex[:8]}"

    def save(n: int) -> dict[str, Any]:
        with MagentoClient(sandbox_config) as own:
            saved: dict[str, Any] = own.products.save({"sku": f"{prefix}-{n}", "name": f"{prefix} {n}", "price": n + 1,
                                                       "attribute_set_id": 4, "type_id": "simple", "status": 1,
                                                       "visibility": 1})
            return saved

    with ThreadPoolExecutor(4) as pool:
        saved = list(pool.map(save, range(6)))
    try:
        seconds: dict[str, list[int]] = {}
        for product in saved:
            seconds.setdefault(product["updated_at"], []).append(int(product["id"]))
        busiest, ids = max(seconds.items(), key=lambda kv: len(kv[1]))
        if len(ids) < 3:
            pytest.skip("the six saves did not put three products in one second")
        with MagentoClient(sandbox_config) as magento:
            asked = recorded(magento, "products")
            pull(magento, "products", tmp_path / "p.jsonl", tmp_path / "s.json", since=busiest, page_size=2)
        written = [r["id"] for r in lines(tmp_path / "p.jsonl") if r["sku"].startswith(prefix)]
        assert written[:len(ids)] == sorted(ids)
        assert any(f.condition_type == "eq" and f.field == "updated_at" for c in asked for g in c.filter_groups
                   for f in g)
    finally:
        with MagentoClient(sandbox_config) as magento:
            for product in saved:
                magento.products.delete(product["sku"])
