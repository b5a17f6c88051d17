"""CreditmemoManagement (Sales/Model/Service/CreditmemoService): cancel, refund of a credit memo built
by the caller, notify, comments."""
from __future__ import annotations

from typing import Any

from fake_magento.backend.sales.creditmemo_factory import RefundArguments, invoice_limits
from fake_magento.backend.sales.document_comments import DocumentCommentRepository
from fake_magento.backend.sales.documents import CreditmemoRepository, InvoiceRepository
from fake_magento.backend.sales.refund_order import RefundOrder
from fake_magento.errors import MagentoError, entity_not_found


class CreditmemoManagement:
    def __init__(self, refund_order: RefundOrder, invoices: InvoiceRepository, creditmemos: CreditmemoRepository,
                 comments: DocumentCommentRepository) -> None:
        self.refund_order, self.invoices, self.creditmemos, self.comments = refund_order, invoices, creditmemos, comments

    def cancel(self, creditmemo_id: int | None) -> bool:
        """CreditmemoManagement::cancel (CreditmemoService::cancel) always refuses."""
        raise MagentoError("You can not cancel Credit Memo")

    def refund(self, order_id: int | None, items: dict[int, float] | None, arguments: RefundArguments,
               invoice_id: int | None = None, offline_requested: bool = False) -> dict[str, Any]:
        """CreditmemoManagement::refund (POST /V1/creditmemo/refund): a credit memo built by the
        caller (order_id, items[order_item_id, qty], shipping and adjustments), refunded offline;
        with an invoice_id, bounded by that invoice."""
        if order_id is None:
            raise MagentoError("An ID is needed. Set the ID and try again.")
        if invoice_id is not None:
            invoice = self.invoices.get(invoice_id)
            memo_id = self.refund_order.refund(invoice["order_id"], items, arguments, None, invoice=invoice,
                                               limits=invoice_limits(self.refund_order.db, invoice),
                                               management=True)
        else:
            memo_id = self.refund_order.refund(order_id, items, arguments, None, management=True)
        return self.creditmemos.get(int(memo_id))

    def notify(self, creditmemo_id: int | None) -> bool:
        """CreditmemoManagement::notify: the email is 'sent'."""
        if not self.creditmemos.exists(creditmemo_id):
            raise entity_not_found()
        return True

    def get_comments_list(self, creditmemo_id: int | None) -> dict[str, Any]:
        return self.comments.get_list(creditmemo_id)
