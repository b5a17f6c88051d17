"""Customer groups: Customer/Model/ResourceModel/GroupRepository (get, getList, save, deleteById) and
GroupManagement with CustomerGroupConfig (the default group, per store and configured)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.customers.lookups import is_row_id, php_value
from fake_magento.errors import InputError, MagentoError, NoSuchEntityError
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.stores import StoreRepository
    from fake_magento.config import Config
    from fake_magento.storage import Database

GROUPS = EntitySearch(table="customer_group", id_column="group_id", unknown_field="flat", fields={
    "id": Field("group_id", "int"), "customer_group_id": Field("group_id", "int"),
    "code": Field("code"), "customer_group_code": Field("code"),
    "tax_class_id": Field("tax_class_id", "int"), "tax_class_name": Field("tax_class_name")})
DEFAULT_GROUP_PATH = "customer/create_account/default_group"


class GroupRepository:
    def __init__(self, db: Database, clock: Clock, config: Config) -> None:
        self.db = db
        self.clock = clock
        self.config = config

    def exists(self, group_id: Any) -> bool:
        return is_row_id(group_id) and self.db.one(
            "SELECT 1 FROM customer_group WHERE group_id=?", (int(group_id),)) is not None

    def get(self, group_id: int | str) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM customer_group WHERE group_id=?", (int(group_id),)) \
            if is_row_id(group_id) else None
        if row is None:  # GroupRegistry::retrieve
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "id", "fieldValue": php_value(group_id)})
        return {"id": row["group_id"], "code": row["code"], "tax_class_id": row["tax_class_id"],
                "tax_class_name": row["tax_class_name"]}

    def default_group_id(self) -> int:
        """customer/create_account/default_group (1 = General; CustomerGroupConfig writes the default scope)."""
        row = self.db.one("SELECT value FROM customer_config WHERE path=?", (DEFAULT_GROUP_PATH,))
        return 1 if row is None else int(row[0])

    def get_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, GROUPS, criteria, config=self.config)
        return search_result([self.get(i) for i in ids], criteria, total)

    def save(self, group: dict[str, Any], group_id: str | None = None) -> dict[str, Any]:
        group = dict(group)
        code = group.get("code")
        if code is None or str(code).strip() == "" and not isinstance(code, (int, float)):
            raise InputError('"%fieldName" is required. Enter and try again.', {"fieldName": "code"})
        code = str(code)
        tax_class_id = group.get("tax_class_id")
        if group_id is not None:
            _verify_tax_class(tax_class_id)
            current = self.get(group_id)
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
        return self.get(new_id)

    def delete_by_id(self, group_id: int) -> bool:
        group = self.get(group_id)
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


class GroupManagement:
    """GroupManagement::getDefaultGroup and CustomerGroupConfig::setDefaultCustomerGroup."""

    def __init__(self, db: Database, *, groups: GroupRepository, stores: StoreRepository) -> None:
        self.db = db
        self.groups = groups
        self.stores = stores

    def default_group(self, store_id: int | None = None) -> dict[str, Any]:
        """The store's configured group; an unknown store is a no-such-entity on storeId, an unknown
        configured group names both fields."""
        if store_id is not None and store_id not in {s["store_id"] for s in self.stores.stores()}:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue",
                                    {"fieldName": "storeId", "fieldValue": store_id})
        group_id = self.groups.default_group_id()
        try:
            return self.groups.get(group_id)
        except NoSuchEntityError:
            raise NoSuchEntityError("No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
                                    {"fieldName": "groupId", "fieldValue": group_id, "field2Name": "storeId",
                                     "field2Value": store_id}) from None

    def set_default_group(self, group_id: int) -> int:
        """The group must exist; answers the id."""
        self.groups.get(group_id)
        with self.db.write() as conn:
            conn.execute("INSERT OR REPLACE INTO customer_config(path, value) VALUES(?, ?)",
                         (DEFAULT_GROUP_PATH, str(group_id)))
        return group_id


def _verify_tax_class(tax_class_id: Any) -> None:
    # GroupRepository::_verifyTaxClassModel: the class must exist and be a customer class (3 = Retail Customer).
    if not is_row_id(tax_class_id) or int(tax_class_id) != 3:
        raise InputError("Invalid value of \"%value\" provided for the %fieldName field.",
                         {"fieldName": "taxClassId", "value": None if tax_class_id is None else str(tax_class_id)})
