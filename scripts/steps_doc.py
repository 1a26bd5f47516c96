"""Write docs/steps.md from the step schema (commune_app/domain/steps.py).

PYTHONPATH=. python scripts/steps_doc.py
"""

from __future__ import annotations

from pathlib import Path

from commune_app.domain.steps_markdown import render_markdown

TARGET = Path(__file__).resolve().parents[1] / "docs" / "steps.md"


def main() -> None:
    TARGET.write_text(render_markdown(), encoding="utf-8")
    print(f"Đã ghi {TARGET}")


if __name__ == "__main__":
    main()
