"""``fake-magento serve|seed|credentials|export|import``."""
from __future__ import annotations

import json
import signal
import sys
import threading
from typing import Any

import click

from fake_magento.config import OAUTH_URL_NORMALISATIONS, Config
from fake_magento.seed import PROFILES

PROFILE = click.Choice(sorted(PROFILES))


@click.group()
def main() -> None:
    """A Magento 2.4 admin REST API emulator."""


def _credentials(backend: Any) -> dict[str, Any]:
    creds = backend.db.get_meta("credentials", {})
    keys = ["admin_username", "admin_password", "consumer_key", "consumer_secret", "access_token",
            "access_token_secret", "customer_email", "customer_password"]
    return {k: creds.get(k) for k in keys}


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--db", "db_path", default=None, help="SQLite file; kept across restarts. Default: a throw-away file.")
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--profile", default="default", show_default=True, type=PROFILE)
@click.option("--integration-bearer", is_flag=True,
              help="Accept an integration access token as a Bearer token "
                   "(Magento's oauth/consumer/enable_integration_as_bearer).")
@click.option("--oauth-url-normalisation", type=click.Choice(OAUTH_URL_NORMALISATIONS), default="laminas",
              show_default=True,
              help="The URL OAuth signatures are checked against: laminas (Magento 2.4.7-p3: %2F %2B %26 "
                   "decoded) or unreserved (a later Magento's Oauth/Helper/Uri/Http: signed as sent).")
@click.option("--no-control-plane", is_flag=True, help="Serve no /_fake routes.")
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--faults", "faults_file", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Fault rules to start with, YAML or JSON (README: Faults and the journal); "
                   "POST /_fake/reset restores them.")
def serve(host: str, port: int, db_path: str | None, seed: int, profile: str, integration_bearer: bool,
          oauth_url_normalisation: str, no_control_plane: bool, threads: int, faults_file: str | None) -> None:
    """Serve the emulator with waitress until SIGINT or SIGTERM."""
    from waitress.server import create_server

    from fake_magento.app import create_app
    from fake_magento.backend.fault_rules import FaultRuleError, load_rules
    from fake_magento.server import request_stop, serve_until

    try:
        rules = load_rules(faults_file) if faults_file else []
    except FaultRuleError as exc:
        raise click.BadParameter(str(exc), param_hint="--faults") from None
    config = Config(db_path=db_path, seed=seed, profile=profile, integration_bearer=integration_bearer,
                    oauth_url_normalisation=oauth_url_normalisation, control_plane=not no_control_plane)
    app = create_app(config)
    backend = app.extensions["fake_magento"]
    backend.faults.configure(rules)
    server = create_server(app, host=host, port=port, threads=threads, ident="fake-magento")
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

    stop_event = threading.Event()

    def stop(signum: int, frame: Any) -> None:
        request_stop(server, stop_event)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        serve_until(server, stop_event)
    finally:
        backend.close()
        click.echo("fake-magento stopped")


@main.command()
@click.option("--db", "db_path", required=True)
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--profile", default="default", show_default=True, type=PROFILE)
@click.option("--pack", "pack_file", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A seed pack (YAML or JSON) written on top of the database as it is, or of a fresh "
                   "--profile seed when the database is new; a bad pack writes nothing.")
@click.option("--map", "map_file", default=None, type=click.File("w"),
              help="With --pack: write the mapping of the pack's refs to ids here (JSON).")
def seed(db_path: str, seed: int, profile: str, pack_file: str | None, map_file: Any) -> None:
    """Write a seeded database that `serve --db PATH` then serves."""
    from fake_magento.backend import Backend

    from fake_magento.seed.lifecycle import seed_state

    if pack_file is not None:
        _seed_pack(db_path, seed, profile, pack_file, map_file)
        return
    backend = Backend(Config(db_path=db_path, seed=seed, profile=profile))
    seed_state(backend, seed=seed, profile=profile)
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

@main.command()
@click.option("--db", "db_path", default=None)
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--profile", default="default", show_default=True, type=PROFILE)
@click.option("--json", "as_json", is_flag=True)
@click.option("--field", default=None, help="Print only this value, e.g. admin_password.")
def credentials(db_path: str | None, seed: int, profile: str, as_json: bool, field: str | None) -> None:
    """Print the credentials of a seeded database (or of a fresh one for --seed)."""
    from fake_magento.backend import Backend

    from fake_magento.seed.lifecycle import open_or_seed

    backend = Backend(Config(db_path=db_path, seed=seed, profile=profile))
    open_or_seed(backend)
    creds = _credentials(backend)
    backend.close()
    if field:
        if field not in creds:
            raise click.BadParameter(f"one of {', '.join(creds)}", param_hint="--field")
        click.echo(creds[field])
    elif as_json:
        click.echo(json.dumps(creds, sort_keys=True))
    else:
        for k, v in creds.items():
            click.echo(f"{k}={v}")


@main.command("export")
@click.option("--db", "db_path", required=True)
@click.option("--out", type=click.File("w"), default="-")
def export_state(db_path: str, out: Any) -> None:
    """Write the whole state as JSON (the format of GET /_fake/state)."""
    from fake_magento.backend import Backend

    from fake_magento.seed.lifecycle import open_or_seed

    backend = Backend(Config(db_path=db_path))
    open_or_seed(backend)
    # the bytes GET /_fake/state answers on an unset clock (Flask's compact, key-sorted JSON and newline)
    out.write(json.dumps({"format": "fake-magento-state/1", "tables": backend.db.export_tables()},
                         sort_keys=True, separators=(",", ":")) + "\n")
    backend.close()


@main.command("import")
@click.option("--db", "db_path", required=True)
@click.argument("source", type=click.File("r"))
def import_state(db_path: str, source: Any) -> None:
    """Load a state export into a database."""
    from fake_magento.backend import Backend

    data = json.load(source)
    from fake_magento.seed.lifecycle import open_or_seed

    backend = Backend(Config(db_path=db_path))
    open_or_seed(backend)
    backend.db.import_tables(data["tables"])
    backend.db.save_snapshot()
    backend.close()
    click.echo(f"imported into {db_path}")


if __name__ == "__main__":
    main()
