"""The origin host's web sites: nginx serving every lab host name on 80, 443 and a third port."""

from __future__ import annotations

from . import config, host, pki

WWW = "/var/www/lab"
CERT_DIR = "/etc/nginx/lab"


def site(name: str) -> str:
    return f"""
server {{
    listen 80;
    listen 443 ssl;
    listen {config.ORIGIN_HTTPS_ALT_PORT} ssl;
    server_name {name};
    keepalive_requests 100000;
    location / {{
        default_type text/plain;
        return 200 "{name}\\n";
    }}
    location /bytes/ {{
        root {WWW};
        default_type application/octet-stream;
    }}
}}
"""


def nginx_config() -> str:
    names = config.ORIGIN_NAMES_ALLOWED + config.ORIGIN_NAMES_FORBIDDEN
    default = f"""# Lab origin ("the internet"): one site per name; any other name is misdirected.
ssl_certificate {CERT_DIR}/origin.crt;
ssl_certificate_key {CERT_DIR}/origin.key;

server {{
    listen 80 default_server;
    listen 443 ssl default_server;
    listen {config.ORIGIN_HTTPS_ALT_PORT} ssl default_server;
    server_name _;
    return 421 "no site for $host\\n";
}}
"""
    return default + "".join(site(name) for name in names)


def configure(origin: config.LabHost) -> None:
    names = list(config.ORIGIN_NAMES_ALLOWED + config.ORIGIN_NAMES_FORBIDDEN)
    pki.issue_server_cert(
        names + [origin.name], [origin.address], pki.origin_cert(), pki.origin_key()
    )
    host.write(origin, f"{CERT_DIR}/origin.crt", pki.origin_cert().read_text())
    host.write(origin, f"{CERT_DIR}/origin.key", pki.origin_key().read_text(), 0o600)
    host.write(origin, "/etc/nginx/conf.d/lab-origin.conf", nginx_config())
    (host.root(origin) / "etc/nginx/sites-enabled/default").unlink(missing_ok=True)
    nginx_conf = host.root(origin) / "etc/nginx/nginx.conf"
    nginx_conf.write_text(
        nginx_conf.read_text().replace("worker_connections 768;", "worker_connections 4096;")
    )
    for size in config.ORIGIN_BYTES_SIZES:
        host.write(origin, f"{WWW}/bytes/{size}", "x" * size)


def start_web_server(origin: config.LabHost) -> list[str]:
    return host.enter_command(origin, ["service", "nginx", "start"])
