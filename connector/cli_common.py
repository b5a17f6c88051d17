"""What every ``magento-connector`` command shares: the settings (``--config``, ``--json``,
``--store``), the client, and one way to report errors (Magento's message, an exit code, never a
traceback)."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import click

from connector.config import ConfigError, ConnectorConfig

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Settings:
    config_file: str | None = None
    json: bool = False
    store: str | None = None

    def merge(self, config_file: str | None, as_json: bool) -> Settings:
        return replace(self, config_file=config_file or self.config_file, json=self.json or as_json)


def common(command: F) -> F:
    """``--config`` and ``--json`` on a subcommand too (``magento-connector customer x --json``)."""
    command = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")(command)
    command = click.option("--config", "config_file", type=click.Path(dir_okay=False),
                           help="JSON configuration file (else the MAGENTO_* environment).")(command)
    return command


def settings(ctx: click.Context, config_file: str | None, as_json: bool) -> Settings:
    base = ctx.find_object(Settings) or Settings()
    return base.merge(config_file, as_json)


def load_config(s: Settings) -> ConnectorConfig:
    if s.config_file:
        config = ConnectorConfig.from_file(s.config_file)
    else:
        try:
            config = ConnectorConfig.from_env()
        except ConfigError as exc:
            raise ConfigError(f"{exc} (give --config FILE or set MAGENTO_URL and credentials; "
                              "see magento-connector --help)") from None
    return replace(config, store_code=s.store) if s.store else config


@contextmanager
def connected(s: Settings) -> Iterator[Any]:
    """A client for the configured store; every error becomes a message and an exit code."""
    from connector.client import MagentoClient

    with reported(s), MagentoClient(load_config(s)) as client:
        yield client


@contextmanager
def reported(s: Settings) -> Iterator[None]:
    from connector.errors import MagentoError
    from connector.models import ModelError
    from connector.operations.order_lines import LineError
    from connector.operations.state import PullError

    try:
        yield
    except (ConfigError, PullError, LineError, click.BadParameter) as exc:
        fail(s, exc, 2)
    except (MagentoError, ModelError, OSError) as exc:
        fail(s, exc, 1)
    except Exception as exc:  # noqa: BLE001 - a command line prints a message, not a traceback
        fail(s, RuntimeError(f"unexpected {type(exc).__name__}: {exc}"), 1)


def fail(s: Settings, exc: Exception, code: int) -> None:
    message = getattr(exc, "message", None) or str(exc)
    if s.json:
        error: dict[str, Any] = {"type": type(exc).__name__, "message": message}
        for name in ("status", "parameters", "report_id", "websites"):
            value = getattr(exc, name, None)
            if value not in (None, [], {}):
                error[name] = list(value) if isinstance(value, tuple) else value
        click.echo(json.dumps({"error": error}), err=True)
    else:
        status = getattr(exc, "status", None)
        click.echo(f"Error: {message}" + (f" (HTTP {status})" if status else ""), err=True)
    sys.exit(code)


def emit(s: Settings, data: Any, text: str | Callable[[], str]) -> None:
    if s.json:
        click.echo(json.dumps(data, indent=2, sort_keys=False))
    else:
        click.echo(text() if callable(text) else text)
