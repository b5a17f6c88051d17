"""Shipment tracks (Sales/Model/Order/Shipment/TrackRepository: POST /V1/shipment/track, DELETE
/V1/shipment/track/{id}); the row writer is shared with the shipment repository's save."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from fake_magento.backend.clock import Clock
from fake_magento.backend.sales.common import could_not_save
from fake_magento.storage import Database

# ShipmentTrackInterface's own fields, in the row's order (their values come typed from the edge)
TRACK_FIELDS = ("weight", "qty", "description", "track_number", "title", "carrier_code")


def insert_track(db: Database, clock: Clock, conn: sqlite3.Connection, data: dict[str, Any], parent_id: Any,
                 order_id: Any) -> dict[str, Any]:
    """One sales_shipment_track row from a converted track entity (ShipmentTrackInterface setters)."""
    now = clock.stamp()
    track_id = db.next_id("shipment_track")
    track = {"order_id": order_id, "created_at": now, "entity_id": track_id, "parent_id": parent_id,
             "updated_at": now, **{k: data.get(k) for k in TRACK_FIELDS}}
    conn.execute("INSERT INTO sales_shipment_track VALUES (?,?,?,?)",
                 (track_id, parent_id, order_id, json.dumps(track)))
    return track


class ShipmentTrackRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def save(self, track: dict[str, Any]) -> dict[str, Any]:
        """ShipmentTrackRepository::save of a converted track: the shipment must belong to the order."""
        order_id, parent_id = track.get("order_id"), track.get("parent_id")
        owner = self.db.one("SELECT 1 FROM sales_shipment WHERE entity_id=? AND order_id=?", (parent_id, order_id))
        if owner is None:
            raise could_not_save("Could not save the shipment tracking.")
        with self.db.write() as conn:
            return insert_track(self.db, self.clock, conn, track, parent_id, order_id)

    def delete_by_id(self, track_id: int | None) -> bool:
        """TrackRepository::deleteById: an unknown id loads an empty track, whose delete succeeds."""
        with self.db.write() as conn:
            conn.execute("DELETE FROM sales_shipment_track WHERE entity_id=?", (track_id,))
        return True
