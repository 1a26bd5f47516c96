"""A data file opened twice brings its window forward instead of opening the file again.

Each program listens on a local socket named after the user and the data file it has open;
a second start on the same file connects, asks the first to show itself, and exits. A start
on another file is a program of its own (a clerk may compare two communes side by side).
"""

from __future__ import annotations

import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_WAKE = b"hien-cua-so"


def server_name(data_file: Path | None) -> str:
    """The socket of this user's program on ``data_file`` (None: the first start, no file yet)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "nguoi-dung"
    # Windows paths compare without case: "D:\\Dang uy" and "d:\\dang UY" are one file.
    where = os.path.normcase(str(Path(data_file).resolve())) if data_file else ""
    return "phat-trien-dang-vien-" + hashlib.sha1(f"{user}\n{where}".encode()).hexdigest()[:16]


def wake_running_instance(data_file: Path | None, timeout_ms: int = 500) -> bool:
    """True when this user's program on ``data_file`` answered and was asked to come forward."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_file))
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

    def __init__(self, data_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)
        self.listen_for(data_file)

    def listen_for(self, data_file: Path | None) -> None:
        """Answer for ``data_file`` from now on (the window opened another file)."""
        self.server.close()
        name = server_name(data_file)
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
