"""A program started twice brings the first window forward instead of opening the file again.

The first program listens on a local socket named after the user; a second start connects,
asks the first to show itself, and exits.
"""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAKE = b"hien-cua-so"


def _server_name() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "nguoi-dung"
    return "phat-trien-dang-vien-" + hashlib.sha1(user.encode("utf-8")).hexdigest()[:12]


def wake_running_instance(timeout_ms: int = 500) -> bool:
    """True when another program of this user answered and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(_server_name())
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_WAKE)
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Held by the first program; ``woken`` fires when a second start asks it to show."""

    woken = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)
        name = _server_name()
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a name left behind by a crashed program
            self.server.listen(name)

    def _accept(self) -> None:
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.waitForReadyRead(300)
        if socket.readAll().data() == _WAKE:
            self.woken.emit()
        socket.deleteLater()

    def close(self) -> None:
        self.server.close()
