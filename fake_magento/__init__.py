"""A faithful emulator of the Magento 2.4 admin REST API.

``create_app`` and ``ThreadedServer`` are imported when first asked for (PEP 562): they bring Flask
and waitress, which the command line's other commands (``seed``, ``credentials``, ``export``,
``import``) never need, so ``import fake_magento.cli`` stays quick.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.config import Config

if TYPE_CHECKING:
    from fake_magento.app import create_app
    from fake_magento.server import ThreadedServer

__all__ = ["Config", "ThreadedServer", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from fake_magento.app import create_app

        return create_app
    if name == "ThreadedServer":
        from fake_magento.server import ThreadedServer

        return ThreadedServer
    raise AttributeError(f"module 'fake_magento' has no attribute {name!r}")
