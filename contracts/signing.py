"""OAuth 1.0a HMAC-SHA256, signed over the request as Magento 2.4.7 rebuilds it.

Magento hands laminas-oauth ``scheme://Host`` + REQUEST_URI (Fw/Oauth/Helper/Request::getRequestUrl),
and laminas-oauth normalises that URL with laminas-uri before building the base string
(Signature/AbstractSignature::normaliseBaseSignatureUrl -> Uri::normalize): path escapes of
``[A-Za-z0-9_.~:@&=+$,/;%-]`` are decoded, other escapes stay (upper-cased) and characters outside
that set are escaped. Measured on the real 2.4.7-p3 sandbox (magento-semantics.md § Measured): a
client that signs ``/V1/products/AB%2F12`` as sent gets 401, signed as ``/V1/products/AB/12`` 200.

Query parameters are split on ``&`` and ``=`` and ``rawurldecode``-d (so ``+`` is a plus, not a
space: Fw/Oauth/Helper/Request::_extractQueryStringParams), and the parameters are ordered with
PHP's ``strnatcmp`` on their encoded names (AbstractSignature::toByteValueOrderedQueryString),
which differs from RFC 5849's byte order once a searchCriteria index reaches 10.

``naive=True`` signs the path as sent, as most clients do; the kit uses it to show Magento's 401.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from functools import cmp_to_key
from urllib.parse import quote, unquote, urlsplit

import requests
from requests.auth import AuthBase

_UNRESERVED = r"A-Za-z0-9_.~\-"
_DECODED_IN_PATH = re.compile(rf"[{_UNRESERVED}:@&=+$,/;%]")
_PATH_UNSAFE = re.compile(rf"(?:[^{_UNRESERVED})(:@&=+$,/;%]+|%(?![A-Fa-f0-9]{{2}}))")
_ESCAPE = re.compile(r"%[A-Fa-f0-9]{2}")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def rawurlencode(value: str) -> str:
    """PHP's rawurlencode with laminas's ``%7E`` -> ``~`` (Http/Utility::urlEncode)."""
    return quote(value, safe="~")


def remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4 (laminas-uri Uri::removePathDotSegments)."""
    out: list[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith(("./", "/./")):
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


def normalise_path(path: str) -> str:
    """laminas-uri Uri::normalizePath: decode the allowed escapes, then escape what is unsafe."""

    def decode(match: re.Match[str]) -> str:
        char = chr(int(match.group(0)[1:], 16))
        return char if _DECODED_IN_PATH.fullmatch(char) else match.group(0).upper()

    decoded = _ESCAPE.sub(decode, remove_dot_segments(path))
    return _PATH_UNSAFE.sub(lambda m: rawurlencode(m.group(0)), decoded)


def signature_base_url(url: str, naive: bool = False) -> str:
    """The URL laminas-oauth signs: lower-case scheme and host, no default port, no query."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = parts.path or "/"
    return f"{scheme}://{netloc}{path if naive else normalise_path(path)}"


def _digit_at(text: str, i: int) -> bool:
    return i < len(text) and text[i].isdigit() and text[i].isascii()


def _compare_digits(a: str, i: int, b: str, j: int, left_aligned: bool) -> tuple[int, int, int]:
    """ext/standard/strnatcmp.c compare_left / compare_right over one run of digits."""
    bias = 0
    while True:
        end_a, end_b = not _digit_at(a, i), not _digit_at(b, j)
        if end_a and end_b:
            return bias, i, j
        if end_a:
            return -1, i, j
        if end_b:
            return 1, i, j
        if a[i] != b[j]:
            order = -1 if a[i] < b[j] else 1
            if left_aligned:
                return order, i, j
            bias = bias or order
        i, j = i + 1, j + 1


def strnatcmp(a: str, b: str) -> int:
    """PHP's strnatcmp (strnatcmp_ex, case-sensitive), on the encoded parameter names laminas sorts.

    An empty string sorts first; leading zeros of the first number are skipped; runs of digits
    compare by value (right-aligned) unless one starts with 0 (left-aligned, as fractions).
    """
    if not a or not b:
        return (len(a) > len(b)) - (len(a) < len(b))
    i = j = 0
    leading = True
    while True:
        if leading:
            while a[i] == "0" and _digit_at(a, i + 1):
                i += 1
            while b[j] == "0" and _digit_at(b, j + 1):
                j += 1
            leading = False
        while i < len(a) and a[i].isspace():
            i += 1
        while j < len(b) and b[j].isspace():
            j += 1
        ca, cb = (a[i] if i < len(a) else "\0"), (b[j] if j < len(b) else "\0")
        if _digit_at(a, i) and _digit_at(b, j):
            result, i, j = _compare_digits(a, i, b, j, left_aligned=ca == "0" or cb == "0")
            if result:
                return result
            if i == len(a) and j == len(b):
                return 0
            if i == len(a):
                return -1
            if j == len(b):
                return 1
            ca, cb = a[i], b[j]
        if ca != cb:
            return -1 if ca < cb else 1
        i, j = i + 1, j + 1
        if i >= len(a) and j >= len(b):
            return 0
        if i >= len(a):
            return -1
        if j >= len(b):
            return 1


def query_params(query: str) -> list[tuple[str, str]]:
    """Fw/Oauth/Helper/Request::_extractQueryStringParams: exactly one ``=``, rawurldecode, last wins."""
    found: dict[str, str] = {}
    for pair in query.split("&") if query else []:
        parts = pair.split("=")
        if len(parts) == 2 and not re.search(r"oauth_[a-z_-]+", parts[0]):
            found[unquote(parts[0])] = unquote(parts[1])
    return list(found.items())


def base_string(method: str, url: str, params: list[tuple[str, str]], naive: bool = False) -> str:
    encoded = {rawurlencode(k): rawurlencode(v) for k, v in params if k != "oauth_signature"}
    ordered = sorted(encoded, key=cmp_to_key(strnatcmp))
    query = "&".join(f"{k}={encoded[k]}" for k in ordered)
    return "&".join([method.upper(), rawurlencode(signature_base_url(url, naive)), rawurlencode(query)])


def sign(key: str, text: str) -> str:
    digest = hmac.new(key.encode(), text.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


class MagentoOAuth1(AuthBase):
    """requests auth: OAuth 1.0a HMAC-SHA256 with Magento's base string."""

    def __init__(self, consumer_key: str, consumer_secret: str, access_token: str, access_token_secret: str,
                 naive: bool = False) -> None:
        self.consumer_key, self.consumer_secret = consumer_key, consumer_secret
        self.access_token, self.access_token_secret = access_token, access_token_secret
        self.naive = naive

    def authorization(self, method: str, url: str) -> str:
        oauth = {
            "oauth_consumer_key": self.consumer_key,
            "oauth_nonce": secrets.token_hex(16),
            "oauth_signature_method": "HMAC-SHA256",
            "oauth_timestamp": str(int(time.time())),
            "oauth_token": self.access_token,
            "oauth_version": "1.0",
        }
        params = list(oauth.items()) + query_params(urlsplit(url).query)
        key = f"{rawurlencode(self.consumer_secret)}&{rawurlencode(self.access_token_secret)}"
        oauth["oauth_signature"] = sign(key, base_string(method, url, params, self.naive))
        return "OAuth " + ", ".join(f'{k}="{rawurlencode(v)}"' for k, v in oauth.items())

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = self.authorization(request.method or "GET", request.url or "")
        return request
