"""OAuth 1.0a request verification for integrations, step by step as Magento does it.

Order and messages: Webapi/Model/Authorization/OauthUserContext::getUserId ->
Fw/Oauth/Helper/Request::prepareRequest (which parameters are signed) ->
Fw/Oauth/Oauth::validateAccessTokenRequest (_validateProtocolParams, the token provider,
_validateSignature) and Integration/Model/Oauth/Nonce/Generator::validateNonce.

Strings are handled as PHP does, as bytes: a "byte string" here is a ``str`` whose characters
are the bytes 0-255 (latin-1), which is also how WSGI hands over headers and the request URI.
The base string and the HMAC come from oauthlib (``signature_base_string``,
``sign_hmac_sha256_with_client``); what goes into them follows Magento: its parameter collection, its URL
normalisation (oauth_url.py: laminas-oauth's by default) and PHP's ``strnatcmp`` order of the encoded names.
"""
from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from functools import cmp_to_key
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote_from_bytes, unquote_to_bytes

from oauthlib.oauth1.rfc5849 import signature

from fake_magento.backend.oauth_url import signed_url
from fake_magento.errors import AuthenticationError, InputError, InternalError, MagentoError, required_field

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.config import Config
    from fake_magento.storage import Database

TOKEN_LENGTH = 32            # Fw/Oauth/Helper/Oauth::LENGTH_TOKEN, LENGTH_CONSUMER_KEY
NONCE_COLUMN_LENGTH = 32     # Integration/etc/db_schema.xml: oauth_nonce.nonce varchar(32)
TIME_DEVIATION = 600         # Nonce/Generator::TIME_DEVIATION
SUPPORTED_METHODS = ("HMAC-SHA256",)   # Oauth::getSupportedSignatureMethods (2.4.4+)
REQUIRED = ("oauth_consumer_key", "oauth_signature", "oauth_signature_method", "oauth_nonce", "oauth_timestamp",
            "oauth_token")   # Oauth::validateAccessTokenRequest
FORM_TYPE = "application/x-www-form-urlencoded"   # Laminas\Http\Client::ENC_URLENCODED
# Request::_isProtocolParameter: preg_match('/oauth_[a-z_-]+/') - unanchored, on the raw name.
_PROTOCOL = re.compile(r"oauth_[a-z_-]+")


@dataclass(frozen=True)
class SignedRequest:
    method: str
    scheme: str
    host: str
    raw_path: str
    raw_query: str
    authorization: str
    content_type: str = ""
    body: bytes = b""


# -- PHP string helpers ---------------------------------------------------------------------------
def rawurldecode(value: str) -> str:
    return unquote_to_bytes(value.encode("latin-1", "replace")).decode("latin-1")


def urldecode(value: str) -> str:
    return rawurldecode(value.replace("+", " "))


def rawurlencode(value: str) -> str:
    """PHP rawurlencode (RFC 3986: only A-Z a-z 0-9 - _ . ~ stay), on bytes."""
    return quote_from_bytes(value.encode("latin-1", "replace"), safe="")


def is_protocol_param(name: str) -> bool:
    return _PROTOCOL.search(name) is not None


_NUMERIC = re.compile(r"^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$")
_LEADING_NUMBER = re.compile(r"^[ \t\n\r\v\f]*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)")


def php_int(value: str) -> int:
    """PHP 8 ``(int)$string``: the leading number (with fraction/exponent), else 0."""
    m = _LEADING_NUMBER.match(value)
    if not m:
        return 0
    text = m.group(1)
    if re.fullmatch(r"[+-]?\d+", text):
        return max(-(2**63), min(2**63 - 1, int(text)))
    number = float(text)
    if not math.isfinite(number):
        return 0
    return max(-(2**63), min(2**63 - 1, int(number)))


def php_loose_equals(a: str, b: str) -> bool:
    """PHP 8 ``$a == $b`` for two strings: numerically when both are numeric strings."""
    if _NUMERIC.match(a) and _NUMERIC.match(b):
        return float(a) == float(b)
    return a == b


