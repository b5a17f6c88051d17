"""Customers: ``customer-data-customer-interface``, its addresses and their region."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from connector.models.base import CustomAttributesMixin, MagentoModel, ModelSchema, magento_schema


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Region(MagentoModel):
    """A customer address's region; ``region_id`` 0 and null codes when none is set."""

    region_code: str | None = None
    region: str | None = None
    region_id: int | None = None


@magento_schema("customer-data-region-interface", Region)
class CustomerDataRegionInterfaceSchema(ModelSchema):
    """``customer-data-region-interface`` -> :class:`Region`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Address(CustomAttributesMixin, MagentoModel):
    """A customer address (``GET /V1/customers/addresses/{id}``)."""

    id: int
    customer_id: int | None = None
    region: Region | None = None
    region_id: int | None = None
    country_id: str | None = None
    street: list[str] = field(default_factory=list)
    company: str | None = None
    telephone: str | None = None
    fax: str | None = None
    postcode: str | None = None
    city: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    middlename: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    vat_id: str | None = None
    default_shipping: bool | None = None
    default_billing: bool | None = None
    custom_attributes: dict[str, Any] = field(default_factory=dict)


@magento_schema("customer-data-address-interface", Address)
class CustomerDataAddressInterfaceSchema(ModelSchema):
    """``customer-data-address-interface`` -> :class:`Address`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Customer(CustomAttributesMixin, MagentoModel):
    """A customer (``GET /V1/customers/{id}``)."""

    id: int
    group_id: int | None = None
    default_billing: str | None = None
    default_shipping: str | None = None
    confirmation: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_in: str | None = None
    dob: str | None = None
    email: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    middlename: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    gender: int | None = None
    store_id: int | None = None
    taxvat: str | None = None
    website_id: int | None = None
    addresses: list[Address] = field(default_factory=list)
    disable_auto_group_change: int | None = None
    custom_attributes: dict[str, Any] = field(default_factory=dict)

    @property
    def default_billing_address(self) -> Address | None:
        return self._default_address(self.default_billing, billing=True)

    @property
    def default_shipping_address(self) -> Address | None:
        return self._default_address(self.default_shipping, billing=False)

    def _default_address(self, address_id: str | None, *, billing: bool) -> Address | None:
        # The customer names its defaults by address id, as a string ("0" or absent for none:
        # Customer/Api/Data/CustomerInterface::getDefaultBilling); each address also flags itself.
        for address in self.addresses:
            if address_id is not None and str(address.id) == address_id.strip():
                return address
        for address in self.addresses:
            if address.default_billing if billing else address.default_shipping:
                return address
        return None


@magento_schema("customer-data-customer-interface", Customer)
class CustomerDataCustomerInterfaceSchema(ModelSchema):
    """``customer-data-customer-interface`` -> :class:`Customer`."""
