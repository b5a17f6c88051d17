"""One configuration object for the emulator; everything else reads from it and nothing writes it
(frozen): what the running state derives (the seed a re-seed changes, the JWT key, the URL a server
bound) lives on the Backend."""
from __future__ import annotations

from dataclasses import dataclass, field

OAUTH_URL_NORMALISATIONS = ("laminas", "unreserved")
# Whose comparison rules searches follow where the two differ (search/sql.py; README, "Database semantics").
DATABASES = ("mariadb", "mysql")


@dataclass(frozen=True)
class Config:
    # Where the SQLite state lives; None means a throw-away temporary file.
    db_path: str | None = None
    seed: int = 42
    profile: str = "default"
    # Magento setting oauth/consumer/enable_integration_as_bearer: off by default since 2.4.4.
    integration_bearer: bool = False
    control_plane: bool = True
    # Which URL an OAuth 1.0a signature is checked against (backend/oauth_url.py): "laminas", what a
    # real 2.4.7-p3 does (%2F %2B %26 : @ = $ , ; decoded), or "unreserved", the later
    # Fw/Oauth/Helper/Uri/Http (only unreserved escapes decoded, so %2F is signed as sent).
    oauth_url_normalisation: str = "laminas"
    # The database engine Magento runs on: MariaDB (the usual sandboxes') or MySQL 8.
    database: str = "mariadb"
    # Web API input limits (webapi/validation/input_limit_enabled): off by default, as in Magento.
    input_limits_enabled: bool = False
    max_page_size: int = 300
    default_page_size: int = 999999
    # env.php downloadable_domains: the hosts a downloadable link or sample URL may point at (an IP
    # address never may: Downloadable/Model/Url/DomainValidator).
    downloadable_domains: tuple[str, ...] = ("example.com", "downloads.example.com")
    # catalog/price/scope: 0 = global (Magento's default), 1 = website.
    price_scope: int = 0
    # Base URL the emulator advertises (store configs, deep links) until a server that picked its own
    # port tells the backend the bound one (Backend.advertise).
    base_url: str = "http://127.0.0.1:8080"
    # Developer mode shows real exception messages instead of Magento's masked 500 body.
    developer_mode: bool = False
    journal_size: int = 1000
    # JWT lifetimes in minutes (webapi/jwtauth/admin_expiration, customer_expiration).
    admin_token_minutes: int = 60
    customer_token_minutes: int = 60
    # Secret used to sign JWTs; derived from the seed when empty so tokens are deterministic.
    jwt_secret: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.database not in DATABASES:
            raise ValueError(f"database must be one of {DATABASES}, not {self.database!r}")
        if self.oauth_url_normalisation not in OAUTH_URL_NORMALISATIONS:
            raise ValueError(f"oauth_url_normalisation must be one of {OAUTH_URL_NORMALISATIONS}, "
                             f"not {self.oauth_url_normalisation!r}")
