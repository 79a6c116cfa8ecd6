"""Loaded by Python at start-up when this folder is on PYTHONPATH (egress tests only).

Records and refuses every network connection or DNS look-up that is not loopback, in every
process and thread, so a test can prove that building and resolving never leave the machine.
"""

import os
import socket

_LOG = os.environ.get("NESTOR_EGRESS_LOG")
_LOOPBACK = ("127.", "::1", "localhost", "0.0.0.0")


def _record(kind, target):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {kind} {target!r}\n")


def _is_loopback(host):
    return isinstance(host, str) and host.startswith(_LOOPBACK)


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        _record("connect", address)
        raise OSError(101, "network egress blocked by test")
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        _record("connect_ex", address)
        return 101
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()):
        _record("dns", host)
        raise socket.gaierror(-2, "name resolution blocked by test")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
