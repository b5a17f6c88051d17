"""What the sales services share: document constants, increment ids, the document validation error,
the repositories' CouldNotSaveException and the "An ID is needed" check."""
from __future__ import annotations

from typing import Any

from fake_magento.backend.money import amount
from fake_magento.errors import MagentoError
from fake_magento.storage import Database

STOCK_TYPES = frozenset({"simple", "virtual", "downloadable"})
INVOICE_STATE_PAID = 2  # Sales/Model/Order/Invoice::STATE_PAID
CREDITMEMO_STATE_REFUNDED = 2  # Sales/Model/Order/Creditmemo::STATE_REFUNDED
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def next_increment_id(db: Database, store_id: int, kind: str = "order") -> str:
    """SalesSequence (Sequence/Sequence::getCurrentValue): pattern %s%'.09d%s with prefix = the
    store id, except for the default store 1 whose profile has no prefix (SalesSequence
    Observer/SequenceCreatorObserver + EntityPool: prefix '' for store 1, store_id otherwise)."""
    value = db.next_id(f"{kind}_increment_{store_id}")
    prefix = "" if store_id == 1 else str(store_id)
    return f"{prefix}{value:09d}"


def require_id(value: int | None) -> int:
    """The repositories' get: an empty id is an input error (an unknown one is then 404)."""
    if not value:
        raise MagentoError("An ID is needed. Set the ID and try again.")
    return value


def document_error(kind: str, messages: list[str]) -> MagentoError:
    """Sales/Model/Order/Validation/*: one 400 with every message, "<Kind> Document Validation Error(s):"."""
    return MagentoError(f"{kind} Document Validation Error(s):\n" + "\n".join(messages))


def could_not_save(message: str) -> MagentoError:
    """CouldNotSaveException: Webapi/Controller/Rest::dispatch adds the errorRedirectAction header."""
    return MagentoError(message, headers={"errorRedirectAction": "#shipping"})


def row_totals(rows: list[dict[str, Any]]) -> tuple[float, ...]:
    """The document's subtotal, discount and tax (and base ones) from its priced item rows, in row
    order (Invoice/Total/* and Creditmemo/Total/* collectors); dummy rows carry no amounts."""
    priced = [r for r in rows if "row_total" in r]
    return tuple(sum((amount(r.get(k)) for r in priced), 0.0) for k in (
        "row_total", "base_row_total", "discount_amount", "base_discount_amount", "tax_amount", "base_tax_amount"))


def shipping_address_id(order: dict[str, Any]) -> Any:
    """The id of the order's shipping address (the first shipping assignment's), if any."""
    assignment = ((order.get("extension_attributes") or {}).get("shipping_assignments") or [{}])[0]
    return ((assignment.get("shipping") or {}).get("address") or {}).get("entity_id")


def body_rows(value: Any) -> list[dict[str, Any]]:
    """A list body field (or a PHP-style object of rows), each row a dict; other rows are dropped."""
    rows = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [dict(r) for r in rows if isinstance(r, dict)]
