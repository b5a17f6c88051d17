"""create_app(config): wires the backend, the REST dispatcher, the control plane and errors."""
from __future__ import annotations

from typing import Any

from flask import Flask

from fake_magento.backend import Backend
from fake_magento.config import Config
from fake_magento.errors import no_route
from fake_magento.http.dispatch import dispatch, error_response
from fake_magento.http.registry import build_router

REST_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]


def create_app(config: Config | None = None, backend: Backend | None = None) -> Flask:
    config = config or Config()
    backend = backend or Backend(config)
    backend.ensure_seeded()
    router = build_router()

    app = Flask("fake_magento")
    app.config["FAKE_MAGENTO"] = config
    app.extensions["fake_magento"] = backend
    app.extensions["fake_magento_router"] = router
    app.url_map.strict_slashes = False

    def rest(**_: Any) -> Any:
        return dispatch(backend, router)

    app.add_url_rule("/rest", "rest_root", rest, methods=REST_METHODS)
    app.add_url_rule("/rest/<path:_path>", "rest", rest, methods=REST_METHODS)

    if config.control_plane:
        from fake_magento.control.views import bp

        app.register_blueprint(bp)

    @app.errorhandler(404)
    def not_found(_: Exception) -> Any:
        return error_response(no_route())

    @app.errorhandler(405)
    def not_allowed(_: Exception) -> Any:
        return error_response(no_route())

    return app