def php_truthy(value: str | None) -> bool:
    return value not in (None, "", "0")


def strnatcmp(a: str, b: str) -> int:
    """PHP's strnatcmp (ext/standard/strnatcmp.c), which Magento uses to order the signed names."""
    if not a or not b:
        return (len(a) > len(b)) - (len(a) < len(b))
    ai = bi = 0
    alen, blen = len(a), len(b)
    leading = True
    while True:
        ca = a[ai] if ai < alen else "\0"
        cb = b[bi] if bi < blen else "\0"
        while leading and ca == "0" and ai + 1 < alen and a[ai + 1].isdigit():
            ai += 1
            ca = a[ai]
        while leading and cb == "0" and bi + 1 < blen and b[bi + 1].isdigit():
            bi += 1
            cb = b[bi]
        leading = False
        while ca in " \t\n\r\v\f":
            ai += 1
            ca = a[ai] if ai < alen else "\0"
        while cb in " \t\n\r\v\f":
            bi += 1
            cb = b[bi] if bi < blen else "\0"
        if _digit(ca) and _digit(cb):
            fractional = ca == "0" or cb == "0"
            result, ai, bi = (_compare_left if fractional else _compare_right)(a, ai, b, bi)
            if result:
                return result
            if ai == alen and bi == blen:
                return 0
            if ai == alen:
                return -1
            if bi == blen:
                return 1
            ca, cb = a[ai], b[bi]
        if ca < cb:
            return -1
        if ca > cb:
            return 1
        ai += 1
        bi += 1
        if ai >= alen and bi >= blen:
            return 0
        if ai >= alen:
            return -1
        if bi >= blen:
            return 1


def _digit(c: str) -> bool:
    return "0" <= c <= "9"


def _compare_right(a: str, ai: int, b: str, bi: int) -> tuple[int, int, int]:
    """The longest run of digits wins; at equal length the first difference (the bias) decides."""
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
        if a[ai] < b[bi] and not bias:
            bias = -1
        elif a[ai] > b[bi] and not bias:
            bias = 1
        ai += 1
        bi += 1


def _compare_left(a: str, ai: int, b: str, bi: int) -> tuple[int, int, int]:
    """Left-aligned (fractional) digit runs: the first different digit wins."""
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


# -- which parameters are signed: Fw/Oauth/Helper/Request --------------------------------------------
def _header_params(authorization: str) -> dict[str, str] | None:
    """Request::_processHeader: None when the header has no ``OAuth `` part (not an OAuth request)."""
    at = authorization.lower().find("oauth ") if authorization else -1
    if at < 0:
        return None
    params: dict[str, str] = {}
    for part in authorization[at + 6:].split(","):
        name, sep, value = part.strip(" \t\n\r\0\x0b").partition("=")
        if sep and is_protocol_param(name):
            params[rawurldecode(name)] = rawurldecode(value.strip('"'))
    return params


def parse_str(body: str) -> dict[str, Any]:
    """PHP parse_str for flat names; a name with ``[...]`` becomes an array (marked as a list)."""
    result: dict[str, Any] = {}
    for pair in body.split("&"):
        if not pair:
            continue
        raw_name, _, raw_value = pair.partition("=")
        name = urldecode(raw_name).lstrip(" ")
        value = urldecode(raw_value)
        bracket = name.find("[")
        if bracket > 0 and "]" in name[bracket:]:
            base = name[:bracket].replace(" ", "_").replace(".", "_")
            result[base] = [value]   # an array value: what it holds does not matter here
            continue
        if bracket >= 0:  # an unmatched '[' becomes '_' (php_register_variable_ex)
            name = name[:bracket] + "_" + name[bracket + 1:]
        name = name.replace(" ", "_").replace(".", "_")
        if name:
            result[name] = value
    return result


