"""Customer addresses: Customer/Model/ResourceModel/AddressRepository (getById, deleteById), the
address validators, and the address document as the customer holds it."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fake_magento.backend.customers.lookups import is_row_id, php_value
from fake_magento.backend.directory import customer_region
from fake_magento.errors import InputError, NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.customers.repository import CustomerRepository
    from fake_magento.storage import Database

ADDRESS_FIELDS = ("id", "customer_id", "region", "region_id", "country_id", "street", "company", "telephone",
                  "fax", "postcode", "city", "firstname", "lastname", "middlename", "prefix", "suffix", "vat_id",
                  "default_shipping", "default_billing", "extension_attributes", "custom_attributes")
OPTIONAL_ZIP_COUNTRIES = ("HK", "IE", "MO", "PA", "GB")  # general/country/optional_zip_countries


class AddressRepository:
    """Addresses live in their customer's document; a change is a save of that document."""

    def __init__(self, db: Database, *, customers: CustomerRepository) -> None:
        self.db = db
        self.customers = customers

    def _owner(self, address_id: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        if is_row_id(address_id):
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
                                {"fieldName": "addressId", "fieldValue": php_value(address_id)})

    def get(self, address_id: int) -> dict[str, Any]:
        return self._owner(address_id)[1]

    def delete_by_id(self, address_id: int) -> bool:
        customer, address = self._owner(address_id)
        # Address\DeleteRelation clears the customer's defaults that pointed to it.
        customer["addresses"] = [a for a in customer["addresses"] if a["id"] != address["id"]]
        for key in ("default_billing", "default_shipping"):
            if str(customer.get(key)) == str(address["id"]):
                customer.pop(key)
        self.customers.write_doc(customer)
        return True


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


def address_doc(address: dict[str, Any]) -> dict[str, Any]:
    """A sent address as the customer document stores it (defaults are the customer's, not here)."""
    out = {k: address[k] for k in ADDRESS_FIELDS if k in address and k not in ("default_billing", "default_shipping")}
    if isinstance(out.get("street"), str):
        out["street"] = [out["street"]]
    # Address::updateData copies the region object's fields, then a top-level region_id wins; the data
    # model always carries a region object (AbstractAddress::getDataModel), {null, null, 0} when none was
    # given. region_id beside it is (int) of what was sent, 0 included, and absent (a NULL column) when
    # neither a region nor a region_id was sent (measured on 2.4.7-p3; the 2.3 recordings, e.g.
    # test_import_partner_company_2_addresses.yaml, show 0 there).
    sent_region = out.get("region") is not None or out.get("region_id") is not None
    region = dict(out.get("region") or {})
    region_id = out.get("region_id") if out.get("region_id") is not None else region.get("region_id")
    out["region"] = customer_region(out.get("country_id"), region_id, region)  # the directory's name and code
    if sent_region:
        out["region_id"] = int(region_id or 0)
    else:
        out.pop("region_id", None)
    return {k: out[k] for k in ADDRESS_FIELDS if k in out}


def flag_defaults(address: dict[str, Any], customer: dict[str, Any]) -> dict[str, Any]:
    """The address as the customer answers it: default_shipping/default_billing true where it is one."""
    out = {k: v for k, v in address.items() if k not in ("default_billing", "default_shipping")}
    if str(customer.get("default_shipping")) == str(out["id"]):
        out["default_shipping"] = True
    if str(customer.get("default_billing")) == str(out["id"]):
        out["default_billing"] = True
    return out
