"""The contract scenarios: written once, run against the emulator or any Magento."""
