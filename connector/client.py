"""The facade: one client per store connection, holding the resources and the integrations."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

from connector.config import ConnectorConfig
from connector.requestor import Requestor
from connector.resources.bulk import Bulk
from connector.resources.catalog import Categories, Products
from connector.resources.customers import Customers
from connector.resources.inventory import SourceItems, StockItems
from connector.resources.sales import CreditMemos, Invoices, Orders, Shipments
from connector.resources.stores import Stores
from connector.transport import RetryPolicy, Transport


class MagentoClient:
    def __init__(self, config: ConnectorConfig, *, session: requests.Session | None = None,
                 retry: RetryPolicy | None = None, signature: str = "auto") -> None:
        self.config = config
        self.transport = Transport.from_config(config, session=session, signature=signature)
        if retry is not None:
            self.transport.retry = retry
        self.requestor = r = Requestor(config, self.transport)
        self.stores = Stores(r)
        self.products = Products(r)
        self.categories = Categories(r)
        self.customers = Customers(r)
        self.orders = Orders(r)
        self.invoices = Invoices(r)
        self.shipments = Shipments(r)
        self.creditmemos = CreditMemos(r)
        self.stock_items = StockItems(r)
        self.source_items = SourceItems(r)
        self.bulk = Bulk(r)

    @classmethod
    def from_file(cls, path: str | Path, **kw: Any) -> MagentoClient:
        return cls(ConnectorConfig.from_file(path), **kw)

    @classmethod
    def from_env(cls, **kw: Any) -> MagentoClient:
        return cls(ConnectorConfig.from_env(), **kw)

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> MagentoClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
