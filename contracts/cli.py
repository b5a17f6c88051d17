"""``magento-contracts run|record|diff|coverage|fuzz``."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from contracts.deviations import DEVIATIONS


def _target_args(url: str | None, credentials: str | None, version: str | None) -> list[str]:
    args: list[str] = []
    if url:
        args += ["--magento-url", url]
    if credentials:
        args += ["--magento-credentials", credentials]
    if version:
        args += ["--magento-version", version]
    return args


def _pytest(args: list[str]) -> int:
    import pytest

    from contracts.plugin import scenario_args

    return int(pytest.main(scenario_args(args)))


TARGET_OPTIONS = [
    click.option("--magento-url", "url", default=None, envvar="MAGENTO_URL",
                 help="Base URL (no /rest) of the Magento or emulator. Default: the emulator in-process."),
    click.option("--magento-credentials", "credentials", default=None, envvar="MAGENTO_CREDENTIALS",
                 type=click.Path(exists=True, dir_okay=False),
                 help="JSON credentials (`magento-sandbox credentials --json` shape)."),
    click.option("--magento-version", "version", default=None, envvar="MAGENTO_VERSION",
                 help="The target's Magento version, e.g. 2.4.7-p3."),
]


def target_options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(TARGET_OPTIONS):
        func = option(func)
    return func


@click.group()
def main() -> None:
    """Run Magento contract scenarios against the emulator or a real Magento, record and compare them.

    A target is the emulator in-process (the default), or any Magento or emulator at a URL with
    OAuth 1.0a keys, a Bearer token or admin credentials (--magento-url, --magento-credentials, or
    MAGENTO_URL, MAGENTO_CONSUMER_KEY, MAGENTO_CONSUMER_SECRET, MAGENTO_ACCESS_TOKEN,
    MAGENTO_ACCESS_TOKEN_SECRET, MAGENTO_TOKEN, MAGENTO_USERNAME, MAGENTO_PASSWORD).
    """


@main.command(context_settings={"ignore_unknown_options": True})
@target_options
@click.option("--junitxml", default=None, help="Write JUnit XML for CI.")
@click.option("--report", default=None, help="Write a JSON summary (outcomes, deviations, cleanup).")
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def run(url: str | None, credentials: str | None, version: str | None, junitxml: str | None,
        report: str | None, pytest_args: tuple[str, ...]) -> None:
    """Run the scenarios (extra arguments go to pytest, e.g. -k orders -x)."""
    args = _target_args(url, credentials, version) + list(pytest_args)
    if junitxml:
        args.append(f"--junitxml={junitxml}")
    if report:
        args += ["--contracts-report", report]
    sys.exit(_pytest(args))


@main.command(context_settings={"ignore_unknown_options": True})
@target_options
@click.option("--out", required=True, help="The recording to write (JSON).")
@click.option("--junitxml", default=None)
@click.option("--report", default=None)
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def record(url: str | None, credentials: str | None, version: str | None, out: str, junitxml: str | None,
           report: str | None, pytest_args: tuple[str, ...]) -> None:
    """Run the scenarios and store their normalised interactions in --out."""
    args = _target_args(url, credentials, version) + ["--contracts-record", out] + list(pytest_args)
    if junitxml:
        args.append(f"--junitxml={junitxml}")
    if report:
        args += ["--contracts-report", report]
    sys.exit(_pytest(args))


@main.command()
@click.argument("expected")
@click.argument("actual", required=False)
@target_options
@click.option("--deviations", default=str(DEVIATIONS), show_default=True, help="Known deviations file.")
@click.option("--json", "as_json", is_flag=True, help="Print the parity report as JSON.")
@click.option("--all", "show_all", is_flag=True, help="List operations at parity too.")
def diff(expected: str, actual: str | None, url: str | None, credentials: str | None, version: str | None,
         deviations: str, as_json: bool, show_all: bool) -> None:
    """Compare two recordings, or a recording (EXPECTED) and a live target (recorded now).

    Exit status 1 when a difference is not a listed deviation, or a listed deviation no longer occurs.
    """
    import json
    import tempfile

    from contracts.deviations import Deviations
    from contracts.parity import compare, render_text
    from contracts.recording import Recording

    if actual is None:
        scratch = tempfile.mkdtemp(prefix="magento-contracts-")
        actual = os.path.join(scratch, "live.json")
        code = _pytest(_target_args(url, credentials, version) + ["--contracts-record", actual, "-q"])
        if not Path(actual).exists():
            raise click.ClickException(f"the live run recorded nothing (pytest exit {code})")
    report = compare(Recording.load(expected), Recording.load(actual), Deviations.load(deviations))
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=1))
    else:
        click.echo(render_text(report, show_all=show_all))
    sys.exit(0 if report.ok else 1)


@main.command("clean")
@target_options
@click.option("--prefix", required=True, help="The interrupted run's prefix (ctk + 8 hex digits, printed by the run).")
def clean_command(url: str | None, credentials: str | None, version: str | None, prefix: str) -> None:
    """Remove the products, customers and colour options an interrupted run left on a target."""
    from contracts.clean import clean
    from contracts.target import remote_target, resolve

    creds = resolve(url, credentials)
    if creds is None:
        raise click.ClickException("give the target: --magento-url / --magento-credentials or MAGENTO_URL")
    try:
        removed = clean(remote_target(creds, version).client(), prefix, click.echo)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"removed {removed}; orders and their documents stay, marked with {prefix}")


@main.command("reference-shapes")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
def reference_shapes(folder: str) -> None:
    """Extract key paths and types of published real-Magento exchanges (FOLDER: the
    reference/recordings directory) into contracts/recordings/reference-shapes.json."""
    from contracts.reference import SHAPES, write_shapes
    from contracts.schema import Contract

    data = write_shapes(Path(folder), Contract.load())
    counts = {source: len(ops) for source, ops in data["shapes"].items()}
    click.echo(f"wrote {SHAPES}: operations per source {counts}")


@main.command("diff-reference")
@click.argument("recordings", nargs=-1, required=True)
@click.option("--deviations", default=str(DEVIATIONS), show_default=True)
@click.option("--notes", is_flag=True, help="Also list key paths only the reference has.")
def diff_reference(recordings: tuple[str, ...], deviations: str, notes: bool) -> None:
    """Compare recordings' shapes (key paths, JSON types) with the published real-Magento exchanges.

    Exit status 1 on a difference no deviation lists, or a deviation for a reference version that
    explains nothing in any of the RECORDINGS."""
    import json

    from contracts.deviations import Deviations
    from contracts.parity import render_text
    from contracts.recording import Recording
    from contracts.reference import SHAPES, compare_shapes, stale_deviations

    shapes = json.loads(SHAPES.read_text(encoding="utf-8"))
    known = Deviations.load(deviations)
    reports = [r for path in recordings for r in compare_shapes(shapes, Recording.load(path), known)]
    stale = stale_deviations(shapes, reports, known)
    for deviation_id in stale:
        click.echo(f"! stale deviation {deviation_id}: explains nothing in these recordings")
    ok = not stale
    for report in reports:
        click.echo(f"== {report.source}")
        click.echo(render_text(report.parity))
        if notes:
            for operation, paths in sorted(report.notes.items()):
                click.echo(f"  note {operation}: only in the reference: {', '.join(paths[:12])}"
                           + (" ..." if len(paths) > 12 else ""))
        ok = ok and report.parity.ok
    sys.exit(0 if ok else 1)


@main.command()
@click.option("--out", default=None, help="Where to write the report (default contracts/COVERAGE.md).")
@click.option("--check", is_flag=True, help="Only check that the committed report is current.")
def coverage(out: str | None, check: bool) -> None:
    """Generate the coverage report over the official 2.4.8 schema's operations."""
    from contracts.coverage import COVERAGE, build_report

    path = Path(out) if out else COVERAGE
    text = build_report()
    if check:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            raise click.ClickException(f"{path} is stale: run `magento-contracts coverage`")
        click.echo(f"{path} is current")
        return
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}")


