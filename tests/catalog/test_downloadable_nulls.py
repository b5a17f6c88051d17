"""Downloadable links and samples: the nulls Magento writes, the default share setting, the saved ids.

Evidence: the 2.4.7-p3 sandbox, 2026-12-03 (product rfxb7-dl, file links since its downloadable_domains
holds only an IP): a link without a sample reads "sample_type": null and no link_url, sample_file or
sample_url, in the save's answer, GET /V1/products/{sku} (any store view) and /downloadable-links; a link
with a file sample has sample_type "file" and sample_file, no URLs; a file sample has no sample_url.
is_shareable sent null or left out reads 0. POST /downloadable-links answers "5", PUT "7" (strings); the
samples likewise ("2", "3").
Only the getters declared non-nullable in Downloadable/Api/Data/LinkInterface (sort_order, is_shareable,
price, link_type, sample_type) and SampleInterface (title, sort_order, sample_type) are written as null.
"""
from __future__ import annotations

import base64

import pytest

from tests.support import RestClient, admin_token, make_app

DATA = base64.b64encode(b"%PDF-1.4 test").decode()


def upload(name: str) -> dict[str, str]:
    return {"file_data": DATA, "name": name}


@pytest.fixture
def client():
    app = make_app(downloadable_domains=("127.0.0.1",))   # the sandbox's env.php list
    flask_client = app.test_client()
    yield RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]), "/rest/all/V1")
    app.extensions["fake_magento"].close()


@pytest.fixture
def book(client):
    links = [{"title": "L1", "sort_order": 1, "is_shareable": 0, "price": 0, "number_of_downloads": 0,
              "link_type": "file", "link_file_content": upload("rfxl1.pdf")},
             {"title": "L2", "sort_order": 2, "is_shareable": 1, "price": 2, "number_of_downloads": 3,
              "link_type": "file", "link_file_content": upload("rfxl2.pdf"), "sample_type": "file",
              "sample_file_content": upload("rfxs2.pdf")}]
    samples = [{"title": "S1", "sort_order": 1, "sample_type": "file", "sample_file_content": upload("rfxs1.pdf")}]
    resp = client.post("/products", {"product": {
        "sku": "DL-N", "name": "DL-N", "attribute_set_id": 4, "price": 5, "type_id": "downloadable",
        "extension_attributes": {"downloadable_product_links": links, "downloadable_product_samples": samples}}})
    assert resp.status_code == 200
    return resp.get_json()["extension_attributes"]


def _strip_ids(items):
    return [{k: v for k, v in item.items() if k != "id"} for item in items]


L1 = {"title": "L1", "sort_order": 1, "is_shareable": 0, "price": 0, "number_of_downloads": 0, "link_type": "file",
      "link_file": "/r/f/rfxl1.pdf", "sample_type": None}
L2 = {"title": "L2", "sort_order": 2, "is_shareable": 1, "price": 2, "number_of_downloads": 3, "link_type": "file",
      "link_file": "/r/f/rfxl2.pdf", "sample_type": "file", "sample_file": "/r/f/rfxs2.pdf"}
S1 = {"title": "S1", "sort_order": 1, "sample_type": "file", "sample_file": "/r/f/rfxs1.pdf"}


def test_a_link_without_a_sample_has_a_null_sample_type(client, book):
    assert _strip_ids(book["downloadable_product_links"]) == [L1, L2]
    assert _strip_ids(book["downloadable_product_samples"]) == [S1]
    for prefix in ("/rest/all/V1", "/rest/V1", "/rest/de/V1"):
        ext = client.get(f"{prefix}/products/DL-N").get_json()["extension_attributes"]
        assert _strip_ids(ext["downloadable_product_links"]) == [L1, L2]
    listed = client.get("/products/DL-N/downloadable-links")
    assert '"sample_type":null' in listed.get_data(as_text=True)
    assert _strip_ids(listed.get_json()) == [L1, L2]
    assert _strip_ids(client.get("/products/DL-N/downloadable-links/samples").get_json()) == [S1]


@pytest.mark.parametrize("shareable", [{}, {"is_shareable": None}])
def test_is_shareable_defaults_to_0(client, book, shareable):
    new_id = client.post("/products/DL-N/downloadable-links", {"link": {
        "title": "L3", "sort_order": 3, "price": 1, "number_of_downloads": 0, "link_type": "file",
        "link_file_content": upload("rfxl3.pdf"), **shareable}}).get_json()
    link = next(x for x in client.get("/products/DL-N/downloadable-links").get_json() if x["id"] == int(new_id))
    assert {k: v for k, v in link.items() if k != "id"} == {
        "title": "L3", "sort_order": 3, "is_shareable": 0, "price": 1, "number_of_downloads": 0,
        "link_type": "file", "link_file": "/r/f/rfxl3.pdf", "sample_type": None}


def test_saves_answer_the_id_as_a_string(client, book):
    new_id = client.post("/products/DL-N/downloadable-links", {"link": {
        "title": "L10", "sort_order": 0, "price": 1, "number_of_downloads": 0, "link_type": "file",
        "link_file_content": upload("rfxl10.pdf")}}).get_json()
    assert isinstance(new_id, str) and new_id.isdigit()
    assert client.put(f"/products/DL-N/downloadable-links/{new_id}", {"link": {
        "id": int(new_id), "title": "L10b", "sort_order": 0, "price": 1, "number_of_downloads": 0,
        "link_type": "file", "link_file": "/r/f/rfxl10.pdf"}}).get_json() == new_id
    sample_id = client.post("/products/DL-N/downloadable-links/samples", {"sample": {
        "title": "S9", "sort_order": 0, "sample_type": "file", "sample_file_content": upload("rfxs9.pdf")}}).get_json()
    assert isinstance(sample_id, str) and sample_id.isdigit()
    assert client.put(f"/products/DL-N/downloadable-links/samples/{sample_id}", {"sample": {
        "id": int(sample_id), "title": "S9b", "sort_order": 0, "sample_type": "file",
        "sample_file": "/r/f/rfxs9.pdf"}}).get_json() == sample_id
