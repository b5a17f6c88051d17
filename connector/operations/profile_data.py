"""What a customer profile holds, and Magento's rules for its figures (fulfilled, lifetime sales).

The types are plain frozen dataclasses around the connector's models (``Customer``, ``Order``,
``Track``); ``to_dict()`` gives the JSON the command line prints.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from connector.errors import InputError, NotFoundError
from connector.models import Address, Customer, Order, OrderItem, Track, dump


class CustomerNotFound(NotFoundError):
    """No account with this email (on the chosen website)."""


class UnknownWebsite(InputError):
    """The website code or id names no website; ``websites`` lists the known codes."""

    def __init__(self, message: str, websites: Sequence[str]) -> None:
        super().__init__(message)
        self.websites = tuple(websites)


class AmbiguousCustomer(InputError):
    """The email has accounts on several websites; ``websites`` lists their codes."""

    def __init__(self, message: str, websites: Sequence[str]) -> None:
        super().__init__(message)
        self.websites = tuple(websites)


@dataclass(frozen=True)
class StoreView:
    id: int
    code: str
    website_id: int
    base_link_url: str
    base_currency_code: str | None


@dataclass(frozen=True)
class Website:
    id: int
    code: str
    name: str
    store_ids: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "name": self.name}


@dataclass(frozen=True)
class StoreDirectory:
    """Websites and store views, from ``GET /V1/store/websites`` and ``GET /V1/store/storeConfigs``."""

    websites: tuple[Website, ...]
    views: tuple[StoreView, ...]

    def website(self, code_or_id: str | int) -> Website:
        text = str(code_or_id).strip()
        for site in self.websites:
            if site.code == text or str(site.id) == text:
                return site
        codes = self.codes()
        raise UnknownWebsite(f"Unknown website {text!r}; the websites are: {', '.join(codes)}.", codes)

    def website_by_id(self, website_id: int | None) -> Website:
        for site in self.websites:
            if site.id == website_id:
                return site
        return Website(int(website_id or 0), str(website_id), "", ())

    def view(self, store_id: int | None) -> StoreView | None:
        return next((v for v in self.views if v.id == store_id), None)

    def codes(self) -> list[str]:
        return [site.code for site in self.websites if site.id != 0]


@dataclass(frozen=True)
class ProfileLine:
    """One line as the customer bought it: a configurable once, with the chosen child's SKU; a
    bundle once, its selections as ``components``."""

    item_id: int
    name: str
    sku: str
    unit_price: float
    qty: float
    product_id: int | None
    product_type: str | None
    product_url: str | None
    components: tuple[ProfileLine, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"item_id": self.item_id, "name": self.name, "sku": self.sku,
                               "unit_price": self.unit_price, "qty": self.qty, "product_id": self.product_id,
                               "product_type": self.product_type, "product_url": self.product_url}
        if self.components:
            out["components"] = [c.to_dict() for c in self.components]
        return out


@dataclass(frozen=True)
class ProfileOrder:
    order: Order
    admin_url: str
    store_code: str | None
    fulfilled: bool
    tracks: tuple[Track, ...]
    lines: tuple[ProfileLine, ...]

    @property
    def order_id(self) -> int:
        return self.order.entity_id

    @property
    def increment_id(self) -> str:
        return self.order.increment_id or ""

    @property
    def total(self) -> float:
        return self.order.grand_total or 0.0

    @property
    def discount(self) -> float:
        return self.order.discount_amount or 0.0

    @property
    def currency(self) -> str | None:
        return self.order.order_currency_code

    @property
    def is_guest(self) -> bool:
        return bool(self.order.customer_is_guest) or self.order.customer_id is None

    def to_dict(self) -> dict[str, Any]:
        o = self.order
        return {"order_id": o.entity_id, "admin_url": self.admin_url, "increment_id": o.increment_id,
                "created_at": o.created_at, "status": o.status, "state": o.state, "store": self.store_code,
                "currency": self.currency, "total": self.total, "discount": self.discount,
                "guest": self.is_guest, "fulfilled": self.fulfilled,
                "tracking": [{"carrier_code": t.carrier_code, "title": t.title, "number": t.track_number}
                             for t in self.tracks],
                "lines": [line.to_dict() for line in self.lines]}


@dataclass(frozen=True)
class CustomerProfile:
    customer: Customer
    website: Website
    admin_url: str
    orders: tuple[ProfileOrder, ...]
    total_orders: int
    # base currency -> Magento's "Lifetime Sales" rule over the profile's orders (guest ones included)
    lifetime_sales: dict[str, float] = field(default_factory=dict)
    # the same over the account's own orders: the figure the admin's customer view shows
    account_lifetime_sales: dict[str, float] = field(default_factory=dict)

    @property
    def customer_id(self) -> int:
        return self.customer.id

    @property
    def name(self) -> str:
        c = self.customer
        return " ".join(p for p in (c.prefix, c.firstname, c.middlename, c.lastname, c.suffix) if p)

    @property
    def email(self) -> str:
        return self.customer.email or ""

    @property
    def customer_since(self) -> str | None:
        return self.customer.created_at

    @property
    def default_address(self) -> Address | None:
        """The default billing address, as the admin's customer view shows it
        (Customer/Block/Adminhtml/Edit/Tab/View/PersonalInfo::getBillingAddressHtml)."""
        return self.customer.default_billing_address

    def to_dict(self) -> dict[str, Any]:
        address = self.default_address
        return {
            "customer": {"id": self.customer_id, "admin_url": self.admin_url, "name": self.name,
                         "email": self.email, "customer_since": self.customer_since,
                         "website": self.website.to_dict(),
                         "default_address": None if address is None else dump(address)},
            "total_orders": self.total_orders,
            "lifetime_sales": self.lifetime_sales,
            "account_lifetime_sales": self.account_lifetime_sales,
            "orders": [order.to_dict() for order in self.orders],
        }


def is_fulfilled(order: Order) -> bool:
    """Nothing left to ship, by Magento's rules.

    complete and closed orders are done, a canceled one is not; a virtual order needs no shipping
    and is done when complete. Otherwise every line that ships must have no quantity left to ship,
    as Sales/Model/Order::canShip reckons it: per item ``qty_ordered - max(qty_shipped,
    qty_refunded) - qty_canceled`` (Order/Item::getSimpleQtyToShip), skipping virtual items,
    items locked for shipping, a configurable's child (a dummy: the parent row ships) and a
    bundle's own row (canShip counts a bundle's selections by their own quantities, and shipping
    a bundle raises them whether it ships together or separately: measured on 2.4.7-p3, one
    bundle of two units of a selection shipped -> parent 1, selection 2 shipped).
    """
    if order.state in ("complete", "closed"):
        return True
    if order.state == "canceled" or order.is_virtual:
        return False
    by_id = {item.item_id: item for item in order.items}
    for item in order.items:
        parent = by_id.get(item.parent_item_id) if item.parent_item_id is not None else None
        if item.is_virtual or item.locked_do_ship:
            continue
        if parent is not None and parent.product_type != "bundle":
            continue
        if parent is None and item.product_type == "bundle":
            continue
        if qty_to_ship(item) > 0:
            return False
    return True


def qty_to_ship(item: OrderItem) -> float:
    """Order/Item::getSimpleQtyToShip."""
    qty = (item.qty_ordered or 0) - max(item.qty_shipped or 0, item.qty_refunded or 0) - (item.qty_canceled or 0)
    return max(round(qty, 8), 0.0)


def lifetime_sales(orders: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """Magento's "Lifetime Sales" (the customer view's Sales Statistics): the sum of
    ``base_grand_total`` over orders whose state is not canceled (Sales/Model/ResourceModel/Sale/
    Collection, filtered by Customer/Block/Adminhtml/Edit/Tab/View/Sales), per base currency
    rather than converted to the global one. Refunds are not deducted there, nor here.

    It reads orders as Magento sends them (dicts), so a long history is summed without loading
    every order into a model."""
    totals: dict[str, float] = defaultdict(float)
    for order in orders:
        if order.get("state") == "canceled":
            continue
        totals[str(order.get("base_currency_code") or "")] += float(order.get("base_grand_total") or 0)
    return {currency: round(amount, 4) for currency, amount in sorted(totals.items())}
