"""Customers, as Magento's service contracts split them; each service is built once by the backend
with its collaborators passed in.

Module map: ``repository`` (CustomerRepository: get, getList, save, delete over ``customer_entity``),
``account`` (AccountManagement: createAccount, authenticate, passwords, reset tokens, confirmation),
``addresses`` (AddressRepository and the address validators), ``groups`` (GroupRepository,
GroupManagement), ``metadata`` (CustomerMetadata, AddressMetadata), ``lookups`` (ids, stores and
websites as the registries look them up).
"""
from __future__ import annotations

from fake_magento.backend.customers.account import AccountManagement, check_password_strength
from fake_magento.backend.customers.addresses import AddressRepository, validate_address
from fake_magento.backend.customers.groups import GROUPS, GroupManagement, GroupRepository
from fake_magento.backend.customers.metadata import AttributeMetadata
from fake_magento.backend.customers.repository import CUSTOMERS, EMAIL, CustomerRepository, no_such_customer

__all__ = ["CUSTOMERS", "EMAIL", "GROUPS", "AccountManagement", "AddressRepository", "AttributeMetadata",
           "CustomerRepository", "GroupManagement", "GroupRepository", "check_password_strength",
           "no_such_customer", "validate_address"]
