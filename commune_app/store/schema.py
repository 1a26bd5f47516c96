"""The schema, only ever changed through these versioned migrations.

Each migration runs in one transaction with its ledger row (sqlite-utils ``Migrations``).
After migrating, the file is stamped with ``PRAGMA user_version`` = the number of migrations
this program knows, so an older program can tell that a file was made by a newer version of
itself and refuse it before touching anything.

To change the schema, append a migration at the end of this file with a new unique name
(``00NN_area_what``); never edit one that has shipped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlite_utils import Database, Migrations

MIGRATION_SET = "commune_app"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    for statement in _INITIAL.split(";\n\n"):
        if statement.strip():
            db.execute(statement)


@lru_cache(maxsize=1)  # every migration is registered when this module is imported
def schema_version() -> int:
    """The ``user_version`` this program writes; a file stamped higher is refused.

    Every migration this program knows is pending on an empty database (sqlite-utils' public API).
    """
    return len(migrations.pending(Database(memory=True)))


_INITIAL = """
CREATE TABLE committee_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    province TEXT NOT NULL DEFAULT '',
    commune TEXT NOT NULL DEFAULT '',
    upper_body TEXT NOT NULL DEFAULT '',
    committee_name TEXT NOT NULL DEFAULT '',
    short_code TEXT NOT NULL DEFAULT 'ĐU',
    place_name TEXT NOT NULL DEFAULT '',
    secretary TEXT NOT NULL DEFAULT '',
    deputies TEXT NOT NULL DEFAULT '[]',
    report_recipient TEXT NOT NULL DEFAULT '',
    preparer_name TEXT NOT NULL DEFAULT '',
    preparer_phone TEXT NOT NULL DEFAULT '',
    party_term TEXT NOT NULL DEFAULT '2025-2030'
);

