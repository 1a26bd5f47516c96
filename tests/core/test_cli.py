"""The subcommands demo, find, check, export, import and bench: exit codes, Vietnamese messages,
JSON fields, and no traceback for an expected failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from commune_app.cli.main import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    assert run(["demo", "--db", str(path), "--seed", "3", "--today", "2026-11-20"]) == 0
    return path


def test_demo_reports_what_it_made_and_refuses_a_file_with_data(demo_db, capsys):
    assert run(["demo", "--db", str(demo_db), "--seed", "3"]) == 1
    err = capsys.readouterr().err
    assert "đã có dữ liệu" in err and "Traceback" not in err


def test_demo_prints_a_summary(tmp_path, capsys):
    assert run(["demo", "--db", str(tmp_path / "d.sqlite"), "--seed", "9", "--today", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert "Đã tạo dữ liệu mẫu" in out and "50 chi bộ" in out


def test_demo_bad_today_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        run(["demo", "--db", str(tmp_path / "d.sqlite"), "--today", "20/11/2026"])
    assert caught.value.code == 2
    assert "năm-tháng-ngày" in capsys.readouterr().err
    assert not (tmp_path / "d.sqlite").exists()


def test_find_json_fields(demo_db, capsys):
    assert run(["find", "--db", str(demo_db), "van", "--json", "--limit", "30"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 30
    for row in rows:
        assert {"id", "full_name", "birth_date", "gender", "cell", "status", "admitted_on", "official_on"} <= row.keys()
        assert row["gender"] in ("Nam", "Nữ")
        assert len(row["birth_date"]) == 10 and row["birth_date"][4] == "-"
        assert row["status"] in (
            "source",
            "candidate",
            "probationary",
            "official",
            "transferred_out",
            "removed",
            "deceased",
        )
        if row["status"] == "official":
            assert row["admitted_on"] and row["official_on"]


def test_find_filters_by_status_and_cell(demo_db, capsys):
    assert run(["find", "--db", str(demo_db), "--status", "probationary", "--cell", "na lau", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(r["status"] == "probationary" and r["cell"] == "Chi bộ thôn Nà Lầu" for r in rows)
    assert all(r["official_on"] is None for r in rows)


def test_find_text_table_in_vietnamese(demo_db, capsys):
    assert run(["find", "--db", str(demo_db), "hoang", "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert "Họ và tên" in out and "Ngày sinh" in out and "Chi bộ" in out
    assert "Tìm thấy 3 trong số" in out


def test_find_unknown_status_is_exit_2(demo_db, capsys):
    assert run(["find", "--db", str(demo_db), "an", "--status", "dangvien"]) == 2
    err = capsys.readouterr().err
    assert "Trạng thái “dangvien” không có" in err and "official" in err


def test_find_missing_file_is_exit_2(tmp_path, capsys):
    assert run(["find", "--db", str(tmp_path / "khong-co.sqlite"), "an"]) == 2
    assert "Không tìm thấy tệp dữ liệu" in capsys.readouterr().err
    assert not (tmp_path / "khong-co.sqlite").exists()


def test_check_json_reports_the_planted_rule_problems(demo_db, capsys):
    assert run(["check", "--db", str(demo_db), "--json"]) == 0
    captured = capsys.readouterr()
    findings = json.loads(captured.out)
    assert "toàn vẹn" in captured.err
    codes = {f["code"] for f in findings}
    assert {"AGE-MIN", "COURSE", "INTRODUCER-12M"} <= codes
    for finding in findings:
        assert {"person_id", "code", "severity", "message", "full_name"} <= finding.keys()
        assert finding["severity"] in ("blocking", "warning") and finding["full_name"]


def test_check_text_prints_integrity_first(demo_db, capsys):
    assert run(["check", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert out.index("toàn vẹn") < out.index("AGE-MIN")
    assert "vi phạm" in out


def test_check_damaged_file_is_exit_2(tmp_path, capsys):
    damaged = tmp_path / "hong.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4096)
    assert run(["check", "--db", str(damaged)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_export_import_round_trip_and_refusals(demo_db, tmp_path, capsys):
    first, second, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.sqlite"
    assert run(["export", "--db", str(demo_db), "-o", str(first)]) == 0
    assert run(["import", "--db", str(copy), str(first)]) == 0
    assert run(["export", "--db", str(copy), "-o", str(second)]) == 0
    strip = lambda p: [line for line in p.read_text(encoding="utf-8").splitlines() if '"exported_at"' not in line]  # noqa: E731
    assert strip(first) == strip(second)
    capsys.readouterr()
    assert run(["import", "--db", str(copy), str(first)]) == 1
    assert "đã có dữ liệu" in capsys.readouterr().err
    newer = tmp_path / "newer.json"
    newer.write_text(
        first.read_text(encoding="utf-8").replace('"format_version": 1,', '"format_version": 99,', 1), encoding="utf-8"
    )
    assert run(["import", "--db", str(tmp_path / "n.sqlite"), str(newer)]) == 2
    assert "mới hơn" in capsys.readouterr().err
    assert not (tmp_path / "n.sqlite").exists()  # a file the failed import created is removed
    assert run(["import", "--db", str(tmp_path / "n.sqlite"), str(tmp_path / "so-lieu.pdf")]) == 2
    assert "chỉ nhận các loại tệp .json" in capsys.readouterr().err  # the reader is chosen by suffix


def test_export_to_missing_folder_is_exit_2(demo_db, tmp_path, capsys):
    assert run(["export", "--db", str(demo_db), "-o", str(tmp_path / "khong" / "a.json")]) == 2
    assert "không tồn tại" in capsys.readouterr().err


def test_bench_commune_writes_a_table_and_json(tmp_path, capsys):
    target = tmp_path / "bench.json"
    assert (
        run(
            [
                "bench",
                "--scale",
                "commune",
                "--json",
                str(target),
                "--keep",
                str(tmp_path / "giu"),
                "--today",
                "2026-11-20",
                "--only",
                "open,find,export",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Tạo dữ liệu mẫu" in out and "Tìm kiếm" in out and "phân vị 95" in out
    data = json.loads(target.read_text(encoding="utf-8"))
    keys = [r["key"] for r in data["results"]]
    assert keys[:3] == ["generate", "open", "find_median"] and "find_p95" in keys and "export" in keys
    if Path("/proc/self/status").exists():  # the export's peak memory, as a process of its own
        peak = next(r for r in data["results"] if r["key"] == "export_memory")
        assert peak["unit"] == "MB" and 10 < peak["value"] < peak["target"]
        assert "MB" in out
    assert not any(k.startswith(("gui", "import")) for k in keys)
    assert run(["bench", "--only", "khong-co"]) == 1
    assert "Không có phép đo: khong-co" in capsys.readouterr().err
    assert all(r["value"] >= 0 for r in data["results"])
    assert (tmp_path / "giu" / "demo-commune.sqlite").exists()


def test_expected_failure_prints_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "commune_app", "find", "--db", str(tmp_path / "x.sqlite"), "an"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "Không tìm thấy tệp dữ liệu" in result.stderr and "Traceback" not in result.stderr


def test_check_broken_search_index_is_exit_2(demo_db, tmp_path, capsys):
    import shutil
    import sqlite3

    broken = tmp_path / "chi-muc-hong.sqlite"
    shutil.copy(demo_db, broken)
    conn = sqlite3.connect(broken)
    text = conn.execute("SELECT search_text FROM people WHERE id = 5").fetchone()[0]
    conn.execute("INSERT INTO people_fts(people_fts, rowid, search_text) VALUES ('delete', 5, ?)", [text])
    conn.commit()
    conn.close()
    assert run(["check", "--db", str(broken), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Chỉ mục tìm kiếm không khớp" in captured.err


def test_without_a_registered_interface_no_subcommand_says_how_to_open_the_window(monkeypatch, capsys) -> None:
    from commune_app import frontend

    monkeypatch.setattr(frontend, "_registered", [])
    assert run([]) == 2
    assert "python -m ui" in capsys.readouterr().err


def test_the_registered_interface_opens_the_window(monkeypatch, tmp_path) -> None:
    from commune_app import frontend

    opened: list[tuple[str | None, bool]] = []
    monkeypatch.setattr(frontend, "_registered", [])
    frontend.register(frontend.Frontend(start_window=lambda db, self_test: opened.append((db, self_test)) or 0))
    assert run(["--db", str(tmp_path / "a.sqlite")]) == 0
    assert opened == [(str(tmp_path / "a.sqlite"), False)]


def test_every_subcommand_module_is_listed_and_lists_itself_the_same_way() -> None:
    from commune_app.cli import main

    modules = {p.stem for p in (Path(main.__file__).parent).glob("cmd_*.py")}
    assert {module for _name, module, _help in main.COMMANDS} == modules
    listing = main.build_parser(None).format_help()
    for name, _module, _help in main.COMMANDS:
        assert main.build_parser(name).format_help() == listing, name


def test_help_and_find_import_only_what_they_use() -> None:
    probe = (
        "import sys\n"
        "from commune_app.cli import main\n"
        "main.build_parser(main.chosen_command(sys.argv[1:]))\n"
        "print(sorted(m for m in sys.modules if m.startswith('commune_app.cli.cmd_')"
        " or m.split('.')[0] in ('reportlab', 'openpyxl', 'PySide6', 'cryptography')))\n"
    )

    def loaded(*argv: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe, *argv],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        return done.stdout.strip()

    assert loaded("--help") == "[]"
    assert loaded("--db", "x.sqlite", "find", "An") == "['commune_app.cli.cmd_find']"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["dossier", "--db", "x.sqlite"], "cần một trong các tham số --person"),
        (["dossier", "--db", "x.sqlite", "--person", "1", "--register"], "không dùng được cùng tham số"),
        (["find"], "thiếu tham số bắt buộc"),
        (["find", "--db", "x.sqlite", "a", "--khong-co"], "tham số không nhận ra"),
    ],
)
def test_usage_errors_are_said_in_vietnamese(args, said, capsys):
    with pytest.raises(SystemExit) as stop:
        run(args)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert said in err
    assert not any(word in err for word in ("required", "one of the", "not allowed", "unrecognized", "usage:"))


def test_a_whole_find_imports_nothing_only_writes_and_failures_need(demo_db) -> None:
    """Issue 21: a search runs without logging (a line is written only when something fails), the
    temporary files of a write, the road's rules, the exchange's table reader and base64 (passwords)."""
    probe = (
        "import contextlib, io, sys\n"
        "from commune_app.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main.run(sys.argv[1:]) == 0\n"
        "lazy = ('logging', 'tempfile', 'commune_app.domain.road', 'commune_app.store.exchange', 'base64')\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "find", "--db", str(demo_db), "Nguyễn"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.stdout.strip() == "[]"


def test_bench_times_backups_before_the_memory_heavy_measurements():
    # Measured: while a process holds 2.5-3 GB (what generating a province, or its reports, leave
    # behind), this machine writes a 560 MB backup in 2.4-3.2 s instead of 1.4-1.6 s.
    from commune_app import bench

    bench.load_measurements()
    assert bench.registered()[0] == "backup"
    assert bench.registered().index("reports") > 0
