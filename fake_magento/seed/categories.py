"""categories seeding (placeholder until its issue lands)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext


def seed(ctx: SeedContext) -> None:
    return None
