"""The pytest plugin (entry point ``pytest11``): options, the ``target`` fixture, deviations, recording.

Inert unless a test asks for ``target``: the plugin is loaded by every pytest run in an environment
where the project is installed, so it registers options and fixtures and does nothing else.
"""
from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import requests

from contracts.client import Exchange
from contracts.deviations import DEVIATIONS, Deviation, Deviations
from contracts.recording import Recorder
from contracts.schema import CONTRACT, Contract, Violation
from contracts.target import InProcessEmulator, Target, remote_target, resolve

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class SchemaViolation(AssertionError):
    """A response that the OpenAPI contract does not allow."""


@dataclass
class Observed:
    deviation: Deviation
    context: str


@dataclass
class KitState:
    config: pytest.Config
    target: Target | None = None
    emulator: InProcessEmulator | None = None
    recorder: Recorder | None = None
    contract: Contract | None = None
    deviations: Deviations = field(default_factory=Deviations)
    violations: list[Violation] = field(default_factory=list)
    observed: list[Observed] = field(default_factory=list)
    context: str = "session"
    outcomes: dict[str, int] = field(default_factory=dict)

    def option(self, name: str) -> Any:
        return self.config.getoption(name)

    def start(self) -> Target:
        creds = resolve(self.option("magento_url"), self.option("magento_credentials"))
        if creds is None:
            self.emulator = InProcessEmulator(profile=self.option("contracts_profile"))
            target = self.emulator.target()
        else:
            target = remote_target(creds, self.option("magento_version"))
        if self.option("magento_version"):
            target.version = self.option("magento_version")
        target.prefix = self.option("contracts_prefix") or "ctk" + secrets.token_hex(4)
        self.contract = Contract.load(Path(self.option("contracts_contract")))
        self.deviations = Deviations.load(self.option("contracts_deviations"))
        target.observers.append(self.validate)
        if self.option("contracts_record"):
            self.recorder = Recorder(target.prefix, target.url, {"kind": target.kind, "version": target.version},
                                     aliases=target.aliases)
            target.observers.append(self.recorder)
        self.target = target
        return target

    def set_context(self, context: str, recorded: bool = True) -> None:
        self.context = context
        if self.recorder is not None:
            self.recorder.context = context
            self.recorder.paused = not recorded

    def canonicalise(self, exchange: Exchange) -> None:
        """Name the operation as the contract does (``{productSku}`` where a scenario wrote ``{sku}``)."""
        assert self.contract is not None
        found = self.contract.find(exchange.method, exchange.template)
        if found is None or found[0] == exchange.template:
            return
        ours, theirs = PLACEHOLDER.findall(exchange.template), PLACEHOLDER.findall(found[0])
        exchange.path_values = {new: exchange.path_values[old] for old, new in zip(ours, theirs, strict=True)
                                if old in exchange.path_values}
        exchange.template = found[0]

    def validate(self, exchange: Exchange) -> None:
        """Check the response against the contract; a violation no listed deviation explains fails
        the scenario (``fields`` trims answers, so ``required`` is not checked then)."""
        assert self.contract is not None and self.target is not None
        self.canonicalise(exchange)
        trimmed = any(key == "fields" for key, _ in exchange.query)
        found = self.contract.validate(exchange.method, exchange.template, exchange.status, exchange.body,
                                       check_required=not trimmed)
        unexplained = []
        for violation in found:
            explained = [d for d in self.deviations if d.applies_to(self.target.kind, self.target.version)
                         and d.covers("schema", violation.where, self.context, violation.operation)]
            if explained:
                self.observed.extend(Observed(d, self.context) for d in explained)
            else:
                unexplained.append(violation)
        self.violations.extend(unexplained)
        if unexplained and self.context != "cleanup" and not self.option("contracts_schema_report_only"):
            raise SchemaViolation("response outside the contract: " + "; ".join(map(str, unexplained))
                                  + f"\n{exchange!r}")

    def observe_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        """A requests response hook: what another client (the connector) receives is validated and
        recorded like the kit's own exchanges."""
        assert self.contract is not None and self.target is not None
        exchange = exchange_from_response(response, self.contract)
        if exchange is not None:
            for observe in self.target.observers:
                observe(exchange)

    def observed_session(self) -> requests.Session:
        session = requests.Session()
        session.hooks["response"].append(self.observe_response)
        return session

    def finish(self) -> None:
        if self.target is None:
            return
        if not self.option("contracts_keep"):
            self.set_context("cleanup")
            self.target.ledger.clean()
        if self.recorder is not None:
            recording = self.recorder.recording()
            recording.meta["prefix"] = "<prefix>"
            recording.save(self.option("contracts_record"))
        self.target.close()
        if self.emulator is not None:
            self.emulator.stop()

    def summary(self) -> dict[str, Any]:
        target = self.target
        deviations = sorted({o.deviation.id for o in self.observed})
        return {
            "target": target.label if target else None,
            "kind": target.kind if target else None,
            "version": target.version if target else None,
            "prefix": target.prefix if target else None,
            "outcomes": dict(self.outcomes),
            "deviations": deviations,
            "deviation_count": len(deviations),
            "schema_violations": [str(v) for v in self.violations],
            "cleanup": target.ledger.summary() if target else None,
        }


