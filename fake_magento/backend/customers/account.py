"""Customer/Model/AccountManagement: createAccount, authenticate, email availability, default
addresses, passwords, reset tokens, confirmation, validate.

The secure data (password hash, reset token, failure counter) lives in columns of
``customer_entity`` beside the REST document, as CustomerSecure does beside CustomerInterface.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fake_magento.backend.auth import SIGN_IN_FAILED, check_password, hash_password
from fake_magento.backend.clock import parse_stamp
from fake_magento.backend.customers.lookups import store_by_id, website_default_store
from fake_magento.backend.customers.metadata import CUSTOMER_ATTRIBUTES
from fake_magento.errors import (
    AuthenticationError,
    InputError,
    MagentoError,
    NoSuchEntityError,
    required_field,
)

if TYPE_CHECKING:
    from fake_magento.backend import SeedState
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.customers.repository import CustomerRepository
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.storage import Database

EMAIL_REMINDER = "email_reminder"   # AccountManagement::EMAIL_REMINDER
EMAIL_RESET = "email_reset"         # AccountManagement::EMAIL_RESET
RESET_LINK_EXPIRATION_HOURS = 2     # customer/password/reset_link_expiration_period (Customer/etc/config.xml)
LOCKOUT_FAILURES = 10               # customer/password/lockout_failures
LOCKOUT_SECONDS = 10 * 60           # customer/password/lockout_threshold (minutes)
MIN_PASSWORD_LENGTH = 8             # customer/password/minimum_password_length
REQUIRED_CLASSES = 3                # customer/password/required_character_classes_number
MAX_PASSWORD_LENGTH = 256           # AccountManagement::MAX_PASSWORD_LENGTH

ACCOUNT_CONFIRMED = "account_confirmed"
ACCOUNT_CONFIRMATION_REQUIRED = "account_confirmation_required"
ACCOUNT_CONFIRMATION_NOT_REQUIRED = "account_confirmation_not_required"

PASSWORD_MISMATCH = "The password doesn't match this account. Verify the password and try again."
SAME_AS_EMAIL = "The password can't be the same as the email address. Create a new password and try again."


class AccountManagement:
    def __init__(self, db: Database, clock: Clock, *, seeding: SeedState, stores: StoreRepository,
                 customers: CustomerRepository) -> None:
        self.db = db
        self.clock = clock
        self.seeding = seeding
        self.stores = stores
        self.customers = customers

    # -- accounts ------------------------------------------------------------------------------
    def create(self, customer: dict[str, Any], password: str | None, store_id: int, *,
               may_set_group: bool = True) -> dict[str, Any]:
        """AccountManagement::createAccount: password rules, then CustomerRepository::save."""
        customer = dict(customer)  # converted at the edge (ServiceInputProcessor) or by the seeder
        if not may_set_group:  # createAccount drops group_id unless Magento_Customer::manage
            customer.pop("group_id", None)
        if password is not None:
            check_password_strength(str(password))
            if str(customer.get("email") or "").lower() == str(password).lower():
                raise MagentoError(SAME_AS_EMAIL)  # CredentialsValidator::checkPasswordDifferentFromEmail
        if customer.get("store_id") in (None, "", 0, "0"):
            if customer.get("website_id") not in (None, "", 0, "0"):
                store_id = website_default_store(self.stores, customer["website_id"])
            customer["store_id"] = store_id
        store = store_by_id(self.stores, customer["store_id"])
        if customer.get("website_id") in (None, "", 0, "0"):
            customer["website_id"] = store["website_id"]
        if int(customer["website_id"]) != int(store["website_id"]):
            # AccountManagement::validateCustomerStoreIdByWebsiteId
            raise MagentoError("The store view is not in the associated website.")
        customer.pop("id", None)
        return self.customers.save_new(customer, password_hash=hash_password(password) if password else None,
                                       created_in=store["name"])

    def is_email_available(self, email: str, website_id: int) -> bool:
        return self.db.one("SELECT 1 FROM customer_entity WHERE email=? AND website_id=?",
                           (email, website_id)) is None

    def authenticate(self, email: str, password: str, website_id: int) -> int:
        """AccountManagement::authenticate within the website's account scope."""
        row = self.db.one("SELECT entity_id, password_hash, is_active FROM customer_entity"
                          " WHERE email=? AND website_id=?", (email, website_id))
        if row is None or not row["password_hash"] or not check_password(password, row["password_hash"]):
            raise AuthenticationError("Invalid login or password.")
        if not row["is_active"]:
            raise AuthenticationError(SIGN_IN_FAILED)
        return int(row["entity_id"])

    def default_address(self, customer_id: int | None, kind: str) -> dict[str, Any] | None:
        """AccountManagement::getDefaultBillingAddress/getDefaultShippingAddress: null when none."""
        customer = self.customers.get(customer_id)
        wanted = customer.get(f"default_{kind}")
        for address in customer.get("addresses", []):
            if wanted is not None and str(address["id"]) == str(wanted):
                return address
        return None

    # -- lookups -------------------------------------------------------------------------------
    def get_by_email(self, email: str, website_id: Any) -> dict[str, Any]:
        """CustomerRepository::get -> CustomerRegistry::retrieveByEmail (the website as given)."""
        row = self.db.one("SELECT entity_id FROM customer_entity WHERE email=? AND website_id=?",
                          (email, _int_or_none(website_id)))
        if row is None:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
                                    {"fieldName": "email", "fieldValue": email,
                                     "field2Name": "websiteId", "field2Value": website_id})
        return self.customers.get(row[0])

    def _secure(self, customer_id: int) -> Any:
        return self.db.one("SELECT password_hash, rp_token, rp_token_created_at, failures_num, first_failure,"
                           " lock_expires FROM customer_entity WHERE entity_id=?", (customer_id,))

    def _save(self, customer: dict[str, Any], **secure: Any) -> dict[str, Any]:
        """CustomerRepository::save of the unchanged document plus secure columns (updated_at moves)."""
        return self.customers.write_doc(customer, **secure)

    # -- passwords -----------------------------------------------------------------------------
    def change_password(self, customer_id: int, current: str, new: str) -> bool:
        """changePasswordById: Authentication::authenticate, then the new password's rules."""
        customer = self.customers.get(customer_id)
        self._authenticate(int(customer["id"]), current)
        check_new_password(str(customer["email"]), new)
        self._save(customer, password_hash=hash_password(new), rp_token=None, rp_token_created_at=None)
        return True

    def _authenticate(self, customer_id: int, password: str) -> None:
        """Customer/Model/Authentication::authenticate with processAuthenticationFailure.

        isLocked reads the customer CustomerRegistry loaded before the failure was counted, so the
        failure that sets the lock still answers the mismatch; the next wrong password (while locked)
        answers "The account is locked." A right password passes even while locked.
        """
        row = self._secure(customer_id)
        if row["password_hash"] and check_password(password, row["password_hash"]):
            return
        now = self.clock.time()
        was_locked = bool(row["lock_expires"]) and parse_stamp(row["lock_expires"]) > now
        failures = int(row["failures_num"] or 0) + 1
        first_failure, lock_expires = row["first_failure"], row["lock_expires"]
        lock_expired = lock_expires is not None and now > parse_stamp(lock_expires)
        if failures == 1 or not first_failure or lock_expired:
            first_failure, failures, lock_expires = self.clock.stamp(), 1, None
        elif failures >= LOCKOUT_FAILURES:
            lock_expires = _stamp(now + LOCKOUT_SECONDS)
        with self.db.write() as conn:  # CustomerAuthUpdate::saveAuth: only these columns
            conn.execute("UPDATE customer_entity SET failures_num=?, first_failure=?, lock_expires=?"
                         " WHERE entity_id=?", (failures, first_failure, lock_expires, customer_id))
        if was_locked:
            raise AuthenticationError("The account is locked.")  # UserLockedException: 401
        # InvalidEmailOrPasswordException re-thrown by AccountManagement::changePasswordForCustomer
        raise AuthenticationError(PASSWORD_MISMATCH)

    def initiate_password_reset(self, email: str, template: str, website_id: Any) -> bool:
        """initiatePasswordReset: a new token is saved before the template is checked (no email sent)."""
        customer = self.get_by_email(email, website_id)
        token = self._new_token(int(customer["id"]))
        self._save(customer, rp_token=token, rp_token_created_at=self.clock.stamp())
        if template not in (EMAIL_REMINDER, EMAIL_RESET):
            # handleUnknownTemplate runs after changeResetPasswordLinkToken has saved the token
            raise InputError('Invalid value of "%value" provided for the %fieldName field. '
                             "Possible values: %template1 or %template2.",
                             {"value": template, "fieldName": "template", "template1": EMAIL_REMINDER,
                              "template2": EMAIL_RESET})
        return True

    def _new_token(self, customer_id: int) -> str:
        """Math\\Random::getUniqueHash is an md5 (32 hex digits); a counter keeps it deterministic."""
        with self.db.write():
            serial = self.db.next_id("customer_rp_token")
        return hashlib.md5(f"{self.seeding.seed}:{customer_id}:{serial}".encode()).hexdigest()

    def reset_token(self, customer_id: int) -> str | None:
        """The stored reset token (what the emailed link would carry); for tests and the control plane."""
        row = self._secure(int(customer_id))
        return None if row is None else row["rp_token"]

    def validate_reset_token(self, customer_id: int, token: str) -> bool:
        """validateResetPasswordToken."""
        if not customer_id:
            raise InputError('Invalid value of "%value" provided for the %fieldName field.',
                             {"value": customer_id, "fieldName": "customerId"})
        if not token:
            raise required_field("resetPasswordLinkToken")
        self.customers.get(customer_id)  # CustomerRegistry::retrieveSecureData: no such customer first
        row = self._secure(int(customer_id))
        if not row["rp_token"] or not _same(row["rp_token"], token):
            raise MagentoError("The password token is mismatched. Reset and try again.")  # InputMismatch
        if self._expired(row["rp_token_created_at"]):
            raise MagentoError("The password token is expired. Reset and try again.")  # ExpiredException
        return True

    def _expired(self, created_at: str | None) -> bool:
        """isResetPasswordLinkTokenExpired: whole hours since creation >= the period, or in the future."""
        if not created_at:
            return True
        now, created = self.clock.time(), parse_stamp(created_at)
        if created > now:
            return True
        return (now - created) // 3600 >= RESET_LINK_EXPIRATION_HOURS

    def reset_password(self, email: str, token: str, new: str, website_id: Any) -> bool:
        """resetPassword: the customer by email in the current website, token, then password rules."""
        if not email:
            raise required_field("email")
        customer = self.get_by_email(email, website_id)
        self.validate_reset_token(int(customer["id"]), token)
        if email.lower() == new.lower():  # CredentialsValidator::checkPasswordDifferentFromEmail
            raise InputError(SAME_AS_EMAIL)
        check_password_strength(new)
        self._save(customer, password_hash=hash_password(new), rp_token=None, rp_token_created_at=None,
                   failures_num=0, first_failure=None, lock_expires=None)
        return True

    # -- confirmation --------------------------------------------------------------------------
    def confirmation_status(self, customer_id: Any) -> str:
        """getConfirmationStatus: customer/create_account/confirm is 0 by default, so confirmation is
        never required (AccountConfirmation::isConfirmationRequired)."""
        self.customers.get(customer_id)
        return ACCOUNT_CONFIRMATION_NOT_REQUIRED

    def resend_confirmation(self, email: str, website_id: Any) -> bool:
        customer = self.get_by_email(email, website_id)
        if not customer.get("confirmation"):
            raise MagentoError("Confirmation isn't needed.")  # InvalidTransitionException
        return True

    def activate(self, customer: dict[str, Any], key: str) -> dict[str, Any]:
        """activateCustomer: the stored confirmation key must match; it is cleared on success."""
        if not customer.get("confirmation"):
            raise MagentoError("The account is already active.")  # InvalidTransitionException
        if customer["confirmation"] != key:
            raise MagentoError("The confirmation token is invalid. Verify the token and try again.")
        customer = dict(customer)
        customer.pop("confirmation")
        return self._save(customer)

    def is_readonly(self, customer_id: Any) -> bool:
        """isReadonly: !CustomerSecure::getDeleteable, which nothing sets for a REST customer."""
        self.customers.get(customer_id)
        return False

    # -- validate ------------------------------------------------------------------------------
    def validate(self, customer: dict[str, Any]) -> dict[str, Any]:
        """AccountManagement::validate runs Eav's Validator\\Attribute\\Backend over the customer model
        (addresses left out): each required attribute with an empty value gives AbstractBackend::validate's
        message, in attribute order."""
        messages = []
        for attribute in CUSTOMER_ATTRIBUTES:
            if attribute.required and _empty(customer.get(attribute.code)):
                messages.append(f'The "{attribute.label}" attribute value is empty. Set the attribute and try again.')
        return {"valid": not messages, "messages": messages}


