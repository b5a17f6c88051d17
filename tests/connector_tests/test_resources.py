"""Every resource method over a real socket: against the emulator's default profile (its seeded
catalogue, customers and orders), and, for the tests that make their own data, against a real Magento
when MAGENTO_URL is set (the ``sandbox`` variant). Types, statuses and Magento's messages."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from connector.client import MagentoClient
from connector.config import ConnectorConfig
from connector.errors import AuthorizationError, InputError, NotFoundError
from connector.models import CreditMemo, Customer, Invoice, Order, Product, Shipment, SourceItem, StockItem
from connector.resources.bulk import BulkStatus
from connector.search import PageWalk, SearchCriteria
from fake_magento import ThreadedServer
from tests.support.emulator import TARGETS, control, emulator_config, emulator_credentials
from tests.connector_tests.data import make_product, order, unique

NO_PRODUCT = "The product that was requested doesn't exist. Verify the product and try again."
NO_ENTITY = "The entity that was requested doesn't exist. Verify the entity and try again."


@dataclass
class Target:
    client: MagentoClient
    is_emulator: bool


@pytest.fixture(scope="module", params=TARGETS)
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    if request.param == "sandbox":
        config: ConnectorConfig = request.getfixturevalue("sandbox_config")
    else:
        config = emulator_config(request.getfixturevalue("emulator"))
    with MagentoClient(config) as c:
        yield Target(c, request.param == "emulator")


# -- stores --------------------------------------------------------------------------------------------------------
def test_websites_groups_views(client: MagentoClient) -> None:
    # an OAuth caller gets the current website first, and every caller the default view first, as a real
    # 2.4.7-p3 answers (tests/platform/test_store_lists.py)
    assert [(w["id"], w["code"]) for w in client.stores.websites()] == [(1, "base"), (0, "admin"), (2, "eu")]
    assert [(g["id"], g["website_id"]) for g in client.stores.groups()] == [(0, 0), (1, 1), (2, 2)]
    assert [(v["id"], v["code"], v["website_id"]) for v in client.stores.views()] == [
        (1, "default", 1), (0, "admin", 0), (2, "de", 2), (3, "fr", 2)]
    assert client.stores.view("fr") == {**client.stores.view("fr"), "id": 3, "website_id": 2}  # type: ignore[dict-item]
    assert client.stores.view("nope") is None


def test_store_configs(client: MagentoClient, emulator: ThreadedServer) -> None:
    assert [c["code"] for c in client.stores.configs()] == ["default", "de", "fr"]
    de = client.stores.config("de")
    assert de is not None
    assert (de["locale"], de["base_currency_code"], de["timezone"]) == ("de_DE", "EUR", "Europe/Berlin")
    assert de["base_url"] == f"{emulator.url}/"
    assert [c["code"] for c in client.stores.configs(["fr", "default"])] == ["default", "fr"]


def test_stores_on_any_magento(target: Target) -> None:
    # the order varies on a real 2.4.7-p3: [base, admin, eu] to an integration, [admin, base, eu] to an
    # admin token (measured); the set does not
    websites = {w["code"]: w["id"] for w in target.client.stores.websites()}
    assert websites["admin"] == 0 and websites["base"] == 1
    assert {v["code"] for v in target.client.stores.views()} >= {"admin", "default"}
    default = target.client.stores.config("default")
    assert default is not None and default["base_url"].startswith("http")


# -- products ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sku", ["24-WB04/Blue", "WS12+XL", "MH09 L Blue", "Café-Crème 100%"])
def test_get_product_with_awkward_skus(client: MagentoClient, sku: str) -> None:
    product = client.products.get(sku)
    assert isinstance(product, Product) and product.sku == sku and product.type_id == "simple"


def test_get_product_per_store_view(client: MagentoClient) -> None:
    assert client.products.get("WS12+XL").name == "Driven Tee 3"
    assert client.products.get("WS12+XL", store="de").name == "Driven T-Shirt 3"


def test_unknown_sku_is_404_with_magentos_message(target: Target) -> None:
    with pytest.raises(NotFoundError) as caught:
        target.client.products.get(f"{unique('none')}/+x")
    assert caught.value.status == 404 and caught.value.message == NO_PRODUCT


def test_product_types_and_their_parts(client: MagentoClient) -> None:
    types = {p.sku: p.type_id for p in client.products.iter(SearchCriteria().where("type_id", "simple", "neq"))}
    assert types == {"MH01": "configurable", "24-WG080": "bundle", "24-WG085_Group": "grouped",
                     "VS-GIFT-WRAP": "virtual", "DL-YOGA-GUIDE": "downloadable"}
    assert [c["sku"] for c in client.products.children("MH01")] == [
        "MH01-S-Black", "MH01-M-Black", "MH01-S-Blue", "MH01-M-Blue"]
    options = client.products.bundle_options("24-WG080")
    assert [(o["option_id"], [link["sku"] for link in o["product_links"]]) for o in options] == [
        (1, ["MH01-S-Black", "MH01-M-Black"]), (2, ["24-WB04/Blue"])]
    assert [(link["linked_product_sku"], link["extension_attributes"]["qty"])
            for link in client.products.links("24-WG085_Group", "associated")] == [("MH01-S-Blue", 0), ("MH01-M-Blue", 1)]
    assert [link["link_type"] for link in client.products.downloadable_links("DL-YOGA-GUIDE")] == ["url"]


def test_children_of_a_simple_product(client: MagentoClient) -> None:
    assert client.products.children("WS12+XL") == []


def test_products_list_and_paging(client: MagentoClient) -> None:
    page, total = client.products.list(SearchCriteria().where("sku", "MH01-%", "like").order_by("sku").page(2, 1))
    assert total == 4 and [p.sku for p in page] == ["MH01-M-Black", "MH01-M-Blue"]
    walk = PageWalk()
    seeded = SearchCriteria().where("entity_id", 33, "lteq").order_by("entity_id")
    pages = list(client.products.iter_pages(seeded, page_size=10, walk=walk))
    assert [len(p.items) for p in pages] == [10, 10, 10, 3] and walk.totals == [33] * 4


def test_product_create_save_delete_with_slash_and_plus(target: Target) -> None:
    sku = f"{unique('cxr')}/a+b"
    client = target.client
    make_product(client, sku, price=19.5, qty=7)
    product = client.products.get(sku)
    assert (product.sku, product.price, product.type_id, product.status) == (sku, 19.5, "simple", 1)
    saved = client.products.save({"sku": sku, "name": "Renamed + slashed"}, store="all")
    assert saved["sku"] == sku and saved["name"] == "Renamed + slashed"
    assert client.products.get(sku).name == "Renamed + slashed"
    assert client.products.delete(sku) is True
    with pytest.raises(NotFoundError) as caught:
        client.products.get_raw(sku)
    assert caught.value.message == NO_PRODUCT


def test_product_create_answers_the_product(target: Target) -> None:
    sku = unique("cxr")
    answer = target.client.products.create({"sku": sku, "name": sku, "attribute_set_id": 4, "price": 3,
                                            "type_id": "simple"}, store="all")
    assert answer["sku"] == sku and isinstance(answer["id"], int)
    target.client.products.delete(sku)


def test_product_save_many_is_one_bulk(target: Target) -> None:
    skus = [unique("cxr"), unique("cxr")]
    receipt = target.client.products.save_many([{"sku": s, "name": s, "attribute_set_id": 4, "price": 1,
                                                 "type_id": "simple"} for s in skus])
    assert [i["status"] for i in receipt["request_items"]] == ["accepted", "accepted"]
    status = target.client.bulk.status(receipt["bulk_uuid"])
    assert isinstance(status, BulkStatus) and len(status.operations) == 2
    detailed = target.client.bulk.detailed(receipt["bulk_uuid"])
    assert detailed["bulk_id"] == receipt["bulk_uuid"] and len(detailed["operations_list"]) == 2


def test_unknown_bulk_is_404(target: Target) -> None:
    with pytest.raises(NotFoundError) as caught:
        target.client.bulk.status("no-such-bulk")
    assert caught.value.message == "Bulk uuid no-such-bulk not exist"
    assert caught.value.parameters == {"bulkUuid": "no-such-bulk"}


# -- categories ----------------------------------------------------------------------------------------------------
def test_categories(client: MagentoClient) -> None:
    tree = client.categories.tree()
    assert (tree["id"], tree["name"]) == (2, "Default Category")
    assert [c["name"] for c in tree["children_data"]][:2] == ["Gear", "Men"]
    assert client.categories.tree(root_id=3, depth=1)["id"] == 3
    assert client.categories.get(4)["name"] == "Bags"
    assert client.categories.get(4, store="de")["name"] == "Taschen"
    bags = [p["sku"] for p in client.categories.products(4)]
    assert bags[:4] == ["MH09 L Blue", "BA06-MistyRose", "JA12-Snow", "PA14-WhiteSmoke"]
    assert len(bags) == 23 and bags[-1] == "HO181-DarkTurquoise"
    page, total = client.categories.list(SearchCriteria().where("parent_id", 3))
    assert total == 2 and [c["name"] for c in page] == ["Bags", "Fitness Equipment"]


def test_unknown_category(client: MagentoClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.categories.get(9999)
    assert caught.value.message == 'No such entity with id = 9999'


# -- customers -------------------------------------------------------------------------------------------------------
def test_customer_by_email_on_two_websites(client: MagentoClient, emulator: ThreadedServer) -> None:
    email = emulator_credentials(emulator)["customer_email"]
    both = client.customers.by_email(email)
    assert [(c.id, c.website_id) for c in both] == [(1, 1), (2, 2)]
    assert all(isinstance(c, Customer) and c.email == email for c in both)
    assert [c.id for c in client.customers.by_email(email, website_id=2)] == [2]
    assert client.customers.by_email("nobody@example.com") == []
    assert client.customers.get(1).email == email


def test_customer_lifecycle(target: Target) -> None:
    email = f"{unique('cxr')}@example.com"
    client = target.client
    made = client.customers.create({"email": email, "firstname": "Ada", "lastname": "Lovelace", "website_id": 1,
                                    "group_id": 1}, password="Passw0rd-123!")
    assert isinstance(made, Customer) and made.email == email and isinstance(made.id, int)
    assert [c.id for c in client.customers.by_email(email)] == [made.id]
    saved = client.customers.save(made.id, {"id": made.id, "email": email, "firstname": "Augusta",
                                            "lastname": "Lovelace", "website_id": 1})
    assert saved.firstname == "Augusta" and client.customers.get(made.id).firstname == "Augusta"
    assert client.customers.delete(made.id) is True
    with pytest.raises(NotFoundError) as caught:
        client.customers.get(made.id)
    assert caught.value.message == f"No such entity with customerId = {made.id}"


# -- orders and their documents --------------------------------------------------------------------------------------
def test_order_get_list_comments_status(client: MagentoClient) -> None:
    o = client.orders.get(2)
    assert isinstance(o, Order) and (o.entity_id, o.increment_id, o.state) == (2, "000000002", "complete")
    assert client.orders.get_raw(2)["increment_id"] == "000000002"
    assert client.orders.status(1) == "pending" and client.orders.status(3) == "holded"
    page, total = client.orders.list(SearchCriteria().where("state", "closed").order_by("entity_id"))
    assert total == 11 and [x.entity_id for x in page] == [4, 15, 26, 45, 65, 85, 105, 125, 145, 165, 185]
    assert isinstance(client.orders.comments(2), list)


def test_unknown_order_invoice_shipment_creditmemo(client: MagentoClient) -> None:
    for call in (lambda: client.orders.get(9999), lambda: client.invoices.get(9999),
                 lambda: client.shipments.get(9999), lambda: client.creditmemos.get(9999)):
        with pytest.raises(NotFoundError) as caught:
            call()
        assert caught.value.message == NO_ENTITY


def test_seeded_documents(client: MagentoClient) -> None:
    shipment = client.shipments.get(1)
    assert isinstance(shipment, Shipment)
    assert [(t.track_number, t.carrier_code, t.title) for t in shipment.tracks] == [("JD4352408240", "dhl", "DHL")]
    assert isinstance(client.creditmemos.get(1), CreditMemo) and client.creditmemos.get(1).order_id == 4
    invoices, total = client.invoices.list(SearchCriteria().where("order_id", 2))
    assert total == 1 and isinstance(invoices[0], Invoice) and invoices[0].order_id == 2


def test_document_writes_answer_ids_and_bools(target: Target) -> None:
    client = target.client
    sku = unique("cxr")
    make_product(client, sku, price=10)
    order_id = order(client, {sku: 2})
    item_id = client.orders.get(order_id).items[0].item_id
    assert client.orders.add_comment(order_id, "From the resource test", status="pending") is True
    assert [c["comment"] for c in client.orders.comments(order_id)] == ["From the resource test"]
    assert client.orders.hold(order_id) is True and client.orders.status(order_id) == "holded"
    assert client.orders.unhold(order_id) is True and client.orders.status(order_id) == "pending"
    invoice_id = client.orders.invoice(order_id, {item_id: 2}, capture=True, comment="Paid")
    assert isinstance(invoice_id, int) and client.invoices.get(invoice_id).order_id == order_id
    shipment_id = client.orders.ship(order_id, {item_id: 1}, tracks=[
        {"carrier_code": "ups", "title": "UPS", "track_number": "1Z-RES"}])
    assert isinstance(shipment_id, int)
    track_id = client.shipments.add_track(shipment_id, order_id, "1Z-RES-2", carrier_code="fedex", title="FedEx")
    assert isinstance(track_id, int)
    assert [t.track_number for t in client.shipments.get(shipment_id).tracks] == ["1Z-RES", "1Z-RES-2"]
    assert client.shipments.delete_track(track_id) is True
    assert [t.track_number for t in client.shipments.get(shipment_id).tracks] == ["1Z-RES"]
    memo_id = client.orders.refund(order_id, {item_id: 1}, shipping_amount=0, return_to_stock=[item_id])
    memo = client.creditmemos.get(memo_id)
    assert (memo.order_id, memo.grand_total) == (order_id, 10)
    assert client.orders.cancel(order_id) is False      # fully invoiced: Order::canCancel is false


def test_invoice_capture_of_a_paid_invoice(target: Target) -> None:
    client = target.client
    sku = unique("cxr")
    make_product(client, sku)
    order_id = order(client, {sku: 1})
    invoice_id = client.orders.invoice(order_id)
    with pytest.raises(InputError) as caught:
        client.invoices.capture(invoice_id)
    assert caught.value.message == "The capture action is not available."


# -- stock ------------------------------------------------------------------------------------------------------------------
def test_stock_items(target: Target) -> None:
    sku = unique("cxr")
    make_product(target.client, sku, qty=5)
    item = target.client.stock_items.get(sku)
    assert isinstance(item, StockItem) and (item.qty, item.is_in_stock) == (5, True)
    assert target.client.stock_items.update(sku, item.item_id, 0, is_in_stock=False) == item.item_id
    again = target.client.stock_items.get(sku)
    assert (again.qty, again.is_in_stock) == (0, False)


def test_stock_of_an_unknown_sku(target: Target) -> None:
    sku = unique("none")
    with pytest.raises(NotFoundError) as caught:
        target.client.stock_items.get(sku)
    # CatalogInventory StockRegistry::getProductId
    assert caught.value.message == f'The Product with the "{sku}" SKU doesn\'t exist.'
    assert caught.value.parameters == [sku]


def test_low_stock(client: MagentoClient) -> None:
    body = client.stock_items.low_stock(qty=5)
    # ten seeded items hold 5 or fewer (tests here may add more)
    assert body["total_count"] >= 10 and len(body["items"]) == body["total_count"]
    assert all(i["qty"] <= 5 for i in body["items"])     # setQtyFilter("<=", qty): StockRegistry::getLowStockItems


def test_source_items(target: Target) -> None:
    sku = unique("cxr")
    make_product(target.client, sku, qty=5)
    assert target.client.source_items.save([{"sku": sku, "source_code": "default", "quantity": 11, "status": 1}]) == []
    rows = list(target.client.source_items.iter(SearchCriteria().where("sku", sku)))
    assert [(r.sku, r.source_code, r.quantity, r.status) for r in rows] == [(sku, "default", 11, 1)]
    assert all(isinstance(r, SourceItem) for r in rows)
    assert target.client.source_items.delete([{"sku": sku, "source_code": "default"}]) == []
    assert target.client.source_items.search(SearchCriteria().where("sku", sku))["total_count"] == 0


# -- access -------------------------------------------------------------------------------------------------------------------
def test_catalog_integration_cannot_read_orders(emulator: ThreadedServer) -> None:
    keys = emulator_credentials(emulator)["catalog_integration"]
    config = ConnectorConfig.from_dict({"url": emulator.url, **{
        k: keys[v] for k, v in (("consumerKey", "consumer_key"), ("consumerSecret", "consumer_secret"),
                                ("accessToken", "access_token"), ("accessTokenSecret", "access_token_secret"))}})
    with MagentoClient(config) as catalog:
        assert catalog.products.get("WS12+XL").sku == "WS12+XL"
        with pytest.raises(AuthorizationError) as caught:
            catalog.orders.get(1)
    assert caught.value.message == "The consumer isn't authorized to access Magento_Sales::actions_view."


def test_store_scope_in_the_path(client: MagentoClient, emulator: ThreadedServer) -> None:
    control(emulator, "journal", method="DELETE")
    client.products.get("WS12+XL", store="fr")
    entries = control(emulator, "journal", method="GET")["entries"]
    assert [e["path"] for e in entries] == ["/rest/fr/V1/products/WS12%2BXL"]


def test_customer_writes_answer_the_customer_in_async_mode(emulator: ThreadedServer) -> None:
    """An ``async/V1`` configuration queues product and stock writes, but customer create and save
    go to V1: their callers get the saved customer back, which a bulk receipt is not."""
    with MagentoClient(emulator_config(emulator, type="async/V1")) as magento:
        created = magento.customers.create(
            {"email": "async.mode@example.com", "firstname": "Asa", "lastname": "Sync", "website_id": 1})
        assert created.id > 0 and created.email == "async.mode@example.com"
        saved = magento.customers.save(created.id, {"id": created.id, "email": "async.mode@example.com",
                                                    "firstname": "Asa", "lastname": "Saved", "website_id": 1})
        assert saved.lastname == "Saved"
        assert magento.customers.get(created.id).lastname == "Saved"
        magento.customers.delete(created.id)
