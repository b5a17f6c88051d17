"""Who is calling and what they may do: admin/customer JWTs, integrations, ACL.

User types follow Authorization/Model/UserContextInterface.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jwt

from fake_magento.errors import AuthenticationError, InputError, MagentoError, required_field

if TYPE_CHECKING:
    from fake_magento.backend import Backend

USER_TYPE_INTEGRATION = 1
USER_TYPE_ADMIN = 2
USER_TYPE_CUSTOMER = 3
USER_TYPE_GUEST = 4

ALL_RESOURCES = "Magento_Backend::all"
ANONYMOUS = "anonymous"
SELF = "self"

# RequestThrottler user types
THROTTLE_CUSTOMER = 2
THROTTLE_ADMIN = 3

SIGN_IN_FAILED = ("The account sign-in was incorrect or your account is disabled temporarily. "
                  "Please wait and try again later.")


@dataclass(frozen=True)
class UserContext:
    user_type: int = USER_TYPE_GUEST
    user_id: int | None = None
    resources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_guest(self) -> bool:
        return self.user_type == USER_TYPE_GUEST

    def allows(self, resource: str) -> bool:
        if resource == ANONYMOUS:
            return True
        if resource == SELF:
            return self.user_type == USER_TYPE_CUSTOMER
        if self.user_type in (USER_TYPE_GUEST, USER_TYPE_CUSTOMER):
            return False
        return ALL_RESOURCES in self.resources or resource in self.resources


GUEST = UserContext()


def hash_password(password: str, salt: str = "fake-magento") -> str:
    return hashlib.sha256(f"{salt}:{password}".encode()).hexdigest()


def check_password(password: str, digest: str, salt: str = "fake-magento") -> bool:
    return hmac.compare_digest(hash_password(password, salt), digest)


class AuthService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    # -- token issuing -----------------------------------------------------------------------
    def issue_jwt(self, user_type: int, user_id: int) -> str:
        now = int(self.backend.clock.time())
        minutes = (self.backend.config.admin_token_minutes if user_type == USER_TYPE_ADMIN
                   else self.backend.config.customer_token_minutes)
        # JwtUserToken\Model\Issuer: claims uid, utypid, iat, exp; HS256.
        claims = {"uid": user_id, "utypid": user_type, "iat": now, "exp": now + minutes * 60}
        return jwt.encode(claims, self.backend.config.jwt_secret, algorithm="HS256")

    def create_admin_token(self, username: Any, password: Any) -> str:
        """AdminTokenService::createAdminAccessToken: validate, throttle, log in, reset the count."""
        validate_credentials(username, password)
        self._throttle(username, THROTTLE_ADMIN)
        row = self.db.one("SELECT * FROM admin_user WHERE username=?", (username,))
        if row is None or not row["is_active"] or not check_password(password, row["password_hash"]):
            self._log_failure(username, THROTTLE_ADMIN)
            raise AuthenticationError(SIGN_IN_FAILED)
        self._reset_failures(username, THROTTLE_ADMIN)
        return self.issue_jwt(USER_TYPE_ADMIN, int(row["user_id"]))

    def create_customer_token(self, username: Any, password: Any, website_id: int) -> str:
        """CustomerTokenService::createCustomerAccessToken: any authentication failure is logged."""
        validate_credentials(username, password)
        self._throttle(username, THROTTLE_CUSTOMER)
        try:
            customer_id = self.backend.customers.authenticate(username, password, website_id)
        except MagentoError:
            self._log_failure(username, THROTTLE_CUSTOMER)
            raise AuthenticationError(SIGN_IN_FAILED) from None
        self._reset_failures(username, THROTTLE_CUSTOMER)
        return self.issue_jwt(USER_TYPE_CUSTOMER, customer_id)

    # -- Oauth/Token/RequestThrottler ------------------------------------------------------
    # oauth/authentication_lock: max_failures_count 6, timeout 1800 s (Integration/etc/config.xml).
    # The count only counts while lock_expires_at (last failure + timeout) is in the future
    # (ResourceModel/Oauth/Token/RequestLog::getFailuresCount).
    MAX_FAILURES = 6
    LOCK_TIMEOUT = 1800

    def _throttle(self, username: str, user_type: int) -> None:
        row = self.db.one("SELECT failures_count FROM token_request_log WHERE user_name=? AND user_type=?"
                          " AND lock_expires_at > ?", (username, user_type, self.backend.clock.time()))
        if row is not None and row[0] >= self.MAX_FAILURES:
            raise AuthenticationError(SIGN_IN_FAILED)

    def _log_failure(self, username: str, user_type: int) -> None:
        expires = self.backend.clock.time() + self.LOCK_TIMEOUT
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO token_request_log(user_name, user_type, failures_count, lock_expires_at)"
                " VALUES (?,?,1,?) ON CONFLICT(user_name, user_type) DO UPDATE SET"
                " failures_count = failures_count + 1, lock_expires_at = excluded.lock_expires_at",
                (username, user_type, expires))

    def _reset_failures(self, username: str, user_type: int) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM token_request_log WHERE user_name=? AND user_type=?", (username, user_type))

    # -- request authentication --------------------------------------------------------------
    def context_from_bearer(self, token: str) -> UserContext:
        """TokenUserContext::processRequest: any bad token leaves the caller a guest."""
        try:
            claims = jwt.decode(token, self.backend.config.jwt_secret, algorithms=["HS256"],
                                options={"verify_exp": False, "verify_iat": False})
        except jwt.PyJWTError:
            return GUEST
        if claims.get("exp", 0) <= self.backend.clock.time():
            return GUEST
        user_type, user_id = claims.get("utypid"), claims.get("uid")
        if user_type == USER_TYPE_ADMIN:
            row = self.db.one("SELECT * FROM admin_user WHERE user_id=?", (user_id,))
            if row is None or not row["is_active"]:
                return GUEST
            return UserContext(USER_TYPE_ADMIN, int(user_id), tuple(json.loads(row["resources"])))
        if user_type == USER_TYPE_CUSTOMER:
            if self.backend.customers.exists(int(user_id)):
                return UserContext(USER_TYPE_CUSTOMER, int(user_id), ())
        return GUEST

    def context_from_integration_bearer(self, token: str) -> UserContext:
        """An integration access token as a Bearer token: refused unless the setting is on (2.4.4+)."""
        if not self.backend.config.integration_bearer:
            return GUEST  # OpaqueToken/Reader: "Invalid token found" -> the caller stays a guest
        row = self.db.one("SELECT * FROM integration WHERE access_token=? AND status=1 AND token_revoked=0",
                          (token,))
        return self._integration_context(row) if row else GUEST

    @staticmethod
    def _integration_context(row: Any) -> UserContext:
        return UserContext(USER_TYPE_INTEGRATION, int(row["integration_id"]), tuple(json.loads(row["resources"])))

    def context_for_request(self, authorization: str | None, **request: Any) -> UserContext:
        """CompositeUserContext: the token context first, then OAuth; otherwise a guest."""
        if not authorization:
            return GUEST
        parts = authorization.split(" ")
        # TokenUserContext::processRequest: exactly two parts, case-insensitive scheme
        if len(parts) == 2 and parts[0].lower() == "bearer":
            context = self.context_from_bearer(parts[1])
            if context.is_guest:
                context = self.context_from_integration_bearer(parts[1])
            return context
        from fake_magento.backend.oauth import OauthVerifier, oauth_request

        row = OauthVerifier(self.backend).integration_for(oauth_request(authorization=authorization, **request))
        return self._integration_context(row) if row is not None else GUEST


def validate_credentials(username: Any, password: Any) -> None:
    """Integration/Model/CredentialsValidator::validate: both errors aggregated."""
    error = InputError()
    if not isinstance(username, str) or username.strip() == "":
        error.add(*_required("username"))
    if not isinstance(password, str) or password.strip() == "":
        error.add(*_required("password"))
    if error:
        raise error


def _required(name: str) -> tuple[str, Any]:
    e = required_field(name)
    return e.message, e.parameters
