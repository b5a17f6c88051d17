"""Store configs: static URLs carry the static-content deployment version, as Magento signs them.

Evidence: GET /V1/store/storeConfigs on the 2.4.7-p3 sandbox answers
`http://127.0.0.1:8082/static/version1796290798/` for base_static_url and secure_base_static_url of
every view, the number being pub/static/deployed_version.txt (the Unix time of the deploy); the
contract recording has it (test_routing.py::test_store_configs_name_each_view). Source:
Theme/Model/Url/Plugin/Signature::afterGetBaseUrl (dev/static/sign, on by default),
Framework/App/View/Deployment/Version.
"""
from __future__ import annotations

import re

from fake_magento.backend.clock import parse_stamp
from fake_magento.backend.stores import STATIC_VERSION
from fake_magento.seed import SEED_EPOCH

STATIC = re.compile(r"^(?P<base>.+/)static/version(?P<version>\d+)/$")


def test_every_views_static_urls_carry_the_deployed_version(admin):
    configs = admin.get("/store/storeConfigs").get_json()
    assert [c["code"] for c in configs] == ["default", "de", "fr"]
    for config in configs:
        for key in ("base_static_url", "secure_base_static_url"):
            found = STATIC.match(config[key])
            assert found, config[key]
            assert found["base"] == config["base_url"]
            assert int(found["version"]) == int(parse_stamp(SEED_EPOCH))  # deployed when the store was seeded
        assert config["base_media_url"] == config["base_url"] + "media/"  # only static URLs are signed


def test_the_version_is_kept_not_recomputed(admin, backend):
    first = admin.get("/store/storeConfigs?storeCodes[0]=de").get_json()[0]["base_static_url"]
    backend.clock.advance(600)  # the admin token lasts an hour
    assert admin.get("/store/storeConfigs?storeCodes[0]=de").get_json()[0]["base_static_url"] == first


def test_without_a_deployed_version_one_is_generated_from_the_clock_and_kept(admin, backend):
    """Version::readValue: none stored -> time() is written and used from then on."""
    with backend.db.write() as conn:
        conn.execute("DELETE FROM meta WHERE key=?", (STATIC_VERSION,))
    backend.clock.freeze(parse_stamp("2026-06-01 12:00:00"))
    url = admin.get("/store/storeConfigs").get_json()[0]["base_static_url"]
    assert url.endswith(f"/static/version{int(parse_stamp('2026-06-01 12:00:00'))}/")
    backend.clock.advance(60)
    assert admin.get("/store/storeConfigs").get_json()[0]["base_static_url"] == url
