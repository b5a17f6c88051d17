"""Downloadable URL domains and uploaded files, as a real Magento 2.4.7-p3 answers.

Evidence: the sandbox (env.php downloadable_domains = ['127.0.0.1']), 2026-12-03:
  curl -s -X POST http://127.0.0.1:8082/rest/all/V1/products -H "Authorization: Bearer $TOKEN" \\
    -H 'Content-Type: application/json' -d '{"product":{"sku":"H10D-a","name":"H10D-a","attribute_set_id":4,
    "price":5,"type_id":"downloadable","extension_attributes":{"downloadable_product_links":[{"title":"L",
    "sort_order":1,"is_shareable":0,"price":1,"number_of_downloads":0,"link_type":"url",
    "link_url":"https://example.com/x.pdf"}]}}}'
  -> 400 {"message":"Link URL's domain is not in list of downloadable_domains in env.php."}
and the cases below (H10D-*, H10DX-*). The emulator, given the sandbox's list, answered the same for
each (backend/catalog/downloadable_content.py has the table).
"""
from __future__ import annotations

import base64
import hashlib

import pytest

from fake_magento.backend.catalog.downloadable_content import domain_allowed, url_host
from tests.support import RestClient, admin_token, make_app

DATA = base64.b64encode(b"hello h10").decode()
LINK = {"title": "L", "sort_order": 1, "is_shareable": 0, "price": 1, "number_of_downloads": 0}
NOT_LISTED = "Link URL's domain is not in list of downloadable_domains in env.php."


@pytest.fixture(scope="module")
def sandbox_like():
    """The emulator with the sandbox's env.php list."""
    app = make_app(downloadable_domains=("127.0.0.1",))
    client = app.test_client()
    yield RestClient(client, admin_token(client, app.extensions["fake_magento"]), "/rest/all/V1")
    app.extensions["fake_magento"].close()


def save(client: RestClient, sku: str, link: dict) -> tuple[int, object]:
    resp = client.post("/products", {"product": {
        "sku": sku, "name": sku, "attribute_set_id": 4, "price": 5, "type_id": "downloadable",
        "extension_attributes": {"downloadable_product_links": [{**LINK, **link}]}}})
    body = resp.get_json()
    if resp.status_code != 200:
        return resp.status_code, body
    saved, = body["extension_attributes"]["downloadable_product_links"]
    return 200, {k: v for k, v in saved.items() if k in ("link_type", "link_file", "sample_type", "sample_file")}


def upload(name: str, data: str = DATA) -> dict:
    return {"file_data": data, "name": name}


