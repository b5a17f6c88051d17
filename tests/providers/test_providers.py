"""The Faker providers: formats Magento and carriers use, determinism by seed, locales per store view."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_magento.backend.directory import directory
from fake_magento.providers import (
    CARRIERS,
    format_increment_id,
    locale_for_store,
    magento_faker,
    tracking_number_is_valid,
)
from fake_magento.providers.catalog import SKU_MAX_LENGTH

FORMATS = {"ups": r"1Z[0-9A-Z]{6}[0-9]{2}[0-9]{7}[0-9]", "fedex": r"[0-9]{12}|[0-9]{15}", "usps": r"[0-9]{20,22}",
           "dhl": r"[0-9]{10}", "custom": r"TRK[0-9]{10}"}


def test_same_seed_same_data_and_another_seed_other_data():
    def draw(seed: int) -> list[object]:
        fake = magento_faker(seed)
        return [fake.magento_sku(), fake.tracking_number("ups"), fake.magento_address(), fake.increment_id()]

    assert draw(3) == draw(3)
    assert draw(3) != draw(4)


@pytest.mark.parametrize(("store_id", "sequence", "expected"), [
    (1, 42, "000000042"), (0, 1, "000000001"), (2, 15, "2000000015"), (3, 1000000000, "31000000000")])
def test_increment_ids_follow_sales_sequence(store_id: int, sequence: int, expected: str):
    assert format_increment_id(store_id, sequence) == expected


def test_increment_id_of_the_default_store_is_nine_digits():
    assert re.fullmatch(r"[0-9]{9}", magento_faker(1).increment_id())
    assert re.fullmatch(r"2[0-9]{9}", magento_faker(1).increment_id(store_id=2))


@given(st.integers(0, 10_000), st.sampled_from(sorted(CARRIERS)))
def test_tracking_numbers_have_the_carriers_format_and_check_digit(seed: int, carrier: str):
    number = magento_faker(seed).tracking_number(carrier)
    assert re.fullmatch(FORMATS[carrier], number), number
    assert tracking_number_is_valid(carrier, number)


@pytest.mark.parametrize(("carrier", "number"), [("ups", "1Z999AA10123456784"), ("fedex", "449044304137")])
def test_published_tracking_numbers_validate(carrier: str, number: str):
    assert tracking_number_is_valid(carrier, number)


@pytest.mark.parametrize(("carrier", "number"), [("ups", "1Z999AA10123456785"), ("dhl", "1234567890"),
                                                 ("usps", "9400111899223857"), ("fedex", "44904430413X")])
def test_wrong_tracking_numbers_do_not_validate(carrier: str, number: str):
    assert not tracking_number_is_valid(carrier, number)


def test_track_is_a_ship_body_with_magentos_carrier_title():
    track = magento_faker(5).track("fedex")
    assert track["carrier_code"] == "fedex" and track["title"] == "Federal Express"
    assert tracking_number_is_valid("fedex", track["track_number"])


@given(st.integers(0, 10_000))
def test_awkward_skus_are_valid_magento_skus(seed: int):
    sku = magento_faker(seed).awkward_sku()
    assert 0 < len(sku) <= SKU_MAX_LENGTH and sku == sku.strip()


@given(st.integers(0, 10_000), st.sampled_from(directory().countries()))
def test_addresses_carry_a_region_of_their_country(seed: int, country: str):
    address = magento_faker(seed).magento_address(country_id=country)
    region = directory().get(address["region_id"])
    assert region is not None and region.country_id == country
    assert address["region"] == {"region_id": region.region_id, "region_code": region.code, "region": region.name}


def test_an_address_of_a_country_without_regions_has_none():
    address = magento_faker(1).magento_address(country_id="GB")
    assert "region_id" not in address and "region" not in address


@pytest.mark.parametrize(("store", "locale", "country"), [("default", "en_US", "US"), ("de", "de_DE", "DE"),
                                                          ("fr", "fr_FR", "FR"), ("nosuch", "en_US", "US")])
def test_each_store_view_speaks_its_locale(store: str, locale: str, country: str):
    assert locale_for_store(store) == locale
    assert magento_faker(1, store=store).magento_address()["country_id"] == country


def test_german_store_view_gets_german_names():
    german = {magento_faker(seed, store="de").last_name() for seed in range(30)}
    from faker.providers.person.de_DE import Provider as GermanNames
    assert german <= set(GermanNames.last_names)


@pytest.mark.parametrize(("frontend_input", "pattern"), [
    ("boolean", r"[01]"), ("price", r"[0-9]+\.[0-9]{2}"), ("date", r"20[0-9]{2}-[0-9]{2}-[0-9]{2} 00:00:00"),
    ("select", r"49|50|52"), ("multiselect", r"(49|50|52)(,(49|50|52))*"), ("text", r".+")])
def test_attribute_values_as_rest_sends_them(frontend_input: str, pattern: str):
    value = magento_faker(2).attribute_value(frontend_input, ["49", "50", "52"])
    assert isinstance(value, str) and re.fullmatch(pattern, value)


def test_select_without_options_is_refused():
    with pytest.raises(ValueError, match="option ids"):
        magento_faker(1).attribute_value("select")
