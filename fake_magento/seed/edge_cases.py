"""The ``edge`` profile's named cases: what each is and the REST request that finds it.

Every request is under ``/rest`` (``/V1/...`` the default store view, ``/de/V1/...`` a view) and
is proven by tests/seed/test_edge_profile.py, one test per name. README "The edge profile" lists
them (``markdown_table()``).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

# SKUs and names that break integrations (Catalog Product/Attribute/Backend/Sku::SKU_MAX_LENGTH = 64)
SKU_SPACE = "EDGE SKU WITH SPACE"
SKU_SLASH = "EDGE/SKU/SLASH"
SKU_PLUS = "EDGE+SKU+PLUS"
SKU_PERCENT = "EDGE-100%-COTTON"
SKU_NON_ASCII = "EDGE-Crème-Brûlée-日本"
SKU_MAX_LENGTH = "EDGE-MAX-" + "0123456789" * 5 + "ABCDE"
LONG_NAME = ("Extraordinarily Long Product Name " * 8)[:255].rstrip()
EMOJI_NAME = "Party Pack 🎉🥳 with Confetti ✨"
RTL_NAME = "قميص قطني أزرق"  # Arabic: "blue cotton shirt"
UNICODE_FIRST, UNICODE_LAST = "Zoë", "Ångström-Núñez"


def product(sku: str, store: str = "") -> str:
    return f"{'/' + store if store else ''}/V1/products/{quote(sku, safe='')}"


def search(path: str, field: str, value: str, condition: str | None = None) -> str:
    pairs = [("searchCriteria[filter_groups][0][filters][0][field]", field),
             ("searchCriteria[filter_groups][0][filters][0][value]", value)]
    if condition:
        pairs.append(("searchCriteria[filter_groups][0][filters][0][condition_type]", condition))
    return f"{path}?{urlencode(pairs)}"


def order_email(case: str) -> str:
    """The guest email that finds the order(s) of an order case."""
    return f"{case}@edge.example.com"


def orders_of(case: str) -> str:
    return search("/V1/orders", "customer_email", order_email(case))


@dataclass(frozen=True)
class EdgeCase:
    name: str
    what: str
    find: str  # a REST request under /rest


ORDER_STATES = ["new", "pending_payment", "processing", "complete", "closed", "canceled", "holded",
                "payment_review"]

EDGE_CASES: dict[str, EdgeCase] = {c.name: c for c in [
    EdgeCase("sku-with-space", "a SKU with spaces", product(SKU_SPACE)),
    EdgeCase("sku-with-slash", "a SKU with '/' (%2F in the path)", product(SKU_SLASH)),
    EdgeCase("sku-with-plus", "a SKU with '+' (%2B in the path)", product(SKU_PLUS)),
    EdgeCase("sku-with-percent", "a SKU with '%'", product(SKU_PERCENT)),
    EdgeCase("sku-non-ascii", "a SKU with accented and CJK characters", product(SKU_NON_ASCII)),
    EdgeCase("sku-max-length", "a SKU of 64 characters, Magento's maximum", product(SKU_MAX_LENGTH)),
    EdgeCase("name-very-long", "a name of 255 characters", product("EDGE-LONG-NAME")),
    EdgeCase("name-emoji", "a name with emoji", product("EDGE-EMOJI")),
    EdgeCase("name-right-to-left", "an Arabic (right-to-left) name", product("EDGE-RTL")),
    EdgeCase("configurable-no-salable-child", "a configurable whose children are all out of stock",
             product("EDGE-CONF-SOLD-OUT")),
    EdgeCase("configurable-3x3-disabled-child", "a configurable over 3 colours x 3 sizes, one child disabled",
             product("EDGE-CONF-3X3")),
    EdgeCase("bundle-dynamic-together", "a bundle with dynamic price, shipped together",
             product("EDGE-BUNDLE-DYNAMIC")),
    EdgeCase("bundle-fixed-separately", "a bundle with fixed price, shipped separately",
             product("EDGE-BUNDLE-FIXED")),
    EdgeCase("grouped-out-of-stock-child", "a grouped product with an out-of-stock child",
             product("EDGE-GROUPED")),
    EdgeCase("virtual-product", "a virtual product", product("EDGE-VIRTUAL")),
    EdgeCase("downloadable-product", "a downloadable product with a link and a sample",
             product("EDGE-DOWNLOADABLE")),
    EdgeCase("zero-price", "a product priced 0", product("EDGE-ZERO-PRICE")),
    EdgeCase("disabled-product", "a disabled product (status 2)", product("EDGE-DISABLED")),
    EdgeCase("not-visible-product", "a product not visible individually (visibility 1)",
             product("EDGE-NOT-VISIBLE")),
    EdgeCase("second-website-only", "a product only in the eu website", product("EDGE-EU-ONLY", "de")),
    EdgeCase("store-view-overrides", "names per store view; an eu price read with price scope website"
             " (serve with Config(price_scope=1))", product("EDGE-VIEW-OVERRIDES", "de")),
    EdgeCase("product-in-many-categories", "a product in eight categories", product("EDGE-MANY-CATEGORIES")),
    EdgeCase("backorderable-product", "a product with no stock that takes backorders",
             "/V1/stockItems/EDGE-BACKORDER"),
    EdgeCase("three-sources-one-disabled", "inventory sources default, eu_warehouse and us_east (disabled)",
             "/V1/inventory/sources"),
    EdgeCase("category-six-levels", "a category six levels below the store root (Gear > ... > Foldable)",
             search("/V1/categories/list", "name", "Foldable")),
    EdgeCase("customer-several-addresses", "a customer with three addresses",
             search("/V1/customers/search", "email", "edge.addresses@example.com")),
    EdgeCase("customer-no-address", "a customer without addresses",
             search("/V1/customers/search", "email", "edge.no-address@example.com")),
    EdgeCase("customer-unicode-name", "a customer named Zoë Ångström-Núñez",
             search("/V1/customers/search", "email", "edge.unicode@example.com")),
    EdgeCase("email-on-two-websites", "one email with an account on base and one on eu",
             search("/V1/customers/search", "email", "edge.two-websites@example.com")),
    EdgeCase("guest-order", "an order placed by a guest", orders_of("guest-order")),
    *[EdgeCase(f"order-state-{state.replace('_', '-')}", f"an order in state {state}",
               orders_of(f"order-state-{state.replace('_', '-')}")) for state in ORDER_STATES],
    EdgeCase("order-partly-invoiced", "an order with one of its units invoiced", orders_of("order-partly-invoiced")),
    EdgeCase("order-partly-shipped", "an invoiced order with one unit shipped", orders_of("order-partly-shipped")),
    EdgeCase("order-partly-refunded", "a shipped order with one unit refunded", orders_of("order-partly-refunded")),
    EdgeCase("order-several-shipments", "an order shipped in two shipments", orders_of("order-several-shipments")),
    EdgeCase("order-several-tracks", "a shipment with two tracking numbers", orders_of("order-several-tracks")),
    EdgeCase("order-with-discount", "an order with the coupon SEED10 (10% off)", orders_of("order-with-discount")),
    EdgeCase("order-free-shipping", "an order shipped with freeshipping_freeshipping",
             orders_of("order-free-shipping")),
    EdgeCase("orders-same-updated-at", "three orders sharing one updated_at second",
             orders_of("orders-same-updated-at")),
]}


def markdown_table() -> str:
    lines = ["| case | what | how to find it (under /rest) |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.what} | `GET {c.find}` |" for c in EDGE_CASES.values()]
    return "\n".join(lines)
