"""Shipments: ``sales-data-shipment-interface``, its items, tracks and comments."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from connector.models.base import MagentoModel, ModelSchema, magento_schema


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class ShipmentItem(MagentoModel):
    """One shipped line."""

    additional_data: str | None = None
    description: str | None = None
    entity_id: int | None = None
    name: str | None = None
    parent_id: int | None = None
    price: float | None = None
    product_id: int | None = None
    row_total: float | None = None
    sku: str | None = None
    weight: float | None = None
    order_item_id: int | None = None
    qty: float | None = None


@magento_schema("sales-data-shipment-item-interface", ShipmentItem)
class SalesDataShipmentItemInterfaceSchema(ModelSchema):
    """``sales-data-shipment-item-interface`` -> :class:`ShipmentItem`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class ShipmentComment(MagentoModel):
    """One shipment comment."""

    is_customer_notified: int | None = None
    parent_id: int | None = None
    comment: str | None = None
    is_visible_on_front: int | None = None
    created_at: str | None = None
    entity_id: int | None = None


@magento_schema("sales-data-shipment-comment-interface", ShipmentComment)
class SalesDataShipmentCommentInterfaceSchema(ModelSchema):
    """``sales-data-shipment-comment-interface`` -> :class:`ShipmentComment`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Track(MagentoModel):
    """A shipment's tracking number."""

    order_id: int | None = None
    created_at: str | None = None
    entity_id: int
    parent_id: int | None = None
    updated_at: str | None = None
    weight: float | None = None
    qty: float | None = None
    description: str | None = None
    track_number: str | None = None
    title: str | None = None
    carrier_code: str | None = None


@magento_schema("sales-data-shipment-track-interface", Track)
class SalesDataShipmentTrackInterfaceSchema(ModelSchema):
    """``sales-data-shipment-track-interface`` -> :class:`Track`."""


@dataclass(frozen=True, kw_only=True, slots=True, repr=False)
class Shipment(MagentoModel):
    """A shipment (``GET /V1/shipment/{id}``) with its items, tracks and comments."""

    billing_address_id: int | None = None
    created_at: str | None = None
    customer_id: int | None = None
    email_sent: int | None = None
    entity_id: int
    increment_id: str | None = None
    order_id: int | None = None
    packages: list[dict[str, Any]] = field(default_factory=list)    # package objects, as received
    shipment_status: int | None = None
    shipping_address_id: int | None = None
    shipping_label: str | None = None
    store_id: int | None = None
    total_qty: float | None = None
    total_weight: float | None = None
    updated_at: str | None = None
    items: list[ShipmentItem] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    comments: list[ShipmentComment] = field(default_factory=list)


@magento_schema("sales-data-shipment-interface", Shipment)
class SalesDataShipmentInterfaceSchema(ModelSchema):
    """``sales-data-shipment-interface`` -> :class:`Shipment`."""
