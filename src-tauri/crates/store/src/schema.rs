//! The store's schema, one migration per version. `PRAGMA user_version` holds the version;
//! `PRAGMA application_id` marks the file as a nianbao store.

/// “NBAO” — tells a nianbao store from any other SQLite file.
pub const APPLICATION_ID: i32 = 0x4E42_414F;

/// Migration N (1-based) takes a store from version N-1 to N. Append only; never edit one.
pub const MIGRATIONS: &[&str] = &[
    // 1: reports, their paragraphs and figures.
    "CREATE TABLE report (
        id INTEGER PRIMARY KEY,
        unit_name TEXT NOT NULL,
        year INTEGER NOT NULL,
        edition TEXT NOT NULL CHECK (edition IN ('2019', '2021')),
        unit_kind TEXT NOT NULL,
        unit_parent TEXT,
        unit_address TEXT NOT NULL,
        unit_postcode TEXT NOT NULL,
        unit_phone TEXT NOT NULL,
        title TEXT NOT NULL,
        opening TEXT NOT NULL,
        sign_off_name TEXT,
        sign_off_date TEXT,
        updated_at TEXT NOT NULL,
        UNIQUE (unit_name, year)
    ) STRICT;
    CREATE TABLE paragraph (
        report_id INTEGER NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        section TEXT NOT NULL,
        position INTEGER NOT NULL,
        level TEXT,
        heading TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (report_id, section, position)
    ) STRICT;
    CREATE TABLE figure (
        report_id INTEGER NOT NULL REFERENCES report (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (report_id, key)
    ) STRICT;",
    // 2: units as a tree. Every unit with a report, and every free-text parent, becomes a unit;
    // a unit's parent is the one its latest report names; a cycle of names is cut (its units
    // become roots). Reports keep their text.
    "CREATE TABLE unit (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        parent_id INTEGER REFERENCES unit (id),
        vertical INTEGER NOT NULL DEFAULT 0 CHECK (vertical IN (0, 1))
    ) STRICT;
    CREATE INDEX unit_parent ON unit (parent_id);
    INSERT INTO unit (name, kind)
        SELECT unit_name, unit_kind FROM report r
        WHERE year = (SELECT max(year) FROM report WHERE unit_name = r.unit_name);
    INSERT INTO unit (name, kind)
        SELECT DISTINCT trim(unit_parent),
            CASE WHEN trim(unit_parent) LIKE '%县人民政府' OR trim(unit_parent) LIKE '%区人民政府'
                    OR trim(unit_parent) LIKE '%市人民政府'
                THEN 'county_government' ELSE 'other' END
        FROM report
        WHERE trim(coalesce(unit_parent, '')) <> ''
            AND trim(unit_parent) NOT IN (SELECT name FROM unit);
    UPDATE unit SET parent_id = (
        SELECT p.id FROM report r JOIN unit p ON p.name = trim(r.unit_parent)
        WHERE r.unit_name = unit.name AND p.id <> unit.id
        ORDER BY r.year DESC LIMIT 1);
    UPDATE unit SET parent_id = NULL WHERE id IN (
        WITH RECURSIVE up (start, id, depth) AS (
            SELECT id, parent_id, 1 FROM unit WHERE parent_id IS NOT NULL
            UNION ALL
            SELECT up.start, u.parent_id, up.depth + 1 FROM up JOIN unit u ON u.id = up.id
            WHERE u.parent_id IS NOT NULL AND up.start <> up.id
                AND up.depth <= (SELECT count(*) FROM unit))
        SELECT start FROM up WHERE id = start);",
    // 3: the office's settings (font choices, when the store was last backed up), and the
    // files the county received: which file brought a unit's report for a year, when the unit
    // made it and when it came.
    "CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE receipt (
        unit_name TEXT NOT NULL,
        year INTEGER NOT NULL,
        file_name TEXT NOT NULL,
        made_at TEXT,
        received_at TEXT NOT NULL,
        PRIMARY KEY (unit_name, year)
    ) STRICT;",
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
