"""The request data a sync REST call's service input is made from (Webapi/Controller/Rest/
InputParamsResolver::getInputData), before ServiceInputProcessor converts it (service_input.py).

Any method but PUT: Rest/Request::getRequestData, the body's keys with the request's parameters on
top. The parameters are the path values, then the query's keys not among them
(PhpEnvironment/Request::getParams: ``$params += $query``).

PUT: ParamsOverrider::overrideRequestBodyIdWithPathParam first writes the *last* parameter into the
body (a query parameter, when the URL has a query: measured on 2.4.7-p3, ``PUT
/V1/orders/174?foo=bar`` leaves the address's ``parent_id`` unset), unless its value is ``me``:
into the body's one top-level object when the service's parameter of that name is a data object
with that property, else at the body's top level; the key is the camelCase one when the body has it
set, else the snake_case one. Then the parameters are merged on top and ``filterInputData`` drops
every key that repeats an earlier one but for case and underscores, at every depth.
"""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import camel, snake
from fake_magento.http.service_input import upper_camel
from fake_magento.http.service_types import FIELDS, PARAMS


def input_data(method: str, route_key: str, path_params: dict[str, Any], query: dict[str, Any],
               body: Any) -> dict[str, Any]:
    params = dict(path_params)
    for key, value in query.items():
        params.setdefault(key, value)
    data = dict(body) if isinstance(body, dict) else {}
    if method != "PUT":
        return {**data, **params}
    if params:
        key, value = list(params.items())[-1]
        if value != "me":   # self APIs are not overridden
            only = next(iter(data.values())) if len(data) == 1 else None
            if isinstance(only, (dict, list)) and _declares(route_key, next(iter(data)), key):
                target = dict(only) if isinstance(only, dict) else {str(i): v for i, v in enumerate(only)}
                _substitute(target, key, value)
                data[next(iter(data))] = target
            else:
                _substitute(data, key, value)
    return _filter_input_data({**data, **params})


def _declares(route_key: str, argument: str, prop: str) -> bool:
    """isPropertyDeclaredInDataObject: the service's parameter named ``argument`` is a data object
    whose interface has a setter for ``prop``."""
    kind = next((k for name, k, _ in PARAMS.get(route_key, ()) if name == argument), None)
    fields = FIELDS.get(kind or "")
    return bool(fields) and upper_camel(prop) in {upper_camel(f) for f in fields}


def _substitute(data: dict[str, Any], key: str, value: Any) -> None:
    camel_key = camel(key)
    data[camel_key if data.get(camel_key) is not None else snake(key)] = value


def _filter_input_data(value: Any) -> Any:
    if isinstance(value, dict):
        seen: set[Any] = set()
        out: dict[Any, Any] = {}
        for key, item in value.items():
            folded = key.replace("_", "").lower() if isinstance(key, str) else key
            if folded not in seen:
                seen.add(folded)
                out[key] = _filter_input_data(item)
        return out
    if isinstance(value, list):
        return [_filter_input_data(item) for item in value]
    return value
