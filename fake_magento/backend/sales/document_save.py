"""The repository save of an invoice, shipment or credit memo body (POST /V1/invoices/, /V1/shipment/,
/V1/creditmemo: {Invoice,Shipment,Creditmemo}Repository::save)."""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from fake_magento.backend.clock import Clock
from fake_magento.backend.sales.common import body_rows, could_not_save, next_increment_id
from fake_magento.backend.sales.document_comments import comment_row
from fake_magento.backend.sales.tracks import insert_track
from fake_magento.errors import InternalError, MagentoError
from fake_magento.storage import Database

Getter = Callable[[int], dict[str, Any]]


class DocumentSave:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def save(self, kind: str, data: dict[str, Any], getter: Getter) -> dict[str, Any]:
        """{Invoice,Shipment,Creditmemo}Repository::save of a document body: the entity is written as
        sent (nulls left out) with its items, tracks and comments through the resource model's
        relations; no register/pay/refund runs and the order is not touched.

        * no entity_id: a new row, increment id from the sequence unless sent (EntityAbstract::
          _beforeSave), store id from the order; the order must exist (the row's foreign key).
        * an existing entity_id: the sent scalar fields are written over it, updated_at moves;
          items without a known entity_id, tracks and comments are added.
        * an unknown entity_id: the UPDATE matches no row, so an entity without items, tracks or
          comments is answered as sent; any relation row then fails on its foreign key.

        Failures: ShipmentRepository and CreditmemoRepository wrap every exception as their
        CouldNotSaveException; InvoiceRepository does not, so a missing order is the masked 500
        and a comment error the resource model's "Cannot save comment:\n%1".

        ``data``: the entity with its scalar fields, item, comment and track rows converted.
        ``getter``: the repository's get, for the answer.
        """
        spec = SAVE_SPECS[kind]
        items_in = list(data.get("items") or [])
        tracks_in = body_rows(data.get("tracks")) if kind == "shipment" else []
        comments_in = body_rows(data.get("comments"))
        entity_id = data.get("entity_id")
        now = self.clock.stamp()
        with self.db.write() as conn:
            row = self.db.one(f"SELECT doc FROM {spec.table} WHERE entity_id=?", (entity_id,)) if entity_id else None
            scalars = {k: v for k, v in data.items() if v is not None and not isinstance(v, (dict, list))
                       and k not in ("entity_id", "created_at", "updated_at")}
            if entity_id and row is None:
                if items_in or tracks_in or comments_in or (kind == "shipment" and data.get("items") is not None):
                    raise spec.failure()
                echo: dict[str, Any] = {**scalars, "entity_id": entity_id, "items": [], "comments": []}
                if kind == "shipment":
                    echo["tracks"] = []
                return {**{k: None for k in spec.required}, **echo}
            if row is None:
                order_id = data.get("order_id")
                order = self.db.one("SELECT store_id FROM sales_order WHERE entity_id=?", (order_id,)) \
                    if order_id else None
                if order is None:
                    raise spec.failure()
                doc: dict[str, Any] = {**scalars, "entity_id": self.db.next_id(kind), "order_id": order_id,
                                       "created_at": now, "items": [], "comments": []}
                # store_id stays as sent: none reads back none (measured on 2.4.7-p3 for all three kinds)
                doc.setdefault("increment_id", next_increment_id(self.db, int(order[0]), kind))
                if kind == "shipment":
                    doc.setdefault("packages", [])  # Shipment::getPackages answers [] for none (2.4.7-p3)
                for key in spec.required:  # non-nullable getters answer null (DataObjectProcessor)
                    doc.setdefault(key, None)
            else:
                doc = dict(json.loads(row[0]))
                doc.update(scalars)
            doc["updated_at"] = now
            if kind == "shipment" and (row is None or data.get("items") is not None) and not (doc["items"] or items_in):
                raise spec.failure()  # ResourceModel/Order/Shipment: "We cannot create an empty shipment."
            self._save_items(kind, doc, items_in)
            for raw in comments_in:
                spec.check_comment(raw)
                doc["comments"] = doc["comments"] + [comment_row(self.db, self.clock, raw, doc["entity_id"])]
            tracks = []
            for raw in tracks_in:
                if any(raw.get(k) in (None, "", "0", 0, False) for k in ("order_id", "track_number", "carrier_code")):
                    raise spec.failure()  # Shipment/Track/Validator, wrapped by ShipmentRepository::save
                tracks.append((raw, raw["order_id"]))
            try:
                self._write_document(conn, kind, doc)
            except sqlite3.IntegrityError:
                # An existing document moved to an order that does not exist. Measured on 2.4.7-p3 with
                # order_id 0: an invoice or a credit memo answers 500 (a PHP error), a shipment 400 from
                # OrderRepository::get(0), wrapped by ShipmentRepository::save.
                if kind == "shipment":
                    raise could_not_save("An ID is needed. Set the ID and try again." if not doc.get("order_id")
                                         else "The shipment couldn't be saved.") from None
                raise InternalError(f"{spec.table}: foreign key on order_id") from None
            for raw, order_id in tracks:
                insert_track(self.db, self.clock, conn, raw, doc["entity_id"], order_id)
        return getter(doc["entity_id"])

    def _save_items(self, kind: str, doc: dict[str, Any], items_in: list[dict[str, Any]]) -> None:
        """The relation saves each item with parent_id = the document; a known entity_id is updated."""
        known = {i.get("entity_id"): i for i in doc["items"]}
        for raw in items_in:
            item = {k: v for k, v in raw.items() if v is not None}
            item["order_item_id"], item["qty"] = raw.get("order_item_id"), raw.get("qty")  # required getters
            item_id = raw.get("entity_id")
            if item_id in known:
                known[item_id].update(item)
                continue
            # nothing is taken from the order item: a field not sent is null, answered as null where
            # the getter may not return null (an invoice item's sku, a credit memo item's base_cost
            # and base_price) and left out elsewhere (measured on 2.4.7-p3, order 184)
            item.update({"entity_id": self.db.next_id(f"{kind}_item"), "parent_id": doc["entity_id"]})
            doc["items"] = doc["items"] + [item]

    def _write_document(self, conn: sqlite3.Connection, kind: str, doc: dict[str, Any]) -> None:
        """Insert or update one invoice, shipment or credit memo row (tracks live in their own table)."""
        table, extra = SAVE_SPECS[kind].table, SAVE_SPECS[kind].columns
        columns = ("entity_id", "increment_id", "order_id", "store_id", *extra, "created_at", "updated_at", "doc")
        stored = {k: v for k, v in doc.items() if k != "tracks"}
        values = (doc["entity_id"], str(doc["increment_id"]), doc["order_id"], doc.get("store_id"),
                  *(doc.get(c) for c in extra), doc["created_at"], doc["updated_at"], json.dumps(stored))
        updates = ", ".join(f"{c}=excluded.{c}" for c in columns[1:])
        conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
                     f" ON CONFLICT(entity_id) DO UPDATE SET {updates}", values)


