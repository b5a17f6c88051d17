"""REST checkout: carts for guests (masked ids), customers (``mine``) and admins, items of every
buyable type, offline carriers, checkmo, cart price rules with coupons, and order placement.

The services, as Magento's service contracts split them, each built once by the backend with its
collaborators passed in: ``quote_management`` (QuoteManagement: carts created and read, placeOrder),
``cart_items`` (CartItemRepository), ``cart_totals`` (CartTotalRepository; every service collects
through it), ``coupons`` (CouponManagement), ``shipping`` (ShipmentEstimation,
ShippingInformationManagement), ``payment_information`` (PaymentInformationManagement),
``management`` (billing address, shipping and payment methods, totals routes, assignment, cart
search and save), ``rules`` (sales rules and coupons; ``rule_conditions`` their conditions) and
``quick_order`` (the seeder's shortcut through the same services).

Their parts: ``quote`` (storage, how routes address a cart, REST shapes), ``items`` (buy requests
-> lines), ``totals`` (collectors and carriers), ``payment`` (the offline methods), ``order``
(quote -> the order handed to ``OrderPlacement.place_order``; its docstring is the contract).
"""
from __future__ import annotations

from fake_magento.backend.checkout.quote import CartRef

__all__ = ["CartRef"]
