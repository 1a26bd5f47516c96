"""Plain-text tables for the console: columns padded to their widest cell."""

from __future__ import annotations

from collections.abc import Sequence

from commune_app import vn


def render(headers: Sequence[str], rows: Sequence[Sequence[object]], *, right: Sequence[int] = ()) -> str:
    """Headers, a rule, then the rows; ``right`` lists the columns aligned to the right (numbers)."""
    cells = [[vn.nfc("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if i in right else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths, strict=False))
        ).rstrip()

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in cells)])
