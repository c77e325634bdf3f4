"""The threaded HTTPS server on 127.0.0.1 that hands requests to the EmulatorApp."""

from __future__ import annotations

import socket
import ssl
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from tools.arm_emulator.app import EmulatorApp
from tools.arm_emulator.certs import CertificateFiles
from tools.arm_emulator.http_types import Request


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one segment: separate small writes meet delayed ACKs (~40 ms each).
    wbufsize = -1
    disable_nagle_algorithm = True
    server: EmulatorHttpServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        return  # the app keeps its own structured request log

    def _serve(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Request(
            method=self.command,
            path=unquote(split.path),
            query={k.lower(): v for k, v in parse_qsl(split.query, keep_blank_values=True)},
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        response = self.server.app.handle(request)
        if response.drop:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if response.body and self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = do_HEAD = _serve


class EmulatorHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, certificates: CertificateFiles) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(certificates.server_cert, certificates.server_key)
        # The handshake runs in the request thread, so one slow client cannot stall accept().
        self.socket = context.wrap_socket(
            self.socket, server_side=True, do_handshake_on_connect=False
        )
        self.app: EmulatorApp

    @property
    def port(self) -> int:
        return int(self.server_address[1])
