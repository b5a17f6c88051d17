"""Invoice, shipment and credit memo repositories (get, getList, save) and the invoice and shipment
management services (InvoiceManagement: capture, void, notify, comments; ShipmentManagement: label,
notify, comments). Creating documents is InvoiceOrder, ShipOrder, RefundOrder and RefundInvoice."""
from __future__ import annotations

import json
from typing import Any

from fake_magento.backend.sales.common import require_id
from fake_magento.backend.sales.document_comments import DOCUMENT_TABLES, DocumentCommentRepository
from fake_magento.backend.sales.document_save import DocumentSave
from fake_magento.config import Config
from fake_magento.errors import MagentoError, entity_not_found
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.search.sql import FieldType
from fake_magento.storage import Database


def _search(table: str, *extra: tuple[str, FieldType]) -> EntitySearch:
    return EntitySearch(table, "entity_id", unknown_field="flat", fields={
        "entity_id": Field("entity_id", "int"), "increment_id": Field("increment_id"),
        "order_id": Field("order_id", "int"), "store_id": Field("store_id", "int"),
        **{name: Field(name, kind) for name, kind in extra},
        "created_at": Field("created_at", "date"), "updated_at": Field("updated_at", "date")})


INVOICES = _search("sales_invoice", ("state", "int"), ("grand_total", "float"))
SHIPMENTS = _search("sales_shipment", ("total_qty", "float"))
CREDITMEMOS = _search("sales_creditmemo", ("state", "int"), ("grand_total", "float"))
# ShipmentInterface's getters in their order: the answer's key order
SHIPMENT_KEYS = ("billing_address_id", "created_at", "customer_id", "email_sent", "entity_id", "increment_id",
                 "order_id", "packages", "shipping_address_id", "store_id", "total_qty", "updated_at", "items",
                 "tracks", "comments", "extension_attributes")


class DocumentRepository:
    """One kind of sales document: read by id, listed by searchCriteria, saved from a body."""

    kind = ""
    search: EntitySearch

    def __init__(self, db: Database, config: Config, saver: DocumentSave) -> None:
        self.db, self.config, self.saver = db, config, saver
        self.table = DOCUMENT_TABLES[self.kind]

    def get(self, entity_id: int | None) -> dict[str, Any]:
        """The stored document; 404 as the repositories answer."""
        row = self.db.one(f"SELECT doc FROM {self.table} WHERE entity_id=?", (require_id(entity_id),))
        if row is None:
            raise entity_not_found()
        return dict(json.loads(row[0]))

    def exists(self, entity_id: int | None) -> bool:
        return self.db.one(f"SELECT 1 FROM {self.table} WHERE entity_id=?", (require_id(entity_id),)) is not None

    def get_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, self.search, criteria, config=self.config)
        return search_result([self.get(i) for i in ids], criteria, total)

    def save(self, entity: dict[str, Any]) -> dict[str, Any]:
        """{Invoice,Shipment,Creditmemo}Repository::save of a converted body (document_save.py)."""
        return self.saver.save(self.kind, entity, self.get)


class InvoiceRepository(DocumentRepository):
    kind, search = "invoice", INVOICES


class CreditmemoRepository(DocumentRepository):
    kind, search = "creditmemo", CREDITMEMOS


class ShipmentRepository(DocumentRepository):
    kind, search = "shipment", SHIPMENTS

    def get(self, entity_id: int | None) -> dict[str, Any]:
        """The shipment with its tracks (their own table), keys in the interface's order."""
        doc = super().get(entity_id)
        doc["tracks"] = [json.loads(r[0]) for r in self.db.query(
            "SELECT doc FROM sales_shipment_track WHERE parent_id=? ORDER BY entity_id", (doc["entity_id"],))]
        return {k: doc[k] for k in SHIPMENT_KEYS if k in doc}


class InvoiceManagement:
    def __init__(self, invoices: InvoiceRepository, comments: DocumentCommentRepository) -> None:
        self.invoices, self.comments = invoices, comments

    def set_capture(self, invoice_id: int | None) -> bool:
        """InvoiceManagement::setCapture -> Invoice::capture -> the offline method's capture():
        checkmo & co. cannot capture (Payment/Model/Method/AbstractMethod::capture)."""
        self.invoices.get(invoice_id)
        raise MagentoError("The capture action is not available.")

    def set_void(self, invoice_id: int | None) -> bool:
        """InvoiceManagement::setVoid -> Payment::void -> AbstractMethod::void for offline methods."""
        self.invoices.get(invoice_id)
        raise MagentoError("The void action is not available.")

    def notify(self, invoice_id: int | None) -> bool:
        """InvoiceManagement::notify: the email is 'sent'."""
        self.invoices.get(invoice_id)
        return True

    def get_comments_list(self, invoice_id: int | None) -> dict[str, Any]:
        return self.comments.get_list(invoice_id)


class ShipmentManagement:
    def __init__(self, shipments: ShipmentRepository, comments: DocumentCommentRepository) -> None:
        self.shipments, self.comments = shipments, comments

    def get_label(self, shipment_id: int | None) -> str:
        """ShipmentManagement::getLabel: the stored shipping label (none for offline carriers: '')."""
        return str(self.shipments.get(shipment_id).get("shipping_label") or "")

    def notify(self, shipment_id: int | None) -> bool:
        """ShipmentManagement::notify: the email is 'sent'."""
        self.shipments.get(shipment_id)
        return True

    def get_comments_list(self, shipment_id: int | None) -> dict[str, Any]:
        return self.comments.get_list(shipment_id)
