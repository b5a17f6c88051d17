"""Cut the emulator's OpenAPI contract out of Adobe's Magento 2.4.8 admin REST schema.

    .venv/bin/python openapi/cut.py /work/shared/reference/magento-2.4.8-admin-rest-schema.json

Keeps exactly the operations the router serves (``build_router().routes``), matched on
method + path shape (parameter names normalised; renamed to ours, and reported), their
parameters and every definition reachable from them; drops Adobe's description/summary
prose; applies ``openapi/overlays/*.json`` in name order; writes ``openapi/magento-admin-rest.json``,
``openapi/COVERAGE.md`` and ``fake_magento/http/path_types.py`` (the typed path values the emulator
converts, as ServiceInputProcessor does). A served route absent from Adobe's schema must be added by an
overlay, or the cut fails.

Overlay file format (JSON)::

    {"evidence": "<Magento source path | recording file | magento-semantics.md section>",
     "reason": "<one sentence>",
     "patches": [{"op": "set" | "merge" | "delete", "target": ["paths", "/V1/x", "get", ...], "value": ...}]}

``target`` is a list of keys (no JSON-pointer escaping). A patch whose target lies under a
``paths`` operation the emulator does not serve (yet) is skipped and reported.
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from http import HTTPStatus
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC_PATH = HERE / "magento-admin-rest.json"
COVERAGE_PATH = HERE / "COVERAGE.md"
PATH_TYPES_PATH = ROOT / "fake_magento" / "http" / "path_types.py"
SERVICE_TYPES_PATH = ROOT / "fake_magento" / "http" / "service_types.py"
OFFICIAL_PATH = HERE / "adobe-2.4.8-served.json"
# Swagger simple types as Webapi/Model/Rest/Swagger/Generator::getSimpleType writes a PHP type
PHP_TYPES = {"integer": "int", "number": "float", "boolean": "bool"}
OVERLAY_DIR = HERE / "overlays"
METHODS = ("get", "post", "put", "delete", "patch")
PROSE_KEYS = ("description", "summary")
INFO_DESCRIPTION = ("Subset of Adobe's Magento 2.4.8 admin REST schema served by fake_magento, "
                    "cut by openapi/cut.py, corrected by openapi/overlays.")


def load_reference(path: str) -> dict[str, Any]:
    text = Path(path).read_text(encoding="utf-8")
    if path.endswith(".json"):
        return json.loads(text)
    import yaml  # the .yaml twin: same content, slower
    return yaml.safe_load(text)


def served_routes() -> list[Any]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from fake_magento.http.registry import build_router
    return list(build_router().routes)


def shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path.rstrip("/") or "/")


def path_params(path: str) -> list[str]:
    return re.findall(r"\{([^}]*)\}", path)


def strip_prose(node: Any, *, in_properties: bool = False) -> Any:
    """Drop description/summary texts (but not a *property* that happens to be named so)."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if not in_properties and key in PROSE_KEYS and isinstance(value, str):
                continue
            if not in_properties and key == "tags" and isinstance(value, list):
                continue
            out[key] = strip_prose(value, in_properties=(key == "properties" and not in_properties))
        return out
    if isinstance(node, list):
        return [strip_prose(v) for v in node]
    return node


def rename_params(operation: dict[str, Any], adobe_path: str, our_path: str) -> dict[str, Any]:
    renames = {a: b for a, b in zip(path_params(adobe_path), path_params(our_path)) if a != b}
    op = copy.deepcopy(operation)
    for param in op.get("parameters", []):
        if param.get("in") == "path" and param.get("name") in renames:
            param["name"] = renames[param["name"]]
    return op


def normalise_responses(operation: dict[str, Any]) -> None:
    """Swagger 2.0 requires a response description: a status phrase instead of Adobe's prose."""
    for code, response in operation.get("responses", {}).items():
        if code == "default":
            text = "Unexpected error"
        else:
            try:
                text = HTTPStatus(int(code)).phrase
            except ValueError:
                text = code
        response["description"] = text


def refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            found.add(ref[len("#/definitions/"):])
        for value in node.values():
            found |= refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= refs(value)
    return found


def reachable(roots: Any, definitions: dict[str, Any]) -> set[str]:
    todo = list(refs(roots))
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in definitions:
            raise SystemExit(f"unresolved $ref #/definitions/{name}")
        seen.add(name)
        todo.extend(refs(definitions[name]) - seen)
    return seen


