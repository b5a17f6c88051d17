"""What the scenarios run against: the emulator in-process, or any Magento (or emulator) at a URL.

Credentials come from a file in the shape ``fake-magento credentials --json`` and
``magento-sandbox credentials --json`` print (``base_url``, ``admin_username``, ``admin_password``,
``consumer_key``, ``consumer_secret``, ``access_token``, ``access_token_secret``), or from the
``MAGENTO_*`` environment variables the connector reads too (``MAGENTO_URL``,
``MAGENTO_CONSUMER_KEY``, ``MAGENTO_CONSUMER_SECRET``, ``MAGENTO_ACCESS_TOKEN``,
``MAGENTO_ACCESS_TOKEN_SECRET``, ``MAGENTO_TOKEN``, ``MAGENTO_USERNAME``, ``MAGENTO_PASSWORD``).
"""
from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from contracts.client import MagentoClient, Observer, oauth
from contracts.ledger import Ledger

EMULATOR_VERSION = "2.4.8"

_FILE_KEYS = {
    "base_url": "url", "url": "url", "admin_username": "username", "username": "username",
    "admin_password": "password", "password": "password", "consumer_key": "consumer_key",
    "consumerKey": "consumer_key", "consumer_secret": "consumer_secret", "consumerSecret": "consumer_secret",
    "access_token": "access_token", "accessToken": "access_token", "access_token_secret": "access_token_secret",
    "accessTokenSecret": "access_token_secret", "token": "token", "bearerToken": "token",
    "magento_version": "version", "version": "version",
}
_ENV_KEYS = {
    "MAGENTO_URL": "url", "MAGENTO_CONSUMER_KEY": "consumer_key", "MAGENTO_CONSUMER_SECRET": "consumer_secret",
    "MAGENTO_ACCESS_TOKEN": "access_token", "MAGENTO_ACCESS_TOKEN_SECRET": "access_token_secret",
    "MAGENTO_TOKEN": "token", "MAGENTO_USERNAME": "username", "MAGENTO_PASSWORD": "password",
    "MAGENTO_ADMIN_USERNAME": "username", "MAGENTO_ADMIN_PASSWORD": "password", "MAGENTO_VERSION": "version",
}


class TargetError(RuntimeError):
    """The target cannot be used (no URL, no credentials, not answering)."""


