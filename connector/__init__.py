"""A thin, typed Magento 2.4 REST client and the integrations built on it.

    from connector import ConnectorConfig, MagentoClient
    client = MagentoClient(ConnectorConfig.from_file("magento.json"))
    order = client.orders.get(42)

Layers: transport (session, auth, retries) -> requestor (paths, errors) -> resources (one per
area) -> operations (customer profile, incremental pulls, fulfilment) -> the client facade.
"""
from __future__ import annotations

from connector.client import MagentoClient
from connector.config import ConfigError, ConnectorConfig
from connector.errors import (
    AuthenticationError,
    AuthorizationError,
    ConnectionFailed,
    InputError,
    MagentoError,
    MalformedResponse,
    NotFoundError,
    RateLimitError,
    ServerError,
    ServiceUnavailable,
    TimedOut,
)
from connector.search import Filter, SearchCriteria, SortOrder

__all__ = [
    "AuthenticationError", "AuthorizationError", "ConfigError", "ConnectionFailed", "ConnectorConfig",
    "Filter", "InputError", "MagentoClient", "MagentoError", "MalformedResponse", "NotFoundError",
    "RateLimitError", "SearchCriteria", "ServerError", "ServiceUnavailable", "SortOrder", "TimedOut",
]
