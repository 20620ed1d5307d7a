"""The local web server of an editing session (Python's standard library, no framework).

Why the standard library: the session serves one page and a handful of JSON
calls to one analyst on the same machine. :class:`http.server.ThreadingHTTPServer`
does that in one thread per connection without any dependency, starts and stops
inside a notebook without an event loop, and everything a framework would add
(routing, body parsing, host checks) is a few explicit lines here that tests can
see. What keeps it safe:

- it listens on ``127.0.0.1`` only, on a port the system picks as free;
- every request must carry the session's random token (256 bits, from
  :mod:`secrets`) as the first part of its path, compared in constant time;
- the ``Host`` header must name this server (``127.0.0.1:PORT`` or
  ``localhost:PORT``), which stops DNS rebinding; a changing request with an
  ``Origin`` header must come from the page itself;
- no request names a file: the page and its data are made in memory, and the
  only file written is the session's own proposal and log, fixed when the
  session was opened;
- a changing request must be ``POST`` with ``Content-Type: application/json``
  and a ``Content-Length`` of at most :data:`MAX_BODY` bytes; its JSON is checked
  against the fields each action takes (types, lengths, unknown fields);
- a change the session refuses (an unknown school or region) is a 422 with a
  message the page shows; anything unexpected is a 500 with a short message and
  a log line, never a dead server;
- every answer carries a Content-Security-Policy that allows only the page's
  own scripts (each ``<script>`` carries a fresh nonce), no framing, no
  referrer, and ``Cache-Control: no-store``.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import secrets
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from regionkit._messages import text

if TYPE_CHECKING:
    from regionkit.edit import EditSession

__all__ = ["MAX_BODY", "RunningServer", "start"]

logger = logging.getLogger(__name__)

#: Largest request body accepted (bytes): a move of every school of the country fits.
MAX_BODY = 64 * 1024
#: Seconds a connection may stay silent before the server closes it.
SOCKET_TIMEOUT = 30.0

#: The fields each action takes: name -> (type, required).
_FIELDS: Mapping[str, Mapping[str, tuple[type, bool]]] = {
    "move": {
        "codes": (list, True),
        "region": (str, True),
        "also": (bool, False),
        "new": (bool, False),
    },
    "merge": {"a": (str, True), "b": (str, True), "name": (str, False)},
    "rename": {"region": (str, True), "name": (str, True)},
    "undo": {},
    "redo": {},
    "save": {},
}
#: Longest text field accepted (a region name is at most 80 characters; codes 6).
_MAX_TEXT = 200


class RequestError(ValueError):
    """A request the server refuses before it reaches the session: status and message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def parse_action(action: str, body: bytes, language: str) -> dict[str, Any]:
    """The checked fields of an action's JSON body.

    Raises
    ------
    RequestError
        400 for a body that is not a JSON object with exactly the fields the
        action takes, each of the right type and length; 404 for an unknown
        action.

    Examples
    --------
    >>> parse_action("rename", b'{"region": "Twente", "name": "Twente-Oost"}', "en")
    {'region': 'Twente', 'name': 'Twente-Oost'}
    >>> try:
    ...     parse_action("rename", b'{"region": 3}', "en")
    ... except RequestError as exc:
    ...     print(exc.status.value, exc)
    400 The editor does not understand this request: region must be text.
    """
    fields = _FIELDS.get(action)
    if fields is None:
        raise RequestError(HTTPStatus.NOT_FOUND, f"unknown action {action[:40]!r}")

    def bad(problem: str) -> RequestError:
        return RequestError(
            HTTPStatus.BAD_REQUEST, text(language, "edit.error.request", problem=problem)
        )

    try:
        data = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise bad("the body is not JSON") from None
    if not isinstance(data, dict):
        raise bad("the body is not a JSON object")
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise bad(f"unknown field {unknown[0][:40]!r}")
    out: dict[str, Any] = {}
    for name, (kind, required) in fields.items():
        if name not in data:
            if required:
                raise bad(f"{name} is missing")
            continue
        value = data[name]
        if kind is str and not isinstance(value, str):
            raise bad(f"{name} must be text")
        if kind is bool and not isinstance(value, bool):
            raise bad(f"{name} must be true or false")
        if kind is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(f"{name} must be a list of codes")
            if any(len(v) > _MAX_TEXT for v in value):
                raise bad(f"{name} holds a code that is too long")
        if isinstance(value, str) and len(value) > _MAX_TEXT:
            raise bad(f"{name} is too long")
        out[name] = value
    return out