@pytest.mark.parametrize(("link", "expected"), [
    ({"link_type": "url", "link_url": "https://example.com/x.pdf"}, (400, {"message": NOT_LISTED})),
    ({"link_type": "url", "link_url": "http://127.0.0.1:8082/x.pdf"}, (400, {"message": NOT_LISTED})),
    ({"link_type": "url", "link_url": "http://localhost/x.pdf"}, (400, {"message": NOT_LISTED})),
    ({"link_type": "url", "link_url": "notaurl"}, (400, {"message": "Link URL must have valid format."})),
    ({"link_type": "file", "link_file_content": upload("h10-manual.pdf"), "sample_type": "url",
      "sample_url": "http://10.0.0.1/s.pdf"},
     (400, {"message": "Sample URL's domain is not in list of downloadable_domains in env.php."})),
    ({"link_type": "file", "link_file_content": upload("h10-manual.pdf")},
     (200, {"link_type": "file", "link_file": "/h/1/h10-manual.pdf", "sample_type": None})),
    ({"link_type": "file", "link_file_content": upload("h10g.pdf"), "sample_type": "file",
      "sample_file_content": upload("s.pdf")},
     (200, {"link_type": "file", "link_file": "/h/1/h10g.pdf", "sample_type": "file", "sample_file": "/s/_/s.pdf"})),
    ({"link_type": "file", "link_file_content": upload("My File.PDF")},
     (200, {"link_type": "file", "link_file": "/m/y/my_file.pdf", "sample_type": None})),
    ({"link_type": "file", "link_file_content": upload(".h10.pdf")}, (200, {"link_type": "file", "link_file": "/h/1/h10.pdf", "sample_type": None})),
    ({"link_type": "file", "link_file_content": upload("___.pdf")}, (200, {"link_type": "file", "link_file": "/f/i/file.pdf", "sample_type": None})),
    ({"link_type": "file", "link_file_content": upload("a.b")}, (200, {"link_type": "file", "link_file": "/a/_/a.b", "sample_type": None})),
    ({"link_type": "file", "link_file_content": upload("h10noext")}, (200, {"link_type": "file", "link_file": "/h/1/h10noext", "sample_type": None})),
    ({"link_type": "file", "link_file_content": upload("h10.exe")}, (200, {"link_type": "file", "link_file": "/h/1/h10.exe", "sample_type": None})),
    ({"link_type": "file", "link_file_content": upload("h10.php")}, (400, {"message": "Disallowed file type."})),
    ({"link_type": "file", "link_file_content": upload("x")},
     (400, {"message": "Something went wrong while saving the file(s)."})),
    ({"link_type": "file", "link_file_content": upload("h10.pdf", "!!!")},
     (400, {"message": "Provided content must be valid base64 encoded data."})),
    ({"link_type": "file", "link_file_content": upload("h10.pdf", "")},
     (400, {"message": "Provided content must be valid base64 encoded data."})),
    ({"link_type": "file", "link_file_content": upload("a:b.pdf")},
     (400, {"message": "Provided file name contains forbidden characters."})),
    ({"link_type": "file", "link_file": "/x/y/none.pdf"}, (400, {"message": "Link file not found. Please try again."})),
])
def test_link_content(sandbox_like, link, expected):
    assert save(sandbox_like, "H10D-" + hashlib.md5(str(link).encode()).hexdigest()[:10], link) == expected


def test_an_uploaded_file_can_be_named_again_and_round_trips(sandbox_like):
    assert save(sandbox_like, "H10D-up", {"link_type": "file", "link_file_content": upload("h10-again.pdf")})[0] == 200
    # a new link naming the uploaded file's path, and the product's links sent back as read
    assert save(sandbox_like, "H10D-z", {"link_type": "file", "link_file": "/h/1/h10-again.pdf"}) == (
        200, {"link_type": "file", "link_file": "/h/1/h10-again.pdf", "sample_type": None})
    product = sandbox_like.get("/products/H10D-up").get_json()
    resp = sandbox_like.put("/products/H10D-up", {"product": {"extension_attributes": {
        "downloadable_product_links": product["extension_attributes"]["downloadable_product_links"]}}})
    assert resp.status_code == 200
    new_id = sandbox_like.post("/products/H10D-up/downloadable-links", {"link": {
        **LINK, "link_type": "file", "link_file_content": upload("r.pdf")}}).get_json()
    links = sandbox_like.get("/products/H10D-up/downloadable-links").get_json()
    assert {x["id"]: x["link_file"] for x in links}[int(new_id)] == "/r/_/r.pdf"  # the save answers "3"


def test_the_default_domains_accept_the_seeded_hosts(admin):
    client = admin.with_prefix("/rest/all/V1")
    assert save(client, "H10D-ok", {"link_type": "url", "link_url": "https://downloads.example.com/x.pdf"}) == (
        200, {"link_type": "url", "sample_type": None})
    assert save(client, "H10D-ip", {"link_type": "url", "link_url": "https://93.184.216.34/x.pdf"}) == (
        400, {"message": NOT_LISTED})


@pytest.mark.parametrize(("url", "host"), [
    ("https://Example.com:8080/x", "Example.com"), ("http://u:p@h.example/x", "h.example"),
    ("http://[::1]:80/x", "::1"), ("http://127.0.0.1/x?y", "127.0.0.1"), ("nothing", "")])
def test_url_host(url, host):
    assert url_host(url) == host


def test_ip_hosts_are_never_allowed():
    assert not domain_allowed("http://127.0.0.1/x", ("127.0.0.1",))
    assert not domain_allowed("http://[::1]/x", ("::1",))
    assert domain_allowed("http://example.com/x", ("example.com",))
    assert not domain_allowed("http://EXAMPLE.com/x", ("example.com",))   # in_array, as written
