"""Lines by SKU -> Magento's order item ids, for shipping, invoicing and refunding.

A fulfilment system says "ship 2 of ABC"; Magento's document services take ``{order_item_id: qty}``
and only count the rows that carry quantities for that document (Sales/Model/Order/Item::isDummy):

* a configurable is one parent row (with the chosen child's SKU) and a child row; the parent is
  shipped, invoiced and refunded, the child is a dummy;
* a bundle shipped together ships as its parent row; shipped separately, as its children
  (``shipment_type`` 1, AbstractType::SHIPMENT_SEPARATELY; ShipmentFactory::prepareItems);
* a dynamic-price bundle (``price_type`` 0) is invoiced and refunded through its children
  (``product_calculations`` CALCULATE_CHILD, Bundle/Model/Product/Type::getOrderOptions), a fixed-price
  one through its parent.

REST does not show an order row's ``shipment_type`` or ``product_calculations``, so a bundle's are
read from the product (its ``shipment_type`` and ``price_type`` attributes) when a bundle is involved;
a bundle product changed since the order was placed is read as it is now (the order keeps its own).

Quantities are spread over the rows with that SKU by what each has left (Item::getSimpleQtyToShip,
getQtyToInvoice, getQtyToRefund); what is left over goes to the last row, so Magento answers an
over-quantity with its own message (it caps a shipment silently: ShipmentFactory::prepareItems).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from connector.models import Order, OrderItem

Purpose = Literal["ship", "invoice", "refund"]


class LineError(ValueError):
    """A line that cannot become order items: an unknown SKU, or a row Magento does not take for
    this document (a bundle selection shipped together, a virtual item to ship...)."""


@dataclass(frozen=True)
class BundleKind:
    ship_separately: bool = False
    children_calculated: bool = True    # price_type 0 (dynamic), Magento's default for a new bundle


def remaining(item: OrderItem, purpose: Purpose) -> float:
    ordered = item.qty_ordered or 0.0
    canceled = item.qty_canceled or 0.0
    if purpose == "ship":
        return max(ordered - max(item.qty_shipped or 0.0, item.qty_refunded or 0.0) - canceled, 0.0)
    if purpose == "invoice":
        return max(ordered - (item.qty_invoiced or 0.0) - canceled, 0.0)
    return max((item.qty_invoiced or 0.0) - (item.qty_refunded or 0.0), 0.0)


def bundle_product_ids(order: Order) -> set[int]:
    return {int(i.product_id) for i in order.items if i.product_type == "bundle" and i.product_id is not None}


def to_items(order: Order, lines: Mapping[str, float], purpose: Purpose,
             bundles: Callable[[Iterable[int]], Mapping[int, BundleKind]] | None = None) -> dict[int, float]:
    """``{sku: qty}`` -> ``{order_item_id: qty}`` for ``purpose``. ``bundles(product_ids)`` tells how the
    order's bundles ship and are priced (asked only when a bundle is involved)."""
    kinds: dict[int, BundleKind] = {}
    if bundles is not None and bundle_product_ids(order):
        kinds = dict(bundles(bundle_product_ids(order)))
    by_id = {i.item_id: i for i in order.items}
    out: dict[int, float] = {}
    for sku, qty in lines.items():
        if qty <= 0:
            raise LineError(f"the quantity for SKU {sku!r} must be above 0, not {qty}")
        targets = _targets(order, by_id, sku, purpose, kinds)
        _spread(out, targets, qty, purpose)
    return out


def _kind(item: OrderItem, kinds: Mapping[int, BundleKind]) -> BundleKind:
    return kinds.get(int(item.product_id or 0), BundleKind())


Component = tuple[OrderItem, float]   # a row, and how many of it one unit of the line is


def _targets(order: Order, by_id: Mapping[int, OrderItem], sku: str, purpose: Purpose,
             kinds: Mapping[int, BundleKind]) -> list[list[Component]]:
    """The alternatives that take ``sku`` for ``purpose``, each a row or a bundle's selections: rows
    ordered on their own first, then selections of bundles."""
    out: list[list[Component]] = []
    selections: list[list[Component]] = []
    refusal: str | None = None
    for item in order.items:
        if item.sku != sku:
            continue
        parent = by_id.get(item.parent_item_id) if item.parent_item_id is not None else None
        if parent is None:
            if purpose == "ship" and item.is_virtual:
                refusal = f"SKU {sku!r} is virtual: there is nothing to ship"
            elif item.product_type == "bundle" and _through_children(item, purpose, kinds):
                children = [c for c in order.items if c.parent_item_id == item.item_id]
                out.append([(c, (c.qty_ordered or 0.0) / (item.qty_ordered or 1.0)) for c in children])
            else:
                out.append([(item, 1.0)])
        elif parent.product_type == "bundle":
            if _through_children(parent, purpose, kinds):
                selections.append([(item, 1.0)])
            else:
                how = "ship together" if purpose == "ship" else "are priced by the bundle"
                refusal = (f"SKU {sku!r} is a selection of bundle {parent.sku!r}, whose items {how}: "
                           f"{purpose} the bundle instead")
        # a configurable's child row is a dummy: its parent row (same SKU) takes the line
    out += selections
    if not out:
        increment = order.increment_id or order.entity_id
        raise LineError(refusal or f"SKU {sku!r} is not on order {increment}")
    return out


def _through_children(bundle: OrderItem, purpose: Purpose, kinds: Mapping[int, BundleKind]) -> bool:
    kind = _kind(bundle, kinds)
    return kind.ship_separately if purpose == "ship" else kind.children_calculated


def _spread(out: dict[int, float], alternatives: list[list[Component]], qty: float, purpose: Purpose) -> None:
    """Give each alternative what it has left, in order; the rest to the last (Magento then answers)."""
    left = qty
    for n, components in enumerate(alternatives):
        if left <= 0:
            break
        room = min((remaining(item, purpose) / per_unit for item, per_unit in components if per_unit),
                   default=0.0)
        take = left if n == len(alternatives) - 1 else min(left, room)
        if take > 0:
            for item, per_unit in components:
                out[item.item_id] = out.get(item.item_id, 0.0) + take * per_unit
            left -= take
