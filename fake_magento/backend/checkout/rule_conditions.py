"""Cart price rule conditions (SalesRule/Api/Data/ConditionInterface): a condition tree as a rule
stores it, and its evaluation for the discount collector.

Conditions evaluated (everything else counts as satisfied): the Combine aggregator (all/any,
value 1/0), Address conditions on base_subtotal, total_qty, weight, payment_method,
shipping_method, postcode, region_id, country_id, and Product conditions on sku and on any
product attribute (top level or custom attribute) for the action (item) conditions.
"""
from __future__ import annotations

from typing import Any

from fake_magento.types import php_truthy

COMBINE = "Magento\\SalesRule\\Model\\Rule\\Condition\\Combine"
PRODUCT_COMBINE = "Magento\\SalesRule\\Model\\Rule\\Condition\\Product\\Combine"


def _empty_condition(kind: str) -> dict[str, Any]:
    return {"condition_type": kind, "conditions": [], "aggregator_type": "all", "operator": None, "value": "1"}


def _compare(actual: Any, operator: str | None, expected: Any) -> bool:
    """Rule/Model/Condition/AbstractCondition::validateAttribute for scalar values."""
    op = operator or "=="
    values = [v.strip() for v in str(expected).split(",")] if op in ("()", "!()") else expected
    try:
        a, e = float(actual), float(expected)
        numeric = op not in ("()", "!()", "{}", "!{}")
    except (TypeError, ValueError):
        numeric = False
    if op in ("==", "!="):
        equal = (a == e) if numeric else str(actual).lower() == str(expected).lower()
        return equal if op == "==" else not equal
    if op in (">", ">=", "<", "<=") and numeric:
        return {">": a > e, ">=": a >= e, "<": a < e, "<=": a <= e}[op]
    if op in ("{}", "!{}"):
        found = str(expected).lower() in str(actual).lower()
        return found if op == "{}" else not found
    if op in ("()", "!()"):
        actual_set = {str(x) for x in (actual if isinstance(actual, list) else [actual])}
        found = bool(actual_set & {str(v) for v in values})
        return found if op == "()" else not found
    return True


def conditions_met(condition: dict[str, Any] | None, lookup: Any) -> bool:
    """Evaluate a Combine tree; ``lookup(attribute_name)`` gives the value, or ``...`` when unknown."""
    if not condition:
        return True
    children = condition.get("conditions") or []
    if "Combine" in str(condition.get("condition_type", "")) or children:
        # Rule/Model/Condition/Combine::validate: (bool) $this->getValue(), PHP's cast of the stored string
        want = php_truthy(condition.get("value", "1"))
        results = [conditions_met(c, lookup) == want for c in children]
        if not results:
            return True
        return all(results) if (condition.get("aggregator_type") or "all") == "all" else any(results)
    value = lookup(condition.get("attribute_name"))
    if value is ...:
        return True
    return _compare(value, condition.get("operator"), condition.get("value"))


def stored_condition(value: Any, kind: str) -> dict[str, Any]:
    """ConditionInterface (converted at the edge): its known keys, the combine type by default."""
    if not isinstance(value, dict):
        return _empty_condition(kind)
    out: dict[str, Any] = {"condition_type": value.get("condition_type") or kind}
    children = value.get("conditions")
    if isinstance(children, list):
        out["conditions"] = [stored_condition(c, kind) for c in children if isinstance(c, dict)]
    for key in ("aggregator_type", "operator", "attribute_name", "value"):
        if key in value or key in ("operator", "value"):
            out[key] = value.get(key)
    return out