KIT = pytest.StashKey[KitState]()
_REST_PATH = re.compile(r"^/rest(?:/(?!V1/)([^/]+))?(/V1/.*)$")


def exchange_from_response(response: requests.Response, contract: Contract) -> Exchange | None:
    """The Exchange of a response another client received, named after the contract's operation."""
    request = response.request
    parts = urlsplit(request.url or "")
    match = _REST_PATH.match(parts.path)
    if match is None:
        return None
    store, path = match.group(1), match.group(2)
    method = (request.method or "GET").upper()
    template = contract.match(method, path) or path
    values = {name.strip("{}"): unquote(seg) for name, seg in zip(template.split("/"), path.split("/"), strict=False)
              if name.startswith("{")}
    try:
        body: Any = response.json()
    except ValueError:
        body = response.text
    sent = request.body.decode() if isinstance(request.body, bytes) else request.body
    if not isinstance(sent, str | None):
        sent = None  # a streamed body: not recorded
    try:
        request_body = json.loads(sent) if sent else None
    except ValueError:
        request_body = sent
    return Exchange(method=method, template=template, path=parts.path, store=unquote(store) if store else None,
                    query=[(unquote(k), unquote(v)) for k, _, v in (p.partition("=") for p in parts.query.split("&") if p)],
                    request_body=request_body, status=response.status_code, body=body,
                    headers=dict(response.headers), auth="connector", path_values=values)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("magento-contracts", "Magento contract kit (contracts/)")
    group.addoption("--magento-url", default=None,
                    help="Base URL of the Magento (or emulator) to run the scenarios against; env MAGENTO_URL. "
                         "Default: the emulator in-process.")
    group.addoption("--magento-credentials", default=None, metavar="FILE",
                    help="JSON credentials in the shape of `fake-magento credentials --json` / "
                         "`magento-sandbox credentials --json`; env MAGENTO_CREDENTIALS.")
    group.addoption("--magento-version", default=None,
                    help="The target's Magento version (e.g. 2.4.7-p3), for deviations; env MAGENTO_VERSION.")
    group.addoption("--contracts-record", default=None, metavar="FILE",
                    help="Write the run's normalised interactions to FILE.")
    group.addoption("--contracts-deviations", default=str(DEVIATIONS), metavar="FILE",
                    help="Known deviations (default contracts/deviations.yaml).")
    group.addoption("--contracts-contract", default=str(CONTRACT), metavar="FILE",
                    help="The OpenAPI contract responses are checked against.")
    group.addoption("--contracts-report", default=None, metavar="FILE",
                    help="Write a JSON summary (target, outcomes, deviations, cleanup) to FILE.")
    group.addoption("--contracts-prefix", default=None,
                    help="Prefix of everything the run creates (default: ctk + 8 random hex digits).")
    group.addoption("--contracts-profile", default="default",
                    help="Seed profile of the in-process emulator (default: default).")
    group.addoption("--contracts-schema-report-only", action="store_true",
                    help="Report responses outside the contract instead of failing the scenario.")
    group.addoption("--contracts-keep", action="store_true",
                    help="Do not delete what the run created.")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "deviation(id): the scenario shows a known deviation (deviations.yaml)")
    config.addinivalue_line("markers", "unrecorded(reason): the scenario's answers depend on data outside the "
                                       "run (validated, not recorded)")
    config.stash[KIT] = KitState(config)


def _context(item: pytest.Item) -> str:
    path = Path(str(item.path))
    return f"{path.name}::{item.name}"


