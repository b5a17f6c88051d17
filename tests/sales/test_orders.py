"""Orders: structure and types, lists, hold/unhold, cancel, comments (semantics §5-6)."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.support import search_query

NOT_FOUND = {"message": "The entity that was requested doesn't exist. Verify the entity and try again."}


def search(client, path, groups=(), sort=None, **extra):
    return client.get(f"{path}?{search_query(groups, [sort] if sort else (), **extra)}").get_json()


def pending(client):
    return [o for o in search(client, "/orders")["items"] if o["status"] == "pending"]


def test_order_structure_and_types(client):
    order = pending(client)[0]
    assert isinstance(order["entity_id"], int) and isinstance(order["increment_id"], str)
    assert order["increment_id"] == f"{order['entity_id']:09d}"
    assert (order["state"], order["status"]) == ("new", "pending")
    assert order["billing_address"]["address_type"] == "billing"
    assignment = order["extension_attributes"]["shipping_assignments"][0]
    assert assignment["shipping"]["address"]["address_type"] == "shipping"
    assert assignment["shipping"]["method"] == "flatrate_flatrate"
    assert order["payment"]["method"] == "checkmo"
    assert order["grand_total"] == pytest.approx(order["subtotal"] + order["shipping_amount"])
    assert order["total_due"] == order["grand_total"]
    assert all(item["order_id"] == order["entity_id"] and item["qty_invoiced"] == 0 for item in order["items"])
    assert "shipping_address" not in order
    # the only nulls are the payment's non-nullable getters Magento writes as null (recordings)
    assert order["payment"]["account_status"] is None and order["payment"]["cc_last4"] is None
    without_payment = {k: v for k, v in order.items() if k != "payment"}
    assert None not in _values(without_payment)


def _values(value):
    if isinstance(value, dict):
        return [x for v in value.values() for x in _values(v)] + list(value.values())
    if isinstance(value, list):
        return [x for v in value for x in _values(v)]
    return []


def test_get_missing_and_empty_ids(client):
    assert (client.get("/orders/999999").status_code, client.get("/orders/999999").get_json()) == (404, NOT_FOUND)
    assert client.get("/orders/0").get_json() == {"message": "An ID is needed. Set the ID and try again."}


def test_list_filters_and_sorting(client):
    everything = search(client, "/orders")
    first = pending(client)[0]
    body = search(client, "/orders", [[("status", "pending", "eq")],
                                      [("state", "new", "eq"), ("increment_id", first["increment_id"], "eq")]],
                  sort=("grand_total", "DESC"), pageSize=20)
    totals = [o["grand_total"] for o in body["items"]]
    assert totals == sorted(totals, reverse=True) and body["total_count"] == len(pending(client))
    assert body["search_criteria"]["page_size"] == 20
    email = search(client, "/orders", [[("customer_email", client.backend.db.get_meta("credentials")["customer_email"]
                                         .upper(), "eq")]])
    assert email["total_count"] >= 3 and email["total_count"] < everything["total_count"]


def test_unknown_filter_field_on_orders_is_masked_500(client):
    resp = client.get("/orders?" + urlencode({"searchCriteria[filter_groups][0][filters][0][field]": "nope",
                                              "searchCriteria[filter_groups][0][filters][0][value]": "1"}))
    assert resp.status_code == 500


def test_order_items_list(client):
    body = search(client, "/orders/items", [[("product_type", "simple", "eq")]], sort=("row_total", "DESC"))
    totals = [i["row_total"] for i in body["items"]]
    assert body["total_count"] > 0 and totals == sorted(totals, reverse=True)
    one = client.get(f"/orders/items/{body['items'][0]['item_id']}").get_json()
    assert one["sku"] == body["items"][0]["sku"]


def test_hold_and_unhold(client):
    order_id = pending(client)[0]["entity_id"]
    assert client.post(f"/orders/{order_id}/hold").get_json() is True
    assert client.get(f"/orders/{order_id}/statuses").get_json() == "holded"
    again = client.post(f"/orders/{order_id}/hold")
    assert (again.status_code, again.get_json()) == (400, {"message": "A hold action is not available."})
    assert client.post(f"/orders/{order_id}/cancel").get_json() is False  # canCancel: not while on hold
    assert client.post(f"/orders/{order_id}/unhold").get_json() is True
    order = client.get(f"/orders/{order_id}").get_json()
    assert (order["state"], order["status"]) == ("new", "pending")
    unhold = client.post(f"/orders/{order_id}/unhold")
    assert (unhold.status_code, unhold.get_json()) == (400, {"message": "You cannot remove the hold."})


def test_cancel(client):
    order = pending(client)[0]
    client.backend.clock.advance(60)
    assert client.post(f"/orders/{order['entity_id']}/cancel").get_json() is True
    canceled = client.get(f"/orders/{order['entity_id']}").get_json()
    assert (canceled["state"], canceled["status"]) == ("canceled", "canceled")
    assert canceled["total_canceled"] == order["grand_total"]
    assert all(i["qty_canceled"] == i["qty_ordered"] for i in canceled["items"])
    assert canceled["updated_at"] > order["updated_at"]
    assert client.post(f"/orders/{order['entity_id']}/cancel").get_json() is False


def test_comments_keep_or_set_the_status(client):
    order_id = pending(client)[0]["entity_id"]
    body = {"statusHistory": {"comment": "Called the customer", "is_customer_notified": 0,
                              "is_visible_on_front": 1, "status": "pending"}}
    assert client.post(f"/orders/{order_id}/comments", body).get_json() is True
    comments = client.get(f"/orders/{order_id}/comments").get_json()
    # the history repository's list: table order, the parent_id filter echoed
    assert comments["items"][-1]["comment"] == "Called the customer"
    assert comments["items"][-1]["is_visible_on_front"] == 1 and comments["total_count"] >= 1
    assert comments["search_criteria"] == {"filter_groups": [{"filters": [
        {"field": "parent_id", "value": str(order_id), "condition_type": "eq"}]}]}
    # without status (AC-1342): the order keeps its status and the comment records it
    client.post(f"/orders/{order_id}/comments", {"statusHistory": {"comment": "no status"}})
    order = client.get(f"/orders/{order_id}").get_json()
    assert order["status"] == "pending" and order["status_histories"][0]["status"] == "pending"
    assert order["status_histories"][0]["comment"] == "no status"  # newest first on the order
    # a status that does not belong to the state is not applied
    client.post(f"/orders/{order_id}/comments", {"statusHistory": {"comment": "x", "status": "complete"}})
    assert client.get(f"/orders/{order_id}/statuses").get_json() == "pending"
    missing = client.post(f"/orders/{order_id}/comments", {})
    assert missing.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                                  "parameters": {"fieldName": "statusHistory"}}


def test_emails(client):
    assert client.post(f"/orders/{pending(client)[0]['entity_id']}/emails").get_json() is True
    assert client.post("/orders/999999/emails").status_code == 404
