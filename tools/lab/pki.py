"""The lab CA and the origin's certificate, made fresh at every `up`."""

from __future__ import annotations

from pathlib import Path

from . import config, shell

DAYS = "30"


def ca_dir() -> Path:
    return config.state_path("ca")


def ca_cert() -> Path:
    return ca_dir() / "ca.crt"


def ca_key() -> Path:
    return ca_dir() / "ca.key"


def origin_cert() -> Path:
    return ca_dir() / "origin.crt"


def origin_key() -> Path:
    return ca_dir() / "origin.key"


def subject_hash(cert: Path) -> str:
    return shell.output("openssl", "x509", "-subject_hash", "-noout", "-in", str(cert)).strip()


def make_ca() -> None:
    ca_dir().mkdir(mode=0o700, parents=True, exist_ok=True)
    shell.run(
        "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", str(ca_key()), "-out", str(ca_cert()), "-days", DAYS,
        "-subj", "/O=Litware/CN=Litware AML lab CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        capture=True,
    )  # fmt: skip


def issue_server_cert(names: list[str], addresses: list[str], cert: Path, key: Path) -> None:
    csr = cert.with_suffix(".csr")
    extensions = cert.with_suffix(".ext")
    san = ",".join([f"DNS:{n}" for n in names] + [f"IP:{a}" for a in addresses])
    extensions.write_text(
        f"subjectAltName={san}\nextendedKeyUsage=serverAuth\nbasicConstraints=critical,CA:FALSE\n"
    )
    shell.run(
        "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", str(key), "-out", str(csr), "-subj", f"/O=Litware/CN={names[0]}",
        capture=True,
    )  # fmt: skip
    shell.run(
        "openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_cert()), "-CAkey", str(ca_key()),
        "-CAcreateserial", "-days", DAYS, "-extfile", str(extensions), "-out", str(cert),
        capture=True,
    )  # fmt: skip
    csr.unlink()
    extensions.unlink()
