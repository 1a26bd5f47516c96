"""What every subcommand shares: the --db option, opening the file, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from commune_app.errors import FileRefused
from commune_app.ops.context import SYSTEM, Session, open_session


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="TỆP", help="tệp dữ liệu SQLite")


def open_cli_session(args: argparse.Namespace, *, create: bool = False, read_only: bool = False) -> Session:
    """Open --db; a missing file is a file error (exit 2) unless the command creates it."""
    path = Path(args.db)
    if not create and not path.exists():
        raise FileRefused(f"Không tìm thấy tệp dữ liệu {path}.")
    return open_session(path, create=create, read_only=read_only, actor=SYSTEM)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


@contextmanager
def new_or_empty_file_session(args: argparse.Namespace) -> Iterator[Session]:
    """Open --db for a command that fills a new file (demo, import); when the command fails
    on a file it created itself, that file is removed again, so nothing half-made is left."""
    path = Path(args.db)
    existed = path.exists()
    session = open_cli_session(args, create=True)
    try:
        yield session
    except BaseException:
        session.close()
        if not existed:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    session.close()
