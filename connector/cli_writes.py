"""The fulfilment writes of ``magento-connector``: invoice, ship, add-track, refund, cancel, hold,
unhold, comment and ``stock set``, each through connector.operations.fulfilment (lines by SKU, a
write applied once even when its answer is lost)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from connector.cli_common import Settings, common, connected, emit, settings
from connector.operations.fulfilment import Fulfilment, SourceStock, Tracking, WriteResult

# Shipping carriers' titles as Magento's offline and online carriers name them (used when no --title).
CARRIER_TITLES = {"ups": "United Parcel Service", "usps": "United States Postal Service",
                  "fedex": "Federal Express", "dhl": "DHL", "custom": "Custom Value"}


def parse_lines(values: tuple[str, ...]) -> dict[str, float] | None:
    """``--line 24-MB01:2 --line 24-WB04/Blue:1`` -> ``{"24-MB01": 2.0, "24-WB04/Blue": 1.0}`` (the
    quantity follows the last colon, so a SKU may hold one); none means all that is left."""
    lines: dict[str, float] = {}
    for value in values:
        sku, sep, amount = value.rpartition(":")
        try:
            qty = float(amount)
        except ValueError:
            qty = -1.0
        if not sep or not sku or qty <= 0:
            raise click.BadParameter(f"{value!r} is not SKU:QTY", param_hint="--line")
        lines[sku] = lines.get(sku, 0.0) + qty
    return lines or None


def parse_track(value: str, title: str | None) -> Tracking:
    """``ups:1Z999`` -> a Tracking with Magento's carrier title when none is given."""
    carrier, sep, number = value.partition(":")
    if not sep or not carrier or not number:
        raise click.BadParameter(f"{value!r} is not CARRIER:NUMBER", param_hint="--track")
    return Tracking(number, carrier, title or CARRIER_TITLES.get(carrier, carrier))


line_option = click.option("--line", "lines", multiple=True, metavar="SKU:QTY",
                           help="A line by SKU and quantity (repeatable); none means all that is left.")
notify_option = click.option("--notify", is_flag=True, help="Email the customer.")
comment_option = click.option("--comment", default=None, help="A comment to add to the document.")


