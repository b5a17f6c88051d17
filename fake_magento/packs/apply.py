"""Writing a validated pack through Magento's REST API only, so the same pack lands the same way on
the emulator and on any Magento.

Products through ``/V1/products`` (admin scope; configurable children and attribute options
first), customers through ``/V1/customers``, orders through the checkout a storefront uses (a
cart, its items, addresses, shipping, payment, ``PUT .../order``), then the lifecycle routes
(invoice, ship, refund, hold, cancel). ``pending_payment`` and ``payment_review`` are set through
the order repository (``POST /V1/orders`` with the entity id), as a payment gateway's callback does.
The answer is the mapping of the pack's refs to the ids Magento gave.
"""
from __future__ import annotations

import base64
import re
from typing import Any, Protocol
from urllib.parse import quote

from fake_magento.packs.schema import SHIPPABLE
from fake_magento.providers.carriers import CARRIERS

# created before the products that refer to them
_TYPE_ORDER = {"simple": 0, "virtual": 0, "downloadable": 0, "configurable": 1, "bundle": 2, "grouped": 2}
_BUNDLE_FLAGS = {"dynamic": "0", "fixed": "1"}   # price_type / sku_type / weight_type: 0 dynamic, 1 fixed
_SHIPMENT = {"together": "0", "separately": "1"}  # shipment_type


class RestCaller(Protocol):
    """One Magento REST call: ``relative`` under ``/rest/<store>/V1/``; the decoded JSON answer, or an
    exception carrying Magento's message for any status outside 2xx."""

    def __call__(self, method: str, relative: str, body: Any = None, *, store: str | None = None,
                 params: list[tuple[str, str]] | None = None) -> Any: ...


class PackApplyError(RuntimeError):
    """A call Magento refused while writing the entry named in the message."""


class RestCallError(RuntimeError):
    """A REST call answered outside 2xx: ``METHOD /V1/path: status message``."""


def p(template: str, *values: Any) -> str:
    return template.format(*(quote(str(v), safe="") for v in values))