@main.command(context_settings={"ignore_unknown_options": True})
@target_options
@click.option("--max-examples", default=5, show_default=True)
@click.option("--writes", is_flag=True, help="Also send generated POST/PUT/DELETE to a real store (they change it).")
@click.argument("st_args", nargs=-1, type=click.UNPROCESSED)
def fuzz(url: str | None, credentials: str | None, version: str | None, max_examples: int, writes: bool,
         st_args: tuple[str, ...]) -> None:
    """Point schemathesis at a target with the contract and its credentials (extra args go to
    `schemathesis run`). A real store gets GET requests only unless --writes is given."""
    from contracts.fuzz import run_schemathesis

    sys.exit(run_schemathesis(url, credentials, max_examples, writes, list(st_args)))


@main.command()
@click.option("--check", is_flag=True, help="Only check that README.md's deviations section is current.")
def deviations(check: bool) -> None:
    """Regenerate README.md's known-deviations section from contracts/deviations.yaml."""
    from contracts.readme import README, render_readme

    current = README.read_text(encoding="utf-8")
    wanted = render_readme(current)
    if check:
        if wanted != current:
            raise click.ClickException("README.md's deviations section is stale: run `magento-contracts deviations`")
        click.echo("README.md's deviations section is current")
        return
    README.write_text(wanted, encoding="utf-8")
    click.echo(f"wrote the deviations section of {README}")


if __name__ == "__main__":  # pragma: no cover
    main()
