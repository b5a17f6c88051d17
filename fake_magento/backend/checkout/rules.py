"""Cart price rules and coupons (SalesRule/Model/RuleRepository, CouponRepository,
Service/CouponManagementService) and the rule lookups the discount collector uses.

A rule is stored as the REST data model (SalesRule/Api/Data/RuleInterface, coupon_type as
``NO_COUPON``/``SPECIFIC_COUPON``/``AUTO``, as Converter/ToDataModel writes it). Coupons keep their
own usage counters; per-customer usage lives in ``salesrule_customer``. Conditions: rule_conditions.py.
"""
from __future__ import annotations

import json
import random
import string
from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.rule_conditions import COMBINE, PRODUCT_COMBINE, stored_condition
from fake_magento.errors import InputError, MagentoError, NoSuchEntityError, required_field
from fake_magento.search import EntitySearch, Field, SearchCriteria, run_search, search_result
from fake_magento.types import int_value

if TYPE_CHECKING:
    from fake_magento.backend import SeedState
    from fake_magento.backend.clock import Clock
    from fake_magento.config import Config
    from fake_magento.storage import Database

_DOC = "json_extract(doc, '$.{}')"
RULES = EntitySearch("salesrule", "rule_id", unknown_field="flat", fields={
    "rule_id": Field("rule_id", "int"), "name": Field("name"), "is_active": Field(_DOC.format("is_active"), "int"),
    "sort_order": Field(_DOC.format("sort_order"), "int"), "coupon_type": Field(_DOC.format("coupon_type")),
    "from_date": Field(_DOC.format("from_date"), "day"), "to_date": Field(_DOC.format("to_date"), "day"),
    "simple_action": Field(_DOC.format("simple_action")), "discount_amount": Field(_DOC.format("discount_amount"), "float"),
    "times_used": Field(_DOC.format("times_used"), "int"), "uses_per_customer": Field(_DOC.format("uses_per_customer"), "int"),
    "uses_per_coupon": Field(_DOC.format("uses_per_coupon"), "int"), "description": Field(_DOC.format("description")),
    "stop_rules_processing": Field(_DOC.format("stop_rules_processing"), "int"),
    "apply_to_shipping": Field(_DOC.format("apply_to_shipping"), "int"),
    "use_auto_generation": Field(_DOC.format("use_auto_generation"), "int"),
})
COUPONS = EntitySearch("salesrule_coupon", "coupon_id", unknown_field="flat", fields={
    "coupon_id": Field("coupon_id", "int"), "rule_id": Field("rule_id", "int"), "code": Field("code"),
    "usage_limit": Field("usage_limit", "int"), "usage_per_customer": Field("usage_per_customer", "int"),
    "times_used": Field("times_used", "int"), "expiration_date": Field("expiration_date", "date"),
    "is_primary": Field("is_primary", "int"), "created_at": Field("created_at", "date"), "type": Field("type", "int"),
})
COUPON_TYPES = {"NO_COUPON": 1, "SPECIFIC_COUPON": 2, "AUTO": 3}
ACTIONS = ("by_percent", "by_fixed", "cart_fixed", "buy_x_get_y")
# SalesRule/Model/Coupon: TYPE_MANUAL 0, TYPE_GENERATED 1
TYPE_MANUAL, TYPE_GENERATED = 0, 1
BOOL_KEYS = ("is_active", "stop_rules_processing", "is_advanced", "apply_to_shipping", "is_rss",
             "use_auto_generation")
INT_KEYS = ("uses_per_customer", "sort_order", "discount_step", "times_used", "uses_per_coupon")
# RuleInterface getters declared non-nullable keep a null (DataObjectProcessor::buildOutputDataArray)
RULE_DEFAULTS: dict[str, Any] = {
    "store_labels": [], "website_ids": [], "customer_group_ids": [], "uses_per_customer": 0, "is_active": False,
    "stop_rules_processing": False, "is_advanced": True, "sort_order": 0, "simple_action": "by_percent",
    "discount_amount": 0, "discount_qty": 0, "discount_step": 0, "apply_to_shipping": False, "times_used": 0,
    "is_rss": True, "coupon_type": "NO_COUPON", "use_auto_generation": False, "uses_per_coupon": 0,
    "simple_free_shipping": "0",
}


