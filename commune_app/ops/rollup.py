"""The province roll-up as one action: read the communes' workbooks, check, add up, write.

It reads only files (no data file is opened), so the window and the command share it as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from commune_app.progress import Progress
from commune_app.rollup import province, workbook


def rollup(paths: Sequence[str | Path], output: str | Path, progress: Progress | None = None) -> province.Rollup:
    """Add the workbooks up into ``output``; refused (nothing written) with every reason, each naming its file."""
    progress = progress or Progress()
    communes = province.collect(paths, progress)
    added = province.add_up(communes)
    progress(len(paths), len(paths) + 1, "Ghi tệp tổng hợp")
    workbook.write(added, output)
    return added
