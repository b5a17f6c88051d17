"""Downloadable links and samples (URL type) through the product and the downloadable routes."""
from __future__ import annotations

import pytest

from tests.support.catalog import make

LINK = {"title": "Manual", "sort_order": 1, "is_shareable": 0, "price": 2.5, "number_of_downloads": 3,
        "link_type": "url", "link_url": "https://example.com/manual.pdf",
        "sample_type": "url", "sample_url": "https://example.com/manual-sample.pdf"}
SAMPLE = {"title": "Preview", "sort_order": 0, "sample_type": "url", "sample_url": "https://example.com/preview.pdf"}


@pytest.fixture
def ebook(admin):
    return make(admin, "EBOOK", "downloadable", extension_attributes={
        "downloadable_product_links": [LINK], "downloadable_product_samples": [SAMPLE]})


def test_saved_and_read_through_the_product(admin, ebook):
    ext = ebook["extension_attributes"]
    link, = ext["downloadable_product_links"]
    assert link == {"id": link["id"], **LINK} and isinstance(link["id"], int)
    sample, = ext["downloadable_product_samples"]
    assert sample == {"id": sample["id"], **SAMPLE}
    assert admin.get("/products/EBOOK/downloadable-links").get_json() == [link]
    assert admin.get("/products/EBOOK/downloadable-links/samples").get_json() == [sample]
    # a list replaces: the kept id survives, a new one is added
    body = admin.put("/products/EBOOK", {"product": {"extension_attributes": {"downloadable_product_links": [
        dict(link, title="Manual v2"), dict(LINK, title="Extra", sort_order=2)]}}}).get_json()
    titles = [(x["id"] == link["id"], x["title"]) for x in body["extension_attributes"]["downloadable_product_links"]]
    assert titles == [(True, "Manual v2"), (False, "Extra")]
    assert body["extension_attributes"]["downloadable_product_samples"] == [sample]


@pytest.mark.parametrize(("change", "message"), [
    ({"link_type": "ftp"}, "The link type is invalid. Verify and try again."),
    ({"price": -1}, "Link price must have numeric positive value."),
    ({"number_of_downloads": -2}, "Number of downloads must be a positive integer."),
    ({"link_url": "not a url"}, "Link URL must have valid format."),
    ({"title": ""}, "The link title is empty. Enter the link title and try again."),
])
def test_link_validation(admin, ebook, change, message):
    resp = admin.post("/products/EBOOK/downloadable-links", {"link": dict(LINK, **change)})
    assert resp.status_code == 400 and resp.get_json() == {"message": message}


def test_routes(admin, ebook):
    new_id = admin.post("/products/EBOOK/downloadable-links", {"link": dict(LINK, title="Second")}).get_json()
    assert isinstance(new_id, str) and new_id.isdigit()  # the saved model's id (test_downloadable_nulls.py)
    assert admin.put(f"/products/EBOOK/downloadable-links/{new_id}", {"link": dict(LINK, title="2nd")}).get_json() \
        == new_id
    assert [x["title"] for x in admin.get("/products/EBOOK/downloadable-links").get_json()] == ["Manual", "2nd"]
    assert admin.delete(f"/products/downloadable-links/{new_id}").get_json() is True
    gone = admin.delete(f"/products/downloadable-links/{new_id}")
    assert gone.status_code == 404 and gone.get_json() == {
        "message": "No downloadable link with the provided ID was found. Verify the ID and try again."}
    sample_id = admin.post("/products/EBOOK/downloadable-links/samples", {"sample": SAMPLE}).get_json()
    assert isinstance(sample_id, str) and sample_id.isdigit()
    bad = admin.post("/products/EBOOK/downloadable-links/samples", {"sample": dict(SAMPLE, sample_type="x")})
    assert bad.get_json() == {"message": "The sample type is invalid. Verify the sample type and try again."}
    assert admin.delete(f"/products/downloadable-links/samples/{sample_id}").get_json() is True
    make(admin, "PLAIN")
    wrong = admin.post("/products/PLAIN/downloadable-links", {"link": LINK})
    assert wrong.status_code == 400 and wrong.get_json() == {
        "message": "The product needs to be the downloadable type. Verify the product and try again."}
    assert admin.get("/products/PLAIN/downloadable-links").get_json() == []
    assert admin.get("/products/NOPE/downloadable-links").status_code == 404


def test_deleting_the_product_removes_links(admin, ebook, backend):
    assert admin.delete("/products/EBOOK").get_json() is True
    assert backend.db.query("SELECT * FROM downloadable_link") == []
    assert backend.db.query("SELECT * FROM downloadable_sample") == []
