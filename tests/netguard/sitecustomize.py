"""Block the network in every Python process of the test run.

pytest's conftest puts this folder on PYTHONPATH and sets ``ESCALATION_NO_NETWORK=1``, so the
test process, every Jupyter kernel that runs a notebook and every Dask worker import this
module at start-up. Any connection to an address outside the loopback range, and any name
lookup other than localhost, raises ``NetworkBlocked``. Loopback stays open because a Jupyter
kernel and a local Dask cluster talk to their own processes through it; nothing leaves the
machine. Attempts are also appended to the file named by ``ESCALATION_NETWORK_LOG``.
"""

import ipaddress
import os
import socket

if os.environ.get("ESCALATION_NO_NETWORK") == "1" and not getattr(socket, "_escalation_guard", False):

    class NetworkBlocked(OSError):
        """Raised for any attempt to reach the network during tests."""

    _LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", ""}

    def _is_local(host) -> bool:
        if host is None:
            return True
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        host = str(host).strip("[]").lower()
        if host in _LOCAL_NAMES:
            return True
        try:
            addr = ipaddress.ip_address(host.split("%")[0])
        except ValueError:
            return False
        return addr.is_loopback or addr.is_unspecified

    def _record(what):
        log = os.environ.get("ESCALATION_NETWORK_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()} {what}\n")

    def _check(address):
        if isinstance(address, tuple) and address and not _is_local(address[0]):
            _record(f"connect {address!r}")
            raise NetworkBlocked(f"network access blocked during tests: {address!r}")

    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
    _sendto, _getaddrinfo = socket.socket.sendto, socket.getaddrinfo

    def connect(self, address):
        _check(address)
        return _connect(self, address)

    def connect_ex(self, address):
        _check(address)
        return _connect_ex(self, address)

    def sendto(self, data, *args):
        _check(args[-1])
        return _sendto(self, data, *args)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            _record(f"lookup {host!r}")
            raise socket.gaierror(f"name lookup blocked during tests: {host!r}")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    socket.getaddrinfo = getaddrinfo
    socket.NetworkBlocked = NetworkBlocked
    socket._escalation_guard = True
