"""OAuth 1.0a request verification for integrations, step by step as Magento does it.

Order and messages: Webapi/Model/Authorization/OauthUserContext::getUserId ->
Fw/Oauth/Helper/Request::prepareRequest (which parameters are signed) ->
Fw/Oauth/Oauth::validateAccessTokenRequest (_validateProtocolParams, the token provider,
_validateSignature) and Integration/Model/Oauth/Nonce/Generator::validateNonce.
The base string and HMAC come from oauthlib; only HMAC-SHA256 is accepted (2.4.4+).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote

from oauthlib.oauth1.rfc5849 import signature

from fake_magento.errors import AuthenticationError, InputError, MagentoError, required_field

if TYPE_CHECKING:
    from fake_magento.backend import Backend

TOKEN_LENGTH = 32            # Fw/Oauth/Helper/Oauth::LENGTH_TOKEN and friends
TIME_DEVIATION = 600         # Nonce/Generator::TIME_DEVIATION
SUPPORTED_METHODS = ("HMAC-SHA256",)
PROTOCOL_PARAMS = ("oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_signature",
                   "oauth_timestamp", "oauth_nonce", "oauth_version", "oauth_callback", "oauth_verifier",
                   "scope", "realm")
REQUIRED = ("oauth_consumer_key", "oauth_signature", "oauth_signature_method", "oauth_nonce", "oauth_timestamp",
            "oauth_token")


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


def _is_protocol(name: str) -> bool:
    return name in PROTOCOL_PARAMS


def collect_params(req: SignedRequest) -> dict[str, str]:
    """Helper/Request::_processRequest: header oauth_* params, form body params, query params."""
    params: dict[str, str] = {}
    header = req.authorization or ""
    at = header.lower().find("oauth ")
    if at < 0:
        return {}
    for part in header[at + 6:].split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            continue
        if _is_protocol(name):
            params[unquote(name)] = unquote(value.strip('"'))
    if req.body and req.content_type.startswith("application/x-www-form-urlencoded"):
        for name, value in parse_qsl(req.body.decode("utf-8", "replace"), keep_blank_values=True):
            if not _is_protocol(name):
                params[name] = value
    for pair in req.raw_query.split("&") if req.raw_query else []:
        pieces = pair.split("=")
        # pairs without exactly one "=" are dropped; rawurldecode keeps "+" as "+"
        if len(pieces) == 2 and not _is_protocol(pieces[0]):
            params[unquote(pieces[0])] = unquote(pieces[1])
    return params


class OauthVerifier:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    def integration_for(self, req: SignedRequest) -> sqlite3.Row | None:
        """The active integration that signed ``req``; None when it is not an OAuth request."""
        params = collect_params(req)
        if not params:
            return None
        self._validate_protocol_params(params)
        consumer = self._consumer(params["oauth_consumer_key"])
        token = self._access_token(params["oauth_token"], consumer)
        self._validate_signature(params, req, consumer["consumer_secret"], token["access_token_secret"])
        if not consumer["status"]:
            return None
        return consumer

    def _validate_protocol_params(self, params: dict[str, str]) -> None:
        if "oauth_version" in params and params["oauth_version"] != "1.0":
            raise MagentoError('The "%1" Oauth version isn\'t supported.', [params["oauth_version"]])
        missing = InputError()
        for name in REQUIRED:
            if name not in params:
                error = required_field(name)
                missing.add(error.message, error.parameters)
        if missing:
            raise missing
        if len(params["oauth_token"]) != TOKEN_LENGTH:
            raise MagentoError("The token length is invalid. Check the length and try again.")
        method = params["oauth_signature_method"]
        if method not in SUPPORTED_METHODS:
            raise MagentoError("Signature method %1 is not supported", [method])
        consumer = self._consumer(params["oauth_consumer_key"])
        self._validate_nonce(consumer, params["oauth_nonce"], params["oauth_timestamp"])

    def _consumer(self, key: str) -> sqlite3.Row:
        # Integration/Model/Oauth/Token/Provider::getConsumerByKey
        if len(key) != TOKEN_LENGTH:
            raise AuthenticationError("Consumer key is not the correct length")
        row = self.db.one("SELECT * FROM integration WHERE consumer_key=?", (key,))
        if row is None:
            raise AuthenticationError("A consumer having the specified key does not exist")
        return row

    def _access_token(self, token: str, consumer: sqlite3.Row) -> sqlite3.Row:
        # Provider::validateAccessTokenRequest
        row = self.db.one("SELECT * FROM integration WHERE access_token=?", (token,))
        if row is None:
            raise AuthenticationError("Specified token does not exist")
        if row["consumer_id"] != consumer["consumer_id"]:
            raise AuthenticationError("Token is not associated with the specified consumer")
        if row["token_revoked"]:
            raise AuthenticationError("Access token has been revoked")
        return row

    def _validate_nonce(self, consumer: sqlite3.Row, nonce: str, timestamp: str) -> None:
        # Nonce/Generator::validateNonce: any failure but reuse is re-wrapped as one message.
        try:
            stamp = int(float(timestamp))
        except ValueError:
            stamp = 0
        if stamp <= 0 or stamp > self.backend.clock.time() + TIME_DEVIATION:
            raise AuthenticationError("An error occurred validating the nonce")
        with self.db.write() as conn:
            used = conn.execute("SELECT 1 FROM oauth_nonce WHERE consumer_id=? AND nonce=?",
                                (consumer["consumer_id"], nonce)).fetchone()
            if used:
                raise AuthenticationError("The nonce is already being used by the consumer with ID %1",
                                          [consumer["consumer_id"]])
            conn.execute("INSERT INTO oauth_nonce(consumer_id, nonce, timestamp) VALUES (?,?,?)",
                         (consumer["consumer_id"], nonce, stamp))

    def _validate_signature(self, params: dict[str, str], req: SignedRequest, consumer_secret: str,
                            token_secret: str) -> None:
        signed = [(k, v) for k, v in params.items() if k != "oauth_signature"]
        # Helper/Request::getRequestUrl: scheme://host + the raw request URI; Laminas drops the query.
        uri = signature.base_string_uri(f"{req.scheme}://{req.host}{req.raw_path}")
        base = signature.signature_base_string(req.method.upper(), uri, signature.normalize_parameters(signed))
        expected = signature.sign_hmac_sha256_with_client(
            base, SimpleNamespace(client_secret=consumer_secret, resource_owner_secret=token_secret))
        if not signature.safe_string_equals(expected, params["oauth_signature"]):
            raise AuthenticationError("The signature is invalid. Verify and try again.")


def oauth_request(**request: Any) -> SignedRequest:
    return SignedRequest(method=request.get("method", "GET"), scheme=request.get("scheme", "http"),
                         host=request.get("host", ""), raw_path=request.get("raw_path", ""),
                         raw_query=request.get("raw_query", ""), authorization=request.get("authorization", ""),
                         content_type=request.get("content_type", ""), body=request.get("body", b""))