def load_overlays() -> list[tuple[str, dict[str, Any]]]:
    overlays = []
    for file in sorted(OVERLAY_DIR.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        if not data.get("evidence") or not data.get("patches"):
            raise SystemExit(f"{file.name}: an overlay needs 'evidence' and 'patches'")
        overlays.append((file.name, data))
    return overlays


def apply_patch(doc: dict[str, Any], patch: dict[str, Any], served: set[tuple[str, str]]) -> str | None:
    """Apply one patch; return a reason when it is skipped."""
    target = patch["target"]
    if target[0] == "paths" and len(target) >= 3 and (target[2], target[1]) not in served:
        return f"{target[2].upper()} {target[1]} is not served"
    op = patch.get("op", "set")
    node = doc
    for i, key in enumerate(target[:-1]):
        if key not in node and not (target[0] == "paths" and i < 3):
            # a typo'd or vanished target would otherwise create a stray node silently
            raise SystemExit(f"overlay target {target} does not exist in the cut (missing {key!r})")
        node = node.setdefault(key, {})
    last = target[-1]
    if op in ("merge", "delete") and last not in node:
        raise SystemExit(f"overlay target {target} does not exist in the cut (op {op})")
    if op == "set":
        node[last] = copy.deepcopy(patch["value"])
    elif op == "merge":
        node.setdefault(last, {}).update(copy.deepcopy(patch["value"]))
    elif op == "delete":
        node.pop(last, None)
    else:
        raise SystemExit(f"unknown overlay op {op!r}")
    return None


def cut(reference: dict[str, Any], routes: list[Any]) -> tuple[dict[str, Any], list[str]]:
    report: list[str] = []
    by_shape: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    for path, item in reference["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                by_shape[(method, shape(path))] = (path, operation)

    paths: dict[str, dict[str, Any]] = {}
    missing: list[Any] = []
    for route in routes:
        method, ours = route.method.lower(), route.openapi_path
        hit = by_shape.get((method, shape(ours)))
        if hit is None:
            missing.append(route)
            continue
        adobe_path, operation = hit
        if adobe_path != ours:
            report.append(f"renamed: {route.method} {adobe_path} -> {ours}")
            operation = rename_params(operation, adobe_path, ours)
        operation = strip_prose(operation)
        normalise_responses(operation)
        paths.setdefault(ours, {})[method] = operation

    doc: dict[str, Any] = {
        "swagger": reference["swagger"],
        "info": {"title": reference["info"]["title"], "version": reference["info"]["version"],
                 "description": INFO_DESCRIPTION},
        "host": reference.get("host", "example.com"),
        "basePath": reference["basePath"],
        "schemes": reference.get("schemes", ["http"]),
        "paths": paths,
        "definitions": strip_prose(reference["definitions"]),
    }
    served = {(r.method.lower(), r.openapi_path) for r in routes}
    for name, overlay in load_overlays():
        for patch in overlay["patches"]:
            skipped = apply_patch(doc, patch, served)
            if skipped:
                report.append(f"overlay {name}: skipped a patch ({skipped})")
    for item in doc["paths"].values():
        for operation in item.values():
            normalise_responses(operation)

    absent = [r for r in missing if r.openapi_path not in doc["paths"]
              or r.method.lower() not in doc["paths"][r.openapi_path]]
    if absent:
        lines = "\n".join(f"  {r.method} {r.openapi_path}" for r in absent)
        raise SystemExit("served but absent from Adobe's schema; add an overlay with evidence:\n" + lines)
    for r in missing:
        report.append(f"added by overlay: {r.method} {r.openapi_path}")

    extra = [(m, p) for p, item in doc["paths"].items() for m in item if (m, p) not in served]
    if extra:
        raise SystemExit(f"overlays add operations the emulator does not serve: {extra}")

    keep = reachable(doc["paths"], doc["definitions"])
    doc["definitions"] = {k: doc["definitions"][k] for k in sorted(keep)}
    doc["paths"] = {p: dict(sorted(doc["paths"][p].items())) for p in sorted(doc["paths"])}
    return doc, report


def official_subset(reference: dict[str, Any], routes: list[Any]) -> dict[str, Any]:
    """Adobe's schema as published, limited to the served operations and the definitions they reach:
    no overlay, no renamed parameter; only the prose is dropped. tests/openapi/test_official_schema.py
    runs schemathesis against it (CI has no copy of Adobe's file)."""
    shapes = {(r.method.lower(), shape(r.openapi_path)) for r in routes}
    paths: dict[str, dict[str, Any]] = {}
    for path, item in reference["paths"].items():
        for method, operation in item.items():
            if method in METHODS and (method, shape(path)) in shapes:
                paths.setdefault(path, {})[method] = strip_prose(operation)
    definitions = strip_prose(reference["definitions"])
    keep = reachable(paths, definitions)
    return {"swagger": reference["swagger"],
            "info": {"title": reference["info"]["title"], "version": reference["info"]["version"]},
            "host": reference.get("host", "example.com"), "basePath": reference["basePath"],
            "schemes": reference.get("schemes", ["http"]),
            "paths": {p: dict(sorted(paths[p].items())) for p in sorted(paths)},
            "definitions": {k: definitions[k] for k in sorted(keep)}}


def coverage_markdown(spec: dict[str, Any], routes: list[Any]) -> str:
    acl = {(r.method.lower(), r.openapi_path): r.resources for r in routes}
    lines = [
        "# OpenAPI coverage",
        "",
        "Generated by `openapi/cut.py` from `openapi/magento-admin-rest.json` and the router; "
        "do not edit by hand.",
        "",
        f"{sum(len(v) for v in spec['paths'].values())} operations, basePath `{spec['basePath']}`.",
        "",
        "| Method | Path | operationId | ACL resources |",
        "|---|---|---|---|",
    ]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            resources = ", ".join(f"`{r}`" for r in acl.get((method, path), ("(not served)",)))
            lines.append(f"| {method.upper()} | `{path}` | {operation.get('operationId', '')} | {resources} |")
    lines += ["", "## Overlays", "", "Applied in this order (`openapi/overlays/`); evidence in each file.", "",
              "| File | Reason | Targets |", "|---|---|---|"]
    for name, overlay in load_overlays():
        reason = str(overlay.get("reason", "")).replace("|", "\\|")
        lines.append(f"| `{name}` | {reason} | {overlay_targets(overlay, acl)} |")
    return "\n".join(lines) + "\n"


def overlay_targets(overlay: dict[str, Any], served: Any) -> str:
    """Operations and definitions an overlay patches, compactly (unserved operations marked)."""
    targets: dict[str, list[str]] = {}
    for patch in overlay["patches"]:
        target = patch["target"]
        if target[0] == "paths" and len(target) >= 3:
            label = f"{target[2].upper()} `{target[1]}`"
            if (target[2], target[1]) not in served:
                label += " (not served)"
            targets.setdefault(label, [])
        elif target[0] == "definitions" and len(target) >= 2:
            props = targets.setdefault(f"`{target[1]}`", [])
            if len(target) >= 4 and target[2] == "properties" and target[3] not in props:
                props.append(target[3])
        else:
            targets.setdefault("`" + "/".join(map(str, target)) + "`", [])
    return "; ".join(k + (": " + ", ".join(v) if v else "") for k, v in targets.items())


def path_types_module(spec: dict[str, Any], routes: list[Any]) -> str:
    """The served routes' path values that Adobe's schema types as other than string. The Swagger
    generator types a path value that is a parameter of the service method by that parameter's type
    and any other one (only written into the body by ParamsOverrider) as a string."""
    lines = []
    for route in sorted(routes, key=lambda r: (r.path, r.method)):
        operation = spec["paths"].get(route.openapi_path, {}).get(route.method.lower(), {})
        types = {p["name"]: PHP_TYPES[p["type"]] for p in operation.get("parameters", [])
                 if p.get("in") == "path" and p.get("type") in PHP_TYPES}
        if types:
            lines.append(f"    {json.dumps(route.method + ' ' + route.path)}: {json.dumps(types)},")
    return (
        '"""Typed path values per route: generated by openapi/cut.py from the contract; do not edit.\n\n'
        "ServiceInputProcessor::process converts each service parameter to its declared type, path values\n"
        "included; a path value missing here is a string.\n"
        '"""\n'
        "from __future__ import annotations\n\n"
        "PATH_TYPES: dict[str, dict[str, str]] = {\n" + "\n".join(lines) + "\n}\n"
    )


def type_expr(node: dict[str, Any]) -> str:
    """A schema node as the PHP type ServiceInputProcessor converts to: ``int``, ``float``, ``bool``,
    ``string``, ``mixed`` (no type: an overlay dropped it where the getter returns mixed), ``array``
    (a free-form object: TypeProcessor::UNSTRUCTURED_ARRAY), a definition name, or any of these
    with ``[]``."""
    if "$ref" in node:
        return node["$ref"].rsplit("/", 1)[-1]
    kind = node.get("type")
    if kind == "array":
        return type_expr(node.get("items", {})) + "[]"
    if kind == "object":
        return "array"
    if kind is None:
        return "mixed"
    return PHP_TYPES.get(kind, "string")


def service_types_module(spec: dict[str, Any], routes: list[Any]) -> str:
    """The contract as tables: every definition's fields and types and its ``required`` list (the
    getters that never return null: DataObjectProcessor writes those as null, leaves out the others),
    and every served operation's service parameters in the method's order, with their types and
    whether they are required, and what the operation answers."""
    fields, required = {}, {}
    for name, definition in spec["definitions"].items():
        fields[name] = {f: type_expr(node) for f, node in definition.get("properties", {}).items()}
        required[name] = sorted(definition.get("required", []))
    params, results = {}, {}
    for route in sorted(routes, key=lambda r: (r.path, r.method)):
        operation = spec["paths"].get(route.openapi_path, {}).get(route.method.lower())
        if operation is None:
            continue
        key = route.method + " " + route.path
        entries = []
        for param in operation.get("parameters", []):
            where = param.get("in")
            if where == "body":
                schema = param.get("schema", {})
                needed = set(schema.get("required", []))
                entries += [[n, type_expr(node), n in needed] for n, node in schema.get("properties", {}).items()]
            elif where in ("path", "query") and "[" not in param["name"]:
                entries.append([param["name"], type_expr(param), bool(param.get("required"))])
        params[key] = entries
        schema = operation.get("responses", {}).get("200", {}).get("schema")
        results[key] = type_expr(schema) if schema else "void"

    def literal(value: Any) -> str:
        if isinstance(value, bool):
            return repr(value)
        if isinstance(value, list):
            return "[" + ", ".join(map(literal, value)) + "]"
        if isinstance(value, dict):
            return "{" + ", ".join(f"{json.dumps(k)}: {literal(v)}" for k, v in value.items()) + "}"
        return json.dumps(value, ensure_ascii=False)

    def table(value: dict[str, Any]) -> str:
        return "{\n" + "".join(f"    {json.dumps(k)}: {literal(v)},\n" for k, v in value.items()) + "}"

    return (
        '"""The contract as tables: generated by openapi/cut.py from openapi/magento-admin-rest.json; do not edit.\n\n'
        "FIELDS: definition -> field -> type; REQUIRED: definition -> the fields whose getter never returns\n"
        "null; PARAMS: route -> [name, type, required] in the service method's order (path, query and body\n"
        "parameters; searchCriteria's bracketed query names are read by fake_magento.search); RESULT:\n"
        "route -> the type of the 200 answer (``void`` when the schema gives none). Types are PHP's as\n"
        "TypeProcessor names them (see openapi/cut.py type_expr).\n"
        '"""\n'
        "from __future__ import annotations\n\n"
        "from typing import Any\n\n"
        f"FIELDS: dict[str, dict[str, str]] = {table(fields)}\n\n"
        f"REQUIRED: dict[str, list[str]] = {table(required)}\n\n"
        f"PARAMS: dict[str, list[list[Any]]] = {table(params)}\n\n"
        f"RESULT: dict[str, str] = {table(results)}\n"
    )


def dump(spec: dict[str, Any]) -> str:
    return json.dumps(spec, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", help="Adobe's schema (.json or .yaml)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if the committed files differ")
    args = parser.parse_args(argv)
    routes = served_routes()
    reference = load_reference(args.reference)
    official = dump(official_subset(reference, routes))
    spec, report = cut(reference, routes)
    for line in report:
        print(line)
    text, coverage = dump(spec), coverage_markdown(spec, routes)
    path_types = path_types_module(spec, routes)
    service_types = service_types_module(spec, routes)
    outputs = ((SPEC_PATH, text), (COVERAGE_PATH, coverage), (PATH_TYPES_PATH, path_types),
               (SERVICE_TYPES_PATH, service_types), (OFFICIAL_PATH, official))
    if args.check:
        stale = [p.name for p, t in outputs
                 if not p.exists() or p.read_text(encoding="utf-8") != t]
        if stale:
            print("stale: " + ", ".join(stale))
            return 1
        return 0
    for target, content in outputs:
        target.write_text(content, encoding="utf-8")
    n = sum(len(v) for v in spec["paths"].values())
    print(f"wrote {SPEC_PATH.relative_to(ROOT)}: {n} operations, {len(spec['definitions'])} definitions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