@dataclass(frozen=True)
class Credentials:
    url: str | None = None
    username: str | None = None
    password: str | None = None
    consumer_key: str | None = None
    consumer_secret: str | None = None
    access_token: str | None = None
    access_token_secret: str | None = None
    token: str | None = None
    version: str | None = None

    @property
    def has_oauth(self) -> bool:
        return all((self.consumer_key, self.consumer_secret, self.access_token, self.access_token_secret))

    @property
    def has_admin(self) -> bool:
        return bool(self.username and self.password)

    def merged(self, other: Credentials) -> Credentials:
        """``other``'s values where it has them."""
        return replace(self, **{f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], keys: Mapping[str, str]) -> Credentials:
        values = {keys[k]: str(v) for k, v in data.items() if k in keys and v not in (None, "")}
        return cls(**values)

    @classmethod
    def from_file(cls, path: str | Path) -> Credentials:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TargetError(f"cannot read credentials {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise TargetError(f"{path} must hold a JSON object")
        return cls.from_mapping(data, _FILE_KEYS)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Credentials:
        env = os.environ if environ is None else environ
        found = cls.from_mapping(env, _ENV_KEYS)
        path = env.get("MAGENTO_CREDENTIALS")
        return cls.from_file(path).merged(found) if path else found


def resolve(url: str | None, credentials_file: str | None,
            environ: Mapping[str, str] | None = None) -> Credentials | None:
    """Options beat the file, the file beats the environment. None: run the emulator in-process."""
    creds = Credentials.from_env(environ)
    if credentials_file:
        creds = creds.merged(Credentials.from_file(credentials_file))
    if url:
        creds = replace(creds, url=url)
    return creds if creds.url else None


@dataclass
class Target:
    """A Magento to run scenarios against, with one client per kind of credentials."""

    url: str
    credentials: Credentials
    kind: str  # "emulator" or "magento"
    version: str
    observers: list[Observer] = field(default_factory=list)
    session: requests.Session = field(default_factory=requests.Session)
    prefix: str = ""
    ledger: Ledger = field(default_factory=Ledger)
    aliases: dict[str, str] = field(default_factory=dict)
    _admin_token: str | None = None
    _names: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.url = self.url.rstrip("/")
        self.url = self.url.removesuffix("/rest")
        self.session.mount("http://", HTTPAdapter(pool_maxsize=8))
        self.session.mount("https://", HTTPAdapter(pool_maxsize=8))

    def unique(self, what: str) -> str:
        """A name for something this run creates: ``<prefix>-<what>`` (``-2``, ``-3``... when reused)."""
        self._names[what] = self._names.get(what, 0) + 1
        count = self._names[what]
        return f"{self.prefix}-{what}" + (f"-{count}" if count > 1 else "")

    def alias(self, value: object, label: str) -> None:
        """Name a run-specific value that is not under an id key (recordings show the name)."""
        self.aliases[str(value)] = label

    @property
    def is_emulator(self) -> bool:
        return self.kind == "emulator"

    @property
    def label(self) -> str:
        return f"{self.kind} {self.version} at {self.url}"

    def anonymous(self) -> MagentoClient:
        return MagentoClient(self.url, None, "anonymous", self.session, self.observers)

    def admin_token(self) -> str:
        if self._admin_token is None:
            creds = self.credentials
            if not creds.has_admin:
                raise TargetError("no admin username and password")
            answer = self.anonymous().post("/V1/integration/admin/token",
                                           {"username": creds.username, "password": creds.password})
            if answer.status != 200 or not isinstance(answer.body, str):
                raise TargetError(f"admin token refused: {answer}")
            self._admin_token = answer.body
        return self._admin_token

    def admin_client(self) -> MagentoClient:
        """An admin user's token (POST /V1/integration/admin/token)."""
        return self.anonymous().with_token(self.admin_token(), "admin-token")

    def client(self) -> MagentoClient:
        """What scenarios call with: the integration (OAuth) when its keys are given, as connectors
        do, else a Bearer token, else an admin token."""
        return self.integration_client()

    def integration_client(self, naive: bool = False) -> MagentoClient:
        creds = self.credentials
        if creds.has_oauth:
            auth = oauth(creds.consumer_key or "", creds.consumer_secret or "", creds.access_token or "",
                         creds.access_token_secret or "", naive=naive)
            return self.anonymous().with_auth(auth, "oauth-naive" if naive else "oauth")
        if creds.token:
            return self.anonymous().with_token(creds.token, "bearer")
        if creds.has_admin:
            return self.anonymous().with_token(self.admin_token(), "admin-token")
        raise TargetError("no credentials: give the OAuth 1.0a keys, a token, or admin username and password")

    def close(self) -> None:
        self.session.close()


def detect_kind(url: str, session: requests.Session) -> str:
    """The emulator names itself in the Server header (waitress ident); anything else is Magento."""
    try:
        resp = session.get(url.rstrip("/") + "/rest/V1/store/storeViews", timeout=60)
    except requests.RequestException as exc:
        raise TargetError(f"{url} does not answer: {exc}") from exc
    return "emulator" if resp.headers.get("Server", "").startswith("fake-magento") else "magento"


def remote_target(creds: Credentials, version: str | None = None) -> Target:
    assert creds.url
    session = requests.Session()
    kind = detect_kind(creds.url, session)
    found = version or creds.version or (EMULATOR_VERSION if kind == "emulator" else "unknown")
    return Target(url=creds.url, credentials=creds, kind=kind, version=found, session=session)


class InProcessEmulator:
    """The emulator in this process: ``fake_magento.ThreadedServer`` on a free port, no control plane."""

    def __init__(self, profile: str = "default", seed: int = 42) -> None:
        # imported by name: the kit runs without the emulator's code when it targets a URL
        emulator: Any = importlib.import_module("fake_magento")
        Config, ThreadedServer = emulator.Config, emulator.ThreadedServer
        self.scratch = tempfile.mkdtemp(prefix="magento-contracts-")
        config = Config(db_path=os.path.join(self.scratch, "state.db"), profile=profile, seed=seed,
                        control_plane=False)
        self.server: Any = ThreadedServer(config).start()

    def target(self) -> Target:
        creds = self.server.backend.db.get_meta("credentials")
        data = dict(creds, base_url=self.server.url)
        return Target(url=self.server.url, credentials=Credentials.from_mapping(data, _FILE_KEYS),
                      kind="emulator", version=EMULATOR_VERSION)

    def stop(self) -> None:
        import shutil

        self.server.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)
