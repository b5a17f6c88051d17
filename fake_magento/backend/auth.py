"""Who is calling and what they may do: admin/customer JWTs, integrations, ACL.

User types follow Authorization/Model/UserContextInterface.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jwt

from fake_magento.backend.token_throttle import (
    SIGN_IN_FAILED,
    THROTTLE_ADMIN,
    THROTTLE_CUSTOMER,
    RequestThrottler,
)
from fake_magento.errors import AuthenticationError, InputError, MagentoError, required_field
from fake_magento.storage.change_cache import ChangeCache

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.customers import AccountManagement
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

USER_TYPE_INTEGRATION = 1
USER_TYPE_ADMIN = 2
USER_TYPE_CUSTOMER = 3
USER_TYPE_GUEST = 4

ALL_RESOURCES = "Magento_Backend::all"
# Granted to every restricted role (Rules::saveRel adds Backend\App\AbstractAction::ADMIN_RESOURCE).
ADMIN_RESOURCE = "Magento_Backend::admin"
ANONYMOUS = "anonymous"
SELF = "self"


@dataclass(frozen=True)
class UserContext:
    user_type: int = USER_TYPE_GUEST
    user_id: int | None = None
    resources: tuple[str, ...] = field(default_factory=tuple)
    # Customer/Model/Customer/Authorization: "self" needs the current store among the customer's
    # shared stores (the stores of its website under customer/account_share/scope = 1).
    self_in_store: bool = True
    # CompositeUserContext reached CustomerSessionUserContext (sort order 20) because the bearer token
    # named no one: the customer session it builds loads the current website first
    # (Customer/Model/Session/Storage names its namespace after the website's code).
    customer_session: bool = False

    @property
    def is_guest(self) -> bool:
        return self.user_type == USER_TYPE_GUEST

    def allows(self, resource: str) -> bool:
        """Fw/Authorization::isAllowed with the webapi plugins (GuestAuthorization, CustomerAuthorization).

        A role saved with "all" holds one allow rule on the root, any other role an explicit allow or
        deny row for *every* resource (Authorization/Model/ResourceModel/Rules::saveRel, plus
        Magento_Backend::admin), and Acl/Loader/Rule denies what has no row. So a parent resource never
        grants its children: membership is exact.
        """
        if resource == ANONYMOUS:
            return True
        if resource == SELF:
            # Magento also lets a role with Magento_Backend::all through here (Policy/Acl::isAllowed falls
            # back to the root for an unknown resource) and the service then fails on a null customerId
            # (400 "customerId" is required); the emulator keeps the ACL 401 so views of "self" routes
            # only ever see customers.
            return self.user_type == USER_TYPE_CUSTOMER and self.self_in_store
        if self.user_type not in (USER_TYPE_ADMIN, USER_TYPE_INTEGRATION):
            return False
        return ALL_RESOURCES in self.resources or resource in self.resources or resource == ADMIN_RESOURCE


GUEST = UserContext()


class RequestUserContext:
    """CompositeUserContext for one request, resolved on first use.

    Magento asks for the caller only when a permission is checked against something other than
    ``anonymous`` (GuestAuthorization answers those without it) or when a service asks, so an
    invalid OAuth header on an anonymous route is never looked at and uses no nonce.
    """

    def __init__(self, resolve: Callable[[], UserContext]) -> None:
        self._resolve = resolve
        self._context: UserContext | None = None

    @property
    def context(self) -> UserContext:
        if self._context is None:
            self._context = self._resolve()
        return self._context

    @property
    def user_type(self) -> int:
        return self.context.user_type

    @property
    def user_id(self) -> int | None:
        return self.context.user_id

    @property
    def resources(self) -> tuple[str, ...]:
        return self.context.resources

    @property
    def is_guest(self) -> bool:
        return self.context.is_guest

    @property
    def customer_session(self) -> bool:
        return self.context.customer_session

    def allows(self, resource: str) -> bool:
        return True if resource == ANONYMOUS else self.context.allows(resource)


def hash_password(password: str, salt: str = "fake-magento") -> str:
    return hashlib.sha256(f"{salt}:{password}".encode()).hexdigest()


def check_password(password: str, digest: str, salt: str = "fake-magento") -> bool:
    return hmac.compare_digest(hash_password(password, salt), digest)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class AuthService:
    VERIFIED_TOKENS = 4096  # verified JWTs kept; the cache is emptied when full
    def __init__(self, db: Database, clock: Clock, config: Config, *, jwt_secret: str,
                 stores: StoreRepository, customers: AccountManagement) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.jwt_secret = jwt_secret
        self.stores = stores
        self.customers = customers
        from fake_magento.backend.oauth import OauthVerifier

        self.oauth = OauthVerifier(db, clock, config)
        self._verified: dict[tuple[str, str], tuple[int, int, int, int]] = {}
        self._token_users: ChangeCache[UserContext] = ChangeCache(db)
        self.throttler = RequestThrottler(db, clock)

    # -- token issuing -----------------------------------------------------------------------
    def issue_jwt(self, user_type: int, user_id: int) -> str:
        """JwtUserToken/Model/Issuer: a JWS with the protected header {"kid":"1","alg":"HS256"}
        (JwsManager puts the key id of the first key, then the algorithm) and the claims uid, utypid,
        iat, exp in that order; lifetime webapi/jwtauth/{admin,customer}_expiration minutes."""
        now = int(self.clock.time())
        minutes = (self.config.admin_token_minutes if user_type == USER_TYPE_ADMIN
                   else self.config.customer_token_minutes)
        if minutes <= 0:
            minutes = 30  # JwtUserToken/Model/Config/ConfigReader: a value <= 0 falls back to 30
        header = json.dumps({"kid": "1", "alg": "HS256"}, separators=(",", ":")).encode()
        claims = json.dumps({"uid": user_id, "utypid": user_type, "iat": now, "exp": now + minutes * 60},
                            separators=(",", ":")).encode()
        signing_input = f"{_b64(header)}.{_b64(claims)}"
        mac = hmac.new(self.jwt_secret.encode(), signing_input.encode(), hashlib.sha256).digest()
        return f"{signing_input}.{_b64(mac)}"

    def create_admin_token(self, username: Any, password: Any) -> str:
        """AdminTokenService::createAdminAccessToken: validate, throttle, log in, reset the count."""
        username, password = validate_credentials(username, password)
        self.throttler.check(username, THROTTLE_ADMIN)
        # User::authenticate: loadByUsername (case-insensitive column, admin/security/
        # use_case_sensitive_login = 0), then verifyIdentity.
        row = self.db.one("SELECT * FROM admin_user WHERE username=?", (username,))
        if row is None or not check_password(password, row["password_hash"]):
            self.throttler.log_failure(username, THROTTLE_ADMIN)
            raise AuthenticationError(SIGN_IN_FAILED)
        if not row["is_active"]:
            # User::verifyIdentity throws for an inactive account with the right password, out of
            # createAdminAccessToken before the failure is logged: same message, no count.
            raise AuthenticationError(SIGN_IN_FAILED)
        self.throttler.reset(username, THROTTLE_ADMIN)
        return self.issue_jwt(USER_TYPE_ADMIN, int(row["user_id"]))

    def create_customer_token(self, username: Any, password: Any, website_id: int) -> str:
        """CustomerTokenService::createCustomerAccessToken: any authentication failure is logged."""
        username, password = validate_credentials(username, password)
        self.throttler.check(username, THROTTLE_CUSTOMER)
        try:
            customer_id = self.customers.authenticate(username, password, website_id)
        except MagentoError:
            self.throttler.log_failure(username, THROTTLE_CUSTOMER)
            raise AuthenticationError(SIGN_IN_FAILED) from None
        self.throttler.reset(username, THROTTLE_CUSTOMER)
        return self.issue_jwt(USER_TYPE_CUSTOMER, customer_id)

    # -- revocation: JwtUserToken/Model/Revoker + RevokedValidator ---------------------------
    def revoke_tokens(self, user_type: int, user_id: int) -> None:
        """Every token of the user issued at or before now stops working (revokeFor saves time())."""
        with self.db.write() as conn:
            conn.execute("INSERT INTO jwt_revoked(user_type, user_id, revoked_before) VALUES (?,?,?)"
                         " ON CONFLICT(user_type, user_id) DO UPDATE SET revoked_before = excluded.revoked_before",
                         (user_type, user_id, int(self.clock.time())))

    def revoke_customer_token(self, customer_id: int) -> bool:
        """CustomerTokenService::revokeCustomerAccessToken."""
        self.revoke_tokens(USER_TYPE_CUSTOMER, int(customer_id))
        return True

    def set_admin_active(self, user_id: int, active: bool) -> None:
        """Saving an admin as inactive revokes its tokens (Integration/Plugin/Model/AdminUser::afterSave)."""
        with self.db.write() as conn:
            conn.execute("UPDATE admin_user SET is_active=? WHERE user_id=?", (1 if active else 0, user_id))
            if not active:
                self.revoke_tokens(USER_TYPE_ADMIN, user_id)

    # -- request authentication --------------------------------------------------------------
    def context_from_bearer(self, token: str, store_id: int | None = None) -> UserContext:
        """TokenUserContext::processRequest: a JWT (JwtUserToken/Model/Reader), else an integration's
        access token (OpaqueToken/Reader); any bad token leaves the caller a guest.

        The signature check is done once per token (``_read_jwt`` keeps what it verified) and expiry
        is checked on every request, as Magento's validators do; revocation and the user's row are
        kept until the database changes (``ChangeCache``)."""
        claims = self._read_jwt(token)
        if claims is None:
            return self.context_from_integration_bearer(token)
        user_type, user_id, issued_at, expires_at = claims
        # UserToken/ExpirationValidator (not for integrations) and JwtUserToken/RevokedValidator
        if user_type != USER_TYPE_INTEGRATION and expires_at <= self.clock.time():
            return GUEST
        key = (user_type, user_id, issued_at, store_id)
        return self._token_users.get(key, lambda: self._token_user(*key))

    def _token_user(self, user_type: int, user_id: int, issued_at: int, store_id: int | None) -> UserContext:
        """Who a valid, unexpired JWT names: one read of the user's row and its revocation time (a
        missing row or a revoked token: a guest)."""
        if user_type == USER_TYPE_ADMIN:
            row = self.db.one("SELECT a.is_active, a.resources, r.revoked_before FROM admin_user a"
                              " LEFT JOIN jwt_revoked r ON r.user_type=? AND r.user_id=a.user_id"
                              " WHERE a.user_id=?", (user_type, user_id))
            if row is None or (row[2] is not None and issued_at <= row[2]) or not row[0]:
                return GUEST
            return UserContext(USER_TYPE_ADMIN, user_id, tuple(json.loads(row[1])))
        if user_type == USER_TYPE_CUSTOMER:
            row = self.db.one("SELECT c.website_id, r.revoked_before FROM customer_entity c"
                              " LEFT JOIN jwt_revoked r ON r.user_type=? AND r.user_id=c.entity_id"
                              " WHERE c.entity_id=?", (user_type, user_id))
            if row is None or (row[1] is not None and issued_at <= row[1]):
                return GUEST
            in_store = store_id is None or store_id in self.stores.store_ids_of_website(row[0])
            return UserContext(USER_TYPE_CUSTOMER, user_id, (), self_in_store=in_store)
        return GUEST  # a JWT of any other user type names no one the emulator issues tokens to

    def _read_jwt(self, token: str) -> tuple[int, int, int, int] | None:
        """A JWS signed HS256 with our key whose uid, utypid, iat and exp are all non-empty:
        (utypid, uid, iat, exp). A token verified once is kept (by key and token: the verdict depends
        on nothing else), so later requests skip the HMAC and the base64/JSON decoding."""
        key = (self.jwt_secret, token)
        verified = self._verified.get(key)
        if verified is not None:
            return verified
        try:
            claims = jwt.decode(token, self.jwt_secret, algorithms=["HS256"],
                                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
        except jwt.PyJWTError:
            return None
        try:
            values = tuple(int(claims[name]) for name in ("utypid", "uid", "iat", "exp"))
        except (KeyError, TypeError, ValueError):
            return None
        if not all(values):
            return None
        if len(self._verified) >= self.VERIFIED_TOKENS:
            self._verified.clear()
        verified = self._verified[key] = (values[0], values[1], values[2], values[3])
        return verified

    def context_from_integration_bearer(self, token: str) -> UserContext:
        """An integration access token as a Bearer token: refused unless the setting is on (2.4.4+).

        OpaqueToken/Reader: a revoked token is refused; the integration is found by consumer id
        (findByConsumerId, active or not) and BearerTokenValidator asks only for the setting.
        """
        if not self.config.integration_bearer:
            return GUEST  # OpaqueToken/Reader: "Invalid token found" -> the caller stays a guest
        row = self.db.one("SELECT * FROM integration WHERE access_token = ? COLLATE NOCASE AND token_revoked=0",
                          (token,))
        return self._integration_context(row) if row else GUEST

    @staticmethod
    def _integration_context(row: Any, *, customer_session: bool = False) -> UserContext:
        return UserContext(USER_TYPE_INTEGRATION, int(row["integration_id"]), tuple(json.loads(row["resources"])),
                           customer_session=customer_session)

    def context_for_request(self, authorization: str | None, *,
                            details: Callable[[], dict[str, Any]] | None = None,
                            **request: Any) -> RequestUserContext:
        """CompositeUserContext: the token context first, then OAuth; otherwise a guest. Resolved lazily.

        ``details`` gives the request's method, host, raw path and query, content type, body, scheme,
        X-Forwarded-Proto and server port, which only an OAuth signature needs: asked for only then."""
        return RequestUserContext(lambda: self.resolve_context(authorization, details=details, **request))

    def resolve_context(self, authorization: str | None, *, details: Callable[[], dict[str, Any]] | None = None,
                        **request: Any) -> UserContext:
        if not authorization:
            return GUEST
        store_id = request.get("store_id")
        parts = authorization.split(" ")
        # TokenUserContext::processRequest: exactly two parts, case-insensitive scheme
        if len(parts) == 2 and parts[0].lower() == "bearer":
            context = self.context_from_bearer(parts[1], store_id)
            if not context.is_guest:
                return context
        from fake_magento.backend.oauth import oauth_request

        if details is not None:
            request = {**details(), **request}

        # OauthUserContext (sort order 40) sees the same header; errors it raises are the answer.
        row = self.oauth.integration_for(oauth_request(
            authorization=authorization, scheme=_scheme(request), **{
                k: v for k, v in request.items() if k in ("method", "host", "raw_path", "raw_query",
                                                          "content_type", "body")}))
        return self._integration_context(row, customer_session=True) if row is not None else GUEST


def _scheme(request: dict[str, Any]) -> str:
    """Fw/HTTP/PhpEnvironment/Request::getScheme: https when the server says so, on port 443, or when
    the offloader header (web/secure/offloader_header = X-Forwarded-Proto) is exactly "https"."""
    if request.get("scheme") == "https" or str(request.get("server_port") or "") == "443":
        return "https"
    if request.get("forwarded_proto") == "https":
        return "https"
    return "http"


def validate_credentials(username: Any, password: Any) -> tuple[str, str]:
    """Integration/Model/CredentialsValidator::validate: ``!is_string || strlen == 0``, both errors
    aggregated. Scalars arrive as strings (ServiceInputProcessor converts them to the declared type)."""
    username, password = _php_string(username), _php_string(password)
    error = InputError()
    if not username:
        error.add(*_required("username"))
    if not password:
        error.add(*_required("password"))
    if error:
        raise error
    return str(username), str(password)


def _php_string(value: Any) -> str | None:
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value if isinstance(value, str) else None


def _required(name: str) -> tuple[str, Any]:
    e = required_field(name)
    return e.message, e.parameters
