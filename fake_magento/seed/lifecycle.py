"""Seeding a ``Backend``: the entry the app factory, the CLI and the control plane call.

The backend only knows how to wipe, reopen and snapshot its state; which builders fill it is this
package's business (``seed_backend``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from fake_magento.seed import seed_backend

if TYPE_CHECKING:
    from fake_magento.backend import Backend


def seed_state(backend: Backend, *, seed: int, profile: str) -> None:
    """Replace the whole state with a fresh one seeded by ``seed``/``profile``; it becomes what
    ``/_fake/reset`` restores."""
    backend.wipe(seed, profile)
    seed_backend(backend, seed=seed, profile=profile)
    backend.keep_seeded()


def open_or_seed(backend: Backend) -> None:
    """Serve an existing database as it is; seed a new one with the config's seed and profile."""
    if not backend.open_existing():
        seed_state(backend, seed=backend.config.seed, profile=backend.config.profile)
