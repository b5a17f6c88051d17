"""A faithful emulator of the Magento 2.4 admin REST API."""
from __future__ import annotations

from fake_magento.app import create_app
from fake_magento.config import Config
from fake_magento.server import ThreadedServer

__all__ = ["Config", "ThreadedServer", "create_app"]
