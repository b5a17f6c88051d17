"""ConnectorConfig: the platform shape, snake_case keys, a JSON file, MAGENTO_* variables, the three
auth modes, and the errors a bad configuration gets."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from connector.config import ConfigError, ConnectorConfig, base_url
from connector.signing import MagentoOAuth1
from connector.transport import AdminTokenAuth, BearerAuth, Transport

OAUTH = {"consumerKey": "ck" * 16, "consumerSecret": "cs" * 16, "accessToken": "at" * 16,
         "accessTokenSecret": "as" * 16}
PLATFORM = {"url": "https://shop.example.com", **OAUTH, "type": "V1"}


def test_platform_shape_reads_every_core_key() -> None:
    config = ConnectorConfig.from_dict(PLATFORM)
    assert (config.url, config.consumer_key, config.consumer_secret, config.access_token,
            config.access_token_secret, config.type) == (
        "https://shop.example.com", "ck" * 16, "cs" * 16, "at" * 16, "as" * 16, "V1")
    assert config.auth_mode == "oauth"


def test_snake_case_keys_are_the_same_configuration() -> None:
    snake = {"url": "https://shop.example.com", "consumer_key": "ck" * 16, "consumer_secret": "cs" * 16,
             "access_token": "at" * 16, "access_token_secret": "as" * 16, "type": "V1"}
    assert ConnectorConfig.from_dict(snake) == ConnectorConfig.from_dict(PLATFORM)


def test_async_type_and_optional_settings() -> None:
    config = ConnectorConfig.from_dict({**PLATFORM, "type": "async/V1", "storeCode": "de", "timeout": "12.5",
                                        "maxRetries": "2", "backoffFactor": 1, "adminPath": "backend",
                                        "orders_last_pull": "2025-01-02 03:04:05"})
    assert config.type == "async/V1"
    assert config.store_code == "de"
    assert config.timeout == 12.5 and config.max_retries == 2 and config.backoff_factor == 1.0
    assert config.admin_path == "backend"
    assert config.orders_last_pull == "2025-01-02 03:04:05"
    assert config.customers_last_pull is None and config.products_last_pull is None


def test_defaults() -> None:
    config = ConnectorConfig.from_dict(PLATFORM)
    assert (config.store_code, config.timeout, config.max_retries, config.admin_path) == (None, 30.0, 4, "admin")


def test_unknown_keys_are_kept_apart() -> None:
    config = ConnectorConfig.from_dict({**PLATFORM, "name": "My shop", "webhookSecret": "w"})
    assert config.extra == {"name": "My shop", "webhookSecret": "w"}


@pytest.mark.parametrize("url", ["https://shop.example.com/", "https://shop.example.com/rest",
                                 "https://shop.example.com/rest/"])
def test_base_url_drops_a_trailing_slash_and_rest(url: str) -> None:
    assert ConnectorConfig.from_dict({**PLATFORM, "url": url}).url == "https://shop.example.com"


def test_index_php_stays_in_the_base_url() -> None:
    assert base_url("http://shop.example.com/index.php/rest") == "http://shop.example.com/index.php"


def test_to_dict_is_the_platform_shape_and_reads_back() -> None:
    config = ConnectorConfig.from_dict({**PLATFORM, "storeCode": "fr", "products_last_pull": "2025-05-05 00:00:00"})
    out = config.to_dict()
    assert {k: out[k] for k in ("url", "consumerKey", "consumerSecret", "accessToken", "accessTokenSecret",
                                "type")} == PLATFORM
    assert out["store_code"] == "fr" and out["products_last_pull"] == "2025-05-05 00:00:00"
    assert ConnectorConfig.from_dict(out) == config


def test_with_watermark_returns_a_new_config() -> None:
    config = ConnectorConfig.from_dict(PLATFORM)
    moved = config.with_watermark("customers_last_pull", "2025-06-01 10:00:00")
    assert moved.customers_last_pull == "2025-06-01 10:00:00"
    assert config.customers_last_pull is None


def test_unknown_watermark_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown watermark 'invoices_last_pull'"):
        ConnectorConfig.from_dict(PLATFORM).with_watermark("invoices_last_pull", "2025-01-01 00:00:00")


# -- file and environment -------------------------------------------------------------------------------
def test_from_file(tmp_path: Path) -> None:
    path = tmp_path / "magento.json"
    path.write_text(json.dumps(PLATFORM), encoding="utf-8")
    assert ConnectorConfig.from_file(path) == ConnectorConfig.from_dict(PLATFORM)


def test_from_file_missing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read .*nope.json"):
        ConnectorConfig.from_file(tmp_path / "nope.json")


def test_from_file_not_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{url: x", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read"):
        ConnectorConfig.from_file(path)


def test_from_file_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ConfigError, match="must hold a JSON object"):
        ConnectorConfig.from_file(path)


def test_from_env() -> None:
    env = {"MAGENTO_URL": "http://127.0.0.1:8082/", "MAGENTO_CONSUMER_KEY": "ck" * 16,
           "MAGENTO_CONSUMER_SECRET": "cs" * 16, "MAGENTO_ACCESS_TOKEN": "at" * 16,
           "MAGENTO_ACCESS_TOKEN_SECRET": "as" * 16, "MAGENTO_TYPE": "async/V1", "MAGENTO_STORE_CODE": "de",
           "MAGENTO_TIMEOUT": "5", "MAGENTO_MAX_RETRIES": "0", "MAGENTO_ADMIN_PATH": "admin_x1",
           "MAGENTO_ORDERS_LAST_PULL": "2025-01-01 00:00:00", "UNRELATED": "x"}
    config = ConnectorConfig.from_env(env)
    assert config.url == "http://127.0.0.1:8082"
    assert config.auth_mode == "oauth" and config.type == "async/V1" and config.store_code == "de"
    assert config.timeout == 5.0 and config.max_retries == 0 and config.admin_path == "admin_x1"
    assert config.orders_last_pull == "2025-01-01 00:00:00"
    assert config.extra == {}


def test_from_env_ignores_empty_variables() -> None:
    config = ConnectorConfig.from_env({"MAGENTO_URL": "http://m", "MAGENTO_TOKEN": "t", "MAGENTO_STORE_CODE": ""})
    assert config.store_code is None and config.auth_mode == "token"


def test_from_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAGENTO_URL", "http://env.example")
    monkeypatch.setenv("MAGENTO_USERNAME", "admin")
    monkeypatch.setenv("MAGENTO_PASSWORD", "secret")
    config = ConnectorConfig.from_env()
    assert (config.url, config.auth_mode, config.username, config.password) == (
        "http://env.example", "admin", "admin", "secret")


def test_from_env_without_url() -> None:
    with pytest.raises(ConfigError, match="url is required"):
        ConnectorConfig.from_env({"MAGENTO_TOKEN": "t"})


# -- the three auth modes ---------------------------------------------------------------------------------
def test_oauth_mode_signs_with_magento_oauth1() -> None:
    transport = Transport.from_config(ConnectorConfig.from_dict(PLATFORM))
    assert isinstance(transport.auth, MagentoOAuth1)
    assert transport.auth.keys == ("ck" * 16, "cs" * 16, "at" * 16, "as" * 16)


def test_token_mode() -> None:
    config = ConnectorConfig.from_dict({"url": "http://m", "bearerToken": "abc"})
    assert config.auth_mode == "token"
    auth = Transport.from_config(config).auth
    assert isinstance(auth, BearerAuth) and auth.token == "abc"


@pytest.mark.parametrize("keys", [{"username": "admin", "password": "pw"},
                                  {"adminUsername": "admin", "adminPassword": "pw"},
                                  {"admin_username": "admin", "admin_password": "pw"}])
def test_admin_credentials_mode(keys: dict[str, str]) -> None:
    config = ConnectorConfig.from_dict({"url": "http://m", **keys})
    assert config.auth_mode == "admin"
    transport = Transport.from_config(config)
    assert isinstance(transport.auth, AdminTokenAuth)
    assert (transport.auth.username, transport.auth.password, transport.auth.base_url) == ("admin", "pw", "http://m")
    assert transport.auth.transport is transport


def test_oauth_wins_over_a_token_when_both_are_given() -> None:
    assert ConnectorConfig.from_dict({**PLATFORM, "token": "abc"}).auth_mode == "oauth"


def test_timeout_reaches_the_transport() -> None:
    transport = Transport.from_config(ConnectorConfig.from_dict({**PLATFORM, "timeout": 7, "maxRetries": 1}))
    assert transport.timeout == 7.0 and transport.retry.max_retries == 1


# -- errors ---------------------------------------------------------------------------------------------------
def test_url_is_required() -> None:
    with pytest.raises(ConfigError, match="url is required"):
        ConnectorConfig.from_dict(OAUTH)


def test_empty_url_is_refused() -> None:
    with pytest.raises(ConfigError, match="url is required"):
        ConnectorConfig.from_dict({**PLATFORM, "url": ""})


def test_unknown_type_is_refused() -> None:
    with pytest.raises(ConfigError, match="type must be 'V1' or 'async/V1', not 'V2'"):
        ConnectorConfig.from_dict({**PLATFORM, "type": "V2"})


def test_partial_oauth_names_the_four_keys() -> None:
    partial = {k: v for k, v in PLATFORM.items() if k != "accessTokenSecret"}
    with pytest.raises(ConfigError, match="OAuth needs consumerKey, consumerSecret, accessToken and accessTokenSecret"):
        ConnectorConfig.from_dict(partial)


def test_no_credentials_at_all() -> None:
    with pytest.raises(ConfigError, match="no credentials"):
        ConnectorConfig.from_dict({"url": "http://m"})


def test_username_without_password_is_no_credentials() -> None:
    with pytest.raises(ConfigError, match="no credentials"):
        ConnectorConfig.from_dict({"url": "http://m", "username": "admin"})


def test_config_error_is_a_value_error() -> None:
    assert issubclass(ConfigError, ValueError)
