"""OAuth 1.0a signing over the URL as Magento verifies it.

Evidence: laminas-oauth's normaliseBaseSignatureUrl and PHP's strnatcmp, run through PHP on the
Magento 2.4.7-p3 tree when both are on this machine (/root/magento-sandbox/magento; the PHP cross-
checks skip elsewhere); the emulator's own verifier (fake_magento/backend/oauth.py) for requests the
connector signs; the real sandbox for the measured cases (reference/magento-semantics.md § Measured).
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from collections.abc import Iterator
from functools import cmp_to_key
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connector.client import MagentoClient
from connector.errors import AuthenticationError, NotFoundError
from connector.requestor import Requestor, path
from connector.signing import MagentoOAuth1, base_string, normalise_path, signature_url, strnatcmp
from connector.transport import RetryPolicy, Transport, encode_query
from fake_magento import ThreadedServer
from fake_magento.backend.oauth import oauth_request, signature_base_string
from fake_magento.backend.oauth import strnatcmp as emulator_strnatcmp
from tests.support import make_app
from tests.support.emulator import control, emulator_config, start_emulator

MAGENTO_TREE = os.environ.get("MAGENTO_SOURCE", "/root/magento-sandbox/magento")
HAS_PHP = bool(shutil.which("php")) and os.path.exists(f"{MAGENTO_TREE}/vendor/autoload.php")
needs_php = pytest.mark.skipif(not HAS_PHP, reason="PHP and the Magento tree are not on this machine")

PHP = r"""<?php
require getenv('MAGENTO_TREE') . '/vendor/autoload.php';
$in = json_decode(stream_get_contents(STDIN), true);
$sig = new class('') extends \Laminas\OAuth\Signature\AbstractSignature {
    public function sign(array $params, $method = null, $url = null) { return ''; }
};
echo json_encode([
    'urls' => array_map(fn($u) => $sig->normaliseBaseSignatureUrl($u), $in['urls']),
    'cmp' => array_map(fn($p) => strnatcmp($p[0], $p[1]) <=> 0, $in['pairs']),
]);
"""


def php(urls: list[str] = [], pairs: list[tuple[str, str]] = []) -> dict[str, Any]:  # noqa: B006
    """One PHP run over many inputs: laminas' normalised URLs and strnatcmp signs."""
    out = subprocess.run(["php", "-r", PHP[len("<?php"):]], input=json.dumps({"urls": urls, "pairs": pairs}),
                         capture_output=True, text=True, check=True, env={**os.environ, "MAGENTO_TREE": MAGENTO_TREE})
    return dict(json.loads(out.stdout))


# -- laminas normalisation ----------------------------------------------------------------------------------
# (path as sent, signed by laminas, signed by the later "unreserved" helper)
PATHS = [
    ("/rest/V1/products/AB%2F12", "/rest/V1/products/AB/12", "/rest/V1/products/AB%2F12"),
    ("/rest/V1/products/a%2Bb", "/rest/V1/products/a+b", "/rest/V1/products/a%2Bb"),
    ("/rest/V1/products/a%26b", "/rest/V1/products/a&b", "/rest/V1/products/a%26b"),
    ("/p/%3A%40%3D%24%2C%3B", "/p/:@=$,;", "/p/%3A%40%3D%24%2C%3B"),
    ("/p/a%20b", "/p/a%20b", "/p/a%20b"),                      # a space stays escaped
    ("/p/a%3Fb%23c", "/p/a%3Fb%23c", "/p/a%3Fb%23c"),          # ? and # stay escaped
    ("/p/50%25off", "/p/50%25off", "/p/50%25off"),              # % is decoded, then re-encoded
    ("/p/a%2541", "/p/a%41", "/p/a%2541"),                      # ...unless two hex digits follow it
    ("/p/%C3%A9", "/p/%C3%A9", "/p/%C3%A9"),                    # non-ASCII escapes stay
    ("/p/%c3%a9", "/p/%C3%A9", "/p/%C3%A9"),                    # and are upper-cased
    ("/p/%41%7E%2D%2E%5F", "/p/A~-._", "/p/A~-._"),             # unreserved escapes are decoded by both
    ("/p/%28x%29", "/p/%28x%29", "/p/%28x%29"),                 # escaped parentheses stay escaped
    ("/p/(x)", "/p/(x)", "/p/(x)"),
    ("/p/é", "/p/%C3%A9", "/p/%C3%A9"),                         # raw non-ASCII is encoded
    ("/a/./b/../c", "/a/c", "/a/c"),                            # dot segments go
    ("/a/%2E%2E/b", "/a/../b", "/a/../b"),                      # escaped dots are decoded after that
    ("/p/%5B0%5D", "/p/%5B0%5D", "/p/%5B0%5D"),
]


