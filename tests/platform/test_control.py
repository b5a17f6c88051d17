"""The /_fake control plane: reset, seed, state export/import, journal, faults, clock."""
from __future__ import annotations


import jwt

from tests.support import make_app


def _store_names(admin):
    return [s["name"] for s in admin.get("/store/storeViews").get_json()]


def test_state_export_import_round_trip(admin, anon):
    state = anon.get("/_fake/state").get_json()
    assert state["format"] == "fake-magento-state/1"
    stores = state["tables"]["store"]
    stores[1]["name"] = "Renamed View"
    assert anon.put("/_fake/state", state).status_code == 200
    assert _store_names(admin)[0] == "Renamed View"  # store 1, the default view, lists first


def test_reset_restores_the_seeded_state(admin, anon):
    state = anon.get("/_fake/state").get_json()
    state["tables"]["store"][1]["name"] = "Renamed View"
    anon.put("/_fake/state", state)
    assert anon.post("/_fake/reset").get_json() == {"status": "reset"}
    assert _store_names(admin)[0] == "Default Store View"


def test_import_rejects_garbage_without_touching_state(admin, anon):
    assert anon.put("/_fake/state", {"tables": {}}).status_code == 400
    bad = anon.get("/_fake/state").get_json()
    bad["tables"]["no_such_table"] = [{"a": 1}]
    resp = anon.put("/_fake/state", bad)
    assert resp.status_code == 400
    assert resp.get_json() == {"error": "unknown table 'no_such_table'"}
    broken = anon.get("/_fake/state").get_json()
    broken["tables"]["store"].append({"store_id": 1, "code": "dup"})  # primary-key clash: rolled back
    assert anon.put("/_fake/state", broken).status_code == 400
    assert len(admin.get("/store/storeViews").get_json()) == 4


def test_seed_changes_credentials_deterministically(anon):
    first = anon.get("/_fake/state").get_json()
    assert anon.post("/_fake/seed", {"seed": 7, "profile": "minimal"}).get_json() == {
        "status": "seeded", "seed": 7, "profile": "minimal"}
    seven = anon.get("/_fake/state").get_json()
    assert seven["tables"]["integration"] != first["tables"]["integration"]
    anon.post("/_fake/seed", {"seed": 42, "profile": "minimal"})
    again = anon.get("/_fake/state").get_json()
    assert again["tables"] == first["tables"]


def test_seed_rejects_unknown_profile(anon):
    resp = anon.post("/_fake/seed", {"profile": "nope"})
    assert resp.status_code == 400


def test_journal_records_requests(admin, anon):
    anon.delete("/_fake/journal")
    admin.get("/rest/de/V1/store/websites?searchCriteria[pageSize]=1")
    admin.get("/rest/V1/nothing")
    entries = anon.get("/_fake/journal").get_json()["entries"]
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("GET", "/rest/de/V1/store/websites", 200), ("GET", "/rest/V1/nothing", 404)]
    assert entries[0]["query"] == "searchCriteria[pageSize]=1"
    assert entries[0]["duration_ms"] >= 0
    assert anon.get("/_fake/journal?limit=1").get_json()["entries"] == entries[-1:]


def test_journal_is_capped():
    app = make_app(journal_size=3)
    client = app.test_client()
    for _ in range(5):
        client.get("/rest/V1/nothing")
    assert len(client.get("/_fake/journal").get_json()["entries"]) == 3
    app.extensions["fake_magento"].close()


def test_fault_injection_masks_a_500_then_clears(admin, anon):
    assert anon.post("/_fake/faults", {"path": "/V1/store/*", "method": "GET", "times": 1}).status_code == 201
    resp = admin.get("/store/websites")
    assert resp.status_code == 500
    assert resp.get_json()["message"].startswith("Internal Error. Details are available in Magento log file.")
    assert admin.get("/store/websites").status_code == 200


def test_fault_injection_custom_status_and_body(admin, anon):
    anon.post("/_fake/faults", {"path": "/V1/store/websites", "status": 503, "body": {"message": "down"}})
    resp = admin.get("/store/websites")
    assert (resp.status_code, resp.get_json()) == (503, {"message": "down"})
    anon.delete("/_fake/faults")
    assert admin.get("/store/websites").status_code == 200


def test_clock_set_freeze_advance(anon):
    state = anon.post("/_fake/clock", {"set": "2024-01-02 03:04:05", "freeze": True}).get_json()
    assert state["now"] == "2024-01-02 03:04:05" and state["frozen"] is True
    state = anon.post("/_fake/clock", {"advance": 3600}).get_json()
    assert state["now"] == "2024-01-02 04:04:05"
    assert anon.get("/_fake/clock").get_json()["now"] == "2024-01-02 04:04:05"
    assert anon.post("/_fake/clock", {"set": "not a date"}).status_code == 400


def test_clock_set_and_freeze_on_a_frozen_clock_holds_the_value_set(anon):
    # The emulator's own API: {"set", "freeze": true} on an already frozen clock stops it at the
    # value set, not at the wall clock; a second freeze leaves a frozen reading where it is.
    anon.post("/_fake/clock", {"set": "2024-01-02 03:04:05", "freeze": True})
    state = anon.post("/_fake/clock", {"set": "2019-06-07 08:09:10", "freeze": True}).get_json()
    assert (state["now"], state["frozen"]) == ("2019-06-07 08:09:10", True)
    assert anon.post("/_fake/clock", {"freeze": True}).get_json()["now"] == "2019-06-07 08:09:10"
    state = anon.post("/_fake/clock", {"advance": 5, "freeze": True}).get_json()
    assert state["now"] == "2019-06-07 08:09:15"


def test_token_expiry_follows_the_emulator_clock(admin, anon, backend):
    anon.post("/_fake/clock", {"set": "2030-01-01 00:00:00", "freeze": True})
    creds = backend.db.get_meta("credentials")
    token = anon.post("/integration/admin/token",
                      {"username": creds["admin_username"], "password": creds["admin_password"]}).get_json()
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 3600
    client = admin.with_token(token)
    assert client.get("/store/websites").status_code == 200
    anon.post("/_fake/clock", {"advance": 3599})
    assert client.get("/store/websites").status_code == 200
    anon.post("/_fake/clock", {"advance": 2})
    assert client.get("/store/websites").status_code == 401


def test_no_control_plane():
    app = make_app(control_plane=False)
    resp = app.test_client().get("/_fake/health")
    assert resp.status_code == 404
    app.extensions["fake_magento"].close()
