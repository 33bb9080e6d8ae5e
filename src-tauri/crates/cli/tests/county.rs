//! The county's work with the CLI: units, the summary of many units' files, restoring a backup.

use nianbao_report::edition::{self, TableId, APPLICATION_ADDEND_COLUMNS};
use nianbao_report::{read_report, write_report, Edition, Money, Report, Unit, UnitKind, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao-cli"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const COUNTY: &str = "某某县人民政府";

/// A tiny deterministic generator, so the county is the same every run.
struct Dice(u64);
impl Dice {
    fn roll(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// A unit's report with random figures that keep every hard rule.
fn unit_report(name: &str, kind: UnitKind, year: u16, dice: &mut Dice) -> Report {
    let unit = Unit {
        name: name.into(),
        kind,
        parent: Some(COUNTY.into()),
        address: "某某县人民路1号".into(),
        postcode: "231300".into(),
        phone: "0564-1234567".into(),
    };
    let mut r = Report::blank(unit, year);
    for spec in edition::cells(r.edition).iter().filter(|s| !s.is_total()) {
        if spec.table == TableId::Applications
            && matches!(spec.row, "received" | "carried_in" | "carried_out")
        {
            continue;
        }
        let value = match spec.kind {
            edition::ValueKind::Count => Value::Count(dice.roll(30)),
            edition::ValueKind::Change => Value::Change(dice.roll(21) as i64 - 10),
            edition::ValueKind::Money => Value::Money(Money(dice.roll(100_000_000_000))),
        };
        r.set_figure(&spec.key, value).unwrap();
    }
    r.fill_totals();
    for c in APPLICATION_ADDEND_COLUMNS {
        let handled = r.figures.count(&format!("applications.handled_total.{c}"));
        let carried_out = dice.roll(4);
        let carried_in = dice.roll(handled + carried_out + 1);
        for (row, n) in [
            ("carried_out", carried_out),
            ("carried_in", carried_in),
            ("received", handled + carried_out - carried_in),
        ] {
            r.set_figure(&format!("applications.{row}.{c}"), Value::Count(n))
                .unwrap();
        }
    }
    r.fill_totals();
    r
}

fn write(dir: &Path, r: &Report) -> PathBuf {
    let p = dir.join(format!("{}{}.nianbao.json", r.unit.name, r.year));
    std::fs::write(&p, write_report(r)).unwrap();
    p
}

#[test]
fn a_county_of_thirty_two_units_is_summed_cell_by_cell() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let mut dice = Dice(2022);
    let mut summed = vec![unit_report(
        COUNTY,
        UnitKind::CountyGovernment,
        2022,
        &mut dice,
    )];
    for i in 0..18 {
        summed.push(unit_report(
            &format!("县第{i}局"),
            UnitKind::Department,
            2022,
            &mut dice,
        ));
    }
    for i in 0..11 {
        summed.push(unit_report(
            &format!("第{i}镇人民政府"),
            UnitKind::Township,
            2022,
            &mut dice,
        ));
    }
    let tax = unit_report("县税务局", UnitKind::Department, 2022, &mut dice);
    let mut old_form = unit_report("老格式乡人民政府", UnitKind::Township, 2022, &mut dice);
    old_form.change_edition(Edition::E2019);
    let last_year = unit_report("县第0局", UnitKind::Department, 2021, &mut dice);
    let mut files: Vec<PathBuf> = summed.iter().map(|r| write(dir, r)).collect();
    files.extend([
        write(dir, &tax),
        write(dir, &old_form),
        write(dir, &last_year),
    ]);
    let mut args = vec!["import", "--db", "n.db"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let o = cli(&args, dir);
    assert!(o.status.success(), "{}", text(&o));

    let o = cli(
        &[
            "units",
            "set",
            "--db",
            "n.db",
            "--name",
            "县税务局",
            "--vertical",
            "true",
        ],
        dir,
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = cli(
        &[
            "units",
            "add",
            "--db",
            "n.db",
            "--name",
            "第99镇人民政府",
            "--kind",
            "township",
            "--parent",
            COUNTY,
        ],
        dir,
    );
    assert!(o.status.success(), "{}", text(&o));
    let o = cli(&["units", "--db", "n.db"], dir);
    let tree = text(&o);
    assert!(
        tree.starts_with(&format!(
            "{COUNTY}\t县（区）人民政府\n  县税务局\t政府部门\t垂直管理\n  县第0局\t政府部门\n"
        )),
        "{tree}"
    );
    assert_eq!(tree.lines().count(), 33, "{tree}");

    let args = [
        "aggregate",
        "--db",
        "n.db",
        "--parent",
        COUNTY,
        "--year",
        "2022",
        "--out",
        "sum.json",
    ];
    let o = cli(&args, dir);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("已汇总30个单位的2022年报告（2021年版格式）"),
        "{out}"
    );
    assert!(
        out.contains("未计入：“老格式乡人民政府”2022年的报告使用2019年版格式"),
        "{out}"
    );
    assert!(out.contains("垂直管理，不计入：县税务局"), "{out}");
    assert!(out.contains("尚未报送：第99镇人民政府"), "{out}");

    let sum = read_report(&std::fs::read(dir.join("sum.json")).unwrap()).unwrap();
    assert_eq!(sum.unit.name, format!("{COUNTY}（汇总）"));
    assert_eq!(
        sum.title,
        format!("{COUNTY}2022年政府信息公开工作年度报告汇总表")
    );
    assert_eq!(sum.edition, Edition::E2021);
    for spec in edition::cells(Edition::E2021) {
        let expected: i64 = summed
            .iter()
            .map(|r| r.figures.get(&spec.key).unwrap().as_i64())
            .sum();
        assert_eq!(
            sum.figures.get(&spec.key).unwrap().as_i64(),
            expected,
            "{}",
            spec.key
        );
    }

    // One unit's report breaks a hard rule: it is named, and the exit code says so.
    let mut broken = summed[3].clone();
    broken
        .set_figure("appeals.review.total", Value::Count(999))
        .unwrap();
    let file = write(dir, &broken);
    let o = cli(&["import", "--db", "n.db", file.to_str().unwrap()], dir);
    assert!(o.status.success(), "{}", text(&o));
    let o = cli(&args, dir);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("“县第2局”的报告有1处硬性错误"), "{out}");
    assert!(out.contains("[错误] 规则4：表四“行政复议”"), "{out}");

    // The county-wide report checked against the sum (rule 11).
    let o = cli(&[&args[..], &["--county-wide"]].concat(), dir);
    let out = text(&o);
    assert!(out.contains("已汇总29个单位"), "{out}");
    assert!(out.contains("[提醒] 汇总 规则11：表二"), "{out}");

    for (args, message) in [
        (
            vec![
                "aggregate",
                "--db",
                "n.db",
                "--parent",
                "没有的县",
                "--year",
                "2022",
                "--out",
                "x.json",
            ],
            "没有找到单位“没有的县”",
        ),
        (
            vec![
                "aggregate",
                "--db",
                "none.db",
                "--parent",
                COUNTY,
                "--year",
                "2022",
                "--out",
                "x.json",
            ],
            "文件不存在",
        ),
        (
            vec![
                "aggregate",
                "--db",
                "n.db",
                "--parent",
                COUNTY,
                "--year",
                "2030",
                "--out",
                "x.json",
            ],
            "没有2030年的报告可以汇总",
        ),
    ] {
        let o = cli(&args, dir);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(text(&o).contains(message), "{}", text(&o));
    }
    assert!(!dir.join("x.json").exists());
}

#[test]
fn restore_backs_up_first_and_refuses_what_is_no_store() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let mut dice = Dice(7);
    let a = write(
        dir,
        &unit_report("甲局", UnitKind::Department, 2022, &mut dice),
    );
    let b = write(
        dir,
        &unit_report("乙局", UnitKind::Department, 2022, &mut dice),
    );
    assert!(cli(&["import", "--db", "n.db", a.to_str().unwrap()], dir)
        .status
        .success());
    assert!(cli(&["backup", "--db", "n.db", "--out", "b.db"], dir)
        .status
        .success());
    assert!(cli(&["import", "--db", "n.db", b.to_str().unwrap()], dir)
        .status
        .success());

    let before = std::fs::read(dir.join("n.db")).unwrap();
    for file in [a.to_str().unwrap(), "没有.db"] {
        let o = cli(&["restore", "--db", "n.db", "--from", file], dir);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert_eq!(std::fs::read(dir.join("n.db")).unwrap(), before);
    }
    assert!(!dir.join("n.before-restore.bak").exists());

    let o = cli(&["restore", "--db", "n.db", "--from", "b.db"], dir);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("已把原数据备份到：n.before-restore.bak"),
        "{}",
        text(&o)
    );
    let list = text(&cli(&["list", "--db", "n.db"], dir));
    assert!(list.contains("甲局") && !list.contains("乙局"), "{list}");
    let kept = text(&cli(&["list", "--db", "n.before-restore.bak"], dir));
    assert!(kept.contains("甲局") && kept.contains("乙局"), "{kept}");
}
