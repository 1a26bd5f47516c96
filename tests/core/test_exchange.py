"""The JSON exchange format: a lossless round trip, and refusals that leave the file untouched."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from commune_app.demo.generator import generate
from commune_app.errors import FileRefused, Refused
from commune_app.exchange import FORMAT_VERSION, export_file, import_file
from commune_app.ops import people as people_ops
from commune_app.ops.context import SYSTEM, Session, open_session
from commune_app.store import road as road_store

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A demo file with a withdrawn milestone and a deleted person, exported once."""
    folder = tmp_path_factory.mktemp("exchange")
    session = open_session(folder / "demo.sqlite", actor=SYSTEM)
    session.today_override = TODAY
    generate(session, scale="commune", seed=11)
    with session.write() as audit:
        milestone = session.store.scalar("SELECT id FROM milestones WHERE kind = 'application' LIMIT 1")
        road_store.withdraw_milestone(session.store, audit, milestone, "Ghi nhầm ngày")
    people_ops.delete_person(session, session.store.scalar("SELECT max(id) FROM people"), "Nhập trùng")
    export_file(session, folder / "first.json", with_accounts=True)
    session.close()
    yield folder / "first.json"


def _fresh(path: Path) -> Session:
    session = open_session(path, actor=SYSTEM)
    session.today_override = TODAY
    return session


def _lines_without_stamp(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if '"exported_at"' not in line]


def test_export_import_export_gives_the_same_bytes(exported, tmp_path):
    session = _fresh(tmp_path / "copy.sqlite")
    counts = import_file(session, exported)
    export_file(session, tmp_path / "second.json", with_accounts=True)
    session.close()
    assert counts["people"] > 1000 and counts["milestones"] > 5000
    assert _lines_without_stamp(tmp_path / "second.json") == _lines_without_stamp(exported)
    assert (tmp_path / "second.json").read_bytes() != b""


def test_the_document_carries_everything(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["format"] == "commune-app-exchange" and document["format_version"] == FORMAT_VERSION
    tables = document["tables"]
    for table in (
        "committee_profile",
        "settings",
        "cells",
        "cell_targets",
        "people",
        "cell_assignments",
        "milestones",
        "links",
        "relatives",
        "courses",
        "course_sessions",
        "enrolments",
        "attendance",
        "audit",
        "users",
        "documents",
        "doc_counters",
        "extra_days_off",
    ):
        assert table in tables, table
    assert any(m["withdrawn_at"] for m in tables["milestones"])
    assert any(p["deleted_at"] for p in tables["people"])
    assert "sort_key" not in tables["people"][0] and "search_text" not in tables["people"][0]
    assert tables["committee_profile"][0]["committee_name"] == "ĐẢNG ỦY XÃ BA SƠN"


def test_imported_file_is_searchable_and_sorted(exported, tmp_path):
    session = _fresh(tmp_path / "copy.sqlite")
    import_file(session, exported)
    first = session.store.one("SELECT full_name FROM people WHERE deleted_at IS NULL ORDER BY id LIMIT 1")
    from commune_app import vn

    found = people_ops.find(session, vn.fold(first["full_name"]))
    assert first["full_name"] in [r["full_name"] for r in found]
    assert session.store.scalar("SELECT count(*) FROM audit WHERE action = 'import'") == 1
    session.close()


def test_import_into_a_file_with_data_is_refused(exported, session, tmp_path):
    from tests.factories import make_person

    make_person(session, "Nguyễn Văn An")
    with pytest.raises(Refused) as caught:
        import_file(session, exported)
    assert "đã có dữ liệu" in caught.value.reasons[0]
    assert session.store.scalar("SELECT count(*) FROM people") == 1


def _edited(exported: Path, tmp_path: Path, change) -> Path:
    document = json.loads(exported.read_text(encoding="utf-8"))
    change(document)
    target = tmp_path / "edited.json"
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return target


def test_newer_format_is_refused(exported, tmp_path):
    target = _edited(exported, tmp_path, lambda d: d.update(format_version=FORMAT_VERSION + 1))
    session = _fresh(tmp_path / "x.sqlite")
    with pytest.raises(FileRefused) as caught:
        import_file(session, target)
    assert "mới hơn" in caught.value.reasons[0]
    session.close()


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d["tables"]["people"][3].update(cccd="020123"), "CCCD"),
        (lambda d: d["tables"]["people"][0].update(birth_date="2030-01-01"), "Ngày sinh"),
        (lambda d: d["tables"].update(bang_la=[]), "bang_la"),
        (lambda d: d["tables"]["cells"][0].update(mau_sac="đỏ"), "mau_sac"),
        (lambda d: d["tables"]["milestones"][0].update(person_id=999999), "people"),
        (lambda d: d["tables"]["links"][0].update(role="boss"), "ràng buộc"),
    ],
)
def test_bad_content_is_refused_and_nothing_is_written(exported, tmp_path, change, expected):
    target = _edited(exported, tmp_path, change)
    session = _fresh(tmp_path / "x.sqlite")
    with pytest.raises(Refused) as caught:
        import_file(session, target)
    assert expected in " ".join(caught.value.reasons)
    assert session.store.scalar("SELECT count(*) FROM people") == 0
    assert session.store.scalar("SELECT count(*) FROM cells") == 0
    assert session.store.scalar("SELECT count(*) FROM committee_profile") == 1
    session.close()


def test_not_our_file_is_refused(tmp_path):
    target = tmp_path / "other.json"
    target.write_text('{"hello": 1}', encoding="utf-8")
    session = _fresh(tmp_path / "x.sqlite")
    with pytest.raises(FileRefused):
        import_file(session, target)
    target.write_text("{not json", encoding="utf-8")
    with pytest.raises(FileRefused) as caught:
        import_file(session, target)
    assert "JSON" in caught.value.reasons[0]
    session.close()


def test_a_document_without_some_tables_keeps_the_new_file_defaults(exported, tmp_path):
    def drop(document):
        for table in ("committee_profile", "users", "audit"):
            del document["tables"][table]

    target = _edited(exported, tmp_path, drop)
    session = _fresh(tmp_path / "x.sqlite")
    counts = import_file(session, target)
    assert "committee_profile" not in counts and counts["people"] > 1000
    assert session.store.one("SELECT committee_name FROM committee_profile")["committee_name"] == ""
    session.close()
