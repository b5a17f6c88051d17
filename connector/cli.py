"""``magento-connector``: the three integrations from the command line.

``customer EMAIL`` (the support view), ``pull orders|customers|products`` (the incremental sync) and
the fulfilment writes (``invoice``, ``ship``, ``add-track``, ``refund``, ``cancel``, ``hold``,
``unhold``, ``comment``, ``stock set``). Human-readable output by default, ``--json`` for machines.
A Magento error prints Magento's message and exits 1; a configuration or usage error exits 2.
"""
from __future__ import annotations

from pathlib import Path

import click

from connector.cli_common import Settings, common, connected, emit, settings
from connector.cli_writes import register_writes

HELP = """\
Talk to a Magento 2.4 store through its admin REST API.

\b
Configuration: --config FILE (JSON), or else the MAGENTO_* environment.
The JSON is the shape integration platforms store:
  {"url": "https://shop.example.com",
   "consumerKey": "...", "consumerSecret": "...",
   "accessToken": "...", "accessTokenSecret": "...",
   "type": "V1"}
Optional keys: "store" (store view code), "timeout" (seconds), "max_retries",
"adminPath" (the admin front name for deep links, default "admin"),
"productUrlSuffix" (default ".html"), and the watermarks "orders_last_pull",
"customers_last_pull", "products_last_pull" ("YYYY-MM-DD HH:MM:SS", UTC).
"type" is "V1", or "async/V1" to send product and stock writes as async bulk
operations.

\b
Three ways to sign in:
  OAuth 1.0a   the integration's four keys (System > Integrations), signed
               HMAC-SHA256
  Bearer       "token": an admin or integration access token
  Admin login  "username" + "password": an admin token is fetched, and
               renewed when it expires or is refused

\b
Environment: MAGENTO_URL, MAGENTO_CONSUMER_KEY, MAGENTO_CONSUMER_SECRET,
MAGENTO_ACCESS_TOKEN, MAGENTO_ACCESS_TOKEN_SECRET, MAGENTO_TYPE,
MAGENTO_TOKEN, MAGENTO_USERNAME, MAGENTO_PASSWORD, MAGENTO_STORE_CODE,
MAGENTO_TIMEOUT, MAGENTO_MAX_RETRIES, MAGENTO_ADMIN_PATH,
MAGENTO_PRODUCT_URL_SUFFIX, MAGENTO_ORDERS_LAST_PULL,
MAGENTO_CUSTOMERS_LAST_PULL, MAGENTO_PRODUCTS_LAST_PULL.

\b
Examples:
  magento-connector --config shop.json customer jane@example.com
  magento-connector pull orders --out orders.jsonl --state orders.state.json
  magento-connector ship 42 --track ups:1Z999AA10123456784
  magento-connector stock set 24-MB01 15 --source default
"""


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="JSON configuration file (else the MAGENTO_* environment).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--store", default=None, help="Store view code for the calls (overrides the configuration).")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, as_json: bool, store: str | None) -> None:
    ctx.obj = Settings(config_file, as_json, store)


@main.command()
@click.argument("email")
@click.option("--website", default=None, help="Website code (or id), when the email has accounts on several.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=0), help="Newest orders shown.")
@click.option("--url-suffix", default=None, envvar="MAGENTO_PRODUCT_URL_SUFFIX",
              help="Product URL suffix (catalog/seo/product_url_suffix). [default: .html]")
@common
@click.pass_context
def customer(ctx: click.Context, email: str, website: str | None, limit: int, url_suffix: str | None,
             config_file: str | None, as_json: bool) -> None:
    """Look a customer up by email: the account, the newest orders (guest orders with the same email
    included) with deep links into the admin, tracking, lines and storefront URLs, and lifetime sales."""
    from connector.cli_output import profile_text
    from connector.operations.profile import AmbiguousCustomer, CustomerProfiles

    s = settings(ctx, config_file, as_json)
    with connected(s) as client:
        try:
            profile = CustomerProfiles(client, url_suffix=url_suffix).lookup(email, website=website, limit=limit)
        except AmbiguousCustomer as exc:
            raise AmbiguousCustomer(exc.message.replace("choose the website.", "choose one with --website "
                                                        + " or --website ".join(exc.websites) + "."),
                                    exc.websites) from None
    emit(s, profile.to_dict(), lambda: profile_text(profile))


@main.command()
@click.argument("entity", type=click.Choice(["orders", "customers", "products"]))
@click.option("--since", default=None, help='Start here ("YYYY-MM-DD HH:MM:SS" UTC, inclusive) instead of the '
                                            "state's watermark.")
@click.option("--state", "state_file", type=click.Path(dir_okay=False), default=None,
              help="State file keeping the watermark. [default: <out>.state.json]")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="JSON lines output, appended to. [default: <entity>.jsonl]")
@click.option("--page-size", default=None, type=click.IntRange(min=1), help="Records a request. [default: 300]")
@click.option("--overlap", default=0, show_default=True, type=click.IntRange(min=0),
              help="Seconds before the watermark read again, for late commits.")
@common
@click.pass_context
def pull(ctx: click.Context, entity: str, since: str | None, state_file: str | None, out_file: str | None,
         page_size: int | None, overlap: int, config_file: str | None, as_json: bool) -> None:
    """Append the ENTITY records changed since the last run to a JSON lines file, and keep the
    watermark in a state file: nothing lost or written twice, even if interrupted and rerun."""
    from connector.cli_output import PullBar, pull_text
    from connector.operations.pull import DEFAULT_PAGE_SIZE
    from connector.operations.pull import pull as run_pull

    s = settings(ctx, config_file, as_json)
    out = Path(out_file or f"{entity}.jsonl")
    state = Path(state_file or f"{out}.state.json")
    with connected(s) as client, PullBar(entity, enabled=not s.json) as bar:
        summary = run_pull(client, entity, out, state, since=since, page_size=page_size or DEFAULT_PAGE_SIZE,
                           overlap=overlap, on_page=bar.update)
    data = {"entity": summary.entity, "output": str(summary.output), "state": str(summary.state),
            "since": summary.since, "watermark": summary.watermark, "records": summary.records,
            "skipped": summary.skipped, "requests": summary.requests, "bytes_written": summary.bytes_written,
            "recovered_bytes": summary.recovered_bytes}
    emit(s, data, lambda: pull_text(summary))


register_writes(main)


if __name__ == "__main__":  # pragma: no cover
    main()
