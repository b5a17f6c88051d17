"""Order addresses (Sales/Model/Order/AddressRepository::save, PUT /V1/orders/:parent_id).

The path's ``parent_id`` is not a parameter of the service method: only the body's ``entity`` is
saved (Webapi Rest\\Request::getRequestData merges path values at the top level, where no argument
takes them). The answer is the saved address entity, not the order (OrderAddressRepositoryInterface
::save returns OrderAddressInterface). Every failure, the validator's included, is wrapped by the
repository as CouldNotSaveException "The order address couldn't be saved.". The order row is not
written, so the order's updated_at does not move (sales_order_address has no such column).
"""
from __future__ import annotations

import json
import re
from typing import Any

from fake_magento.backend.contract import getters, non_nullable
from fake_magento.backend.directory import order_region_code
from fake_magento.backend.sales.common import could_not_save
from fake_magento.storage import Database

# what OrderAddressInterface has getters for (the contract's sales-data-order-address-interface)
ADDRESS_KEYS = tuple(sorted(getters("sales-data-order-address-interface") - {"extension_attributes"}))
OUTPUT_REQUIRED = non_nullable("sales-data-order-address-interface")
# Order/Address/Validator::$required, plus telephone (customer/address/telephone_show = req by default);
# the check is hasData(), so a key sent as null passes
VALIDATOR_REQUIRED = ("parent_id", "postcode", "lastname", "street", "city", "email", "country_id", "firstname",
                      "address_type", "telephone")
# PHP's FILTER_VALIDATE_EMAIL, close enough for the emulator
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
EXTRA_ADDRESSES = "_extra_addresses"
FAILED = "The order address couldn't be saved."


def street_lines(value: list[str] | None) -> list[str]:
    """Order/Address::setData implodes a street array with PHP_EOL and trims it; getStreet explodes it.
    (The lines come typed from ServiceInputProcessor: street is string[].)"""
    return "\n".join(line or "" for line in value or []).strip().split("\n")


class OrderAddressRepository:
    """Order/AddressRepository: the save of one order address."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _locate(self, address_id: int) -> tuple[int, str] | None:
        """(order id, slot) of a stored address: the billing one, the shipping one, or an extra row."""
        row = self.db.one(
            "SELECT entity_id, 'billing' FROM sales_order WHERE json_extract(doc, '$.billing_address.entity_id')=?"
            " UNION ALL SELECT entity_id, 'shipping' FROM sales_order WHERE json_extract(doc,"
            " '$.extension_attributes.shipping_assignments[0].shipping.address.entity_id')=?"
            " UNION ALL SELECT o.entity_id, 'extra' FROM sales_order o, json_each(o.doc, '$._extra_addresses') e"
            " WHERE json_extract(e.value, '$.entity_id')=? LIMIT 1", (address_id, address_id, address_id))
        return None if row is None else (int(row[0]), str(row[1]))

    def save(self, address: dict[str, Any]) -> dict[str, Any]:
        """``address``: the entity's fields as ServiceInputProcessor converts them (street as ``street_lines``).

        Its ``parent_id`` is the path's (ParamsOverrider, http/input_params.py) unless the URL had a
        query, whose last key is written instead."""
        address = dict(address)
        # Order/Address::getOrder() loads the order by parent_id; ResourceModel/Order/Address::_beforeSave
        # then sets parent_id from it, so a missing parent_id "has data" (null) for the validator
        address.setdefault("parent_id", None)
        with self.db.write() as conn:
            parent_id = address["parent_id"]
            order_row = self.db.one("SELECT doc FROM sales_order WHERE entity_id=?", (parent_id,)) if parent_id else None
            if address.get("email") is None:
                # Order/Address::beforeSave: a null email is the order's customer email (measured on
                # 2.4.7-p3: an address sent without one answers and stores the order's)
                address["email"] = json.loads(order_row[0]).get("customer_email") if order_row else None
            if any(k not in address for k in VALIDATOR_REQUIRED) \
                    or not _EMAIL.match(str(address.get("email") or "")) \
                    or address.get("address_type") not in ("billing", "shipping"):
                raise could_not_save(FAILED)  # Order/Address/Validator, wrapped by AddressRepository::save
            where = self._locate(address["entity_id"]) if address.get("entity_id") else None
            if address.get("entity_id") and where is None:
                # the UPDATE matches no row: nothing is written, the entity is answered as sent
                return self._output(address, None)
            if where is not None and parent_id is None:
                # an UPDATE without a parent leaves the stored one (sales_order_address.parent_id is
                # not written as NULL; measured on 2.4.7-p3 through PUT /V1/orders/174?foo=bar)
                parent_id = where[0]
                order_row = self.db.one("SELECT doc FROM sales_order WHERE entity_id=?", (parent_id,))
            if order_row is None:
                # sales_order_address.parent_id references sales_order (emulator: a null parent is refused too)
                raise could_not_save(FAILED)
            doc = dict(json.loads(order_row[0]))
            if where is not None:
                if where[0] != parent_id:
                    raise could_not_save(FAILED)  # emulator: an address does not move between orders
                stored = self._slot(doc, where[1], address["entity_id"])
                previous: dict[str, Any] | None = dict(stored)
                stored.update({k: v for k, v in address.items() if k != "parent_id" or v is not None})
                stored["region_code"] = order_region_code(stored)  # Magento's getter computes it, never stored as sent
                for key in [k for k, v in stored.items() if v is None]:
                    del stored[key]
            else:
                address["entity_id"] = self.db.next_id("order_address")
                previous = {}
                doc[EXTRA_ADDRESSES] = list(doc.get(EXTRA_ADDRESSES) or []) + [
                    {k: v for k, v in address.items() if v is not None}]
            conn.execute("UPDATE sales_order SET doc=? WHERE entity_id=?", (json.dumps(doc), parent_id))
        return self._output(address, previous)

    @staticmethod
    def _slot(doc: dict[str, Any], slot: str, address_id: int) -> dict[str, Any]:
        if slot == "billing":
            return doc["billing_address"]  # type: ignore[no-any-return]
        if slot == "shipping":
            return doc["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]  # type: ignore[no-any-return]
        return next(a for a in doc[EXTRA_ADDRESSES] if a.get("entity_id") == address_id)

    @staticmethod
    def _output(address: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
        """The saved entity through OrderAddressInterface's getters: nulls of nullable getters left
        out, street always a list, region_code computed as Order/Address::getRegionCode does (the
        directory region of region_id when its country matches, else the region text)."""
        out: dict[str, Any] = {}
        for key in ADDRESS_KEYS:
            if key == "street":
                value: Any = address.get("street") or [""]
            elif key == "region_code":
                value = order_region_code(address)
            else:
                value = address.get(key)
            if value is None and key not in OUTPUT_REQUIRED:
                continue
            out[key] = value
        return out
