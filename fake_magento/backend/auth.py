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

from fake_magento.errors import AuthenticationError, InputError, required_field

if TYPE_CHECKING:
    from fake_magento.backend import Backend

USER_TYPE_INTEGRATION = 1
USER_TYPE_ADMIN = 2
USER_TYPE_CUSTOMER = 3
USER_TYPE_GUEST = 4

ALL_RESOURCES = "Magento_Backend::all"
ANONYMOUS = "anonymous"
SELF = "self"

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
        validate_credentials(username, password)
        row = self.db.one("SELECT * FROM admin_user WHERE username=?", (username,))
        if row is None or not row["is_active"] or not check_password(password, row["password_hash"]):
            raise AuthenticationError(SIGN_IN_FAILED)
        return self.issue_jwt(USER_TYPE_ADMIN, int(row["user_id"]))

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
            return UserContext(USER_TYPE_CUSTOMER, int(user_id), ())
        return GUEST

    def context_for_request(self, authorization: str | None, **request: Any) -> UserContext:
        if not authorization:
            return GUEST
        parts = authorization.split(" ")
        if len(parts) == 2 and parts[0].lower() == "bearer":
            return self.context_from_bearer(parts[1])
        return GUEST


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
