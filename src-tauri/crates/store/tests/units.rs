//! Units as a tree, on a real SQLite file: the migration from free-text parents, the API.

use nianbao_report::{sample_report, Report, Unit, UnitKind, Value};
use nianbao_store::{Store, StoreError, UnitNode};
use std::path::Path;

/// The schema of version 1, as the program of that version created it.
const SCHEMA_V1: &str = "CREATE TABLE report (
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
    ) STRICT;";

/// (unit, year, kind, free-text parent, 本年新收 of 自然人)
const V1_REPORTS: &[(&str, u16, &str, Option<&str>, i64)] = &[
    (
        "某县人民政府",
        2021,
        "county_government",
        Some("某市人民政府"),
        5,
    ),
    (
        "某县人民政府",
        2022,
        "county_government",
        Some("某市人民政府"),
        6,
    ),
    ("县教育局", 2021, "department", Some("某县人民政府"), 3),
    ("县教育局", 2022, "department", Some("某县人民政府"), 4),
    (
        "城关镇人民政府",
        2022,
        "township",
        Some(" 某县人民政府 "),
        2,
    ),
    // Moved: its latest report names the county.
    ("县档案馆", 2021, "other", Some("县教育局"), 1),
    ("县档案馆", 2022, "other", Some("某县人民政府"), 1),
    ("县税务局", 2022, "department", Some("某县人民政府"), 9),
    ("无上级单位", 2022, "other", None, 0),
    ("空白上级", 2022, "other", Some("  "), 0),
    // Two units naming each other: the cycle is cut.
    ("甲中心", 2022, "other", Some("乙中心"), 0),
    ("乙中心", 2022, "other", Some("甲中心"), 0),
];

fn v1_store(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", nianbao_store::APPLICATION_ID)
        .unwrap();
    conn.execute_batch(SCHEMA_V1).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    for &(unit, year, kind, parent, received) in V1_REPORTS {
        let edition = if year <= 2020 { "2019" } else { "2021" };
        conn.execute(
            "INSERT INTO report (unit_name, year, edition, unit_kind, unit_parent, unit_address,
                 unit_postcode, unit_phone, title, opening, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '', '', '', ?6, '', '2023-01-05T08:00:00.000Z')",
            rusqlite::params![
                unit,
                year,
                edition,
                kind,
                parent,
                format!("{unit}{year}年报告")
            ],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO paragraph (report_id, section, position, text)
             VALUES (?1, 'overview', 0, ?2)",
            rusqlite::params![id, format!("{unit}的总体情况")],
        )
        .unwrap();
        for (key, value) in [
            ("applications.received.natural", received),
            ("applications.received.total", received),
        ] {
            conn.execute(
                "INSERT INTO figure (report_id, key, value) VALUES (?1, ?2, ?3)",
                rusqlite::params![id, key, value],
            )
            .unwrap();
        }
    }
}

fn node(name: &str, kind: UnitKind, parent: Option<&str>, vertical: bool) -> UnitNode {
    UnitNode {
        name: name.into(),
        kind,
        parent: parent.map(Into::into),
        vertical,
    }
}

#[test]
fn migration_turns_free_text_parents_into_a_tree_and_keeps_every_report() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("old.db");
    v1_store(&path);
    let store = Store::open(&path).unwrap();
    assert!(d.path().join("old.before-v2.bak").exists());
    let all = store.load_all().unwrap();
    assert_eq!(all.len(), V1_REPORTS.len());
    for &(unit, year, _, parent, received) in V1_REPORTS {
        let r = store.load(unit, year).unwrap().unwrap();
        assert_eq!(r.unit.parent.as_deref(), parent, "reports keep their text");
        assert_eq!(
            r.figures.count("applications.received.natural"),
            received as u64
        );
        assert_eq!(
            r.section(nianbao_report::SectionKey::Overview)
                .paragraphs
                .len(),
            1
        );
    }
    let units = store.units().unwrap();
    let get = |name: &str| units.iter().find(|u| u.name == name).unwrap().clone();
    assert_eq!(units.len(), 10, "{units:#?}");
    assert_eq!(
        get("某市人民政府"),
        node("某市人民政府", UnitKind::CountyGovernment, None, false)
    );
    assert_eq!(
        get("某县人民政府"),
        node(
            "某县人民政府",
            UnitKind::CountyGovernment,
            Some("某市人民政府"),
            false
        )
    );
    assert_eq!(
        get("城关镇人民政府").parent.as_deref(),
        Some("某县人民政府")
    );
    assert_eq!(get("城关镇人民政府").kind, UnitKind::Township);
    assert_eq!(get("县档案馆").parent.as_deref(), Some("某县人民政府"));
    assert_eq!(get("无上级单位").parent, None);
    assert_eq!(get("空白上级").parent, None);
    assert_eq!(get("甲中心").parent, None);
    assert_eq!(get("乙中心").parent, None);
    assert!(units.iter().all(|u| !u.vertical));
}

