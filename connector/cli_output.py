"""Human-readable output of ``magento-connector``: the customer profile, pull summaries and the pull's
progress bar (on stderr, so stdout stays clean)."""
from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import click

if TYPE_CHECKING:
    from connector.models import Address
    from connector.operations.profile import CustomerProfile, ProfileLine, ProfileOrder
    from connector.operations.pull import PullProgress, PullSummary


def money(amount: float, currency: str | None = None) -> str:
    return f"{currency + ' ' if currency else ''}{amount:,.2f}"


def qty(value: float) -> str:
    return f"{value:g}"


def totals(sums: dict[str, float]) -> str:
    return ", ".join(money(amount, currency or None) for currency, amount in sums.items()) or money(0)


def address_text(address: Address | None) -> str:
    if address is None:
        return "none"
    region = address.region.region if address.region is not None else None
    parts = [" ".join(p for p in (address.firstname, address.lastname) if p), address.company,
             ", ".join(address.street), address.city, " ".join(p for p in (region, address.postcode) if p),
             address.country_id, address.telephone]
    return ", ".join(p for p in parts if p)


def profile_text(profile: CustomerProfile) -> str:
    site = profile.website
    lines = [f"{profile.name} <{profile.email}>  customer {profile.customer_id} on website {site.code}"
             + (f" ({site.name})" if site.name else ""),
             f"  admin:            {profile.admin_url}",
             f"  customer since:   {profile.customer_since or 'unknown'}",
             f"  billing address:  {address_text(profile.default_address)}",
             f"  orders:           {profile.total_orders}",
             f"  lifetime sales:   {totals(profile.lifetime_sales)} (canceled orders excluded)"]
    if profile.account_lifetime_sales != profile.lifetime_sales:
        lines.append(f"                    {totals(profile.account_lifetime_sales)} without guest orders "
                     "(the admin's figure)")
    if profile.orders:
        shown = len(profile.orders)
        lines += ["", f"Newest {shown} of {profile.total_orders} orders:" if shown < profile.total_orders
                  else f"Orders ({shown}):"]
    for order in profile.orders:
        lines += ["", *order_text(order)]
    return "\n".join(lines)


def order_text(order: ProfileOrder) -> list[str]:
    o = order.order
    flags = ["fulfilled" if order.fulfilled else "not fulfilled"] + (["guest"] if order.is_guest else [])
    head = (f"#{order.increment_id}  {o.created_at}  {o.status}  {money(order.total, order.currency)}"
            f"  discount {money(order.discount)}  {', '.join(flags)}")
    out = [head, f"  admin:    {order.admin_url}"]
    for track in order.tracks:
        out.append(f"  tracking: {track.title or track.carrier_code} {track.track_number}")
    for line in order.lines:
        out += line_text(line, "  ")
    return out


def line_text(line: ProfileLine, indent: str) -> list[str]:
    text = f"{indent}{qty(line.qty)} x {line.name} [{line.sku}] at {money(line.unit_price)}"
    if line.product_url:
        text += f"  {line.product_url}"
    out = [text]
    for component in line.components:
        out += line_text(component, indent + "    + ")
    return out


def pull_text(summary: PullSummary) -> str:
    text = (f"Pulled {summary.records} {summary.entity} into {summary.output}"
            f" ({summary.skipped} already written, {summary.requests} request"
            f"{'' if summary.requests == 1 else 's'}).")
    if summary.recovered_bytes:
        text += f"\nCut {summary.recovered_bytes} bytes an interrupted run had left unrecorded."
    text += f"\nNext run starts at {summary.watermark or 'the beginning'}; state in {summary.state}."
    return text


class PullBar:
    """A progress bar once a pull turns out longer than one page (``remaining`` after a page)."""

    def __init__(self, entity: str, *, enabled: bool = True) -> None:
        self.entity, self.enabled = entity, enabled
        self.bar: Any = None
        self.done = 0

    def update(self, progress: PullProgress) -> None:
        if not self.enabled:
            return
        done = progress.records + progress.skipped
        remaining = progress.remaining or 0
        if self.bar is None:
            if remaining <= 0:
                return
            self.bar = click.progressbar(length=done + remaining, label=f"Pulling {self.entity}",
                                         file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.length = max(done + remaining, done)
        self.bar.update(done - self.done)
        self.done = done

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.__exit__(kind, value, traceback)
