"""Quote -> order conversion (QuoteManagement::submitQuote with the Quote/Model/Quote/*ToOrder* converters)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.totals import Line, Totals, money

if TYPE_CHECKING:
    from fake_magento.backend.stores import StoreRepository

PAYMENT_TITLES = {"checkmo": "Check / Money order", "free": "No Payment Information Required"}
ADDRESS_KEYS = ("city", "company", "country_id", "firstname", "lastname", "middlename", "postcode", "prefix",
                "region", "region_code", "region_id", "street", "suffix", "telephone", "vat_id", "fax")


def order_address(address: dict[str, Any], address_type: str, email: str | None) -> dict[str, Any]:
    """Quote address -> sales-data-order-address-interface keys (nulls dropped, street a list)."""
    out = {k: address.get(k) for k in ADDRESS_KEYS if address.get(k) not in (None, "")}
    street = address.get("street")
    out["street"] = [str(s) for s in street] if isinstance(street, list) else ([str(street)] if street else [])
    if address.get("customer_address_id"):
        out["customer_address_id"] = address["customer_address_id"]
    out["address_type"] = address_type
    if email:
        out["email"] = email
    return out


def _money_pair(out: dict[str, Any], key: str, value: float) -> None:
    out[key] = money(value)
    out[f"base_{key}"] = money(value)


def build_order(stores: StoreRepository, quote: dict[str, Any], totals: Totals) -> dict[str, Any]:
    """The order handed to ``OrderPlacement.place_order`` (the checkout -> sales contract).

    A Magento-shaped order dict (snake_case keys of ``sales-data-order-interface``) **without**
    ``entity_id``, ``increment_id``, ``state``, ``status``, ``created_at``, ``updated_at`` or item ids:

    * ``store_id``, ``store_name``, ``quote_id``, ``customer_id`` (absent for guests),
      ``customer_is_guest`` (0/1), ``customer_email``, ``customer_firstname``, ``customer_lastname``,
      ``customer_group_id`` (0 for guests), ``customer_note_notify``;
    * ``order_currency_code``/``base_currency_code``/``store_currency_code``/``global_currency_code``
      and the rates (``base_to_global_rate`` 1, ``base_to_order_rate`` 1, ``store_to_*`` 0);
    * money with its ``base_`` twin: ``subtotal``, ``subtotal_incl_tax``, ``shipping_amount``,
      ``shipping_incl_tax``, ``shipping_discount_amount``, ``shipping_tax_amount``,
      ``discount_amount`` (negative, items plus shipping discount), ``tax_amount`` (0: no tax rates),
      ``grand_total``, ``discount_tax_compensation_amount``;
    * ``coupon_code``, ``applied_rule_ids`` ("1,2"), ``discount_description`` (rule labels or the
      coupon code), only when a rule applied; ``shipping_description`` ("Flat Rate - Fixed"),
      ``shipping_method``; ``weight``, ``is_virtual``, ``total_qty_ordered``, ``total_item_count``,
      ``remote_ip`` when known;
    * ``items``: every order item, parents before their children. Keys ``sku``, ``name``,
      ``product_id``, ``product_type``, ``qty_ordered``, ``price``/``base_price``,
      ``original_price``/``base_original_price``, ``row_total``/``base_row_total``,
      ``price_incl_tax``/``base_price_incl_tax``, ``row_total_incl_tax``/``base_row_total_incl_tax``,
      ``discount_amount``/``base_discount_amount`` (positive on items), ``discount_percent``,
      ``tax_amount``/``base_tax_amount``, ``tax_percent``, ``weight``, ``row_weight``, ``is_virtual``,
      ``is_qty_decimal``, ``free_shipping``, ``no_discount``, ``product_option``, ``applied_rule_ids``;
      child rows carry ``parent_index`` (the position of their parent in this list).
      A configurable parent carries the child's SKU, the price and the totals; its child row has
      ``price`` = the parent's price with ``base_price``, ``original_price`` and row totals 0
      (the recordings import_sale_order_10/16/17.yaml show exactly this). A dynamic-price bundle's
      children carry their prices and row totals (the parent shows the summed price);
      a fixed-price bundle's parent carries the price and its children 0. Bundle rows carry
      ``product_options`` (``product_calculations`` 0 dynamic / 1 fixed, ``shipment_type``) and
      children ``bundle_selection_attributes.qty``;
    * ``billing_address``: sales-data-order-address-interface keys, ``address_type`` "billing",
      ``street`` a list, ``region``, ``region_code``, ``region_id``, ``email``;
    * ``shipping``: ``{"address": {... "address_type": "shipping"}, "method": "flatrate_flatrate"}``,
      absent for virtual orders;
    * ``payment``: ``{"method": "checkmo", "additional_information": ["Check / Money order"]}``.
    """
    store = stores.store(quote["store_id"])
    currency = store["base_currency_code"]
    email = quote.get("customer_email")
    # Sales/Model/ResourceModel/Order::_beforeSave: the website, group and view names on three lines
    # (2.4.7-p3 sandbox: "Main Website\nMain Website Store\nDefault Store View")
    website = next(w for w in stores.websites() if w["website_id"] == store["website_id"])
    group = next(g for g in stores.groups() if g["group_id"] == store["group_id"])
    order: dict[str, Any] = {
        "store_id": quote["store_id"], "store_name": "\n".join([website["name"], group["name"], store["name"]]),
        "quote_id": quote["id"],
        "customer_is_guest": int(bool(quote.get("customer_is_guest"))), "customer_email": email,
        "customer_firstname": quote.get("customer_firstname"), "customer_lastname": quote.get("customer_lastname"),
        "customer_group_id": int(quote.get("customer_group_id") or 0), "customer_note_notify": 1,
        "order_currency_code": currency, "base_currency_code": currency, "store_currency_code": currency,
        "global_currency_code": currency, "base_to_global_rate": 1, "base_to_order_rate": 1,
        "store_to_base_rate": 0, "store_to_order_rate": 0,
        "weight": totals.weight, "is_virtual": int(totals.is_virtual),
        "total_qty_ordered": sum(line.qty for line in totals.lines), "total_item_count": len(totals.lines),
    }
    if quote.get("customer_id"):
        order["customer_id"] = int(quote["customer_id"])
    if quote.get("remote_ip"):
        order["remote_ip"] = quote["remote_ip"]
    _money_pair(order, "subtotal", totals.subtotal)
    _money_pair(order, "subtotal_incl_tax", totals.subtotal)
    _money_pair(order, "discount_amount", -(totals.discount + totals.shipping_discount))
    _money_pair(order, "tax_amount", 0)
    _money_pair(order, "discount_tax_compensation_amount", 0)
    _money_pair(order, "grand_total", totals.grand_total)
    if not totals.is_virtual:
        for key, value in (("shipping_amount", totals.shipping), ("shipping_incl_tax", totals.shipping),
                           ("shipping_discount_amount", totals.shipping_discount), ("shipping_tax_amount", 0)):
            _money_pair(order, key, value)
        # Tax's quote address totals (no tax configured: 0; the base column's name is cut short)
        order["shipping_discount_tax_compensation_amount"] = 0.0
        order["base_shipping_discount_tax_compensation_amnt"] = 0.0
        order["shipping_description"] = totals.shipping_description
        order["shipping_method"] = quote.get("shipping_method")
    if totals.applied_rule_ids:
        order["applied_rule_ids"] = ",".join(str(i) for i in totals.applied_rule_ids)
    if totals.coupon_code:
        order["coupon_code"] = totals.coupon_code
    if totals.discount_description:
        order["discount_description"] = totals.discount_description
    order["items"] = _items(totals)
    order["billing_address"] = order_address(quote.get("billing_address") or {}, "billing", email)
    if not totals.is_virtual:
        order["shipping"] = {"address": order_address(quote.get("shipping_address") or {}, "shipping", email),
                             "method": quote.get("shipping_method")}
    method = quote.get("payment_method") or "checkmo"
    order["payment"] = {"method": method, "additional_information": [PAYMENT_TITLES.get(method, method)]}
    return order


# sales_order_item columns with a database default (Sales/etc/db_schema.xml) that the quote item
# converter does not write: every item reads them back as 0 (2.4.7-p3 sandbox, a new order)
ITEM_COLUMN_ZEROS = {k: 0 for k in ("amount_refunded", "base_amount_refunded", "row_invoiced", "base_row_invoiced",
                                    "tax_invoiced", "base_tax_invoiced", "discount_invoiced",
                                    "base_discount_invoiced")}


def _row(line: Line, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"sku": line.sku, "name": line.name, "product_id": line.product["id"],
                           "product_type": line.stored["product_type"], "qty_ordered": line.qty,
                           "is_virtual": int(line.is_virtual), "is_qty_decimal": 0, "no_discount": 0,
                           "free_shipping": int(line.free_shipping), "tax_amount": 0, "base_tax_amount": 0,
                           "tax_percent": 0, "discount_tax_compensation_amount": 0,
                           "base_discount_tax_compensation_amount": 0, **ITEM_COLUMN_ZEROS}
    row.update(values)
    return row


def _prices(price: float, qty: float, *, original: float | None = None) -> dict[str, Any]:
    row_total = money(price * qty)
    original = price if original is None else original
    return {"price": price, "base_price": price, "original_price": original, "base_original_price": original,
            "price_incl_tax": price, "base_price_incl_tax": price, "row_total": row_total,
            "base_row_total": row_total, "row_total_incl_tax": row_total, "base_row_total_incl_tax": row_total}


def _items(totals: Totals) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for line in totals.lines:
        kind = line.stored["product_type"]
        rules = ",".join(str(i) for i in line.applied_rule_ids)
        parent = _row(line, **_prices(line.price, line.qty), weight=line.weight,
                      row_weight=0 if line.is_virtual else money(line.weight * line.qty),
                      discount_amount=line.discount, base_discount_amount=line.discount,
                      discount_percent=line.discount_percent)
        if rules:
            parent["applied_rule_ids"] = rules
        if line.stored.get("option"):
            parent["product_option"] = line.stored["option"]
        index = len(items)
        if kind == "bundle":
            # Bundle Type::getOrderOptions: product_calculations 0 = children priced (dynamic), 1 = parent
            parent["product_options"] = {"product_calculations": 0 if _is_dynamic(line) else 1,
                                         "shipment_type": 1 if line.ship_separately else 0}
            if _is_dynamic(line):
                # the tax collector works on the priced selections: the dynamic bundle row has no tax
                # percent or compensation (2.4.7-p3 sandbox, a dynamic bundle's order)
                for key in ("tax_percent", "discount_tax_compensation_amount",
                            "base_discount_tax_compensation_amount"):
                    del parent[key]
        items.append(parent)
        for child in line.children:
            qty = money(child["qty"] * line.qty)
            row = {"sku": child["sku"], "name": child["name"], "product_id": child["product_id"],
                   "product_type": child["product"]["type_id"], "qty_ordered": qty,
                   "is_virtual": int(child["is_virtual"]), "is_qty_decimal": 0, "no_discount": 0, "free_shipping": 0,
                   "tax_amount": 0, "base_tax_amount": 0, "tax_percent": 0, "discount_amount": 0,
                   "base_discount_amount": 0, "discount_percent": 0, "weight": child["weight"],
                   "parent_index": index, **ITEM_COLUMN_ZEROS}
            if kind == "configurable":
                # recordings import_sale_order_10/16/17: the child repeats the price, base and original 0;
                # no base original or incl-tax price (2.4.7-p3 sandbox, tests/connector_tests/fixtures/sandbox_order.json)
                row.update({"price": line.price, "base_price": 0, "original_price": 0,
                            "row_total": 0, "base_row_total": 0, "row_total_incl_tax": 0,
                            "base_row_total_incl_tax": 0, "row_weight": 0})
            elif _is_dynamic(line):
                row.update(_prices(child.get("price", 0.0), qty), discount_tax_compensation_amount=0,
                           base_discount_tax_compensation_amount=0)
                if line.discount and line.row_total:
                    share = money(line.discount * (child.get("price", 0.0) * qty) / line.row_total)
                    row.update({"discount_amount": share, "base_discount_amount": share,
                                "discount_percent": line.discount_percent})
            else:
                # a fixed-price bundle's selection is priced 0 and carries no base original or incl-tax price
                row.update({k: v for k, v in _prices(0.0, qty).items()
                            if k not in ("base_original_price", "price_incl_tax", "base_price_incl_tax")})
            if kind == "bundle":
                row["row_weight"] = 0  # the bundle row carries the weight (2.4.7-p3 sandbox, all three kinds)
                row["product_options"] = {"bundle_selection_attributes": {"qty": child["qty"]}}
            items.append(row)
    return items


def _is_dynamic(line: Line) -> bool:
    from fake_magento.backend.checkout.items import attr

    return str(attr(line.product, "price_type", "0")) == "0"