def check_password_strength(password: str) -> None:
    """AccountManagement::checkPasswordStrength."""
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError("Please enter a password with at most %1 characters.", [MAX_PASSWORD_LENGTH])
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("The password needs at least %1 characters. Create a new password and try again.",
                         [MIN_PASSWORD_LENGTH])
    if password.strip() != password:
        raise InputError("The password can't begin or end with a space. Verify the password and try again.")
    classes = sum(bool(re.search(p, password)) for p in (r"[0-9]", r"[A-Z]", r"[a-z]", r"[^a-zA-Z0-9]"))
    if classes < REQUIRED_CLASSES:
        raise InputError("Minimum of different classes of characters in password is %1. Classes of characters: "
                         "Lower Case, Upper Case, Digits, Special Characters.", [REQUIRED_CLASSES])



def check_new_password(email: str, password: str) -> None:
    if email.lower() == password.lower():  # CredentialsValidator::checkPasswordDifferentFromEmail
        raise InputError(SAME_AS_EMAIL)
    check_password_strength(password)


def _empty(value: Any) -> bool:
    """AbstractAttribute::isValueEmpty for static text attributes."""
    return value is None or value == "" or value is False or (isinstance(value, list) and not value)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())  # Security::compareStrings


def _int_or_none(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _stamp(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d %H:%M:%S")

