"""Incremental pulls: the orders, customers or products changed since a watermark, as JSON lines.

Nothing is lost or written twice, whatever happens underway:

* **Keyset paging, never page numbers.** Every query asks for page 1 after a cursor: page numbers
  skip a row whenever a row before it moves out of the earlier pages (an update moves it to the
  end). Phase B reads ``updated_at gt <second>`` sorted by ``updated_at`` then ``entity_id``; from a
  full page it writes the records of every second but the page's last one (those seconds are
  complete: the sort puts all their records before it) and moves the cursor to the last written
  second, so the trailing second is read again by the next page. One request a page, not two.
  Only when a full page is a single second (a bulk save, an import) does phase A take that
  second alone: ``updated_at eq <second> AND entity_id gt <id>``, sorted by ``entity_id``, until
  it runs short; then phase B goes on after that second. Phase A needs only one sort order, so
  correctness never rests on the server honouring a second one.
* **The boundary second.** A record saved in the cursor's own second after the pull went past it
  would be missed forever by ``gt``. So the watermark kept is the second of the last record the
  pull went past, and the next run reads from that second again (``gteq``), skipping records whose
  (id, content hash) it already wrote there. A record changed again within the second has a new
  hash: it is written again, as the new version it is.
* **Late commits** (``overlap``). Magento's ``updated_at`` is the time of the UPDATE statement
  (sales/customer/catalog tables: ``ON UPDATE CURRENT_TIMESTAMP``; EntityAbstract::_beforeSave
  leaves it to MySQL), but the row is visible only at COMMIT; a long transaction (placing an order)
  can become visible after a later second was already pulled. ``overlap=N`` re-reads the N
  seconds before the watermark too, with their hashes kept in the state, so such a record is
  still found and nothing already written is repeated. The state says from which second its
  hashes are complete, so a run given a larger overlap than the last one re-reads no further back
  than that (it would write those records again) and widens the window as the watermark moves.
* **Interruption.** After each page the lines are appended, flushed and fsynced, then the state
  (watermark, hashes, the output's byte length) is saved atomically. A run that stops anywhere
  leaves ``complete: false``; the next one first cuts the output back to the saved length.
* **Streaming.** A page is written while the next one is fetched (its query depends only on the page
  in hand), so at most two pages are held and memory stays flat however many records there are.

Ids: every list is filtered and sorted by ``entity_id``. Measured on Magento 2.4.7-p3: ``id`` as a
filter or sort field is refused for customers and products (``The "%1" attribute name is
invalid.``) and is a masked 500 for orders; list items carry ``entity_id`` (orders) or ``id``
(customers, products). Dates are UTC ``YYYY-MM-DD HH:MM:SS`` as Magento stores and compares them.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from connector.errors import InputError, MalformedResponse, ServerError
from connector.operations.state import (
    PullError,
    PullState,
    cut_back,
    load_state,
    locked,
    save_state,
    shift,
    stamp,
)
from connector.search import SearchCriteria

__all__ = ["DEFAULT_PAGE_SIZE", "ENTITIES", "PullEntity", "PullError", "PullProgress", "PullSummary", "pull",
           "stamp"]

#: Magento's ceiling when webapi input limits are on (webapi/validation/maximum_page_size).
DEFAULT_PAGE_SIZE = 300
ID_FIELD = "entity_id"
MAX_PAGE_SIZE = "Maximum SearchCriteria pageSize is %max"
UPDATED_AT = "updated_at"


class Searchable(Protocol):
    def search(self, criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]: ...


@dataclass(frozen=True)
class PullEntity:
    name: str
    #: the client attribute holding the resource
    resource: str
    #: the id key of a list item (the filter and sort field is always ``entity_id``)
    key: str
    #: the ConnectorConfig watermark that seeds a pull without a state file
    watermark: str


ENTITIES: dict[str, PullEntity] = {
    "orders": PullEntity("orders", "orders", "entity_id", "orders_last_pull"),
    "customers": PullEntity("customers", "customers", "id", "customers_last_pull"),
    "products": PullEntity("products", "products", "id", "products_last_pull"),
}


@dataclass(frozen=True)
class PullProgress:
    """Handed to ``on_page`` after each page is written and the state saved."""

    entity: str
    records: int
    skipped: int
    requests: int
    watermark: str | None
    #: records still ahead after the last phase-B page, by its total_count (an estimate: a guide for a
    #: progress bar, records changing underway move it)
    remaining: int | None


@dataclass(frozen=True)
class PullSummary:
    entity: str
    output: Path
    state: Path
    #: the lower bound this run read from (``updated_at gteq since``), None for everything
    since: str | None
    #: where the next run starts; store it as the config's ``<entity>_last_pull`` if you keep one
    watermark: str | None
    records: int
    skipped: int
    requests: int
    bytes_written: int
    #: bytes cut from the output of an interrupted run before this one began
    recovered_bytes: int


def pull(client: Any, entity: str, out: str | Path, state_path: str | Path, *, since: str | None = None,
         page_size: int = DEFAULT_PAGE_SIZE, overlap: int = 0, store: str | None = None,
         on_page: Callable[[PullProgress], None] | None = None, durable: bool = True,
         prefetch: bool = True, page_retries: int = 3) -> PullSummary:
    """Append the ``entity`` records changed since the watermark to ``out`` (JSON lines, one record
    each, Magento's own fields) and keep the watermark in ``state_path``.

    Where the run starts: ``since`` if given (inclusive; the state's hashes are dropped), else the
    state file's watermark (re-read with its hashes, ``overlap`` seconds earlier), else the client
    config's ``<entity>_last_pull``, else the beginning. ``durable=False`` skips the fsyncs;
    ``prefetch`` asks for the next page (one request in flight at most) while a page is written, so
    ``on_page`` (called in this thread after each page's lines and state are on disk) must not use
    the client. A page answered with Magento's masked 500 is asked again up to ``page_retries``
    times with the transport's backoff (the transport already retries 429, 502-504, dropped
    connections and bodies cut short). Raises PullError for bad arguments or state, and Magento's
    errors as they come; an interrupted run leaves the output as its state file describes it, and
    the next run goes on from there.
    """
    spec = entity_spec(entity)
    if page_size < 1:
        raise PullError("page_size must be at least 1")
    if overlap < 0:
        raise PullError("overlap cannot be negative")
    if page_retries < 0:
        raise PullError("page_retries cannot be negative")
    resource: Searchable = getattr(client, spec.resource)
    output, state_file = Path(out).resolve(), Path(state_path).resolve()
    with locked(state_file):
        state = load_state(state_file, spec.name)
        recovered = 0
        if state is not None and not state.complete and state.output:
            # The last run stopped after writing lines it never recorded: cut them off.
            recovered = cut_back(state.output, state.output_bytes)
        lower, complete_from = _start(spec, state, since, overlap, getattr(client, "config", None))
        if state is None or since is not None:
            state = PullState(spec.name, watermark=lower, seen_from=lower)
        run = _Run(spec, resource, state, state_file, output, page_size, overlap, complete_from, store, on_page,
                   durable, prefetch)
        run.page_retries, run.retry = page_retries, getattr(getattr(client, "transport", None), "retry", None)
        run.walk(lower)
        return PullSummary(spec.name, output, state_file, lower, state.watermark, run.records, run.skipped,
                           run.requests, run.bytes_written, recovered)


def entity_spec(entity: str) -> PullEntity:
    try:
        return ENTITIES[entity]
    except KeyError:
        raise PullError(f"cannot pull {entity!r}: choose one of {', '.join(ENTITIES)}") from None


def _start(spec: PullEntity, state: PullState | None, since: str | None, overlap: int,
           config: Any) -> tuple[str | None, str | None]:
    """(the lower bound to read from, the second from which the run's ``seen`` will be complete)."""
    if since is not None:
        return stamp(since), stamp(since)
    if state is not None and state.watermark:
        known = state.seen_from or state.watermark
        # never further back than the hashes reach: what was written before would be written again
        return max(shift(state.watermark, -overlap), known), known
    seed = getattr(config, spec.watermark, None)
    return (stamp(seed), stamp(seed)) if seed else (None, None)


@dataclass(frozen=True)
class _Step:
    #: "B": ``updated_at <condition> second`` by (updated_at, id); "A": one second, by id after ``after``
    phase: str
    second: str | None
    condition: str
    after: int | None = None


class _Run:
    def __init__(self, spec: PullEntity, resource: Searchable, state: PullState, state_file: Path, output: Path,
                 page_size: int, overlap: int, complete_from: str | None, store: str | None,
                 on_page: Callable[[PullProgress], None] | None, durable: bool, prefetch: bool) -> None:
        self.spec, self.resource, self.state, self.state_file = spec, resource, state, state_file
        self.output, self.page_size, self.overlap, self.store = output, page_size, overlap, store
        self.complete_from = complete_from
        self.on_page, self.durable, self.prefetch = on_page, durable, prefetch
        self.records = self.skipped = self.requests = self.bytes_written = 0
        self.remaining: int | None = None
        self.handle: BinaryIO | None = None
        self.saved_bytes = 0  # the output length the state file on disk records
        self.page_retries = 0
        self.retry: Any = None  # the client's RetryPolicy: its backoff and sleep between page retries

    # -- the walk ------------------------------------------------------------------------------------
    def walk(self, lower: str | None) -> None:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        with open(self.output, "ab") as handle:
            self.handle = handle
            self.state.output, self.state.output_bytes = str(self.output), handle.seek(0, os.SEEK_END)
            self.state.complete = False
            self._save()  # before any line: a crash in the first page can be cut back too
            try:
                self._phases(lower)
            except BaseException:
                # Leave the output as the saved state describes it (the next run would cut it anyway).
                handle.flush()
                cut_back(self.output, self.saved_bytes)
                raise
            self.state.complete = True
            self._save()

    def _phases(self, lower: str | None) -> None:
        """Fetch a page, decide from it alone what to write and what to ask next, ask for that (in the
        background when ``prefetch``: the server works on it while this page is written), write."""
        step: _Step | None = _Step("B", lower, "gteq")  # the start is inclusive: the boundary second again
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pull-prefetch") as pool:
            pending = self._ask(pool, step) if step else None
            while step is not None and pending is not None:
                items, total = pending.result()
                self.requests += 1
                write, step = self._decide(step, items, total)
                pending = self._ask(pool, step) if step else None
                if write:
                    self._write(write)

    def _ask(self, pool: ThreadPoolExecutor, step: _Step) -> Future[tuple[list[dict[str, Any]], int]]:
        criteria = SearchCriteria()
        if step.phase == "B":
            if step.second is not None:
                criteria = criteria.where(UPDATED_AT, step.second, step.condition)
            criteria = criteria.order_by(UPDATED_AT).order_by(ID_FIELD)
        else:
            criteria = criteria.where(UPDATED_AT, step.second)
            if step.after is not None:
                criteria = criteria.where(ID_FIELD, step.after, "gt")
            criteria = criteria.order_by(ID_FIELD)  # one sort order: nothing rests on a second one
        criteria = criteria.page(self.page_size, 1)
        if self.prefetch:
            return pool.submit(self._fetch, criteria)
        done: Future[tuple[list[dict[str, Any]], int]] = Future()
        try:
            done.set_result(self._fetch(criteria))
        except Exception as exc:  # noqa: BLE001 - handed over exactly as the pool would
            done.set_exception(exc)
        return done

    def _decide(self, step: _Step, items: list[dict[str, Any]],
                total: int) -> tuple[list[dict[str, Any]], _Step | None]:
        """(the records to write from this page, the next step or None at the end)."""
        # More may follow when the page is as long as asked, or when total_count says so: a server (a
        # plugin, a proxy) that caps pageSize silently answers short pages that are not the end.
        more = bool(items) and (len(items) >= self.page_size or total > len(items))
        if step.phase == "A":
            assert step.second is not None
            if self.remaining is not None:
                self.remaining = max(0, self.remaining - len(items))
            if not more:  # the second is done: phase B after it
                return items, _Step("B", step.second, "gt")
            return items, _Step("A", step.second, "eq", _ident(items[-1], self.spec))
        if not more:  # everything after the cursor, as of this query
            self.remaining = 0
            return items, None
        last = _second(items[-1], self.spec)
        cut = _first_of_second(items, last, self.spec)
        if cut > 0:  # the seconds before the page's last are complete; the last is read again
            self.remaining = max(0, total - cut)
            return items[:cut], _Step("B", _second(items[cut - 1], self.spec), "gt")
        # A full page of one second: take that second alone, by id, from its start.
        self.remaining = max(0, total)
        return [], _Step("A", last, "eq")

    # -- one page ------------------------------------------------------------------------------------
    def _search(self, criteria: SearchCriteria) -> dict[str, Any]:
        attempt = 0
        while True:
            try:
                return self.resource.search(criteria, store=self.store)
            except ServerError as exc:
                # A masked 500 on a query this pull builds is a failure of the moment (a lock wait or a
                # deadlock that Magento rolled back and masked: Fw/Webapi/ErrorProcessor::maskException);
                # 502-504 were retried by the transport already.
                if exc.status != 500 or attempt >= self.page_retries:
                    raise
                if self.retry is not None:
                    self.retry.sleep(self.retry.backoff(attempt))
                attempt += 1

    def _fetch(self, criteria: SearchCriteria) -> tuple[list[dict[str, Any]], int]:
        try:
            body = self._search(criteria)
        except InputError as exc:
            # Webapi input limits on (webapi/validation/input_limit_enabled) with a maximum below ours:
            # Fw/Webapi/Validator/SearchCriteriaValidator refuses the call; go on at its maximum.
            limit = _page_size_limit(exc)
            if limit is None or limit >= (criteria.page_size or 0):
                raise
            self.page_size = limit
            body = self._search(replace(criteria, page_size=limit))
        items = body.get("items") or []  # Magento answers "items": null under a fields filter
        if not isinstance(items, list):
            raise MalformedResponse(f"items is not a list: {type(items).__name__}")
        return items, int(body.get("total_count") or 0)

    def _write(self, items: Sequence[Mapping[str, Any]]) -> None:
        assert self.handle is not None
        lines: list[bytes] = []
        for item in items:
            line = json.dumps(item, sort_keys=True, separators=(",", ":")).encode()
            digest = hashlib.blake2b(line, digest_size=8).hexdigest()
            second, ident = _second(item, self.spec), str(_ident(item, self.spec))
            if self.state.is_seen(second, ident, digest):
                self.skipped += 1
            else:
                lines.append(line + b"\n")
            self.state.mark(second, ident, digest)
        if lines:
            data = b"".join(lines)
            self.handle.write(data)
            self.handle.flush()
            if self.durable:
                os.fsync(self.handle.fileno())
            self.records += len(lines)
            self.bytes_written += len(data)
            self.state.output_bytes += len(data)
        self.state.prune(self.overlap, self.complete_from)
        self._save()
        if self.on_page is not None:
            self.on_page(PullProgress(self.spec.name, self.records, self.skipped, self.requests,
                                      self.state.watermark, self.remaining))

    def _save(self) -> None:
        save_state(self.state_file, self.state, durable=self.durable)
        self.saved_bytes = self.state.output_bytes


def _second(item: Mapping[str, Any], spec: PullEntity) -> str:
    value = item.get(UPDATED_AT)
    if not isinstance(value, str) or not value:
        raise MalformedResponse(f"a {spec.name} record without updated_at: {_ident(item, spec)!r}")
    return value


def _ident(item: Mapping[str, Any], spec: PullEntity) -> int:
    value = item.get(spec.key)
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise MalformedResponse(f"a {spec.name} record without a numeric {spec.key}: {value!r}") from None


def _page_size_limit(exc: InputError) -> int | None:
    if exc.template != MAX_PAGE_SIZE or not isinstance(exc.parameters, dict):
        return None
    try:
        limit = int(exc.parameters.get("max"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return limit if limit >= 1 else None


def _first_of_second(items: Sequence[Mapping[str, Any]], second: str, spec: PullEntity) -> int:
    """Index of the first item of the page's last second (items are sorted by updated_at)."""
    index = len(items)
    while index > 0 and _second(items[index - 1], spec) == second:
        index -= 1
    return index
