"""The locale of each store view (general/locale/code per store), as the emulator seeds them."""
from __future__ import annotations

# store view code -> Faker locale; the seeded topology: default (en_US), de (de_DE), fr (fr_FR)
STORE_LOCALES: dict[str, str] = {"admin": "en_US", "default": "en_US", "de": "de_DE", "fr": "fr_FR"}

# the country an address in that locale is usually in
LOCALE_COUNTRIES: dict[str, str] = {"en_US": "US", "de_DE": "DE", "fr_FR": "FR", "en_GB": "GB", "en_CA": "CA",
                                    "fr_CA": "CA", "it_IT": "IT", "es_ES": "ES", "de_AT": "AT", "de_CH": "CH",
                                    "nl_NL": "NL", "pl_PL": "PL", "pt_PT": "PT", "sv_SE": "SE"}


def locale_for_store(code: str) -> str:
    """The Faker locale of a store view code; en_US for a code the seeded topology does not have."""
    return STORE_LOCALES.get(code, "en_US")
