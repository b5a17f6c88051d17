"""The URL an OAuth signature is checked against: laminas-oauth's by default, as Magento 2.4.7-p3 does.

Evidence (the real sandbox, 2026-12-03): products with SKUs ``H10OB-AB/12``, ``H10OB-A+B``, ... created
over REST with the admin token, then each fetched with ``GET /rest/V1/products/<quote(sku, safe="")>``
signed by requests-oauthlib (HMAC-SHA256, the integration's keys from
/root/magento-sandbox/credentials.json) over three URLs: the path as sent, laminas' normalised path, and
the unreserved-only path (script: a requests AuthBase that signs a copy of the request with the other
URL and copies its Authorization header). Answers, as sent / laminas / unreserved:
  AB%2F12 A%2BB A%26B A%3AB A%40B A%3DB A%24B A%2CB A%3BB A%2541 -> 401 / 200 / 401
  A%20B A%25B %C3%84-%C3%A9 A~B                                    -> 200 / 200 / 200
401 is {"message":"The signature is invalid. Verify and try again."}. Lower-case escapes sent
(``AB%2f12``, ``%c3%84``, ``A%7eB``) verify only over ``AB/12``, ``%C3%84``, ``A~B``. Source:
vendor/laminas/laminas-oauth/src/Signature/AbstractSignature.php normaliseBaseSignatureUrl ->
vendor/laminas/laminas-uri/src/Uri.php normalizePath (2.4.7-p3 has no Fw/Oauth/Helper/Uri/Http).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
import requests
from requests_oauthlib import OAuth1

from fake_magento import Config
from fake_magento.backend.oauth_url import normalize_path
from tests.support import RestClient, admin_token, make_app

INVALID = {"message": "The signature is invalid. Verify and try again."}
# SKU suffix -> is the laminas-normalised path different from the path as sent?
SKUS = {
    "AB/12": True, "A+B": True, "A&B": True, "A:B": True, "A@B": True, "A=B": True, "A$B": True,
    "A,B": True, "A;B": True, "A%41": True,
    "A B": False, "A%B": False, "Ä-é": False, "A~B": False,
}


@pytest.mark.parametrize(("sent", "laminas", "unreserved"), [
    ("/rest/V1/products/AB%2F12", "/rest/V1/products/AB/12", "/rest/V1/products/AB%2F12"),
    ("/rest/V1/products/AB%2f12", "/rest/V1/products/AB/12", "/rest/V1/products/AB%2F12"),
    ("/p/A%2BB/A%26B/A%3AB/A%40B", "/p/A+B/A&B/A:B/A@B", "/p/A%2BB/A%26B/A%3AB/A%40B"),
    ("/p/A%3DB/A%24B/A%2CB/A%3BB", "/p/A=B/A$B/A,B/A;B", "/p/A%3DB/A%24B/A%2CB/A%3BB"),
    ("/p/A%2541", "/p/A%41", "/p/A%2541"),          # % decoded, and kept because an escape follows
    ("/p/A%25B", "/p/A%25B", "/p/A%25B"),           # % decoded, then re-encoded
    ("/p/A%20B", "/p/A%20B", "/p/A%20B"),
    ("/p/%c3%84", "/p/%C3%84", "/p/%C3%84"),
    ("/p/A%7eB/%41", "/p/A~B/A", "/p/A~B/A"),
    ("/p/a/./b/../c", "/p/a/c", "/p/a/c"),
    ("/p/a b", "/p/a%20b", "/p/a%20b"),
])
def test_normalised_paths(sent: str, laminas: str, unreserved: str) -> None:
    assert normalize_path(sent) == laminas
    assert normalize_path(sent, "laminas") == laminas
    assert normalize_path(sent, "unreserved") == unreserved


def test_the_option_is_checked() -> None:
    with pytest.raises(ValueError, match="oauth_url_normalisation"):
        Config(oauth_url_normalisation="rfc3986")


class SignOver(requests.auth.AuthBase):
    """requests-oauthlib's OAuth1, signing the request as if its path were ``path_for(path)``."""

    def __init__(self, oauth: OAuth1, path_for: Callable[[str], str]) -> None:
        self.oauth, self.path_for = oauth, path_for

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        copy = r.copy()
        copy.url = "http://localhost" + self.path_for(str(r.path_url))
        r.headers["Authorization"] = self.oauth(copy).headers["Authorization"]
        return r


def _signed_get(client: Any, creds: dict[str, str], path: str, path_for: Callable[[str], str]) -> Any:
    oauth = OAuth1(creds["consumer_key"], creds["consumer_secret"], creds["access_token"],
                   creds["access_token_secret"], signature_method="HMAC-SHA256")
    prepared = requests.Request("GET", "http://localhost" + path, auth=SignOver(oauth, path_for)).prepare()
    header = prepared.headers["Authorization"]   # requests-oauthlib leaves it as bytes
    return client.get(path, headers={"Authorization": header.decode() if isinstance(header, bytes) else header})


