"""``fake-magento serve|seed|credentials|export|import``."""
from __future__ import annotations

import gc
import json
import os
import signal
import socket
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from fake_magento.config import DATABASES, OAUTH_URL_NORMALISATIONS, Config
from fake_magento.seed import PROFILES

PROFILE = click.Choice(sorted(PROFILES))
PORT = click.IntRange(0, 65535)
STATE_FORMAT = "fake-magento-state/1"
# The control plane's words for a bad import (PUT /_fake/state answers them with a 400)
NOT_AN_EXPORT = "expected an export from GET /_fake/state"


class BadInput(click.UsageError):
    """Bad input on the command line: one line on stderr (``Error: ...``), exit status 2."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def _one_line(exc: click.UsageError) -> click.UsageError:
    if isinstance(exc, (BadInput, click.exceptions.NoArgsIsHelpError)):
        return exc
    return BadInput(exc.format_message())


class Commands(click.Group):
    """click's own usage errors (a bad --port, an unknown option...) as one line too, not usage + hint."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from None


@click.group(cls=Commands)
def main() -> None:
    """A Magento 2.4 admin REST API emulator."""


def _db_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --db path sqlite can create or open: its folder exists, and it is not itself a folder."""
    if value is None:
        return None
    folder = os.path.dirname(os.path.abspath(value))
    if os.path.isdir(value):
        raise click.BadParameter(f"{value!r} is a directory, not a database file")
    if not os.path.isdir(folder):
        raise click.BadParameter(f"directory {folder!r} does not exist")
    if not os.access(folder, os.W_OK):
        raise click.BadParameter(f"directory {folder!r} is not writable")
    return value


@contextmanager
def _database(db_path: str | None) -> Iterator[None]:
    """A file that is not a SQLite database is bad input; a database this command created is removed
    again when the command fails, so a refused command leaves nothing behind."""
    created = [p for p in _files_of(db_path) if not os.path.exists(p)] if db_path else []
    try:
        yield
    except BaseException as exc:
        for path in created:
            if os.path.exists(path):
                os.remove(path)
        if isinstance(exc, sqlite3.DatabaseError):
            raise BadInput(f"Invalid value for '--db': {db_path!r} is not a fake-magento database ({exc})") from None
        raise


def _files_of(db_path: str) -> list[str]:
    return [db_path + suffix for suffix in ("", "-wal", "-shm", ".seed", ".seed-wal", ".seed-shm")]


def _check_listen(host: str, port: int) -> None:
    """The address must be one this machine can listen on, before anything is seeded."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def _credentials(backend: Any) -> dict[str, Any]:
    creds = backend.db.get_meta("credentials", {})
    return {k: creds.get(k) for k in CREDENTIAL_KEYS}


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=PORT, help="0 picks a free port.")
@click.option("--db", "db_path", default=None, callback=_db_option,
              help="SQLite file; kept across restarts. Default: a throw-away file.")
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--profile", default="default", show_default=True, type=PROFILE)
@click.option("--integration-bearer", is_flag=True,
              help="Accept an integration access token as a Bearer token "
                   "(Magento's oauth/consumer/enable_integration_as_bearer).")
@click.option("--oauth-url-normalisation", type=click.Choice(OAUTH_URL_NORMALISATIONS), default="laminas",
              show_default=True,
              help="The URL OAuth signatures are checked against: laminas (Magento 2.4.7-p3: %2F %2B %26 "
                   "decoded) or unreserved (a later Magento's Oauth/Helper/Uri/Http: signed as sent).")
@click.option("--database", type=click.Choice(DATABASES), default="mariadb", show_default=True,
              help="Whose comparison rules searches follow where they differ: mariadb (the usual sandboxes) "
                   "or mysql (8.0.16+: a date compared with a non-date fails the query, a masked 500).")
@click.option("--no-control-plane", is_flag=True, help="Serve no /_fake routes.")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(min=1))
@click.option("--faults", "faults_file", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Fault rules to start with, YAML or JSON (README: Faults and the journal); "
                   "POST /_fake/reset restores them.")
