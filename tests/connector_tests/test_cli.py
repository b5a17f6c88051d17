"""``magento-connector`` with click's CliRunner against the emulator (default profile, seed 42) over a
real socket. Each write test acts on its own seeded order, so the tests do not depend on each other's
order (orders of customer 1, whom the customer tests read, are never written to here)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from connector.cli import main
from connector.config import _ENV
from connector.search import SearchCriteria
from fake_magento import ThreadedServer

from tests.support.emulator import emulator_config, emulator_credentials

pytestmark = pytest.mark.socket
EMAIL = "rodney.owens.1@example.com"
NO_ENV: dict[str, str | None] = {f"MAGENTO_{key}": None for key in _ENV} | {"MAGENTO_PRODUCT_URL_SUFFIX": None}


@pytest.fixture(scope="module")
def config_file(emulator: ThreadedServer, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "shop.json"
    path.write_text(json.dumps(emulator_config(emulator).to_dict()))
    return str(path)


def cli(*args: str, config: str | None = None, env: dict[str, str | None] | None = None) -> Result:
    argv = (["--config", config] if config else []) + list(args)
    return CliRunner().invoke(main, argv, env={**NO_ENV, **(env or {})})


@pytest.fixture(scope="module")
def run(config_file: str) -> Any:
    return lambda *args, **kw: cli(*args, config=config_file, **kw)


def test_help_explains_the_configuration():
    result = cli("--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for key in _ENV:
        assert f"MAGENTO_{key}" in text
    for words in ('"consumerKey": "..."', '"accessTokenSecret": "..."', '"type": "V1"', "MAGENTO_PRODUCT_URL_SUFFIX",
                  "OAuth 1.0a", 'Bearer "token"', 'Admin login "username" + "password"', "renewed when it expires"):
        assert words in text
    for command in ("customer", "pull", "invoice", "ship", "add-track", "refund", "cancel", "hold", "unhold",
                    "comment", "stock"):
        assert f"\n  {command} " in result.stdout


# -- customer -----------------------------------------------------------------------------------------
def test_customer_human_readable(run, emulator):
    result = run("customer", EMAIL, "--website", "base", "--limit", "2")
    assert result.exit_code == 0, result.output
    url = emulator.url
    assert result.stdout.splitlines() == [
        "Rodney Owens <rodney.owens.1@example.com>  customer 1 on website base (Main Website)",
        f"  admin:            {url}/admin/customer/index/edit/id/1/",
        "  customer since:   2026-01-08 18:03:43",
        "  billing address:  Rodney Owens, 5133 Amanda Dam, Lake Deniseville, California 81080, US, (555) 624-7317",
        "  orders:           12",
        "  lifetime sales:   USD 1,889.65 (canceled orders excluded)",
        "",
        "Newest 2 of 12 orders:",
        "",
        "#000000025  2025-11-06 13:29:49  holded  USD 99.69  discount 0.00  not fulfilled",
        f"  admin:    {url}/admin/sales/order/view/order_id/25/",
        f"  1 x Abominable Bag 6 [BA06-MistyRose] at 59.33  {url}/abominable-bag-6.html",
        f"  2 x Cassius Bag 16 [BA16-Navy] at 12.68  {url}/cassius-bag-16.html",
        "",
        "#000000022  2025-10-31 11:48:38  pending  USD 227.46  discount 0.00  not fulfilled",
        f"  admin:    {url}/admin/sales/order/view/order_id/22/",
        f"  3 x Gobi Pants 14 [PA14-WhiteSmoke] at 70.82  {url}/gobi-pants-14.html"]


def test_customer_json_with_a_bundle_and_tracks(run, emulator):
    result = run("customer", EMAIL, "--website", "base", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["customer"]["id"], body["customer"]["admin_url"], body["total_orders"], body["lifetime_sales"]) == (
        1, f"{emulator.url}/admin/customer/index/edit/id/1/", 12, {"USD": 1889.65})
    assert [o["order_id"] for o in body["orders"]] == [25, 22, 20, 19, 16, 13, 12, 9, 6, 4]
    bundle = body["orders"][2]["lines"][2]
    assert (bundle["sku"], [c["sku"] for c in bundle["components"]]) == (
        "24-WG080-MH01-M-Black-24-WB04/Blue", ["MH01-M-Black", "24-WB04/Blue"])
    assert body["orders"][4]["tracking"] == [{"carrier_code": "dhl", "title": "DHL", "number": "JD2480861317"}]


def test_customer_text_shows_bundle_components_and_tracking(run, emulator):
    lines = run("customer", EMAIL, "--website", "base", "--limit", "6").stdout.splitlines()
    assert f"      + 2 x Breathe-Easy Jacket 2 [24-WB04/Blue] at 83.62  {emulator.url}/breathe-easy-jacket-2.html" in lines
    assert "  tracking: DHL JD2480861317" in lines
    assert "#000000016  2025-10-15 05:59:14  complete  USD 114.00  discount 0.00  fulfilled" in lines


def test_customer_on_two_websites_names_them(run):
    result = run("customer", EMAIL)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == ("Error: 'rodney.owens.1@example.com' has an account on 2 websites (base, eu); "
                             "choose one with --website base or --website eu.\n")
    as_json = run("customer", EMAIL, "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stderr) == {"error": {
        "type": "AmbiguousCustomer", "websites": ["base", "eu"],
        "message": "'rodney.owens.1@example.com' has an account on 2 websites (base, eu); "
                   "choose one with --website base or --website eu."}}


def test_customer_unknown(run):
    result = run("customer", "nobody@example.com")
    assert (result.exit_code, result.stderr) == (1, "Error: No customer account with email 'nobody@example.com'.\n")


@pytest.mark.parametrize("mode", ["oauth", "admin", "token"])
def test_configuration_from_the_environment_in_each_auth_mode(emulator, mode):
    config = emulator_config(emulator, mode)
    env = {"MAGENTO_URL": config.url}
    if mode == "oauth":
        env.update(MAGENTO_CONSUMER_KEY=config.consumer_key, MAGENTO_CONSUMER_SECRET=config.consumer_secret,
                   MAGENTO_ACCESS_TOKEN=config.access_token, MAGENTO_ACCESS_TOKEN_SECRET=config.access_token_secret)
    elif mode == "admin":
        env.update(MAGENTO_USERNAME=config.username, MAGENTO_PASSWORD=config.password)
    else:
        env.update(MAGENTO_TOKEN=config.token)
    result = cli("customer", EMAIL, "--website", "eu", "--json", env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["customer"]["id"] == 2


def test_admin_path_and_url_suffix_from_the_environment(emulator):
    creds = emulator_credentials(emulator)
    env = {"MAGENTO_URL": emulator.url, "MAGENTO_USERNAME": creds["admin_username"],
           "MAGENTO_PASSWORD": creds["admin_password"], "MAGENTO_ADMIN_PATH": "backoffice",
           "MAGENTO_PRODUCT_URL_SUFFIX": ".htm"}
    body = json.loads(cli("customer", EMAIL, "--website", "base", "--limit", "1", "--json", env=env).stdout)
    assert body["customer"]["admin_url"] == f"{emulator.url}/backoffice/customer/index/edit/id/1/"
    assert body["orders"][0]["lines"][0]["product_url"] == f"{emulator.url}/abominable-bag-6.htm"


def test_no_configuration_is_a_usage_error(tmp_path):
    result = cli("customer", EMAIL)
    assert result.exit_code == 2
    assert result.stderr == ("Error: url is required (give --config FILE or set MAGENTO_URL and credentials; "
                             "see magento-connector --help)\n")
    missing = cli("customer", EMAIL, config=str(tmp_path / "absent.json"))
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"Error: cannot read {tmp_path / 'absent.json'}: ")


# -- pull ---------------------------------------------------------------------------------------------
def test_pull_orders_with_a_progress_bar_then_nothing_new(run, emulator, tmp_path):
    out, state = tmp_path / "orders.jsonl", tmp_path / "orders.state.json"
    result = run("pull", "orders", "--out", str(out), "--state", str(state), "--page-size", "5")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    count = emulator.backend.db.one("SELECT COUNT(*) FROM sales_order")[0]
    assert sorted(r["entity_id"] for r in records) == list(range(1, count + 1))
    newest = max(r["updated_at"] for r in records)
    assert re.fullmatch(rf"Pulled {count} orders into {re.escape(str(out))} \(0 already written, \d+ requests\)\.\n"
                        rf"Next run starts at {newest}; state in {re.escape(str(state))}\.\n", result.stdout)
    assert "Pulling orders" in result.stderr  # the bar, on stderr: longer than one page
    again = json.loads(run("pull", "orders", "--out", str(out), "--state", str(state), "--json").stdout)
    assert (again["records"], again["watermark"], again["since"]) == (0, newest, newest)
    assert len(out.read_text().splitlines()) == count


def test_pull_customers_defaults_next_to_the_output(run, emulator, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("pull", "customers", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    count = emulator.backend.db.one("SELECT COUNT(*) FROM customer_entity")[0]
    assert (body["records"], Path(body["output"]).name, Path(body["state"]).name) == (
        count, "customers.jsonl", "customers.jsonl.state.json")
    assert result.stderr == ""  # one page: no bar
    assert {json.loads(line)["id"] for line in (tmp_path / "customers.jsonl").read_text().splitlines()} == set(
        range(1, count + 1))


def test_pull_with_a_bad_since_is_a_usage_error(run, tmp_path):
    result = run("pull", "products", "--since", "yesterday", "--out", str(tmp_path / "p.jsonl"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")


# -- writes -------------------------------------------------------------------------------------------
def test_invoice_everything_left(run, client):
    result = run("invoice", "23")  # processing: one of two units of item 53 invoiced
    assert result.exit_code == 0, result.output
    invoice_id = int(result.stdout.split()[1])
    assert result.stdout == f"Invoice {invoice_id} created for order 23; the order is processing.\n"
    assert [(i.item_id, i.qty_invoiced) for i in client.orders.get(23).items] == [(53, 2.0)]
    assert client.invoices.get(invoice_id).order_id == 23


def test_invoice_lines_by_sku(run, client):
    (item,) = client.orders.get(8).items  # shipped (3), not invoiced
    result = run("invoice", "8", "--line", f"{item.sku}:1", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["order_id"], body["state"], body["applied"], body["short"], body["recovered"]) == (
        8, "processing", {str(item.item_id): 1.0}, {}, False)
    assert client.orders.get(8).items[0].qty_invoiced == 1.0


def test_ship_with_tracks_then_add_a_track(run, client):
    result = run("ship", "21", "--track", "ups:1ZCLI0001", "--track", "dhl:JDCLI0002", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    shipment_id = body["shipment_id"]
    assert body["state"] == "complete"  # invoiced before, now shipped: nothing left
    tracks = client.shipments.get(shipment_id).tracks
    assert [(t.carrier_code, t.title, t.track_number) for t in tracks] == [
        ("ups", "United Parcel Service", "1ZCLI0001"), ("dhl", "DHL", "JDCLI0002")]
    added = run("add-track", str(shipment_id), "fedex:7CLI0003")
    assert added.exit_code == 0, added.output
    track_id = int(added.stdout.split()[1])
    assert added.stdout == f"Track {track_id} (Federal Express 7CLI0003) added to shipment {shipment_id}.\n"
    assert [t.track_number for t in client.shipments.get(shipment_id).tracks] == ["1ZCLI0001", "JDCLI0002", "7CLI0003"]


def test_ship_more_than_is_left_says_what_magento_shipped(run, client):
    simple = client.orders.get(10).items[0]  # 2 ordered, none shipped; Magento caps a shipment silently
    result = run("ship", "10", "--line", f"{simple.sku}:5")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first.endswith("created for order 10; the order is processing.")
    assert second == f"Magento shipped 3 less than asked of order item {simple.item_id}."
    assert client.orders.get(10).items[0].qty_shipped == 2.0


def test_refund_offline_with_return_to_stock(run, client):
    order = client.orders.get(2)  # complete: 3 units of one simple invoiced and shipped
    (item,) = order.items
    before = client.stock_items.get(item.sku or "").qty
    result = run("refund", "2", "--return-to-stock", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["order_id"], body["state"], body["applied"]) == (2, "closed", {str(item.item_id): 3.0})
    assert client.creditmemos.get(body["creditmemo_id"]).order_id == 2
    assert client.stock_items.get(item.sku or "").qty == (before or 0) + 3


def test_refund_one_invoice(run, client, emulator):
    (invoice,), _ = client.invoices.list(SearchCriteria().where("order_id", 24))
    sku = client.orders.get(24).items[0].sku
    # check / money order cannot refund per invoice (Invoice/Validation/CanRefund, 2.4.7-p3 sandbox)
    offline = run("refund", "24", "--invoice", str(invoice.entity_id), "--line", f"{sku}:1")
    assert offline.exit_code == 1 and "We can't create creditmemo for the invoice. (HTTP 400)" in offline.stderr
    backend = emulator.app.extensions["fake_magento"]  # the zero-total "free" method can
    with backend.db.write():
        doc, items = backend.sales.load(24)
        doc["payment"]["method"] = "free"
        backend.sales.save(doc, items)
    result = run("refund", "24", "--invoice", str(invoice.entity_id), "--line", f"{sku}:1")
    assert result.exit_code == 0, result.output
    creditmemo_id = int(result.stdout.split()[2])
    assert result.stdout == (f"Credit memo {creditmemo_id} created for invoice {invoice.entity_id} of order 24; "
                             "the order is complete.\n")
    memo = client.creditmemos.get(creditmemo_id)
    assert (memo.invoice_id, [i.qty for i in memo.items]) == (invoice.entity_id, [1.0])
    other = run("refund", "17", "--invoice", str(invoice.entity_id))
    assert (other.exit_code, other.stderr) == (2, f"Error: invoice {invoice.entity_id} belongs to order 24, not 17\n")


def test_cancel_answers_and_refusals(run, client):
    assert run("cancel", "18").stdout == "Order 18: cancel done.\n"
    refused = run("cancel", "27")  # already canceled: Magento answers false, not an error
    assert (refused.exit_code, refused.stdout) == (1, "Order 27: Magento did not cancel it (it answered false).\n")


def test_hold_unhold_and_a_refused_hold(run, client):
    assert run("hold", "11", "--json").stdout == '{\n  "order_id": 11,\n  "action": "hold",\n  "done": true\n}\n'
    assert client.orders.get(11).state == "holded"
    again = run("hold", "11")
    assert (again.exit_code, again.stderr) == (1, "Error: A hold action is not available. (HTTP 400)\n")
    assert run("unhold", "11").stdout == "Order 11: unhold done.\n"
    assert client.orders.get(11).state == "processing"


def test_comment(run, client):
    result = run("comment", "10", "Called the customer", "--visible")
    assert (result.exit_code, result.stdout) == (0, "Comment added to order 10.\n")
    comments = [(c["comment"], c["is_visible_on_front"]) for c in client.orders.comments(10)]
    assert ("Called the customer", 1) in comments


def test_stock_set_legacy_and_per_source(run, client):
    assert run("stock", "set", "24-WB04/Blue", "7").stdout == "24-WB04/Blue: 7 in the legacy stock item (in stock).\n"
    item = client.stock_items.get("24-WB04/Blue")
    assert (item.qty, item.is_in_stock) == (7.0, True)
    out = run("stock", "set", "24-WB04/Blue", "0")
    assert out.exit_code == 0 and client.stock_items.get("24-WB04/Blue").is_in_stock is False
    source = run("stock", "set", "24-WB04/Blue", "4", "--source", "default", "--json")
    assert source.exit_code == 0, source.output
    assert json.loads(source.stdout)["in_stock"] is True
    (saved,), _ = client.source_items.list(SearchCriteria().where("sku", "24-WB04/Blue").where("source_code", "default"))
    assert (saved.quantity, saved.status) == (4.0, 1)
    queued = run("stock", "set", "24-WB04/Blue", "9", "--async", "--wait", "10", "--json")
    assert queued.exit_code == 0, queued.output
    body = json.loads(queued.stdout)
    assert (body["bulk_open"], body["bulk_failed"], len(body["bulk_uuid"])) == (0, 0, 36)
    assert client.stock_items.get("24-WB04/Blue").qty == 9.0


def test_magento_errors_print_magentos_message(run):
    canceled = run("ship", "5")
    assert (canceled.exit_code, canceled.stdout) == (1, "")
    assert canceled.stderr == ("Error: Shipment Document Validation Error(s):\nA shipment cannot be created when an "
                               "order has a status of canceled\nYou can't create a shipment without products. "
                               "(HTTP 400)\n")
    missing = run("invoice", "99999", "--json")
    assert missing.exit_code == 1
    assert json.loads(missing.stderr) == {"error": {
        "type": "NotFoundError", "status": 404,
        "message": "The entity that was requested doesn't exist. Verify the entity and try again."}}


def test_bad_arguments_are_usage_errors(run):
    bad_line = run("invoice", "23", "--line", "abc")
    assert (bad_line.exit_code, bad_line.stderr) == (2, "Error: 'abc' is not SKU:QTY\n")
    unknown = run("ship", "21", "--line", "no-such-sku:1")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("Error: ") and "no-such-sku" in unknown.stderr
    bad_track = run("ship", "21", "--track", "1Z0001")
    assert (bad_track.exit_code, bad_track.stderr) == (2, "Error: '1Z0001' is not CARRIER:NUMBER\n")
