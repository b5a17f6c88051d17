"""The fulfilment writes of ``magento-connector``: invoice, ship, add-track, refund, cancel, hold,
unhold, comment and ``stock set``.

Each command is one Magento service call (plus, where Magento needs an id the user should not have
to look up, one read: the shipment's order for a track, the stock item's id, the order's items to
return to stock). Writes are never retried blindly (see connector.transport)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from connector.cli_common import Settings, common, connected, emit, settings

# Shipping carriers' titles as Magento's offline and online carriers name them (used when no --title).
CARRIER_TITLES = {"ups": "United Parcel Service", "usps": "United States Postal Service",
                  "fedex": "Federal Express", "dhl": "DHL", "custom": "Custom Value"}


def parse_items(values: tuple[str, ...]) -> dict[int, float] | None:
    """``--item 12:1 --item 13:2`` -> ``{12: 1.0, 13: 2.0}``; none means every item (Magento's default)."""
    items: dict[int, float] = {}
    for value in values:
        item_id, sep, amount = value.partition(":")
        try:
            items[int(item_id)] = float(amount) if sep else 1.0
        except ValueError:
            raise click.BadParameter(f"{value!r} is not ORDER_ITEM_ID:QTY", param_hint="--item") from None
    return items or None


def parse_tracks(values: tuple[str, ...], title: str | None) -> list[dict[str, Any]]:
    """``--track ups:1Z999`` -> Magento's ``{"carrier_code", "title", "track_number"}``."""
    tracks = []
    for value in values:
        carrier, sep, number = value.partition(":")
        if not sep or not carrier or not number:
            raise click.BadParameter(f"{value!r} is not CARRIER:NUMBER", param_hint="--track")
        tracks.append({"carrier_code": carrier, "title": title or CARRIER_TITLES.get(carrier, carrier),
                       "track_number": number})
    return tracks


item_option = click.option("--item", "items", multiple=True, metavar="ITEM_ID:QTY",
                           help="An order item and its quantity (repeatable); none means every item.")
notify_option = click.option("--notify", is_flag=True, help="Email the customer.")
comment_option = click.option("--comment", default=None, help="A comment to add to the document.")


def done(s: Settings, data: dict[str, Any], text: str) -> None:
    emit(s, data, text)


def boolean_answer(s: Settings, action: str, order_id: int, answer: bool) -> None:
    """cancel/hold/unhold answer true or false (false: Magento could not, e.g. a complete order)."""
    data = {"order_id": order_id, "action": action, "done": answer}
    if answer:
        emit(s, data, f"Order {order_id}: {action} done.")
        return
    emit(s, data, f"Order {order_id}: Magento did not {action} it (it answered false).")
    raise SystemExit(1)


def register_writes(main: click.Group) -> None:
    @main.command()
    @click.argument("order_id", type=int)
    @item_option
    @click.option("--capture", is_flag=True, help="Capture the payment (online methods take the money).")
    @notify_option
    @comment_option
    @common
    @click.pass_context
    def invoice(ctx: click.Context, order_id: int, items: tuple[str, ...], capture: bool, notify: bool,
                comment: str | None, config_file: str | None, as_json: bool) -> None:
        """Invoice an order (all of it, or --item ITEM_ID:QTY)."""
        s = settings(ctx, config_file, as_json)
        with connected(s) as client:
            invoice_id = client.orders.invoice(order_id, parse_items(items), capture=capture, notify=notify,
                                               comment=comment)
        done(s, {"order_id": order_id, "invoice_id": invoice_id}, f"Invoice {invoice_id} created for order {order_id}.")

    @main.command()
    @click.argument("order_id", type=int)
    @item_option
    @click.option("--track", "tracks", multiple=True, metavar="CARRIER:NUMBER",
                  help="A tracking number, e.g. ups:1Z999AA10123456784 (repeatable).")
    @click.option("--title", default=None, help="The carrier title shown with the tracks.")
    @notify_option
    @comment_option
    @common
    @click.pass_context
    def ship(ctx: click.Context, order_id: int, items: tuple[str, ...], tracks: tuple[str, ...], title: str | None,
             notify: bool, comment: str | None, config_file: str | None, as_json: bool) -> None:
        """Ship an order (all of it, or --item ITEM_ID:QTY), with tracking numbers."""
        s = settings(ctx, config_file, as_json)
        with connected(s) as client:
            shipment_id = client.orders.ship(order_id, parse_items(items), tracks=parse_tracks(tracks, title),
                                             notify=notify, comment=comment)
        done(s, {"order_id": order_id, "shipment_id": shipment_id},
             f"Shipment {shipment_id} created for order {order_id}.")

    @main.command("add-track")
    @click.argument("shipment_id", type=int)
    @click.argument("track", metavar="CARRIER:NUMBER")
    @click.option("--title", default=None, help="The carrier title.")
    @common
    @click.pass_context
    def add_track(ctx: click.Context, shipment_id: int, track: str, title: str | None, config_file: str | None,
                  as_json: bool) -> None:
        """Add a tracking number to an existing shipment."""
        s = settings(ctx, config_file, as_json)
        (entry,) = parse_tracks((track,), title)
        with connected(s) as client:
            order_id = client.shipments.get(shipment_id).order_id
            track_id = client.shipments.add_track(shipment_id, int(order_id or 0), entry["track_number"],
                                                  carrier_code=entry["carrier_code"], title=entry["title"])
        done(s, {"shipment_id": shipment_id, "order_id": order_id, "track_id": track_id},
             f"Track {track_id} ({entry['title']} {entry['track_number']}) added to shipment {shipment_id}.")

    @main.command()
    @click.argument("order_id", type=int)
    @item_option
    @click.option("--invoice", "invoice_id", type=int, default=None,
                  help="Refund this invoice of the order (offline) instead of the order.")
    @click.option("--return-to-stock", is_flag=True, help="Put the refunded items back in stock.")
    @click.option("--shipping-amount", type=float, default=None, help="Shipping to refund (default: Magento's).")
    @click.option("--adjustment-positive", type=float, default=None, help="Adjustment refund.")
    @click.option("--adjustment-negative", type=float, default=None, help="Adjustment fee.")
    @notify_option
    @comment_option
    @common
    @click.pass_context
    def refund(ctx: click.Context, order_id: int, items: tuple[str, ...], invoice_id: int | None,
               return_to_stock: bool, shipping_amount: float | None, adjustment_positive: float | None,
               adjustment_negative: float | None, notify: bool, comment: str | None, config_file: str | None,
               as_json: bool) -> None:
        """Refund offline: the whole order, some items (--item), or one invoice (--invoice)."""
        s = settings(ctx, config_file, as_json)
        chosen = parse_items(items)
        with connected(s) as client:
            stock: list[int] | None = None
            if return_to_stock:
                stock = list(chosen) if chosen else [i.item_id for i in client.orders.get(order_id).items]
            amounts: dict[str, Any] = {
                "shipping_amount": shipping_amount, "adjustment_positive": adjustment_positive,
                "adjustment_negative": adjustment_negative, "return_to_stock": stock}
            if invoice_id is not None:
                creditmemo_id = client.invoices.refund(invoice_id, chosen, online=False, notify=notify,
                                                       comment=comment, **amounts)
            else:
                creditmemo_id = client.orders.refund(order_id, chosen, notify=notify, comment=comment, **amounts)
        what = f"invoice {invoice_id} of order {order_id}" if invoice_id is not None else f"order {order_id}"
        done(s, {"order_id": order_id, "invoice_id": invoice_id, "creditmemo_id": creditmemo_id,
                 "returned_to_stock": stock or []}, f"Credit memo {creditmemo_id} created for {what}.")

    def order_action(name: str, summary: str, call: Callable[[Any, int], bool]) -> None:
        @main.command(name, help=summary)
        @click.argument("order_id", type=int)
        @common
        @click.pass_context
        def action(ctx: click.Context, order_id: int, config_file: str | None, as_json: bool) -> None:
            s = settings(ctx, config_file, as_json)
            with connected(s) as client:
                answer = call(client, order_id)
            boolean_answer(s, name, order_id, answer)

    order_action("cancel", "Cancel an order.", lambda client, order_id: bool(client.orders.cancel(order_id)))
    order_action("hold", "Put an order on hold.", lambda client, order_id: bool(client.orders.hold(order_id)))
    order_action("unhold", "Release an order from hold.",
                 lambda client, order_id: bool(client.orders.unhold(order_id)))

    @main.command()
    @click.argument("order_id", type=int)
    @click.argument("text")
    @click.option("--status", default=None, help="Set the order status with the comment.")
    @notify_option
    @click.option("--visible", is_flag=True, help="Show the comment to the customer.")
    @common
    @click.pass_context
    def comment(ctx: click.Context, order_id: int, text: str, status: str | None, notify: bool, visible: bool,
                config_file: str | None, as_json: bool) -> None:
        """Add a comment to an order's history."""
        s = settings(ctx, config_file, as_json)
        with connected(s) as client:
            added = client.orders.add_comment(order_id, text, status=status, notify=notify, visible_on_front=visible)
        done(s, {"order_id": order_id, "added": added}, f"Comment added to order {order_id}.")

    @main.group()
    def stock() -> None:
        """Stock updates: legacy stock items, or MSI source items (--source)."""

    @stock.command("set")
    @click.argument("sku")
    @click.argument("quantity", type=float)
    @click.option("--source", default=None, help="An MSI source code: set the quantity on that source.")
    @click.option("--in-stock/--out-of-stock", "in_stock", default=None,
                  help="The stock status (default: in stock when the quantity is above 0).")
    @common
    @click.pass_context
    def stock_set(ctx: click.Context, sku: str, quantity: float, source: str | None, in_stock: bool | None,
                  config_file: str | None, as_json: bool) -> None:
        """Set SKU's quantity (absolute, so a rerun cannot double it)."""
        s = settings(ctx, config_file, as_json)
        status = quantity > 0 if in_stock is None else in_stock
        with connected(s) as client:
            if source is not None:
                answer = client.source_items.save([{"sku": sku, "source_code": source, "quantity": quantity,
                                                    "status": int(status)}])
                data = {"sku": sku, "source_code": source, "quantity": quantity, "status": int(status),
                        "answer": answer}
                text = f"{sku}: {quantity:g} on source {source} ({'in' if status else 'out of'} stock)."
            else:
                item_id = client.stock_items.get(sku).item_id
                answer = client.stock_items.update(sku, int(item_id or 0), quantity, is_in_stock=status)
                data = {"sku": sku, "item_id": item_id, "quantity": quantity, "is_in_stock": status,
                        "answer": answer}
                text = f"{sku}: stock item {item_id} set to {quantity:g} ({'in' if status else 'out of'} stock)."
            if isinstance(answer, dict) and answer.get("bulk_uuid"):
                text += f" Queued as bulk {answer['bulk_uuid']}."
        done(s, data, text)
