"""Which of Magento's REST request processors takes a path, after the store code is taken off.

``Webapi/Controller/PathProcessor::process`` trims the path, drops ``rest`` and reads the next
segment as a store code (exact, case-sensitive; a view code or ``all``); any other first segment
stays in the path. ``Webapi/Controller/Rest/RequestProcessorPool::getProcessor`` then asks each
processor in sort order whether it takes the path; none does -> 400 "Specified request cannot be
processed." (before routing and before authentication). Measured on a real 2.4.7-p3:
``/rest/nosuchstore/V1/orders``, ``/rest/DE/V1/...``, ``/rest/admin/V1/...``, ``/rest``,
``GET /rest/async/V1/products`` all answer that 400; an unknown path under a valid scope is the
router's 404.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from fake_magento.errors import WebapiError

SYNC = "sync"        # Webapi/Controller/Rest/SynchronousRequestProcessor: ^/V\d+
ASYNC = "async"      # WebapiAsync/Controller/Rest/AsynchronousRequestProcessor: ^/async(/V.+), not GET
BULK = "bulk"        # the same class with BULK_PROCESSOR_PATH: ^/async/bulk(/V.+), not GET
SCHEMA = "schema"    # SchemaRequestProcessor and the async ones: the path starts with schema

_SYNC = re.compile(r"^/V\d+")
_ASYNC = re.compile(r"^/async(/V.+)")
_BULK = re.compile(r"^/async/bulk(/V.+)")


@dataclass(frozen=True)
class Processed:
    kind: str
    route_path: str   # the path the router matches (for async and bulk, without the prefix)


def split_store_code(raw_path: str) -> tuple[str, str, str]:
    """PathProcessor: (first segment after ``rest``, the path if it is a store code, the path if not).

    ``/rest//V1/x`` reads its code as ``V1`` (the leading empty segment is trimmed away), so it
    is served; ``/rest/de//V1/x`` leaves ``//V1/x`` behind, which no processor takes.
    """
    parts = raw_path.strip("/").split("/")[1:]
    full = "/".join(parts).lstrip("/")
    code, _, rest = full.partition("/")
    return code, "/" + rest, "/" + full


def processor_for(method: str, path: str) -> Processed:
    """RequestProcessorPool::getProcessor, in the processors' sort order (di.xml of Webapi and WebapiAsync)."""
    trimmed = path.lstrip("/")
    if trimmed.startswith(("schema", "async/schema")):
        return Processed(SCHEMA, path)
    if _SYNC.match(path):
        return Processed(SYNC, path)
    if method != "GET":
        async_match = _ASYNC.match(path)
        if async_match:
            return Processed(ASYNC, async_match.group(1))
    if trimmed.startswith("async/bulk/schema"):
        return Processed(SCHEMA, path)
    if method != "GET":
        bulk_match = _BULK.match(path)
        if bulk_match:
            return Processed(BULK, bulk_match.group(1))
    raise WebapiError("Specified request cannot be processed.")


def route_segments(route_path: str) -> list[str]:
    """Router/Route::getPathParts: explode('/', trim(path, '/')); an empty middle segment stays."""
    return route_path.strip("/").split("/")
