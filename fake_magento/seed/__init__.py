"""Deterministic seeding: one Faker and one Random per run, builders in a fixed order.

Same seed and profile -> the same state, byte for byte. Ids come from counters.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from faker import Faker

from fake_magento.seed.progress import Progress

if TYPE_CHECKING:
    from fake_magento.backend import Backend

# Named profiles: what each area seeds. Areas read the keys they know (README "Seeded profiles").
PROFILES: dict[str, dict[str, Any]] = {
    # Stores, admin, integrations and a couple of customers: the fastest state for unit tests.
    "minimal": {"products": 0, "customers": 2, "orders": 0},
    # What `make run` serves: every product type, names per store view, orders in every state. The
    # first part (24 products, 12 customers, 30 orders) is what tests name; `more` adds up to totals.
    "default": {"products": 24, "customers": 12, "orders": 30, "category_depth": 6,
                "more": {"products": 190, "customers": 50, "orders": 200}},
    # The edge-case pack (seed/edge.py): the default's first part plus every named case of EDGE_CASES.
    "edge": {"products": 24, "customers": 12, "orders": 30, "category_depth": 6, "edge_cases": True},
    # Volume: the default data, then bulk rows cloned from it up to these totals (seed/bulk.py).
    "large": {"products": 24, "customers": 12, "orders": 30, "category_depth": 6,
              "more": {"products": 190, "customers": 50, "orders": 200},
              "bulk": {"products": 20_000, "customers": 10_000, "orders": 100_000}, "progress": True},
}

# Seeding runs on a frozen clock at this instant (UTC), so the same seed gives the same dates;
# builders move it forward to spread dates, and the clock is reset afterwards.
SEED_EPOCH = "2026-01-05 09:00:00"

# Areas seed in this order, each building on the ones before.
AREAS = ["platform", "categories", "inventory_sources", "catalog", "inventory", "customers", "sales", "more",
         "edge", "bulk"]


@dataclass
class SeedContext:
    backend: Backend
    seed: int
    profile: str
    settings: dict[str, Any]
    faker: Faker
    rng: random.Random
    progress: Progress

    def credentials(self) -> dict[str, Any]:
        return dict(self.backend.db.get_meta("credentials", {}))

    def add_credentials(self, **values: Any) -> None:
        creds = self.credentials()
        creds.update(values)
        self.backend.db.set_meta("credentials", creds)


def seed_backend(backend: Backend, *, seed: int, profile: str) -> None:
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; known: {', '.join(sorted(PROFILES))}")
    faker = Faker("en_US")
    faker.seed_instance(seed)
    settings = PROFILES[profile]
    ctx = SeedContext(backend, seed, profile, settings, faker, random.Random(seed),
                      Progress(profile, enabled=bool(settings.get("progress"))))
    from fake_magento.backend.clock import parse_stamp

    backend.clock.reset()
    backend.clock.freeze(parse_stamp(SEED_EPOCH))
    try:
        for area in AREAS:
            module = import_module(f"fake_magento.seed.{area}")
            module.seed(ctx)
            backend.invalidate_caches()
    finally:
        ctx.progress.close()
        backend.clock.reset()
