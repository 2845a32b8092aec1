"""A TCP port on the loopback for a test's (or a benchmark's) own server."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A port nothing listens on right now (another process may still take it before the
    caller binds it: servers that can, bind port 0 and read it back instead)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
