"""Regions from the region directory, and addresses with valid country/region pairs."""
from __future__ import annotations

from typing import Any

from faker.providers import BaseProvider

from fake_magento.backend.directory import Region, directory
from fake_magento.providers.locales import LOCALE_COUNTRIES


class AddressProvider(BaseProvider):
    """``region_of``, ``region_country``, ``magento_address``."""

    def _locale(self) -> str:
        # the generator's locale-specific providers carry it (faker.providers.<kind>.<locale>)
        for provider in getattr(self.generator, "providers", []):
            lang = getattr(provider, "__lang__", None)
            if lang:
                return str(lang)
        return "en_US"

    def region_country(self) -> str:
        """A country that has regions in Magento's directory."""
        return str(self.random_element(directory().countries()))

    def region_of(self, country_id: str) -> Region | None:
        """One of the country's regions (None for a country without regions, e.g. GB)."""
        regions = directory().regions(country_id)
        return self.random_element(regions) if regions else None

    def magento_address(self, country_id: str | None = None, *, with_region_id: bool = True) -> dict[str, Any]:
        """A customer address body: names and street from the Faker's locale, the country of that
        locale (or ``country_id``) and, where the directory has regions, one of them, by id (Magento
        fills its name and code) and spelled out."""
        fake = self.generator
        country = country_id or LOCALE_COUNTRIES.get(self._locale(), "US")
        address: dict[str, Any] = {
            "firstname": fake.first_name(), "lastname": fake.last_name(), "street": [fake.street_address()],
            "city": fake.city(), "postcode": fake.postcode(), "telephone": self.numerify("555-01##"),
            "country_id": country}
        region = self.region_of(country)
        if region is not None:
            if with_region_id:
                address["region_id"] = region.region_id
            address["region"] = {"region_id": region.region_id, "region_code": region.code, "region": region.name}
        return address
