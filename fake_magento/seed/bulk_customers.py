"""Bulk customers for the ``large`` profile: copies of the seeded customers (seed/bulk.py)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_magento.seed.clone import GroupTemplate, RowTemplate, Slot

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

CHUNK = 2000
CHILDREN = {("customer", "addresses"): "address"}


def _rule(context: str, key: str, value: Any, row: dict[str, Any]) -> Slot | None:
    if key in ("email", "firstname", "lastname"):
        return ("cust", key)
    if context == "customer":
        if key in ("id", "entity_id"):
            return ("id", "customer", value)
        if key in ("default_billing", "default_shipping") and isinstance(value, str) and value.isdigit():
            return ("idstr", "customer_address", int(value))
    elif context == "address":
        if key == "id":
            return ("id", "customer_address", value)
        if key == "customer_id":
            return ("id", "customer", value)
    return None


def name_pools(ctx: SeedContext, size: int = 400) -> tuple[list[str], list[str]]:
    return ([ctx.faker.first_name() for _ in range(size)], [ctx.faker.last_name() for _ in range(size)])


def clone_customers(ctx: SeedContext, total: int) -> list[tuple[int, str, str, str]]:
    db = ctx.backend.db
    rows = [dict(r) for r in db.query("SELECT * FROM customer_entity ORDER BY entity_id")]
    base = [(int(r["entity_id"]), r["email"], r["firstname"], r["lastname"]) for r in rows if r["website_id"] == 1]
    templates = [GroupTemplate([RowTemplate("customer_entity", r, "customer", _rule, CHILDREN)]) for r in rows
                 if r["website_id"] == 1]
    count = max(0, total - len(rows))
    if not count or not templates:
        return base
    firsts, lasts = name_pools(ctx)
    rng = ctx.rng
    from fake_magento.seed.bulk import next_ids

    out = list(base)
    with db.write() as conn:
        for start in range(0, count, CHUNK):
            batch = []
            for _ in range(start, min(count, start + CHUNK)):
                template = templates[rng.randrange(len(templates))]
                ids: dict[tuple[str, Any], int] = {}
                for slot in template.slots:
                    if slot[0] in ("id", "idstr") and (slot[1], slot[2]) not in ids:
                        ids[(slot[1], slot[2])] = next_ids(conn, slot[1], 1)
                customer_id = next(v for (seq, _), v in ids.items() if seq == "customer")
                first, last = rng.choice(firsts), rng.choice(lasts)
                email = re.sub(r"[^a-z0-9.]", "", f"{first}.{last}".lower()) + f".{customer_id}@example.com"
                person = {"email": email, "firstname": first, "lastname": last}
                resolved = [person[s[1]] if s[0] == "cust" else
                            (str(ids[(s[1], s[2])]) if s[0] == "idstr" else ids[(s[1], s[2])])
                            for s in template.slots]
                batch += [values for _, values in template.render(resolved)]
                out.append((customer_id, email, first, last))
            conn.executemany(templates[0].rows[0].sql, batch)
            ctx.progress.step("customers", min(count, start + CHUNK), count)
    return out
