"""Customers: accounts per website, addresses, sign-in (Customer/Model/AccountManagement)."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.auth import SIGN_IN_FAILED, check_password, hash_password
from fake_magento.errors import AuthenticationError, MagentoError, NoSuchEntityError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result

if TYPE_CHECKING:
    from fake_magento.backend import Backend

_JSON = "json_extract(doc, '$.{}')"
CUSTOMERS = EntitySearch(
    table="customer_entity", id_column="entity_id", unknown_field="eav",
    fields={
        "entity_id": Field("entity_id", "int"), "id": Field("entity_id", "int"),
        "email": Field("email"), "firstname": Field("firstname"), "lastname": Field("lastname"),
        "website_id": Field("website_id", "int"), "store_id": Field("store_id", "int"),
        "group_id": Field("group_id", "int"), "created_at": Field("created_at", "date"),
        "updated_at": Field("updated_at", "date"), "created_in": Field(_JSON.format("created_in")),
        "dob": Field(_JSON.format("dob"), "date"), "gender": Field(_JSON.format("gender"), "int"),
        "middlename": Field(_JSON.format("middlename")), "prefix": Field(_JSON.format("prefix")),
        "suffix": Field(_JSON.format("suffix")), "taxvat": Field(_JSON.format("taxvat")),
        "default_billing": Field(_JSON.format("default_billing"), "int"),
        "default_shipping": Field(_JSON.format("default_shipping"), "int"),
        "disable_auto_group_change": Field(_JSON.format("disable_auto_group_change"), "int"),
    })


def no_such_customer(customer_id: Any) -> NoSuchEntityError:
    # NoSuchEntityException::singleField('customerId', ...) from CustomerRegistry::retrieve
    return NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                             {"fieldName": "customerId", "fieldValue": str(customer_id)})


class CustomerService:
    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.db = backend.db

    # -- reads -------------------------------------------------------------------------------
    def exists(self, customer_id: int) -> bool:
        return self.db.one("SELECT 1 FROM customer_entity WHERE entity_id=?", (customer_id,)) is not None

    def get(self, customer_id: Any) -> dict[str, Any]:
        try:
            key = int(customer_id)
        except (TypeError, ValueError):
            raise no_such_customer(customer_id) from None
        if abs(key) > 2**63 - 1:  # PHP saturates at PHP_INT_MAX: no such customer
            raise no_such_customer(customer_id)
        row = self.db.one("SELECT doc FROM customer_entity WHERE entity_id=?", (key,))
        if row is None:
            raise no_such_customer(customer_id)
        return dict(json.loads(row["doc"]))

    def get_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, CUSTOMERS, criteria, config=self.backend.config)
        return search_result([self.get(i) for i in ids], criteria, total)

    def is_email_available(self, email: str, website_id: int) -> bool:
        return self.db.one("SELECT 1 FROM customer_entity WHERE email=? AND website_id=?",
                           (email, website_id)) is None

    def authenticate(self, email: str, password: str, website_id: int) -> int:
        """AccountManagement::authenticate within the website's account scope."""
        row = self.db.one("SELECT entity_id, password_hash, is_active FROM customer_entity"
                          " WHERE email=? AND website_id=?", (email, website_id))
        if row is None or not row["password_hash"] or not check_password(password, row["password_hash"]):
            raise AuthenticationError("Invalid login or password.")
        if not row["is_active"]:
            raise AuthenticationError(SIGN_IN_FAILED)
        return int(row["entity_id"])

    # -- writes ------------------------------------------------------------------------------
    def create(self, customer: dict[str, Any], password: str | None, store_id: int) -> dict[str, Any]:
        """Create an account (seeding and tests); addresses get ids, defaults become ids."""
        store = self.backend.stores.store(store_id)
        website_id = int(customer.get("website_id") or store["website_id"])
        email = str(customer["email"])
        if not self.is_email_available(email, website_id):
            raise MagentoError("A customer with the same email address already exists in an associated website.")
        now = self.backend.clock.stamp()
        with self.db.write() as conn:
            customer_id = self.db.next_id("customer")
            doc: dict[str, Any] = {
                "id": customer_id, "group_id": int(customer.get("group_id", 1)), "created_at": now,
                "updated_at": now, "created_in": store["name"], "email": email,
                "firstname": customer["firstname"], "lastname": customer["lastname"],
                "store_id": store_id, "website_id": website_id,
            }
            for key in ("dob", "gender", "middlename", "prefix", "suffix", "taxvat"):
                if customer.get(key) is not None:
                    doc[key] = customer[key]
            addresses = []
            for address in customer.get("addresses", []):
                address_id = self.db.next_id("customer_address")
                addresses.append({"id": address_id, "customer_id": customer_id, **address})
                if address.get("default_billing"):
                    doc["default_billing"] = str(address_id)
                if address.get("default_shipping"):
                    doc["default_shipping"] = str(address_id)
            ordered = {k: doc[k] for k in ("id", "group_id", "default_billing", "default_shipping", "created_at",
                                           "updated_at", "created_in", "dob", "email", "firstname", "lastname",
                                           "middlename", "prefix", "suffix", "gender", "store_id", "taxvat",
                                           "website_id") if k in doc}
            ordered["addresses"] = addresses
            ordered["disable_auto_group_change"] = 0
            ordered["extension_attributes"] = {"is_subscribed": False}
            conn.execute(
                "INSERT INTO customer_entity(entity_id, website_id, store_id, email, firstname, lastname, group_id,"
                " created_at, updated_at, password_hash, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (customer_id, website_id, store_id, email, doc["firstname"], doc["lastname"], doc["group_id"],
                 now, now, hash_password(password) if password else None, json.dumps(ordered)))
        return ordered
