"""The production server's access log never records query strings (they can carry PII)."""

from __future__ import annotations

import runpy
from pathlib import Path

from gunicorn.config import Config
from gunicorn.glogging import Logger

ROOT = Path(__file__).resolve().parents[2]
ENVIRON = {
    "REMOTE_ADDR": "127.0.0.1",
    "REQUEST_METHOD": "GET",
    "RAW_URI": "/registry/residents/?q=13812345678",
    "PATH_INFO": "/registry/residents/",
    "QUERY_STRING": "q=13812345678",
    "SERVER_PROTOCOL": "HTTP/1.1",
}


class _Req:
    method = "GET"
    path = "/registry/residents/"
    query = "q=13812345678"
    uri = "/registry/residents/?q=13812345678"
    version = (1, 1)
    headers: list[tuple[str, str]] = []


class _Resp:
    status = "200 OK"
    response_length = 10
    sent = 10
    headers: list[tuple[str, str]] = []


def test_access_log_line_has_no_query_string():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = Config()
    cfg.set("access_log_format", settings["access_log_format"])
    atoms = Logger(cfg).atoms(_Resp(), _Req(), ENVIRON, _Delta())
    line = settings["access_log_format"] % atoms
    assert "/registry/residents/" in line
    assert "13812345678" not in line


class _Delta:
    seconds = 0
    microseconds = 1200
