"""The Flask edge: Magento's REST router, scope and auth resolution, one error handler."""
