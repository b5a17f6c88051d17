"""Pushing a seed pack (``fake_magento.packs``) to any Magento through its REST API only.

```python
from connector.operations.packs import push_pack

ids = push_pack(client, "shop.yaml", prefix="qa42", mapping_file="shop.ids.json")
ids["orders"]["late-parcel"]["id"]          # the real order's entity id
```

The same pack that ``fake-magento seed --pack`` loads into the emulator: products through
``/V1/products`` (attribute options created when missing), customers through ``/V1/customers``,
orders through the checkout (a cart per order, its items, addresses, shipping and payment, then
place it) and moved to their state through the lifecycle routes (invoice, ship, refund, hold,
cancel). ``prefix`` goes in front of every SKU and e-mail so a run does not meet an earlier one.
A real Magento has no transaction across calls: when a call is refused the mapping of what was
created so far is still written, and the error names the pack entry.
"""
from __future__ import annotations

import importlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from connector.client import MagentoClient

# the pack format lives with the emulator; imported at run time so the connector's strict type check
# stays on the connector (as contracts/target.py does)
_packs: Any = importlib.import_module("fake_magento.packs")
PackError: type[Exception] = _packs.PackError
PackApplyError: type[Exception] = _packs.PackApplyError


class _ClientCaller:
    """The pack writer's REST calls through the connector's requestor (V1, never retried blindly)."""

    def __init__(self, client: MagentoClient) -> None:
        self.requestor = client.requestor

    def __call__(self, method: str, relative: str, body: Any = None, *, store: str | None = None,
                 params: list[tuple[str, str]] | None = None) -> Any:
        return self.requestor.request(method, relative, params=params or (), json=body, store=store, api="V1",
                                      idempotent=method == "GET")


def push_pack(client: MagentoClient, pack: str | Path | dict[str, Any], *, prefix: str = "",
              mapping_file: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """Validate the pack (a file, or the parsed mapping), create its entities on the client's Magento
    and return the mapping of its refs to the real ids (also written to ``mapping_file`` as JSON)."""
    validated = _packs.read_pack(pack) if isinstance(pack, (str, Path)) else _packs.validate(pack)
    writer = _packs.PackWriter(_ClientCaller(client), prefix)
    try:
        mapping: dict[str, dict[str, Any]] = writer.write(validated)
    except PackApplyError:
        if mapping_file is not None:
            _write_json(Path(mapping_file), writer.mapping)
        raise
    if mapping_file is not None:
        _write_json(Path(mapping_file), mapping)
    return mapping


def _write_json(path: Path, data: Any) -> None:
    """Atomically: a temporary file in the same directory, then renamed over the target."""
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.")
    with os.fdopen(fd, "w") as out:
        json.dump(data, out, indent=2, sort_keys=True)
        out.write("\n")
    os.replace(tmp, path)
