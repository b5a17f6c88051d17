"""OAuth 1.0a HMAC-SHA256 signing over the URL exactly as Magento verifies it.

Magento rebuilds the signature from ``scheme://Host`` + REQUEST_URI (Fw/Oauth/Helper/Request) and
hands it to laminas-oauth, whose ``normaliseBaseSignatureUrl`` runs laminas-uri's
``Uri::normalize``: path escapes of ``[A-Za-z0-9_.~:@&=+$,/;%-]`` are decoded before the base
string is built, while ``%20``, ``%3F``, ``%23`` and non-ASCII escapes stay (measured on a real
2.4.7-p3, reference/magento-semantics.md § Measured). A client that signs ``/V1/products/AB%2F12``
as sent gets 401 ``The signature is invalid. Verify and try again.``; signed as
``/V1/products/AB/12`` it passes.

Later Magento source (``Magento\\Framework\\Oauth\\Helper\\Uri\\Http``, not in 2.4.7-p3) decodes
only unreserved escapes, i.e. verifies the path as sent. ``normalisation="auto"`` signs the
laminas way first and, on that 401, once the other way, then keeps whichever the server took.

Parameters are ordered by ``uksort($params, 'strnatcmp')`` on the encoded names
(laminas AbstractSignature::toByteValueOrderedQueryString), not by byte value as RFC 5849 and
oauthlib order them: the two differ once a searchCriteria index reaches 10.
"""
from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from functools import cmp_to_key
from typing import Literal
from urllib.parse import quote_from_bytes, unquote_to_bytes, urlsplit

import requests
from oauthlib.oauth1.rfc5849.signature import sign_hmac_sha256_with_client
from requests_oauthlib import OAuth1

Normalisation = Literal["laminas", "unreserved"]
SignatureMode = Literal["laminas", "unreserved", "auto"]

_UNRESERVED = r"A-Za-z0-9_.~\-"
# laminas-uri Uri::normalizePath: which escapes are decoded, per normalisation.
_DECODED = {"laminas": re.compile(rf"[{_UNRESERVED}:@&=+$,/;%]"),
            "unreserved": re.compile(rf"[{_UNRESERVED}]")}
