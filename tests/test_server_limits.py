"""The server's limits against slow clients: a request must arrive whole within the deadline."""

from __future__ import annotations

import contextlib
import logging
import socket
import time

import pytest

from confed.api import protocol
from confed.server.commands import SERVER_LIMITS
from serving import served

DEADLINE = 0.5


async def echo_app(scope, receive, send):
    """Answers with the length of the body it read; any ASGI app would do."""
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    answer = str(len(body)).encode()
    headers = [(b"content-length", str(len(answer)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": answer})


@pytest.fixture
def port(monkeypatch):
    """A server with confed's limits (deadline shortened) on 127.0.0.1, stopped by its handle."""
    monkeypatch.setattr(protocol, "REQUEST_DEADLINE", DEADLINE)
    monkeypatch.setattr(protocol, "SLOW_CLIENTS", protocol.SlowClientLog())
    with served(echo_app, **SERVER_LIMITS) as port:
        yield port


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def _answer(client: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    chunks = []
    while chunk := client.recv(4096):
        chunks.append(chunk)
    return b"".join(chunks)


def _closed_after(client: socket.socket) -> float:
    """Seconds until the server closes the connection (recv returns b'')."""
    start = time.monotonic()
    while client.recv(4096):
        pass
    return time.monotonic() - start


def test_a_whole_request_is_answered(port):
    with _connect(port) as client:
        client.sendall(
            b"POST / HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: 3\r\n\r\nabc"
        )
        assert _answer(client).endswith(b"\r\n\r\n3")


def test_a_half_sent_head_is_closed_at_the_deadline(port):
    with _connect(port) as client:
        client.sendall(b"GET / HTTP/1.1\r\nhost: x\r\n")  # the head never ends
        assert DEADLINE * 0.8 < _closed_after(client) < DEADLINE + 2


def test_a_trickled_head_is_closed_though_bytes_keep_coming(port):
    with _connect(port) as client:
        client.sendall(b"GET / HTTP/1.1\r\n")
        start = time.monotonic()
        with pytest.raises(OSError):
            for _ in range(40):  # a header line every 0.1 s: 4 s if it were let through
                client.sendall(b"x-slow: 1\r\n")
                time.sleep(0.1)
        assert time.monotonic() - start < DEADLINE + 2


def test_a_body_that_stops_is_closed_and_the_app_is_freed(port):
    with _connect(port) as client:
        client.sendall(b"POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\nabc")
        assert _closed_after(client) < DEADLINE + 2
    with _connect(port) as client:  # the server still answers
        client.sendall(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n")
        assert client.recv(4096).startswith(b"HTTP/1.1 200")


def test_a_silent_connection_is_closed(port):
    with _connect(port) as client:
        assert _closed_after(client) < DEADLINE + 2


def test_slow_clients_are_logged_as_one_count(port, caplog):
    caplog.set_level(logging.WARNING, logger="confed.serve")
    clients = [_connect(port) for _ in range(20)]
    for client in clients:
        client.sendall(b"GET / HTTP/1.1\r\n")
    for client in clients:
        _closed_after(client)
        client.close()
    lines = [r for r in caplog.records if r.name == "confed.serve"]
    assert len(lines) == 1
    assert protocol.SLOW_CLIENTS.closed == 20


def test_connections_beyond_the_cap_are_closed_at_once(port, monkeypatch):
    monkeypatch.setattr(protocol, "MAX_CONNECTIONS", 4)
    monkeypatch.setattr(protocol, "REQUEST_DEADLINE", 30.0)  # only the cap closes anything
    clients = [_connect(port) for _ in range(10)]
    time.sleep(0.3)
    closed = 0
    for client in clients:
        client.settimeout(0.05)
        with contextlib.suppress(TimeoutError):  # still open: nothing to read
            closed += client.recv(1) == b""
        client.close()
    assert closed == 6