#[test]
fn units_are_added_and_updated_and_the_tree_stays_a_tree() {
    let d = tempfile::tempdir().unwrap();
    let mut store = Store::open(d.path().join("s.db")).unwrap();
    let county = node("某县人民政府", UnitKind::CountyGovernment, None, false);
    store.add_unit(&county).unwrap();
    let tax = node("县税务局", UnitKind::Department, Some("某县人民政府"), true);
    store.add_unit(&tax).unwrap();
    let town = node("城关镇", UnitKind::Township, Some("某县人民政府"), false);
    store.add_unit(&town).unwrap();
    assert_eq!(store.unit("县税务局").unwrap(), Some(tax.clone()));
    assert!(matches!(
        store.add_unit(&county),
        Err(StoreError::UnitExists { .. })
    ));
    assert!(matches!(
        store.add_unit(&node("某村", UnitKind::Other, Some("不存在"), false)),
        Err(StoreError::ParentNotFound { .. })
    ));
    assert!(matches!(
        store.add_unit(&node(" ", UnitKind::Other, None, false)),
        Err(StoreError::EmptyUnitName)
    ));
    // The county under its own township: refused, nothing changes.
    let err = store
        .update_unit(&node(
            "某县人民政府",
            UnitKind::CountyGovernment,
            Some("城关镇"),
            false,
        ))
        .unwrap_err();
    assert!(matches!(err, StoreError::UnitCycle { .. }), "{err}");
    assert!(err.to_string().contains("城关镇"), "{err}");
    assert_eq!(store.unit("某县人民政府").unwrap(), Some(county));
    let moved = node("县税务局", UnitKind::Department, Some("城关镇"), false);
    store.update_unit(&moved).unwrap();
    assert_eq!(store.unit("县税务局").unwrap(), Some(moved));
    assert!(matches!(
        store.update_unit(&node("没有", UnitKind::Other, None, false)),
        Err(StoreError::UnitNotFound { .. })
    ));
}

#[test]
fn saving_a_report_puts_its_unit_in_the_tree_once() {
    let d = tempfile::tempdir().unwrap();
    let mut store = Store::open(d.path().join("s.db")).unwrap();
    let unit = Unit {
        name: "县教育局".into(),
        kind: UnitKind::Department,
        parent: Some("某县人民政府".into()),
        ..sample_report().unit
    };
    let mut r = Report::blank(unit, 2021);
    store.save(&r).unwrap();
    assert_eq!(
        store.units().unwrap(),
        [
            node(
                "县教育局",
                UnitKind::Department,
                Some("某县人民政府"),
                false
            ),
            node("某县人民政府", UnitKind::CountyGovernment, None, false),
        ]
    );
    // The tree, once there, is the clerk's: a report naming another parent does not move it.
    store
        .update_unit(&node("县教育局", UnitKind::Department, None, true))
        .unwrap();
    r.unit.parent = Some("别的县人民政府".into());
    r.set_figure("applications.received.natural", Value::Count(1))
        .unwrap();
    store.save(&r).unwrap();
    assert_eq!(
        store.unit("县教育局").unwrap(),
        Some(node("县教育局", UnitKind::Department, None, true))
    );
    assert_eq!(store.units().unwrap().len(), 2);
}
