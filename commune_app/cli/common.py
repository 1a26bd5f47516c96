"""What every subcommand shares: the --db option, opening the file, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from commune_app.errors import FileRefused
from commune_app.ops.context import Session, open_session


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="TỆP", help="tệp dữ liệu SQLite")


def open_cli_session(args: argparse.Namespace, *, create: bool = False, read_only: bool = False) -> Session:
    """Open --db; a missing file is a file error (exit 2) unless the command creates it."""
    path = Path(args.db)
    if not create and not path.exists():
        raise FileRefused(f"Không tìm thấy tệp dữ liệu {path}.")
    return open_session(path, create=create, read_only=read_only)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
