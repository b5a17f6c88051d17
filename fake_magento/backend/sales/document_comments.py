"""Invoice, shipment and credit memo comments (Order/{Invoice,Shipment,Creditmemo}/CommentRepository),
and the creation comment the document services add."""
from __future__ import annotations

import json
from typing import Any

from fake_magento.backend.clock import Clock
from fake_magento.backend.sales.common import could_not_save, require_id
from fake_magento.storage import Database

DOCUMENT_TABLES = {"invoice": "sales_invoice", "shipment": "sales_shipment", "creditmemo": "sales_creditmemo"}


def creation_comments(db: Database, clock: Clock, comment: dict[str, Any] | None, parent_id: int,
                      notify: bool = False) -> list[dict[str, Any]]:
    """The comment InvoiceOrder, ShipOrder and RefundOrder add through their document factories
    (``comment``: its text and an int is_visible_on_front); is_customer_notified = appendComment
    && notify."""
    if not comment or not comment.get("comment"):
        return []
    return [{"comment": str(comment["comment"]), "created_at": clock.stamp(),
             "entity_id": db.next_id("document_comment"), "is_customer_notified": int(notify),
             "is_visible_on_front": int(bool(comment.get("is_visible_on_front"))), "parent_id": parent_id}]


def comment_row(db: Database, clock: Clock, data: dict[str, Any], parent_id: int) -> dict[str, Any]:
    """A document comment row from a converted comment entity (Invoice/Shipment/Creditmemo
    CommentInterface setters; the flags default to 0)."""
    return {"comment": data.get("comment", ""), "created_at": clock.stamp(), "entity_id": db.next_id("document_comment"),
            "is_customer_notified": int(data.get("is_customer_notified") or 0),
            "is_visible_on_front": int(data.get("is_visible_on_front") or 0), "parent_id": parent_id}


class DocumentCommentRepository:
    """One kind's comment repository (``kind``: invoice, shipment or creditmemo)."""

    def __init__(self, kind: str, db: Database, clock: Clock) -> None:
        self.kind, self.table, self.db, self.clock = kind, DOCUMENT_TABLES[kind], db, clock

    def _doc(self, parent_id: int) -> dict[str, Any] | None:
        row = self.db.one(f"SELECT doc FROM {self.table} WHERE entity_id=?", (parent_id,))
        return None if row is None else dict(json.loads(row[0]))

    def get_list(self, parent_id: int | None) -> dict[str, Any]:
        """{Invoice,Shipment,Creditmemo}Management::getCommentsList of one document."""
        doc = self._doc(require_id(parent_id)) or {}
        comments = doc.get("comments", [])
        return {"items": comments, "search_criteria": {"filter_groups": []}, "total_count": len(comments)}

    def save(self, entity: dict[str, Any], parent_id: int | None) -> dict[str, Any]:
        """CommentRepository::save of a converted comment entity; ``parent_id``: the path's id, else
        the entity's."""
        doc = self._doc(parent_id) if parent_id else None
        if doc is None or parent_id is None:
            # the comment row's foreign key fails: CouldNotSaveException (with errorRedirectAction)
            raise could_not_save(f"Could not save the {self.kind} comment.")
        comment = comment_row(self.db, self.clock, entity, parent_id)
        doc["comments"] = doc.get("comments", []) + [comment]
        with self.db.write() as conn:
            conn.execute(f"UPDATE {self.table} SET doc=? WHERE entity_id=?", (json.dumps(doc), parent_id))
        return comment
