"""Quote totals collectors (Quote/etc/sales.xml order): subtotal, discount (SalesRule), shipping,
tax (always 0: no tax rates are configured), grand total; and the offline carriers.

Carriers, as the emulator's store configuration (`carriers/*` in OfflineShipping/etc/config.xml):

* ``flatrate``: active, 5.00 per item (type ``I``), titles "Flat Rate" / "Fixed". Items with
  free shipping from a cart price rule are free boxes (Carrier/Flatrate::getFreeBoxesCount); when
  every box is free the price is 0.
* ``freeshipping``: **active in the emulator** (Magento ships it inactive) with
  ``free_shipping_subtotal`` = 100.00: offered when the shippable subtotal after discounts reaches
  100, or when a rule gives free shipping to every item (Carrier/Freeshipping::collectRates).

Rates are listed in carrier configuration order, flatrate first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fake_magento.backend.checkout.items import VIRTUAL_TYPES, attr
from fake_magento.backend.checkout.rule_conditions import conditions_met
from fake_magento.backend.money import round_price

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService
    from fake_magento.backend.checkout.rules import SalesRules
    from fake_magento.backend.clock import Clock
    from fake_magento.backend.scope import StoreScope

FLAT_RATE_PRICE = 5.0
FREE_SHIPPING_SUBTOTAL = 100.0
CARRIERS = {"flatrate": ("Flat Rate", "flatrate", "Fixed"), "freeshipping": ("Free Shipping", "freeshipping", "Free")}


def money(value: float) -> float:
    """PriceCurrency::round: the one rounding rule (fake_magento/backend/money.py)."""
    return round_price(value + 0.0)


@dataclass
class Line:
    """One collected quote item (visible parent) with its children."""

    stored: dict[str, Any]
    name: str
    sku: str
    price: float
    qty: float
    weight: float
    is_virtual: bool
    product: dict[str, Any]
    children: list[dict[str, Any]] = field(default_factory=list)
    discount: float = 0.0
    discount_percent: float = 0.0
    applied_rule_ids: list[int] = field(default_factory=list)
    discounts: list[dict[str, Any]] = field(default_factory=list)
    free_shipping: bool = False
    ship_separately: bool = False

    @property
    def row_total(self) -> float:
        return money(self.price * self.qty)


@dataclass
class Totals:
    lines: list[Line]
    subtotal: float = 0.0
    discount: float = 0.0            # positive here; negative in the output
    shipping: float = 0.0
    shipping_discount: float = 0.0
    rates: list[dict[str, Any]] = field(default_factory=list)
    shipping_description: str = ""
    applied_rule_ids: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    coupon_code: str | None = None
    weight: float = 0.0

    @property
    def is_virtual(self) -> bool:
        return bool(self.lines) and all(line.is_virtual for line in self.lines)

    @property
    def items_qty(self) -> float:
        return sum(line.qty for line in self.lines)

    @property
    def discount_description(self) -> str:
        return ", ".join(self.labels)

    @property
    def grand_total(self) -> float:
        return max(0.0, money(self.subtotal - self.discount + self.shipping - self.shipping_discount))


def final_price(product: dict[str, Any], today: str) -> float:
    """Product final price: the special price when lower and within its dates (Catalog Price::getFinalPrice)."""
    price = float(product.get("price") or 0)
    special = attr(product, "special_price")
    if special not in (None, ""):
        start, end = attr(product, "special_from_date"), attr(product, "special_to_date")
        if (not start or str(start)[:10] <= today) and (not end or str(end)[:10] >= today):
            price = min(price, float(special))
    return price


class Collector:
    def __init__(self, clock: Clock, *, catalog: CatalogService, rules: SalesRules) -> None:
        self.clock = clock
        self.catalog = catalog
        self.rules = rules

    def today(self) -> str:
        return self.clock.stamp()[:10]

    # -- items -------------------------------------------------------------------------------
    def lines(self, quote: dict[str, Any], scope: StoreScope) -> list[Line]:
        today = self.today()
        out = []
        for stored in quote["items"]:
            product = self.catalog.product_data(int(stored["product_id"]), scope)
            kind = stored["product_type"]
            children = []
            for child in stored.get("children", []):
                data = self.catalog.product_data(int(child["product_id"]), scope)
                children.append({**child, "product": data, "name": data.get("name"), "sku": data["sku"],
                                 "unit_price": final_price(data, today), "weight": float(data.get("weight") or 0),
                                 "is_virtual": data["type_id"] in VIRTUAL_TYPES})
            sku, price, weight = product["sku"], final_price(product, today), float(product.get("weight") or 0)
            ship_separately = False
            if kind == "configurable" and children:
                # Configurable::getSku gives the child's SKU; the child's price is the item's price
                sku, price, weight = children[0]["sku"], children[0]["unit_price"], children[0]["weight"]
            elif kind == "bundle":
                dynamic_price = str(attr(product, "price_type", "0")) == "0"
                dynamic_sku = str(attr(product, "sku_type", "0")) == "0"
                dynamic_weight = str(attr(product, "weight_type", "0")) == "0"
                ship_separately = str(attr(product, "shipment_type", "0")) == "1"
                base = float(product.get("price") or 0)
                for child in children:
                    if dynamic_price:
                        child["price"] = child["unit_price"]
                    elif child.get("selection_price_type") in (1, "1"):
                        child["price"] = money(base * float(child.get("selection_price") or 0) / 100)
                    else:
                        child["price"] = float(child.get("selection_price") or 0)
                price = (0.0 if dynamic_price else base) + sum(c["price"] * c["qty"] for c in children)
                if dynamic_weight:
                    weight = sum(c["weight"] * c["qty"] for c in children)
                if dynamic_sku:
                    sku = "-".join([product["sku"], *[c["sku"] for c in children]])
            out.append(Line(stored=stored, name=product.get("name") or product["sku"], sku=sku, price=money(price),
                            qty=float(stored["qty"]), weight=weight, is_virtual=kind in VIRTUAL_TYPES,
                            product=product, children=children, ship_separately=ship_separately))
        return out

    # -- all collectors ----------------------------------------------------------------------
    def collect(self, quote: dict[str, Any], scope: StoreScope, website_id: int) -> Totals:
        totals = Totals(lines=self.lines(quote, scope))
        totals.subtotal = money(sum(line.row_total for line in totals.lines))
        totals.weight = sum(line.weight * line.qty for line in totals.lines if not line.is_virtual)
        rules = self._valid_rules(quote, totals, website_id)
        self._discount(quote, totals, rules, scope)
        totals.rates = self.rates(totals) if quote.get("shipping_address") or quote.get("estimating") else []
        method = quote.get("shipping_method")
        rate = next((r for r in totals.rates if f"{r['carrier_code']}_{r['method_code']}" == method), None)
        if rate is not None and not totals.is_virtual:
            totals.shipping = rate["amount"]
            totals.shipping_description = f"{rate['carrier_title']} - {rate['method_title']}"
            self._shipping_discount(totals, rules)
        return totals

    # -- shipping ----------------------------------------------------------------------------
    def rates(self, totals: Totals) -> list[dict[str, Any]]:
        """Shipping::collectRates over the active offline carriers for the shippable items."""
        if totals.is_virtual or not totals.lines:
            return []
        package_qty, free_boxes, package_value = 0.0, 0.0, 0.0
        for line in totals.lines:
            if line.is_virtual:
                continue
            package_value += line.row_total - line.discount
            if line.ship_separately and line.children:
                for child in line.children:
                    if not child["is_virtual"]:
                        package_qty += line.qty * child["qty"]
                        free_boxes += line.qty * child["qty"] if line.free_shipping else 0
            else:
                package_qty += line.qty
                free_boxes += line.qty if line.free_shipping else 0
        rates = []
        flat = FLAT_RATE_PRICE * package_qty - FLAT_RATE_PRICE * free_boxes
        if package_qty == free_boxes:
            flat = 0.0
        rates.append(self._rate("flatrate", money(flat)))
        all_free = all(line.free_shipping for line in totals.lines if not line.is_virtual)
        if all_free or package_value >= FREE_SHIPPING_SUBTOTAL:
            rates.append(self._rate("freeshipping", 0.0))
        return rates

    @staticmethod
    def _rate(carrier: str, amount: float) -> dict[str, Any]:
        carrier_title, method, method_title = CARRIERS[carrier]
        return {"carrier_code": carrier, "method_code": method, "carrier_title": carrier_title,
                "method_title": method_title, "amount": amount, "base_amount": amount, "available": True,
                "error_message": "", "price_excl_tax": amount, "price_incl_tax": amount}

    # -- cart price rules --------------------------------------------------------------------
    def _valid_rules(self, quote: dict[str, Any], totals: Totals, website_id: int) -> list[dict[str, Any]]:
        """SalesRule Validator/Utility::canProcessRule: active, website, group, dates, coupon, usage, conditions."""
        rules_service = self.rules
        group = int(quote.get("customer_group_id") or 0)
        customer_id = quote.get("customer_id")
        code = (quote.get("coupon_code") or "").strip()
        coupon = rules_service.coupon_by_code(code) if code else None
        today = self.today()
        address = quote.get("shipping_address") or quote.get("billing_address") or {}
        facts = {"base_subtotal": totals.subtotal, "total_qty": totals.items_qty, "weight": totals.weight,
                 "payment_method": quote.get("payment_method"), "shipping_method": quote.get("shipping_method"),
                 "postcode": address.get("postcode"), "region_id": address.get("region_id"),
                 "country_id": address.get("country_id"), "region": address.get("region")}
        valid = []
        for rule in sorted(rules_service.all_rules(), key=lambda r: (int(r.get("sort_order") or 0), r["rule_id"])):
            if not rule.get("is_active") or website_id not in rule.get("website_ids", []) \
                    or group not in rule.get("customer_group_ids", []):
                continue
            if (rule.get("from_date") and str(rule["from_date"])[:10] > today) or \
                    (rule.get("to_date") and str(rule["to_date"])[:10] < today):
                continue
            if rule["coupon_type"] != "NO_COUPON":
                if coupon is None or int(coupon["rule_id"]) != rule["rule_id"]:
                    continue
                if coupon["expiration_date"] and str(coupon["expiration_date"])[:10] < today:
                    continue
                if coupon["usage_limit"] and coupon["times_used"] >= coupon["usage_limit"]:
                    continue
                if customer_id and coupon["usage_per_customer"] and rules_service.coupon_customer_uses(
                        coupon["code"], customer_id) >= coupon["usage_per_customer"]:
                    continue
            if customer_id and rule.get("uses_per_customer") and \
                    rules_service.customer_uses(rule["rule_id"], customer_id) >= rule["uses_per_customer"]:
                continue
            if not conditions_met(rule.get("condition"), lambda name: facts.get(name or "", ...)):
                continue
            valid.append(rule)
        return valid

    def _label(self, rule: dict[str, Any], store_id: int, coupon: str | None) -> str | None:
        labels = {int(lb.get("store_id", 0)): lb.get("store_label") for lb in rule.get("store_labels") or []}
        label = labels.get(store_id) or labels.get(0)
        if label:
            return str(label)
        return coupon if rule["coupon_type"] != "NO_COUPON" else None

    def _discount(self, quote: dict[str, Any], totals: Totals, rules: list[dict[str, Any]],
                  scope: StoreScope) -> None:
        """RulesApplier::applyRules per item, with the Discount/* calculators."""
        code = (quote.get("coupon_code") or "").strip() or None
        for rule in rules:
            matched = [line for line in totals.lines if self._item_matches(rule, line)]
            amounts = self._rule_amounts(rule, matched)
            if code and rule["coupon_type"] != "NO_COUPON":
                totals.coupon_code = code
            applied_here = False
            for line, amount in zip(matched, amounts):
                room = max(0.0, line.row_total - line.discount)
                amount = money(min(amount, room))
                line.discount = money(line.discount + amount)
                if rule["simple_action"] == "by_percent":
                    line.discount_percent = min(100.0, line.discount_percent + float(rule["discount_amount"]))
                if rule["rule_id"] not in line.applied_rule_ids:
                    line.applied_rule_ids.append(rule["rule_id"])
                if amount:
                    line.discounts.append({"discount_data": {"amount": amount, "base_amount": amount,
                                                             "original_amount": amount, "base_original_amount": amount},
                                           "rule_label": self._label(rule, scope.store_id, code) or "Discount",
                                           # RuleDiscountInterface::getRuleID: DataObjectProcessor writes it rule_i_d
                                           "rule_i_d": rule["rule_id"]})
                if rule.get("simple_free_shipping") in ("1", "2"):
                    line.free_shipping = True
                applied_here = True
            if rule.get("simple_free_shipping") == "2" and matched:
                for line in totals.lines:
                    line.free_shipping = True
            if applied_here or not rule.get("action_condition", {}).get("conditions"):
                if rule["rule_id"] not in totals.applied_rule_ids:
                    totals.applied_rule_ids.append(rule["rule_id"])
                label = self._label(rule, scope.store_id, code)
                if label and any(amounts) and label not in totals.labels:
                    totals.labels.append(label)
            if rule.get("stop_rules_processing") and (applied_here or not matched):
                break
        totals.discount = money(sum(line.discount for line in totals.lines))

    def _item_matches(self, rule: dict[str, Any], line: Line) -> bool:
        def lookup(name: str | None) -> Any:
            if not name:
                return ...
            if name == "sku":
                return line.sku
            if name == "quote_item_qty":
                return line.qty
            if name == "quote_item_price":
                return line.price
            if name == "quote_item_row_total":
                return line.row_total
            value = attr(line.product, name, ...)
            if value is ... and name == "category_ids":
                return []
            return value

        return conditions_met(rule.get("action_condition"), lookup)

    @staticmethod
    def _rule_amounts(rule: dict[str, Any], lines: list[Line]) -> list[float]:
        action, amount = rule["simple_action"], float(rule.get("discount_amount") or 0)
        max_qty = float(rule.get("discount_qty") or 0)
        out = []
        if action == "cart_fixed":
            # Discount/CartFixed: the rule amount spread over the matching items by row total, once per cart
            base = sum(line.row_total - line.discount for line in lines)
            left = min(amount, base)
            for index, line in enumerate(lines):
                if index == len(lines) - 1:
                    share = left
                else:
                    share = money(min(amount, base) * (line.row_total - line.discount) / base) if base else 0.0
                    left = money(left - share)
                out.append(max(0.0, share))
            return out
        for line in lines:
            qty = min(line.qty, max_qty) if max_qty > 0 else line.qty
            if action == "by_percent":
                out.append(money(qty * line.price * min(amount, 100.0) / 100))
            elif action == "by_fixed":
                out.append(money(qty * min(amount, line.price)))
            elif action == "buy_x_get_y":
                x, y = float(rule.get("discount_step") or 0), amount
                free = (line.qty // (x + y)) * y if x + y > 0 else 0
                free = min(free, max_qty) if max_qty > 0 else free
                out.append(money(free * line.price))
            else:
                out.append(0.0)
        return out

    def _shipping_discount(self, totals: Totals, rules: list[dict[str, Any]]) -> None:
        """Validator::processShippingAmount for rules with apply_to_shipping."""
        left = totals.shipping
        for rule in rules:
            if not rule.get("apply_to_shipping") or rule["rule_id"] not in totals.applied_rule_ids or left <= 0:
                continue
            amount = float(rule.get("discount_amount") or 0)
            if rule["simple_action"] == "by_percent":
                cut = money(left * min(amount, 100.0) / 100)
            elif rule["simple_action"] == "cart_fixed":
                cut = max(0.0, money(amount - totals.discount))
            else:
                cut = amount
            cut = min(cut, left)
            totals.shipping_discount = money(totals.shipping_discount + cut)
            left = money(left - cut)
            if rule.get("stop_rules_processing"):
                break