INSERT INTO committee_profile (id) VALUES (1);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE extra_days_off (
    day TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cells (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    sort_key BLOB NOT NULL,
    kind TEXT NOT NULL DEFAULT 'village',
    routing TEXT NOT NULL DEFAULT 'chi_bo_co_so'
        CHECK (routing IN ('chi_bo_co_so', 'chi_bo_truc_thuoc', 'dang_bo_co_so_duoc_uy_quyen')),
    parent_org TEXT NOT NULL DEFAULT '',
    has_sub_committee INTEGER NOT NULL DEFAULT 0,
    short_code TEXT NOT NULL DEFAULT 'CB',
    secretary_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    deputy_secretary_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    display_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE UNIQUE INDEX cells_name ON cells(name_folded);

CREATE TABLE cell_targets (
    cell_id INTEGER NOT NULL REFERENCES cells(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    admission_target INTEGER NOT NULL DEFAULT 0 CHECK (admission_target >= 0),
    course_target INTEGER NOT NULL DEFAULT 0 CHECK (course_target >= 0),
    PRIMARY KEY (cell_id, year)
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    family_name TEXT NOT NULL DEFAULT '',
    middle_name TEXT NOT NULL DEFAULT '',
    given_name TEXT NOT NULL DEFAULT '',
    sort_override TEXT NOT NULL DEFAULT '',
    sort_key BLOB NOT NULL,
    name_folded TEXT NOT NULL,
    search_text TEXT NOT NULL,
    other_names TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
    birth_date TEXT,
    birth_year_only INTEGER NOT NULL DEFAULT 0,
    birthplace TEXT NOT NULL DEFAULT '',
    birthplace_old TEXT NOT NULL DEFAULT '',
    hometown TEXT NOT NULL DEFAULT '',
    hometown_old TEXT NOT NULL DEFAULT '',
    residence TEXT NOT NULL DEFAULT '',
    residence_detail TEXT NOT NULL DEFAULT '',
    temporary_residence TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT 'Kinh',
    religion TEXT NOT NULL DEFAULT 'Không',
    religious_role TEXT NOT NULL DEFAULT '',
    cccd TEXT UNIQUE,
    phone TEXT NOT NULL DEFAULT '',
    education_general TEXT NOT NULL DEFAULT '',
    education_exception TEXT NOT NULL DEFAULT '',
    professional_level TEXT NOT NULL DEFAULT '',
    professional_field TEXT NOT NULL DEFAULT '',
    political_theory TEXT NOT NULL DEFAULT '',
    academic_title TEXT NOT NULL DEFAULT '',
    occupation_category TEXT NOT NULL DEFAULT '',
    occupation TEXT NOT NULL DEFAULT '',
    workplace TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    youth_union INTEGER NOT NULL DEFAULT 0,
    youth_union_joined TEXT,
    trade_union INTEGER NOT NULL DEFAULT 0,
    private_business_owner INTEGER NOT NULL DEFAULT 0,
    foreign_marriage INTEGER NOT NULL DEFAULT 0,
    family_planning_violation INTEGER NOT NULL DEFAULT 0,
    readmission INTEGER NOT NULL DEFAULT 0,
    retired INTEGER NOT NULL DEFAULT 0,
    exempt_from_activities INTEGER NOT NULL DEFAULT 0,
    party_card_old TEXT NOT NULL DEFAULT '',
    party_card_new TEXT NOT NULL DEFAULT '',
    lylich_number TEXT NOT NULL DEFAULT '',
    planned_meeting_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    cell_id INTEGER REFERENCES cells(id),
    status TEXT NOT NULL DEFAULT 'source' CHECK (status IN
        ('source', 'candidate', 'probationary', 'official', 'transferred_out', 'removed', 'deceased')),
    stage TEXT NOT NULL DEFAULT 'source',
    admitted_on TEXT,
    ceremony_on TEXT,
    official_on TEXT,
    certificate_on TEXT,
    rule_set_version TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    deleted_reason TEXT NOT NULL DEFAULT ''
);

CREATE INDEX people_sort ON people(deleted_at, sort_key);

CREATE INDEX people_status_sort ON people(status, sort_key);

CREATE INDEX people_cell_sort ON people(cell_id, sort_key);

CREATE INDEX people_name_birth ON people(name_folded, birth_date);

CREATE INDEX people_admitted ON people(admitted_on);

CREATE VIRTUAL TABLE people_fts USING fts5(
    search_text, content='people', content_rowid='id', tokenize='unicode61 remove_diacritics 0'
);

CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_fts(people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;

CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
    INSERT INTO people_fts(people_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO people_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TABLE cell_assignments (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    cell_id INTEGER NOT NULL REFERENCES cells(id),
    from_date TEXT NOT NULL,
    to_date TEXT,
    reason TEXT NOT NULL DEFAULT ''
);

CREATE INDEX cell_assignments_person ON cell_assignments(person_id, from_date);

CREATE INDEX cell_assignments_cell ON cell_assignments(cell_id);

CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}',
    rule_set_version TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_reason TEXT NOT NULL DEFAULT ''
);

CREATE INDEX milestones_person ON milestones(person_id, date);

CREATE INDEX milestones_kind_date ON milestones(kind, date);

CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    member_id INTEGER REFERENCES people(id),
    role TEXT NOT NULL CHECK (role IN ('helper', 'introducer', 'mentor')),
    organisation TEXT NOT NULL DEFAULT '',
    relation TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    together_from TEXT,
    together_to TEXT,
    assigned_on TEXT NOT NULL,
    document_on TEXT,
    ended_on TEXT,
    ended_reason TEXT NOT NULL DEFAULT '',
    replaces_link_id INTEGER REFERENCES links(id),
    notes TEXT NOT NULL DEFAULT '',
    withdrawn_at TEXT,
    withdrawn_reason TEXT NOT NULL DEFAULT ''
);

CREATE INDEX links_person ON links(person_id, role);

CREATE INDEX links_member ON links(member_id);

CREATE TABLE relatives (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    full_name TEXT NOT NULL,
    birth_year INTEGER,
    residence TEXT NOT NULL DEFAULT '',
    occupation TEXT NOT NULL DEFAULT '',
    is_party_member INTEGER NOT NULL DEFAULT 0,
    political_notes TEXT NOT NULL DEFAULT '',
    verify_place TEXT NOT NULL DEFAULT '',
    verify_sent_on TEXT,
    verify_replied_on TEXT,
    verify_result TEXT NOT NULL DEFAULT '',
    political_issue INTEGER NOT NULL DEFAULT 0,
    exempt_reason TEXT NOT NULL DEFAULT ''
);

CREATE INDEX relatives_person ON relatives(person_id);

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('awareness', 'new_member')),
    name TEXT NOT NULL,
    intake TEXT NOT NULL DEFAULT '',
    organiser TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    periods INTEGER NOT NULL DEFAULT 50,
    certificate_issuer TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE course_sessions (
    id INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    date TEXT NOT NULL,
    part TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    UNIQUE (course_id, seq)
);

CREATE TABLE enrolments (
    id INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    cell_id INTEGER REFERENCES cells(id),
    status TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'withdrawn', 'moved')),
    status_reason TEXT NOT NULL DEFAULT '',
    score REAL,
    grade TEXT NOT NULL DEFAULT '',
    certificate_no TEXT NOT NULL DEFAULT '',
    certificate_on TEXT,
    certificate_issuer TEXT NOT NULL DEFAULT '',
    milestone_id INTEGER REFERENCES milestones(id) ON DELETE SET NULL,
    enrolled_at TEXT NOT NULL,
    UNIQUE (course_id, person_id)
);

