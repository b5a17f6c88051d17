"""The committed contract: valid Swagger 2.0, exactly the served routes, COVERAGE.md up to date."""
from __future__ import annotations

from pathlib import Path

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from tests.openapi.openapi_support import ROOT, load_cut, load_spec

from fake_magento.http.registry import build_router

REFERENCE = Path("/work/shared/reference/magento-2.4.8-admin-rest-schema.json")
RECUT = ".venv/bin/python openapi/cut.py /work/shared/reference/magento-2.4.8-admin-rest-schema.json"


def test_spec_is_valid_swagger_2() -> None:
    spec = load_spec()
    assert spec["swagger"] == "2.0"
    try:
        validate(spec)
    except OpenAPIValidationError as exc:  # pragma: no cover - the message is the point
        pytest.fail(f"openapi/magento-admin-rest.json is not valid Swagger 2.0: {exc}")


def test_served_routes_equal_spec_operations() -> None:
    served = {(r.method, r.openapi_path) for r in build_router().routes}
    spec = load_spec()
    documented = {(m.upper(), p) for p, item in spec["paths"].items() for m in item}
    assert served - documented == set(), f"served but not in the spec; re-cut: {RECUT}"
    assert documented - served == set(), f"in the spec but not served; re-cut: {RECUT}"


def test_coverage_md_is_current() -> None:
    cut = load_cut()
    expected = cut.coverage_markdown(load_spec(), list(build_router().routes))
    actual = (ROOT / "openapi" / "COVERAGE.md").read_text(encoding="utf-8")
    assert actual == expected, f"openapi/COVERAGE.md is stale; re-cut: {RECUT}"


def test_path_types_are_current() -> None:
    cut = load_cut()
    expected = cut.path_types_module(load_spec(), list(build_router().routes))
    actual = (ROOT / "fake_magento" / "http" / "path_types.py").read_text(encoding="utf-8")
    assert actual == expected, f"fake_magento/http/path_types.py is stale; re-cut: {RECUT}"


def test_every_overlay_has_evidence() -> None:
    import json
    for file in sorted((ROOT / "openapi" / "overlays").glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        assert data.get("evidence") and data.get("reason") and data.get("patches"), file.name


def test_spec_has_no_adobe_prose() -> None:
    """No summary; every description is a status phrase, the cut's info text, or an overlay's own."""
    import json
    from http import HTTPStatus

    spec = load_spec()
    ours = {phrase.phrase for phrase in HTTPStatus} | {"Unexpected error", spec["info"]["description"]}
    for file in (ROOT / "openapi" / "overlays").glob("*.json"):
        def collect(node: object) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "description" and isinstance(value, str):
                        ours.add(value)
                    collect(value)
            elif isinstance(node, list):
                for value in node:
                    collect(value)
        collect(json.loads(file.read_text(encoding="utf-8"))["patches"])

    def walk(node: object, where: str, in_properties: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not in_properties:
                    assert key != "summary", where
                    if key == "description" and isinstance(value, str):
                        assert value in ours, f"Adobe prose left at {where}: {value[:80]!r}"
                walk(value, f"{where}/{key}", key == "properties" and not in_properties)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(spec, "#")


@pytest.mark.skipif(not REFERENCE.exists(), reason="Adobe's reference schema is not on this machine")
def test_committed_spec_is_the_current_cut() -> None:
    cut = load_cut()
    spec, _ = cut.cut(cut.load_reference(str(REFERENCE)), list(build_router().routes))
    assert cut.SPEC_PATH.read_text(encoding="utf-8") == cut.dump(spec), f"stale spec; re-cut: {RECUT}"