def _invoice_comment_check(raw: dict[str, Any]) -> None:
    """Invoice/Comment/Validator via ResourceModel/Order/Invoice/Comment::_beforeSave: the invoice
    relation does not set parent_id, and InvoiceRepository::save lets the error through."""
    errors = []
    for code, label in (("parent_id", "Parent Invoice Id"), ("comment", "Comment")):
        if code not in raw:
            errors.append(f'"{label}" is required. Enter and try again.')
        elif raw[code] in (None, "", "0", 0, False, [], {}):
            errors.append(f"{label} can not be empty")
    if errors:
        raise MagentoError("Cannot save comment:\n%1", ["\n".join(errors)])


class _SaveSpec:
    def __init__(self, table: str, columns: tuple[str, ...], required: tuple[str, ...],
                 failure: Callable[[], MagentoError], check_comment: Callable[[dict[str, Any]], None]) -> None:
        self.table, self.columns, self.required = table, columns, required
        self.failure, self.check_comment = failure, check_comment


def _wrapped_comment_check(message: str) -> Callable[[dict[str, Any]], None]:
    """Shipment (relation sets parent_id) and credit memo comments: Comment required and not empty,
    any error wrapped by the repository's CouldNotSaveException."""
    def check(raw: dict[str, Any]) -> None:
        if raw.get("comment") in (None, "", "0", 0, False):
            raise could_not_save(message)
    return check


SAVE_SPECS = {
    "invoice": _SaveSpec("sales_invoice", ("state", "grand_total"), ("total_qty",),
                         lambda: InternalError("sales_invoice insert: foreign key on order_id"),
                         _invoice_comment_check),
    "shipment": _SaveSpec("sales_shipment", ("total_qty",), (),
                          lambda: could_not_save("The shipment couldn't be saved."),
                          _wrapped_comment_check("The shipment couldn't be saved.")),
    "creditmemo": _SaveSpec("sales_creditmemo", ("state", "grand_total"), (),
                            lambda: could_not_save("The credit memo couldn't be saved."),
                            _wrapped_comment_check("The credit memo couldn't be saved.")),
}
