"""Sales orders: ``sales-data-order-interface`` and the objects it carries.

Shipping lives in ``extension_attributes.shipping_assignments`` (kept as plain dicts), not at the top
level: Magento's order has only a billing address of its own (Sales/Api/Data/OrderInterface).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from connector.models.base import MagentoModel, ModelSchema, load, magento_schema
from connector.models.order_items import OrderItem


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class OrderAddress(MagentoModel):
    """An order's billing or shipping address (``address_type``)."""

    address_type: str | None = None
    city: str | None = None
    company: str | None = None
    country_id: str | None = None
    customer_address_id: int | None = None
    customer_id: int | None = None
    email: str | None = None
    entity_id: int | None = None
    fax: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    middlename: str | None = None
    parent_id: int | None = None
    postcode: str | None = None
    prefix: str | None = None
    region: str | None = None
    region_code: str | None = None
    region_id: int | None = None
    street: list[str] = field(default_factory=list)
    suffix: str | None = None
    telephone: str | None = None
    vat_id: str | None = None
    vat_is_valid: int | None = None
    vat_request_date: str | None = None
    vat_request_id: str | None = None
    vat_request_success: int | None = None


@magento_schema("sales-data-order-address-interface", OrderAddress)
class SalesDataOrderAddressInterfaceSchema(ModelSchema):
    """``sales-data-order-address-interface`` -> :class:`OrderAddress`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class OrderPayment(MagentoModel):
    """An order's payment."""

    account_status: str | None = None
    additional_data: str | None = None
    additional_information: list[str] = field(default_factory=list)
    address_status: str | None = None
    amount_authorized: float | None = None
    amount_canceled: float | None = None
    amount_ordered: float | None = None
    amount_paid: float | None = None
    amount_refunded: float | None = None
    anet_trans_method: str | None = None
    base_amount_authorized: float | None = None
    base_amount_canceled: float | None = None
    base_amount_ordered: float | None = None
    base_amount_paid: float | None = None
    base_amount_paid_online: float | None = None
    base_amount_refunded: float | None = None
    base_amount_refunded_online: float | None = None
    base_shipping_amount: float | None = None
    base_shipping_captured: float | None = None
    base_shipping_refunded: float | None = None
    cc_approval: str | None = None
    cc_avs_status: str | None = None
    cc_cid_status: str | None = None
    cc_debug_request_body: str | None = None
    cc_debug_response_body: str | None = None
    cc_debug_response_serialized: str | None = None
    cc_exp_month: str | None = None
    cc_exp_year: str | None = None
    cc_last4: str | None = None
    cc_number_enc: str | None = None
    cc_owner: str | None = None
    cc_secure_verify: str | None = None
    cc_ss_issue: str | None = None
    cc_ss_start_month: str | None = None
    cc_ss_start_year: str | None = None
    cc_status: str | None = None
    cc_status_description: str | None = None
    cc_trans_id: str | None = None
    cc_type: str | None = None
    echeck_account_name: str | None = None
    echeck_account_type: str | None = None
    echeck_bank_name: str | None = None
    echeck_routing_number: str | None = None
    echeck_type: str | None = None
    entity_id: int | None = None
    last_trans_id: str | None = None
    method: str | None = None
    parent_id: int | None = None
    po_number: str | None = None
    protection_eligibility: str | None = None
    quote_payment_id: int | None = None
    shipping_amount: float | None = None
    shipping_captured: float | None = None
    shipping_refunded: float | None = None


