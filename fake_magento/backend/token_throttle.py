"""Integration/Model/Oauth/Token/RequestThrottler: failed token requests lock a user name out.

oauth/authentication_lock: max_failures_count 6, timeout 1800 s (Integration/etc/config.xml).
ResourceModel/Oauth/Token/RequestLog: a failure sets lock_expires_at = now + timeout and adds one;
the count only counts while lock_expires_at is in the future. The cron job
outdated_authentication_failures_cleanup (every minute) deletes expired rows; the emulator does that
on every failure, so after a lock (or 30 quiet minutes) counting starts again from one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from fake_magento.errors import AuthenticationError

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.storage import Database

# RequestThrottler user types
THROTTLE_CUSTOMER = 2
THROTTLE_ADMIN = 3

SIGN_IN_FAILED = ("The account sign-in was incorrect or your account is disabled temporarily. "
                  "Please wait and try again later.")


class RequestThrottler:
    MAX_FAILURES = 6
    LOCK_TIMEOUT = 1800

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def check(self, username: str, user_type: int) -> None:
        """throttle: a locked user name is refused with the sign-in message, before its password is checked."""
        row = self.db.one("SELECT failures_count FROM token_request_log WHERE user_name=? AND user_type=?"
                          " AND lock_expires_at > ?", (username, user_type, self._now()))
        if row is not None and row[0] >= self.MAX_FAILURES:
            raise AuthenticationError(SIGN_IN_FAILED)

    def log_failure(self, username: str, user_type: int) -> None:
        now = self._now()
        with self.db.write() as conn:
            conn.execute("DELETE FROM token_request_log WHERE lock_expires_at <= ?", (now,))
            conn.execute(
                "INSERT INTO token_request_log(user_name, user_type, failures_count, lock_expires_at)"
                " VALUES (?,?,1,?) ON CONFLICT(user_name, user_type) DO UPDATE SET"
                " failures_count = failures_count + 1, lock_expires_at = excluded.lock_expires_at",
                (username, user_type, now + self.LOCK_TIMEOUT))

    def reset(self, username: str, user_type: int) -> None:
        """resetAuthenticationFailuresCount: a successful sign-in forgets the failures."""
        with self.db.write() as conn:
            conn.execute("DELETE FROM token_request_log WHERE user_name=? AND user_type=?", (username, user_type))

    def _now(self) -> int:
        return int(self.clock.time())  # RequestLog stores whole seconds (DATETIME)
