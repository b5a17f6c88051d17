"""``--database mariadb|mysql``: where the two engines compare a date with a literal differently.

MariaDB (the default; the sandboxes') reads a non-date as the zero date (tests/search/test_dates.py,
measured). MySQL 8.0.16+ fails the query with error 1525 instead (release notes 8.0.16, Bug #28940878;
README "Database semantics"), which Magento answers with its masked 500.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.config import Config
from fake_magento.errors import InternalError
from fake_magento.search.sql import mysql_datetime
from fake_magento.search.temporal import ZERO, parse
from tests.support import RestClient, admin_token, make_app, search_query

MASKED = "Internal Error. Details are available in Magento log file. Report ID: "


@pytest.fixture(params=["mariadb", "mysql"])
def shop(request: pytest.FixtureRequest) -> Iterator[tuple[str, RestClient]]:
    app = make_app(profile="default", database=request.param)
    client = app.test_client()
    yield request.param, RestClient(client, admin_token(client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


def _orders(client: RestClient, value: str, condition: str) -> Any:
    return client.get("/orders?" + search_query([[("created_at", value, condition)]]))


@pytest.mark.parametrize("literal", ["None", "", "abc", "2024-01", "0"])
def test_a_non_date_matches_everything_on_mariadb_and_fails_on_mysql(shop: Any, literal: str) -> None:
    engine, client = shop
    every = client.get("/orders?searchCriteria").get_json()["total_count"]
    resp = _orders(client, literal, "gteq")
    if engine == "mariadb":
        assert resp.status_code == 200 and resp.get_json()["total_count"] == every
    else:
        assert resp.status_code == 500 and resp.get_json()["message"].startswith(MASKED)


def test_a_date_is_read_alike_on_both(shop: Any) -> None:
    _, client = shop
    every = client.get("/orders?searchCriteria").get_json()["total_count"]
    assert _orders(client, "2000-01-01 00:00:00", "gteq").get_json()["total_count"] == every
    assert _orders(client, "2000/01/01", "lt").get_json()["total_count"] == 0


@given(st.text(max_size=12))
def test_mysql_refuses_exactly_the_literals_mariadb_reads_as_the_zero_date(literal: str) -> None:
    if parse(literal) == ZERO:
        with pytest.raises(InternalError):
            mysql_datetime(literal, engine="mysql")
    else:
        assert mysql_datetime(literal, engine="mysql") == mysql_datetime(literal)


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="database must be one of"):
        Config(database="oracle")
