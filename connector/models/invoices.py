"""Invoices: ``sales-data-invoice-interface``, its items and comments."""
from __future__ import annotations

from dataclasses import dataclass, field

from connector.models.base import MagentoModel, ModelSchema, magento_schema


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class InvoiceItem(MagentoModel):
    """One invoiced line; ``order_item_id`` points at the order's item."""

    additional_data: str | None = None
    base_cost: float | None = None
    base_discount_amount: float | None = None
    base_discount_tax_compensation_amount: float | None = None
    base_price: float | None = None
    base_price_incl_tax: float | None = None
    base_row_total: float | None = None
    base_row_total_incl_tax: float | None = None
    base_tax_amount: float | None = None
    description: str | None = None
    discount_amount: float | None = None
    entity_id: int | None = None
    discount_tax_compensation_amount: float | None = None
    name: str | None = None
    parent_id: int | None = None
    price: float | None = None
    price_incl_tax: float | None = None
    product_id: int | None = None
    row_total: float | None = None
    row_total_incl_tax: float | None = None
    sku: str | None = None
    tax_amount: float | None = None
    order_item_id: int | None = None
    qty: float | None = None


@magento_schema("sales-data-invoice-item-interface", InvoiceItem)
class SalesDataInvoiceItemInterfaceSchema(ModelSchema):
    """``sales-data-invoice-item-interface`` -> :class:`InvoiceItem`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class InvoiceComment(MagentoModel):
    """One invoice comment."""

    is_customer_notified: int | None = None
    parent_id: int | None = None
    comment: str | None = None
    is_visible_on_front: int | None = None
    created_at: str | None = None
    entity_id: int | None = None


@magento_schema("sales-data-invoice-comment-interface", InvoiceComment)
class SalesDataInvoiceCommentInterfaceSchema(ModelSchema):
    """``sales-data-invoice-comment-interface`` -> :class:`InvoiceComment`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Invoice(MagentoModel):
    """An invoice (``GET /V1/invoices/{id}``); ``state`` is an int (1 open, 2 paid, 3 canceled)."""

    base_currency_code: str | None = None
    base_discount_amount: float | None = None
    base_grand_total: float | None = None
    base_discount_tax_compensation_amount: float | None = None
    base_shipping_amount: float | None = None
    base_shipping_discount_tax_compensation_amnt: float | None = None
    base_shipping_incl_tax: float | None = None
    base_shipping_tax_amount: float | None = None
    base_subtotal: float | None = None
    base_subtotal_incl_tax: float | None = None
    base_tax_amount: float | None = None
    base_total_refunded: float | None = None
    base_to_global_rate: float | None = None
    base_to_order_rate: float | None = None
    billing_address_id: int | None = None
    can_void_flag: int | None = None
    created_at: str | None = None
    discount_amount: float | None = None
    discount_description: str | None = None
    email_sent: int | None = None
    entity_id: int
    global_currency_code: str | None = None
    grand_total: float | None = None
    discount_tax_compensation_amount: float | None = None
    increment_id: str | None = None
    is_used_for_refund: int | None = None
    order_currency_code: str | None = None
    order_id: int | None = None
    shipping_address_id: int | None = None
    shipping_amount: float | None = None
    shipping_discount_tax_compensation_amount: float | None = None
    shipping_incl_tax: float | None = None
    shipping_tax_amount: float | None = None
    state: int | None = None
    store_currency_code: str | None = None
    store_id: int | None = None
    store_to_base_rate: float | None = None
    store_to_order_rate: float | None = None
    subtotal: float | None = None
    subtotal_incl_tax: float | None = None
    tax_amount: float | None = None
    total_qty: float | None = None
    transaction_id: str | None = None
    updated_at: str | None = None
    items: list[InvoiceItem] = field(default_factory=list)
    comments: list[InvoiceComment] = field(default_factory=list)


@magento_schema("sales-data-invoice-interface", Invoice)
class SalesDataInvoiceInterfaceSchema(ModelSchema):
    """``sales-data-invoice-interface`` -> :class:`Invoice`."""