def _labels(value: Any) -> list[dict[str, Any]]:
    labels = []
    for label in value if isinstance(value, list) else []:
        if isinstance(label, dict):
            labels.append({"store_id": int(label.get("store_id") or 0), "store_label": label.get("store_label")})
    return labels


class SalesRules:
    """RuleRepository, CouponRepository and CouponManagement for the checkout service."""

    def __init__(self, db: Database, clock: Clock, config: Config, *, seeding: SeedState) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.seeding = seeding

    # -- rules -------------------------------------------------------------------------------
    def _load(self, rule_id: Any) -> dict[str, Any]:
        try:
            key = int_value(rule_id)
        except MagentoError:
            raise NoSuchEntityError("No such entity.") from None
        row = self.db.one("SELECT doc FROM salesrule WHERE rule_id=?", (key,))
        if row is None:
            # RuleRepository::getById: new NoSuchEntityException() -> 'No such entity.'
            raise NoSuchEntityError("No such entity.")
        return dict(json.loads(row["doc"]))

    def get_rule(self, rule_id: Any) -> dict[str, Any]:
        return self._load(rule_id)

    def rule_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, RULES, criteria, config=self.config)
        return search_result([self._load(i) for i in ids], criteria, total)

    def all_rules(self) -> list[dict[str, Any]]:
        return [json.loads(r["doc"]) for r in self.db.query("SELECT doc FROM salesrule ORDER BY rule_id")]

    def save_rule(self, rule: Any, rule_id: Any = None) -> dict[str, Any]:
        """RuleRepository::save (Converter/ToModel: merge over the stored rule, validateData)."""
        if not isinstance(rule, dict):
            raise required_field("rule")
        data = dict(rule)
        if rule_id is not None:
            data["rule_id"] = rule_id
        existing: dict[str, Any] = {}
        if data.get("rule_id") not in (None, 0, "0", ""):
            existing = self._load(data["rule_id"])
        merged = {**RULE_DEFAULTS, **existing,
                  **{k: v for k, v in data.items() if v is not None and k != "rule_id"}}
        # the values come typed (ServiceInputProcessor, or the seeder's own); an unset getter reads 0/false
        for key in BOOL_KEYS:
            merged[key] = bool(merged.get(key))
        for key in INT_KEYS:
            merged[key] = int(merged.get(key) or 0)
        for key in ("discount_amount", "discount_qty"):
            number = float(merged.get(key) or 0)
            merged[key] = int(number) if number == int(number) else number
        merged["simple_free_shipping"] = str(merged.get("simple_free_shipping") or "0")
        for key in ("website_ids", "customer_group_ids", "product_ids"):
            values = merged.get(key)
            if values is not None or key != "product_ids":
                merged[key] = values or []
        if merged["coupon_type"] not in COUPON_TYPES:
            merged["coupon_type"] = "NO_COUPON"
        if merged["simple_action"] not in ACTIONS:
            merged["simple_action"] = "by_percent"
        merged["condition"] = stored_condition(merged.get("condition"), COMBINE)
        merged["action_condition"] = stored_condition(merged.get("action_condition"), PRODUCT_COMBINE)
        merged["store_labels"] = _labels(merged.get("store_labels"))
        merged["extension_attributes"] = {}
        # Rule/Model/AbstractModel::validateData: messages joined with '; ' (Converter/ToModel)
        errors = []
        if merged.get("from_date") and merged.get("to_date") and str(merged["from_date"]) > str(merged["to_date"]):
            errors.append("End Date must follow Start Date.")
        if "website_ids" in data and not merged["website_ids"]:
            errors.append("Please specify a website.")
        if "customer_group_ids" in data and not merged["customer_group_ids"]:
            errors.append("Please specify Customer Groups.")
        if errors:
            raise InputError("".join(f"{e}; " for e in errors))
        with self.db.write() as conn:
            key = int(existing["rule_id"]) if existing else self.db.next_id("salesrule")
            doc = {"rule_id": key, **{k: v for k, v in merged.items() if k != "rule_id"}}
            conn.execute("INSERT OR REPLACE INTO salesrule(rule_id, name, doc) VALUES (?,?,?)",
                         (key, doc.get("name"), json.dumps(doc)))
            # a rule that no longer takes coupons loses them (Rule::afterSave / coupon_type NO_COUPON)
            if doc["coupon_type"] == "NO_COUPON":
                conn.execute("DELETE FROM salesrule_coupon WHERE rule_id=?", (key,))
        return doc

    def delete_rule(self, rule_id: Any) -> bool:
        rule = self._load(rule_id)
        with self.db.write() as conn:
            conn.execute("DELETE FROM salesrule WHERE rule_id=?", (rule["rule_id"],))
            conn.execute("DELETE FROM salesrule_coupon WHERE rule_id=?", (rule["rule_id"],))
        return True

    # -- coupons -----------------------------------------------------------------------------
    @staticmethod
    def _coupon_out(row: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"coupon_id": row["coupon_id"], "rule_id": row["rule_id"], "code": row["code"],
                               "usage_limit": row["usage_limit"], "usage_per_customer": row["usage_per_customer"],
                               "times_used": row["times_used"], "expiration_date": row["expiration_date"],
                               "is_primary": bool(row["is_primary"]), "created_at": row["created_at"],
                               "type": row["type"]}
        # nullable getters are dropped when null (DataObjectProcessor)
        return {k: v for k, v in out.items() if v is not None or k in ("times_used", "is_primary", "rule_id")}

    def get_coupon(self, coupon_id: Any) -> dict[str, Any]:
        try:
            key = int_value(coupon_id)
        except MagentoError:
            raise NoSuchEntityError("No such entity.") from None
        row = self.db.one("SELECT * FROM salesrule_coupon WHERE coupon_id=?", (key,))
        if row is None:
            raise NoSuchEntityError("No such entity.")
        return self._coupon_out(row)

    def coupon_list(self, criteria: SearchCriteria) -> dict[str, Any]:
        ids, total = run_search(self.db, COUPONS, criteria, config=self.config)
        return search_result([self.get_coupon(i) for i in ids], criteria, total)

    def save_coupon(self, coupon: Any, coupon_id: Any = None) -> dict[str, Any]:
        """CouponRepository::save: rule checks wrapped in 'Error occurred when saving coupon: %1'."""
        if not isinstance(coupon, dict):
            raise required_field("coupon")
        data = dict(coupon)
        if coupon_id is not None:
            data["coupon_id"] = coupon_id
        existing: dict[str, Any] = {}
        if data.get("coupon_id") not in (None, 0, "0", ""):
            existing = self.get_coupon(data["coupon_id"])
        merged = {**existing, **{k: v for k, v in data.items() if v is not None}}
        coupon_type = int(merged.get("type", TYPE_MANUAL) or 0)
        rule_id = merged.get("rule_id")
        row = self.db.one("SELECT doc FROM salesrule WHERE rule_id=?", (int(rule_id or 0),))
        problem = None
        rule: dict[str, Any] = json.loads(row["doc"]) if row else {}
        if row is None:
            problem = f"No such entity with rule_id = {'' if rule_id is None else rule_id}"
        elif rule["coupon_type"] == "NO_COUPON":
            problem = "Specified rule does not allow coupons"
        elif rule["use_auto_generation"] and coupon_type == TYPE_MANUAL:
            problem = "Specified rule only allows auto generated coupons"
        elif not rule["use_auto_generation"] and coupon_type == TYPE_GENERATED:
            problem = "Specified rule does not allow auto generated coupons"
        if problem:
            raise MagentoError("Error occurred when saving coupon: %1", [problem])
        code = merged.get("code")
        now = self.clock.stamp()
        with self.db.write() as conn:
            clash = conn.execute("SELECT coupon_id FROM salesrule_coupon WHERE code=? AND coupon_id<>?",
                                 (code, existing.get("coupon_id", 0))).fetchone()
            if clash is not None:
                # AbstractDb::_checkUnique on the coupon code (ResourceModel/Coupon::_construct)
                raise MagentoError("%1 already exists.", ["Coupon with the same code"])
            key = int(existing["coupon_id"]) if existing else self.db.next_id("salesrule_coupon")
            values = (key, rule["rule_id"], code,
                      rule["uses_per_coupon"] or None, rule["uses_per_customer"] or None,
                      int(merged.get("times_used") or 0), merged.get("expiration_date"),
                      int(bool(merged.get("is_primary"))),
                      existing.get("created_at", now), coupon_type)
            conn.execute("INSERT OR REPLACE INTO salesrule_coupon(coupon_id, rule_id, code, usage_limit,"
                         " usage_per_customer, times_used, expiration_date, is_primary, created_at, type)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?)", values)
        return self.get_coupon(key)

    def delete_coupon(self, coupon_id: Any) -> bool:
        coupon = self.get_coupon(coupon_id)
        with self.db.write() as conn:
            conn.execute("DELETE FROM salesrule_coupon WHERE coupon_id=?", (coupon["coupon_id"],))
        return True

    def mass_delete(self, field: str, values: list[Any] | None,
                    ignore_invalid: bool | None = True) -> dict[str, list[str]]:
        """CouponManagementService::deleteByCodes/deleteByIds (massDelete).

        The coupons are found with an ``in`` filter (codes compare case-insensitively, as the
        column's collation does) but crossed off the request by exact value, so a code sent in
        another case is deleted *and* listed as missing. With ignoreInvalidCoupons false the number
        of coupons found must equal the number of values sent (duplicates count)."""
        name = "codes" if field == "code" else "ids"
        if values is None:
            raise required_field(name)
        wanted = [v for v in values if v is not None]  # codes string[], ids int[]: converted at the edge
        column = "code" if field == "code" else "coupon_id"
        found = []
        if wanted:
            marks = ",".join("?" * len(wanted))
            found = self.db.query(f"SELECT coupon_id, code FROM salesrule_coupon WHERE {column} IN ({marks})"
                                  " ORDER BY coupon_id", tuple(wanted))
        if ignore_invalid is False and len(found) != len(wanted):
            raise MagentoError("Some coupons are invalid.")
        missing = list(dict.fromkeys(str(v) for v in wanted))
        with self.db.write() as conn:
            for row in found:
                conn.execute("DELETE FROM salesrule_coupon WHERE coupon_id=?", (row["coupon_id"],))
                value = str(row["code"] if field == "code" else row["coupon_id"])
                if value in missing:
                    missing.remove(value)
        return {"failed_items": [], "missing_items": missing}

    def generate(self, spec: Any) -> list[str]:
        """CouponManagementService::generate with Massgenerator's formats (alphanum, alpha, num)."""
        if not isinstance(spec, dict):
            raise required_field("couponSpec")
        rule = self._load(spec.get("rule_id"))
        if not rule["use_auto_generation"] and rule["coupon_type"] != "AUTO":
            raise MagentoError("Specified rule does not allow automatic coupon generation")
        quantity = int(spec.get("quantity") or 0)
        length = int(spec.get("length") or 12)
        if quantity <= 0 or length <= 0:
            raise InputError()
        alphabet = {"alphanum": string.ascii_uppercase + string.digits, "alphabetical": string.ascii_uppercase,
                    "alpha": string.ascii_uppercase, "numeric": string.digits,
                    "num": string.digits}.get(str(spec.get("format") or "alphanum").lower(),
                                              string.ascii_uppercase + string.digits)
        prefix, suffix = str(spec.get("prefix") or ""), str(spec.get("suffix") or "")
        every = int(spec.get("delimiter_at_every") or 0)
        delimiter = str(spec.get("delimiter") or "-")
        rng = random.Random(f"{self.seeding.seed}:coupons:{rule['rule_id']}:{self.db.next_id('coupon_batch')}")
        codes: list[str] = []
        now = self.clock.stamp()
        with self.db.write() as conn:
            for _ in range(quantity):
                for _attempt in range(10):
                    body = "".join(rng.choice(alphabet) for _ in range(length))
                    if every:
                        body = delimiter.join(body[i:i + every] for i in range(0, len(body), every))
                    code = f"{prefix}{body}{suffix}"
                    taken = conn.execute("SELECT 1 FROM salesrule_coupon WHERE code=?", (code,)).fetchone()
                    if not taken and code not in codes:
                        break
                else:
                    raise MagentoError("We cannot create the requested Coupon Qty. Please check your settings "
                                       "and try again.")
                conn.execute("INSERT INTO salesrule_coupon(coupon_id, rule_id, code, usage_limit, usage_per_customer,"
                             " times_used, expiration_date, is_primary, created_at, type) VALUES (?,?,?,?,?,?,?,?,?,?)",
                             (self.db.next_id("salesrule_coupon"), rule["rule_id"], code,
                              rule["uses_per_coupon"] or None, rule["uses_per_customer"] or None, 0, None, 0, now,
                              TYPE_GENERATED))
                codes.append(code)
        return codes

    # -- used by the discount collector ------------------------------------------------------
    def coupon_by_code(self, code: str) -> Any:
        return self.db.one("SELECT * FROM salesrule_coupon WHERE code=?", (code,))

    def customer_uses(self, rule_id: int, customer_id: int) -> int:
        row = self.db.one("SELECT times_used FROM salesrule_customer WHERE rule_id=? AND customer_id=?",
                          (rule_id, customer_id))
        return int(row["times_used"]) if row else 0

    def register_usage(self, rule_ids: list[int], coupon_code: str | None, customer_id: int | None) -> None:
        """SalesRule/Model/Coupon/Usage/Processor on order placement: rule, coupon and customer counters."""
        with self.db.write() as conn:
            for rule_id in rule_ids:
                row = conn.execute("SELECT doc FROM salesrule WHERE rule_id=?", (rule_id,)).fetchone()
                if row is None:
                    continue
                doc = json.loads(row["doc"])
                doc["times_used"] = int(doc.get("times_used") or 0) + 1
                conn.execute("UPDATE salesrule SET doc=? WHERE rule_id=?", (json.dumps(doc), rule_id))
                if customer_id:
                    conn.execute("INSERT INTO salesrule_customer(rule_id, customer_id, times_used) VALUES (?,?,1)"
                                 " ON CONFLICT(rule_id, customer_id) DO UPDATE SET times_used=times_used+1",
                                 (rule_id, customer_id))
            if coupon_code:
                conn.execute("UPDATE salesrule_coupon SET times_used=times_used+1 WHERE code=?", (coupon_code,))
                if customer_id:
                    conn.execute("INSERT INTO salesrule_coupon_usage(code, customer_id, times_used) VALUES (?,?,1)"
                                 " ON CONFLICT(code, customer_id) DO UPDATE SET times_used=times_used+1",
                                 (coupon_code, customer_id))

    def coupon_customer_uses(self, code: str, customer_id: int) -> int:
        row = self.db.one("SELECT times_used FROM salesrule_coupon_usage WHERE code=? AND customer_id=?",
                          (code, customer_id))
        return int(row["times_used"]) if row else 0
