"""Sources, stocks and their links, seeded before the catalogue (see seed/inventory.py)."""
from __future__ import annotations

from fake_magento.seed.inventory import seed_sources as seed

__all__ = ["seed"]
