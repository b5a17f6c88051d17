"""Credit memos: ``sales-data-creditmemo-interface``, its items and comments."""
from __future__ import annotations

from dataclasses import dataclass, field

from connector.models.base import MagentoModel, ModelSchema, magento_schema


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class CreditMemoItem(MagentoModel):
    """One refunded line."""

    additional_data: str | None = None
    base_cost: float | None = None
    base_discount_amount: float | None = None
    base_discount_tax_compensation_amount: float | None = None
    base_price: float | None = None
    base_price_incl_tax: float | None = None
    base_row_total: float | None = None
    base_row_total_incl_tax: float | None = None
    base_tax_amount: float | None = None
    base_weee_tax_applied_amount: float | None = None
    base_weee_tax_applied_row_amnt: float | None = None
    base_weee_tax_disposition: float | None = None
    base_weee_tax_row_disposition: float | None = None
    description: str | None = None
    discount_amount: float | None = None
    entity_id: int | None = None
    discount_tax_compensation_amount: float | None = None
    name: str | None = None
    order_item_id: int | None = None
    parent_id: int | None = None
    price: float | None = None
    price_incl_tax: float | None = None
    product_id: int | None = None
    qty: float | None = None
    row_total: float | None = None
    row_total_incl_tax: float | None = None
    sku: str | None = None
    tax_amount: float | None = None
    weee_tax_applied: str | None = None
    weee_tax_applied_amount: float | None = None
    weee_tax_applied_row_amount: float | None = None
    weee_tax_disposition: float | None = None
    weee_tax_row_disposition: float | None = None


@magento_schema("sales-data-creditmemo-item-interface", CreditMemoItem)
class SalesDataCreditmemoItemInterfaceSchema(ModelSchema):
    """``sales-data-creditmemo-item-interface`` -> :class:`CreditMemoItem`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class CreditMemoComment(MagentoModel):
    """One credit-memo comment."""

    comment: str | None = None
    created_at: str | None = None
    entity_id: int | None = None
    is_customer_notified: int | None = None
    is_visible_on_front: int | None = None
    parent_id: int | None = None


@magento_schema("sales-data-creditmemo-comment-interface", CreditMemoComment)
class SalesDataCreditmemoCommentInterfaceSchema(ModelSchema):
    """``sales-data-creditmemo-comment-interface`` -> :class:`CreditMemoComment`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class CreditMemo(MagentoModel):
    """A credit memo (``GET /V1/creditmemo/{id}``); ``state`` is an int (1 open, 2 refunded, 3 canceled)."""

    adjustment: float | None = None
    adjustment_negative: float | None = None
    adjustment_positive: float | None = None
    base_adjustment: float | None = None
    base_adjustment_negative: float | None = None
    base_adjustment_positive: float | None = None
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
    base_to_global_rate: float | None = None
    base_to_order_rate: float | None = None
    billing_address_id: int | None = None
    created_at: str | None = None
    creditmemo_status: int | None = None
    discount_amount: float | None = None
    discount_description: str | None = None
    email_sent: int | None = None
    entity_id: int
    global_currency_code: str | None = None
    grand_total: float | None = None
    discount_tax_compensation_amount: float | None = None
    increment_id: str | None = None
    invoice_id: int | None = None
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
    transaction_id: str | None = None
    updated_at: str | None = None
    items: list[CreditMemoItem] = field(default_factory=list)
    comments: list[CreditMemoComment] = field(default_factory=list)


@magento_schema("sales-data-creditmemo-interface", CreditMemo)
class SalesDataCreditmemoInterfaceSchema(ModelSchema):
    """``sales-data-creditmemo-interface`` -> :class:`CreditMemo`."""