def serve(host: str, port: int, db_path: str | None, seed: int, profile: str, integration_bearer: bool,
          oauth_url_normalisation: str, database: str, no_control_plane: bool, threads: int,
          faults_file: str | None) -> None:
    """Serve the emulator with waitress until SIGINT or SIGTERM."""
    from fake_magento.backend.fault_rules import FaultRuleError, load_rules
    from fake_magento.server import StopSignal, quiet_queue_warnings, request_stop, serve_until

    try:
        rules = load_rules(faults_file) if faults_file else []
    except FaultRuleError as exc:
        raise click.BadParameter(str(exc), param_hint="--faults") from None
    _check_listen(host, port)
    quiet_queue_warnings()
    with _database(db_path):
        app, server, config = _serving(host, port, db_path, seed, profile, integration_bearer,
                                       oauth_url_normalisation, database, no_control_plane, threads)
    backend = app.extensions["fake_magento"]
    backend.faults.configure(rules)
    # What start-up built (app, routes, tables, caches) lives as long as the process: out of the cyclic
    # collector's way, so its full collections walk only what requests make (about 1 ms off a
    # 100k-order list page; the serving process only, not ThreadedServer's host process)
    gc.freeze()
    _banner(backend, config, server, host, rules, faults_file)

    stop_event = StopSignal()

    def stop(signum: int, frame: Any) -> None:
        request_stop(server, stop_event)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        serve_until(server, stop_event)
    finally:
        backend.close()
        click.echo("fake-magento stopped")


def _serving(host: str, port: int, db_path: str | None, seed: int, profile: str, integration_bearer: bool,
             oauth_url_normalisation: str, database: str, no_control_plane: bool,
             threads: int) -> tuple[Any, Any, Config]:
    from waitress.server import create_server

    from fake_magento.app import create_app

    config = Config(db_path=db_path, seed=seed, profile=profile, integration_bearer=integration_bearer,
                    oauth_url_normalisation=oauth_url_normalisation, database=database,
                    control_plane=not no_control_plane)
    app = create_app(config)
    try:
        server = create_server(app, host=host, port=port, threads=threads, ident="fake-magento")
    except OSError as exc:
        app.extensions["fake_magento"].close()
        raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return app, server, config


def _banner(backend: Any, config: Config, server: Any, host: str, rules: list[Any], faults_file: str | None) -> None:
    url = f"http://{host}:{server.effective_port}"
    backend.advertise(url)
    creds = _credentials(backend)
    click.echo(f"fake-magento serving {url}/rest/V1 (seed {backend.db.get_meta('seed')}, "
               f"profile {backend.db.get_meta('profile')}, db {backend.db.path})")
    click.echo(f"  admin:        {creds['admin_username']} / {creds['admin_password']}")
    click.echo(f"  integration:  consumer_key={creds['consumer_key']} consumer_secret={creds['consumer_secret']}")
    click.echo(f"                access_token={creds['access_token']} "
               f"access_token_secret={creds['access_token_secret']}")
    click.echo(f"  customer:     {creds['customer_email']} / {creds['customer_password']}")
    if config.control_plane:
        click.echo(f"  control:      {url}/_fake/health")
    if rules:
        click.echo(f"  faults:       {len(rules)} rule(s) from {faults_file}")
    click.echo(f"  try: curl -s {url}/rest/V1/store/storeViews "
               f"-H \"Authorization: Bearer $(curl -s -X POST {url}/rest/V1/integration/admin/token "
               f"-H 'Content-Type: application/json' "
               f"-d '{{\"username\":\"{creds['admin_username']}\",\"password\":\"{creds['admin_password']}\"}}' "
               f"| tr -d '\\\"')\"")
    sys.stdout.flush()


@main.command()
@click.option("--db", "db_path", required=True, callback=_db_option)
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--profile", default="default", show_default=True, type=PROFILE)
@click.option("--pack", "pack_file", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A seed pack (YAML or JSON) written on top of the database as it is, or of a fresh "
                   "--profile seed when the database is new; a bad pack writes nothing.")
@click.option("--map", "map_file", default=None, type=click.File("w", lazy=True),
              help="With --pack: write the mapping of the pack's refs to ids here (JSON).")
def seed(db_path: str, seed: int, profile: str, pack_file: str | None, map_file: Any) -> None:
    """Write a seeded database that `serve --db PATH` then serves."""
    from fake_magento.backend import Backend
    from fake_magento.seed.lifecycle import seed_state

    if pack_file is not None:
        _seed_pack(db_path, seed, profile, pack_file, map_file)
        return
    with _database(db_path):
        backend = Backend(Config(db_path=db_path, seed=seed, profile=profile))
        try:
            seed_state(backend, seed=seed, profile=profile)
        finally:
            backend.close()
    click.echo(f"seeded {db_path} (seed {seed}, profile {profile})")


