"""Order lines: ``sales-data-order-item-interface``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from connector.models.base import MagentoModel, ModelSchema, magento_schema


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class OrderItem(MagentoModel):
    """One order line (``items``; a configurable or bundle child carries its ``parent_item``)."""

    additional_data: str | None = None
    amount_refunded: float | None = None
    applied_rule_ids: str | None = None
    base_amount_refunded: float | None = None
    base_cost: float | None = None
    base_discount_amount: float | None = None
    base_discount_invoiced: float | None = None
    base_discount_refunded: float | None = None
    base_discount_tax_compensation_amount: float | None = None
    base_discount_tax_compensation_invoiced: float | None = None
    base_discount_tax_compensation_refunded: float | None = None
    base_original_price: float | None = None
    base_price: float | None = None
    base_price_incl_tax: float | None = None
    base_row_invoiced: float | None = None
    base_row_total: float | None = None
    base_row_total_incl_tax: float | None = None
    base_tax_amount: float | None = None
    base_tax_before_discount: float | None = None
    base_tax_invoiced: float | None = None
    base_tax_refunded: float | None = None
    base_weee_tax_applied_amount: float | None = None
    base_weee_tax_applied_row_amnt: float | None = None
    base_weee_tax_disposition: float | None = None
    base_weee_tax_row_disposition: float | None = None
    created_at: str | None = None
    description: str | None = None
    discount_amount: float | None = None
    discount_invoiced: float | None = None
    discount_percent: float | None = None
    discount_refunded: float | None = None
    event_id: int | None = None
    ext_order_item_id: str | None = None
    free_shipping: int | None = None
    gw_base_price: float | None = None
    gw_base_price_invoiced: float | None = None
    gw_base_price_refunded: float | None = None
    gw_base_tax_amount: float | None = None
    gw_base_tax_amount_invoiced: float | None = None
    gw_base_tax_amount_refunded: float | None = None
    gw_id: int | None = None
    gw_price: float | None = None
    gw_price_invoiced: float | None = None
    gw_price_refunded: float | None = None
    gw_tax_amount: float | None = None
    gw_tax_amount_invoiced: float | None = None
    gw_tax_amount_refunded: float | None = None
    discount_tax_compensation_amount: float | None = None
    discount_tax_compensation_canceled: float | None = None
    discount_tax_compensation_invoiced: float | None = None
    discount_tax_compensation_refunded: float | None = None
    is_qty_decimal: int | None = None
    is_virtual: int | None = None
    item_id: int
    locked_do_invoice: int | None = None
    locked_do_ship: int | None = None
    name: str | None = None
    no_discount: int | None = None
    order_id: int | None = None
    original_price: float | None = None
    parent_item_id: int | None = None
    price: float | None = None
    price_incl_tax: float | None = None
    product_id: int | None = None
    product_type: str | None = None
    qty_backordered: float | None = None
    qty_canceled: float | None = None
    qty_invoiced: float | None = None
    qty_ordered: float | None = None
    qty_refunded: float | None = None
    qty_returned: float | None = None
    qty_shipped: float | None = None
    quote_item_id: int | None = None
    row_invoiced: float | None = None
    row_total: float | None = None
    row_total_incl_tax: float | None = None
    row_weight: float | None = None
    sku: str | None = None
    store_id: int | None = None
    tax_amount: float | None = None
    tax_before_discount: float | None = None
    tax_canceled: float | None = None
    tax_invoiced: float | None = None
    tax_percent: float | None = None
    tax_refunded: float | None = None
    updated_at: str | None = None
    weee_tax_applied: str | None = None
    weee_tax_applied_amount: float | None = None
    weee_tax_applied_row_amount: float | None = None
    weee_tax_disposition: float | None = None
    weee_tax_row_disposition: float | None = None
    weight: float | None = None
    parent_item: OrderItem | None = None
    product_option: dict[str, Any] = field(default_factory=dict)


@magento_schema("sales-data-order-item-interface", OrderItem)
class SalesDataOrderItemInterfaceSchema(ModelSchema):
    """``sales-data-order-item-interface`` -> :class:`OrderItem`."""