@magento_schema("sales-data-order-payment-interface", OrderPayment)
class SalesDataOrderPaymentInterfaceSchema(ModelSchema):
    """``sales-data-order-payment-interface`` -> :class:`OrderPayment`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class OrderStatusHistory(MagentoModel):
    """One order comment (``status_histories``, newest first)."""

    comment: str | None = None
    created_at: str | None = None
    entity_id: int | None = None
    entity_name: str | None = None
    is_customer_notified: int | None = None
    is_visible_on_front: int | None = None
    parent_id: int | None = None
    status: str | None = None


@magento_schema("sales-data-order-status-history-interface", OrderStatusHistory)
class SalesDataOrderStatusHistoryInterfaceSchema(ModelSchema):
    """``sales-data-order-status-history-interface`` -> :class:`OrderStatusHistory`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Order(MagentoModel):
    """A sales order (``GET /V1/orders/{id}``).

    Ids and 0/1 flags are ints, money and quantities floats, ``state``/``status`` strings, dates the
    strings Magento sends (``YYYY-MM-DD HH:MM:SS``, UTC); ``customer_id`` is None on a guest order.
    """

    adjustment_negative: float | None = None
    adjustment_positive: float | None = None
    applied_rule_ids: str | None = None
    base_adjustment_negative: float | None = None
    base_adjustment_positive: float | None = None
    base_currency_code: str | None = None
    base_discount_amount: float | None = None
    base_discount_canceled: float | None = None
    base_discount_invoiced: float | None = None
    base_discount_refunded: float | None = None
    base_grand_total: float | None = None
    base_discount_tax_compensation_amount: float | None = None
    base_discount_tax_compensation_invoiced: float | None = None
    base_discount_tax_compensation_refunded: float | None = None
    base_shipping_amount: float | None = None
    base_shipping_canceled: float | None = None
    base_shipping_discount_amount: float | None = None
    base_shipping_discount_tax_compensation_amnt: float | None = None
    base_shipping_incl_tax: float | None = None
    base_shipping_invoiced: float | None = None
    base_shipping_refunded: float | None = None
    base_shipping_tax_amount: float | None = None
    base_shipping_tax_refunded: float | None = None
    base_subtotal: float | None = None
    base_subtotal_canceled: float | None = None
    base_subtotal_incl_tax: float | None = None
    base_subtotal_invoiced: float | None = None
    base_subtotal_refunded: float | None = None
    base_tax_amount: float | None = None
    base_tax_canceled: float | None = None
    base_tax_invoiced: float | None = None
    base_tax_refunded: float | None = None
    base_total_canceled: float | None = None
    base_total_due: float | None = None
    base_total_invoiced: float | None = None
    base_total_invoiced_cost: float | None = None
    base_total_offline_refunded: float | None = None
    base_total_online_refunded: float | None = None
    base_total_paid: float | None = None
    base_total_qty_ordered: float | None = None
    base_total_refunded: float | None = None
    base_to_global_rate: float | None = None
    base_to_order_rate: float | None = None
    billing_address_id: int | None = None
    can_ship_partially: int | None = None
    can_ship_partially_item: int | None = None
    coupon_code: str | None = None
    created_at: str | None = None
    customer_dob: str | None = None
    customer_email: str | None = None
    customer_firstname: str | None = None
    customer_gender: int | None = None
    customer_group_id: int | None = None
    customer_id: int | None = None
    customer_is_guest: int | None = None
    customer_lastname: str | None = None
    customer_middlename: str | None = None
    customer_note: str | None = None
    customer_note_notify: int | None = None
    customer_prefix: str | None = None
    customer_suffix: str | None = None
    customer_taxvat: str | None = None
    discount_amount: float | None = None
    discount_canceled: float | None = None
    discount_description: str | None = None
    discount_invoiced: float | None = None
    discount_refunded: float | None = None
    edit_increment: int | None = None
    email_sent: int | None = None
    entity_id: int
    ext_customer_id: str | None = None
    ext_order_id: str | None = None
    forced_shipment_with_invoice: int | None = None
    global_currency_code: str | None = None
    grand_total: float | None = None
    discount_tax_compensation_amount: float | None = None
    discount_tax_compensation_invoiced: float | None = None
    discount_tax_compensation_refunded: float | None = None
    hold_before_state: str | None = None
    hold_before_status: str | None = None
    increment_id: str | None = None
    is_virtual: int | None = None
    order_currency_code: str | None = None
    original_increment_id: str | None = None
    payment_authorization_amount: float | None = None
    payment_auth_expiration: int | None = None
    protect_code: str | None = None
    quote_address_id: int | None = None
    quote_id: int | None = None
    relation_child_id: str | None = None
    relation_child_real_id: str | None = None
    relation_parent_id: str | None = None
    relation_parent_real_id: str | None = None
    remote_ip: str | None = None
    shipping_amount: float | None = None
    shipping_canceled: float | None = None
    shipping_description: str | None = None
    shipping_discount_amount: float | None = None
    shipping_discount_tax_compensation_amount: float | None = None
    shipping_incl_tax: float | None = None
    shipping_invoiced: float | None = None
    shipping_refunded: float | None = None
    shipping_tax_amount: float | None = None
    shipping_tax_refunded: float | None = None
    state: str | None = None
    status: str | None = None
    store_currency_code: str | None = None
    store_id: int | None = None
    store_name: str | None = None
    store_to_base_rate: float | None = None
    store_to_order_rate: float | None = None
    subtotal: float | None = None
    subtotal_canceled: float | None = None
    subtotal_incl_tax: float | None = None
    subtotal_invoiced: float | None = None
    subtotal_refunded: float | None = None
    tax_amount: float | None = None
    tax_canceled: float | None = None
    tax_invoiced: float | None = None
    tax_refunded: float | None = None
    total_canceled: float | None = None
    total_due: float | None = None
    total_invoiced: float | None = None
    total_item_count: int | None = None
    total_offline_refunded: float | None = None
    total_online_refunded: float | None = None
    total_paid: float | None = None
    total_qty_ordered: float | None = None
    total_refunded: float | None = None
    updated_at: str | None = None
    weight: float | None = None
    x_forwarded_for: str | None = None
    items: list[OrderItem] = field(default_factory=list)
    billing_address: OrderAddress | None = None
    payment: OrderPayment | None = None
    status_histories: list[OrderStatusHistory] = field(default_factory=list)

    @property
    def shipping_assignments(self) -> list[dict[str, Any]]:
        """``extension_attributes.shipping_assignments`` as received ([] for a virtual order)."""
        assignments = self.extension_attributes.get("shipping_assignments")
        return [item for item in assignments if isinstance(item, dict)] if isinstance(assignments, list) else []

    @property
    def shipping_address(self) -> OrderAddress | None:
        """The first shipping assignment's address, loaded (None for a virtual order)."""
        for assignment in self.shipping_assignments:
            shipping = assignment.get("shipping")
            if isinstance(shipping, dict) and isinstance(shipping.get("address"), dict):
                return load(OrderAddress, shipping["address"])
        return None

    @property
    def shipping_method(self) -> str | None:
        """The first shipping assignment's method code, e.g. ``flatrate_flatrate``."""
        for assignment in self.shipping_assignments:
            shipping = assignment.get("shipping")
            if isinstance(shipping, dict) and isinstance(shipping.get("method"), str):
                return str(shipping["method"])
        return None


@magento_schema("sales-data-order-interface", Order)
class SalesDataOrderInterfaceSchema(ModelSchema):
    """``sales-data-order-interface`` -> :class:`Order`."""