def _seed_pack(db_path: str, seed: int, profile: str, pack_file: str, map_file: Any) -> None:
    """``seed --pack``: validate the whole pack, then write it in one transaction (PackError and
    PackApplyError exit 1 with every problem named, the database untouched)."""
    from fake_magento.app import create_app
    from fake_magento.packs import PackApplyError, PackError, apply_pack, read_pack

    try:
        pack = read_pack(pack_file)
    except PackError as exc:
        raise click.ClickException(str(exc)) from None
    with _database(db_path):
        app = create_app(Config(db_path=db_path, seed=seed, profile=profile))
        backend = app.extensions["fake_magento"]
        try:
            mapping = apply_pack(app, pack, keep_seeded=True)
        except PackApplyError as exc:
            raise click.ClickException(f"seed pack not loaded, nothing written: {exc}") from None
        finally:
            backend.close()
    if map_file is not None:
        json.dump(mapping, map_file, indent=2, sort_keys=True)
    counts = ", ".join(f"{len(mapping[k])} {k}" for k in ("products", "customers", "orders"))
    click.echo(f"loaded {pack_file} into {db_path}: {counts}")


CREDENTIAL_KEYS = ["admin_username", "admin_password", "consumer_key", "consumer_secret", "access_token",
                   "access_token_secret", "customer_email", "customer_password"]


@main.command()
@click.option("--db", "db_path", default=None, callback=_db_option)
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--profile", default="default", show_default=True, type=PROFILE)
@click.option("--json", "as_json", is_flag=True)
@click.option("--field", default=None, type=click.Choice(CREDENTIAL_KEYS),
              help="Print only this value, e.g. admin_password.")
def credentials(db_path: str | None, seed: int, profile: str, as_json: bool, field: str | None) -> None:
    """Print the credentials of a seeded database (or of a fresh one for --seed)."""
    from fake_magento.backend import Backend
    from fake_magento.seed.lifecycle import open_or_seed

    with _database(db_path):
        backend = Backend(Config(db_path=db_path, seed=seed, profile=profile))
        try:
            open_or_seed(backend)
            creds = _credentials(backend)
        finally:
            backend.close()
    if field:
        click.echo(creds[field])
    elif as_json:
        click.echo(json.dumps(creds, sort_keys=True))
    else:
        for k, v in creds.items():
            click.echo(f"{k}={v}")


@main.command("export")
@click.option("--db", "db_path", required=True, callback=_db_option)
@click.option("--out", type=click.File("w", lazy=True), default="-")
def export_state(db_path: str, out: Any) -> None:
    """Write the whole state as JSON (the format of GET /_fake/state)."""
    from fake_magento.backend import Backend
    from fake_magento.seed.lifecycle import open_or_seed

    with _database(db_path):
        backend = Backend(Config(db_path=db_path))
        try:
            open_or_seed(backend)
            # the bytes GET /_fake/state answers on an unset clock (Flask's compact, key-sorted JSON and newline)
            text = json.dumps({"format": STATE_FORMAT, "tables": backend.db.export_tables()},
                              sort_keys=True, separators=(",", ":")) + "\n"
        finally:
            backend.close()
    out.write(text)


@main.command("import")
@click.option("--db", "db_path", required=True, callback=_db_option)
@click.argument("source", type=click.File("rb"))
def import_state(db_path: str, source: Any) -> None:
    """Load a state export into a database (one transaction: a refused file changes nothing)."""
    from fake_magento.backend import Backend
    from fake_magento.seed.lifecycle import open_or_seed

    tables = _export_tables(source)
    with _database(db_path):
        backend = Backend(Config(db_path=db_path))
        try:
            open_or_seed(backend)
            try:
                backend.db.import_tables(tables)
            except KeyError as exc:
                raise BadInput(f"Invalid value for 'SOURCE': unknown table {exc.args[0]!r}") from None
            except sqlite3.Error as exc:
                raise BadInput(f"Invalid value for 'SOURCE': import rejected: {exc}") from None
            backend.db.save_snapshot()
        finally:
            backend.close()
    click.echo(f"imported into {db_path}")


def _export_tables(source: Any) -> dict[str, Any]:
    """The tables of an export, refused as PUT /_fake/state refuses them (not JSON, not an export)."""
    try:
        data = json.loads(source.read())
    except (ValueError, UnicodeDecodeError):
        data = None
    tables = data.get("tables") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT or not isinstance(tables, dict):
        raise BadInput(f"Invalid value for 'SOURCE': {NOT_AN_EXPORT}")
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise BadInput(f"Invalid value for 'SOURCE': import rejected: table {name!r} is not a list of rows")
    return tables


if __name__ == "__main__":
    main()
