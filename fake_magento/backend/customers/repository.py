"""Customers: Customer/Model/ResourceModel/CustomerRepository (get, getList, save, deleteById) over
``customer_entity``: the REST document plus the indexed columns lists filter and sort on."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from fake_magento.backend.customers.addresses import (
    ADDRESS_FIELDS,
    address_doc,
    flag_defaults,
    validate_address,
)
from fake_magento.backend.customers.lookups import is_row_id, php_value, store_by_id
from fake_magento.errors import MagentoError, NoSuchEntityError, WebapiError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.customers.groups import GroupRepository
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

_JSON = "json_extract(doc, '$.{}')"
CUSTOMERS = EntitySearch(
    table="customer_entity", id_column="entity_id", unknown_field="eav",
    fields={
        # no "id": the API's name is not an attribute (filter 400 invalid name, sort ignored; sandbox)
        "entity_id": Field("entity_id", "int"),
        "email": Field("email"), "firstname": Field("firstname"), "lastname": Field("lastname"),
        "website_id": Field("website_id", "int"), "store_id": Field("store_id", "int"),
        "group_id": Field("group_id", "int"), "created_at": Field("created_at", "date"),
        "updated_at": Field("updated_at", "date"), "created_in": Field(_JSON.format("created_in")),
        "dob": Field(_JSON.format("dob"), "day"), "gender": Field(_JSON.format("gender"), "int"),
        "middlename": Field(_JSON.format("middlename")), "prefix": Field(_JSON.format("prefix")),
        "suffix": Field(_JSON.format("suffix")), "taxvat": Field(_JSON.format("taxvat")),
        "default_billing": Field(_JSON.format("default_billing"), "int"),
        "default_shipping": Field(_JSON.format("default_shipping"), "int"),
        "disable_auto_group_change": Field(_JSON.format("disable_auto_group_change"), "int"),
    })

EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_CUSTOMER_FIELDS = ("group_id", "default_billing", "default_shipping", "confirmation", "dob", "email",
                    "firstname", "lastname", "middlename", "prefix", "suffix", "gender", "store_id", "taxvat",
                    "website_id", "disable_auto_group_change", "extension_attributes", "custom_attributes")
_ORDER = ("id", "group_id", "default_billing", "default_shipping", "confirmation", "created_at", "updated_at",
          "created_in", "dob", "email", "firstname", "lastname", "middlename", "prefix", "suffix", "gender",
          "store_id", "taxvat", "website_id", "addresses", "disable_auto_group_change", "extension_attributes",
          "custom_attributes")


def no_such_customer(customer_id: Any) -> NoSuchEntityError:
    # NoSuchEntityException::singleField('customerId', ...) from CustomerRegistry::retrieve
    return NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                             {"fieldName": "customerId", "fieldValue": php_value(customer_id)})


class CustomerRepository:
    def __init__(self, db: Database, clock: Clock, config: Config, *, stores: StoreRepository,
                 groups: GroupRepository) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.stores = stores
        self.groups = groups

    # -- reads -------------------------------------------------------------------------------
    def exists(self, customer_id: int) -> bool:
        return self.db.one("SELECT 1 FROM customer_entity WHERE entity_id=?", (customer_id,)) is not None

    def get(self, customer_id: int | None) -> dict[str, Any]:
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
        ids, total = run_search(self.db, CUSTOMERS, criteria, config=self.config)
        return search_result([self.get(i) for i in ids], criteria, total)

    # -- writes ------------------------------------------------------------------------------
    def save_new(self, customer: dict[str, Any], *, password_hash: str | None, created_in: str) -> dict[str, Any]:
        """CustomerRepository::save of a new customer (AccountManagement::createAccount calls it)."""
        return self._save(None, customer, password_hash=password_hash, created_in=created_in)

    def update(self, customer_id: int | None, customer: dict[str, Any]) -> dict[str, Any]:
        """CustomerRepository::save for an existing id (the path id wins)."""
        previous = self.get(customer_id)
        return self._save(previous, dict(customer), password_hash=None, created_in=None)

    def delete(self, customer_id: int) -> bool:
        previous = self.get(customer_id)
        with self.db.write() as conn:
            conn.execute("DELETE FROM customer_entity WHERE entity_id=?", (previous["id"],))
        return True

    def _save(self, previous: dict[str, Any] | None, sent: dict[str, Any], *, password_hash: str | None,
              created_in: str | None) -> dict[str, Any]:
        doc: dict[str, Any] = dict(previous or {})
        doc.pop("addresses", None)
        for key, value in sent.items():
            if key in _CUSTOMER_FIELDS:
                doc[key] = value
        if previous is not None and doc.get("store_id") is None:
            doc["store_id"] = previous["store_id"]
        # validateGroupId runs before the resource model's checks.
        if sent.get("group_id") not in (None, "", 0, "0") and not self.groups.exists(sent["group_id"]):
            raise MagentoError("The specified customer group id does not exist.")
        if doc.get("group_id") in (None, ""):
            doc["group_id"] = self.groups.default_group_id()  # customer/create_account/default_group
        # ResourceModel\Customer::_beforeSave: email, uniqueness per website, then the EAV validator
        # (messages joined with newlines, rendered, no parameters: Framework/Validator/Exception).
        email = doc.get("email")
        if previous is not None and "email" not in sent:
            email = None
        if not email:
            raise MagentoError("The customer email is missing. Enter and try again.")
        website_id = int(doc.get("website_id") or (previous or {}).get("website_id") or 1)
        if website_id != int(store_by_id(self.stores, doc["store_id"])["website_id"]):
            raise MagentoError("The store view is not in the associated website.")
        clash = self.db.one("SELECT entity_id FROM customer_entity WHERE email=? AND website_id=? AND entity_id<>?",
                            (str(email), website_id, int((previous or {}).get("id") or 0)))
        if clash is not None:
            raise MagentoError("A customer with the same email address already exists in an associated website.")
        problems = []
        for key, label in (("firstname", "First Name"), ("lastname", "Last Name")):
            if key not in sent or not str(sent.get(key) or "").strip() and sent.get(key) != "0":
                problems.append(f'"{label}" is a required value.')
        if not EMAIL.match(str(email)):
            problems.append('"Email" is not a valid email address.')
        if problems:
            raise WebapiError("\n".join(problems))
        addresses_sent = sent.get("addresses")
        if addresses_sent is not None and not isinstance(addresses_sent, list):
            addresses_sent = None
        if addresses_sent is not None:
            for address in addresses_sent:
                validate_address(address if isinstance(address, dict) else {})
        now = self.clock.stamp()
        with self.db.write() as conn:
            # Checked again inside the transaction: a concurrent create of the same email loses here.
            if self.db.one("SELECT 1 FROM customer_entity WHERE email=? AND website_id=? AND entity_id<>?",
                           (str(email), website_id, int((previous or {}).get("id") or 0))) is not None:
                raise MagentoError("A customer with the same email address already exists in an associated "
                                   "website.")
            customer_id = int(previous["id"]) if previous else self.db.next_id("customer")
            doc["id"] = customer_id
            doc["email"] = str(email)
            doc["website_id"] = website_id
            doc["store_id"] = int(doc["store_id"])
            doc["group_id"] = int(doc["group_id"])
            doc["created_at"] = previous["created_at"] if previous else now
            doc["updated_at"] = now
            if created_in is not None:
                doc["created_in"] = created_in
            if addresses_sent is None:
                # CustomerRepository::save keeps the previous defaults when no addresses are sent.
                for key in ("default_billing", "default_shipping"):
                    doc.pop(key, None)
                    if previous is not None and previous.get(key) is not None:
                        doc[key] = previous[key]
                addresses = list((previous or {}).get("addresses", []))
            else:
                # What is sent replaces: addresses not in the list are deleted (deleteAddressesByIds);
                # the defaults follow the flags of the addresses sent.
                doc.pop("default_billing", None)
                doc.pop("default_shipping", None)
                known = {int(a["id"]) for a in (previous or {}).get("addresses", [])}
                addresses = []
                for address in addresses_sent:
                    address = {k: v for k, v in address.items() if k in ADDRESS_FIELDS}
                    if is_row_id(address.get("id")) and int(address["id"]) in known:
                        address_id = int(address["id"])
                    else:
                        address_id = self.db.next_id("customer_address")
                    address["id"] = address_id
                    address["customer_id"] = customer_id
                    addresses.append(address_doc(address))
                    if address.get("default_billing"):
                        doc["default_billing"] = str(address_id)
                    if address.get("default_shipping"):
                        doc["default_shipping"] = str(address_id)
            doc["addresses"] = [flag_defaults(a, doc) for a in addresses]
            ordered = _ordered(doc)
            values = (website_id, ordered["store_id"], ordered["email"], ordered["firstname"], ordered["lastname"],
                      ordered["group_id"], ordered["created_at"], now, json.dumps(ordered))
            if previous is None:
                conn.execute(
                    "INSERT INTO customer_entity(website_id, store_id, email, firstname, lastname, group_id,"
                    " created_at, updated_at, doc, password_hash, entity_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    values + (password_hash, customer_id))
            else:
                conn.execute(
                    "UPDATE customer_entity SET website_id=?, store_id=?, email=?, firstname=?, lastname=?,"
                    " group_id=?, created_at=?, updated_at=?, doc=? WHERE entity_id=?", values + (customer_id,))
        return ordered

    def write_doc(self, customer: dict[str, Any], **columns: Any) -> dict[str, Any]:
        """Store a changed document (and secure columns such as password_hash); updated_at moves."""
        doc = _ordered({**customer, "updated_at": self.clock.stamp()})
        sets = "".join(f", {name}=?" for name in columns)
        with self.db.write() as conn:
            conn.execute(f"UPDATE customer_entity SET doc=?, updated_at=?{sets} WHERE entity_id=?",
                         (json.dumps(doc), doc["updated_at"], *columns.values(), doc["id"]))
        return doc


def _ordered(doc: dict[str, Any]) -> dict[str, Any]:
    doc = dict(doc)
    doc.setdefault("disable_auto_group_change", 0)
    doc.setdefault("extension_attributes", {"is_subscribed": False})
    doc.setdefault("addresses", [])
    for key in ("default_billing", "default_shipping"):
        if doc.get(key) in (None, ""):
            doc.pop(key, None)
    return {k: doc[k] for k in _ORDER if k in doc and doc[k] is not None}