@pytest.mark.parametrize(("sent", "laminas", "unreserved"), PATHS)
def test_normalise_path(sent: str, laminas: str, unreserved: str) -> None:
    assert normalise_path(sent, "laminas") == laminas
    assert normalise_path(sent, "unreserved") == unreserved


@pytest.mark.parametrize(("url", "signed"), [
    ("HTTP://Shop.Example.COM:80/rest/V1/x?a=1#f", "http://shop.example.com/rest/V1/x"),
    ("https://shop.example.com:443/rest/V1/x", "https://shop.example.com/rest/V1/x"),
    ("http://127.0.0.1:8082/rest/V1/products/AB%2F12", "http://127.0.0.1:8082/rest/V1/products/AB/12"),
    ("https://h:80/x", "https://h:80/x"),
    ("http://h", "http://h/"),
])
def test_signature_url(url: str, signed: str) -> None:
    assert signature_url(url) == signed


@needs_php
def test_normalisation_agrees_with_laminas_oauth() -> None:
    urls = [f"http://Shop.Example.com:80{sent}" for sent, _, _ in PATHS]
    urls += ["https://h:443/rest/V1/x?q=1", "http://h:8082/rest/de/V1/products/a%2Fb%2Bc%26d%20e"]
    assert [signature_url(u) for u in urls] == php(urls=urls)["urls"]


@needs_php
def test_normalisation_agrees_with_laminas_on_many_values() -> None:
    """800 URLs in one PHP run: path values as the requestor encodes them, and raw printable text."""
    rng = random.Random(11)
    alphabet = list("aZ09-_.~/+&%?#:@=,;$()[]|{}^`'\" ") + ["é", "ß", "€", "💡", "%2F", "%41", "%2e", "%zz", "%"]
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10))) for _ in range(400)]
    urls = [f"http://h/rest/V1/products/{path('{}', v)}" for v in values]
    # unencoded text too (what a caller might paste into a URL), printable characters only: the
    # connector never sends a raw control character, and Python's URL parser drops some of them
    urls += [f"http://h/raw/{v}" for v in values if not set(v) & set("#?")]
    assert [signature_url(u) for u in urls] == php(urls=urls)["urls"]


# -- strnatcmp (PHP ext/standard/strnatcmp.c) ---------------------------------------------------------------
def natsorted(values: list[str]) -> list[str]:
    return sorted(values, key=cmp_to_key(strnatcmp))


def test_strnatcmp_php_manual_examples() -> None:
    # the PHP manual's strnatcmp / natsort examples
    assert strnatcmp("img12.png", "img10.png") == 1
    assert natsorted(["img12.png", "img10.png", "img2.png", "img1.png"]) == [
        "img1.png", "img2.png", "img10.png", "img12.png"]
    assert natsorted(["-5", "3", "-2", "0", "-1000", "9", "1"]) == ["-2", "-5", "-1000", "0", "1", "3", "9"]
    # as PHP 8.2 answers it (Magento's runtime): 09 and 009 compare equal, so the stable sort keeps
    # them in input order (the manual's printed output predates PHP 8's leading-zero rule)
    assert natsorted(["09", "8", "10", "009", "011", "0"]) == ["0", "8", "09", "009", "10", "011"]


