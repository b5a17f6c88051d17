"""Customers with US and EU addresses, deterministic by seed; the first one's password is published."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

US_REGIONS = [(12, "CA", "California"), (43, "NY", "New York"), (57, "TX", "Texas"), (33, "MI", "Michigan")]
EU_ADDRESSES = [("DE", 82, "BER", "Berlin", "Berlin"), ("FR", 257, "75", "Paris", "Paris")]


def _address(ctx: SeedContext, first: str, last: str, eu: bool, billing: bool) -> dict[str, Any]:
    f = ctx.faker
    if eu:
        country, region_id, code, region, city = ctx.rng.choice(EU_ADDRESSES)
    else:
        region_id, code, region = ctx.rng.choice(US_REGIONS)
        country, city = "US", f.city()
    return {"region": {"region_code": code, "region": region, "region_id": region_id}, "region_id": region_id,
            "country_id": country, "street": [f.street_address()], "telephone": f.numerify("(555) ###-####"),
            "postcode": f.numerify("#####"), "city": city, "firstname": first, "lastname": last,
            **({"default_shipping": True, "default_billing": True} if billing else {})}


def seed(ctx: SeedContext) -> None:
    backend = ctx.backend
    with backend.db.write() as conn:
        conn.executemany("INSERT INTO customer_group(group_id, code) VALUES (?, ?)",
                         [(0, "NOT LOGGED IN"), (1, "General"), (2, "Wholesale"), (3, "Retailer")])
    password = "Passw0rd-" + "".join(ctx.rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(8))
    first_email = seed_customers(ctx, 0, int(ctx.settings.get("customers", 0)), password)
    if first_email:
        ctx.add_credentials(customer_email=first_email, customer_password=password)


def seed_customers(ctx: SeedContext, start: int, stop: int, password: str) -> str | None:
    """Customers number ``start`` to ``stop - 1`` (every fourth in an eu view); the first one's email."""
    backend = ctx.backend
    first_email = None
    for n in range(start, stop):
        first, last = ctx.faker.first_name(), ctx.faker.last_name()
        eu = n % 4 == 3
        store_id = ctx.rng.choice([2, 3]) if eu else 1
        email = f"{first}.{last}.{n + 1}@example.com".lower()
        addresses = [_address(ctx, first, last, eu, True)]
        if n % 2 == 0:
            addresses.append(_address(ctx, first, last, eu, False))
        customer = {"email": email, "firstname": first, "lastname": last, "addresses": addresses,
                    "gender": ctx.rng.choice([1, 2]), "dob": ctx.faker.date_of_birth(minimum_age=18).isoformat()}
        backend.customer_accounts.create(customer, password, store_id)
        if n == 0:
            first_email = email
            # The same person also has an account on the eu website: accounts are per website.
            backend.customer_accounts.create({**customer, "addresses": []}, password, 2)
    return first_email
