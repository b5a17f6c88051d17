"""One typed error tree, and the single function that maps a response to it.

Magento's REST error body is ``{"message": template, "parameters": [...] | {...}, "errors": [...]}``
with the template left un-interpolated (Fw/Webapi/ErrorProcessor::maskException renders a
LocalizedException's raw message). Each error here carries the status, the message with its
``%1`` / ``%name`` placeholders filled in, the template and the raw parameters.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

# Webapi/Controller/Rest/RequestValidator::checkPermissions: an ACL refusal, and also what a
# missing, invalid or expired bearer token gets (TokenUserContext leaves the caller a guest).
NOT_AUTHORIZED = "The consumer isn't authorized to access %resources."
# Fw/Webapi/ErrorProcessor::maskException, production mode.
_REPORT_ID = re.compile(r"Report ID: (webapi-[0-9a-f]+)")


@dataclass(frozen=True)
class FieldError:
    """One entry of an aggregate InputException's ``errors``."""

    message: str
    template: str
    parameters: list[Any] | dict[str, Any]


class MagentoError(Exception):
    """Anything that went wrong talking to Magento."""

    def __init__(self, message: str, *, status: int | None = None, template: str | None = None,
                 parameters: list[Any] | dict[str, Any] | None = None, body: Any = None,
                 method: str | None = None, url: str | None = None,
                 errors: tuple[FieldError, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.template = template if template is not None else message
        self.parameters: list[Any] | dict[str, Any] = parameters if parameters is not None else []
        self.body = body
        self.method = method
        self.url = url
        self.errors = errors

    def __str__(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        status = f"{self.status} " if self.status else ""
        return f"{status}{self.message}{where}"


class ConnectionFailed(MagentoError):
    """No answer: refused, reset, DNS, or a timeout."""


class TimedOut(ConnectionFailed):
    pass


class MalformedResponse(MagentoError):
    """An answer that is not the JSON Magento sends (a proxy page, a truncated body)."""


class NotFoundError(MagentoError):
    """404: NoSuchEntityException, or no route."""


class InputError(MagentoError):
    """400: input/validation errors (InputException, CouldNotSave, document validation, ...)."""


class AuthenticationError(MagentoError):
    """401 about who the caller is: a bad signature, nonce, consumer, token, or sign-in."""


class AuthorizationError(MagentoError):
    """401 ``The consumer isn't authorized to access %resources.`` (or a 403): the ACL refused,
    or the bearer token is missing, invalid or expired, which Magento does not tell apart."""


class RateLimitError(MagentoError):
    """429, with the ``Retry-After`` seconds when the server sent them."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServerError(MagentoError):
    """5xx. Magento's masked 500 names a report id (``webapi-...``) to find in var/report."""

    def __init__(self, message: str, *, report_id: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.report_id = report_id


class ServiceUnavailable(ServerError):
    """502, 503 (maintenance mode, pub/errors) or 504."""


def render(template: str, parameters: Any) -> str:
    """Fill ``%1`` (1-based, from a list) and ``%name`` (from an object) as Phrase's Placeholder
    renderer does: one ``strtr`` over every ``%<key>``, so the longest key wins (``%10`` before ``%1``)
    and each argument is PHP's string of it (``null`` and ``false`` are ``""``)."""
    if isinstance(parameters, dict):
        pairs = {f"%{k}": _text(v) for k, v in parameters.items()}
    elif isinstance(parameters, list):
        pairs = {f"%{i}": _text(v) for i, v in enumerate(parameters, start=1)}
    else:
        return template
    if not pairs:
        return template
    keys = re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)))
    return keys.sub(lambda m: pairs[m.group(0)], template)


def _text(value: Any) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return "Array"
    return str(value)


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:  # an HTTP-date
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def error_for_response(response: requests.Response) -> MagentoError:
    """Map an unsuccessful response to the error tree (the one place that does)."""
    status = response.status_code
    body: Any
    try:
        body = response.json()
    except ValueError:
        body = response.text
    template, parameters, errors = _envelope(body)
    if template is None:
        template = _fallback_message(status, body)
    message = render(template, parameters)
    kw: dict[str, Any] = dict(status=status, template=template, parameters=parameters, body=body,
                              method=response.request.method if response.request else None,
                              url=response.url, errors=errors)
    if status == 404:
        return NotFoundError(message, **kw)
    if status == 401:
        if template == NOT_AUTHORIZED:
            return AuthorizationError(message, **kw)
        return AuthenticationError(message, **kw)
    if status == 403:
        return AuthorizationError(message, **kw)
    if status == 429:
        return RateLimitError(message, retry_after=retry_after_seconds(response.headers.get("Retry-After")), **kw)
    if status in (502, 503, 504):
        return ServiceUnavailable(message, report_id=_report_id(message), **kw)
    if status >= 500:
        return ServerError(message, report_id=_report_id(message), **kw)
    if 400 <= status < 500:
        return InputError(message, **kw)
    return MalformedResponse(message, **kw)


def _envelope(body: Any) -> tuple[str | None, list[Any] | dict[str, Any], tuple[FieldError, ...]]:
    if not isinstance(body, dict):
        return None, [], ()
    template = body.get("message")
    if not isinstance(template, str):
        # Webapi's apiShutdownFunction (a PHP fatal): {"messages":{"error":[{"code":500,"message":...}]}}
        nested = body.get("messages", {})
        first = nested.get("error", [{}])[0] if isinstance(nested, dict) else {}
        template = first.get("message") if isinstance(first, dict) else None
        if not isinstance(template, str):
            return None, [], ()
    raw = body.get("parameters")
    parameters: list[Any] | dict[str, Any] = raw if isinstance(raw, (list, dict)) else []
    errors = tuple(_field_error(e) for e in body.get("errors") or [] if isinstance(e, dict))
    return template, parameters, errors


def _field_error(entry: dict[str, Any]) -> FieldError:
    template = str(entry.get("message", ""))
    raw = entry.get("parameters")
    parameters: list[Any] | dict[str, Any] = raw if isinstance(raw, (list, dict)) else []
    return FieldError(render(template, parameters), template, parameters)


def _fallback_message(status: int, body: Any) -> str:
    text = body if isinstance(body, str) else json.dumps(body)
    text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return f"HTTP {status}: {text[:200]}" if text else f"HTTP {status}"


def _report_id(message: str) -> str | None:
    m = _REPORT_ID.search(message)
    return m.group(1) if m else None