def test_strnatcmp_orders_search_criteria_indices_naturally() -> None:
    names = [f"searchCriteria%5Bfilter_groups%5D%5B{i}%5D" for i in (10, 2, 1, 0)]
    assert natsorted(names) == [f"searchCriteria%5Bfilter_groups%5D%5B{i}%5D" for i in (0, 1, 2, 10)]
    assert sorted(names) != natsorted(names)   # byte order (RFC 5849, oauthlib) differs


@pytest.mark.parametrize(("a", "b", "sign"), [
    ("a", "a", 0), ("a", "b", -1), ("b", "a", 1), ("a2", "a10", -1), ("a02", "a1", -1), ("09", "009", 0), ("", " ", -1), ("x 1", "x1", 0),
    ("A", "a", -1), ("", "a", -1), ("1.10", "1.9", 1), ("abc", "ab", 1),
])
def test_strnatcmp_cases(a: str, b: str, sign: int) -> None:
    assert strnatcmp(a, b) == sign


@needs_php
def test_strnatcmp_agrees_with_php() -> None:
    rng = random.Random(8)
    alphabet = "0012 9aAbz_[]%5D-."
    pairs = [("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))),
              "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))) for _ in range(3000)]
    pairs += [(f"oauth_{a}", f"oauth_{b}") for a, b in pairs[:200]]
    expected = php(pairs=pairs)["cmp"]
    assert [strnatcmp(a, b) for a, b in pairs] == expected


@settings(max_examples=300)
@given(st.text("0123 9aAz_[]%", max_size=10), st.text("0123 9aAz_[]%", max_size=10))
def test_strnatcmp_agrees_with_the_emulator(a: str, b: str) -> None:
    assert strnatcmp(a, b) == emulator_strnatcmp(a, b)


# -- requests the connector signs, checked by the emulator's verifier ----------------------------------------
KEYS = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")


@pytest.fixture(scope="module")
def backends() -> Iterator[dict[str, Any]]:
    """The emulator's backend per verification mode (minimal profile): 'laminas' is what 2.4.7-p3
    does, 'unreserved' the later Oauth/Helper/Uri/Http rule."""
    apps = {mode: make_app(oauth_url_normalisation=mode) for mode in ("laminas", "unreserved")}
    yield {mode: app.extensions["fake_magento"] for mode, app in apps.items()}
    for app in apps.values():
        app.extensions["fake_magento"].close()


def verify(backend: Any, mode: str, method: str, sku: str, value: str) -> Any:
    creds = backend.db.get_meta("credentials")
    auth = MagentoOAuth1(*(creds[k] for k in KEYS), normalisation=mode)  # type: ignore[arg-type]
    config = emulator_config_for("http://localhost:8080", creds)
    url = Requestor(config, Transport(auth=None)).url(path("products/{}", sku), store="de")
    params = [("searchCriteria[filter_groups][0][filters][0][value]", value), ("searchCriteria[pageSize]", "10")]
    prepared = requests.Request(method, f"{url}?{encode_query(params)}", json={"x": 1}).prepare()
    auth(prepared)
    parts = urlsplit(prepared.url)
    return backend.auth.oauth.integration_for(oauth_request(
        method=method, scheme="http", host="localhost:8080", raw_path=parts.path, raw_query=parts.query,
        authorization=prepared.headers["Authorization"], content_type="application/json",
        body=prepared.body or b""))


def emulator_config_for(url: str, creds: dict[str, Any]) -> Any:
    from connector.config import ConnectorConfig

    return ConnectorConfig.from_dict({"url": url, **{k: creds[k] for k in KEYS}})


sku_text = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("/+&% ?#é:@=,;$~")),
                   min_size=1, max_size=16).filter(lambda s: s not in (".", ".."))


