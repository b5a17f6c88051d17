"""The emulator's state and rules, free of Flask.

``Backend`` holds one database, one clock and the per-area services, each built once here with the
collaborators it calls passed in (nothing reaches back through the whole ``Backend``). Each area
lives in its own module and mirrors Magento's service contracts (get, get_list, save,
delete_by_id, ship, refund...). Seeding is not the state's business: ``fake_magento.seed.lifecycle``
seeds a ``Backend`` (create_app and the CLI call it).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from fake_magento.backend.clock import Clock
from fake_magento.backend.product_ids import ProductIds
from fake_magento.backend.stores import StoreRepository
from fake_magento.config import Config
from fake_magento.storage import Database


@dataclass
class SeedState:
    """The seed and profile the state was last built from. ``Config`` gives the first; a re-seed
    (``/_fake/seed``) changes them without touching the caller's ``Config``. Values derived from the
    seed (bulk UUIDs, masked quote ids, coupon codes, confirmation keys) read them here."""

    seed: int
    profile: str


def derived_jwt_secret(config: Config) -> str:
    """The JWT signing key: the configured one, else one derived from the first seed (so tokens are
    deterministic for a seed)."""
    return config.jwt_secret or hashlib.sha256(f"fake-magento-jwt-{config.seed}".encode()).hexdigest()


class Backend:
    def __init__(self, config: Config) -> None:
        from fake_magento.backend.auth import AuthService
        from fake_magento.backend.bulk import BulkService
        from fake_magento.backend.catalog import CatalogService
        from fake_magento.backend.categories import CategoryService
        from fake_magento.backend.categories.links import CategoryLinks
        from fake_magento.backend.categories.management import CategoryManagement
        from fake_magento.backend.checkout.cart_items import CartItemRepository
        from fake_magento.backend.checkout.cart_totals import CartTotalRepository
        from fake_magento.backend.checkout.coupons import CouponManagement
        from fake_magento.backend.checkout.items import ItemBuilder
        from fake_magento.backend.checkout.management import CartManagement
        from fake_magento.backend.checkout.payment_information import PaymentInformationManagement
        from fake_magento.backend.checkout.quick_order import QuickCheckout
        from fake_magento.backend.checkout.quote import QuoteStore
        from fake_magento.backend.checkout.quote_management import QuoteManagement
        from fake_magento.backend.checkout.rules import SalesRules
        from fake_magento.backend.checkout.shipping import ShipmentEstimation, ShippingInformationManagement
        from fake_magento.backend.checkout.totals import Collector
        from fake_magento.backend.customers.account import AccountManagement
        from fake_magento.backend.customers.addresses import AddressRepository
        from fake_magento.backend.customers.groups import GroupManagement, GroupRepository
        from fake_magento.backend.customers.metadata import AttributeMetadata
        from fake_magento.backend.customers.repository import CustomerRepository
        from fake_magento.backend.faults import FaultRegistry
        from fake_magento.backend.inventory import InventoryService
        from fake_magento.backend.journal import Journal
        from fake_magento.backend.sales import documents as sales_documents
        from fake_magento.backend.sales.addresses import OrderAddressRepository
        from fake_magento.backend.sales.creditmemo_management import CreditmemoManagement
        from fake_magento.backend.sales.document_comments import DocumentCommentRepository
        from fake_magento.backend.sales.document_save import DocumentSave
        from fake_magento.backend.sales.invoice_order import InvoiceOrder
        from fake_magento.backend.sales.management import OrderManagement
        from fake_magento.backend.sales.orders import OrderRepository
        from fake_magento.backend.sales.refund_order import RefundInvoice, RefundOrder
        from fake_magento.backend.sales.ship_order import ShipOrder
        from fake_magento.backend.sales.tracks import ShipmentTrackRepository

        self.config = config  # read only: what the state derives is kept here, not written back
        self.seeding = SeedState(config.seed, config.profile)
        self.jwt_secret = derived_jwt_secret(config)
        self.db = Database(config.db_path, engine=config.database)
        self.clock = Clock()
        self.journal = Journal(config.journal_size)
        self.faults = FaultRegistry()
        db, clock = self.db, self.clock
        self.stores = StoreRepository(db, clock, config)
        # customers, as Magento's service contracts split them (backend/customers/__init__.py)
        self.customer_groups = GroupRepository(db, clock, config)
        self.customer_group_management = GroupManagement(db, groups=self.customer_groups, stores=self.stores)
        self.customers = CustomerRepository(db, clock, config, stores=self.stores, groups=self.customer_groups)
        self.customer_addresses = AddressRepository(db, customers=self.customers)
        self.customer_accounts = AccountManagement(db, clock, seeding=self.seeding, stores=self.stores,
                                                   customers=self.customers)
        self.customer_metadata = AttributeMetadata(db, self.stores, "customer")
        self.address_metadata = AttributeMetadata(db, self.stores, "customer_address")
        # CustomerTokenService authenticates through AccountManagement
        self.auth = AuthService(db, clock, config, jwt_secret=self.jwt_secret, stores=self.stores,
                                customers=self.customer_accounts)
        # categories and inventory look SKUs up themselves: the catalog calls them, not they it
        products = ProductIds(db)
        self.categories = CategoryService(db, clock, config, stores=self.stores, products=products)
        self.category_links = CategoryLinks(db, categories=self.categories, products=products)
        self.category_management = CategoryManagement(self.categories)
        self.inventory = InventoryService(db, clock, config, stores=self.stores, products=products)
        self.catalog = CatalogService(db, clock, config, stores=self.stores, category_links=self.category_links,
                                      inventory=self.inventory)
        # sales, as Magento's service contracts split it (backend/sales/__init__.py)
        self.sales = OrderRepository(db, clock, config, stores=self.stores, catalog=self.catalog)
        self.order_management = OrderManagement(self.sales, clock, inventory=self.inventory)
        self.order_addresses = OrderAddressRepository(db)
        saver = DocumentSave(db, clock)
        self.invoices = sales_documents.InvoiceRepository(db, config, saver)
        self.shipments = sales_documents.ShipmentRepository(db, config, saver)
        self.creditmemos = sales_documents.CreditmemoRepository(db, config, saver)
        self.invoice_comments = DocumentCommentRepository("invoice", db, clock)
        self.shipment_comments = DocumentCommentRepository("shipment", db, clock)
        self.creditmemo_comments = DocumentCommentRepository("creditmemo", db, clock)
        self.invoice_order = InvoiceOrder(self.sales, clock)
        self.invoice_management = sales_documents.InvoiceManagement(self.invoices, self.invoice_comments)
        self.ship_order = ShipOrder(self.sales, clock, inventory=self.inventory)
        self.shipment_management = sales_documents.ShipmentManagement(self.shipments, self.shipment_comments)
        self.shipment_tracks = ShipmentTrackRepository(db, clock)
        self.refund_order = RefundOrder(self.sales, clock, inventory=self.inventory)
        self.refund_invoice = RefundInvoice(self.refund_order, self.invoices)
        self.creditmemo_management = CreditmemoManagement(self.refund_order, self.invoices, self.creditmemos,
                                                          self.creditmemo_comments)
        # checkout, as Magento's service contracts split it (backend/checkout/__init__.py)
        quotes = self.quotes = QuoteStore(db, clock, seeding=self.seeding, stores=self.stores,
                                          customers=self.customers)
        self.sales_rules = SalesRules(db, clock, config, seeding=self.seeding)
        cart_totals = self.cart_totals = CartTotalRepository(self.stores, quotes=quotes, collector=Collector(
            clock, catalog=self.catalog, rules=self.sales_rules))
        self.cart_items = CartItemRepository(db, quotes=quotes, cart_totals=cart_totals,
                                             item_builder=ItemBuilder(db, self.catalog), inventory=self.inventory)
        self.cart_coupons = CouponManagement(quotes=quotes, cart_totals=cart_totals)
        self.shipment_estimation = ShipmentEstimation(quotes=quotes, cart_totals=cart_totals)
        self.shipping_information = ShippingInformationManagement(quotes=quotes, cart_totals=cart_totals)
        self.quote_management = QuoteManagement(db, stores=self.stores, quotes=quotes, cart_totals=cart_totals,
                                                customers=self.customers, inventory=self.inventory,
                                                rules=self.sales_rules, orders=self.sales)
        self.payment_information = PaymentInformationManagement(db, quotes=quotes, cart_totals=cart_totals,
                                                                quote_management=self.quote_management)
        self.cart_management = CartManagement(db, config, stores=self.stores, customers=self.customers, quotes=quotes,
                                              cart_totals=cart_totals, cart_items=self.cart_items)
        self.checkout = QuickCheckout(stores=self.stores, customers=self.customers, quotes=quotes,
                                      cart_totals=cart_totals, quote_management=self.quote_management,
                                      cart_items=self.cart_items, coupons=self.cart_coupons,
                                      shipping_information=self.shipping_information,
                                      payment_information=self.payment_information)
        self.bulk = BulkService(db, clock, config, seeding=self.seeding)

    # -- lifecycle ---------------------------------------------------------------------------
    def advertise(self, base_url: str) -> None:
        """The URL a server bound: store configs (base_url, static URLs) give it from now on."""
        self.stores.base_url = base_url

    def open_existing(self) -> bool:
        """Open an existing database as is (adding any table a newer version introduced and the
        reset snapshot when missing); False when the database is new and needs seeding."""
        if not self.db.is_initialised():
            return False
        self.db.create_schema()
        if not self.db.has_snapshot():
            self.db.save_snapshot()
        self.invalidate_caches()
        return True

    def wipe(self, seed: int, profile: str) -> None:
        """Drop every table and start an empty schema that ``seed``/``profile`` will fill."""
        self.db.drop_everything()
        self.db.create_schema()
        self.invalidate_caches()
        # in place: the services that derive values from the seed hold this same object
        self.seeding.seed, self.seeding.profile = seed, profile

    def keep_seeded(self) -> None:
        """Record what the state was seeded with and keep its snapshot for reset."""
        self.db.set_meta("seed", self.seeding.seed)
        self.db.set_meta("profile", self.seeding.profile)
        self.db.save_snapshot()
        self.invalidate_caches()

    def reset(self) -> None:
        self.db.restore_snapshot()
        self.clock.reset()
        self.journal.clear()
        self.faults.clear()
        self.invalidate_caches()

    def invalidate_caches(self) -> None:
        self.stores.invalidate()
        for area in (self.categories, self.catalog, self.inventory, self.customers, self.sales, self.checkout, self.bulk):
            hook = getattr(area, "invalidate", None)
            if hook:
                hook()

    def close(self) -> None:
        self.db.close()
