"""Downloadable link and sample content: URL domains and uploaded files (``*_file_content``).

Measured on the 2.4.7-p3 sandbox (env.php downloadable_domains = ['127.0.0.1']), POST
/rest/all/V1/products of a downloadable product with one link:
* ``link_url`` ``http://127.0.0.1:8082/x.pdf``, ``https://example.com/x.pdf``, ``http://localhost/x.pdf``
  -> 400 "Link URL's domain is not in list of downloadable_domains in env.php."; a sample URL on
  ``http://10.0.0.1`` -> "Sample URL's domain ..." (an IP host is refused whatever the list holds:
  Downloadable/Model/Url/DomainValidator);
* ``link_type`` file with ``link_file_content`` ``{"file_data": <base64>, "name": "h10-manual.pdf"}`` -> 200,
  ``link_file`` ``/h/1/h10-manual.pdf``; ``My File.PDF`` -> ``/m/y/my_file.pdf``; ``.h10.pdf`` ->
  ``/h/1/h10.pdf``; ``___.pdf`` -> ``/f/i/file.pdf``; ``a.b`` -> ``/a/_/a.b``; a sample file ``s.pdf`` ->
  ``/s/_/s.pdf`` (Fw/File/Uploader::getCorrectFileName, correctFileNameCase, getDispersionPath);
* ``file_data`` ``!!!`` or ``""`` -> "Provided content must be valid base64 encoded data."; name ``a:b.pdf``
  -> "Provided file name contains forbidden characters." (Downloadable/Model/File/ContentValidator);
  ``h10.php`` -> "Disallowed file type." (Store/etc/config.xml general/file/protected_extensions);
  a one-character name ``x`` -> "Something went wrong while saving the file(s)."
"""
from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from typing import Any

from fake_magento.errors import InputError

_FORBIDDEN_NAME = re.compile(r'[\\/?*:";<>()|{}]')
_NOT_NAME_CHARS = re.compile(r"[^a-z0-9_\-.]+", re.IGNORECASE)
PROTECTED_EXTENSIONS = frozenset({
    "php", "php3", "php4", "php5", "php7", "htaccess", "jsp", "pl", "py", "asp", "aspx", "sh", "cgi", "htm", "html",
    "phtml", "shtml", "phpt", "pht", "phar", "svg", "svgz", "xml", "xhtml"})


def url_host(url: str) -> str:
    """Laminas Uri::getHost as DomainValidator reads it: as written, IPv6 brackets trimmed."""
    rest = url.split("://", 1)[1] if "://" in url else ""
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1]
    if host.startswith("["):
        host = host.split("]", 1)[0] + "]"
    else:
        host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return host.strip("[] ")


def domain_allowed(url: str, domains: tuple[str, ...] | list[str]) -> bool:
    host = url_host(url)
    try:
        ipaddress.ip_address(host)
        return False
    except ValueError:
        return host in domains


def content(value: Any) -> dict[str, Any] | None:
    """A ``*_file_content`` object (``file_data`` / ``fileData``, ``name``); None when not sent."""
    if not isinstance(value, dict) or not value:
        return None
    return {"file_data": value.get("file_data", value.get("fileData")), "name": value.get("name")}


def check_content(file_content: dict[str, Any]) -> None:
    """File/ContentValidator::isValid: strict base64 that decodes to a non-empty (PHP) string, and a
    name without \\ / ? * : " ; < > ( ) | { }."""
    data = str(file_content.get("file_data") or "")
    try:
        decoded = base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        decoded = b""
    if decoded in (b"", b"0"):
        raise InputError("Provided content must be valid base64 encoded data.")
    name = str(file_content.get("name") or "")
    if not name or _FORBIDDEN_NAME.search(name):
        raise InputError("Provided file name contains forbidden characters.")


def stored_path(file_content: dict[str, Any]) -> str:
    """Where the uploaded file lands: its corrected, lower-cased name under its dispersion path."""
    name = _NOT_NAME_CHARS.sub("_", str(file_content["name"]).lstrip("."))
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if re.fullmatch(r"_+", stem or ""):
        name = "file." + extension
    name = name.lower()
    if extension.lower() in PROTECTED_EXTENSIONS:
        raise InputError("Disallowed file type.")
    if len(name) < 2:
        raise InputError("Something went wrong while saving the file(s).")
    dispersion = "/" + "/".join("_" if c == "." else c for c in name[:2])
    return f"{dispersion}/{name}"
