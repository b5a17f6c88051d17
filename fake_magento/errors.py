"""Magento's exceptions and their web API envelope.

Magento renders a LocalizedException with its *raw* template in ``message`` and the
arguments in ``parameters`` (an object for named placeholders, a list for ``%1``):
``Fw/Webapi/ErrorProcessor::maskException`` and ``Fw/Webapi/Rest/Response::_renderMessages``.
"""
from __future__ import annotations

import hashlib
import uuid
from typing import Any

Parameters = dict[str, Any] | list[Any] | None


class MagentoError(Exception):
    """A LocalizedException: 400 unless a subclass says otherwise."""

    status = 400

    def __init__(self, message: str, parameters: Parameters = None, *, status: int | None = None,
                 code: int | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.parameters = parameters
        self.code = code
        self.headers = headers or {}
        if status is not None:
            self.status = status

    def rendered(self) -> str:
        """The message with its placeholders filled in (what developer logs show)."""
        return render_message(self.message, self.parameters)

    def to_body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message}
        if self.code:
            body["code"] = self.code
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class NoSuchEntityError(MagentoError):
    status = 404


class AuthorizationError(MagentoError):
    # Magento answers 401, never 403: ErrorProcessor::maskException maps AuthorizationException to 401.
    status = 401


class AuthenticationError(MagentoError):
    status = 401


class InputError(MagentoError):
    """InputException; aggregates several errors like AbstractAggregateException."""

    AGGREGATE_MESSAGE = "One or more input exceptions have occurred."

    def __init__(self, message: str = "", parameters: Parameters = None, **kw: Any) -> None:
        super().__init__(message, parameters, **kw)
        self.errors: list[tuple[str, Parameters]] = []
        if message:
            self.errors.append((message, parameters))

    def add(self, message: str, parameters: Parameters = None) -> None:
        self.errors.append((message, parameters))
        if len(self.errors) == 1:
            self.message, self.parameters = message, parameters
        else:
            self.message, self.parameters = self.AGGREGATE_MESSAGE, None

    def __bool__(self) -> bool:
        return bool(self.errors)

    def to_body(self) -> dict[str, Any]:
        body = super().to_body()
        if len(self.errors) > 1:
            body["errors"] = [
                {"message": m, **({"parameters": p} if p else {})} for m, p in self.errors
            ]
        return body


class WebapiError(MagentoError):
    """``Magento\\Framework\\Webapi\\Exception`` thrown directly: message already rendered, no parameters."""


class InternalError(MagentoError):
    """A non-localized exception: Magento masks it in production mode."""

    status = 500

    def __init__(self, detail: str = "") -> None:
        self.report_id = "webapi-" + uuid.uuid4().hex[:13]
        super().__init__(
            f"Internal Error. Details are available in Magento log file. Report ID: {self.report_id}"
        )
        self.detail = detail


class ApplicationError(MagentoError):
    """A PHP error that no web API handler catches (e.g. a TypeError from a service's arguments):
    App/Bootstrap::terminate answers 500 ``text/plain`` with this line (production mode), no envelope."""

    status = 500
    content_type = "text/plain;charset=UTF-8"

    def __init__(self, detail: str = "") -> None:
        super().__init__("An error has happened during application run. See exception log for details.\n")
        self.detail = detail


class ErrorPage(MagentoError):
    """An exception outside the web API's handlers that Magento's bootstrap shows as its error report
    page (500 text/html with the report's id, production mode); http/error_page.py renders it."""

    status = 500

    def __init__(self, detail: str = "") -> None:
        super().__init__("There has been an error processing your request")
        self.detail = detail
        self.report_id = hashlib.sha256(uuid.uuid4().bytes).hexdigest()


def required_field(name: str) -> InputError:
    return InputError('"%fieldName" is required. Enter and try again.', {"fieldName": name})


def no_route() -> MagentoError:
    # Webapi/Controller/Rest/Router::match
    return WebapiError("Request does not match any route.", status=404)


def not_authorized(resources: list[str] | str) -> AuthorizationError:
    # Webapi/Controller/Rest/RequestValidator::checkPermissions
    text = resources if isinstance(resources, str) else ", ".join(resources)
    return AuthorizationError("The consumer isn't authorized to access %resources.", {"resources": text})


def entity_not_found() -> NoSuchEntityError:
    return NoSuchEntityError("The entity that was requested doesn't exist. Verify the entity and try again.")


def render_message(message: str, parameters: Parameters) -> str:
    if not parameters:
        return message
    if isinstance(parameters, list):
        for i, value in reversed(list(enumerate(parameters, start=1))):
            message = message.replace(f"%{i}", str(value))
        return message
    for key in sorted(parameters, key=len, reverse=True):
        message = message.replace(f"%{key}", str(parameters[key]))
    return message
