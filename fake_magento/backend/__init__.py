"""The emulator's state and rules, free of Flask.

``Backend`` wires one database, one clock and one seeded source of randomness to the
per-area services. Each area lives in its own module and mirrors Magento's service
contracts (get, get_list, save, delete_by_id, ship, refund...).
"""
from __future__ import annotations

import hashlib

from fake_magento.backend.clock import Clock
from fake_magento.backend.stores import StoreRepository
from fake_magento.config import Config
from fake_magento.storage import Database


class Backend:
    def __init__(self, config: Config) -> None:
        from fake_magento.backend.auth import AuthService
        from fake_magento.backend.bulk import BulkService
        from fake_magento.backend.catalog import CatalogService
        from fake_magento.backend.categories import CategoryService
        from fake_magento.backend.checkout import CheckoutService
        from fake_magento.backend.customers import CustomerService
        from fake_magento.backend.faults import FaultRegistry
        from fake_magento.backend.inventory import InventoryService
        from fake_magento.backend.journal import Journal
        from fake_magento.backend.sales import SalesService
        from fake_magento.backend.sales.management import OrderManagement

        self.config = config
        if not config.jwt_secret:
            config.jwt_secret = hashlib.sha256(f"fake-magento-jwt-{config.seed}".encode()).hexdigest()
        self.db = Database(config.db_path)
        self.clock = Clock()
        self.journal = Journal(config.journal_size)
        self.faults = FaultRegistry()
        self.stores = StoreRepository(self)
        self.auth = AuthService(self)
        self.categories = CategoryService(self)
        self.catalog = CatalogService(self)
        self.inventory = InventoryService(self)
        self.customers = CustomerService(self)
        self.checkout = CheckoutService(self)
        self.sales = SalesService(self)
        self.order_management = OrderManagement(self.sales)
        self.bulk = BulkService(self)

    # -- lifecycle ---------------------------------------------------------------------------
    def ensure_seeded(self) -> None:
        """Open an existing database as is; seed a new one and keep its snapshot for reset."""
        if self.db.is_initialised():
            self.db.create_schema()  # adds any table a newer version introduced
            if not self.db.has_snapshot():
                self.db.save_snapshot()
            self.invalidate_caches()
            return
        self.seed(self.config.seed, self.config.profile)

    def seed(self, seed: int, profile: str) -> None:
        from fake_magento.seed import seed_backend

        self.db.drop_everything()
        self.db.create_schema()
        self.invalidate_caches()
        self.config.seed, self.config.profile = seed, profile
        seed_backend(self, seed=seed, profile=profile)
        self.db.set_meta("seed", seed)
        self.db.set_meta("profile", profile)
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