class PackWriter:
    def __init__(self, call: RestCaller, prefix: str = "") -> None:
        self.call = call
        self.prefix = prefix
        self.mapping: dict[str, dict[str, Any]] = {"products": {}, "customers": {}, "orders": {}}
        self._skus: dict[str, str] = {}
        self._types: dict[str, str] = {}
        self._packs: dict[str, dict[str, Any]] = {}
        self._websites: dict[str, dict[str, Any]] | None = None
        self._options: dict[str, dict[str, str]] = {}
        self._attribute_ids: dict[str, str] = {}

    # -- names ---------------------------------------------------------------------------------
    def sku(self, sku: str) -> str:
        return f"{self.prefix}-{sku}" if self.prefix else sku

    def email(self, email: str) -> str:
        return f"{self.prefix}-{email}".lower() if self.prefix else email

    def websites(self) -> dict[str, dict[str, Any]]:
        """Website code -> {id, default store id} (GET store/websites and store/storeGroups)."""
        if self._websites is None:
            groups = {int(g["id"]): g for g in self.call("GET", "store/storeGroups")}
            self._websites = {}
            for site in self.call("GET", "store/websites"):
                group = groups.get(int(site.get("default_group_id") or 0)) or {}
                self._websites[site["code"]] = {"id": int(site["id"]),
                                                "store_id": int(group.get("default_store_id") or 0)}
        return self._websites

    def website(self, code: str, where: str) -> dict[str, Any]:
        found = self.websites().get(code)
        if found is None:
            raise PackApplyError(f"{where}: no website with code {code!r} (the target has "
                                 f"{', '.join(sorted(self.websites()))})")
        return found

    # -- the whole pack -----------------------------------------------------------------------
    def write(self, pack: dict[str, Any]) -> dict[str, dict[str, Any]]:
        products = sorted(enumerate(pack["products"]), key=lambda e: (_TYPE_ORDER[e[1]["type_id"]], e[0]))
        for n, product in products:
            self._guard(f"products[{n}] ({product['ref']})", self.product, product)
        for n, customer in enumerate(pack["customers"]):
            self._guard(f"customers[{n}] ({customer['ref']})", self.customer, customer)
        for n, order in enumerate(pack["orders"]):
            self._guard(f"orders[{n}] ({order['ref']})", self.order, order)
        return self.mapping

    @staticmethod
    def _guard(where: str, step: Any, entry: dict[str, Any]) -> None:
        try:
            step(entry, where)
        except PackApplyError:
            raise
        except Exception as exc:  # the REST caller's error, with Magento's message
            raise PackApplyError(f"{where}: {exc}") from exc

    # -- products ------------------------------------------------------------------------------
    def _body(self, product: dict[str, Any], sku: str, where: str, **extra: Any) -> dict[str, Any]:
        type_id = product["type_id"]
        body: dict[str, Any] = {"sku": sku, "name": product["name"], "type_id": type_id,
                                "attribute_set_id": product["attribute_set_id"],
                                "status": 1 if product["status"] == "enabled" else 2,
                                "visibility": product["visibility"]}
        if "price" in product:
            body["price"] = product["price"]
        if "weight" in product:
            body["weight"] = product["weight"]
        ext: dict[str, Any] = {"website_ids": [self.website(c, where)["id"] for c in product["websites"]]}
        if "qty" in product:
            ext["stock_item"] = {"qty": product["qty"], "is_in_stock": product["qty"] > 0}
        custom = [{"attribute_code": k, "value": v} for k, v in product["attributes"].items()]
        if "url_key" not in product["attributes"]:
            # Magento derives the URL key from the name, which a pack (or a prefixed rerun) may repeat
            custom.append({"attribute_code": "url_key", "value": _slug(sku)})
        body["custom_attributes"] = custom + extra.pop("custom", [])
        ext.update(extra.pop("ext", {}))
        body["extension_attributes"] = ext
        body.update(extra)
        return body

    def _save(self, body: dict[str, Any]) -> dict[str, Any]:
        # admin scope (store 0): what the admin's product form saves
        saved: dict[str, Any] = self.call("POST", "products", {"product": body}, store="all")
        return saved

    def product(self, product: dict[str, Any], where: str) -> None:
        ref, type_id = product["ref"], product["type_id"]
        sku = self.sku(product["sku"])
        entry: dict[str, Any] = {"sku": sku}
        if type_id == "configurable":
            body = self._configurable(product, sku, where, entry)
        elif type_id == "bundle":
            body = self._bundle(product, sku, where)
        elif type_id == "grouped":
            body = self._body(product, sku, where, product_links=[
                {"sku": sku, "link_type": "associated", "linked_product_sku": self._skus[c["product"]],
                 "linked_product_type": self._types[c["product"]], "position": n,
                 "extension_attributes": {"qty": c.get("qty", 1)}} for n, c in enumerate(product["grouped"])])
        elif type_id == "downloadable":
            body = self._body(product, sku, where, ext={"downloadable_product_links": [
                {"title": link["title"], "sort_order": n, "is_shareable": 0, "price": link.get("price", 0),
                 "number_of_downloads": 0, "link_type": "file", "link_file_content": {
                     "name": link.get("file", f"link-{n + 1}.txt"),
                     "file_data": base64.b64encode(str(link.get("content", link["title"])).encode()).decode()}}
                for n, link in enumerate(product["downloadable"])]})
        else:
            body = self._body(product, sku, where)
        saved = self._save(body)
        entry["id"] = int(saved["id"])
        self.mapping["products"][ref] = entry
        self._skus[ref], self._types[ref], self._packs[ref] = sku, type_id, product

    def _configurable(self, product: dict[str, Any], sku: str, where: str, entry: dict[str, Any]) -> dict[str, Any]:
        spec = product["configurable"]
        axes: dict[str, list[str]] = spec["attributes"]
        for code, labels in axes.items():
            self._ensure_in_set(code, int(product["attribute_set_id"]))
            self._ensure_options(code, labels)
        children: dict[str, int] = {}
        for combination in spec["children"]:
            child_sku = "-".join([sku, *combination.values()])
            child = {**product, "type_id": "simple", "name": " ".join([product["name"], *combination.values()]),
                     "price": spec["price"], "qty": spec["qty"], "visibility": 1, "weight": 1}
            body = self._body(child, child_sku, where, custom=[
                {"attribute_code": code, "value": self._options[code][label]} for code, label in combination.items()])
            children[child_sku] = int(self._save(body)["id"])
        entry["children"] = children
        options = [{"attribute_id": self._attribute_ids[code], "label": code.replace("_", " ").title(),
                    "position": n, "values": [{"value_index": int(self._options[code][label])} for label in labels]}
                   for n, (code, labels) in enumerate(axes.items())]
        plain = {k: v for k, v in product.items() if k not in ("price", "qty", "weight")}
        return self._body(plain, sku, where, ext={"configurable_product_options": options,
                                                  "configurable_product_links": list(children.values()),
                                                  "stock_item": {"is_in_stock": True}})

    def _ensure_in_set(self, code: str, set_id: int) -> None:
        attribute = self.call("GET", p("products/attributes/{}", code))
        self._attribute_ids[code] = str(attribute["attribute_id"])
        in_set = {a["attribute_code"] for a in self.call("GET", p("products/attribute-sets/{}/attributes", set_id))}
        if code in in_set:
            return
        groups = self.call("GET", "products/attribute-sets/groups/list", params=[
            ("searchCriteria[filter_groups][0][filters][0][field]", "attribute_set_id"),
            ("searchCriteria[filter_groups][0][filters][0][value]", str(set_id))])
        group = min(groups["items"], key=lambda g: int(g["attribute_group_id"]))
        self.call("POST", "products/attribute-sets/attributes", {
            "attributeSetId": set_id, "attributeGroupId": group["attribute_group_id"], "attributeCode": code,
            "sortOrder": 999})

    def _ensure_options(self, code: str, labels: list[str]) -> None:
        def known() -> dict[str, str]:
            return {str(o["label"]): str(o["value"]) for o in self.call("GET", p("products/attributes/{}/options", code))
                    if str(o.get("value") or "").strip()}

        options = known()
        missing = [label for label in labels if label not in options]
        for label in missing:
            self.call("POST", p("products/attributes/{}/options", code),
                      {"option": {"label": label, "sort_order": 0, "is_default": False}})
        self._options[code] = known() if missing else options

    def _bundle(self, product: dict[str, Any], sku: str, where: str) -> dict[str, Any]:
        spec = product["bundle"]
        flag = _BUNDLE_FLAGS[spec["price_type"]]
        custom = [{"attribute_code": c, "value": flag} for c in ("price_type", "sku_type", "weight_type")]
        custom += [{"attribute_code": "shipment_type", "value": _SHIPMENT[spec["shipment_type"]]},
                   {"attribute_code": "price_view", "value": "0"}]
        options = [{"title": o["title"], "type": o.get("type", "select"), "required": o.get("required", True),
                    "position": n + 1, "sku": sku, "product_links": [
                        {"sku": self._skus[s["product"]], "qty": s.get("qty", 1), "position": m + 1,
                         "is_default": bool(s.get("default", m == 0)), "price": 0, "price_type": 0,
                         "can_change_quantity": 0} for m, s in enumerate(o["selections"])]}
                   for n, o in enumerate(spec["options"])]
        plain = product if spec["price_type"] == "fixed" else {k: v for k, v in product.items() if k != "price"}
        plain = {k: v for k, v in plain.items() if k != "qty"}
        return self._body(plain, sku, where, custom=custom, ext={"bundle_product_options": options,
                                                                 "stock_item": {"is_in_stock": True}})

    # -- customers -----------------------------------------------------------------------------
    def customer(self, customer: dict[str, Any], where: str) -> None:
        site = self.website(customer["website"], where)
        body: dict[str, Any] = {"customer": {
            "email": self.email(customer["email"]), "firstname": customer["firstname"],
            "lastname": customer["lastname"], "website_id": site["id"], "store_id": site["store_id"],
            "group_id": customer["group_id"], "addresses": [_customer_address(a) for a in customer["addresses"]]}}
        if customer.get("password"):
            body["password"] = customer["password"]
        saved = self.call("POST", "customers", body)
        self.mapping["customers"][customer["ref"]] = {"id": int(saved["id"]), "email": saved["email"],
                                                      "addresses": [int(a["id"]) for a in saved.get("addresses", [])]}

    # -- orders --------------------------------------------------------------------------------
    def order(self, order: dict[str, Any], where: str) -> None:
        store = order["store"]
        if "customer" in order:
            customer = self.mapping["customers"][order["customer"]]
            cart = self.call("POST", p("customers/{}/carts", customer["id"]), store=store)
            base, email = p("carts/{}", cart), customer["email"]
        else:
            cart = self.call("POST", "guest-carts", store=store)
            base, email = p("guest-carts/{}", cart), self.email(order["guest"]["email"])
        for item in order["items"]:
            self.call("POST", f"{base}/items", {"cartItem": self._cart_item(item, cart)}, store=store)
        address = {**_quote_address(order["address"]), "email": email}
        physical = any(self._types[i["product"]] in SHIPPABLE for i in order["items"])
        self.call("POST", f"{base}/billing-address", {"address": address}, store=store)
        if physical:
            carrier, _, method = order["shipping_method"].partition("_")
            self.call("POST", f"{base}/shipping-information", {"addressInformation": {
                "shipping_address": address, "billing_address": address, "shipping_carrier_code": carrier,
                "shipping_method_code": method}}, store=store)
        order_id = int(self.call("PUT", f"{base}/order", {"paymentMethod": {"method": order["payment_method"]}},
                                 store=store))
        entry: dict[str, Any] = {"id": order_id, "invoices": [], "shipments": [], "creditmemos": []}
        self.mapping["orders"][order["ref"]] = entry
        self._advance(order, order_id, physical, entry)
        entry["increment_id"] = self.call("GET", p("orders/{}", order_id))["increment_id"]

    def _cart_item(self, item: dict[str, Any], cart: Any) -> dict[str, Any]:
        ref = item["product"]
        body: dict[str, Any] = {"sku": self._skus[ref], "qty": item["qty"], "quote_id": str(cart)}
        if self._types[ref] == "configurable":
            body["product_option"] = {"extension_attributes": {"configurable_item_options": [
                {"option_id": self._attribute_ids[code], "option_value": int(self._options[code][label])}
                for code, label in item["options"].items()]}}
        elif self._types[ref] == "bundle":
            product = self.call("GET", p("products/{}", self._skus[ref]), store="all")
            options = product["extension_attributes"]["bundle_product_options"]
            chosen = []
            for option, choice in zip(options, item["selections"], strict=True):
                link = next(lk for lk in option["product_links"] if lk["sku"] == self._skus[choice])
                chosen.append({"option_id": option["option_id"], "option_qty": float(link.get("qty") or 1),
                               "option_selections": [int(link["id"])]})
            body["product_option"] = {"extension_attributes": {"bundle_options": chosen}}
        return body

    def _advance(self, order: dict[str, Any], order_id: int, physical: bool, entry: dict[str, Any]) -> None:
        state = order["state"]
        if state in ("processing", "complete", "closed"):
            entry["invoices"].append(int(self.call("POST", p("order/{}/invoice", order_id), {"capture": False})))
        if state == "complete" and physical:
            tracks = [{"carrier_code": t["carrier"], "title": t.get("title") or CARRIERS[t["carrier"]],
                       "track_number": t["number"]} for t in order.get("tracks", [])]
            entry["shipments"].append(int(self.call("POST", p("order/{}/ship", order_id), {"tracks": tracks})))
        if state == "closed":
            entry["creditmemos"].append(int(self.call("POST", p("order/{}/refund", order_id), {})))
        if state == "holded":
            self.call("POST", p("orders/{}/hold", order_id))
        if state == "canceled":
            self.call("POST", p("orders/{}/cancel", order_id))
        if state in ("pending_payment", "payment_review"):
            self.call("POST", "orders", {"entity": {"entity_id": order_id, "state": state, "status": state}})


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "product"


def _customer_address(address: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in address.items() if k != "region"}
    if isinstance(address.get("region"), str):
        out["region"] = {"region": address["region"]}
    return out


def _quote_address(address: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in address.items() if k not in ("default_billing", "default_shipping")}