@dataclass
class RunningServer:
    """A session served on ``127.0.0.1``: its address, and how to stop it.

    Attributes
    ----------
    url
        The page's address, token included (open it in a browser).
    port
        The port the system gave.
    token
        The session token every request must carry.
    """

    url: str
    port: int
    token: str
    _httpd: ThreadingHTTPServer
    _thread: threading.Thread

    def stop(self) -> None:
        """Stop serving and close the port (the session's files stay as they are)."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C in a terminal stops it)."""
        try:
            while self._thread.is_alive():
                self._thread.join(timeout=0.5)
        except KeyboardInterrupt:
            self.stop()

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<regionkit edit session at {self.url}>"


#: The tables the page may download (``GET export/NAME``): a fixed list, never a path.
EXPORTS = ("regions", "findings")


@dataclass(frozen=True)
class _App:
    """What a session's server answers with: its token, language and page and data makers."""

    token: str
    language: str
    page: Callable[[str], str]
    state: Callable[[], dict[str, Any]]
    change: Callable[[str, dict[str, Any]], dict[str, Any]]
    export: Callable[[str], str]


class _Handler(BaseHTTPRequestHandler):
    """Requests to one session's server (:attr:`app` is set on a subclass per server)."""

    app: _App

    server_version = "regionkit-edit"
    sys_version = ""
    timeout = SOCKET_TIMEOUT
    protocol_version = "HTTP/1.1"

    # --- the gate every request passes ------------------------------------------------------

    def _route(self) -> str:
        """The path after the token, or raise 403/421 for a foreign request."""
        port = self._port()
        host = self.headers.get("Host", "")
        if host not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            raise RequestError(HTTPStatus.MISDIRECTED_REQUEST, "unknown host")
        path = urlsplit(self.path).path
        head, _, rest = path.lstrip("/").partition("/")
        if not hmac.compare_digest(head.encode("utf-8", "replace"), self.app.token.encode("ascii")):
            raise RequestError(HTTPStatus.FORBIDDEN, "this address needs the session token")
        return rest

    def _port(self) -> int:
        return int(self.server.server_address[1])  # type: ignore[index]

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            raise RequestError(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise RequestError(HTTPStatus.LENGTH_REQUIRED, "send a Content-Length")
        if int(length) > MAX_BODY:
            raise RequestError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the request is too large")
        kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise RequestError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json")
        origin = self.headers.get("Origin")
        port = self._port()
        if origin is not None and origin not in (
            f"http://127.0.0.1:{port}",
            f"http://localhost:{port}",
        ):
            raise RequestError(HTTPStatus.FORBIDDEN, "a request from another site")
        return self.rfile.read(int(length))

    # --- methods ------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._serve(self._get)

    def do_HEAD(self) -> None:
        self._reply(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "use GET or POST"})

    def do_POST(self) -> None:
        self._serve(self._post)

    def do_PUT(self) -> None:
        self._reply(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "use GET or POST"})

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    def _get(self) -> None:
        route = self._route()
        if route == "":
            nonce = secrets.token_urlsafe(16)
            self._reply(HTTPStatus.OK, self.app.page(nonce), nonce=nonce)
        elif route == "state":
            self._reply(HTTPStatus.OK, self.app.state())
        elif route.startswith("export/") and route[len("export/") :] in EXPORTS:
            self._reply(HTTPStatus.OK, self.app.export(route[len("export/") :]), kind="text/csv")
        else:
            raise RequestError(HTTPStatus.NOT_FOUND, "not found")

    def _post(self) -> None:
        route = self._route()
        body = self._body()
        prefix, _, action = route.partition("/")
        if prefix != "api":
            raise RequestError(HTTPStatus.NOT_FOUND, "not found")
        fields = parse_action(action, body, self.app.language)
        started = time.perf_counter()
        answer = self.app.change(action, fields)
        took = 1000 * (time.perf_counter() - started)
        self._reply(HTTPStatus.OK, answer, timing=took)

    def _serve(self, method: Callable[[], None]) -> None:
        from regionkit.edit import EditError

        try:
            method()
        except RequestError as exc:
            self._reply(exc.status, {"error": str(exc)})
        except EditError as exc:
            self._reply(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(exc)})
        except Exception:  # a bug must not take the session down: log it, answer 500
            logger.exception("the editor failed on %s %s", self.command, self._safe_path())
            self._reply(
                HTTPStatus.INTERNAL_SERVER_ERROR,
                {"error": text(self.app.language, "edit.error.internal")},
            )

    # --- answers ------------------------------------------------------------------------

    def _reply(
        self,
        status: HTTPStatus,
        content: str | dict[str, Any],
        *,
        nonce: str | None = None,
        kind: str = "text/html",
        timing: float | None = None,
    ) -> None:
        if isinstance(content, str):
            data = content.encode("utf-8")
            kind = f"{kind}; charset=utf-8"
        else:
            data = json.dumps(content, ensure_ascii=False, allow_nan=False).encode("utf-8")
            kind = "application/json; charset=utf-8"
        script = f"'nonce-{nonce}'" if nonce else "'none'"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
            "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        if timing is not None:  # what the server spent on a change, for the page to show
            self.send_header("Server-Timing", f"edit;dur={timing:.1f}")
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def _safe_path(self) -> str:
        """The request path without the token (for logs)."""
        path = urlsplit(self.path).path
        return "/…/" + path.lstrip("/").partition("/")[2]

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), self._safe_path())

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed requests (bad request line, too long headers): a short JSON answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):  # the client may be gone
            self._reply(HTTPStatus(code), {"error": message or HTTPStatus(code).phrase})


