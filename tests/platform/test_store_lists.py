"""The order of GET /V1/store/websites and /V1/store/storeViews, as a real Magento 2.4.7-p3 answers it.

Evidence: the sandbox, 2026-12-03, each list through /rest, /rest/default, /rest/de, /rest/fr and
/rest/all, once with an admin Bearer token and once signed with the integration's OAuth keys:
  websites, Bearer (any scope)             -> admin, base, eu
  websites, OAuth: /rest and /rest/default -> base, admin, eu; /rest/de and /rest/fr -> eu, admin, base;
                   /rest/all -> admin, base, eu
  storeViews (any caller, any scope)       -> default, admin, de, fr
  storeGroups and storeConfigs             -> id order (storeConfigs without admin), whoever asks
Why: Website-, Store- and GroupRepository::getList append the config's entries (id order) to those the
request has already loaded. StoreResolver loads the default store view at start-up, before the path's
code is read (PathProcessor::process then loads every store through getStores). Only a caller whom
TokenUserContext (sort order 10) does not name reaches CustomerSessionUserContext (20) before
OauthUserContext (40); its session storage namespace is customer_<website code>
(Customer/Model/Session/Storage), so the current store's website is loaded first. A Bearer caller
never starts that session (no PHPSESSID cookie is set, measured).
"""
from __future__ import annotations

import pytest
from oauthlib.oauth1 import SIGNATURE_HMAC_SHA256, Client


def _signed(anon, credentials, path):
    client = Client(credentials["consumer_key"], client_secret=credentials["consumer_secret"],
                    resource_owner_key=credentials["access_token"],
                    resource_owner_secret=credentials["access_token_secret"], signature_method=SIGNATURE_HMAC_SHA256)
    _, headers, _ = client.sign("http://localhost" + path, "GET")
    resp = anon.client.get(path, headers={"Authorization": headers["Authorization"]})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return [x["code"] for x in resp.get_json()]


def _bearer(admin, path):
    return [x["code"] for x in admin.get(path).get_json()]


@pytest.mark.parametrize("prefix", ["/rest", "/rest/default", "/rest/de", "/rest/fr", "/rest/all"])
def test_websites_to_a_bearer_token_are_in_id_order(admin, prefix):
    assert _bearer(admin, f"{prefix}/V1/store/websites") == ["admin", "base", "eu"]


@pytest.mark.parametrize(("prefix", "codes"), [
    ("/rest", ["base", "admin", "eu"]), ("/rest/default", ["base", "admin", "eu"]),
    ("/rest/de", ["eu", "admin", "base"]), ("/rest/fr", ["eu", "admin", "base"]),
    ("/rest/all", ["admin", "base", "eu"])])
def test_websites_to_an_oauth_integration_start_with_the_current_website(anon, credentials, prefix, codes):
    assert _signed(anon, credentials, f"{prefix}/V1/store/websites") == codes


@pytest.mark.parametrize("prefix", ["/rest", "/rest/de", "/rest/all"])
def test_store_views_start_with_the_default_view(admin, anon, credentials, prefix):
    assert _bearer(admin, f"{prefix}/V1/store/storeViews") == ["default", "admin", "de", "fr"]
    assert _signed(anon, credentials, f"{prefix}/V1/store/storeViews") == ["default", "admin", "de", "fr"]


@pytest.mark.parametrize("prefix", ["/rest", "/rest/de"])
def test_groups_and_configs_stay_in_id_order(admin, anon, credentials, prefix):
    groups = ["default", "main_website_store", "eu_store"]
    assert _bearer(admin, f"{prefix}/V1/store/storeGroups") == groups
    assert _signed(anon, credentials, f"{prefix}/V1/store/storeGroups") == groups
    assert _signed(anon, credentials, f"{prefix}/V1/store/storeConfigs") == ["default", "de", "fr"]
