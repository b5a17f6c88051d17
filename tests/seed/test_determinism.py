"""Same seed and profile -> byte-identical export, through `fake-magento export` and GET /_fake/state;
the clock is in an export only once it was set, frozen or advanced."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_magento import Config, create_app
from fake_magento.cli import main
from tests.support import make_app


def state_bytes(tmp: str, seed: int, profile: str) -> bytes:
    """GET /_fake/state of a freshly started app on a new database."""
    app = create_app(Config(db_path=tmp, seed=seed, profile=profile))
    try:
        response = app.test_client().get("/_fake/state")
        assert response.status_code == 200
        return bytes(response.data)
    finally:
        app.extensions["fake_magento"].close()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**31 - 1))
def test_same_seed_same_state_bytes_minimal(tmp_path_factory, seed):
    tmp = tmp_path_factory.mktemp("det")
    assert state_bytes(str(tmp / "a.db"), seed, "minimal") == state_bytes(str(tmp / "b.db"), seed, "minimal")


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**31 - 1))
def test_same_seed_same_state_bytes_edge(tmp_path_factory, seed):
    tmp = tmp_path_factory.mktemp("edge")
    assert state_bytes(str(tmp / "a.db"), seed, "edge") == state_bytes(str(tmp / "b.db"), seed, "edge")


def test_another_seed_gives_another_default_catalogue(tmp_path):
    a = state_bytes(str(tmp_path / "a.db"), 1, "default")
    b = state_bytes(str(tmp_path / "b.db"), 2, "default")
    assert a != b


def test_another_seed_gives_other_data(tmp_path):
    a = state_bytes(str(tmp_path / "a.db"), 1, "minimal")
    b = state_bytes(str(tmp_path / "b.db"), 2, "minimal")
    assert a != b


def test_export_from_a_fresh_server_leaves_out_the_live_clock():
    app = make_app()
    body = app.test_client().get("/_fake/state").get_json()
    assert set(body) == {"format", "tables"}
    app.extensions["fake_magento"].close()


def test_export_carries_the_clock_once_it_is_set():
    app = make_app()
    client = app.test_client()
    assert client.post("/_fake/clock", json={"set": "2025-01-01 00:00:00", "freeze": True}).status_code == 200
    body = client.get("/_fake/state").get_json()
    assert (body["clock"]["now"], body["clock"]["frozen"]) == ("2025-01-01 00:00:00", True)
    assert int(body["clock"]["epoch"]) == 1735689600
    client.post("/_fake/clock", json={"reset": True})
    assert "clock" not in client.get("/_fake/state").get_json()
    app.extensions["fake_magento"].close()


def test_advanced_clock_is_exported_unfrozen():
    app = make_app()
    client = app.test_client()
    client.post("/_fake/clock", json={"advance": 3600})
    clock = client.get("/_fake/state").get_json()["clock"]
    assert clock["frozen"] is False
    app.extensions["fake_magento"].close()


@pytest.mark.parametrize("profile", ["minimal", "edge"])
def test_cli_export_is_the_bytes_of_the_state_route(tmp_path, profile):
    db = str(tmp_path / "c.db")
    # the commands in-process (click's CliRunner, standalone as the console script)
    seeded = CliRunner().invoke(main, ["seed", "--db", db, "--seed", "5", "--profile", profile])
    assert seeded.exit_code == 0, seeded.stderr
    assert seeded.stdout.strip() == f"seeded {db} (seed 5, profile {profile})"
    out = tmp_path / "export.json"
    exported = CliRunner().invoke(main, ["export", "--db", db, "--out", str(out)])
    assert exported.exit_code == 0, exported.stderr
    assert out.read_bytes() == state_bytes(str(tmp_path / "d.db"), 5, profile)


@pytest.mark.parametrize("profile", ["minimal", "edge"])
def test_reseed_through_the_control_plane_gives_the_bytes_of_a_fresh_start(tmp_path, profile):
    app = create_app(Config(db_path=str(tmp_path / "r.db"), seed=1, profile="minimal"))
    client = app.test_client()
    assert client.post("/_fake/seed", json={"seed": 8, "profile": profile}).get_json() == {
        "status": "seeded", "seed": 8, "profile": profile}
    assert bytes(client.get("/_fake/state").data) == state_bytes(str(tmp_path / "s.db"), 8, profile)
    app.extensions["fake_magento"].close()


def test_reseeding_twice_gives_the_same_tables(tmp_path):
    app = create_app(Config(db_path=str(tmp_path / "t.db"), seed=3, profile="minimal"))
    client = app.test_client()
    first = bytes(client.get("/_fake/state").data)
    client.post("/_fake/seed", json={"seed": 4, "profile": "minimal"})
    assert bytes(client.get("/_fake/state").data) != first
    client.post("/_fake/seed", json={"seed": 3, "profile": "minimal"})
    assert bytes(client.get("/_fake/state").data) == first
    app.extensions["fake_magento"].close()
