"""Customers: accounts per website, addresses, sign-in (Customer/Model/AccountManagement)."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from fake_magento.backend.auth import SIGN_IN_FAILED, check_password, hash_password
from fake_magento.backend.directory import customer_region
from fake_magento.errors import AuthenticationError, InputError, MagentoError, NoSuchEntityError, WebapiError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result

if TYPE_CHECKING:
    from fake_magento.backend import SeedState
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.customers.metadata import AttributeMetadata
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


def _php_value(value: Any) -> Any:
    """Ids reach the registries already cast to int, so the error parameter is a JSON number."""
    try:
        return int(str(value))
    except ValueError:
        return str(value)


def no_such_customer(customer_id: Any) -> NoSuchEntityError:
    # NoSuchEntityException::singleField('customerId', ...) from CustomerRegistry::retrieve
    return NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                             {"fieldName": "customerId", "fieldValue": _php_value(customer_id)})


class CustomerService:
    def __init__(self, db: Database, clock: Clock, config: Config, *, stores: StoreRepository,
                 seeding: SeedState) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.stores = stores
        self.seeding = seeding
        from fake_magento.backend.customers.account import AccountManagement
        from fake_magento.backend.customers.metadata import AttributeMetadata

        self.account = AccountManagement(self)
        self._metadata = {entity_type: AttributeMetadata(db, stores, entity_type)
                          for entity_type in ("customer", "customer_address")}

    def metadata(self, entity_type: str) -> AttributeMetadata:
        """CustomerMetadataInterface (``customer``) or AddressMetadataInterface (``customer_address``)."""
        return self._metadata[entity_type]

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
    def create(self, customer: dict[str, Any], password: str | None, store_id: int, *,
               may_set_group: bool = True) -> dict[str, Any]:
        """AccountManagement::createAccount: password rules, then CustomerRepository::save."""
        customer = dict(customer)  # converted at the edge (ServiceInputProcessor) or by the seeder
        if not may_set_group:  # createAccount drops group_id unless Magento_Customer::manage
            customer.pop("group_id", None)
        if password is not None:
            check_password_strength(str(password))
            if str(customer.get("email") or "").lower() == str(password).lower():
                # CredentialsValidator::checkPasswordDifferentFromEmail
                raise MagentoError("The password can't be the same as the email address. "
                                   "Create a new password and try again.")
        if customer.get("store_id") in (None, "", 0, "0"):
            if customer.get("website_id") not in (None, "", 0, "0"):
                store_id = self._website_default_store(customer["website_id"])
            customer["store_id"] = store_id
        store = self._store(customer["store_id"])
        if customer.get("website_id") in (None, "", 0, "0"):
            customer["website_id"] = store["website_id"]
        if int(customer["website_id"]) != int(store["website_id"]):
            # AccountManagement::validateCustomerStoreIdByWebsiteId
            raise MagentoError("The store view is not in the associated website.")
        customer.pop("id", None)
        return self._save(None, customer, password_hash=hash_password(password) if password else None,
                          created_in=store["name"])

    def update(self, customer_id: int | None, customer: dict[str, Any]) -> dict[str, Any]:
        """CustomerRepository::save for an existing id (the path id wins)."""
        previous = self.get(customer_id)
        return self._save(previous, dict(customer), password_hash=None, created_in=None)

    def delete(self, customer_id: int) -> bool:
        previous = self.get(customer_id)
        with self.db.write() as conn:
            conn.execute("DELETE FROM customer_entity WHERE entity_id=?", (previous["id"],))
        return True

    def _store(self, store_id: Any) -> dict[str, Any]:
        stores = {s["store_id"]: s for s in self.stores.stores()}
        if not _is_int(store_id) or int(store_id) not in stores:  # StoreRepository::getById
            raise NoSuchEntityError("The store that was requested wasn't found. Verify the store and try again.")
        return stores[int(store_id)]

    def _website_default_store(self, website_id: Any) -> int:
        websites = {w["website_id"]: w for w in self.stores.websites()}
        if not _is_int(website_id) or int(website_id) not in websites:  # WebsiteRepository::getById
            raise NoSuchEntityError("The website with id %1 that was requested wasn't found. Verify the website "
                                    "and try again.", [str(website_id)])
        group_id = websites[int(website_id)]["default_group_id"]
        return int(next(g for g in self.stores.groups() if g["group_id"] == group_id)["default_store_id"])

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
        if sent.get("group_id") not in (None, "", 0, "0"):
            if not _is_int(sent["group_id"]) or self.db.one(
                    "SELECT 1 FROM customer_group WHERE group_id=?", (int(sent["group_id"]),)) is None:
                raise MagentoError("The specified customer group id does not exist.")
        if doc.get("group_id") in (None, ""):
            doc["group_id"] = self.default_group_id()  # customer/create_account/default_group
        # ResourceModel\Customer::_beforeSave: email, uniqueness per website, then the EAV validator
        # (messages joined with newlines, rendered, no parameters: Framework/Validator/Exception).
        email = doc.get("email")
        if previous is not None and "email" not in sent:
            email = None
        if not email:
            raise MagentoError("The customer email is missing. Enter and try again.")
        website_id = int(doc.get("website_id") or (previous or {}).get("website_id") or 1)
        if website_id != int(self._store(doc["store_id"])["website_id"]):
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
                    address = {k: v for k, v in address.items() if k in _ADDRESS_FIELDS}
                    if _is_int(address.get("id")) and int(address["id"]) in known:
                        address_id = int(address["id"])
                    else:
                        address_id = self.db.next_id("customer_address")
                    address["id"] = address_id
                    address["customer_id"] = customer_id
                    addresses.append(_address_doc(address))
                    if address.get("default_billing"):
                        doc["default_billing"] = str(address_id)
                    if address.get("default_shipping"):
                        doc["default_shipping"] = str(address_id)
            doc["addresses"] = [_flag_defaults(a, doc) for a in addresses]
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

    # -- addresses ---------------------------------------------------------------------------
    def _address_owner(self, address_id: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        if _is_int(address_id):
            row = self.db.one(
                "SELECT c.doc FROM customer_entity c, json_each(c.doc, '$.addresses') a"
                " WHERE json_extract(a.value, '$.id') = ?", (int(address_id),))
            if row is not None:
                customer = json.loads(row["doc"])
                for address in customer["addresses"]:
                    if int(address["id"]) == int(address_id):
                        return customer, address
        # AddressRegistry::retrieve
        raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                {"fieldName": "addressId", "fieldValue": _php_value(address_id)})

    def get_address(self, address_id: int) -> dict[str, Any]:
        return self._address_owner(address_id)[1]

    def delete_address(self, address_id: int) -> bool:
        customer, address = self._address_owner(address_id)
        # Address\DeleteRelation clears the customer's defaults that pointed to it.
        customer["addresses"] = [a for a in customer["addresses"] if a["id"] != address["id"]]
        for key in ("default_billing", "default_shipping"):
            if str(customer.get(key)) == str(address["id"]):
                customer.pop(key)
        self.write_doc(customer)
        return True

    def write_doc(self, customer: dict[str, Any], **columns: Any) -> dict[str, Any]:
        """Store a changed document (and secure columns such as password_hash); updated_at moves."""
        doc = _ordered({**customer, "updated_at": self.clock.stamp()})
        sets = "".join(f", {name}=?" for name in columns)
        with self.db.write() as conn:
            conn.execute(f"UPDATE customer_entity SET doc=?, updated_at=?{sets} WHERE entity_id=?",
                         (json.dumps(doc), doc["updated_at"], *columns.values(), doc["id"]))
        return doc

    def default_address(self, customer_id: int | None, kind: str) -> dict[str, Any] | None:
        """AccountManagement::getDefaultBillingAddress/getDefaultShippingAddress: null when none."""
        customer = self.get(customer_id)
        wanted = customer.get(f"default_{kind}")
        for address in customer.get("addresses", []):
            if wanted is not None and str(address["id"]) == str(wanted):
                return address
        return None

    # -- customer groups (ResourceModel/GroupRepository) -------------------------------------
    def get_group(self, group_id: int | str) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM customer_group WHERE group_id=?", (int(group_id),)) \
            if _is_int(group_id) else None
        if row is None:  # GroupRegistry::retrieve
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "id", "fieldValue": _php_value(group_id)})
        return {"id": row["group_id"], "code": row["code"], "tax_class_id": row["tax_class_id"],
                "tax_class_name": row["tax_class_name"]}

    def default_group_id(self) -> int:
        """customer/create_account/default_group (1 = General; CustomerGroupConfig writes the default scope)."""
        row = self.db.one("SELECT value FROM customer_config WHERE path='customer/create_account/default_group'")
        return 1 if row is None else int(row[0])

    def default_group(self, store_id: int | None = None) -> dict[str, Any]:
        """GroupManagement::getDefaultGroup: the store's configured group; an unknown store is a
        no-such-entity on storeId, an unknown configured group names both fields."""
        if store_id is not None and store_id not in {s["store_id"] for s in self.stores.stores()}:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "storeId", "fieldValue": store_id})
        group_id = self.default_group_id()
        try:
            return self.get_group(group_id)
        except NoSuchEntityError:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
                                    {"fieldName": "groupId", "fieldValue": group_id, "field2Name": "storeId",
                                     "field2Value": store_id}) from None

    def set_default_group(self, group_id: int) -> int:
        """CustomerGroupConfig::setDefaultCustomerGroup: the group must exist; answers the id."""
        self.get_group(group_id)
        with self.db.write() as conn:
            conn.execute("INSERT OR REPLACE INTO customer_config(path, value)"
                         " VALUES('customer/create_account/default_group', ?)", (str(group_id),))
        return group_id

    def get_group_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, GROUPS, criteria, config=self.config)
        return search_result([self.get_group(i) for i in ids], criteria, total)

    def save_group(self, group: dict[str, Any], group_id: str | None = None) -> dict[str, Any]:
        group = dict(group)
        code = group.get("code")
        if code is None or str(code).strip() == "" and not isinstance(code, (int, float)):
            raise InputError('"%fieldName" is required. Enter and try again.', {"fieldName": "code"})
        code = str(code)
        tax_class_id = group.get("tax_class_id")
        if group_id is not None:
            _verify_tax_class(tax_class_id)
            current = self.get_group(group_id)
        else:
            tax_class_id = tax_class_id or 3  # GroupRepository::DEFAULT_TAX_CLASS_ID
            _verify_tax_class(tax_class_id)
            current = None
        clash = self.db.one("SELECT group_id FROM customer_group WHERE code=? AND group_id<>?",
                            (code, current["id"] if current else -1))
        if clash is not None:  # AbstractDb::_checkUnique -> InvalidTransitionException
            raise MagentoError("Customer Group already exists.")
        with self.db.write() as conn:
            if current is None:
                new_id = self.db.one("SELECT COALESCE(MAX(group_id), 0) + 1 FROM customer_group")[0]
                conn.execute("INSERT INTO customer_group(group_id, code, tax_class_id) VALUES (?,?,?)",
                             (new_id, code, int(tax_class_id)))
            else:
                new_id = current["id"]
                conn.execute("UPDATE customer_group SET code=?, tax_class_id=? WHERE group_id=?",
                             (code, int(tax_class_id), new_id))
        return self.get_group(new_id)

    def delete_group(self, group_id: int) -> bool:
        group = self.get_group(group_id)
        default_id = self.default_group_id()
        if group["id"] <= 0 or group["id"] == default_id:  # NOT LOGGED IN, or the configured default group
            raise MagentoError("Cannot delete group.")
        with self.db.write() as conn:
            conn.execute("DELETE FROM customer_group WHERE group_id=?", (group["id"],))
            # Deleting a group moves its customers to the default group (Group::_afterDelete).
            now = self.clock.stamp()
            conn.execute("UPDATE customer_entity SET group_id=?, updated_at=?,"
                         " doc=json_set(doc, '$.group_id', ?, '$.updated_at', ?) WHERE group_id=?",
                         (default_id, now, default_id, now, group["id"]))
        return True


GROUPS = EntitySearch(table="customer_group", id_column="group_id", unknown_field="flat", fields={
    "id": Field("group_id", "int"), "customer_group_id": Field("group_id", "int"),
    "code": Field("code"), "customer_group_code": Field("code"),
    "tax_class_id": Field("tax_class_id", "int"), "tax_class_name": Field("tax_class_name")})

MIN_PASSWORD_LENGTH = 8      # customer/password/minimum_password_length
REQUIRED_CLASSES = 3         # customer/password/required_character_classes_number
MAX_PASSWORD_LENGTH = 256    # AccountManagement::MAX_PASSWORD_LENGTH
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_CUSTOMER_FIELDS = ("group_id", "default_billing", "default_shipping", "confirmation", "dob", "email",
                    "firstname", "lastname", "middlename", "prefix", "suffix", "gender", "store_id", "taxvat",
                    "website_id", "disable_auto_group_change", "extension_attributes", "custom_attributes")
_ORDER = ("id", "group_id", "default_billing", "default_shipping", "confirmation", "created_at", "updated_at",
          "created_in", "dob", "email", "firstname", "lastname", "middlename", "prefix", "suffix", "gender",
          "store_id", "taxvat", "website_id", "addresses", "disable_auto_group_change", "extension_attributes",
          "custom_attributes")
_ADDRESS_FIELDS = ("id", "customer_id", "region", "region_id", "country_id", "street", "company", "telephone",
                   "fax", "postcode", "city", "firstname", "lastname", "middlename", "prefix", "suffix", "vat_id",
                   "default_shipping", "default_billing", "extension_attributes", "custom_attributes")


def _is_int(value: Any) -> bool:
    """An id that can name a row (PHP saturates bigger ones at PHP_INT_MAX: nothing is found)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return False
    if isinstance(value, str) and not re.fullmatch(r"\s*-?[0-9]+\s*", value):
        return False
    return abs(int(value)) < 2**63 - 1


