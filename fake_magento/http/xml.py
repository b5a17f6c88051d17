"""XML request bodies (Rest/Request/Deserializer/Xml): the root element is dropped."""
from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

from fake_magento.errors import WebapiError


def decode_xml(raw: bytes) -> Any:
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError:
        raise WebapiError("Decoding error.") from None
    value = _element(root)
    return value if isinstance(value, dict) else {}


def _element(el: ElementTree.Element) -> Any:
    children = list(el)
    if not children:
        return el.text or ""
    if all(c.tag == "item" for c in children):
        return [_element(c) for c in children]
    return {c.tag: _element(c) for c in children}
