"""The seed-pack format and its validation: every error names its entry (``products[2].type_id``).

A pack is a mapping with up to three lists, each entry named by a ``ref`` unique in its list:

- ``products``: ``ref``, ``type_id`` (one of PRODUCT_TYPES) and optional ``sku`` (default the ref),
  ``name``, ``price``, ``qty``, ``status`` (enabled/disabled), ``visibility`` (1-4), ``weight``,
  ``websites`` (codes), ``attribute_set_id``, ``attributes`` (custom attribute code -> value), and
  per type ``configurable`` (``attributes``: code -> option labels; one child per combination),
  ``bundle`` (``price_type``, ``shipment_type``, ``options`` with ``selections`` of products),
  ``grouped`` (products with ``qty``) or ``downloadable`` (links with ``title``, ``file``, ``content``);
- ``customers``: ``ref``, ``email``, ``firstname``, ``lastname`` and optional ``website``, ``group_id``,
  ``password``, ``addresses`` (``country_id``, ``region_id`` of that country, street, city...);
- ``orders``: ``ref``, ``items`` (``product``, ``qty``, ``options`` for a configurable: attribute code
  -> label, ``selections`` for a bundle: product refs), one of ``customer`` (a ref) or ``guest``
  (``email``), optional ``store``, ``address``, ``shipping_method``, ``payment_method``, ``state``
  (one of ORDER_STATES) and ``tracks`` (``carrier``, ``number``) for its shipment.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fake_magento.backend.directory import directory
from fake_magento.providers.carriers import CARRIERS

PRODUCT_TYPES = ("simple", "virtual", "configurable", "bundle", "grouped", "downloadable")
ORDER_STATES = ("new", "processing", "complete", "closed", "canceled", "holded", "pending_payment",
                "payment_review")
SHIPPING_METHODS = ("flatrate_flatrate", "freeshipping_freeshipping")
PAYMENT_METHODS = ("checkmo", "free")
BUNDLE_OPTION_TYPES = ("select", "radio", "checkbox", "multi")
# what a bundle selection or a grouped child may be (Bundle/Model/Product/Type, GroupedProduct allowed types)
SELECTABLE = ("simple", "virtual", "downloadable")
SHIPPABLE = ("simple", "configurable", "bundle", "grouped")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

TOP_KEYS = ("format", "products", "customers", "orders")
PRODUCT_KEYS = ("ref", "sku", "type_id", "name", "price", "qty", "status", "visibility", "weight", "websites",
                "attribute_set_id", "attributes", "configurable", "bundle", "grouped", "downloadable")
CUSTOMER_KEYS = ("ref", "email", "firstname", "lastname", "website", "group_id", "password", "addresses")
ADDRESS_KEYS = ("firstname", "lastname", "country_id", "region_id", "region", "street", "city", "postcode",
                "telephone", "company", "default_billing", "default_shipping")
ORDER_KEYS = ("ref", "customer", "guest", "store", "items", "address", "shipping_method", "payment_method",
              "state", "tracks")
ITEM_KEYS = ("product", "qty", "options", "selections")


class PackError(ValueError):
    """A pack that cannot be loaded; ``errors`` lists every problem, each naming its entry."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("invalid seed pack:\n" + "\n".join(f"  {e}" for e in self.errors))


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def mapping(self, where: str, value: Any, keys: tuple[str, ...], required: tuple[str, ...] = ()) -> bool:
        if not isinstance(value, dict):
            self.error(where, f"{value!r} is not a mapping")
            return False
        for key in value:
            if key not in keys:
                self.error(f"{where}.{key}", f"unknown key; known keys: {', '.join(keys)}")
        for key in required:
            if value.get(key) in (None, ""):
                self.error(f"{where}.{key}", "is required")
        return True

    def choice(self, where: str, value: Any, choices: tuple[Any, ...] | list[Any]) -> None:
        if value not in choices:
            self.error(where, f"{value!r} is not one of {', '.join(map(str, choices))}")

    def ref(self, where: str, value: Any, table: dict[str, Any], section: str) -> bool:
        """Whether ``value`` names an entry of ``table``; an error otherwise."""
        if isinstance(value, str) and value in table:
            return True
        self.error(where, f"{value!r} is not the ref of a {section} of this pack")
        return False

    def number(self, where: str, value: Any, *, minimum: float = 0, integer: bool = False) -> None:
        ok = isinstance(value, int) if integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            self.error(where, f"{value!r} is not {'an integer' if integer else 'a number'}")
        elif value < minimum:
            self.error(where, f"{value!r} is less than {minimum:g}")

    def text(self, where: str, value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            self.error(where, f"{value!r} is not a non-empty text")

    def listing(self, where: str, value: Any, each: Callable[[str, Any], None], *, empty: bool = True) -> None:
        if not isinstance(value, list):
            self.error(where, f"{value!r} is not a list")
            return
        if not value and not empty:
            self.error(where, "is empty")
        for n, item in enumerate(value):
            each(f"{where}[{n}]", item)


def validate(data: Any) -> dict[str, Any]:
    """The pack with its defaults filled in, or PackError listing every problem."""
    check = _Checker()
    if not check.mapping("pack", data, TOP_KEYS):
        raise PackError(check.errors)
    if data.get("format") not in (None, "fake-magento-pack/1"):
        check.error("format", f"{data['format']!r} is not fake-magento-pack/1")
    sections = {name: data.get(name) if data.get(name) is not None else [] for name in TOP_KEYS[1:]}
    for name, entries in sections.items():
        if not isinstance(entries, list):
            check.error(name, f"{entries!r} is not a list")
            sections[name] = []
    products = _refs(check, "products", sections["products"])
    customers = _refs(check, "customers", sections["customers"])
    _refs(check, "orders", sections["orders"])
    for n, product in enumerate(sections["products"]):
        _product(check, f"products[{n}]", product, products)
    for n, customer in enumerate(sections["customers"]):
        _customer(check, f"customers[{n}]", customer)
    for n, order in enumerate(sections["orders"]):
        _order(check, f"orders[{n}]", order, products, customers)
    if check.errors:
        raise PackError(check.errors)
    from fake_magento.packs.defaults import customer_defaults, order_defaults, product_defaults

    return {"products": [product_defaults(p) for p in sections["products"]],
            "customers": [customer_defaults(c) for c in sections["customers"]],
            "orders": [order_defaults(o, customers) for o in sections["orders"]]}


def _refs(check: _Checker, section: str, entries: list[Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        ref = entry.get("ref")
        if not isinstance(ref, str) or not ref.strip():
            continue  # reported with the entry
        if ref in out:
            check.error(f"{section}[{n}].ref", f"{ref!r} is used by another entry of {section}")
        out[ref] = entry
    return out


def _product(check: _Checker, where: str, product: Any, products: dict[str, dict[str, Any]]) -> None:
    if not check.mapping(where, product, PRODUCT_KEYS, ("ref", "type_id")):
        return
    type_id = product.get("type_id")
    if type_id is not None:
        check.choice(f"{where}.type_id", type_id, PRODUCT_TYPES)
    for key in ("ref", "sku", "name"):
        if key in product:
            check.text(f"{where}.{key}", product[key])
    sku = str(product.get("sku") or product.get("ref") or "")
    if len(sku) > 64:  # Catalog Product/Attribute/Backend/Sku::SKU_MAX_LENGTH
        check.error(f"{where}.sku", f"{sku!r} is longer than 64 characters")
    for key in ("price", "qty", "weight"):
        if key in product:
            check.number(f"{where}.{key}", product[key])
    if "status" in product:
        check.choice(f"{where}.status", product["status"], ("enabled", "disabled"))
    if "visibility" in product:
        check.choice(f"{where}.visibility", product["visibility"], [1, 2, 3, 4])
    if "attribute_set_id" in product:
        check.number(f"{where}.attribute_set_id", product["attribute_set_id"], minimum=1, integer=True)
    if "websites" in product:
        check.listing(f"{where}.websites", product["websites"], check.text, empty=False)
    if "attributes" in product and not isinstance(product["attributes"], dict):
        check.error(f"{where}.attributes", f"{product['attributes']!r} is not a mapping")
    for kind in ("configurable", "bundle", "grouped", "downloadable"):
        if kind in product and type_id != kind:
            check.error(f"{where}.{kind}", f"only for type_id {kind}")
    if type_id == "configurable":
        _configurable(check, f"{where}.configurable", product.get("configurable"))
    elif type_id == "bundle":
        _bundle(check, f"{where}.bundle", product.get("bundle"), products)
    elif type_id == "grouped":
        check.listing(f"{where}.grouped", product.get("grouped"),
                      lambda w, v: _child(check, w, v, products, ("product",)), empty=False)
    elif type_id == "downloadable" and "downloadable" in product:
        check.listing(f"{where}.downloadable", product["downloadable"], lambda w, v: _link(check, w, v))


def _configurable(check: _Checker, where: str, spec: Any) -> None:
    if not check.mapping(where, spec, ("attributes", "price", "qty"), ("attributes",)):
        return
    attributes = spec.get("attributes")
    if attributes is not None and (not isinstance(attributes, dict) or not attributes):
        check.error(f"{where}.attributes", f"{attributes!r} is not a mapping of attribute codes to option labels")
    elif isinstance(attributes, dict):
        for code, labels in attributes.items():
            check.listing(f"{where}.attributes.{code}", labels, check.text, empty=False)
    for key in ("price", "qty"):
        if key in spec:
            check.number(f"{where}.{key}", spec[key])


def _bundle(check: _Checker, where: str, spec: Any, products: dict[str, dict[str, Any]]) -> None:
    if not check.mapping(where, spec, ("price_type", "shipment_type", "options"), ("options",)):
        return
    if "price_type" in spec:
        check.choice(f"{where}.price_type", spec["price_type"], ("dynamic", "fixed"))
    if "shipment_type" in spec:
        check.choice(f"{where}.shipment_type", spec["shipment_type"], ("together", "separately"))

    def option(w: str, value: Any) -> None:
        if not check.mapping(w, value, ("title", "type", "required", "selections"), ("title", "selections")):
            return
        if "type" in value:
            check.choice(f"{w}.type", value["type"], BUNDLE_OPTION_TYPES)
        check.listing(f"{w}.selections", value.get("selections"),
                      lambda ws, v: _child(check, ws, v, products, ("product", "qty", "default")), empty=False)

    if "options" in spec:
        check.listing(f"{where}.options", spec["options"], option, empty=False)


def _child(check: _Checker, where: str, value: Any, products: dict[str, dict[str, Any]],
           keys: tuple[str, ...]) -> None:
    if not check.mapping(where, value, (*keys, "qty") if "qty" not in keys else keys, ("product",)):
        return
    ref = value.get("product")
    if ref is not None and not check.ref(f"{where}.product", ref, products, "product"):
        pass
    elif ref is not None and products[ref].get("type_id") not in SELECTABLE:
        check.error(f"{where}.product", f"{ref!r} is a {products[ref].get('type_id')}; one of "
                                        f"{', '.join(SELECTABLE)} is needed")
    if "qty" in value:
        check.number(f"{where}.qty", value["qty"], minimum=1)


def _link(check: _Checker, where: str, value: Any) -> None:
    if check.mapping(where, value, ("title", "price", "file", "content"), ("title",)) and "price" in value:
        check.number(f"{where}.price", value["price"])


def _customer(check: _Checker, where: str, customer: Any) -> None:
    if not check.mapping(where, customer, CUSTOMER_KEYS, ("ref", "email", "firstname", "lastname")):
        return
    email = customer.get("email")
    if email is not None and (not isinstance(email, str) or not EMAIL.match(email)):
        check.error(f"{where}.email", f"{email!r} is not an email address")
    if "group_id" in customer:
        check.number(f"{where}.group_id", customer["group_id"], minimum=1, integer=True)
    if "addresses" in customer:
        check.listing(f"{where}.addresses", customer["addresses"], lambda w, v: _address(check, w, v))


def _address(check: _Checker, where: str, address: Any) -> None:
    if not check.mapping(where, address, ADDRESS_KEYS, ("country_id",)):
        return
    country = address.get("country_id")
    if country is not None and (not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}", country)):
        check.error(f"{where}.country_id", f"{country!r} is not a two-letter country code")
    region_id = address.get("region_id")
    if region_id is not None and isinstance(country, str):
        region = directory().get(region_id)
        if directory().has_regions(country) and (region is None or region.country_id != country):
            ids = [r.region_id for r in directory().regions(str(country))]
            check.error(f"{where}.region_id", f"{region_id!r} is not a region of {country} "
                                              f"(Magento's directory: {ids[0]}..{ids[-1]})")
    if "street" in address and not (isinstance(address["street"], list) and address["street"]):
        check.error(f"{where}.street", f"{address['street']!r} is not a list of lines")


def _order(check: _Checker, where: str, order: Any, products: dict[str, dict[str, Any]],
           customers: dict[str, dict[str, Any]]) -> None:
    if not check.mapping(where, order, ORDER_KEYS, ("ref", "items")):
        return
    if ("customer" in order) == ("guest" in order):
        check.error(where, "needs exactly one of customer (a ref) or guest ({email})")
    if "customer" in order:
        check.ref(f"{where}.customer", order["customer"], customers, "customer")
    if "guest" in order and check.mapping(f"{where}.guest", order["guest"], ("email", "firstname", "lastname"),
                                          ("email",)):
        email = order["guest"].get("email")
        if email is not None and (not isinstance(email, str) or not EMAIL.match(email)):
            check.error(f"{where}.guest.email", f"{email!r} is not an email address")
    if "store" in order:
        check.text(f"{where}.store", order["store"])
    if "address" in order:  # else the customer's first address, or DEFAULT_ADDRESS (Springfield, IL)
        _address(check, f"{where}.address", order["address"])
    for key, choices in (("shipping_method", SHIPPING_METHODS), ("payment_method", PAYMENT_METHODS),
                         ("state", ORDER_STATES)):
        if key in order:
            check.choice(f"{where}.{key}", order[key], choices)
    check.listing(f"{where}.items", order.get("items"), lambda w, v: _item(check, w, v, products), empty=False)
    if "tracks" in order:
        def track(w: str, v: Any) -> None:
            if check.mapping(w, v, ("carrier", "number", "title"), ("carrier", "number")) and "carrier" in v:
                check.choice(f"{w}.carrier", v["carrier"], list(CARRIERS))
        check.listing(f"{where}.tracks", order["tracks"], track)
        if order.get("state") != "complete":
            check.error(f"{where}.tracks", "only for an order shipped by the pack (state complete)")
    if order.get("state") == "complete" and isinstance(order.get("items"), list):
        physical = [i for i in order["items"] if isinstance(i, dict) and isinstance(i.get("product"), str)
                    and i["product"] in products
                    and products[i["product"]].get("type_id") in SHIPPABLE]
        if not physical and "tracks" in order:
            check.error(f"{where}.tracks", "a virtual order is not shipped")


def _item(check: _Checker, where: str, item: Any, products: dict[str, dict[str, Any]]) -> None:
    if not check.mapping(where, item, ITEM_KEYS, ("product",)):
        return
    if "qty" in item:
        check.number(f"{where}.qty", item["qty"], minimum=1)
    ref = item.get("product")
    if ref is None:
        return
    if not check.ref(f"{where}.product", ref, products, "product"):
        return
    product = products[ref]
    type_id = product.get("type_id")
    if type_id == "grouped":
        check.error(f"{where}.product", f"{ref!r} is grouped: order its children")
    if type_id == "configurable":
        axes = _dict(_dict(product.get("configurable")).get("attributes"))
        options = item.get("options")
        if not isinstance(options, dict) or set(options) != set(axes):
            check.error(f"{where}.options", f"{options!r} must give a label for each of {', '.join(map(str, axes))}")
        else:
            for code, label in options.items():
                labels = _list(axes.get(code))
                if label not in labels:
                    check.error(f"{where}.options.{code}", f"{label!r} is not one of {', '.join(map(str, labels))}")
    elif "options" in item:
        check.error(f"{where}.options", "only for a configurable product")
    if type_id == "bundle":
        bundle_options = _list(_dict(product.get("bundle")).get("options"))
        chosen = item.get("selections")
        if not isinstance(chosen, list) or len(chosen) != len(bundle_options):
            check.error(f"{where}.selections", f"{chosen!r} must name one product for each of the bundle's "
                                               f"{len(bundle_options)} options")
        else:
            for n, (ref_chosen, option) in enumerate(zip(chosen, bundle_options, strict=True)):
                offered = [s.get("product") for s in _list(_dict(option).get("selections")) if isinstance(s, dict)]
                if ref_chosen not in offered:
                    check.error(f"{where}.selections[{n}]", f"{ref_chosen!r} is not one of {', '.join(map(str, offered))}")
    elif "selections" in item:
        check.error(f"{where}.selections", "only for a bundle product")


def _dict(value: Any) -> dict[Any, Any]:
    """A mapping to read cross-references from (an entry that is not one was reported already)."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