def document_done(s: Settings, kind: str, key: str, result: WriteResult, text: str) -> None:
    """A document write's answer: the new id, the order's state after it, what moved, what fell short."""
    order = result.order
    data = {"order_id": order.entity_id, key: result.document_id, "state": order.state, "status": order.status,
            "applied": result.applied, "short": result.short, "recovered": result.recovered}
    if result.recovered:
        text += " (its answer was lost; found on the order)"
    for item_id, missing in result.short.items():
        text += f"\nMagento {kind} {missing:g} less than asked of order item {item_id}."
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
    @line_option
    @click.option("--capture/--no-capture", default=True, show_default=True,
                  help="Capture the payment (online methods take the money; offline ones are marked paid).")
    @notify_option
    @comment_option
    @common
    @click.pass_context
    def invoice(ctx: click.Context, order_id: int, lines: tuple[str, ...], capture: bool, notify: bool,
                comment: str | None, config_file: str | None, as_json: bool) -> None:
        """Invoice an order: all that is left, or --line SKU:QTY."""
        s = settings(ctx, config_file, as_json)
        with connected(s) as client:
            result = Fulfilment(client).invoice(order_id, parse_lines(lines), capture=capture, notify=notify,
                                                comment=comment)
        document_done(s, "invoiced", "invoice_id", result,
                      f"Invoice {result.document_id} created for order {order_id}; the order is {result.order.state}.")

    @main.command()
    @click.argument("order_id", type=int)
    @line_option
    @click.option("--track", "tracks", multiple=True, metavar="CARRIER:NUMBER",
                  help="A tracking number, e.g. ups:1Z999AA10123456784 (repeatable).")
    @click.option("--title", default=None, help="The carrier title shown with the tracks.")
    @notify_option
    @comment_option
    @common
    @click.pass_context
    def ship(ctx: click.Context, order_id: int, lines: tuple[str, ...], tracks: tuple[str, ...], title: str | None,
             notify: bool, comment: str | None, config_file: str | None, as_json: bool) -> None:
        """Ship an order (all that is left, or --line SKU:QTY), with tracking numbers."""
        s = settings(ctx, config_file, as_json)
        with connected(s) as client:
            tracking = [parse_track(t, title) for t in tracks]
            result = Fulfilment(client).ship(order_id, parse_lines(lines), tracks=tracking, notify=notify,
                                             comment=comment)
        document_done(s, "shipped", "shipment_id", result,
                      f"Shipment {result.document_id} created for order {order_id}; the order is "
                      f"{result.order.state}.")

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
        tracking = parse_track(track, title)
        with connected(s) as client:
            track_id = Fulfilment(client).add_track(shipment_id, tracking)
        emit(s, {"shipment_id": shipment_id, "track_id": track_id, "carrier_code": tracking.carrier_code,
                 "title": tracking.title, "number": tracking.number},
             f"Track {track_id} ({tracking.title} {tracking.number}) added to shipment {shipment_id}.")

    @main.command()
    @click.argument("order_id", type=int)
    @line_option
    @click.option("--invoice", "invoice_id", type=int, default=None,
                  help="Refund against this invoice of the order (offline) instead of the order.")
    @click.option("--return-to-stock", is_flag=True, help="Put the refunded items back in stock.")
    @click.option("--shipping-amount", type=float, default=None, help="Shipping to refund (default: Magento's).")
    @click.option("--adjustment-positive", type=float, default=None, help="Adjustment refund.")
    @click.option("--adjustment-negative", type=float, default=None, help="Adjustment fee.")
    @notify_option
    @comment_option
    @common
    @click.pass_context
    def refund(ctx: click.Context, order_id: int, lines: tuple[str, ...], invoice_id: int | None,
               return_to_stock: bool, shipping_amount: float | None, adjustment_positive: float | None,
               adjustment_negative: float | None, notify: bool, comment: str | None, config_file: str | None,
               as_json: bool) -> None:
        """Refund offline: the whole order, some lines (--line SKU:QTY), or against one invoice."""
        s = settings(ctx, config_file, as_json)
        amounts: dict[str, Any] = {"return_to_stock": return_to_stock, "shipping_amount": shipping_amount,
                                   "adjustment_positive": adjustment_positive,
                                   "adjustment_negative": adjustment_negative, "notify": notify, "comment": comment}
        with connected(s) as client:
            ops = Fulfilment(client)
            if invoice_id is not None:
                owner = client.invoices.get(invoice_id).order_id
                if owner != order_id:
                    raise click.BadParameter(f"invoice {invoice_id} belongs to order {owner}, not {order_id}",
                                             param_hint="--invoice")
                result = ops.refund_invoice(invoice_id, parse_lines(lines), online=False, **amounts)
            else:
                result = ops.refund(order_id, parse_lines(lines), **amounts)
        what = f"invoice {invoice_id} of order {order_id}" if invoice_id is not None else f"order {order_id}"
        document_done(s, "refunded", "creditmemo_id", result,
                      f"Credit memo {result.document_id} created for {what}; the order is {result.order.state}.")

    def order_action(name: str, summary: str, call: Callable[[Fulfilment, int], bool]) -> None:
        @main.command(name, help=summary)
        @click.argument("order_id", type=int)
        @common
        @click.pass_context
        def action(ctx: click.Context, order_id: int, config_file: str | None, as_json: bool) -> None:
            s = settings(ctx, config_file, as_json)
            with connected(s) as client:
                answer = call(Fulfilment(client), order_id)
            boolean_answer(s, name, order_id, answer)

    order_action("cancel", "Cancel an order.", lambda ops, order_id: ops.cancel(order_id))
    order_action("hold", "Put an order on hold.", lambda ops, order_id: ops.hold(order_id))
    order_action("unhold", "Release an order from hold.", lambda ops, order_id: ops.unhold(order_id))

    @main.command()
    @click.argument("order_id", type=int)
    @click.argument("text")
    @click.option("--status", default=None, help="Set the order status with the comment (default: unchanged).")
    @notify_option
    @click.option("--visible", is_flag=True, help="Show the comment to the customer.")
    @common
    @click.pass_context
    def comment(ctx: click.Context, order_id: int, text: str, status: str | None, notify: bool, visible: bool,
                config_file: str | None, as_json: bool) -> None:
        """Add a comment to an order's history."""
        s = settings(ctx, config_file, as_json)
        with connected(s) as client:
            added = Fulfilment(client).comment(order_id, text, status=status, notify=notify, visible_on_front=visible)
        emit(s, {"order_id": order_id, "added": added}, f"Comment added to order {order_id}.")

    @main.group()
    def stock() -> None:
        """Stock updates: legacy stock items, or MSI source items (--source)."""

    @stock.command("set")
    @click.argument("sku")
    @click.argument("quantity", type=float)
    @click.option("--source", default=None, help="An MSI source code: set the quantity on that source.")
    @click.option("--in-stock/--out-of-stock", "in_stock", default=None,
                  help="The stock status (default: in stock when the quantity is above 0).")
    @click.option("--async", "queued", is_flag=True, help="Send it through async/bulk/V1 (Magento's queue).")
    @click.option("--wait", type=float, default=None, metavar="SECONDS",
                  help="With --async: poll the bulk status up to this long.")
    @common
    @click.pass_context
    def stock_set(ctx: click.Context, sku: str, quantity: float, source: str | None, in_stock: bool | None,
                  queued: bool, wait: float | None, config_file: str | None, as_json: bool) -> None:
        """Set SKU's quantity (absolute, so a rerun cannot double it)."""
        s = settings(ctx, config_file, as_json)
        status = quantity > 0 if in_stock is None else in_stock
        where = f"on source {source}" if source is not None else "in the legacy stock item"
        data: dict[str, Any] = {"sku": sku, "quantity": quantity, "in_stock": status, "source_code": source}
        text = f"{sku}: {quantity:g} {where} ({'in' if status else 'out of'} stock)."
        with connected(s) as client:
            ops = Fulfilment(client)
            sources = [SourceStock(sku, source, quantity, status)] if source is not None else []
            if queued:
                receipt = (ops.update_source_stock_async(sources) if sources
                           else ops.update_stock_async({sku: quantity}, in_stock=status))
                data["bulk_uuid"] = receipt.bulk_uuid
                text += f" Queued as bulk {receipt.bulk_uuid}."
                if wait is not None:
                    bulk = ops.wait(receipt, timeout=wait)
                    data["bulk_open"], data["bulk_failed"] = bulk.open, len(bulk.failed)
                    text += (" Done." if bulk.done and not bulk.failed
                             else f" {bulk.open} open, {len(bulk.failed)} failed after {wait:g} s.")
            elif sources:
                ops.set_source_stock(sources)
            else:
                data["item_id"] = ops.set_stock(sku, quantity, in_stock=status)
        emit(s, data, text)
