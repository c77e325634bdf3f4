"""Send crafted requests to the proxy and judge what came back; print one JSON list.

Runs on a lab host with the distribution's python3 only. Input: a JSON file with
{"proxy", "ports": {forward, tls}, "kind", "run", "outsider", "cases": [...]}. A case:
  id, why         name and purpose;
  via             forward (default): the request goes to the forward port as is;
                  connect: `send` (a CONNECT) to the forward port, on a 200 TLS inside the tunnel;
                  tls: TLS to the TLS port with `sni` (`raw: true`: the bytes without TLS);
  send            the bytes to send, or a list of parts sent one after another on one
                  connection, each after the answer to the previous; without it, the request
                  is built from method (GET), target, host (null: no Host header), headers, version;
  sni, inner      TLS server name and the request sent inside TLS;
  expect          refused (default: every answer a refusal status, or none, and the origin
                  never sees the case's marker) or allowed (the origin sees it);
  statuses, body  the exact status list and first body line expected;
  squid, nginx    keys that replace the above for that proxy;
  kinds           the proxies the case applies to (default both).
"{m}" in any text is the case's marker; the origin's access log is checked for it afterwards.
From the outsider every case is expected refused. Certificates are not checked: whether a
byte reaches the origin is what counts, and the origin's own log says so.
"""

import json
import re
import socket
import ssl
import sys

STATUS = re.compile(rb"^HTTP/1\.[01] ([0-9]{3})", re.M)
# What a proxy answers when it refuses: no 2xx/3xx, and no 5xx (those mean it tried upstream).
REFUSALS = {400, 403, 405, 409, 411, 413, 414, 417, 431, 501, 505}
TIMEOUT = 4
IDLE = 2


def read(sock, idle):
    data = b""
    sock.settimeout(idle)
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (TimeoutError, OSError, ssl.SSLError):
        pass
    return data


def tls(sock, sni):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context.wrap_socket(sock, server_hostname=sni or None)


def build(case, marker):
    lines = [f"{case.get('method', 'GET')} {case['target']} HTTP/{case.get('version', '1.1')}"]
    if case.get("host", "") is not None:
        lines.append(f"Host: {case['host']}")
    lines += [f"User-Agent: {marker}", "Connection: close"] + case.get("headers", [])
    return "\r\n".join(lines) + "\r\n\r\n"


def exchange(proxy, ports, case, text):
    via = case.get("via", "forward")
    port = ports["tls"] if via == "tls" else ports["forward"]
    data = b""
    with socket.create_connection((proxy, port), timeout=TIMEOUT) as sock:
        if via == "forward" or case.get("raw"):
            for part in text(case.get("send")):
                sock.sendall(part)
                data += read(sock, IDLE)
        elif via == "connect":
            sock.sendall(text(case["send"])[0])
            data = read(sock, IDLE)
            if STATUS.match(data) and STATUS.match(data).group(1) == b"200":
                with tls(sock, case.get("sni")) as inner:
                    inner.sendall(text(case["inner"])[0])
                    data += read(inner, TIMEOUT)
        else:
            with tls(sock, case.get("sni")) as inner:
                inner.sendall(text(case["inner"])[0])
                data = read(inner, TIMEOUT)
    return data


def judge(spec, case):
    case = {**case, **case.get(spec["kind"], {})}
    marker = f"probe-{spec['run']}-{spec['kind']}-{case['id']}"
    if spec["outsider"]:
        marker += "-outsider"
        case = {key: value for key, value in case.items() if key not in ("statuses", "body")}
        case["expect"] = "refused"

    def text(value):
        parts = [build(case, marker)] if value is None else value
        parts = [parts] if isinstance(parts, str) else parts
        return [part.replace("{m}", marker).encode("utf-8") for part in parts]

    result = {"id": case["id"], "marker": marker, "expect": case.get("expect", "refused")}
    data, error = b"", ""
    try:
        data = exchange(spec["proxy"], spec["ports"], case, text)
    except (OSError, ssl.SSLError, ValueError, UnicodeError) as failure:
        error = f"{type(failure).__name__}: {failure}"
    statuses = [int(code) for code in STATUS.findall(data)]
    body = (data.split(b"\r\n\r\n", 1)[1:] or [b""])[-1].decode("latin-1").split("\n", 1)[0]
    problems = []
    if "statuses" in case and statuses != case["statuses"]:
        problems.append(f"statuses {statuses}, expected {case['statuses']}")
    elif "statuses" not in case and result["expect"] == "refused":
        if any(code not in REFUSALS for code in statuses):
            problems.append(f"statuses {statuses}: not all refusals")
    elif "statuses" not in case and not statuses:
        problems.append("no answer")
    if "body" in case and body != case["body"]:
        problems.append(f"body {body[:80]!r}, expected {case['body']!r}")
    result.update(statuses=statuses, error=error, problems=problems)
    return result


def table_cases(spec):
    """Each name of the shared wildcard table once in plain HTTP and once in TLS.

    An allowed name reaches the origin's default site, which answers 421 (no site of that name).
    A name with an empty label has no TLS variant: Python's TLS client cannot send it as SNI.
    """
    cases = []
    for number, row in enumerate(spec.get("table", []), 1):
        name, allowed = row["name"], row["allowed"]
        expect = {"expect": "allowed" if allowed else "refused"}
        cases.append(
            {"id": f"table-{number}-http", "target": f"http://{name}/{{m}}", "host": name}
            | expect
            | ({"statuses": [421]} if allowed else {})
        )
        inner = f"GET /{{m}} HTTP/1.1\r\nHost: {name}\r\nConnection: close\r\n\r\n"
        if ".." in name or name.startswith("."):
            continue
        if spec["kind"] == "squid":
            connect = f"CONNECT {name}:443 HTTP/1.1\r\nHost: {name}:443\r\n\r\n"
            tunnel = {"via": "connect", "send": connect, "sni": name, "inner": inner}
            cases.append(
                {"id": f"table-{number}-tls"}
                | tunnel
                | expect
                | ({"statuses": [200, 421]} if allowed else {})
            )
        else:
            cases.append(
                {"id": f"table-{number}-tls", "via": "tls", "sni": name, "inner": inner}
                | expect
                | ({"statuses": [421]} if allowed else {})
            )
    return cases


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        spec = json.load(handle)
    cases = [case for case in spec["cases"] if spec["kind"] in case.get("kinds", [spec["kind"]])]
    cases += table_cases(spec)
    print(json.dumps([judge(spec, case) for case in cases]))


if __name__ == "__main__":
    main()