def collect_params(req: SignedRequest) -> dict[str, Any]:
    """Request::_processRequest: header oauth_* params, then form body params, then query params."""
    params = _header_params(req.authorization)
    if params is None:
        return {}
    if req.content_type.startswith(FORM_TYPE):
        header_was_empty = not params
        for name, value in parse_str(req.body.decode("latin-1")).items():
            if not is_protocol_param(name) or header_was_empty:
                params[name] = value
    for pair in req.raw_query.split("&") if req.raw_query else []:
        pieces = pair.split("=")
        # Only pairs with exactly one "="; rawurldecode keeps "+" as "+".
        if len(pieces) == 2 and not is_protocol_param(pieces[0]):
            params[rawurldecode(pieces[0])] = rawurldecode(pieces[1])
    # (_fetchProtocolParamsFromQuery is given the query as a string, never an array: a no-op.)
    return params


def signature_base_string(method: str, url: str, params: dict[str, Any]) -> str:
    """Laminas AbstractSignature::getBaseSignatureString: names and values rawurlencoded, ordered by
    ``uksort($params, 'strnatcmp')`` on the encoded names, then oauthlib's base string."""
    encoded: dict[str, str] = {}
    for name, value in params.items():
        if name == "oauth_signature":
            continue
        if isinstance(value, list):
            # (string) of a PHP array raises "Array to string conversion", which Magento's
            # ErrorHandler turns into an exception: a masked 500.
            raise InternalError("Array to string conversion")
        encoded[rawurlencode(name)] = rawurlencode(value)
    ordered = sorted(encoded, key=cmp_to_key(strnatcmp))
    normalized = "&".join(f"{k}={encoded[k]}" for k in ordered)
    return signature.signature_base_string(method, url, normalized)


