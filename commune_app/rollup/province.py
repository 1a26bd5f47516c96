"""Adding many communes' report workbooks up for the province, through their data sheets only.

``collect`` reads and verifies every workbook and refuses, naming the file, what cannot be added:
an altered data sheet, another period (quarter, month or year; the same period with another
cut-off date is accepted), another version of a form, the same commune twice. ``add_up`` gives
per form one row per commune and the totals, and runs the forms' own cross-checks (D = A + B − C,
components not above their totals, parts not above their whole) on every commune and on the
totals; the totals are the communes' sums, so the communes add up by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from commune_app import vn
from commune_app.errors import Refused
from commune_app.progress import Progress
from commune_app.rollup.data_sheet import DataSheet, FormData
from commune_app.rollup.reading import read

Figures = dict[tuple[str, int], int]  # (row key, column) → value


@dataclass
class Commune:
    path: Path
    data: DataSheet

    @property
    def name(self) -> str:
        return self.data.meta.get("committee") or self.data.meta.get("commune") or self.path.name


@dataclass
class FormRollup:
    form: FormData  # the first commune's form: its rows, columns and checks
    communes: list[tuple[Commune, Figures]]
    total: Figures

    def cells(self) -> list[tuple[str, str, int, str]]:
        """(row key, row label, column, column title) of every figure, in the form's order."""
        out = []
        for key, label, figures in self.form.rows:
            for col, value in enumerate(figures):
                if value is not None:
                    out.append((key, label, col, self.form.columns[col]))
        return out


@dataclass
class Rollup:
    communes: list[Commune]
    forms: list[FormRollup]
    left_out: list[str]  # forms some communes did not send

    @property
    def period_label(self) -> str:
        return self.communes[0].data.meta.get("period_label", "")


def collect(paths: Sequence[str | Path], progress: Progress | None = None) -> list[Commune]:
    """Read every workbook; refuse with every reason (each naming its file) when they cannot be added."""
    progress = progress or Progress()
    if not paths:
        raise Refused("Chưa chọn tệp báo cáo nào để tổng hợp.")
    communes: list[Commune] = []
    reasons: list[str] = []
    for index, path in enumerate(paths):
        progress(index, len(paths), f"Đọc {Path(path).name}")
        try:
            communes.append(Commune(Path(path), read(path)))
        except Refused as exc:
            if type(exc) is not Refused:
                raise  # a file that cannot be read at all is a file error
            reasons += exc.reasons
    if communes:
        reasons += _mixed(communes)
    if reasons:
        raise Refused("Không tổng hợp được; chưa ghi tệp nào:", *reasons)
    return communes


def _mixed(communes: list[Commune]) -> list[str]:
    first = communes[0]
    period = first.data.meta.get("period")
    reasons = []
    seen: dict[tuple[str, ...], Commune] = {}
    for commune in communes:
        meta = commune.data.meta
        if meta.get("period") != period:
            reasons.append(
                f"{commune.path.name}: báo cáo {meta.get('period_label')}, khác kỳ của "
                f"{first.path.name} ({first.data.meta.get('period_label')})."
            )
        key = tuple(vn.fold(v) for v in commune.data.identity)
        if key in seen:
            reasons.append(
                f"{commune.path.name}: cùng một đảng ủy với {seen[key].path.name} "
                f"({commune.name}, {meta.get('commune')}, tỉnh {meta.get('province')})."
            )
        else:
            seen[key] = commune
        for code, form in commune.data.forms.items():
            other = next((c for c in communes if code in c.data.forms), commune)
            if other.data.forms[code].version != form.version:
                reasons.append(
                    f"{commune.path.name}: biểu {code} khác mẫu với biểu {code} của {other.path.name} "
                    f"(phiên bản mẫu {form.version} và {other.data.forms[code].version}); hãy xuất lại "
                    "báo cáo bằng cùng một phiên bản chương trình."
                )
    return reasons


def _figures(form: FormData) -> Figures:
    return {(key, col): v for key, _, values in form.rows for col, v in enumerate(values) if v is not None}


def check(code: str, form: FormData, figures: Figures, who: str) -> list[str]:
    """The form's own cross-checks on one set of figures (a commune's or the totals)."""
    labels = {key: label for key, label, _ in form.rows}
    columns = sorted({col for _, col in figures})
    problems = []

    def value(key: str, col: int) -> int:
        return figures.get((key, col), 0)

    for kind, key, terms in form.checks:
        for col in columns:
            if (key, col) not in figures:
                continue
            column = form.columns[col]
            if kind == "at_most" and value(key, col) > value(terms[0], col):
                problems.append(
                    f"{who}, biểu {code}, cột “{column}”: dòng “{labels.get(key, key)}” ({value(key, col)})"
                    f" lớn hơn dòng “{labels.get(terms[0], terms[0])}” ({value(terms[0], col)})."
                )
            elif kind == "sum" and value(key, col) != (parts := sum(value(k, col) for k in terms)):
                problems.append(
                    f"{who}, biểu {code}, cột “{column}”: dòng “{labels.get(key, key)}” "
                    f"({value(key, col)}) khác tổng các dòng chi tiết ({parts})."
                )
            elif kind == "parts" and sum(value(k, col) for k in terms) > value(key, col):
                problems.append(
                    f"{who}, biểu {code}, cột “{column}”: các dòng chi tiết cộng lại "
                    f"({sum(value(k, col) for k in terms)}) lớn hơn dòng “{labels.get(key, key)}” "
                    f"({value(key, col)})."
                )
            elif kind == "identity":
                expected = sum(value(k, col) for k in terms["plus"]) - sum(value(k, col) for k in terms["minus"])
                if value(key, col) != expected:
                    formula = " + ".join(terms["plus"]) + "".join(f" − {k}" for k in terms["minus"])
                    problems.append(
                        f"{who}, biểu {code}, cột “{column}”: {key} = {formula} không đúng "
                        f"({key} = {value(key, col)}, {formula} = {expected})."
                    )
    return problems


def add_up(communes: list[Commune]) -> Rollup:
    """Per form, every commune's figures and their totals; refused when a cross-check fails."""
    codes = list(dict.fromkeys(code for c in communes for code in c.data.forms))
    common = [code for code in codes if all(code in c.data.forms for c in communes)]
    forms = []
    problems: list[str] = []
    for code in common:
        rows = [(c, _figures(c.data.forms[code])) for c in communes]
        total: Figures = {}
        for _, figures in rows:
            for cell, value in figures.items():
                total[cell] = total.get(cell, 0) + value
        form = communes[0].data.forms[code]
        for commune, figures in rows:
            problems += check(code, form, figures, commune.path.name)
        problems += check(code, form, total, "Tổng cộng")
        forms.append(FormRollup(form, rows, total))
    if problems:
        raise Refused("Số liệu không khớp nên chưa ghi tệp tổng hợp:", *problems)
    return Rollup(communes, forms, [code for code in codes if code not in common])
