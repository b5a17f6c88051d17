from __future__ import annotations


def test_health(anon):
    resp = anon.get("/_fake/health")
    assert resp.status_code == 200
    assert resp.get_json() == {"status": "ok"}


def test_store_views_need_auth(anon):
    resp = anon.get("/store/storeViews")
    assert resp.status_code == 401
    assert resp.get_json() == {"message": "The consumer isn't authorized to access %resources.",
                               "parameters": {"resources": "Magento_Backend::store"}}


def test_store_views(admin):
    resp = admin.get("/store/storeViews")
    assert resp.status_code == 200
    codes = [s["code"] for s in resp.get_json()]
    assert codes == ["default", "admin", "de", "fr"]  # the default view first (test_store_lists.py)