# -- the checks, in Magento's order ----------------------------------------------------------------
class OauthVerifier:
    def __init__(self, db: Database, clock: Clock, config: Config) -> None:
        self.db = db
        self.clock = clock
        self.config = config

    def integration_for(self, req: SignedRequest) -> sqlite3.Row | None:
        """The active integration that signed ``req``; None when it is not an OAuth request or the
        integration is not active (OauthUserContext::getUserId then answers null: the caller is a guest)."""
        params = collect_params(req)
        if not params:
            return None
        self._validate_protocol_params(params)
        consumer = self._consumer(params["oauth_consumer_key"])
        token = self._access_token(params["oauth_token"], consumer)
        self._validate_signature(params, req, consumer["consumer_secret"], token["access_token_secret"])
        # IntegrationService::findActiveIntegrationByConsumerId
        return consumer if consumer["status"] == 1 else None

    def _validate_protocol_params(self, params: dict[str, Any]) -> None:
        """Oauth::_validateProtocolParams: version, required, token length, method, consumer, nonce."""
        version = params.get("oauth_version")
        if version is not None and not php_loose_equals("1.0", _text(version)):
            raise MagentoError('The "%1" Oauth version isn\'t supported.', [_text(version)])
        missing = InputError()
        for name in REQUIRED:
            if params.get(name) is None:
                error = required_field(name)
                missing.add(error.message, error.parameters)
        if missing:
            raise missing
        if not _valid_token(params["oauth_token"]):
            raise MagentoError("The token length is invalid. Check the length and try again.")
        method = _text(params["oauth_signature_method"])
        if method not in SUPPORTED_METHODS:
            raise MagentoError("Signature method %1 is not supported", [method])
        consumer = self._consumer(params["oauth_consumer_key"])
        self._validate_nonce(consumer, _text(params["oauth_nonce"]), _text(params["oauth_timestamp"]))

    def _consumer(self, key: Any) -> sqlite3.Row:
        """Token/Provider::getConsumerByKey; the key column compares case-insensitively (utf8_general_ci)."""
        key = _text(key)
        if php_truthy(key) and len(key) != TOKEN_LENGTH:
            raise AuthenticationError("Consumer key is not the correct length")
        row = self.db.one("SELECT * FROM integration WHERE consumer_key = ? COLLATE NOCASE", (key,))
        if row is None:
            raise AuthenticationError("A consumer having the specified key does not exist")
        return row

    def _access_token(self, token: Any, consumer: sqlite3.Row) -> sqlite3.Row:
        """Token/Provider::validateAccessTokenRequest (every token the emulator holds is an access token)."""
        token = _text(token)
        if not _valid_token(token):
            raise AuthenticationError("The token length is invalid. Check the length and try again.")
        row = self.db.one("SELECT * FROM integration WHERE access_token = ? COLLATE NOCASE", (token,))
        if row is None:
            raise AuthenticationError("Specified token does not exist")
        if row["consumer_id"] != consumer["consumer_id"]:
            raise AuthenticationError("Token is not associated with the specified consumer")
        if row["token_revoked"]:
            raise AuthenticationError("Access token has been revoked")
        return row

    def _validate_nonce(self, consumer: sqlite3.Row, nonce: str, timestamp: str) -> None:
        """Nonce/Generator::validateNonce. Any failure but reuse is re-wrapped as one message (the
        timestamp's own OauthInputException included). MySQL (SQL_MODE='', utf8_general_ci) compares
        nonces case-insensitively and silently cuts them to 32 characters on insert, so reusing a longer
        nonce fails on the duplicate key instead: the generic message."""
        stamp = php_int(timestamp)
        if stamp <= 0 or stamp > self.clock.time() + TIME_DEVIATION:
            raise AuthenticationError("An error occurred validating the nonce")
        consumer_id = consumer["consumer_id"]
        with self.db.write() as conn:
            used = conn.execute("SELECT nonce FROM oauth_nonce WHERE consumer_id=? AND nonce = ? COLLATE NOCASE",
                                (consumer_id, nonce)).fetchone()
            if used is not None and php_truthy(used[0]):
                raise AuthenticationError("The nonce is already being used by the consumer with ID %1",
                                          [consumer_id])
            stored = nonce[:NONCE_COLUMN_LENGTH]
            clash = conn.execute("SELECT 1 FROM oauth_nonce WHERE consumer_id=? AND nonce = ? COLLATE NOCASE",
                                 (consumer_id, stored)).fetchone()
            if clash is not None:
                raise AuthenticationError("An error occurred validating the nonce")
            conn.execute("INSERT INTO oauth_nonce(consumer_id, nonce, timestamp) VALUES (?,?,?)",
                         (consumer_id, stored, stamp))

    def _validate_signature(self, params: dict[str, Any], req: SignedRequest, consumer_secret: str,
                            token_secret: str) -> None:
        """Oauth::_validateSignature: HMAC-SHA256 over Magento's base string, constant-time compare."""
        url = signed_url(req.scheme, req.host, req.raw_path, self.config.oauth_url_normalisation)
        base = signature_base_string(req.method, url, params)
        secrets = SimpleNamespace(client_secret=consumer_secret, resource_owner_secret=token_secret)
        expected = signature.sign_hmac_sha256_with_client(base, secrets)
        if not signature.safe_string_equals(expected, _text(params["oauth_signature"])):
            raise AuthenticationError("The signature is invalid. Verify and try again.")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "Array"


def _valid_token(token: Any) -> bool:
    """Token/Provider::validateOauthToken: ``$token && strlen($token) == 32``."""
    token = _text(token)
    return php_truthy(token) and len(token) == TOKEN_LENGTH


def oauth_request(**request: Any) -> SignedRequest:
    return SignedRequest(method=request.get("method", "GET"), scheme=request.get("scheme", "http"),
                         host=request.get("host", ""), raw_path=request.get("raw_path", ""),
                         raw_query=request.get("raw_query", ""), authorization=request.get("authorization", ""),
                         content_type=request.get("content_type", ""), body=request.get("body", b""))
