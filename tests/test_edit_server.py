"""The editing server refuses what it must (4xx, nothing changed) and survives what it gets."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from _edit_fixtures import east_proposal

from regionkit._edit_log import read_log
from regionkit._edit_server import MAX_BODY, RunningServer
from regionkit.boundaries import land_mask
from regionkit.config import load_config
from regionkit.edit import EditSession, open_session, serve
from regionkit.graph import ProximityGraph
from regionkit.proposal import read_proposal

CONFIG = load_config()


@pytest.fixture(scope="module")
def graph(schools) -> ProximityGraph:
    return ProximityGraph.from_config(schools, CONFIG.graph, land=land_mask())


@pytest.fixture
def served(tmp_path: Path, schools, graph) -> Iterator[tuple[EditSession, RunningServer]]:
    path = east_proposal(schools, tmp_path / "oost.csv")
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    server = serve(session)
    yield session, server
    server.stop()


def request(
    server: RunningServer,
    method: str,
    path: str,
    body: bytes | None = None,
    *,
    token: str | None = "valid",
    host: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    """A raw request: any Host, token or headers (the ``http.client`` defaults otherwise)."""
    prefix = f"/{server.token if token == 'valid' else token}" if token is not None else ""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest(method, prefix + path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", host or f"127.0.0.1:{server.port}")
    sent = {"Content-Type": "application/json"} if body is not None else {}
    sent.update(headers or {})
    for key, value in sent.items():
        conn.putheader(key, value)
    if body is not None and "Content-Length" not in sent:
        conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), data


def _unchanged(session: EditSession, before: tuple) -> None:
    assert session.layout == before[0]
    assert [e.action for e in read_log(session.log.path)] == before[1]  # type: ignore[union-attr]


def _snapshot(session: EditSession) -> tuple:
    return session.layout, [e.action for e in read_log(session.log.path)]  # type: ignore[union-attr]


def _move_body(session: EditSession) -> bytes:
    code = session.proposal.memberships.query("region == 'Almelo'")["code"].iloc[0]
    return json.dumps({"codes": [code], "region": "Enschede"}).encode()


def test_listens_on_localhost_only(served) -> None:
    _, server = served
    assert server.url.startswith(f"http://127.0.0.1:{server.port}/")
    assert server._httpd.server_address[0] == "127.0.0.1"
    addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    for address in addresses - {"127.0.0.1", "127.0.1.1", "::1"}:
        with pytest.raises(OSError):
            socket.create_connection((address, server.port), timeout=2).close()


@pytest.mark.parametrize("token", [None, "", "wrong-token", "valid-but-longer"])
def test_without_the_token_nothing_is_served_or_changed(served, token) -> None:
    session, server = served
    before = _snapshot(session)
    if token == "valid-but-longer":
        token = server.token + "x"
    for method, path, body in [
        ("GET", "/", None),
        ("GET", "/state", None),
        ("POST", "/api/move", _move_body(session)),
        ("POST", "/api/undo", b"{}"),
        ("POST", "/api/save", b"{}"),
    ]:
        status, _, data = request(server, method, path, body, token=token)
        assert status == 403, (method, path, status)
        assert b"Enschede" not in data
    _unchanged(session, before)
    assert not session.out.exists()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "host", ["evil.example:80", "127.0.0.1", "127.0.0.1:1", "attacker.127.0.0.1.nip.io"]
)
def test_a_foreign_host_header_is_refused(served, host: str) -> None:
    session, server = served
    before = _snapshot(session)
    for method, path, body in [("GET", "/state", None), ("POST", "/api/move", _move_body(session))]:
        status, _, _ = request(server, method, path, body, host=host)
        assert status == 421
    _unchanged(session, before)


@pytest.mark.parametrize(
    ("body", "headers", "status", "says"),
    [
        (b"{not json", {}, 400, "not JSON"),
        (b"[1, 2]", {}, 400, "not a JSON object"),
        (b'{"codes": "00AH17", "region": "Enschede"}', {}, 400, "list of codes"),
        (b'{"codes": [1], "region": "Enschede"}', {}, 400, "list of codes"),
        (b'{"codes": ["00AH17"]}', {}, 400, "region is missing"),
        (b'{"codes": ["00AH17"], "region": "Enschede", "path": "/etc"}', {}, 400, "unknown field"),
        (b'{"codes": ["00AH17"], "region": "Enschede", "also": "yes"}', {}, 400, "true or false"),
        (b'{"codes": ["00AH17"], "region": "' + b"x" * 300 + b'"}', {}, 400, "too long"),
        (b"\xff\xfe{}", {}, 400, "not JSON"),
        (b'{"codes": [], "region": "Enschede"}', {"Content-Type": "text/plain"}, 415, "json"),
        (b"{}", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "json"),
        (b"{}", {"Origin": "http://evil.example"}, 403, "another site"),
    ],
)
def test_a_malformed_body_is_refused(served, body, headers, status, says) -> None:
    session, server = served
    before = _snapshot(session)
    got, _, data = request(server, "POST", "/api/move", body, headers=headers)
    assert got == status
    assert says.lower() in json.loads(data)["error"].lower()
    _unchanged(session, before)


def test_size_and_length_limits(served) -> None:
    session, server = served
    before = _snapshot(session)
    big = b'{"codes": [' + b'"00AH17",' * (MAX_BODY // 9) + b'"00AH17"], "region": "Zwolle"}'
    assert request(server, "POST", "/api/move", big)[0] == 413
    assert request(server, "POST", "/api/move", b"{}", headers={"Content-Length": "x"})[0] == 411
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest("POST", f"/{server.token}/api/undo", skip_host=True)
    conn.putheader("Host", f"127.0.0.1:{server.port}")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders(b"2\r\n{}\r\n0\r\n\r\n")
    assert conn.getresponse().status == 411
    conn.close()
    _unchanged(session, before)


def test_unknown_codes_regions_and_actions_are_clear_errors(served) -> None:
    session, server = served
    before = _snapshot(session)
    cases = [
        ("/api/move", {"codes": ["99XX99"], "region": "Zwolle"}, 422, "Onbekende school"),
        ("/api/move", {"codes": ["00AH08"], "region": "Atlantis"}, 422, "Onbekende regio"),
        ("/api/merge", {"a": "Zwolle", "b": "<script>"}, 422, "Onbekende regio"),
        ("/api/rename", {"region": "Zwolle", "name": "=1+1"}, 422, "formule"),
        ("/api/teleport", {}, 404, "unknown action"),
        ("/api/undo", {}, 422, "niets om ongedaan"),
    ]
    for path, body, status, says in cases:
        got, headers, data = request(server, "POST", path, json.dumps(body).encode())
        assert got == status, path
        assert headers["Content-Type"].startswith("application/json")
        assert says in json.loads(data)["error"]
    _unchanged(session, before)
    assert request(server, "PUT", "/api/move", b"{}")[0] == 405
    status, _, data = request(server, "GET", "/../../etc/passwd")
    assert status == 404 and b"root" not in data  # no request names a file
    assert request(server, "GET", "/nothing-here")[0] == 404


def test_a_valid_change_works_after_all_that(served) -> None:
    session, server = served
    for body in (b"{bad", b"[]"):
        request(server, "POST", "/api/move", body)
    status, _, data = request(server, "POST", "/api/move", _move_body(session))
    assert status == 200
    answer = json.loads(data)
    assert "Enschede" in {r["name"] for r in answer["regions"]}
    assert answer["status"]["can_undo"] and not answer["status"]["saved"]
    status, _, data = request(server, "POST", "/api/save", b"{}")
    assert status == 200 and session.out.exists()  # type: ignore[union-attr]
    assert json.loads(data)["status"]["saved"]


def test_the_page_allows_only_its_own_scripts(served) -> None:
    _, server = served
    status, headers, data = request(server, "GET", "/")
    assert status == 200
    policy = headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([A-Za-z0-9_-]+)'", policy).group(1)  # type: ignore[union-attr]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "script-src 'unsafe-inline'" not in policy
    html = data.decode("utf-8")
    tags = re.findall(r"<script\b[^>]*>", html)
    real = [t for t in tags if "nonce=" in t]
    assert len(real) >= 6 and all(f'nonce="{nonce}"' in t for t in real)
    assert not [t for t in real if "src=" in t]  # every script is in the page itself
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cache-Control"] == "no-store"
    second = request(server, "GET", "/")[1]["Content-Security-Policy"]
    assert second != policy, "each page gets a fresh nonce"


def test_region_names_from_the_file_are_data_not_markup(tmp_path: Path, schools, graph) -> None:
    path = tmp_path / "xss.csv"
    path.write_text(
        'regio,code\n"<img src=x onerror=alert(1)>",00AH17\nTwente,00AH08\n', encoding="utf-8"
    )
    session = open_session(path, schools=schools, graph=graph, config=CONFIG)
    with serve(session) as server:
        status, _, data = request(server, "POST", "/api/undo", b"{}")
        assert status == 422  # nothing to undo: the page has not been touched
        body = json.dumps({"codes": ["00AH08"], "region": "<img src=x onerror=alert(1)>"})
        status, _, data = request(server, "POST", "/api/move", body.encode())
        assert status == 200
        names = {r["name"] for r in json.loads(data)["regions"]}
        assert "<img src=x onerror=alert(1)>" in names  # data, escaped by the page's script
        page = request(server, "GET", "/")[2].decode("utf-8")
        assert "<img src=x onerror" not in page


def _start_cli(folder: Path, *args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "regionkit", "-q", "edit", *args, "--no-browser"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        for word in line.split():
            if word.startswith("http://127.0.0.1:"):
                return proc, word
    _, problem = proc.communicate(timeout=30)
    raise AssertionError(f"regionkit edit printed no address: {problem}")


def _post(url: str, action: str, body: dict) -> tuple[int, dict]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    data = json.dumps(body).encode()
    conn.request("POST", f"{parts.path}api/{action}", data, {"Content-Type": "application/json"})
    response = conn.getresponse()
    answer = json.loads(response.read())
    conn.close()
    return response.status, answer


def test_a_killed_editor_keeps_what_was_saved_and_resumes_from_its_log(
    tmp_path: Path, schools
) -> None:
    """``regionkit edit`` killed (SIGKILL) mid-session, then started again with the same command."""
    east_proposal(schools, tmp_path / "oost.csv")
    proc, url = _start_cli(tmp_path, "oost.csv")
    try:
        status, answer = _post(url, "rename", {"region": "Zwolle", "name": "IJsseldelta"})
        assert status == 200
        assert _post(url, "save", {})[0] == 200
        status, _ = _post(url, "rename", {"region": "Almelo", "name": "Twente-West"})
        assert status == 200
    finally:
        proc.kill()  # no goodbye: what the log holds is all there is
        proc.communicate(timeout=30)
    saved = read_proposal(tmp_path / "oost_bewerkt.csv", schools)
    assert "IJsseldelta" in saved.regions and "Twente-West" not in saved.regions
    assert (tmp_path / "oost.csv").read_text(encoding="utf-8").count("IJsseldelta") == 0

    proc, url = _start_cli(tmp_path, "oost.csv")
    try:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        conn.request("GET", f"{parts.path}state")
        state = json.loads(conn.getresponse().read())
        conn.close()
        assert "2 wijzigingen opnieuw toegepast" in state["message"]
        assert state["status"]["can_undo"] and not state["status"]["saved"]
        status, answer = _post(url, "undo", {})
        assert status == 200 and "Twente-West" in answer["bar"]
        assert "Almelo" in {r["name"] for r in answer["regions"]}
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
