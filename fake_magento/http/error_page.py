"""Magento's error report page (pub/errors, skin ``default``), for an exception that escapes the web API.

When the REST response object cannot be built (no renderer for the Accept header:
Rest/Response/RendererFactory::get throws from Response's constructor, before Webapi/Controller/Rest
runs), App/Http::catchException saves a report and pub/errors/processor.php renders its page:
500 ``text/html``, the report's id (an unsalted SHA-256, App/ExceptionHandler), and a ``<base>`` on the
request's own host (Processor::getHostUrl: https when HTTPS or X-Forwarded-Proto says so, HTTP_HOST as
sent) escaped by Escaper::escapeHtmlAttr. Measured on 2.4.7-p3 (production mode).
"""
from __future__ import annotations

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-XSS-Protection": "1; mode=block",
    "X-Frame-Options": "SAMEORIGIN",
}
CONTENT_TYPE = "text/html; charset=UTF-8"
_NAMED = {'"': "&quot;", "&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape_html_attr(text: str) -> str:
    """laminas-escaper's escapeHtmlAttr: letters, digits and ``,._-`` as they are, the rest as entities."""
    out = []
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in ",._-"):
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif ord(ch) < 0x20 and ch not in "\t\n\r":
            out.append("&#xFFFD;")
        else:
            out.append(f"&#x{ord(ch):02X};")
    return "".join(out)


def render(report_id: str, host_url: str) -> str:
    return page("There has been an error processing your request",
                "<h1>There has been an error processing your request</h1>\n"
                "    <p><em>Exception printing is disabled by default for security reasons.</em></p>\n"
                "\n"
                f"    <p>Error log record number: {report_id}</p>\n", host_url)


def page(title: str, content: str, host_url: str) -> str:
    """pub/errors/default/page.phtml around one page's content (report.phtml, 503.phtml)."""
    base = escape_html_attr(host_url + "/errors/default/")
    return (
        "<!doctype html>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml" >\n'
        "<head>\n"
        f"    <title>{title}</title>\n"
        f'    <base href="{base}" />\n'
        '    <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        '    <meta name="robots" content="*"/>\n'
        '    <link rel="stylesheet" href="css/styles.css" type="text/css" />\n'
        '    <link rel="icon" href="images/favicon.ico" type="image/x-icon" />\n'
        '    <link rel="shortcut icon" href="images/favicon.ico" type="image/x-icon" />\n'
        "</head>\n"
        "<body>\n"
        '    <main class="page-main">\n'
        "        \n"
        f"{content}"
        "    </main>\n"
        "</body>\n"
        "</html>\n"
    )