# laminas-uri Uri::encodePath: what is (re-)encoded afterwards (parentheses are left alone there).
_PATH_UNSAFE = re.compile(rf"(?:[^{_UNRESERVED})(:@&=+$,/;%]+|%(?![A-Fa-f0-9]{{2}}))")
_ESCAPE = re.compile(r"%[A-Fa-f0-9]{2}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def rawurlencode(value: bytes | str) -> str:
    data = value.encode("utf-8") if isinstance(value, str) else value
    return quote_from_bytes(data, safe="~")


def normalise_path(path: str, normalisation: Normalisation = "laminas") -> str:
    allowed = _DECODED[normalisation]

    def decode(m: re.Match[str]) -> str:
        char = chr(int(m.group(0)[1:], 16))
        return char if allowed.fullmatch(char) else m.group(0).upper()

    path = _ESCAPE.sub(decode, remove_dot_segments(path))
    return _PATH_UNSAFE.sub(lambda m: rawurlencode(m.group(0)), path)


def remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4, as laminas-uri's removePathDotSegments applies it."""
    out: list[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith("./") or path.startswith("/./"):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:]
            if out:
                out.pop()
        elif path in (".", ".."):
            path = ""
        else:
            cut = path.find("/", 1)
            segment, path = (path, "") if cut < 0 else (path[:cut], path[cut:])
            out.append(segment)
    return "".join(out)


def signature_url(url: str, normalisation: Normalisation = "laminas") -> str:
    """The URL Magento signs: lower-case scheme and host, default port dropped, path normalised,
    query and fragment dropped."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return f"{scheme}://{netloc}{normalise_path(parts.path, normalisation) or '/'}"


def query_params(query: str) -> list[tuple[bytes, bytes]]:
    """Fw/Oauth/Helper/Request::_processRequest: ``&``-separated pairs with exactly one ``=``,
    rawurldecoded (a ``+`` stays a ``+``); others are left out of the base string."""
    pairs = []
    for pair in query.split("&") if query else []:
        pieces = pair.split("=")
        if len(pieces) == 2 and not pieces[0].startswith("oauth_"):
            pairs.append((unquote_to_bytes(pieces[0]), unquote_to_bytes(pieces[1])))
    return pairs


def base_string(method: str, url: str, params: list[tuple[bytes | str, bytes | str]],
                normalisation: Normalisation = "laminas") -> str:
    encoded = {rawurlencode(k): rawurlencode(v) for k, v in params}
    ordered = sorted(encoded, key=cmp_to_key(strnatcmp))
    joined = "&".join(f"{k}={encoded[k]}" for k in ordered)
    return "&".join((method.upper(), rawurlencode(signature_url(url, normalisation)), rawurlencode(joined)))


class MagentoOAuth1(OAuth1):  # type: ignore[misc]  # requests-oauthlib ships no types
    """requests-oauthlib's OAuth1 (it holds the four keys), signing Magento's base string.

    JSON bodies are not signed (Magento signs form bodies only, and the connector sends JSON).
    ``nonce`` and ``clock`` are injectable so tests are exact.
    """

    def __init__(self, consumer_key: str, consumer_secret: str, access_token: str, access_token_secret: str,
                 normalisation: SignatureMode = "auto", nonce: Callable[[], str] | None = None,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(consumer_key, consumer_secret, access_token, access_token_secret,
                         signature_method="HMAC-SHA256")
        self.keys = (consumer_key, consumer_secret, access_token, access_token_secret)
        self.mode = normalisation
        self.preferred: Normalisation = "unreserved" if normalisation == "unreserved" else "laminas"
        self.nonce = nonce or (lambda: secrets.token_hex(16))
        self.clock = clock or time.time

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        return self.sign(r, self.preferred)

    def sign(self, r: requests.PreparedRequest, normalisation: Normalisation) -> requests.PreparedRequest:
        consumer_key, _, token, _ = self.keys
        oauth = {"oauth_consumer_key": consumer_key, "oauth_nonce": self.nonce(),
                 "oauth_signature_method": "HMAC-SHA256", "oauth_timestamp": str(int(self.clock())),
                 "oauth_token": token, "oauth_version": "1.0"}
        url = r.url or ""
        params: list[tuple[bytes | str, bytes | str]] = list(oauth.items())
        params += query_params(urlsplit(url).query)
        text = base_string(r.method or "GET", url, params, normalisation)
        oauth["oauth_signature"] = sign_hmac_sha256_with_client(text, self.client)
        r.headers["Authorization"] = "OAuth " + ",".join(
            f'{k}="{rawurlencode(v)}"' for k, v in sorted(oauth.items()))
        return r

    def alternative(self, url: str) -> Normalisation | None:
        """The other normalisation, when ``auto`` may retry a refused signature and the two
        normalisations really give different URLs for this one."""
        if self.mode != "auto":
            return None
        other: Normalisation = "unreserved" if self.preferred == "laminas" else "laminas"
        return other if signature_url(url, other) != signature_url(url, self.preferred) else None


# -- PHP's strnatcmp (ext/standard/strnatcmp.c, natural order, case-sensitive) -----------------------
def strnatcmp(a: str, b: str) -> int:
    if not a or not b:  # PHP 8 strnatcmp_ex: an empty string sorts first, before any other
        return (len(a) > len(b)) - (len(a) < len(b))
    ai = bi = 0
    # leading zeros are skipped at the very start only (PHP 8 strnatcmp_ex)
    while ai + 1 < len(a) and a[ai] == "0" and _digit(a[ai + 1]):
        ai += 1
    while bi + 1 < len(b) and b[bi] == "0" and _digit(b[bi + 1]):
        bi += 1
    while True:
        while ai < len(a) and a[ai].isspace():
            ai += 1
        while bi < len(b) and b[bi].isspace():
            bi += 1
        ca = a[ai] if ai < len(a) else ""
        cb = b[bi] if bi < len(b) else ""
        if _digit(ca) and _digit(cb):
            compare = _compare_left if ca == "0" or cb == "0" else _compare_right
            result, ai, bi = compare(a, ai, b, bi)
            if result:
                return result
            if ai >= len(a) and bi >= len(b):
                return 0
            continue
        if ca != cb:
            return -1 if ca < cb else 1
        ai += 1
        bi += 1
        if ai >= len(a) and bi >= len(b):
            return 0
        if ai >= len(a):
            return -1
        if bi >= len(b):
            return 1


def _digit(c: str) -> bool:
    return c != "" and c in "0123456789"


def _compare_right(a: str, ai: int, b: str, bi: int) -> tuple[int, int, int]:
    """Integer runs: the longer run is greater; at equal length the first difference decides."""
    bias = 0
    while True:
        da = ai < len(a) and _digit(a[ai])
        db = bi < len(b) and _digit(b[bi])
        if not da and not db:
            return bias, ai, bi
        if not da:
            return -1, ai, bi
        if not db:
            return 1, ai, bi
        if not bias and a[ai] != b[bi]:
            bias = -1 if a[ai] < b[bi] else 1
        ai += 1
        bi += 1


def _compare_left(a: str, ai: int, b: str, bi: int) -> tuple[int, int, int]:
    """Runs with a leading zero compare as fractions: the first different digit decides."""
    while True:
        da = ai < len(a) and _digit(a[ai])
        db = bi < len(b) and _digit(b[bi])
        if not da and not db:
            return 0, ai, bi
        if not da:
            return -1, ai, bi
        if not db:
            return 1, ai, bi
        if a[ai] != b[bi]:
            return (-1 if a[ai] < b[bi] else 1), ai, bi
        ai += 1
        bi += 1
