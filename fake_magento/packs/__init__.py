"""Declarative seed packs: a YAML or JSON file naming specific products, customers and orders.

```python
from fake_magento.packs import read_pack, apply_pack
pack = read_pack("shop.yaml")            # PackError naming every bad entry: products[2].type_id: ...
ids = apply_pack(app, pack)              # one transaction: all of it or nothing
ids["orders"]["late-parcel"]["id"]
```

``fake-magento seed --pack FILE`` loads one from the command line; ``connector.operations.packs``
pushes the same pack to any Magento through its REST API. The format is in ``schema.py``.
"""
from __future__ import annotations

from fake_magento.packs.apply import PackApplyError, PackWriter, RestCaller
from fake_magento.packs.loader import apply_pack, parse_pack, read_pack
from fake_magento.packs.schema import ORDER_STATES, PRODUCT_TYPES, PackError, validate

__all__ = ["ORDER_STATES", "PRODUCT_TYPES", "PackApplyError", "PackError", "PackWriter", "RestCaller", "apply_pack",
           "parse_pack", "read_pack", "validate"]
