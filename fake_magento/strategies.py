"""Hypothesis strategies for Magento data, for your own property tests.

Every body is one Magento accepts (checked against the emulator in this project's tests)::

    from hypothesis import given
    from fake_magento import strategies as ms

    @given(ms.simple_products())
    def test_my_sync_keeps_every_product(body):
        magento.post("/V1/products", body)          # {"product": {...}}
        ...

- products: ``simple_products``, ``virtual_products``, ``downloadable_products`` (standalone);
  ``bundle_products(child_skus)``, ``grouped_products(child_skus)`` and
  ``configurable_products(attribute_id, children)`` build on products that exist; ``products(type_id,
  ...)`` picks by type;
- ``customers`` (``{"customer": ..., "password": ...}``), ``addresses`` (a valid country/region pair
  from Magento's region directory), ``quote_addresses`` (a cart's);
- ``order_packs``: a seed pack (``fake_magento.packs``) of products, customers and orders in any state;
- ``search_criteria(entity)`` (the nested dict) and ``search_queries(entity)`` (the query string).

Hypothesis is a test dependency: import this module from tests only.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

from fake_magento.backend.directory import directory
from fake_magento.packs.schema import ORDER_STATES
from fake_magento.providers.carriers import CARRIERS, CarrierProvider

SKU_MAX_LENGTH = 64  # Catalog Product/Attribute/Backend/Sku
# countries whose addresses need no postcode (general/country/optional_zip_countries)
OPTIONAL_ZIP = ("HK", "IE", "MO", "PA", "GB")
# countries without regions in Magento's directory, for addresses without one
REGIONLESS = ("GB", "NL", "JP", "NZ", "IE", "NO")
_WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=10)
_NAME = st.text(st.characters(whitelist_categories=("Lu", "Ll"), max_codepoint=0x24F), min_size=1, max_size=20)

# -- products -----------------------------------------------------------------------------------------


def skus(*, awkward: bool = True) -> st.SearchStrategy[str]:
    """SKUs Magento takes: letters, digits and dashes, and (``awkward``) a space, ``/``, ``+``, ``%``,
    ``#``, ``?``, non-ASCII letters, up to the maximum length; never blank or padded."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    if awkward:
        alphabet += " /+%#?éüßø"
    body = st.text(st.sampled_from(alphabet), min_size=1, max_size=SKU_MAX_LENGTH)
    return body.map(str.strip).filter(bool)


def _url_key(sku: str) -> str:
    # Magento derives the URL key from the name; products with equal names would collide
    return "p-" + hashlib.sha1(sku.lower().encode()).hexdigest()[:16]


