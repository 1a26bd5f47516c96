"""A line in the program's log from the modules every command starts with (the file lock,
opening a data file): ``logging``, with what it brings (traceback, threading, string: several
milliseconds of a command's start), is imported with the first line, which is written only
when something went wrong. The lines go where ``logs.setup_logging`` sends them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import logging


def warning(logger: str, message: str, *args: Any) -> None:
    _logger(logger).warning(message, *args, stacklevel=2)  # the line names the caller, not this module


def error(logger: str, message: str, *args: Any) -> None:
    _logger(logger).error(message, *args, stacklevel=2)


def _logger(name: str) -> logging.Logger:
    import logging

    return logging.getLogger(name)
