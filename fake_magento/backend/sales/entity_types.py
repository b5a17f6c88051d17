"""Service-input types of the order entity's scalar fields (sales-data-order-interface and
sales-data-order-item-interface, and the sales documents, of the 2.4.8 schema), for repository save bodies."""
from __future__ import annotations

from typing import Any

from fake_magento.types import typed_value

ORDER_FIELDS = {
    "int": ["billing_address_id", "can_ship_partially", "can_ship_partially_item", "customer_gender", "customer_group_id", "customer_id", "customer_is_guest", "customer_note_notify", "edit_increment", "email_sent", "entity_id", "forced_shipment_with_invoice", "is_virtual", "payment_auth_expiration", "quote_address_id", "quote_id", "store_id", "total_item_count"],
    "float": ["adjustment_negative", "adjustment_positive", "base_adjustment_negative", "base_adjustment_positive", "base_discount_amount", "base_discount_canceled", "base_discount_invoiced", "base_discount_refunded", "base_grand_total", "base_discount_tax_compensation_amount", "base_discount_tax_compensation_invoiced", "base_discount_tax_compensation_refunded", "base_shipping_amount", "base_shipping_canceled", "base_shipping_discount_amount", "base_shipping_discount_tax_compensation_amnt", "base_shipping_incl_tax", "base_shipping_invoiced", "base_shipping_refunded", "base_shipping_tax_amount", "base_shipping_tax_refunded", "base_subtotal", "base_subtotal_canceled", "base_subtotal_incl_tax", "base_subtotal_invoiced", "base_subtotal_refunded", "base_tax_amount", "base_tax_canceled", "base_tax_invoiced", "base_tax_refunded", "base_total_canceled", "base_total_due", "base_total_invoiced", "base_total_invoiced_cost", "base_total_offline_refunded", "base_total_online_refunded", "base_total_paid", "base_total_qty_ordered", "base_total_refunded", "base_to_global_rate", "base_to_order_rate", "discount_amount", "discount_canceled", "discount_invoiced", "discount_refunded", "grand_total", "discount_tax_compensation_amount", "discount_tax_compensation_invoiced", "discount_tax_compensation_refunded", "payment_authorization_amount", "shipping_amount", "shipping_canceled", "shipping_discount_amount", "shipping_discount_tax_compensation_amount", "shipping_incl_tax", "shipping_invoiced", "shipping_refunded", "shipping_tax_amount", "shipping_tax_refunded", "store_to_base_rate", "store_to_order_rate", "subtotal", "subtotal_canceled", "subtotal_incl_tax", "subtotal_invoiced", "subtotal_refunded", "tax_amount", "tax_canceled", "tax_invoiced", "tax_refunded", "total_canceled", "total_due", "total_invoiced", "total_offline_refunded", "total_online_refunded", "total_paid", "total_qty_ordered", "total_refunded", "weight"],
    "string": ["applied_rule_ids", "base_currency_code", "coupon_code", "created_at", "customer_dob", "customer_email", "customer_firstname", "customer_lastname", "customer_middlename", "customer_note", "customer_prefix", "customer_suffix", "customer_taxvat", "discount_description", "ext_customer_id", "ext_order_id", "global_currency_code", "hold_before_state", "hold_before_status", "increment_id", "order_currency_code", "original_increment_id", "protect_code", "relation_child_id", "relation_child_real_id", "relation_parent_id", "relation_parent_real_id", "remote_ip", "shipping_description", "state", "status", "store_currency_code", "store_name", "updated_at", "x_forwarded_for"],
}

