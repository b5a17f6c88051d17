"""SKUs and attribute values."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from faker.providers import BaseProvider

# Catalog/Model/Product/Attribute/Backend/Sku: SKU_MAX_LENGTH
SKU_MAX_LENGTH = 64

_WORDS = ("TEE", "HOOD", "JKT", "BAG", "MUG", "CAP", "SOCK", "BOTL", "MAT", "BELT", "SHOE", "WTCH")
_COLOURS = ("BLK", "BLU", "GRN", "RED", "WHT", "GRY", "NVY", "TEAL")
_SIZES = ("XS", "S", "M", "L", "XL")


class CatalogProvider(BaseProvider):
    """``magento_sku``, ``awkward_sku``, ``product_name``, ``attribute_value``."""

    def magento_sku(self, prefix: str | None = None) -> str:
        """A SKU in the shape catalogues use: ``WORD-1234-COLOUR`` (letters, digits, dashes)."""
        head = prefix or self.random_element(_WORDS)
        return f"{head}-{self.random_int(1, 9999):04d}-{self.random_element(_COLOURS)}"

    def child_sku(self, parent_sku: str, *labels: str) -> str:
        """A configurable child's SKU: the parent's plus its option labels (Magento's generator joins
        them with dashes: ConfigurableProduct/Model/Product/VariationHandler)."""
        return "-".join([parent_sku, *labels])

    def awkward_sku(self) -> str:
        """A valid SKU that breaks careless integrations: a space, ``/``, ``+``, ``%``, non-ASCII
        characters, or the maximum length of 64 characters."""
        kind = self.random_int(0, 5)
        base = f"{self.random_element(_WORDS)}{self.random_int(10, 99)}"
        return [f"{base} {self.random_element(_SIZES)}", f"{base}/{self.random_element(_COLOURS)}",
                f"{base}+{self.random_element(_SIZES)}", f"{base}%{self.random_int(10, 99)}",
                f"{base}-Grüße-é", (base + "-" + "X" * SKU_MAX_LENGTH)[:SKU_MAX_LENGTH]][kind]

    def product_name(self) -> str:
        """A product name in the Faker's locale: a word, a colour, a garment-like noun."""
        return f"{self.generator.word().capitalize()} {self.generator.color_name()} {self.random_element(_WORDS).title()}"

    def attribute_value(self, frontend_input: str, options: Sequence[str] = ()) -> Any:
        """A value for a product attribute of this input type as REST sends it (custom_attributes):
        ``select`` one of the option ids, ``multiselect`` a comma-separated list of them, ``boolean``
        ``"0"``/``"1"``, ``price``/``weight`` a decimal string, ``date`` ``YYYY-MM-DD 00:00:00``,
        ``textarea`` a paragraph, anything else a short text."""
        if frontend_input == "select":
            if not options:
                raise ValueError("a select attribute needs its option ids")
            return str(self.random_element(list(options)))
        if frontend_input == "multiselect":
            if not options:
                raise ValueError("a multiselect attribute needs its option ids")
            chosen = self.random_sample(list(options), length=self.random_int(1, len(options)))
            return ",".join(str(o) for o in sorted(chosen, key=list(options).index))
        if frontend_input == "boolean":
            return str(self.random_int(0, 1))
        if frontend_input in ("price", "weight"):
            return f"{self.random_int(100, 99999) / 100:.2f}"
        if frontend_input == "date":
            day = dt.date(2024, 1, 1) + dt.timedelta(days=self.random_int(0, 730))
            return f"{day.isoformat()} 00:00:00"
        if frontend_input == "textarea":
            return f"<p>{self.generator.paragraph()}</p>"
        return str(self.generator.sentence(nb_words=4)).rstrip(".")