def _app_with_products(**config: Any) -> tuple[Any, dict[str, str]]:
    app = make_app(**config)
    backend = app.extensions["fake_magento"]
    client = app.test_client()
    admin = RestClient(client, admin_token(client, backend), "/rest/all/V1")
    for i, suffix in enumerate(SKUS):
        sku = "H10-" + suffix
        resp = admin.post("/products", {"product": {
            "sku": sku, "name": f"OAuth path {i}", "attribute_set_id": 4, "price": 1, "type_id": "simple"}})
        assert resp.status_code == 200, resp.get_json()
    return app, dict(backend.db.get_meta("credentials"))


@pytest.fixture(scope="module", params=["laminas", "unreserved"])
def mode_app(request: pytest.FixtureRequest) -> Any:
    app, creds = _app_with_products(oauth_url_normalisation=request.param)
    yield request.param, app.test_client(), creds
    app.extensions["fake_magento"].close()


@pytest.mark.parametrize("suffix", list(SKUS))
def test_signed_over_the_path_as_sent(mode_app: Any, suffix: str) -> None:
    mode, client, creds = mode_app
    path = "/rest/V1/products/" + quote("H10-" + suffix, safe="")
    resp = _signed_get(client, creds, path, lambda p: p)
    if mode == "laminas" and SKUS[suffix]:
        assert (resp.status_code, resp.get_json()) == (401, INVALID)   # measured on 2.4.7-p3
    else:
        assert resp.status_code == 200 and resp.get_json()["sku"] == "H10-" + suffix


@pytest.mark.parametrize("suffix", list(SKUS))
def test_signed_over_the_laminas_path(mode_app: Any, suffix: str) -> None:
    mode, client, creds = mode_app
    path = "/rest/V1/products/" + quote("H10-" + suffix, safe="")
    resp = _signed_get(client, creds, path, lambda p: normalize_path(p, "laminas"))
    if mode == "unreserved" and SKUS[suffix]:
        assert (resp.status_code, resp.get_json()) == (401, INVALID)
    else:
        assert resp.status_code == 200 and resp.get_json()["sku"] == "H10-" + suffix   # measured on 2.4.7-p3


def test_lower_case_escapes_verify_only_over_the_normalised_path(mode_app: Any) -> None:
    mode, client, creds = mode_app
    if mode != "laminas":
        pytest.skip("measured for laminas")
    path = "/rest/V1/products/H10-AB%2f12"   # sent as is; requests signs its own upper-cased form
    assert _signed_get(client, creds, path, lambda p: p).get_json() == INVALID
    assert _signed_get(client, creds, path, lambda p: p.replace("%2F", "/")).get_json()["sku"] == "H10-AB/12"


# -- the same function as laminas-uri, on the 2.4.7-p3 tree when PHP and the tree are here -----------------
MAGENTO_TREE = os.environ.get("MAGENTO_SOURCE", "/root/magento-sandbox/magento")
needs_php = pytest.mark.skipif(
    not (shutil.which("php") and os.path.exists(f"{MAGENTO_TREE}/vendor/autoload.php")),
    reason="PHP and the Magento 2.4.7-p3 tree are not on this machine")
PHP = r"""
require getenv('MAGENTO_TREE') . '/vendor/autoload.php';
$sig = new class('') extends \Laminas\OAuth\Signature\AbstractSignature {
    public function sign(array $params, $method = null, $url = null) { return ''; }
};
$out = [];
foreach (json_decode(stream_get_contents(STDIN), true) as $path) {
    $out[] = parse_url($sig->normaliseBaseSignatureUrl('http://h' . $path), PHP_URL_PATH);
}
echo json_encode($out);
"""


@needs_php
def test_laminas_mode_agrees_with_laminas_uri_on_random_paths() -> None:
    rng = random.Random(10)
    alphabet = list("aZ09-_.~/()!*'") + ["%2F", "%2f", "%2B", "%26", "%25", "%41", "%7E", "%3A", "%40", "%3D",
                                        "%24", "%2C", "%3B", "%20", "%3F", "%23", "%C3%A9", "%e9", "%", "%4",
                                        "é", " ", ":", "@", "+", "&", "=", "$", ",", ";", "[", "]", "%5B", "..",
                                        "."]
    paths = ["/rest/V1/products/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
             for _ in range(400)]
    out = subprocess.run(["php", "-r", PHP], input=json.dumps(paths), capture_output=True, text=True, check=True,
                         env={**os.environ, "MAGENTO_TREE": MAGENTO_TREE})
    expected = json.loads(out.stdout)
    mine = [normalize_path(p.encode("utf-8").decode("latin-1"), "laminas") or "/" for p in paths]
    assert [(p, m) for p, m, e in zip(paths, mine, expected) if m != e] == []
