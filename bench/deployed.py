"""The deployed layout for bench/pages' cached mode: nginx in front with deploy/nginx/pagecache.conf
included, serving the page cache's files itself and handing everything else to granian behind it.

One nginx (same worker count as the baseline's) listens on two ports: the snippet as it ships, and
the same snippet with SSI off, which shows what giving each answer its own nonce costs (that answer's
nonce is left unfilled, so it is for measuring only, never for serving).
"""

import grp
import os
import pwd
import shutil
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "deploy" / "nginx" / "pagecache.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")
HOST = "127.0.0.1"
# What nginx says it served from a file, and what granian says when it answered a hit behind nginx.
SERVED_MARKERS = ("nginx", "hit")


def user_line():
    if os.geteuid() != 0:
        return ""
    nobody = pwd.getpwnam("nobody")
    return f"user nobody {grp.getgrgid(nobody.pw_gid).gr_name};"


def server_block(port, snippet, cache_dir):
    return f"""
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        set $chasqui_page_cache {cache_dir}/current;
        include {snippet};
        location @chasqui {{
            proxy_pass http://chasqui;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}"""


def config(root, workers, app_port, ports, cache_dir):
    """nginx.conf: the shipped snippet on ports[0], the same with SSI off on ports[1]."""
    without_ssi = root / "pagecache-no-ssi.conf"
    text = SNIPPET.read_text()
    if "ssi on;" not in text:
        raise ValueError(f"{SNIPPET} no longer says 'ssi on;': update bench/deployed.py")
    without_ssi.write_text(text.replace("ssi on;", "ssi off;"))
    types = f"include {MIME_TYPES};" if MIME_TYPES.exists() else "types { text/html html; }"
    return f"""{user_line()}
worker_processes {workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    {types}
    access_log off;
    client_body_temp_path {root}/client_body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream chasqui {{
        server 127.0.0.1:{app_port};
        keepalive 16;
    }}
{server_block(ports[0], SNIPPET, cache_dir)}
{server_block(ports[1], without_ssi, cache_dir)}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start(run, app_port, cache_dir, name):
    """Starts the deployed nginx in front of the app on `app_port` (the baseline's start checked that
    nginx is installed): (process, (shipped snippet's port, no-SSI port))."""
    root = run.tmp / f"nginx-{name}"
    root.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # nginx's workers run as nobody: they must reach the page cache's files.
    for path in (run.tmp, root, cache_dir.parent, cache_dir):
        path.chmod(0o755)
    ports = (free_port(), free_port())
    conf = root / "nginx.conf"
    conf.write_text(config(root, run.args.workers, app_port, ports, cache_dir))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    logfile = run.out / f"nginx-{name}.log"
    proc = run.processes.start([nginx, "-p", f"{root}/", "-c", str(conf), "-e", f"{root}/error.log"], logfile)
    run.wait_for(f"http://{HOST}:{ports[0]}/robots.txt", proc, logfile)
    return proc, ports
