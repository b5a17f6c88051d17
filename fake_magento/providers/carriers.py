"""Carriers and tracking numbers in each carrier's real format, with its check digit."""
from __future__ import annotations

from typing import Any

from faker.providers import BaseProvider

# Magento carrier code -> the title in its module's etc/config.xml (carriers/<code>/title);
# ``custom`` is Sales' "Custom Value" carrier, titled by whoever adds the track
CARRIERS: dict[str, str] = {"ups": "United Parcel Service", "fedex": "Federal Express",
                            "usps": "United States Postal Service", "dhl": "DHL", "custom": "Custom Value"}
_UPS_SERVICES = ("01", "02", "03", "12", "13", "42")  # next day air, 2nd day air, ground, 3 day select...
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _ups_check(body: str) -> int:
    # letters count as (ord - 63) mod 10; every second character doubles; mod-10 complement
    total = 0
    for i, ch in enumerate(body):
        value = int(ch) if ch.isdigit() else (ord(ch) - 63) % 10
        total += value * 2 if i % 2 else value
    return (10 - total % 10) % 10


def _fedex_check(body: str) -> int:
    # FedEx Express (12 digits): weights 3, 7, 1 from the right, sum mod 11, mod 10
    weights = (3, 7, 1)
    return sum(int(d) * weights[i % 3] for i, d in enumerate(reversed(body))) % 11 % 10


def _mod10_check(body: str) -> int:
    # USS-128 / GS1 mod 10 (USPS IMpb, FedEx Ground 96-codes): weights 3, 1 from the right
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def tracking_number_is_valid(carrier_code: str, number: str) -> bool:
    """Whether a tracking number has the carrier's format and check digit (``custom``: any text)."""
    if carrier_code == "ups":
        return len(number) == 18 and number.startswith("1Z") and all(c in _ALNUM for c in number[2:]) \
            and number[-1].isdigit() and _ups_check(number[2:-1]) == int(number[-1])
    if not number.isdigit():
        return carrier_code == "custom" and bool(number)
    if carrier_code == "fedex":
        if len(number) == 12:
            return _fedex_check(number[:-1]) == int(number[-1])
        return len(number) == 15 and _mod10_check(number[:-1]) == int(number[-1])
    if carrier_code == "usps":
        return 20 <= len(number) <= 22 and _mod10_check(number[:-1]) == int(number[-1])
    if carrier_code == "dhl":
        return len(number) == 10 and int(number[:-1]) % 7 == int(number[-1])
    return carrier_code == "custom" and bool(number)


class CarrierProvider(BaseProvider):
    """``carrier_code``, ``tracking_number``, ``track`` (a shipment track body)."""

    def carrier_code(self, include_custom: bool = True) -> str:
        codes = list(CARRIERS) if include_custom else [c for c in CARRIERS if c != "custom"]
        return str(self.random_element(codes))

    def _digits(self, n: int) -> str:
        return "".join(str(self.random_digit()) for _ in range(n))

    def tracking_number(self, carrier_code: str | None = None) -> str:
        """UPS ``1Z`` + 6 shipper characters + service + 7 digits + check (18); FedEx 12 digits
        (Express) or 15 (Ground); USPS 20 or 22 digits (IMpb ``9400``/``9205``...); DHL Express 10
        digits (mod 7); ``custom`` a free text."""
        code = carrier_code or self.carrier_code()
        if code == "ups":
            shipper = "".join(self.random_element(_ALNUM) for _ in range(6))
            body = shipper + self.random_element(_UPS_SERVICES) + self._digits(7)
            return f"1Z{body}{_ups_check(body)}"
        if code == "fedex":
            if self.random_int(0, 1):
                body = self._digits(11)
                return f"{body}{_fedex_check(body)}"
            body = self._digits(14)
            return f"{body}{_mod10_check(body)}"
        if code == "usps":
            body = (self.random_element(("9400", "9205", "9208", "9270", "9303")) + self._digits(17)) \
                if self.random_int(0, 1) else "7" + self._digits(18)
            return f"{body}{_mod10_check(body)}"
        if code == "dhl":
            body = str(self.random_int(100000000, 999999999))
            return f"{body}{int(body) % 7}"
        if code == "custom":
            return f"TRK{self._digits(10)}"
        raise ValueError(f"unknown carrier code {code!r}; one of {', '.join(CARRIERS)}")

    def track(self, carrier_code: str | None = None) -> dict[str, Any]:
        """A track as ``POST /V1/order/{id}/ship`` takes it: ``{track_number, title, carrier_code}``."""
        code = carrier_code or self.carrier_code()
        title = CARRIERS[code] if code != "custom" else f"{self.generator.last_name()} Freight"
        return {"track_number": self.tracking_number(code), "title": title, "carrier_code": code}
