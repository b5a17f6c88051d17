"""The region directory (Magento's ``directory_country_region``) and how addresses read it.

The data (``data/regions.json``, our own format: ``{country: [[region_id, code, name], ...]}``) holds
the ids, codes and en_US names a 2.4.7-p3 install ships for the 43 countries that have regions, as
its ``GET /V1/directory/countries`` answers them (Directory/Setup/Patch/Data/*).

Three readers, as Magento has three:

- customer addresses (Customer/Model/Address::updateData, then the repository's validation): a
  ``region_id`` of a country with regions must be one of that country's, and the region's code and
  name replace whatever text was sent; see :func:`customer_region`;
- quote (cart) addresses (Customer/Model/Address/AbstractAddress::getRegion, getRegionId,
  getRegionCode): lenient, nothing refused; see :func:`quote_region`;
- order addresses (Sales/Model/Order/Address::getRegionCode): only the code is computed, see
  :func:`order_region_code`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from fake_magento.errors import InputError


@dataclass(frozen=True)
class Region:
    """One row of directory_country_region."""

    region_id: int
    country_id: str
    code: str
    name: str


class RegionDirectory:
    """Regions by id, by (country, code) and per country, loaded once from the package data."""

    def __init__(self, countries: dict[str, list[list[Any]]]) -> None:
        self._by_id: dict[int, Region] = {}
        self._by_code: dict[tuple[str, str], Region] = {}
        self._by_country: dict[str, tuple[Region, ...]] = {}
        for country_id, rows in countries.items():
            regions = tuple(Region(int(rid), country_id, str(code), str(name)) for rid, code, name in rows)
            self._by_country[country_id] = regions
            for region in regions:
                self._by_id[region.region_id] = region
                # Region::loadByCode compares codes as MySQL does (case-insensitive collation)
                self._by_code[(country_id, region.code.lower())] = region

    def countries(self) -> tuple[str, ...]:
        """The countries that have regions, in code order."""
        return tuple(sorted(self._by_country))

    def regions(self, country_id: str) -> tuple[Region, ...]:
        """The regions of a country (empty for a country without any)."""
        return self._by_country.get(country_id, ())

    def has_regions(self, country_id: str | None) -> bool:
        return bool(country_id) and country_id in self._by_country

    def get(self, region_id: Any) -> Region | None:
        """The region with this id (an int or a numeric string), or None."""
        if not _is_numeric(region_id):
            return None
        try:
            return self._by_id.get(int(float(region_id)))
        except (OverflowError, ValueError):
            return None

    def by_code(self, country_id: str | None, code: str | None) -> Region | None:
        if not country_id or code is None:
            return None
        return self._by_code.get((country_id, str(code).lower()))


@lru_cache(maxsize=1)
def directory() -> RegionDirectory:
    """The shipped region directory (read once)."""
    text = resources.files("fake_magento.backend").joinpath("data/regions.json").read_text("utf-8")
    return RegionDirectory(json.loads(text)["countries"])


def _is_numeric(value: Any) -> bool:
    """PHP is_numeric on what JSON can carry."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    if isinstance(value, str):
        try:
            float(value.strip())
        except ValueError:
            return False
        return value.strip() != "" and not value.strip().lower().startswith(("nan", "inf", "-inf", "+inf"))
    return False


def customer_region(country_id: str | None, region_id: int | None, region: dict[str, Any]) -> dict[str, Any]:
    """The region object a customer address is saved and read with.

    Measured on 2.4.7-p3 (POST /V1/customers, then GET): a ``region_id`` of the address's country
    gives that region's code and name whatever text was sent; one of another country, or an unknown
    one, of a country with regions is refused (400 ``Invalid value of "%value" provided for the
    %fieldName field.``, regionId); of a country without regions it is kept, with no text. Without
    an id the region text is also the code (a code sent alone is dropped: both read null).
    """
    rid = int(region_id or 0)
    if rid:
        if directory().has_regions(country_id):
            found = directory().get(rid)
            if found is None or found.country_id != country_id:
                raise InputError('Invalid value of "%value" provided for the %fieldName field.',
                                 {"fieldName": "regionId", "value": str(rid)})
            return {"region_code": found.code, "region": found.name, "region_id": rid}
        return {"region_code": None, "region": None, "region_id": rid}
    text = region.get("region")
    if text in (None, ""):
        return {"region_code": None, "region": None, "region_id": 0}
    return {"region_code": text, "region": text, "region_id": 0}


def quote_region(address: dict[str, Any]) -> dict[str, Any]:
    """``region``, ``region_id`` and ``region_code`` of a quote address as a cart reads them back.

    AbstractAddress's three getters, run for the save and again for the read (measured on a
    2.4.7-p3 guest cart: a code alone finds its region; an id of another country or an unknown id
    is kept with no name or code; an id of the country replaces any text sent).
    """
    data = {"region": address.get("region"), "region_id": address.get("region_id"),
            "region_code": address.get("region_code"), "country_id": address.get("country_id")}
    for _ in range(2):
        _get_region(data)
        _get_region_id(data)
        _get_region_code(data)
    return {k: data[k] for k in ("region", "region_id", "region_code")}


def _same_country(region: Region | None, country_id: Any) -> bool:
    # a region that does not exist has no country; Magento compares null with the address's country
    return (region.country_id if region else None) == (country_id or None)


def _get_region(data: dict[str, Any]) -> None:
    rid, region = data["region_id"], data["region"]
    if not rid and _is_numeric(region):
        found = directory().get(region)
        if _same_country(found, data["country_id"]):
            data["region"] = found.name if found else None
            data["region_id"] = region
    elif rid:
        found = directory().get(rid)
        if _same_country(found, data["country_id"]):
            data["region"] = found.name if found else None


def _get_region_code(data: dict[str, Any]) -> Any:
    rid, region, country = data["region_id"], data["region"], data["country_id"]
    if not rid and _is_numeric(region):
        if directory().by_code(country, str(region)) is not None:
            data["region_code"] = region
        else:
            found = directory().get(region)
            if _same_country(found, country):
                data["region_code"] = found.code if found else None
    elif rid:
        found = directory().get(rid)
        if _same_country(found, country):
            data["region_code"] = found.code if found else None
    elif isinstance(region, str):
        data["region_code"] = region
    return data["region_code"]


def _get_region_id(data: dict[str, Any]) -> None:
    if data["region_id"]:
        return
    region, country = data["region"], data["country_id"]
    if _is_numeric(region):
        found = directory().by_code(country, str(region))
        if found is not None:
            data["region_id"], data["region"] = found.region_id, None
        else:
            data["region_id"] = region
        return
    code = _get_region_code(data)
    found = directory().by_code(country, code) if code is not None else None
    data["region_id"] = found.region_id if found else data["region_id"]


def order_region_code(address: dict[str, Any]) -> str | None:
    """Sales/Model/Order/Address::getRegionCode: the directory code of the region id (or of a
    numeric region text) when that region is of the address's country, else the region text."""
    rid, region = address.get("region_id"), address.get("region")
    key = region if not rid and _is_numeric(region) else rid
    found = directory().get(key) if key else None
    if found is not None and found.country_id == address.get("country_id"):
        return found.code
    return region if isinstance(region, str) else None
