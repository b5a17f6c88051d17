from fake_magento.storage.db import Database

__all__ = ["Database"]
