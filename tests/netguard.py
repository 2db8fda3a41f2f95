"""Make every network connection or DNS look-up fail, and remember it.

Libraries often swallow connection errors and fall back quietly (tldextract
does), so raising is not enough: each attempt is also recorded, and the test
suite fails any test during which one happened. Local (AF_UNIX) sockets stay
allowed: asyncio's event loop and pytest-xdist use them.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

#: Descriptions of every attempt since the guard was installed or last cleared.
ATTEMPTS: list[str] = []


class NetworkAttemptError(RuntimeError):
    """Something tried to use the network, which testimony-intake must never do."""


def _refuse(what: str) -> NetworkAttemptError:
    ATTEMPTS.append(what)
    if _STRICT_EXIT:
        sys.stderr.write(f"NETWORK ATTEMPT: {what}\n")
        sys.stderr.flush()
    return NetworkAttemptError(f"network use is forbidden: {what}")


_STRICT_EXIT = False
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto


def _is_local(sock: socket.socket) -> bool:
    return sock.family == getattr(socket, "AF_UNIX", object())


def _connect(self: socket.socket, address: Any) -> None:
    if _is_local(self):
        return _real_connect(self, address)
    raise _refuse(f"connect to {address!r}")


def _connect_ex(self: socket.socket, address: Any) -> int:
    if _is_local(self):
        return _real_connect_ex(self, address)
    raise _refuse(f"connect_ex to {address!r}")


def _sendto(self: socket.socket, *args: Any) -> int:
    if _is_local(self):
        return _real_sendto(self, *args)
    raise _refuse(f"sendto {args[-1]!r}")


def _lookup(name: str) -> Any:
    def refuse(*args: Any, **_kwargs: Any) -> Any:
        raise _refuse(f"{name}{args!r}")

    return refuse


def install(*, report_to_stderr: bool = False) -> None:
    """Patch the socket module for the rest of this process."""
    global _STRICT_EXIT
    _STRICT_EXIT = report_to_stderr
    socket.socket.connect = _connect  # type: ignore[method-assign, assignment]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign, assignment]
    socket.socket.sendto = _sendto  # type: ignore[assignment]
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, _lookup(name))
    socket.create_connection = _lookup("create_connection")