ITEM_FIELDS = {
    "int": ["event_id", "free_shipping", "gw_id", "is_qty_decimal", "is_virtual", "item_id", "locked_do_invoice", "locked_do_ship", "no_discount", "order_id", "parent_item_id", "product_id", "quote_item_id", "store_id"],
    "float": ["amount_refunded", "base_amount_refunded", "base_cost", "base_discount_amount", "base_discount_invoiced", "base_discount_refunded", "base_discount_tax_compensation_amount", "base_discount_tax_compensation_invoiced", "base_discount_tax_compensation_refunded", "base_original_price", "base_price", "base_price_incl_tax", "base_row_invoiced", "base_row_total", "base_row_total_incl_tax", "base_tax_amount", "base_tax_before_discount", "base_tax_invoiced", "base_tax_refunded", "base_weee_tax_applied_amount", "base_weee_tax_applied_row_amnt", "base_weee_tax_disposition", "base_weee_tax_row_disposition", "discount_amount", "discount_invoiced", "discount_percent", "discount_refunded", "gw_base_price", "gw_base_price_invoiced", "gw_base_price_refunded", "gw_base_tax_amount", "gw_base_tax_amount_invoiced", "gw_base_tax_amount_refunded", "gw_price", "gw_price_invoiced", "gw_price_refunded", "gw_tax_amount", "gw_tax_amount_invoiced", "gw_tax_amount_refunded", "discount_tax_compensation_amount", "discount_tax_compensation_canceled", "discount_tax_compensation_invoiced", "discount_tax_compensation_refunded", "original_price", "price", "price_incl_tax", "qty_backordered", "qty_canceled", "qty_invoiced", "qty_ordered", "qty_refunded", "qty_returned", "qty_shipped", "row_invoiced", "row_total", "row_total_incl_tax", "row_weight", "tax_amount", "tax_before_discount", "tax_canceled", "tax_invoiced", "tax_percent", "tax_refunded", "weee_tax_applied_amount", "weee_tax_applied_row_amount", "weee_tax_disposition", "weee_tax_row_disposition", "weight"],
    "string": ["additional_data", "applied_rule_ids", "created_at", "description", "ext_order_item_id", "name", "product_type", "sku", "updated_at", "weee_tax_applied"],
}


PAYMENT_FIELDS = {
    "int": ["entity_id", "parent_id", "quote_payment_id"],
    "float": ["amount_authorized", "amount_canceled", "amount_ordered", "amount_paid", "amount_refunded", "base_amount_authorized", "base_amount_canceled", "base_amount_ordered", "base_amount_paid", "base_amount_paid_online", "base_amount_refunded", "base_amount_refunded_online", "base_shipping_amount", "base_shipping_captured", "base_shipping_refunded", "shipping_amount", "shipping_captured", "shipping_refunded"],
    "string": ["account_status", "additional_data", "address_status", "anet_trans_method", "cc_approval", "cc_avs_status", "cc_cid_status", "cc_debug_request_body", "cc_debug_response_body", "cc_debug_response_serialized", "cc_exp_month", "cc_exp_year", "cc_last4", "cc_number_enc", "cc_owner", "cc_secure_verify", "cc_ss_issue", "cc_ss_start_month", "cc_ss_start_year", "cc_status", "cc_status_description", "cc_trans_id", "cc_type", "echeck_account_name", "echeck_account_type", "echeck_bank_name", "echeck_routing_number", "echeck_type", "last_trans_id", "method", "po_number", "protection_eligibility"],
}

