"""Customers: search, get, and lookup by email within a website."""
from __future__ import annotations

from typing import Any

from connector.models import Customer
from connector.requestor import path
from connector.resources.base import Resource
from connector.search import SearchCriteria


class Customers(Resource[Customer]):
    list_path = "customers/search"
    key = "id"
    model = Customer

    def get(self, customer_id: int) -> Customer:
        return self.load(self.requestor.get(path("customers/{}", customer_id)))

    def by_email(self, email: str, website_id: int | None = None) -> list[Customer]:
        """Accounts with this email, exactly (``eq``, not ``like``: ``_`` and ``%`` are wildcards
        there). An email is unique per website when customer accounts are shared per website
        (customer/account_share/scope = 1, the default), so there may be one per website."""
        criteria = SearchCriteria().where("email", email)
        if website_id is not None:
            criteria = criteria.where("website_id", website_id)
        return list(self.iter(criteria.order_by("entity_id"), page_size=50))

    def create(self, customer: dict[str, Any], password: str | None = None) -> Customer:
        body: dict[str, Any] = {"customer": customer}
        if password is not None:
            body["password"] = password
        # Always V1: the caller gets the saved customer back, which an async receipt is not.
        return self.load(self.requestor.post("customers", body, api="V1"))

    def save(self, customer_id: int, customer: dict[str, Any]) -> Customer:
        return self.load(self.requestor.put(path("customers/{}", customer_id), {"customer": customer}, api="V1",
                                            idempotent=True))

    def delete(self, customer_id: int) -> bool:
        return bool(self.requestor.delete(path("customers/{}", customer_id)))