CREATE INDEX enrolments_person ON enrolments(person_id);

CREATE TABLE attendance (
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
    mark TEXT NOT NULL CHECK (mark IN ('P', 'E', 'U')),
    PRIMARY KEY (enrolment_id, session_id)
);

CREATE TABLE doc_counters (
    issuer TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    term TEXT NOT NULL,
    last_number INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (issuer, doc_type, term)
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    form_code TEXT NOT NULL,
    issuer TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    term TEXT NOT NULL,
    number INTEGER NOT NULL,
    doc_number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    milestone_id INTEGER REFERENCES milestones(id) ON DELETE SET NULL,
    rule_set_version TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (issuer, doc_type, term, number)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'viewer')),
    cell_id INTEGER REFERENCES cells(id),
    password_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    person_id INTEGER,
    summary TEXT NOT NULL DEFAULT '',
    before TEXT,
    after TEXT
);

CREATE INDEX audit_at ON audit(at);

CREATE INDEX audit_person ON audit(person_id, at)
"""


@migrations(name="0002_people_list_covering_index")
def m0002_people_list_covering_index(db: Database) -> None:
    # The lists read the ordered ids of 150,000 people with their filter columns from this
    # index alone, without visiting the wide people rows (a 5× faster list at province scale).
    db.execute(
        "CREATE INDEX people_list ON people(deleted_at, sort_key, status, stage, cell_id, gender, birth_date,"
        " ethnicity, religion, youth_union, admitted_on, official_on)"
    )


@migrations(name="0003_awards_organisations")
def m0003_awards_organisations(db: Database) -> None:
    # Khen thưởng tổ chức đảng (Biểu 7-BTCTW mục I.1): a cell, or the commune committee itself
    # when cell_id is NULL. Withdrawn rows stay, with the reason, like withdrawn milestones.
    db.execute("""
