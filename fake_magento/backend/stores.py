"""Websites, store groups and store views (Magento's StoreManager)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fake_magento.backend.scope import ADMIN_STORE_ID, StoreScope

if TYPE_CHECKING:
    from fake_magento.backend.clock import Clock
    from fake_magento.config import Config
    from fake_magento.storage import Database

STATIC_VERSION = "static_content_version"  # the meta key holding pub/static/deployed_version.txt


class StoreRepository:
    def __init__(self, db: Database, clock: Clock, config: Config) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.base_url = config.base_url  # Backend.advertise replaces it with the URL a server bound
        self._cache: dict[str, Any] | None = None

    def invalidate(self) -> None:
        self._cache = None

    def _load(self) -> dict[str, Any]:
        if self._cache is None:
            stores = [dict(r) for r in self.db.query("SELECT * FROM store ORDER BY store_id")]
            groups = [dict(r) for r in self.db.query("SELECT * FROM store_group ORDER BY group_id")]
            websites = [dict(r) for r in self.db.query("SELECT * FROM store_website ORDER BY website_id")]
            self._cache = {"stores": stores, "groups": groups, "websites": websites}
        return self._cache

    # -- scope resolution --------------------------------------------------------------------
    def scope_for_code(self, code: str | None) -> StoreScope | None:
        """``None`` -> default store view; ``all`` -> admin (store 0); a view code -> that view.

        Webapi/Controller/PathProcessor::process: only store views (excluding admin) are codes,
        so ``admin`` itself is not one: it stays in the path, which no request processor takes
        (400 "Specified request cannot be processed.", measured on 2.4.7-p3).
        """
        data = self._load()
        if code is None:
            return self.default_scope()
        if code == "all":
            admin = next(s for s in data["stores"] if s["store_id"] == ADMIN_STORE_ID)
            return StoreScope(ADMIN_STORE_ID, "admin", admin["website_id"], admin["group_id"], True)
        for s in data["stores"]:
            if s["code"] == code and s["store_id"] != ADMIN_STORE_ID:
                return StoreScope(s["store_id"], s["code"], s["website_id"], s["group_id"], True)
        return None

    def default_scope(self) -> StoreScope:
        data = self._load()
        kept = data.get("default_scope")
        if kept is not None:
            return kept  # type: ignore[no-any-return]
        website = next(w for w in data["websites"] if w["is_default"])
        group = next(g for g in data["groups"] if g["group_id"] == website["default_group_id"])
        store = next(s for s in data["stores"] if s["store_id"] == group["default_store_id"])
        data["default_scope"] = StoreScope(store["store_id"], store["code"], store["website_id"],
                                           store["group_id"], False)
        return data["default_scope"]  # type: ignore[no-any-return]

    def scope_for_store_id(self, store_id: int) -> StoreScope:
        if store_id == ADMIN_STORE_ID:
            scope = self.scope_for_code("all")
        else:
            s = self.store(store_id)
            scope = StoreScope(s["store_id"], s["code"], s["website_id"], s["group_id"], True)
        assert scope is not None
        return scope

    # -- lookups -----------------------------------------------------------------------------
    def store(self, store_id: int) -> dict[str, Any]:
        return next(s for s in self._load()["stores"] if s["store_id"] == store_id)

    def stores(self, *, with_admin: bool = True) -> list[dict[str, Any]]:
        return [s for s in self._load()["stores"] if with_admin or s["store_id"] != ADMIN_STORE_ID]

    def websites(self, *, with_admin: bool = True) -> list[dict[str, Any]]:
        return [w for w in self._load()["websites"] if with_admin or w["website_id"] != 0]

    def groups(self, *, with_admin: bool = True) -> list[dict[str, Any]]:
        return [g for g in self._load()["groups"] if with_admin or g["group_id"] != 0]

    def store_ids_of_website(self, website_id: int) -> list[int]:
        return [s["store_id"] for s in self._load()["stores"] if s["website_id"] == website_id]

    def website_ids(self) -> list[int]:
        return [w["website_id"] for w in self.websites(with_admin=False)]

    # -- Magento shapes ----------------------------------------------------------------------
    def website_data(self, *, loaded_first: int | None = None) -> list[dict[str, Any]]:
        """WebsiteRepository::getList: the websites the request has already loaded keep their place ahead
        of the rest, which follow in id order (the config's ``scopes/websites``)."""
        websites = sorted(self.websites(), key=lambda w: w["website_id"] != loaded_first)
        return [{"id": w["website_id"], "code": w["code"], "name": w["name"],
                 "default_group_id": w["default_group_id"]} for w in websites]

    def group_data(self) -> list[dict[str, Any]]:
        return [{"id": g["group_id"], "website_id": g["website_id"], "root_category_id": g["root_category_id"],
                 "default_store_id": g["default_store_id"], "name": g["name"], "code": g["code"]}
                for g in self.groups()]

    def store_data(self) -> list[dict[str, Any]]:
        """StoreRepository::getList: the default store view, which StoreResolver loads before the store
        code in the path is read, comes first; the others follow in id order, admin among them."""
        default_id = self.default_scope().store_id
        stores = sorted(self.stores(), key=lambda s: s["store_id"] != default_id)
        return [{"id": s["store_id"], "code": s["code"], "name": s["name"], "website_id": s["website_id"],
                 "store_group_id": s["group_id"], "is_active": s["is_active"]} for s in stores]

    # -- static content ---------------------------------------------------------------------
    def deploy_static_content(self) -> int:
        """Write the static-content deployment version: the Unix time of the deploy
        (pub/static/deployed_version.txt, App/View/Deployment/Version::generateVersion)."""
        version = int(self.clock.time())
        self.db.set_meta(STATIC_VERSION, version)
        return version

    def static_content_version(self) -> int:
        """Deployment/Version::getValue: the deployed version, generated and kept on first use when
        none was deployed (a state from before the emulator kept one)."""
        version = self.db.get_meta(STATIC_VERSION)
        return int(version) if version is not None else self.deploy_static_content()

    def store_config_data(self, codes: list[str] | None = None) -> list[dict[str, Any]]:
        """StoreConfigManager::getStoreConfigs: store views only, admin excluded.

        Static URLs end in ``version<deployed version>/``: Theme's Url/Plugin/Signature adds it to
        every static base URL while dev/static/sign is on (Magento's default; measured on 2.4.7-p3).
        """
        base = self.base_url.rstrip("/") + "/"
        static = f"{base}static/version{self.static_content_version()}/"
        out = []
        for s in self.stores(with_admin=False):
            if codes and s["code"] not in codes:
                continue
            out.append({
                "id": s["store_id"], "code": s["code"], "website_id": s["website_id"],
                "locale": s["locale"], "base_currency_code": s["base_currency_code"],
                "default_display_currency_code": s["default_display_currency_code"],
                "timezone": s["timezone"], "weight_unit": s["weight_unit"],
                "base_url": base, "base_link_url": base, "base_static_url": static,
                "base_media_url": base + "media/", "secure_base_url": base, "secure_base_link_url": base,
                "secure_base_static_url": static, "secure_base_media_url": base + "media/",
            })
        return out