def _verify_tax_class(tax_class_id: Any) -> None:
    # GroupRepository::_verifyTaxClassModel: the class must exist and be a customer class (3 = Retail Customer).
    if not _is_int(tax_class_id) or int(tax_class_id) != 3:
        raise InputError("Invalid value of \"%value\" provided for the %fieldName field.",
                         {"fieldName": "taxClassId", "value": None if tax_class_id is None else str(tax_class_id)})


def check_password_strength(password: str) -> None:
    """AccountManagement::checkPasswordStrength."""
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InputError("Please enter a password with at most %1 characters.", [MAX_PASSWORD_LENGTH])
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError("The password needs at least %1 characters. Create a new password and try again.",
                         [MIN_PASSWORD_LENGTH])
    if password.strip() != password:
        raise InputError("The password can't begin or end with a space. Verify the password and try again.")
    classes = sum(bool(re.search(p, password)) for p in (r"[0-9]", r"[A-Z]", r"[a-z]", r"[^a-zA-Z0-9]"))
    if classes < REQUIRED_CLASSES:
        raise InputError("Minimum of different classes of characters in password is %1. Classes of characters: "
                         "Lower Case, Upper Case, Digits, Special Characters.", [REQUIRED_CLASSES])


def validate_address(address: dict[str, Any]) -> None:
    """Customer/Model/Address/Validator/General then Validator/Country (all errors aggregated)."""
    error = InputError()

    def missing(value: Any) -> bool:
        return value is None or value == "" or (isinstance(value, list) and not any(value))

    for key in ("firstname", "lastname", "street", "city", "telephone"):  # telephone: required by default config
        if missing(address.get(key)):
            error.add('"%fieldName" is required. Enter and try again.', {"fieldName": key})
    # general/country/optional_zip_countries (Directory/etc/config.xml)
    if address.get("country_id") not in OPTIONAL_ZIP_COUNTRIES and missing(address.get("postcode")):
        error.add('"%fieldName" is required. Enter and try again.', {"fieldName": "postcode"})
    if missing(address.get("country_id")):
        error.add('"%fieldName" is required. Enter and try again.', {"fieldName": "countryId"})
    if error:
        raise error