@st.composite
def _product(draw: st.DrawFn, type_id: str, *, sku: str | None = None, price: bool = True,
             stock: bool = True, weight: bool = False, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    chosen = sku if sku is not None else draw(skus())
    product: dict[str, Any] = {
        "sku": chosen, "name": draw(_NAME.map(str.strip).filter(bool)), "type_id": type_id, "attribute_set_id": 4,
        "status": draw(st.sampled_from([1, 2])), "visibility": draw(st.sampled_from([1, 2, 3, 4])),
        "custom_attributes": [{"attribute_code": "url_key", "value": _url_key(chosen)}],
        "extension_attributes": {"website_ids": [1]}}
    if price:
        product["price"] = draw(st.decimals(0, 10000, places=2).map(float))
    if weight:
        product["weight"] = draw(st.decimals(0, 100, places=2).map(float))
    if stock:
        qty = draw(st.integers(0, 1000))
        product["extension_attributes"]["stock_item"] = {"qty": qty, "is_in_stock": qty > 0}
    for key, value in (extra or {}).items():
        if key == "extension_attributes":
            product["extension_attributes"].update(value)
        elif key == "custom_attributes":
            product["custom_attributes"] += value
        else:
            product[key] = value
    return {"product": product}


def simple_products() -> st.SearchStrategy[dict[str, Any]]:
    """``POST /V1/products`` bodies of simple products (weight, price, stock)."""
    return _product("simple", weight=True)


def virtual_products() -> st.SearchStrategy[dict[str, Any]]:
    return _product("virtual")


@st.composite
def downloadable_products(draw: st.DrawFn) -> dict[str, Any]:
    """Downloadable products with one to three file links (content uploaded as base64)."""
    links = [{"title": draw(_WORD), "sort_order": n, "is_shareable": 0, "number_of_downloads": draw(st.integers(0, 5)),
              "price": draw(st.decimals(0, 50, places=2).map(float)), "link_type": "file",
              "link_file_content": {"name": f"{draw(_WORD)}.pdf", "file_data": "JVBERi0xLjQ="}}
             for n in range(draw(st.integers(1, 3)))]
    return draw(_product("downloadable", extra={"extension_attributes": {"downloadable_product_links": links}}))


@st.composite
def bundle_products(draw: st.DrawFn, child_skus: Sequence[str]) -> dict[str, Any]:
    """Bundles over existing simple/virtual products: dynamic or fixed price, shipped together or
    separately, one to three options of one to three selections each."""
    fixed = draw(st.booleans())
    sku = draw(skus())
    options = []
    for n in range(draw(st.integers(1, 3))):
        chosen = draw(st.lists(st.sampled_from(list(child_skus)), min_size=1, max_size=3, unique=True))
        options.append({"title": draw(_WORD), "type": draw(st.sampled_from(["select", "radio", "checkbox", "multi"])),
                        "required": draw(st.booleans()), "position": n + 1, "sku": sku, "product_links": [
                            {"sku": c, "qty": draw(st.integers(1, 3)), "position": m + 1, "is_default": m == 0,
                             "price": 0, "price_type": 0, "can_change_quantity": 0} for m, c in enumerate(chosen)]})
    flag = "1" if fixed else "0"
    custom = [{"attribute_code": c, "value": flag} for c in ("price_type", "sku_type", "weight_type")]
    custom += [{"attribute_code": "shipment_type", "value": draw(st.sampled_from(["0", "1"]))},
               {"attribute_code": "price_view", "value": "0"}]
    return draw(_product("bundle", sku=sku, price=fixed, stock=False, extra={
        "custom_attributes": custom, "extension_attributes": {"bundle_product_options": options}}))


@st.composite
def grouped_products(draw: st.DrawFn, child_skus: Sequence[str]) -> dict[str, Any]:
    """Grouped products associating existing simple/virtual products (with default quantities).
    A Magento without a search engine refuses to save product links."""
    sku = draw(skus())
    chosen = draw(st.lists(st.sampled_from(list(child_skus)), min_size=1, max_size=4, unique=True))
    links = [{"sku": sku, "link_type": "associated", "linked_product_sku": c, "linked_product_type": "simple",
              "position": n, "extension_attributes": {"qty": draw(st.integers(0, 5))}} for n, c in enumerate(chosen)]
    return draw(_product("grouped", sku=sku, price=False, stock=False, extra={"product_links": links}))


@st.composite
def configurable_products(draw: st.DrawFn, attribute_id: int | str,
                          children: Sequence[tuple[int, int]]) -> dict[str, Any]:
    """Configurables over existing simple children: ``children`` are ``(product id, option value)``
    pairs of one select attribute (``attribute_id``), each child with a different value."""
    chosen = draw(st.lists(st.sampled_from(list(children)), min_size=1, max_size=len(children),
                           unique_by=lambda c: c[1]))
    options = [{"attribute_id": str(attribute_id), "label": draw(_WORD).title(), "position": 0,
                "values": [{"value_index": int(value)} for _, value in chosen]}]
    return draw(_product("configurable", price=False, stock=False, extra={"extension_attributes": {
        "configurable_product_options": options, "configurable_product_links": [int(i) for i, _ in chosen]}}))


def products(type_id: str, **context: Any) -> st.SearchStrategy[dict[str, Any]]:
    """Bodies of one type; composites take the context their strategy names (``child_skus``, or
    ``attribute_id`` and ``children`` for a configurable)."""
    makers: dict[str, Any] = {"simple": simple_products, "virtual": virtual_products,
                              "downloadable": downloadable_products, "bundle": bundle_products,
                              "grouped": grouped_products, "configurable": configurable_products}
    if type_id not in makers:
        raise ValueError(f"type_id {type_id!r} is not one of {', '.join(makers)}")
    strategy: st.SearchStrategy[dict[str, Any]] = makers[type_id](**context)
    return strategy


# -- customers and addresses ------------------------------------------------------------------------------


@st.composite
def _region(draw: st.DrawFn, with_region: bool | None = None) -> dict[str, Any]:
    regional = draw(st.booleans()) if with_region is None else with_region
    if regional:
        country = draw(st.sampled_from(directory().countries()))
        region = draw(st.sampled_from(directory().regions(country)))
        return {"country_id": country, "region_id": region.region_id,
                "region": {"region_id": region.region_id, "region_code": region.code, "region": region.name}}
    return {"country_id": draw(st.sampled_from(REGIONLESS))}


@st.composite
def addresses(draw: st.DrawFn, *, with_region: bool | None = None) -> dict[str, Any]:
    """Customer addresses: names, one to two street lines, city, postcode (absent only where
    optional), telephone, and a country with a region of it from Magento's directory (or a country
    that has none)."""
    address: dict[str, Any] = {
        "firstname": draw(_NAME.map(str.strip).filter(bool)), "lastname": draw(_NAME.map(str.strip).filter(bool)),
        "street": draw(st.lists(_WORD.map(lambda w: f"{w.title()} Street 1"), min_size=1, max_size=2)),
        "city": draw(_WORD).title(), "telephone": draw(st.from_regex(r"\A555-0[0-9]{3}\Z")),
        **draw(_region(with_region))}
    if address["country_id"] not in OPTIONAL_ZIP or draw(st.booleans()):
        address["postcode"] = draw(st.from_regex(r"\A[0-9]{5}\Z"))
    return address


@st.composite
def quote_addresses(draw: st.DrawFn, *, email: str | None = None) -> dict[str, Any]:
    """Cart addresses (``/billing-address``, ``/shipping-information``): region as text beside its id."""
    address = draw(addresses())
    region = address.pop("region", None)
    if region is not None:
        address.update(region=region["region"], region_code=region["region_code"])
    address.setdefault("postcode", "00000")
    address["email"] = email or draw(emails())
    return address


def emails() -> st.SearchStrategy[str]:
    return st.builds(lambda a, b: f"{a}.{b}@example.com", _WORD, _WORD)


@st.composite
def customers(draw: st.DrawFn, *, website_id: int = 1, store_id: int = 1,
              password: bool | None = None) -> dict[str, Any]:
    """``POST /V1/customers`` bodies: a customer of the website, zero to three addresses (the first
    the default billing and shipping one), and sometimes a password of Magento's strength."""
    found = draw(st.lists(addresses(), max_size=3))
    if found:
        found[0] = {**found[0], "default_billing": True, "default_shipping": True}
    body: dict[str, Any] = {"customer": {
        "email": draw(emails()), "firstname": draw(_NAME.map(str.strip).filter(bool)),
        "lastname": draw(_NAME.map(str.strip).filter(bool)), "website_id": website_id, "store_id": store_id,
        "group_id": draw(st.sampled_from([1, 2, 3])), "addresses": found}}
    if password if password is not None else draw(st.booleans()):
        body["password"] = draw(st.from_regex(r"\A[A-Z][a-z]{4}[0-9]{2}![a-z]{1,8}\Z"))
    return body


# -- orders (as seed packs) -------------------------------------------------------------------------------


@st.composite
def order_packs(draw: st.DrawFn, *, max_orders: int = 4) -> dict[str, Any]:
    """Seed packs: two to four simple and virtual products, zero to two customers and one to
    ``max_orders`` orders (customer or guest) in any state, complete ones with tracks."""
    products_ = [{"ref": f"p{n}", "sku": f"SP-{n}-{draw(_WORD)}", "type_id": draw(st.sampled_from(["simple", "virtual"])),
                  "price": draw(st.decimals(1, 200, places=2).map(float)), "qty": 1000}
                 for n in range(draw(st.integers(2, 4)))]
    customers_: list[dict[str, Any]] = []
    for n in range(draw(st.integers(0, 2))):
        address = draw(addresses(with_region=True))
        address.pop("region", None)
        customers_.append({"ref": f"c{n}", "email": f"c{n}.{draw(_WORD)}@example.com", "firstname": "Pat",
                           "lastname": draw(_WORD).title(), "addresses": [address]})
    orders = []
    for n in range(draw(st.integers(1, max_orders))):
        items = draw(st.lists(st.sampled_from(products_), min_size=1, max_size=3, unique_by=lambda p: p["ref"]))
        order: dict[str, Any] = {"ref": f"o{n}", "state": draw(st.sampled_from(ORDER_STATES)),
                                 "items": [{"product": p["ref"], "qty": draw(st.integers(1, 3))} for p in items]}
        as_customer: bool = draw(st.booleans())
        if customers_ and as_customer:
            order["customer"] = draw(st.sampled_from(customers_))["ref"]
        else:
            order["guest"] = {"email": f"guest{n}@example.com"}
        if order["state"] == "complete" and any(p["type_id"] == "simple" for p in items) and draw(st.booleans()):
            carrier = draw(st.sampled_from(sorted(CARRIERS)))
            carriers = CarrierProvider(_SeededRandom(draw(st.integers(0, 2**32))))  # type: ignore[arg-type]
            order["tracks"] = [{"carrier": carrier, "number": carriers.tracking_number(carrier)}]
        orders.append(order)
    return {"products": products_, "customers": customers_, "orders": orders}


class _SeededRandom:
    """The part of a Faker generator a BaseProvider's random_* helpers read."""

    def __init__(self, seed: int) -> None:
        import random

        self.random = random.Random(seed)


# -- searchCriteria ---------------------------------------------------------------------------------------

# fields each list filters and sorts on, with their kinds (numbers, text, dates)
SEARCH_FIELDS: dict[str, dict[str, str]] = {
    "products": {"sku": "text", "name": "text", "type_id": "text", "price": "number", "status": "int",
                 "visibility": "int", "attribute_set_id": "int", "created_at": "date", "updated_at": "date",
                 "entity_id": "int"},
    "orders": {"increment_id": "text", "state": "text", "status": "text", "customer_email": "text",
               "grand_total": "number", "store_id": "int", "entity_id": "int", "created_at": "date",
               "updated_at": "date"},
    "customers": {"email": "text", "firstname": "text", "lastname": "text", "website_id": "int", "group_id": "int",
                  "entity_id": "int", "created_at": "date", "updated_at": "date"},
}
COMPARISONS = ("eq", "neq", "gt", "gteq", "lt", "lteq", "from", "to")
CONDITIONS = (*COMPARISONS, "like", "nlike", "in", "nin", "null", "notnull")


def _value(kind: str) -> st.SearchStrategy[str]:
    if kind == "int":
        return st.integers(0, 100).map(str)
    if kind == "number":
        return st.decimals(0, 1000, places=2).map(str)
    if kind == "date":
        return st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 12, 31)).map(
            lambda d: d.strftime("%Y-%m-%d %H:%M:%S"))
    return st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.@ "), min_size=1, max_size=12)


