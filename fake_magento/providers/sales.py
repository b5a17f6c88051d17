"""Increment ids as SalesSequence writes them."""
from __future__ import annotations

from faker.providers import BaseProvider

# SalesSequence/Model/Sequence::DEFAULT_PATTERN: prefix, the value zero-padded to 9 digits, suffix
SEQUENCE_DIGITS = 9
# SalesSequence/Setup/SequenceCreator gives the stores of the install (0 and 1) an empty prefix;
# Observer/SequenceCreatorObserver gives every store created later its store id as prefix
UNPREFIXED_STORES = (0, 1)


def format_increment_id(store_id: int, sequence: int) -> str:
    """The increment id the ``sequence``-th order (invoice, shipment, credit memo) of a store gets."""
    prefix = "" if store_id in UNPREFIXED_STORES else str(store_id)
    return f"{prefix}{sequence:0{SEQUENCE_DIGITS}d}"


class SalesProvider(BaseProvider):
    """``increment_id``."""

    def increment_id(self, store_id: int = 1, sequence: int | None = None) -> str:
        """An increment id of a store: ``000000042`` in the default store, ``2000000042`` in store 2."""
        return format_increment_id(store_id, sequence if sequence is not None else self.random_int(1, 999999))
