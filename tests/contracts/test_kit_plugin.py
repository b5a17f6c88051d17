"""The pytest plugin, the contract validator and the deviations file, as a user meets them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from contracts.deviations import DEVIATIONS, Deviations
from contracts.plugin import SCENARIOS
from contracts.schema import Contract
from contracts.target import Credentials, resolve

pytest_plugins = ["pytester"]

DEVIATION_FILE = """
- id: kit-test-deviation
  operation: GET /V1/store/storeViews
  differs: the emulator's admin view is called Admin
  evidence: this test
  versions: ["2.4.7-p3"]
"""

SCENARIO = """
import pytest

@pytest.mark.deviation("kit-test-deviation")
def test_marked(target):
    views = target.client().get("/V1/store/storeViews").body
    assert {v["code"]: v["name"] for v in views}["admin"] == EXPECTED

def test_block(target, deviation):
    views = target.client().get("/V1/store/storeViews").body
    with deviation("kit-test-deviation"):
        assert {v["code"]: v["name"] for v in views}["admin"] == EXPECTED
"""


def run_scenarios(pytester: pytest.Pytester, expected: str) -> pytest.RunResult:
    pytester.makefile(".yaml", deviations=DEVIATION_FILE)
    pytester.makepyfile(test_scenario=SCENARIO.replace("EXPECTED", repr(expected)))
    return pytester.runpytest("--contracts-deviations", "deviations.yaml", "--contracts-profile", "minimal",
                              "-p", "no:warnings", "-p", "no:cacheprovider")


def test_a_deviation_that_occurs_is_reported_not_failed(pytester: pytest.Pytester) -> None:
    result = run_scenarios(pytester, "Not Admin")
    result.assert_outcomes(passed=1, xfailed=1)
    result.stdout.fnmatch_lines(["*deviation kit-test-deviation in test_scenario.py::test_block*"])
    result.stdout.fnmatch_lines(["*deviation kit-test-deviation in test_scenario.py::test_marked*"])


def test_a_deviation_that_no_longer_occurs_fails(pytester: pytest.Pytester) -> None:
    result = run_scenarios(pytester, "Admin")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*known deviation kit-test-deviation no longer occurs*"])


def test_the_plugin_is_inert_without_target(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_plain():\n    assert True\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    assert "magento-contracts" not in result.stdout.str()


def test_options_beat_the_file_which_beats_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "credentials.json"
    path.write_text('{"base_url": "http://file", "admin_username": "a", "admin_password": "p", '
                    '"consumer_key": "k", "consumer_secret": "s", "access_token": "t", "access_token_secret": "ts"}')
    env = {"MAGENTO_URL": "http://env", "MAGENTO_TOKEN": "tok", "MAGENTO_USERNAME": "envuser"}
    assert resolve(None, None, {}) is None
    assert resolve(None, None, env) == Credentials(url="http://env", token="tok", username="envuser")
    creds = resolve(None, str(path), env)
    assert creds is not None and creds.url == "http://file" and creds.username == "a" and creds.token == "tok"
    assert creds.has_oauth and creds.has_admin
    assert resolve("http://option", str(path), env).url == "http://option"  # type: ignore[union-attr]


def test_contract_validation() -> None:
    contract = Contract.load()
    assert contract.validate("GET", "/V1/products/{sku}", 404, {"message": "x"}) == []
    found = contract.validate("GET", "/V1/orders/{id}", 200, {"entity_id": 1})
    assert found and all("is a required property" in v.message for v in found)
    assert contract.validate("GET", "/V1/orders/{id}", 200, {"entity_id": 1}, check_required=False) == []
    (not_an_error,) = contract.validate("GET", "/V1/orders/{id}", 302, None)  # "default": the error envelope
    assert not_an_error.where == "(root)" and "not of type 'object'" in not_an_error.message
    (bad_type,) = contract.validate("GET", "/V1/orders/{id}", 404, {"message": 3})
    assert bad_type.where == "message"
    stock = {"item_id": 1, "low_stock_date": None}  # x-nullable in an overlay
    assert [v for v in contract.validate("GET", "/V1/stockItems/{productSku}", 200, stock) if "low_stock" in v.where] == []
    assert contract.match("GET", "/V1/products/attribute-sets/sets/list") == "/V1/products/attribute-sets/sets/list"
    assert contract.match("GET", "/V1/products/AB%2F12") == "/V1/products/{sku}"


def test_the_deviations_file_is_valid_and_every_id_used_is_listed() -> None:
    deviations = Deviations.load(DEVIATIONS)
    assert all(d.evidence and d.versions for d in deviations)
    used = set()
    for path in SCENARIOS.glob("test_*.py"):
        used |= set(re.findall(r'deviation\("([^"]+)"\)', path.read_text()))
    assert used <= set(deviations.entries), used - set(deviations.entries)


def test_the_readme_deviations_section_is_generated_from_the_file() -> None:
    from contracts.readme import README, render_readme

    text = README.read_text(encoding="utf-8")
    assert render_readme(text) == text, "run `magento-contracts deviations`"


def test_the_coverage_report_lists_every_operation_the_scenarios_call() -> None:
    from contracts.coverage import build_report, scenario_operations
    from contracts.schema import shape

    report = build_report()
    rows = {(line.split(" | ")[0].strip("| "), shape(line.split("`")[1])) for line in report.splitlines()
            if line.startswith("| ") and "`/V1/" in line}
    # every call but the two that test refusals (an unknown route, an unsupported method)
    assert scenario_operations() - rows == {("GET", "/V1/no-such-route"), ("PATCH", "/V1/products/{}")}
    assert "operations in" in report and "| Method | Path | served | connector | scenarios | sandbox |" in report
