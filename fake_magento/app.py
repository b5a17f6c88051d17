"""create_app(config): wires the backend, the REST dispatcher, the control plane and errors."""
from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import PathConverter

from fake_magento.backend import Backend
from fake_magento.config import Config
from fake_magento.errors import no_route
from fake_magento.http.async_ops import install_runner
from fake_magento.http.dispatch import dispatch, error_response
from fake_magento.http.registry import build_router
from fake_magento.seed.lifecycle import open_or_seed


class AnyPathConverter(PathConverter):
    """A path that may start with a slash (``/rest//V1/x``): Magento's PathProcessor reads it."""

    regex = ".*"
    part_isolating = False


REST_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]


def create_app(config: Config | None = None, backend: Backend | None = None) -> Flask:
    """The app over ``backend`` (by default a new one on ``config``): an existing database is served
    as it is, a new one is seeded; async and bulk operations run through this app's router."""
    config = config or Config()
    backend = backend or Backend(config)
    open_or_seed(backend)
    router = build_router()
    install_runner(backend, router)

    app = Flask("fake_magento")
    app.config["FAKE_MAGENTO"] = config
    app.extensions["fake_magento"] = backend
    app.extensions["fake_magento_router"] = router
    app.url_map.strict_slashes = False
    app.url_map.merge_slashes = False  # /rest//V1/x is served as Magento serves it, not redirected

    def rest(**_: Any) -> Any:
        return dispatch(backend, router)

    app.add_url_rule("/rest", "rest_root", rest, methods=REST_METHODS)
    app.url_map.converters["anypath"] = AnyPathConverter
    app.add_url_rule("/rest/<anypath:_path>", "rest", rest, methods=REST_METHODS)

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
