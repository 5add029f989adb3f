"""The tests' HTTP server: silent when a client hangs up, a failing test when it really fails."""

import functools
import http.client
import http.server
import socket
import struct
import threading
import time

import pytest

from conftest import QuietHandler, running_server, serving


def hang_up(port: int) -> None:
    """Start a request, then drop the connection with a reset, as a browser closing a tab does."""
    client = socket.create_connection(("127.0.0.1", port))
    client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the headers never end
    time.sleep(0.05)  # the server is reading them
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()  # a reset (RST), not an orderly close


def wait_until(condition, what: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def test_the_standard_server_prints_a_traceback_when_a_client_hangs_up(tmp_path, capfd):
    # the noise the tests' server removes, reproduced with the standard library's server
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    printed = []
    try:
        hang_up(httpd.server_address[1])
        wait_until(
            lambda: (
                printed.append(capfd.readouterr().err) or "ConnectionResetError" in "".join(printed)
            ),
            "the standard server's traceback",
        )
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert "Traceback" in "".join(printed)


def test_a_client_that_hangs_up_is_not_logged(tmp_path, capfd):
    with running_server(tmp_path) as server:
        for _ in range(3):
            hang_up(server.server_address[1])
        wait_until(lambda: server.hangups == 3, "the server to see the three hang-ups")
    assert capfd.readouterr() == ("", "")


class BrokenHandler(QuietHandler):
    def do_GET(self):
        raise RuntimeError("the handler broke")


def test_a_real_server_error_fails_the_test(tmp_path):
    with pytest.raises(AssertionError, match="RuntimeError: the handler broke"):
        with running_server(tmp_path, BrokenHandler) as server:
            connection = http.client.HTTPConnection(
                "127.0.0.1", server.server_address[1], timeout=10
            )
            with pytest.raises(http.client.RemoteDisconnected):
                connection.request("GET", "/")
                connection.getresponse()
            connection.close()


def test_a_page_is_served(tmp_path):
    (tmp_path / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    with serving(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/index.html")
        response = connection.getresponse()
        assert (response.status, response.read()) == (200, b"<p>hello</p>")
        connection.close()
