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
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