@st.composite
def _filter(draw: st.DrawFn, entity: str) -> dict[str, str]:
    field, kind = draw(st.sampled_from(sorted(SEARCH_FIELDS[entity].items())))
    condition = draw(st.sampled_from(CONDITIONS))
    if condition in ("in", "nin"):
        value = ",".join(draw(st.lists(_value(kind), min_size=1, max_size=4)))
    elif condition in ("like", "nlike"):
        value = draw(st.sampled_from(["%{}%", "{}%", "%{}", "{}"])).format(draw(_value("text")))
    elif condition in ("null", "notnull"):
        value = "1"
    else:
        value = draw(_value(kind))
    return {"field": field, "value": value, "condition_type": condition}


@st.composite
def search_criteria(draw: st.DrawFn, entity: str = "products") -> dict[str, Any]:
    """A ``searchCriteria`` as the nested dict a JSON client would send: up to three filter groups
    (OR inside, AND across), sort orders, page size and current page; every filter on a field the
    entity's list knows (``SEARCH_FIELDS``), with a value of its kind."""
    if entity not in SEARCH_FIELDS:
        raise ValueError(f"entity {entity!r} is not one of {', '.join(SEARCH_FIELDS)}")
    criteria: dict[str, Any] = {"filter_groups": [
        {"filters": draw(st.lists(_filter(entity), min_size=1, max_size=3))}
        for _ in range(draw(st.integers(0, 3)))]}
    if draw(st.booleans()):
        criteria["sort_orders"] = [{"field": f, "direction": draw(st.sampled_from(["ASC", "DESC"]))}
                                   for f in draw(st.lists(st.sampled_from(sorted(SEARCH_FIELDS[entity])),
                                                          min_size=1, max_size=2, unique=True))]
    criteria["page_size"] = draw(st.integers(1, 50))
    if draw(st.booleans()):
        criteria["current_page"] = draw(st.integers(1, 5))
    return criteria


def to_query(criteria: dict[str, Any], name: str = "searchCriteria") -> str:
    """A searchCriteria dict as Magento's query string (``searchCriteria[filter_groups][0]...``)."""
    pairs: list[tuple[str, Any]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}[{key}]", item)
        elif isinstance(value, list):
            for n, item in enumerate(value):
                walk(f"{prefix}[{n}]", item)
        else:
            pairs.append((prefix, value))

    for key, value in criteria.items():
        walk(f"{name}[{key}]", value)
    return "&".join(f"{quote(k, safe='[]')}={quote(str(v), safe='')}" for k, v in pairs)


def search_queries(entity: str = "products") -> st.SearchStrategy[str]:
    """``search_criteria`` as query strings for ``GET /V1/<list>?...``."""
    return search_criteria(entity).map(to_query)

