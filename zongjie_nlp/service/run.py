"""Running the server: uvicorn with one process, or N worker processes on one socket.

``uvicorn.run(workers=N)`` binds the shared socket without naming its protocol; the
connections it accepts then report protocol 0, and asyncio sets ``TCP_NODELAY`` only on
sockets that report TCP.  Nagle's algorithm stays on, and every request on a kept-alive
connection after the first waits about 40 ms for the client's delayed ACK (uvicorn issue
3149: a 20 ms lint took 64 ms with two workers).  :class:`TcpConfig` binds the socket as
TCP explicitly, so N workers answer as fast as one.

Imports uvicorn: only ``zongjie serve`` imports this module.
"""

from __future__ import annotations

import inspect
import os
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

from ..errors import ZongjieError
from .settings import SETTINGS_ENV, Settings

APP = "zongjie_nlp.service.app:create_app_from_env"


class TcpConfig(uvicorn.Config):
    """uvicorn's configuration, its shared socket bound as TCP (so accepted connections get
    ``TCP_NODELAY``).  At module level: the worker processes receive it pickled."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.proto != socket.IPPROTO_TCP:
            sock = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        return sock


def serve(host: str, port: int, workers: int, settings: Settings) -> None:
    """Serve the app on ``host:port`` until interrupted, in ``workers`` processes (each builds
    its app from the settings, handed over in the environment).  An address that cannot be
    listened on is a :class:`ZongjieError` (one line), found before uvicorn starts."""
    check_address(host, port)
    os.environ[SETTINGS_ENV] = settings.to_env()
    config = TcpConfig(APP, factory=True, host=host, port=port, workers=workers, log_level="warning",
                       server_header=False)
    server = uvicorn.Server(config)
    try:
        if workers == 1:
            server.run()
            return
        sock = config.bind_socket()
        if "target" in inspect.signature(Multiprocess).parameters:  # uvicorn before 0.36
            Multiprocess(config, target=server.run, sockets=[sock]).run()
        else:
            Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass


def check_address(host: str, port: int) -> None:
    """Whether ``host:port`` can be listened on (a free port, a local address); else a one-line
    :class:`ZongjieError`."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise ZongjieError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            raise ZongjieError(f"cannot listen on {host}:{port}: {(err.strerror or str(err)).lower()}") from None