# invoice, shipment and credit memo documents and their items (POST /V1/invoices/, /V1/shipment/, /V1/creditmemo)
DOCUMENT_FIELDS = {
    "invoice": {
        "int": ["billing_address_id", "can_void_flag", "email_sent", "entity_id", "is_used_for_refund", "order_id", "shipping_address_id", "state", "store_id"],
        "float": ["base_discount_amount", "base_grand_total", "base_discount_tax_compensation_amount", "base_shipping_amount", "base_shipping_discount_tax_compensation_amnt", "base_shipping_incl_tax", "base_shipping_tax_amount", "base_subtotal", "base_subtotal_incl_tax", "base_tax_amount", "base_total_refunded", "base_to_global_rate", "base_to_order_rate", "discount_amount", "grand_total", "discount_tax_compensation_amount", "shipping_amount", "shipping_discount_tax_compensation_amount", "shipping_incl_tax", "shipping_tax_amount", "store_to_base_rate", "store_to_order_rate", "subtotal", "subtotal_incl_tax", "tax_amount", "total_qty"],
        "string": ["base_currency_code", "created_at", "discount_description", "global_currency_code", "increment_id", "order_currency_code", "store_currency_code", "transaction_id", "updated_at"],
    },
    "shipment": {
        "int": ["billing_address_id", "customer_id", "email_sent", "entity_id", "order_id", "shipment_status", "shipping_address_id", "store_id"],
        "float": ["total_qty", "total_weight"],
        "string": ["created_at", "increment_id", "shipping_label", "updated_at"],
    },
    "creditmemo": {
        "int": ["billing_address_id", "creditmemo_status", "email_sent", "entity_id", "invoice_id", "order_id", "shipping_address_id", "state", "store_id"],
        "float": ["adjustment", "adjustment_negative", "adjustment_positive", "base_adjustment", "base_adjustment_negative", "base_adjustment_positive", "base_discount_amount", "base_grand_total", "base_discount_tax_compensation_amount", "base_shipping_amount", "base_shipping_discount_tax_compensation_amnt", "base_shipping_incl_tax", "base_shipping_tax_amount", "base_subtotal", "base_subtotal_incl_tax", "base_tax_amount", "base_to_global_rate", "base_to_order_rate", "discount_amount", "grand_total", "discount_tax_compensation_amount", "shipping_amount", "shipping_discount_tax_compensation_amount", "shipping_incl_tax", "shipping_tax_amount", "store_to_base_rate", "store_to_order_rate", "subtotal", "subtotal_incl_tax", "tax_amount"],
        "string": ["base_currency_code", "created_at", "discount_description", "global_currency_code", "increment_id", "order_currency_code", "store_currency_code", "transaction_id", "updated_at"],
    },
}
DOCUMENT_ITEM_FIELDS = {
    "invoice": {
        "int": ["entity_id", "parent_id", "product_id", "order_item_id"],
        "float": ["base_cost", "base_discount_amount", "base_discount_tax_compensation_amount", "base_price", "base_price_incl_tax", "base_row_total", "base_row_total_incl_tax", "base_tax_amount", "discount_amount", "discount_tax_compensation_amount", "price", "price_incl_tax", "row_total", "row_total_incl_tax", "tax_amount", "qty"],
        "string": ["additional_data", "description", "name", "sku"],
    },
    "shipment": {
        "int": ["entity_id", "parent_id", "product_id", "order_item_id"],
        "float": ["price", "row_total", "weight", "qty"],
        "string": ["additional_data", "description", "name", "sku"],
    },
    "creditmemo": {
        "int": ["entity_id", "order_item_id", "parent_id", "product_id"],
        "float": ["base_cost", "base_discount_amount", "base_discount_tax_compensation_amount", "base_price", "base_price_incl_tax", "base_row_total", "base_row_total_incl_tax", "base_tax_amount", "base_weee_tax_applied_amount", "base_weee_tax_applied_row_amnt", "base_weee_tax_disposition", "base_weee_tax_row_disposition", "discount_amount", "discount_tax_compensation_amount", "price", "price_incl_tax", "qty", "row_total", "row_total_incl_tax", "tax_amount", "weee_tax_applied_amount", "weee_tax_applied_row_amount", "weee_tax_disposition", "weee_tax_row_disposition"],
        "string": ["additional_data", "description", "name", "sku", "weee_tax_applied"],
    },
}


def typed_entity(data: dict[str, Any], fields: dict[str, list[str]]) -> dict[str, Any]:
    """The scalar fields converted as ServiceInputProcessor does (wrong types answer its 400)."""
    out = dict(data)
    for kind, keys in fields.items():
        for key in keys:
            if key in out:
                out[key] = typed_value(key, out[key], kind)
    return out