@pytest.mark.parametrize("mode", ["laminas", "unreserved"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]), sku=sku_text, value=sku_text)
def test_signature_verifies_for_any_sku(backends: dict[str, Any], mode: str, method: str, sku: str,
                                        value: str) -> None:
    assert verify(backends[mode], mode, method, sku, value) is not None


@pytest.mark.parametrize("sku", ["AB/12", "a+b", "a&b", "a:b@c", "a=b,c;d$"])
def test_the_other_normalisation_is_refused(backends: dict[str, Any], sku: str) -> None:
    for server_mode, client_mode in (("laminas", "unreserved"), ("unreserved", "laminas")):
        with pytest.raises(Exception, match="The signature is invalid"):
            verify(backends[server_mode], client_mode, "GET", sku, "v")


def test_base_string_matches_the_emulators() -> None:
    url = "http://localhost:8080/rest/V1/products/a%2Fb"
    params = [(f"searchCriteria[filter_groups][{i}][filters][0][value]", f"v {i}+/") for i in (0, 1, 2, 10, 11)]
    params += [("oauth_nonce", "n"), ("oauth_token", "t")]
    mine = base_string("GET", url, params, "unreserved")
    theirs = signature_base_string("GET", "http://localhost:8080/rest/V1/products/a%2Fb", dict(params))
    assert mine == theirs


# -- the auto fallback, over a socket ----------------------------------------------------------------------------
def journal(server: ThreadedServer) -> list[dict[str, Any]]:
    return list(control(server, "journal", method="GET")["entries"])


@pytest.fixture(scope="module")
def unreserved_server() -> Iterator[ThreadedServer]:
    server = start_emulator(oauth_url_normalisation="unreserved")
    yield server
    server.stop()


def test_auto_falls_back_once_then_keeps_the_way_that_worked(unreserved_server: ThreadedServer) -> None:
    server = unreserved_server
    client = MagentoClient(emulator_config(server), retry=RetryPolicy(max_retries=0))
    control(server, "journal", method="DELETE")
    assert client.products.get("24-WB04/Blue").sku == "24-WB04/Blue"
    first = journal(server)
    assert [e["status"] for e in first] == [401, 200]          # laminas first, refused; then as sent
    assert client.transport.auth.preferred == "unreserved"
    control(server, "journal", method="DELETE")
    assert client.products.get("WS12+XL").sku == "WS12+XL"
    assert [e["status"] for e in journal(server)] == [200]     # straight away now


def test_plain_paths_need_no_fallback(unreserved_server: ThreadedServer) -> None:
    client = MagentoClient(emulator_config(unreserved_server))
    control(unreserved_server, "journal", method="DELETE")
    assert client.products.get("BA16-Navy").sku == "BA16-Navy"
    assert [e["status"] for e in journal(unreserved_server)] == [200]
    assert client.transport.auth.preferred == "laminas"


def test_fixed_laminas_signing_is_refused_by_an_unreserved_server(unreserved_server: ThreadedServer) -> None:
    client = MagentoClient(emulator_config(unreserved_server), signature="laminas")
    with pytest.raises(AuthenticationError) as caught:
        client.products.get("24-WB04/Blue")
    assert caught.value.status == 401
    assert caught.value.message == "The signature is invalid. Verify and try again."


def test_a_refused_fallback_answers_the_real_error(unreserved_server: ThreadedServer) -> None:
    client = MagentoClient(emulator_config(unreserved_server))
    with pytest.raises(NotFoundError) as caught:
        client.products.get("no/such+sku")
    assert caught.value.message == "The product that was requested doesn't exist. Verify the product and try again."


def test_auto_needs_one_request_on_a_laminas_server() -> None:
    server = start_emulator(oauth_url_normalisation="laminas")
    try:
        client = MagentoClient(emulator_config(server))
        assert client.products.get("24-WB04/Blue").sku == "24-WB04/Blue"
        assert [e["status"] for e in journal(server)][-1:] == [200]
        assert len(journal(server)) == 1
        assert client.transport.auth.preferred == "laminas"
    finally:
        server.stop()