def _handler(app: _App) -> type[BaseHTTPRequestHandler]:
    """The request handler class of one session's server."""
    return type("Handler", (_Handler,), {"app": app})


def start(
    session: EditSession,
    *,
    open_browser: bool = False,
    page: Callable[[str], str] | None = None,
) -> RunningServer:
    """Serve a session on ``127.0.0.1`` (a free port) in a background thread.

    Parameters
    ----------
    session
        The editing session.
    open_browser
        Open the page in the default browser.
    page
        Makes the page's HTML from a script nonce (default: the analysts' map
        with the editing controls, :func:`regionkit._edit_view.page_html`).

    Returns
    -------
    RunningServer
        Its ``url`` (token included) and ``stop()``; the thread is a daemon,
        so a notebook kernel or a script never hangs on it.
    """
    from regionkit import _edit_view

    token = secrets.token_urlsafe(32)
    view = _edit_view.View(session)
    make_page = page or view.page
    app = _App(token, session.language, make_page, view.state, view.change, view.export)
    handler = _handler(app)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    port = int(httpd.server_address[1])
    thread = threading.Thread(
        target=httpd.serve_forever, name=f"regionkit-edit-{port}", daemon=True
    )
    thread.start()
    url = f"http://127.0.0.1:{port}/{token}/"
    logger.info("editing session at http://127.0.0.1:%d/", port)
    if open_browser:
        webbrowser.open(url)
    return RunningServer(url=url, port=port, token=token, _httpd=httpd, _thread=thread)
