"""Generated sheets (random headers, values, blank rows) never crash the importer and never
leave a partial import behind."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commune_app.errors import Refused
from commune_app.ops import importing
from commune_app.ops.context import Actor, open_session
from commune_app.store import people as people_store
from tests.conftest import TODAY
from tests.core.import_sheets import write_csv, write_xlsx

HEADERS = [
    "Họ và tên",
    "HỌ TÊN",
    "Họ đệm",
    "Tên",
    "Ngày sinh",
    "Năm sinh",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Nữ",
    "Số CCCD",
    "Số định danh",
    "Dân tộc",
    "Tôn giáo",
    "Chi bộ",
    "Ngày vào Đảng",
    "Ngày kết nạp",
    "Ngày chính thức",
    "Điện thoại",
    "Quê quán",
    "Ghi chú",
    "STT",
    "Cột lạ",
    "",
]
NAMES = [
    "Nguyễn Văn An",
    "Hoàng thị Bích",
    "LÒ VĂN CƯỜNG",
    "Mùa A Dính",
    "An",
    "Tổng cộng",
    "Chi bộ thôn 1",
    "I. CHI BỘ THÔN NÀ LẦU",
    "Nguyễn Văn 3",
]
LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ /-.,()0123456789"
)

cells = st.one_of(
    st.none(),
    st.sampled_from(NAMES),
    st.sampled_from(["Nam", "Nữ", "nu", "x", "Kinh", "Tày", "hmong", "Không", "Phật", "Công giáo", "khác"]),
    st.dates(dt.date(1890, 1, 1), dt.date(2030, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates(dt.date(1900, 1, 1), dt.date(2030, 12, 31)).map(lambda d: dt.datetime(d.year, d.month, d.day)),
    st.integers(1, 60000),
    st.integers(10**8, 10**12 - 1),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e12),
    st.text(LETTERS, max_size=25),
)


@st.composite
def sheets(draw):
    width = draw(st.integers(1, 8))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=width, max_size=width))
    titles = draw(st.lists(st.lists(cells, min_size=1, max_size=width), max_size=2))
    body = draw(
        st.lists(st.one_of(st.just([None] * width), st.lists(cells, min_size=width, max_size=width)), max_size=12)
    )
    return [*titles, header, *body]


GIVEN = ["An", "Bích", "Cường", "Dính", "Hoa", "Mai", "Sơn", "Tuấn", "Ánh", "Ân"]
FAMILY = ["Nguyễn Văn", "Hoàng Thị", "Lò Văn", "Mùa A", "Đỗ Thị", "Trần Văn"]
birth_cells = st.one_of(
    st.dates(dt.date(1950, 1, 1), dt.date(2008, 12, 31)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates(dt.date(1950, 1, 1), dt.date(2008, 12, 31)).map(lambda d: f"{d.day}/{d.month}/{d.year % 100:02d}"),
    st.dates(dt.date(1950, 1, 1), dt.date(2008, 12, 31)).map(lambda d: dt.datetime(d.year, d.month, d.day)),
    st.integers(1950, 2008),
)


@st.composite
def coherent_sheets(draw):
    """A sheet a clerk could have made: name, gender and birth columns among others, in any order."""
    extra = draw(st.lists(st.sampled_from(HEADERS[9:]), max_size=4, unique=True))
    header = ["Họ và tên", "Giới tính", "Ngày sinh", *extra]
    order = draw(st.permutations(range(len(header))))
    body = []
    for _ in range(draw(st.integers(1, 10))):
        if draw(st.booleans()) and draw(st.booleans()):
            body.append([None] * len(header))
            continue
        name = f"{draw(st.sampled_from(FAMILY))} {draw(st.sampled_from(GIVEN))}"
        values = [
            name,
            draw(st.sampled_from(["Nam", "Nữ", "NỮ", "nam"])),
            draw(birth_cells),
            *(draw(cells) for _ in extra),
        ]
        body.append([values[i] for i in order])
    titles = draw(st.lists(st.just(["DANH SÁCH QUẦN CHÚNG ƯU TÚ"]), max_size=2))
    return [*titles, [header[i] for i in order], *body]


any_sheet = st.one_of(sheets(), coherent_sheets())


def _session(folder: Path):
    session = open_session(folder / "dulieu.sqlite", actor=Actor(username="kiemthu", role="admin"))
    session.today_override = TODAY
    return session


def _counts(session):
    return tuple(session.store.scalar(f"SELECT count(*) FROM {t}") for t in ("people", "milestones", "cells", "audit"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=any_sheet, as_csv=st.booleans(), kind=st.sampled_from(["members", "candidates"]))
def test_random_sheets_never_crash_and_commit_all_or_nothing(rows, as_csv, kind):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = (
            write_csv(folder / "ds.csv", [[("" if v is None else v) for v in r] for r in rows])
            if as_csv
            else write_xlsx(folder / "ds.xlsx", {"DS": rows})
        )
        session = _session(folder)
        try:
            try:
                preview = importing.preview(session, path, kind=kind)
            except Refused:
                return
            for row in preview.rows:
                assert row.status in ("new", "match", "refused")
                assert (row.status == "refused") == bool(row.reasons)
            before = _counts(session)
            summary = importing.commit(session, preview)
            people, *_ = _counts(session)
            assert people == before[0] + summary.created
            assert summary.created == sum(1 for r in preview.rows if r.status == "new")
        finally:
            session.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=any_sheet, fail_after=st.integers(0, 6))
def test_a_failure_at_any_point_writes_nothing(rows, fail_after):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        path = write_xlsx(folder / "ds.xlsx", {"DS": rows})
        session = _session(folder)
        original = people_store.new_row
        calls = {"n": 0}

        def failing(*args, **kwargs):
            if calls["n"] >= fail_after:
                raise RuntimeError("mất điện giữa chừng")
            calls["n"] += 1
            return original(*args, **kwargs)

        try:
            try:
                preview = importing.preview(session, path, kind="candidates")
            except Refused:
                return
            before = _counts(session)
            people_store.new_row = failing
            try:
                importing.commit(session, preview)
            except RuntimeError:
                assert _counts(session) == before
            else:
                assert sum(1 for r in preview.rows if r.status == "new") <= fail_after
        finally:
            people_store.new_row = original
            session.close()
