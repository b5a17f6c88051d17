"""Stores, the admin user and the integrations."""
from __future__ import annotations

import json
import string
from typing import TYPE_CHECKING

from fake_magento.backend.auth import hash_password

if TYPE_CHECKING:
    from fake_magento.seed import SeedContext

WEBSITES = [  # website_id, code, name, default_group_id, is_default
    (0, "admin", "Admin", 0, 0),
    (1, "base", "Main Website", 1, 1),
    (2, "eu", "Europe Website", 2, 0),
]
GROUPS = [  # group_id, website_id, code, name, root_category_id, default_store_id
    (0, 0, "default", "Default", 0, 0),
    (1, 1, "main_website_store", "Main Website Store", 2, 1),
    (2, 2, "eu_store", "Europe Store", 2, 2),
]
STORES = [  # store_id, code, website_id, group_id, name, sort, locale, currency, timezone
    (0, "admin", 0, 0, "Admin", 0, "en_US", "USD", "UTC"),
    (1, "default", 1, 1, "Default Store View", 0, "en_US", "USD", "America/Chicago"),
    (2, "de", 2, 2, "German Store View", 0, "de_DE", "EUR", "Europe/Berlin"),
    (3, "fr", 2, 2, "French Store View", 1, "fr_FR", "EUR", "Europe/Paris"),
]

SALES_RESOURCES = ["Magento_Sales::sales", "Magento_Sales::actions_view", "Magento_Sales::ship",
                   "Magento_Sales::invoice", "Magento_Sales::creditmemo", "Magento_Sales::cancel",
                   "Magento_Sales::hold", "Magento_Sales::unhold", "Magento_Sales::comment",
                   "Magento_Sales::emails", "Magento_Sales::sales_invoice", "Magento_Sales::shipment"]
CATALOG_RESOURCES = ["Magento_Catalog::catalog", "Magento_Catalog::catalog_inventory",
                     "Magento_Catalog::products", "Magento_Catalog::categories",
                     "Magento_Catalog::attributes_attributes", "Magento_Catalog::sets",
                     "Magento_Catalog::update_attributes", "Magento_Catalog::edit_product_design",
                     "Magento_InventoryApi::source", "Magento_InventoryApi::stock",
                     "Magento_CatalogInventory::cataloginventory"]


def _token(rng, length: int = 32) -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "".join(rng.choice(alphabet) for _ in range(length))


def seed(ctx: SeedContext) -> None:
    db = ctx.backend.db
    rng = ctx.rng
    admin_password = "admin" + _token(rng, 6) + "1"
    integrations = []
    with db.write() as conn:
        conn.executemany("INSERT INTO store_website VALUES (?,?,?,?,?,?)",
                         [(w[0], w[1], w[2], i, w[3], w[4]) for i, w in enumerate(WEBSITES)])
        conn.executemany("INSERT INTO store_group VALUES (?,?,?,?,?,?)", GROUPS)
        conn.executemany(
            "INSERT INTO store (store_id, code, website_id, group_id, name, sort_order, is_active, locale,"
            " base_currency_code, default_display_currency_code, timezone, weight_unit)"
            " VALUES (?,?,?,?,?,?,1,?,?,?,?,'lbs')",
            [(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[7], s[8]) for s in STORES])
        conn.execute(
            "INSERT INTO admin_user (user_id, username, password_hash, firstname, lastname, email, is_active,"
            " resources) VALUES (1, 'admin', ?, 'Ada', 'Admin', 'admin@example.com', 1, ?)",
            (hash_password(admin_password), json.dumps(["Magento_Backend::all"])))
        conn.execute(
            "INSERT INTO admin_user (user_id, username, password_hash, firstname, lastname, email, is_active,"
            " resources) VALUES (2, 'catalog_manager', ?, 'Cat', 'Manager', 'catalog@example.com', 1, ?)",
            (hash_password(admin_password), json.dumps(CATALOG_RESOURCES)))
        for integration_id, name, resources in [
            (1, "Connector", ["Magento_Backend::all"]),
            (2, "Catalog Sync", CATALOG_RESOURCES),
        ]:
            row = {
                "integration_id": integration_id, "name": name, "email": f"integration{integration_id}@example.com",
                "consumer_id": integration_id, "consumer_key": _token(rng), "consumer_secret": _token(rng),
                "access_token": _token(rng), "access_token_secret": _token(rng),
                "resources": json.dumps(resources),
            }
            conn.execute(
                "INSERT INTO integration (integration_id, name, email, consumer_id, consumer_key, consumer_secret,"
                " access_token, access_token_secret, resources) VALUES (:integration_id, :name, :email,"
                " :consumer_id, :consumer_key, :consumer_secret, :access_token, :access_token_secret, :resources)",
                row)
            integrations.append(row)
    # setup:static-content:deploy writes the deployment version (a Unix time) at install.
    ctx.backend.stores.deploy_static_content()
    main, catalog_only = integrations
    ctx.add_credentials(
        admin_username="admin", admin_password=admin_password,
        consumer_key=main["consumer_key"], consumer_secret=main["consumer_secret"],
        access_token=main["access_token"], access_token_secret=main["access_token_secret"],
        catalog_integration={k: catalog_only[k] for k in
                             ("consumer_key", "consumer_secret", "access_token", "access_token_secret")},
        catalog_admin_username="catalog_manager",
    )
