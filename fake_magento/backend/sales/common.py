"""What the sales document modules share: Magento's default status per state, quantities requested
in a document body, the document validation error, rounding and flag parsing."""
from __future__ import annotations

from typing import Any

from fake_magento.errors import MagentoError
from fake_magento.types import typed_value

STATE_DEFAULT_STATUS = {"new": "pending", "pending_payment": "pending_payment", "processing": "processing",
                        "complete": "complete", "closed": "closed", "canceled": "canceled", "holded": "holded",
                        "payment_review": "payment_review"}
STOCK_TYPES = {"simple", "virtual", "downloadable"}


def money(value: Any) -> float:
    return float(value or 0)


INVOICE_STATE_PAID = 2


def _document_error(kind: str, messages: list[str]) -> MagentoError:
    return MagentoError(f"{kind} Document Validation Error(s):\n" + "\n".join(messages))


def _requested(items: Any) -> dict[int, float] | None:
    """``items[{order_item_id, qty}]`` in either spelling, ids and quantities as strings or numbers."""
    if not items:
        return None
    out: dict[int, float] = {}
    for raw in items.values() if isinstance(items, dict) else items:
        raw = raw if isinstance(raw, dict) else {}
        item_id = typed_value("order_item_id", raw.get("order_item_id", raw.get("orderItemId")), "int")
        qty = float(typed_value("qty", raw.get("qty", 0), "float") or 0)
        # the document factories key quantities by getOrderItemId(): a missing id (PHP key "")
        # matches no order item, so it requests nothing rather than failing
        out[0 if item_id is None else int(item_id)] = qty
    return out


def row_totals(rows: list[dict[str, Any]]) -> tuple[float, ...]:
    """The document's subtotal, discount and tax (and base ones) from its priced item rows, in row
    order (Invoice/Total/* and Creditmemo/Total/* collectors); dummy rows carry no amounts."""
    priced = [r for r in rows if "row_total" in r]
    return tuple(sum((money(r.get(k)) for r in priced), 0.0) for k in (
        "row_total", "base_row_total", "discount_amount", "base_discount_amount", "tax_amount", "base_tax_amount"))


def _round(value: float) -> float:
    """PriceCurrency::round (2 decimals)."""
    return round(value + 0.0, 2)


def _flag(value: Any) -> bool:
    """A bool service parameter: true, 1, "1", "true"."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true")
    return bool(value) if isinstance(value, (bool, int, float)) else False


def could_not_save(message: str) -> MagentoError:
    """CouldNotSaveException: Webapi/Controller/Rest::dispatch adds the errorRedirectAction header."""
    return MagentoError(message, headers={"errorRedirectAction": "#shipping"})


def _key(value: Any) -> int:
    if value in (None, "", "0", 0):
        raise MagentoError("An ID is needed. Set the ID and try again.")
    return int(typed_value("id", value, "int"))
