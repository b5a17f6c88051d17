"""Faker providers for Magento data, public for anyone's tests and fixtures.

```python
from fake_magento.providers import magento_faker

fake = magento_faker(seed=7)                 # en_US; magento_faker(seed=7, store="de") speaks German
fake.magento_sku()                           # 'MB-0417-TEAL'
fake.increment_id(store_id=2, sequence=15)   # '2000000015' (SalesSequence: %s%'.09d%s)
fake.track()                                 # {'carrier_code': 'ups', 'title': 'United Parcel Service', ...}
fake.region_of("DE")                         # Region(region_id=82, country_id='DE', code='BER', name='Berlin')
fake.magento_address(country_id="US")        # a customer address body with a valid region
```

The providers can also be added one by one to a Faker of your own (``fake.add_provider(CarrierProvider)``).
"""
from __future__ import annotations

from faker import Faker

from fake_magento.providers.address import AddressProvider
from fake_magento.providers.carriers import CARRIERS, CarrierProvider, tracking_number_is_valid
from fake_magento.providers.catalog import CatalogProvider
from fake_magento.providers.locales import STORE_LOCALES, locale_for_store
from fake_magento.providers.sales import SalesProvider, format_increment_id

PROVIDERS = (CatalogProvider, SalesProvider, CarrierProvider, AddressProvider)

__all__ = ["CARRIERS", "PROVIDERS", "STORE_LOCALES", "AddressProvider", "CarrierProvider", "CatalogProvider",
           "SalesProvider", "format_increment_id", "locale_for_store", "magento_faker",
           "tracking_number_is_valid"]


def magento_faker(seed: int | None = None, *, store: str | None = None, locale: str | None = None) -> Faker:
    """A Faker with every Magento provider, in the locale of a store view (``store="de"`` -> de_DE)
    or of ``locale``; seeded when ``seed`` is given (then its output is the same on every run)."""
    fake = Faker(locale or locale_for_store(store or "default"))
    for provider in PROVIDERS:
        fake.add_provider(provider)
    if seed is not None:
        fake.seed_instance(seed)
    return fake