CREATE TABLE org_awards (
    id INTEGER PRIMARY KEY,
    cell_id INTEGER REFERENCES cells(id),
    level TEXT NOT NULL CHECK (level IN ('co', 'bang_khen', 'giay_khen')),
    awarded_on TEXT NOT NULL,
    doc_number TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_reason TEXT NOT NULL DEFAULT ''
)""")
    db.execute("CREATE INDEX org_awards_cell ON org_awards(cell_id, awarded_on)")


# The opinions of the 5-KNĐ / 12-KNĐ under their keys before the step schema, and the body each held.
_OLD_OPINIONS = (
    ("work_org", "work_opinions", "Đoàn thể chính trị - xã hội nơi làm việc"),
    ("residence_cell", "residence_opinions", "Chi ủy nơi cư trú"),
)


@migrations(name="0004_step_schema")
def m0004_step_schema(db: Database) -> None:
    # The opinions steps now keep one entry per organisation consulted (docs/steps.md). The texts
    # kept under the old keys move there whole, each move with its audit row; nothing else is
    # rewritten: steps that no longer fit the schema are listed by `commune-app check`.
    import datetime as dt
    import json

    now = dt.datetime.now().isoformat(timespec="seconds")
    rows = list(
        db.execute(
            "SELECT id, person_id, details FROM milestones WHERE kind IN ('opinions_summary', 'recognition_opinions')"
        ).fetchall()
    )
    for milestone_id, person_id, text in rows:
        details = json.loads(text or "{}")
        if not any(key in details for pair in _OLD_OPINIONS for key in pair[:2]):
            continue
        after = {k: v for k, v in details.items() if k not in {key for pair in _OLD_OPINIONS for key in pair[:2]}}
        moved = [
            {
                "name": details.get(name_key) or body,
                "date": None,
                "consulted": None,
                "agree": None,
                "summary": details.get(text_key) or None,
            }
            for name_key, text_key, body in _OLD_OPINIONS
            if details.get(name_key) or details.get(text_key)
        ]
        after["organisations"] = [*(after.get("organisations") or []), *moved]
        db.execute(
            "UPDATE milestones SET details = ? WHERE id = ?", [json.dumps(after, ensure_ascii=False), milestone_id]
        )
        db.execute(
            "INSERT INTO audit (at, user, action, entity, entity_id, person_id, summary, before, after)"
            " VALUES (?, 'hệ thống', 'update', 'milestone', ?, ?, ?, ?, ?)",
            [
                now,
                milestone_id,
                person_id,
                "Chuyển ý kiến nhận xét sang danh sách tổ chức được lấy ý kiến",
                json.dumps(details, ensure_ascii=False, sort_keys=True),
                json.dumps(after, ensure_ascii=False, sort_keys=True),
            ],
        )


# Columns of the national party-member database's standardisation sheet (docs/spreadsheet-import.md §5).
REGISTRY_PERSON_COLUMNS = (
    "registry_id",
    "registry_class",
    "birth_reg_country",
    "birth_reg_province",
    "birth_reg_detail",
    "hometown_country",
    "hometown_province",
    "hometown_detail",
    "permanent_country",
    "permanent_province",
    "permanent_detail",
    "cmnd_old",
    "party_card_place",
    "activity_status",
)


@migrations(name="0005_person_registry_fields")
def m0005_person_registry_fields(db: Database) -> None:
    # What the standardisation sheet holds and the record lacked: its row ID and classification
    # (kept for reconciliation and export), the two-level addresses (country, province, detail)
    # beside the old unit names already kept, the old CMND, the party card's issue, the activity
    # status with its date, and the database's code of a cell.
    for column in REGISTRY_PERSON_COLUMNS:
        db.execute(f"ALTER TABLE people ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE people ADD COLUMN party_card_date TEXT")
    db.execute("ALTER TABLE people ADD COLUMN left_on TEXT")
    db.execute("ALTER TABLE cells ADD COLUMN registry_code TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX people_registry_id ON people(registry_id) WHERE registry_id <> ''")
    # Digits of the CCCD, phone, party cards and old CMND: a fragment typed in the search is
    # looked for inside them (LIKE over this small index, not over the wide rows).
    db.execute("ALTER TABLE people ADD COLUMN search_digits TEXT NOT NULL DEFAULT ''")
    _rekey_names(db)
    db.execute("CREATE INDEX people_digits ON people(search_digits)")


# Names whose sort key changed with 0005: punctuation and digits take ICU's places, 'Ð' reads as
# 'Đ', and an override also sets the given, family and middle names.
_REKEYED = re.compile("[0-9'’\\-‐–_,.\u00d0\u00f0]")


def _rekey_names(db: Database) -> None:
    from commune_app import vn
    from commune_app.domain.person import name_columns, search_digits

    for cell_id, name in db.execute("SELECT id, name FROM cells").fetchall():
        db.execute(
            "UPDATE cells SET sort_key = ?, name_folded = ? WHERE id = ?",
            [vn.collation_key(name), vn.fold(name), cell_id],
        )
    rows = db.execute(
        "SELECT id, full_name, sort_override, cccd, phone, party_card_new, party_card_old FROM people"
    ).fetchall()
    for person_id, full_name, override, cccd, phone, card_new, card_old in rows:
        digits = search_digits({"cccd": cccd, "phone": phone, "party_card_new": card_new, "party_card_old": card_old})
        if digits:
            db.execute("UPDATE people SET search_digits = ? WHERE id = ?", [digits, person_id])
        if override or _REKEYED.search(full_name):
            columns = name_columns(full_name, override, cccd, phone)
            db.execute(
                "UPDATE people SET sort_key = ?, family_name = ?, middle_name = ?, given_name = ? WHERE id = ?",
                [columns["sort_key"], columns["family_name"], columns["middle_name"], columns["given_name"], person_id],
            )


@migrations(name="0008_reports")
def m0008_reports(db: Database) -> None:
    # Biểu 2-BTCTW III "Không còn quần chúng": the clerk marks, year by year, an organisation whose
    # unit has no one left outside the party (docs/reports.md); kept per year so that last year's
    # column reads last year's marks.
    db.execute("ALTER TABLE cell_targets ADD COLUMN no_masses INTEGER NOT NULL DEFAULT 0 CHECK (no_masses IN (0, 1))")


@migrations(name="0006_document_papers")
def m0006_document_papers(db: Database) -> None:
    # Where each paper of a dossier is kept (docs/forms.md): one row per paper of the checklist
    # the clerk has answered for; a paper with no row is "chưa có".
    db.execute("""
        CREATE TABLE document_papers (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id),
            paper_key TEXT NOT NULL,
            present INTEGER NOT NULL DEFAULT 0 CHECK (present IN (0, 1)),
            location TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            UNIQUE (person_id, paper_key)
        )""")
