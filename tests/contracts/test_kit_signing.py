"""The kit's OAuth 1.0a signing: laminas's path normalisation and PHP's strnatcmp order.

The figures are the ones measured on the 2.4.7-p3 sandbox (magento-semantics.md § Measured); the
property test signs with the kit and verifies with the emulator's verifier, an independent port of
the same Magento code path, which the sandbox checks in tests/auth.
"""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from functools import cmp_to_key
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.signing import (
    MagentoOAuth1,
    base_string,
    normalise_path,
    query_params,
    signature_base_url,
    strnatcmp,
)
from fake_magento.backend.oauth import strnatcmp as emulator_strnatcmp


@pytest.mark.parametrize(("sent", "signed"), [
    ("/rest/V1/products/AB%2F12", "/rest/V1/products/AB/12"),
    ("/rest/V1/products/a%2Bb", "/rest/V1/products/a+b"),
    ("/rest/V1/products/a%26b", "/rest/V1/products/a&b"),
    ("/rest/V1/products/a%3A%40%3D%24%2C%3Bb", "/rest/V1/products/a:@=$,;b"),
    ("/rest/V1/products/a%20b", "/rest/V1/products/a%20b"),
    ("/rest/V1/products/a%3Fb%23c", "/rest/V1/products/a%3Fb%23c"),
    ("/rest/V1/products/a%2541", "/rest/V1/products/a%41"),
    ("/rest/V1/products/a%25zz", "/rest/V1/products/a%25zz"),
    ("/rest/V1/products/%c3%a9", "/rest/V1/products/%C3%A9"),
    ("/rest/V1/products/%41%7e", "/rest/V1/products/A~"),
    ("/rest/V1/./products/../products/x", "/rest/V1/products/x"),
])
def test_path_is_signed_as_laminas_normalises_it(sent: str, signed: str) -> None:
    assert normalise_path(sent) == signed


def test_signature_url_drops_default_port_and_query_and_lowercases_the_host() -> None:
    assert signature_base_url("HTTP://Shop.Example:80/rest/V1/x%2Fy?a=1") == "http://shop.example/rest/V1/x/y"
    assert signature_base_url("https://shop.example:8443/rest/V1/x") == "https://shop.example:8443/rest/V1/x"
    assert signature_base_url("http://h/rest/V1/x%2Fy", naive=True) == "http://h/rest/V1/x%2Fy"


def test_query_values_are_rawurldecoded_so_plus_stays_plus() -> None:
    assert query_params("a=x+y&b=x%20y&c&d=1=2&oauth_token=t") == [("a", "x+y"), ("b", "x y")]


def test_index_ten_sorts_after_index_nine() -> None:
    names = [f"searchCriteria%5BfilterGroups%5D%5B{i}%5D" for i in (10, 2, 9, 1)]
    ordered = sorted(names, key=cmp_to_key(strnatcmp))
    assert [n.split("%5B")[2].rstrip("%5D") for n in ordered] == ["1", "2", "9", "10"]


# PHP 8.2's own answers (php -r 'echo strnatcmp(...)' on this machine)
@pytest.mark.parametrize(("a", "b", "order"), [
    ("", "a", -1), ("a", "", 1), ("a2", "a10", -1), ("a02", "a1", -1), ("a01", "a1", -1), ("x0.5", "x0.10", -1),
    ("abc", "abd", -1), ("a 1", "a1", 0), ("02", "1", 1), ("01", "1", 0), ("10", "9", 1),
])
def test_strnatcmp_examples(a: str, b: str, order: int) -> None:
    assert (strnatcmp(a, b) > 0) - (strnatcmp(a, b) < 0) == order


@pytest.mark.skipif(shutil.which("php") is None, reason="no php binary to compare with")
def test_strnatcmp_agrees_with_php_itself() -> None:
    rng = random.Random(2024)
    pairs = [["".join(rng.choice("a09%5B _.") for _ in range(rng.randint(0, 6))) for _ in (0, 1)]
             for _ in range(2000)]
    script = "foreach (json_decode(stream_get_contents(STDIN)) as $p) { echo strnatcmp($p[0], $p[1]) <=> 0, \"\\n\"; }"
    answer = subprocess.run(["php", "-r", script], input=json.dumps(pairs), capture_output=True, text=True,
                            check=True, timeout=60)
    php = [int(x) for x in answer.stdout.split()]
    ours = [(strnatcmp(a, b) > 0) - (strnatcmp(a, b) < 0) for a, b in pairs]
    assert [p for p, x, y in zip(pairs, php, ours, strict=True) if x != y] == []


@settings(max_examples=300)
@given(st.text(alphabet="a0123456789%5BZ _-.", max_size=8), st.text(alphabet="a0123456789%5BZ _-.", max_size=8))
def test_strnatcmp_agrees_with_the_emulators_port(a: str, b: str) -> None:
    def sign(x: int) -> int:
        return (x > 0) - (x < 0)

    assert sign(strnatcmp(a, b)) == sign(emulator_strnatcmp(a, b))


def test_known_signature() -> None:
    """RFC 5849-style base string with laminas's URL and ordering."""
    text = base_string("get", "http://h/rest/V1/products/a%2Fb?searchCriteria%5BpageSize%5D=1",
                       [("oauth_nonce", "n"), ("searchCriteria[pageSize]", "1")])
    assert text == ("GET&http%3A%2F%2Fh%2Frest%2FV1%2Fproducts%2Fa%2Fb&"
                    "oauth_nonce%3Dn%26searchCriteria%255BpageSize%255D%3D1")


@settings(max_examples=60, deadline=None)
@given(sku=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=12),
       value=st.text(alphabet="ab +/&=%é", max_size=6))
def test_the_emulator_accepts_every_kit_signature(sku: str, value: str) -> None:
    from tests.conftest import make_app

    app = _APP.setdefault("app", make_app())
    creds = app.extensions["fake_magento"].db.get_meta("credentials")
    auth = MagentoOAuth1(creds["consumer_key"], creds["consumer_secret"], creds["access_token"],
                         creds["access_token_secret"])
    path = "/rest/V1/products/" + quote(sku, safe="")
    query = "searchCriteria%5Bx%5D=" + quote(value, safe="")
    header = auth.authorization("GET", f"http://localhost{path}?{query}")
    answer = app.test_client().get(path, query_string=query, headers={"Authorization": header},
                                   environ_overrides={"REQUEST_URI": f"{path}?{query}", "RAW_URI": f"{path}?{query}"})
    assert answer.status_code in (200, 404), answer.get_data(as_text=True)


_APP: dict[str, object] = {}
