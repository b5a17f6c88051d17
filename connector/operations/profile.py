"""Customer profile by email: the account, its newest orders with deep links, and its lifetime sales.

Composed from resources only (customers, orders, shipments, products, stores); one lookup is a
handful of calls whatever the number of lines: the customer search, one order search (more pages
only when the customer has more orders than a page holds, for the lifetime figure), one shipment
search for the tracks, one product search per store view for the storefront URLs, plus the store
directory (websites and store configs) once per :class:`CustomerProfiles`.

Matching is by email within one website. With customer/account_share/scope = 1 (per website,
Magento's default) one email may have an account on each website; the caller then names the
website. Orders are those of the account *and* the guest orders placed with its email, in that
website's store views only.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from connector.models import Customer, Order, OrderItem, Product, Track
from connector.operations.profile_data import (
    AmbiguousCustomer,
    CustomerNotFound,
    CustomerProfile,
    ProfileLine,
    ProfileOrder,
    StoreDirectory,
    StoreView,
    UnknownWebsite,
    Website,
    is_fulfilled,
    lifetime_sales,
    qty_to_ship,
)
from connector.search import SearchCriteria

if TYPE_CHECKING:
    from connector.client import MagentoClient

DEFAULT_LIMIT = 10
# catalog/seo/product_url_suffix (Catalog/etc/config.xml); not readable over REST, so configurable.
DEFAULT_URL_SUFFIX = ".html"
# Orders a request: the lifetime figure needs every order, so a customer with up to this many
# orders takes one call.
ORDER_PAGE = 100
# Catalog/Model/Product/Visibility::VISIBILITY_NOT_VISIBLE; Catalog/Model/Product/Attribute/Source/Status
NOT_VISIBLE_INDIVIDUALLY = 1
STATUS_DISABLED = 2

__all__ = ["AmbiguousCustomer", "CustomerNotFound", "CustomerProfile", "CustomerProfiles", "ProfileLine",
           "ProfileOrder", "StoreDirectory", "StoreView", "UnknownWebsite", "Website", "customer_profile",
           "is_fulfilled", "lifetime_sales", "qty_to_ship"]


class CustomerProfiles:
    """``CustomerProfiles(client).lookup("jane@example.com", website="base")``."""

    def __init__(self, client: MagentoClient, *, url_suffix: str | None = None) -> None:
        self.client = client
        extra = client.config.extra
        suffix = url_suffix if url_suffix is not None else extra.get("product_url_suffix",
                                                                       extra.get("productUrlSuffix"))
        self.url_suffix = DEFAULT_URL_SUFFIX if suffix is None else str(suffix)
        self._directory: StoreDirectory | None = None

    # -- links ----------------------------------------------------------------------------------
    def admin_url(self, route: str) -> str:
        """``<base>/<admin_path>/<route>/``: Magento's admin URL pattern (front name, then
        ``module/controller/action/param/value``). With "Add Secret Key to URLs" on (admin/security/
        use_form_key, the default) Magento sends a link without its key to the dashboard instead
        (Backend/App/AbstractAction::_processUrlKeys)."""
        admin = self.client.config.admin_path.strip("/")
        return f"{self.client.config.url}/{admin}/{route.strip('/')}/"

    def product_url(self, product: Product | None, view: StoreView | None) -> str | None:
        """The storefront URL: the store's ``base_link_url`` + ``url_key`` + the URL suffix; none for a
        product the storefront would not show (not visible individually, disabled, or not in the
        store's website: Catalog/Helper/Product::canShow)."""
        if product is None or view is None or not view.base_link_url:
            return None
        if product.visibility == NOT_VISIBLE_INDIVIDUALLY or product.status == STATUS_DISABLED:
            return None
        website_ids = product.extension_attributes.get("website_ids")
        if isinstance(website_ids, list) and view.website_id not in {int(w) for w in website_ids}:
            return None
        url_key = product.attribute("url_key")
        if not url_key:
            return None
        base = view.base_link_url if view.base_link_url.endswith("/") else view.base_link_url + "/"
        return f"{base}{url_key}{self.url_suffix}"

    # -- the lookup -----------------------------------------------------------------------------
    def directory(self) -> StoreDirectory:
        if self._directory is None:
            views = tuple(StoreView(int(c["id"]), str(c["code"]), int(c["website_id"]),
                                    str(c.get("base_link_url") or ""), c.get("base_currency_code"))
                          for c in self.client.stores.configs())
            websites = tuple(Website(int(w["id"]), str(w["code"]), str(w.get("name") or ""),
                                     tuple(v.id for v in views if v.website_id == int(w["id"])))
                             for w in self.client.stores.websites())
            self._directory = StoreDirectory(websites, views)
        return self._directory

    def find_customer(self, email: str, website: str | int | None = None) -> tuple[Customer, Website]:
        directory = self.directory()
        site = directory.website(website) if website is not None else None
        accounts = self.client.customers.by_email(email)
        if site is not None:
            accounts = [a for a in accounts if a.website_id == site.id]
        if not accounts:
            where = f" on website {site.code!r}" if site is not None else ""
            raise CustomerNotFound(f"No customer account with email {email!r}{where}.")
        if len(accounts) > 1:
            codes = [directory.website_by_id(a.website_id).code for a in accounts]
            raise AmbiguousCustomer(f"{email!r} has an account on {len(codes)} websites ({', '.join(codes)}); "
                                    "choose the website.", codes)
        return accounts[0], site or directory.website_by_id(accounts[0].website_id)

    def lookup(self, email: str, *, website: str | int | None = None, limit: int = DEFAULT_LIMIT) -> CustomerProfile:
        if limit < 0:
            raise ValueError("limit must be 0 or more")
        customer, site = self.find_customer(email.strip(), website)
        raw, total = self._orders(customer, site)
        shown = [self.client.orders.load(order) for order in raw[:limit]]
        tracks = self._tracks(shown)
        products = self._products(shown)
        directory = self.directory()
        profile_orders = []
        for order in shown:
            view = directory.view(order.store_id)
            profile_orders.append(ProfileOrder(
                order=order, admin_url=self.admin_url(f"sales/order/view/order_id/{order.entity_id}"),
                store_code=None if view is None else view.code, fulfilled=is_fulfilled(order),
                tracks=tuple(tracks.get(order.entity_id, ())),
                lines=tuple(self._lines(order, view, products))))
        return CustomerProfile(
            customer=customer, website=site, admin_url=self.admin_url(f"customer/index/edit/id/{customer.id}"),
            orders=tuple(profile_orders), total_orders=total, lifetime_sales=lifetime_sales(raw),
            account_lifetime_sales=lifetime_sales(o for o in raw if _int(o.get("customer_id")) == customer.id))

    def _orders(self, customer: Customer, site: Website) -> tuple[list[dict[str, Any]], int]:
        """Every order of the account or of its email in the website's stores, newest first, as
        Magento sends them (only the shown ones are loaded into models)."""
        if not site.store_ids:
            return [], 0
        criteria = (SearchCriteria()
                    .where_any(("customer_email", customer.email or ""), ("customer_id", customer.id))
                    .where("store_id", site.store_ids, "in")
                    .order_by("created_at", "DESC").order_by("entity_id", "DESC"))
        size = ORDER_PAGE
        body = self.client.orders.search(criteria.page(size, 1))
        orders = [o for o in body.get("items") or [] if isinstance(o, dict)]
        total = int(body.get("total_count") or 0)
        if total > len(orders) == size:
            seen = {o.get("entity_id") for o in orders}
            for order in self.client.orders.iter_raw(criteria.page(size, 2), page_size=size):
                if order.get("entity_id") not in seen:
                    seen.add(order.get("entity_id"))
                    orders.append(order)
        return orders, total

    def _tracks(self, orders: Sequence[Order]) -> dict[int, list[Track]]:
        # Only an order with a shipped quantity can have a shipment, so no call for the others.
        shipped = [o.entity_id for o in orders if any((i.qty_shipped or 0) > 0 for i in o.items)]
        tracks: dict[int, list[Track]] = defaultdict(list)
        if shipped:
            criteria = SearchCriteria().where("order_id", shipped, "in").order_by("entity_id")
            for shipment in self.client.shipments.iter(criteria):
                if shipment.order_id is not None:
                    tracks[shipment.order_id].extend(sorted(shipment.tracks, key=lambda t: t.entity_id))
        return tracks

    def _products(self, orders: Sequence[Order]) -> dict[tuple[int | None, int], Product]:
        """The lines' products in one search per store view (``entity_id in (...)``): url_key and
        visibility are store-view values."""
        wanted: dict[int | None, set[int]] = defaultdict(set)
        for order in orders:
            wanted[order.store_id].update(i.product_id for i in order.items if i.product_id is not None)
        found: dict[tuple[int | None, int], Product] = {}
        directory = self.directory()
        for store_id, ids in sorted(wanted.items(), key=lambda kv: kv[0] or 0):
            view = directory.view(store_id)
            if view is None or not ids:
                continue
            criteria = SearchCriteria().where("entity_id", sorted(ids), "in")
            for product in self.client.products.iter(criteria, store=view.code, page_size=100):
                found[(store_id, product.id)] = product
        return found

    def _lines(self, order: Order, view: StoreView | None,
               products: Mapping[tuple[int | None, int], Product]) -> list[ProfileLine]:
        children: dict[int, list[OrderItem]] = defaultdict(list)
        for item in order.items:
            if item.parent_item_id is not None:
                children[item.parent_item_id].append(item)

        def line(item: OrderItem, components: Iterable[OrderItem] = ()) -> ProfileLine:
            product = None if item.product_id is None else products.get((order.store_id, item.product_id))
            return ProfileLine(item_id=item.item_id, name=item.name or "", sku=item.sku or "",
                               unit_price=item.price or 0.0, qty=item.qty_ordered or 0.0,
                               product_id=item.product_id, product_type=item.product_type,
                               product_url=self.product_url(product, view),
                               components=tuple(line(c) for c in components))

        # A configurable's row already carries the chosen child's SKU (and the configurable's
        # product_id and name); its child row only repeats it. A bundle's selections are its own
        # children rows: kept, as the bundle's components.
        return [line(item, children[item.item_id] if item.product_type == "bundle" else ())
                for item in order.items if item.parent_item_id is None]


def customer_profile(client: MagentoClient, email: str, *, website: str | int | None = None,
                     limit: int = DEFAULT_LIMIT, url_suffix: str | None = None) -> CustomerProfile:
    """One lookup (see :class:`CustomerProfiles` to reuse the store directory across lookups)."""
    return CustomerProfiles(client, url_suffix=url_suffix).lookup(email, website=website, limit=limit)


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None
