"""A real HTTP server on 127.0.0.1 standing in for the sites incidents cite: pages, a PDF, redirects,
a 404, a slow answer, an oversized one and an address whose answer a test switches."""

import contextlib
import datetime
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PAGE = (
    b"<!doctype html><html><head><title>Clash at the river</title></head>"
    b"<body><h1>Clash at the river</h1><script>document.title = 'ran'</script></body></html>"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BIG = 1024 * 1024 + 10  # past the 1 MB limit the tests set
SLOW_SECONDS = 2


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.answer(head=True)

    def do_GET(self):
        self.answer(head=False)

    def answer(self, head):
        server = self.server
        server.requests.append((self.command, self.path, dict(self.headers), time.monotonic()))
        route = ROUTES.get(self.path.split("?")[0])
        if route is None:
            return self.reply(404, "text/html", b"<!doctype html><p>Not found</p>", head)
        return route(self, head)

    def reply(self, status, content_type, body, head, headers=(), length=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            # The client may give up, as it should on a slow or oversized answer.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    def redirect(self, location, head):
        self.reply(302, "text/html", b"", head, headers=[("Location", location)])


def page(handler, head):
    handler.reply(200, "text/html; charset=utf-8", PAGE, head)


def pdf(handler, head):
    handler.reply(200, "application/pdf", PDF, head)


def slow(handler, head):
    time.sleep(SLOW_SECONDS)
    handler.reply(200, "text/html", PAGE, head)


def big(handler, head):
    handler.reply(200, "text/html", b"<!doctype html>" + b"x" * BIG, head)


def big_unannounced(handler, head):
    """An oversized answer that does not say its length: the cap must hold while reading."""
    handler.reply(200, "text/html", b"<!doctype html>" + b"x" * BIG, head, length=False)


def no_head(handler, head):
    if head:
        return handler.reply(405, "text/plain", b"", head)
    return page(handler, head)


def switched(handler, head):
    status = handler.server.switch_status
    handler.reply(status, "text/html", PAGE if status == 200 else b"<p>Down</p>", head)


def video(handler, head):
    handler.reply(200, "video/mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, head)


ROUTES = {
    "/page": page,
    "/report.pdf": pdf,
    "/redirect": lambda handler, head: handler.redirect("/page", head),
    "/loop": lambda handler, head: handler.redirect("/loop", head),
    "/to-private": lambda handler, head: handler.redirect(
        f"http://127.0.0.2:{handler.server.server_port}/page", head
    ),
    "/slow": slow,
    "/big": big,
    "/big-unannounced": big_unannounced,
    "/no-head": no_head,
    "/switched": switched,
    "/video": video,
}


class SourceServer:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.httpd.switch_status = 200
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path, host="127.0.0.1"):
        return f"http://{host}:{self.httpd.server_port}{path}"

    @property
    def requests(self):
        return self.httpd.requests

    def switch(self, status):
        self.httpd.switch_status = status


def self_signed_certificate(directory, host="localhost"):
    """(certificate, key) files of a certificate for `host` alone, signed by itself."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


class SecureSourceServer(SourceServer):
    """The same sites over TLS, with a certificate for "localhost" only."""

    def __init__(self, directory):
        super().__init__()
        self.certificate, key = self_signed_certificate(directory)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.certificate, key)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)

    def url(self, path, host="localhost"):
        return f"https://{host}:{self.httpd.server_port}{path}"
