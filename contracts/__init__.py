"""The contract kit: the same scenarios against the emulator or any Magento, over HTTP only.

- ``contracts.plugin``: the pytest plugin (``target``, ``deviation``, ``observed_session`` fixtures);
- ``contracts.scenarios``: the scenarios; ``contracts.builders``: the data they create;
- ``contracts.client``: the kit's HTTP client (it signs with ``connector.signing``);
- ``contracts.schema``: responses checked against ``openapi/magento-admin-rest.json``;
- ``contracts.recording`` / ``contracts.parity`` / ``contracts.reference``: recordings and diffs;
- ``contracts.deviations``: ``deviations.yaml``; ``contracts.coverage``: ``COVERAGE.md``;
- ``contracts.cli``: ``magento-contracts run|record|diff|diff-reference|coverage|fuzz|clean|deviations``.
"""
