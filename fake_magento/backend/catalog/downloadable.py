"""Downloadable links and samples: URLs (hosts from Config.downloadable_domains) and uploaded files.

Magento: Downloadable/Model/Link/SaveHandler and Sample/SaveHandler (a sent list replaces the
product's links/samples), LinkRepository / SampleRepository (validation order and messages),
Link/ContentValidator and Sample/ContentValidator; URL domains and ``*_file_content`` uploads are
downloadable_content.py. An uploaded file's content is not kept, only its path.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from fake_magento.backend.catalog.downloadable_content import (
    check_content,
    content,
    domain_allowed,
    stored_path,
)
from fake_magento.errors import InputError, NoSuchEntityError
from fake_magento.types import typed_value

if TYPE_CHECKING:
    from fake_magento.backend.catalog import CatalogService

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
LINK_KEYS = ["id", "title", "sort_order", "is_shareable", "price", "number_of_downloads", "link_type", "link_file",
             "link_url", "sample_type", "sample_file", "sample_url"]
SAMPLE_KEYS = ["id", "title", "sort_order", "sample_type", "sample_file", "sample_url"]
# Getters whose @return is not nullable (Downloadable/Api/Data/LinkInterface, SampleInterface): the
# DataObjectProcessor writes their null (a link without a sample reads "sample_type": null, measured on
# 2.4.7-p3); every other null is left out.
NON_NULLABLE = {"downloadable_link": ("sort_order", "is_shareable", "price", "link_type", "sample_type"),
                "downloadable_sample": ("title", "sort_order", "sample_type")}


def _get(data: dict[str, Any], snake: str) -> Any:
    camel = snake.split("_")[0] + "".join(p.title() for p in snake.split("_")[1:])
    return data.get(snake, data.get(camel))


def _parse(item: Any, keys: list[str]) -> dict[str, Any]:
    item = item if isinstance(item, dict) else {}
    out: dict[str, Any] = {}
    for key in keys:  # typed at the edge (ServiceInputProcessor) or by the seeder
        out[key] = _get(item, key)
    for key in ("link_file_content", "sample_file_content"):
        if key.split("_")[0] + "_type" in keys:
            out[key] = content(_get(item, key))
    return out


def _is_int(value: Any) -> bool:
    return value is not None and float(value) == int(float(value)) and float(value) >= 0


def _store_uploads(item: dict[str, Any], kind: str) -> None:
    """An uploaded file becomes its stored path (``link_file``, ``sample_file``); the content is not kept."""
    for prefix in ("link", "sample") if kind == "link" else ("sample",):
        uploaded = item.pop(f"{prefix}_file_content", None)
        if uploaded and item.get(f"{prefix}_type") != "url":
            item[f"{prefix}_file"] = stored_path(uploaded)


class DownloadableParts:
    name = "downloadable"

    def __init__(self, catalog: CatalogService) -> None:
        self.catalog = catalog
        self.db = catalog.db

    # -- reads -------------------------------------------------------------------------------
    def _rows(self, table: str, product_id: int) -> list[dict[str, Any]]:
        key = "link_id" if table == "downloadable_link" else "sample_id"
        rows = self.db.query(f"SELECT * FROM {table} WHERE product_id=? ORDER BY sort_order, {key}", (product_id,))
        out = []
        for r in rows:
            data = {"id": r[key], **json.loads(r["data"])}
            keys = LINK_KEYS if table == "downloadable_link" else SAMPLE_KEYS
            out.append({k: data.get(k) for k in keys if data.get(k) is not None or k in NON_NULLABLE[table]})
        return out

    def links(self, product_id: int) -> list[dict[str, Any]]:
        return self._rows("downloadable_link", product_id)

    def samples(self, product_id: int) -> list[dict[str, Any]]:
        return self._rows("downloadable_sample", product_id)

    def extension(self, product_id: int, type_id: str) -> dict[str, Any]:
        if type_id != "downloadable":
            return {}
        return {"downloadable_product_links": self.links(product_id),
                "downloadable_product_samples": self.samples(product_id)}

    # -- validation (LinkRepository::save, SampleRepository::save) ----------------------------
    def _check_url(self, url: Any, kind: str) -> None:
        if not _URL.match(url or ""):
            raise InputError(f"{kind} URL must have valid format.")
        if not domain_allowed(str(url), self.catalog.config.downloadable_domains):
            raise InputError(f"{kind} URL's domain is not in list of downloadable_domains in env.php.")

    def _uploaded(self, table: str, key: str, path: Any) -> bool:
        """Whether a file path names a file uploaded before (measured: a new link naming an uploaded
        file's path is saved; a path never uploaded is "Link file not found. Please try again.")."""
        return bool(path) and self.db.one(
            f"SELECT 1 FROM {table} WHERE json_extract(data, '$.{key}') = ? LIMIT 1", (str(path),)) is not None

    def _validate_link(self, link: dict[str, Any]) -> None:
        if link["link_type"] not in ("url", "file"):
            raise InputError("The link type is invalid. Verify and try again.")
        if link["sample_type"] is not None and link["sample_type"] not in ("url", "file"):
            raise InputError("The link sample type is invalid. Verify and try again.")
        if link["price"] is None or link["price"] < 0:
            raise InputError("Link price must have numeric positive value.")
        if not _is_int(link["number_of_downloads"]):
            raise InputError("Number of downloads must be a positive integer.")
        if not _is_int(link["sort_order"]):
            raise InputError("Sort order must be a positive integer.")
        if link["link_type"] == "url":
            self._check_url(link["link_url"], "Link")
        elif link.get("link_file_content"):
            check_content(link["link_file_content"])
        elif not self._uploaded("downloadable_link", "link_file", link["link_file"]):
            raise InputError("Link file not found. Please try again.")
        if link["sample_type"] == "url":
            self._check_url(link["sample_url"], "Sample")
        elif link.get("sample_file_content"):
            check_content(link["sample_file_content"])
        elif link["sample_type"] == "file" and not self._uploaded("downloadable_link", "sample_file",
                                                                  link["sample_file"]):
            raise InputError("Link sample file not found. Please try again.")
        if not link["title"]:
            raise InputError("The link title is empty. Enter the link title and try again.")
        _store_uploads(link, "link")

    def _validate_sample(self, sample: dict[str, Any]) -> None:
        if sample["sample_type"] not in ("url", "file"):
            raise InputError("The sample type is invalid. Verify the sample type and try again.")
        if not _is_int(sample["sort_order"]):
            raise InputError("Sort order must be a positive integer.")
        if sample["sample_type"] == "url":
            self._check_url(sample["sample_url"], "Sample")
        elif sample.get("sample_file_content"):
            check_content(sample["sample_file_content"])
        elif sample["sample_type"] == "file" and not self._uploaded("downloadable_sample", "sample_file",
                                                                    sample["sample_file"]):
            raise InputError("Sample file not found. Please try again.")
        if not sample["title"]:
            raise InputError("The sample title is empty. Enter the title and try again.")
        _store_uploads(sample, "sample")

    # -- product save ------------------------------------------------------------------------
    def prepare(self, data: dict[str, Any], extension: dict[str, Any], type_id: str) -> Any:
        if type_id != "downloadable":
            return None
        raw_links = extension.get("downloadable_product_links")
        raw_samples = extension.get("downloadable_product_samples")
        links = None if raw_links is None else [_parse(x, LINK_KEYS) for x in (
            raw_links if isinstance(raw_links, list) else [raw_links])]
        samples = None if raw_samples is None else [_parse(x, SAMPLE_KEYS) for x in (
            raw_samples if isinstance(raw_samples, list) else [raw_samples])]
        for link in links or []:
            link["number_of_downloads"] = link["number_of_downloads"] or 0
            link["sort_order"] = link["sort_order"] or 0
            self._validate_link(link)
        for sample in samples or []:
            sample["sort_order"] = sample["sort_order"] or 0
            self._validate_sample(sample)
        return links, samples

    def save(self, conn: Any, product_id: int, type_id: str, parts: Any) -> None:
        if not parts:
            return
        links, samples = parts
        for table, key, items in (("downloadable_link", "link_id", links), ("downloadable_sample", "sample_id",
                                                                            samples)):
            if items is None:
                continue
            keep = {int(i["id"]) for i in items if i["id"]}
            for (row_id,) in conn.execute(f"SELECT {key} FROM {table} WHERE product_id=?", (product_id,)).fetchall():
                if row_id not in keep:
                    conn.execute(f"DELETE FROM {table} WHERE {key}=?", (row_id,))
            for item in items:
                self._store(conn, table, key, product_id, item)

    def _store(self, conn: Any, table: str, key: str, product_id: int, item: dict[str, Any]) -> int:
        data = {k: v for k, v in item.items() if k != "id"}
        if data.get("is_shareable") is None and table == "downloadable_link":
            data["is_shareable"] = 0  # the column's default (measured on 2.4.7-p3: sent null or left out -> 0)
        row_id = item["id"]
        exists = row_id and conn.execute(f"SELECT 1 FROM {table} WHERE {key}=? AND product_id=?",
                                         (row_id, product_id)).fetchone()
        if not exists:
            row_id = self.db.next_id(table)
            conn.execute(f"INSERT INTO {table} VALUES (?,?,?,?)",
                         (row_id, product_id, int(data.get("sort_order") or 0), json.dumps(data)))
        else:
            conn.execute(f"UPDATE {table} SET sort_order=?, data=? WHERE {key}=?",
                         (int(data.get("sort_order") or 0), json.dumps(data), row_id))
        return int(row_id)

    # -- routes ------------------------------------------------------------------------------
    def _product(self, sku: str) -> tuple[int, str]:
        product_id = self.catalog.find_id(sku)
        if product_id is None:
            raise self.catalog.not_found()
        return product_id, self.db.one("SELECT type_id FROM catalog_product_entity WHERE entity_id=?",
                                       (product_id,))[0]

    def link_list(self, sku: str) -> list[dict[str, Any]]:
        product_id, type_id = self._product(sku)
        return self.links(product_id) if type_id == "downloadable" else []

    def sample_list(self, sku: str) -> list[dict[str, Any]]:
        product_id, type_id = self._product(sku)
        return self.samples(product_id) if type_id == "downloadable" else []

    def save_item(self, sku: str, item: Any, kind: str, item_id: Any = None) -> str:
        """LinkRepository::save / SampleRepository::save: the id as the saved model holds it, a digit
        string (measured on 2.4.7-p3: "7" for an add and for an update)."""
        product_id, type_id = self._product(sku)
        keys = LINK_KEYS if kind == "link" else SAMPLE_KEYS
        data = _parse(item, keys)
        if item_id is not None:
            # ParamsOverrider writes the path id into the item before ServiceInputProcessor converts it
            data["id"] = typed_value("id", item_id, "int")
        table, key = ("downloadable_link", "link_id") if kind == "link" else ("downloadable_sample", "sample_id")
        if data["id"] is not None:
            row = self.db.one(f"SELECT product_id FROM {table} WHERE {key}=?", (data["id"],))
            if row is None:
                raise NoSuchEntityError(f"No downloadable {kind} with the provided ID was found. Verify the ID and "
                                        "try again.")
            if row[0] != product_id:
                raise InputError(f"The downloadable {kind} isn't related to the product. Verify the link and try "
                                 "again.")
        elif type_id != "downloadable":
            raise InputError("The product needs to be the downloadable type. Verify the product and try again.")
        if kind == "link":
            data["number_of_downloads"] = data["number_of_downloads"] or 0
        data["sort_order"] = data["sort_order"] or 0
        (self._validate_link if kind == "link" else self._validate_sample)(data)
        with self.db.write() as conn:
            row_id = self._store(conn, table, key, product_id, data)
            self.catalog.touch(conn, product_id)
        return str(row_id)

    def delete_item(self, item_id: Any, kind: str) -> bool:
        table, key = ("downloadable_link", "link_id") if kind == "link" else ("downloadable_sample", "sample_id")
        row = self.db.one(f"SELECT {key} FROM {table} WHERE {key}=?", (str(item_id),))
        if row is None:
            raise NoSuchEntityError(f"No downloadable {kind} with the provided ID was found. Verify the ID and try "
                                    "again.")
        with self.db.write() as conn:
            conn.execute(f"DELETE FROM {table} WHERE {key}=?", (row[0],))
        return True

