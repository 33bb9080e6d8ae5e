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

/// A unit's 报送 file, stamped as made at `sent_at`.
fn send(dir: &Path, r: &Report, file: &str, sent_at: &str) -> PathBuf {
    let p = dir.join(file);
    std::fs::write(&p, nianbao_report::write_sent_report(r, sent_at)).unwrap();
    p
}

#[test]
fn collecting_a_county_s_files_gives_an_outcome_per_file_and_the_right_sum() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let db = dir.join("n.db");
    let o = cli(
        &[
            "units",
            "add",
            "--db",
            "n.db",
            "--name",
            COUNTY,
            "--kind",
            "county_government",
        ],
        dir,
    );
    assert!(o.status.success(), "{}", text(&o));
    let mut dice = Dice(2023);
    let mut summed: Vec<Report> = (0..30)
        .map(|i| {
            unit_report(
                &format!("第{i}乡人民政府"),
                UnitKind::Township,
                2022,
                &mut dice,
            )
        })
        .collect();
    let mut files: Vec<PathBuf> = summed
        .iter()
        .map(|r| {
            send(
                dir,
                r,
                &format!("{}2022.nianbao.json", r.unit.name),
                "2023-01-10T02:00:00Z",
            )
        })
        .collect();
    // A duplicate: the same unit sent twice; the newer file wins, whatever the order.
    let mut newer = summed[5].clone();
    newer
        .set_figure("proactive.regulations.issued", Value::Count(77))
        .unwrap();
    newer.fill_totals();
    files.insert(
        0,
        send(
            dir,
            &newer,
            "第5乡（改正后）.nianbao.json",
            "2023-01-12T02:00:00Z",
        ),
    );
    summed[5] = newer.clone();
    let tax = unit_report("县税务局", UnitKind::Department, 2022, &mut dice);
    let mut old_form = unit_report("老格式乡人民政府", UnitKind::Township, 2022, &mut dice);
    old_form.change_edition(Edition::E2019);
    let wrong_year = unit_report("第0乡人民政府", UnitKind::Township, 2021, &mut dice);
    let mut other_county = unit_report("外县某镇人民政府", UnitKind::Township, 2022, &mut dice);
    other_county.unit.parent = Some("外县人民政府".into());
    files.extend([
        send(
            dir,
            &tax,
            "县税务局2022.nianbao.json",
            "2023-01-10T02:00:00Z",
        ),
        send(
            dir,
            &old_form,
            "老格式乡2022.nianbao.json",
            "2023-01-10T02:00:00Z",
        ),
        send(
            dir,
            &wrong_year,
            "第0乡2021.nianbao.json",
            "2022-01-10T02:00:00Z",
        ),
        send(
            dir,
            &other_county,
            "外县某镇2022.nianbao.json",
            "2023-01-10T02:00:00Z",
        ),
    ]);
    let sound = std::fs::read_to_string(&files[1]).unwrap();
    let hostile = [
        (
            "坏文件.nianbao.json",
            sound.as_bytes()[..sound.len() / 2].to_vec(),
            "文件不完整",
        ),
        (
            "嵌套.nianbao.json",
            format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
            "嵌套过深",
        ),
        (
            "控制字符.nianbao.json",
            sound
                .replacen("\"title\": \"", "\"title\": \"\\u001b[2J", 1)
                .into_bytes(),
            "控制字符",
        ),
        (
            "编码.nianbao.json",
            // 第 in GBK, as a Windows program might save it.
            sound
                .replacen("\"title\": \"", "\"title\": \"\u{1}\u{2}", 1)
                .bytes()
                .map(|b| match b {
                    1 => 0xB5,
                    2 => 0xDA,
                    b => b,
                })
                .collect(),
            "UTF-8",
        ),
    ];
    for (name, bytes, _) in &hostile {
        std::fs::write(dir.join(name), bytes).unwrap();
        files.push(dir.join(name));
    }
    let huge = dir.join("巨大.nianbao.json");
    std::fs::write(&huge, vec![b' '; 17 * 1024 * 1024]).unwrap();
    files.push(huge);

    let mut args = vec![
        "import", "--db", "n.db", "--county", COUNTY, "--year", "2022",
    ];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    // Units not in the tree wait for the clerk; nothing is imported without the choice.
    let before = std::fs::read(&db).unwrap();
    let o = cli(&args, dir);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("待确认：第7乡人民政府 2022年"), "{out}");
    assert!(
        out.contains("加 --add-units 把它添加到“某某县人民政府”下并导入"),
        "{out}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing imported yet");

    args.push("--add-units");
    let o = cli(&args, dir);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    for (i, r) in summed.iter().enumerate() {
        let line = format!("新增：{} 2022年", r.unit.name);
        assert!(out.contains(&line), "{i}: {out}");
    }
    assert!(out.contains("（已添加到“某某县人民政府”下）"), "{out}");
    assert!(
        out.contains("未导入：第5乡人民政府 2022年 ← ")
            && out.contains("已采用较新的“第5乡（改正后）.nianbao.json”"),
        "{out}"
    );
    assert!(
        out.contains("是2021年的报告，正在收集的是2022年的报告"),
        "{out}"
    );
    assert!(
        out.contains(
            "是“外县人民政府”下属单位“外县某镇人民政府”的报告，不是“某某县人民政府”的单位"
        ),
        "{out}"
    );
    for (name, _, reason) in &hostile {
        let line = out.lines().find(|l| l.contains(name)).unwrap_or_default();
        assert!(
            line.starts_with("未导入") && line.contains(reason),
            "{name}: {line}\n{out}"
        );
    }
    assert!(out.contains("巨大.nianbao.json：文件过大"), "{out}");

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
            "aggregate",
            "--db",
            "n.db",
            "--parent",
            COUNTY,
            "--year",
            "2022",
            "--out",
            "sum.json",
        ],
        dir,
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("已汇总30个单位"), "{out}");
    let sum = read_report(&std::fs::read(dir.join("sum.json")).unwrap()).unwrap();
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

    // Refused files, again, leave the store's bytes as they were.
    let before = std::fs::read(&db).unwrap();
    let older = files[6].clone(); // 第5乡's older file
    let mut refused = vec![
        "import",
        "--db",
        "n.db",
        "--county",
        COUNTY,
        "--year",
        "2022",
        older.to_str().unwrap(),
    ];
    refused.extend(files[files.len() - 5..].iter().map(|p| p.to_str().unwrap()));
    let o = cli(&refused, dir);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("比已收到的“第5乡（改正后）.nianbao.json”（2023年1月12日 10:00制作）旧"),
        "{out}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // The county edits a unit's report after the unit made its file: the file waits for the
    // clerk, cell by cell, and --replace takes it.
    let mut edited = summed[8].clone();
    edited
        .set_figure("proactive.regulations.issued", Value::Count(500))
        .unwrap();
    edited.fill_totals();
    let hand = dir.join("手工改.json");
    std::fs::write(&hand, write_report(&edited)).unwrap();
    let o = cli(&["import", "--db", "n.db", hand.to_str().unwrap()], dir);
    assert!(o.status.success(), "{}", text(&o));
    let before = std::fs::read(&db).unwrap();
    let o = cli(&["import", "--db", "n.db", files[9].to_str().unwrap()], dir);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("待确认：第8乡人民政府 2022年"), "{out}");
    assert!(out.contains("库中的报告在文件制作之后改过，有"), "{out}");
    assert!(out.contains("表二"), "{out}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    let o = cli(
        &[
            "import",
            "--db",
            "n.db",
            "--replace",
            files[9].to_str().unwrap(),
        ],
        dir,
    );
    assert!(
        text(&o).starts_with("已更新：第8乡人民政府 2022年"),
        "{}",
        text(&o)
    );
}
