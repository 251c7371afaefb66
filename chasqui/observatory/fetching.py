"""Fetching a source's address, for its archived copy or the link check, without becoming a way into
the server's own network: http and https only, never a private, loopback or link-local address
(each redirect is checked again, and the connection goes to the very address that was checked),
timeouts at every step and over the whole answer, a size cap, and a User-Agent naming the site.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
SAFE_PATH = "/%:@!$&'()*+,;=-._~?"


class FetchError(Exception):
    """Why an address gave nothing, in words an editor can act on; `status` when it did answer."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class Refused(FetchError):
    """An address Chasqui does not fetch: not http(s), or on a private network."""


@dataclass(frozen=True)
class Answer:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes = b""


def user_agent():
    return f"Mozilla/5.0 (compatible; Chasqui source archive; +{settings.WAGTAILADMIN_BASE_URL})"


def timeout():
    return settings.CHASQUI_SOURCE_FETCH_TIMEOUT


def allowed_networks():
    return [ipaddress.ip_network(net, strict=False) for net in settings.CHASQUI_SOURCE_FETCH_ALLOWED_NETWORKS]


def check_address(address, host):
    """Refuse an address that is not on the public internet, unless its network is allowed."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in allowed_networks()):
        return
    if not ip.is_global or ip.is_multicast:
        raise Refused(
            _("%(host)s is on a private network (%(address)s); Chasqui does not fetch such addresses.")
            % {"host": host, "address": ip}
        )


def resolve(host, port):
    """The addresses `host` names, every one of them checked: a name that mixes public and private
    addresses is refused whole."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(_("The name %(host)s could not be found.") % {"host": host}) from error
    addresses = list(dict.fromkeys(info[4][0] for info in found))
    for address in addresses:
        check_address(address, host)
    return addresses


def split(url):
    """(scheme, ASCII host, port, request target) of an http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(_("Only http and https addresses are fetched."))
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except (UnicodeError, ValueError) as error:
        raise Refused(_("%(url)s is not a valid address.") % {"url": url}) from error
    target = quote(parts.path or "/", safe=SAFE_PATH)
    if parts.query:
        target += f"?{quote(parts.query, safe=SAFE_PATH)}"
    return parts.scheme, host, port, target


def connect(scheme, host, port, addresses):
    """An HTTP connection to the first of `addresses` that answers, speaking to it as `host`."""
    connection_class = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    connection = connection_class(host, port, timeout=timeout())
    error = None
    for address in addresses:
        try:
            sock = socket.create_connection((address, port), timeout=timeout())
        except OSError as failure:
            error = failure
            continue
        if scheme == "https":
            try:
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            except (ssl.SSLError, OSError) as failure:
                sock.close()
                raise FetchError(_("The secure connection to %(host)s failed.") % {"host": host}) from failure
        connection.sock = sock
        return connection
    raise FetchError(_("%(host)s could not be reached.") % {"host": host}) from error


def read_body(response, max_bytes, deadline):
    """The body, refused once it passes `max_bytes` or `deadline`."""
    declared = response.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(_("The answer is larger than the limit for an archived copy."), response.status)
    body = bytearray()
    while chunk := response.read(CHUNK):
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(_("The answer is larger than the limit for an archived copy."), response.status)
        if time.monotonic() > deadline:
            raise FetchError(_("The answer took too long to arrive."), response.status)
    return bytes(body)


def request_once(method, url, deadline, max_bytes=None):
    """One request: (Answer, the address it redirects to or "")."""
    scheme, host, port, target = split(url)
    connection = connect(scheme, host, port, resolve(host, port))
    headers = {"User-Agent": user_agent(), "Accept": "*/*", "Accept-Encoding": "identity"}
    try:
        connection.request(method, target, headers=headers)
        response = connection.getresponse()
        location = response.getheader("Location", "") if response.status in REDIRECTS else ""
        body = read_body(response, max_bytes, deadline) if max_bytes and not location else b""
        answer = Answer(url, response.status, response.getheader("Content-Type", ""), body)
        return answer, urljoin(url, location) if location else ""
    except TimeoutError as error:
        seconds = f"{timeout():g}"
        raise FetchError(_("No answer within %(seconds)s seconds.") % {"seconds": seconds}) from error
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(_("The server's answer broke off or was not HTTP.")) from error
    finally:
        connection.close()


def fetch(url, method="GET", max_bytes=None):
    """The answer at `url` after at most MAX_REDIRECTS redirects, each checked like the first; the body
    only when `max_bytes` is given."""
    deadline = time.monotonic() + 4 * timeout()
    for _hop in range(MAX_REDIRECTS + 1):
        answer, url = request_once(method, url, deadline, max_bytes)
        if not url:
            return answer
        if time.monotonic() > deadline:
            break
    raise FetchError(_("Too many redirects."))
