//! Restoring a store from a backup, on real files.

use nianbao_report::{sample_report, Report, Unit};
use nianbao_store::{Store, StoreError};
use std::path::Path;

fn other_report() -> Report {
    let unit = Unit {
        name: "县教育局".into(),
        ..sample_report().unit
    };
    Report::blank(unit, 2021)
}

/// The store's bytes with no connection open (so the WAL is folded in).
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn restoring_backs_up_the_current_store_then_replaces_it() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("nianbao.db");
    let backup = d.path().join("u盘备份.db");
    let mut store = Store::open(&path).unwrap();
    store.save(&sample_report()).unwrap();
    store.backup(&backup).unwrap();
    let backup_bytes = bytes(&backup);
    store.save(&other_report()).unwrap();
    assert_eq!(store.load_all().unwrap().len(), 2);

    let taken = store.restore(&backup).unwrap();
    assert_eq!(taken, d.path().join("nianbao.before-restore.bak"));
    let now = store.load_all().unwrap();
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].0, sample_report());
    assert_eq!(store.units().unwrap().len(), 1);
    assert_eq!(
        bytes(&backup),
        backup_bytes,
        "the backup itself is untouched"
    );
    drop(store);
    // The store before restoring is in the backup taken, and the store works on reopening.
    assert_eq!(Store::open(&taken).unwrap().load_all().unwrap().len(), 2);
    let mut store = Store::open(&path).unwrap();
    store.save(&other_report()).unwrap();
    assert_eq!(store.load_all().unwrap().len(), 2);
    // Nothing of the work files is left beside the store.
    let mut names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["nianbao.before-restore.bak", "nianbao.db", "u盘备份.db"]
    );
}

#[test]
fn a_file_that_is_no_store_or_is_newer_or_damaged_is_refused_and_nothing_changes() {
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("nianbao.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.save(&sample_report()).unwrap();
    }
    let before = bytes(&path);

    let text = d.path().join("说明.txt");
    std::fs::write(&text, "这不是数据文件".repeat(20)).unwrap();
    let foreign = d.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = d.path().join("newer.db");
    {
        Store::open(&newer).unwrap();
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let damaged = d.path().join("damaged.db");
    {
        let mut s = Store::open(&damaged).unwrap();
        s.save(&sample_report()).unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&damaged).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut b = bytes(&damaged);
    let len = b.len();
    for byte in &mut b[len / 2..] {
        *byte = 0x5a;
    }
    std::fs::write(&damaged, b).unwrap();
    let missing = d.path().join("没有这个文件.db");

    let mut store = Store::open(&path).unwrap();
    let refusals = [
        (text, "NotAStore"),
        (foreign, "NotAStore"),
        (newer, "TooNew"),
        (damaged, "Damaged"),
        (missing, "Io"),
    ];
    for (file, want) in &refusals {
        let err = store.restore(file).unwrap_err();
        let got = match err {
            StoreError::NotAStore { .. } => "NotAStore",
            StoreError::TooNew { found: 99, .. } => "TooNew",
            StoreError::Damaged { .. } => "Damaged",
            StoreError::Io { .. } => "Io",
            ref e => panic!("{e}"),
        };
        assert_eq!(&got, want, "{}: {err}", file.display());
        assert!(err.to_string().contains(&*file.to_string_lossy()), "{err}");
        assert_eq!(store.load_all().unwrap().len(), 1);
    }
    drop(store);
    assert_eq!(bytes(&path), before, "the store's bytes are unchanged");
    assert!(!d.path().join("nianbao.before-restore.bak").exists());
    let leftovers = std::fs::read_dir(d.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("restoring")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_backup_from_an_older_program_is_brought_up_to_date_after_restoring() {
    let d = tempfile::tempdir().unwrap();
    let old = d.path().join("old.db");
    {
        // A nianbao store of schema version 0 that holds something.
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.pragma_update(None, "application_id", nianbao_store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch("CREATE TABLE note (x TEXT); INSERT INTO note VALUES ('kept');")
            .unwrap();
    }
    let path = d.path().join("nianbao.db");
    let mut store = Store::open(&path).unwrap();
    store.save(&sample_report()).unwrap();
    store.restore(&old).unwrap();
    assert!(store.is_empty().unwrap());
    assert!(store.units().unwrap().is_empty());
    store.save(&other_report()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kept: String = conn
        .query_row("SELECT x FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "kept");
    assert!(d.path().join("nianbao.before-v1.bak").exists());
}