def _recorded(item: pytest.Item) -> bool:
    return item.get_closest_marker("unrecorded") is None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    item.config.stash[KIT].set_context(_context(item), _recorded(item))
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    item.config.stash[KIT].set_context(_context(item), _recorded(item))
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest) -> Generator[
        None, Any, Any]:
    kit = request.config.stash[KIT]
    shared = fixturedef.scope != "function"
    before = kit.context
    paused = kit.recorder.paused if kit.recorder is not None else False
    if shared:
        kit.set_context(f"fixture:{fixturedef.argname}")
    try:
        return (yield)
    finally:
        if shared:
            kit.set_context(before, not paused)


def _applies(kit: KitState, deviation: Deviation) -> bool:
    return kit.target is not None and deviation.applies_to(kit.target.kind, kit.target.version)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[
        None, pytest.TestReport, pytest.TestReport]:
    report = yield
    kit = item.config.stash[KIT]
    marker = item.get_closest_marker("deviation")
    if marker is not None and report.when == "call" and kit.target is not None:
        deviation = kit.deviations.get(str(marker.args[0]))
        if _applies(kit, deviation):
            if report.failed:
                report.outcome = "skipped"
                report.wasxfail = f"known deviation {deviation.id}: {deviation.differs}"
                kit.observed.append(Observed(deviation, _context(item)))
            elif report.passed:
                report.outcome = "failed"
                report.longrepr = (f"known deviation {deviation.id} no longer occurs on {kit.target.label}: "
                                   f"delete it from deviations.yaml")
    if report.when == "call" or report.outcome != "passed":
        name = "deviation" if getattr(report, "wasxfail", None) else report.outcome
        kit.outcomes[name] = kit.outcomes.get(name, 0) + 1
    return report


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    """The Magento the scenarios run against (see ``--magento-url``); cleans up after the session."""
    kit = request.config.stash[KIT]
    found = kit.start()
    try:
        yield found
    finally:
        kit.finish()


@pytest.fixture(scope="session")
def observed_session(request: pytest.FixtureRequest, target: Target) -> requests.Session:
    """A requests Session whose responses are checked and recorded like the kit's own: give it to
    another client (``connector.client.MagentoClient(config, session=...)``)."""
    return request.config.stash[KIT].observed_session()


@pytest.fixture
def deviation(request: pytest.FixtureRequest, target: Target) -> Callable[[str], Any]:
    """``with deviation("id"): ...``: the block that shows a known deviation (see contracts/deviations.py)."""
    kit = request.config.stash[KIT]
    context = _context(request.node)

    @contextmanager
    def block(deviation_id: str) -> Iterator[None]:
        entry = kit.deviations.get(deviation_id)
        if not _applies(kit, entry):
            yield
            return
        try:
            yield
        except SchemaViolation:
            raise
        except AssertionError:
            kit.observed.append(Observed(entry, context))
            return
        raise AssertionError(f"known deviation {deviation_id} no longer occurs on {target.label}: "
                             f"delete it from deviations.yaml")

    return block


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    kit = config.stash[KIT]
    if kit.target is None:
        return
    summary = kit.summary()
    write = terminalreporter.write_line
    terminalreporter.section("magento-contracts")
    write(f"target: {summary['target']} (prefix {summary['prefix']})")
    write("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["outcomes"].items())))
    seen: set[tuple[str, str]] = set()
    for observed in kit.observed:
        if (observed.deviation.id, observed.context) not in seen:
            seen.add((observed.deviation.id, observed.context))
            write(f"deviation {observed.deviation.id} in {observed.context}")
    for violation in summary["schema_violations"]:
        write(f"schema: {violation}")
    cleanup = summary["cleanup"]
    write(f"cleanup: {cleanup['removed']} removed, {len(cleanup['kept'])} kept (marked with the prefix)"
          + (f", {len(cleanup['problems'])} problems" if cleanup["problems"] else ""))
    for problem in cleanup["problems"]:
        write(f"cleanup problem: {problem}")
    report = config.getoption("contracts_report")
    if report:
        Path(report).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


def scenario_args(args: list[str] | None = None) -> list[str]:
    """pytest arguments that collect the kit's scenarios (for ``magento-contracts run``); a scenario
    file or node id among ``args`` narrows the run to it."""
    chosen = [a for a in args or [] if a.endswith(".py") or ".py::" in a]
    return ([] if chosen else [str(SCENARIOS)]) + ["-p", "no:cacheprovider", "--rootdir", str(SCENARIOS),
                                                   "-c", os.devnull] + list(args or [])