OPTIONAL_ZIP_COUNTRIES = ("HK", "IE", "MO", "PA", "GB")


def _address_doc(address: dict[str, Any]) -> dict[str, Any]:
    out = {k: address[k] for k in _ADDRESS_FIELDS if k in address and k not in ("default_billing", "default_shipping")}
    if isinstance(out.get("street"), str):
        out["street"] = [out["street"]]
    # Address::updateData copies the region object's fields, then a top-level region_id wins; the data
    # model always carries a region object (AbstractAddress::getDataModel), {null, null, 0} when none was
    # given (recordings: test_import_partner_company_2_addresses.yaml), and region_id 0 beside it.
    region = dict(out.get("region") or {})
    region_id = out.get("region_id") if out.get("region_id") is not None else region.get("region_id")
    out["region"] = customer_region(out.get("country_id"), region_id, region)  # the directory's name and code
    out["region_id"] = int(region_id or 0)
    return {k: out[k] for k in _ADDRESS_FIELDS if k in out}


def _flag_defaults(address: dict[str, Any], customer: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in address.items() if k not in ("default_billing", "default_shipping")}
    if str(customer.get("default_shipping")) == str(out["id"]):
        out["default_shipping"] = True
    if str(customer.get("default_billing")) == str(out["id"]):
        out["default_billing"] = True
    return out


def _ordered(doc: dict[str, Any]) -> dict[str, Any]:
    doc = dict(doc)
    doc.setdefault("disable_auto_group_change", 0)
    doc.setdefault("extension_attributes", {"is_subscribed": False})
    doc.setdefault("addresses", [])
    for key in ("default_billing", "default_shipping"):
        if doc.get(key) in (None, ""):
            doc.pop(key, None)
    return {k: doc[k] for k in _ORDER if k in doc and doc[k] is not None}
