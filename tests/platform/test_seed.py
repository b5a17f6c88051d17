"""Seeding is deterministic: same seed and profile -> byte-identical export."""
from __future__ import annotations

import json

import pytest

from fake_magento import Config
from fake_magento.backend import Backend
from fake_magento.seed.lifecycle import seed_state


def export(tmp_path, name: str, seed: int, profile: str) -> str:
    backend = Backend(Config(db_path=str(tmp_path / name), seed=seed, profile=profile))
    seed_state(backend, seed=seed, profile=profile)
    data = json.dumps(backend.db.export_tables(), sort_keys=True)
    backend.close()
    return data


@pytest.mark.parametrize("profile", ["minimal", "default"])
def test_same_seed_same_bytes(tmp_path, profile):
    assert export(tmp_path, "a.db", 11, profile) == export(tmp_path, "b.db", 11, profile)


def test_other_seed_other_data(tmp_path):
    assert export(tmp_path, "a.db", 11, "minimal") != export(tmp_path, "b.db", 12, "minimal")
