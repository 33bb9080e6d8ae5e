//! The report: unit, year, edition, prose and figures.

use crate::edition::{self, CellSpec, Edition, TableId};
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What kind of body publishes the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 县（区）人民政府
    CountyGovernment,
    /// 县直部门
    Department,
    /// 乡镇人民政府、街道办事处
    Township,
    Other,
}

impl UnitKind {
    pub const ALL: [UnitKind; 4] = [
        UnitKind::CountyGovernment,
        UnitKind::Department,
        UnitKind::Township,
        UnitKind::Other,
    ];
    pub fn key(self) -> &'static str {
        match self {
            UnitKind::CountyGovernment => "county_government",
            UnitKind::Department => "department",
            UnitKind::Township => "township",
            UnitKind::Other => "other",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::CountyGovernment => "县（区）人民政府",
            UnitKind::Department => "政府部门",
            UnitKind::Township => "乡镇（街道）",
            UnitKind::Other => "其他",
        }
    }
    pub fn from_key(key: &str) -> Option<UnitKind> {
        UnitKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The body that publishes the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Full name, e.g. 舒城县人民政府.
    pub name: String,
    pub kind: UnitKind,
    /// The unit it reports to (a township's county), if any.
    pub parent: Option<String>,
    pub address: String,
    pub postcode: String,
    pub phone: String,
}

/// The six sections, in order. Their headings are fixed by the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SectionKey {
    Overview,
    Proactive,
    Applications,
    Appeals,
    Problems,
    Other,
}

impl SectionKey {
    pub const ALL: [SectionKey; 6] = [
        SectionKey::Overview,
        SectionKey::Proactive,
        SectionKey::Applications,
        SectionKey::Appeals,
        SectionKey::Problems,
        SectionKey::Other,
    ];
    pub fn key(self) -> &'static str {
        match self {
            SectionKey::Overview => "overview",
            SectionKey::Proactive => "proactive",
            SectionKey::Applications => "applications",
            SectionKey::Appeals => "appeals",
            SectionKey::Problems => "problems",
            SectionKey::Other => "other",
        }
    }
    pub fn from_key(key: &str) -> Option<SectionKey> {
        SectionKey::ALL.into_iter().find(|s| s.key() == key)
    }
    /// The heading as printed, e.g. 一、总体情况.
    pub fn heading(self) -> &'static str {
        match self {
            SectionKey::Overview => "一、总体情况",
            SectionKey::Proactive => "二、主动公开政府信息情况",
            SectionKey::Applications => "三、收到和处理政府信息公开申请情况",
            SectionKey::Appeals => "四、政府信息公开行政复议、行政诉讼情况",
            SectionKey::Problems => "五、存在的主要问题及改进情况",
            SectionKey::Other => "六、其他需要报告的事项",
        }
    }
    /// The table printed in the section, if any.
    pub fn table(self) -> Option<edition::TableId> {
        match self {
            SectionKey::Proactive => Some(edition::TableId::Proactive),
            SectionKey::Applications => Some(edition::TableId::Applications),
            SectionKey::Appeals => Some(edition::TableId::Appeals),
            _ => None,
        }
    }
}

/// Heading levels below the section heading (一、 is the section itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HeadingLevel {
    /// （一）
    Sub,
    /// 1.
    Item,
    /// （1）
    SubItem,
}

impl HeadingLevel {
    pub const ALL: [HeadingLevel; 3] =
        [HeadingLevel::Sub, HeadingLevel::Item, HeadingLevel::SubItem];
    pub fn key(self) -> &'static str {
        match self {
            HeadingLevel::Sub => "sub",
            HeadingLevel::Item => "item",
            HeadingLevel::SubItem => "sub_item",
        }
    }
    pub fn from_key(key: &str) -> Option<HeadingLevel> {
        HeadingLevel::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// One paragraph of prose. With a heading and no text it is a heading line of its own;
/// with both, the heading is run in (“（一）主动公开情况。2020年度我县……”).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub heading: Option<Heading>,
    pub text: String,
}

impl Paragraph {
    pub fn body(text: impl Into<String>) -> Paragraph {
        Paragraph {
            heading: None,
            text: text.into(),
        }
    }
    /// The paragraph as it reads: heading then text.
    pub fn full_text(&self) -> String {
        match &self.heading {
            Some(h) => format!("{}{}", h.text, self.text),
            None => self.text.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: HeadingLevel,
    /// The heading with its numbering, e.g. （一）主动公开情况。
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub paragraphs: Vec<Paragraph>,
}

impl Section {
    /// All the section's text, paragraphs joined by newlines.
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(Paragraph::full_text)
            .collect::<Vec<_>>()
            .join("\n")
    }
    pub fn is_empty(&self) -> bool {
        self.paragraphs
            .iter()
            .all(|p| p.full_text().trim().is_empty())
    }
}

/// A calendar date, as the sign-off prints it (2021年1月20日).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year.is_multiple_of(4) && !year.is_multiple_of(100))
                || year.is_multiple_of(400) =>
            {
                29
            }
            2 => 28,
            _ => return None,
        };
        (year >= 1900 && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }
    /// ISO form, for files: 2021-01-20.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.parse().ok()?;
        (s.len() == 10).then_some(())?;
        Date::new(y, m, d)
    }
    /// As printed: 2021年1月20日, no leading zeros.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// The optional 落款 after the last section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOff {
    pub name: String,
    pub date: Date,
}

/// Every figure of the three tables, by stable key (e.g. `applications.received.natural`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures(BTreeMap<String, Value>);

impl Figures {
    /// All cells of the edition, set to zero.
    pub fn zeros(edition: Edition) -> Figures {
        Figures(
            edition::cells(edition)
                .iter()
                .map(|c| (c.key.clone(), Value::zero(c.kind)))
                .collect(),
        )
    }
    pub fn get(&self, key: &str) -> Option<Value> {
        self.0.get(key).copied()
    }
    /// A count cell's value (0 when absent or not a count).
    pub fn count(&self, key: &str) -> u64 {
        self.get(key).map_or(0, Value::count)
    }
    /// Sets a cell. The caller guarantees the key and kind belong to the edition
    /// (see [`Report::set_figure`] for the checked way).
    pub(crate) fn insert(&mut self, key: String, value: Value) {
        self.0.insert(key, value);
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How typed cells are taken ([`Report::enter_cells`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The editor: totals are the program's, computed from what they sum.
    Computed,
    /// A published report being confirmed: every cell as published, totals included.
    AsPublished,
}

/// One unit's report for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub unit: Unit,
    pub year: u16,
    pub edition: Edition,
    pub title: String,
    /// The paragraph before 一 naming the legal basis, period, download place and contact.
    pub opening: String,
    /// The six sections in order; index with [`SectionKey`] via [`Report::section`].
    pub sections: [Section; 6],
    pub figures: Figures,
    pub sign_off: Option<SignOff>,
}

/// Why a figure could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FigureError {
    #[error("{edition}年版报告格式中没有“{key}”这一格")]
    UnknownCell { key: String, edition: &'static str },
    #[error("“{key}”这一格的数值类型不对")]
    WrongKind { key: String },
}

impl Report {
    /// A blank report for a unit and year, in the edition the year calls for, all figures zero.
    pub fn blank(unit: Unit, year: u16) -> Report {
        let edition = Edition::for_year(year);
        Report {
            title: default_title(&unit.name, year),
            opening: default_opening(&unit, year, edition),
            unit,
            year,
            edition,
            sections: Default::default(),
            figures: Figures::zeros(edition),
            sign_off: None,
        }
    }

    /// A new blank report of `unit` for `year` that carries on from `previous` (the unit's
    /// earlier report): the applications carried over (上年结转 = last year's 结转下年度继续办理,
    /// rule 6), and, when both are in the 2019 edition, table 二's 上一年项目数量 as last year's
    /// count plus its 本年增/减 (rule 8; a sum below zero is left at 0 for the clerk).
    pub fn follow_on(previous: &Report, unit: Unit, year: u16) -> Report {
        let mut r = Report::blank(unit, year);
        for c in edition::APPLICATION_COLUMNS {
            let out = previous.figures.count(&edition::cell_key(
                TableId::Applications,
                "carried_out",
                c.key,
            ));
            r.figures.insert(
                edition::cell_key(TableId::Applications, "carried_in", c.key),
                Value::Count(out),
            );
        }
        if r.edition == Edition::E2019 && previous.edition == Edition::E2019 {
            for block in edition::proactive_blocks(Edition::E2019) {
                if !block.columns.iter().any(|c| c.key == "previous_items") {
                    continue;
                }
                for row in block.rows {
                    let key = |c: &str| edition::cell_key(TableId::Proactive, row.key, c);
                    let then = previous
                        .figures
                        .get(&key("previous_items"))
                        .map_or(0, Value::as_i64);
                    let change = previous
                        .figures
                        .get(&key("change"))
                        .map_or(0, Value::as_i64);
                    let now = Value::from_i64(edition::ValueKind::Count, then + change)
                        .unwrap_or(Value::Count(0));
                    r.figures.insert(key("previous_items"), now);
                }
            }
        }
        r.fill_totals();
        r
    }

    /// The sections that must be written in prose (一, 五, 六) and are still empty: a report
    /// with one is a draft (rule 10).
    pub fn empty_prose_sections(&self) -> Vec<SectionKey> {
        [
            SectionKey::Overview,
            SectionKey::Problems,
            SectionKey::Other,
        ]
        .into_iter()
        .filter(|&s| self.section(s).is_empty())
        .collect()
    }

    pub fn section(&self, key: SectionKey) -> &Section {
        &self.sections[key as usize]
    }
    pub fn section_mut(&mut self, key: SectionKey) -> &mut Section {
        &mut self.sections[key as usize]
    }

    /// Takes what the clerk typed or pasted into cells (key, text): each is normalised
    /// ([`parse_value`]: full-width digits, 39,570, 增10, 万元; an emptied cell is 0) or refused.
    /// In the editor ([`Entry::Computed`]) a total is refused and the totals are filled in from
    /// what they sum; for a published report being confirmed ([`Entry::AsPublished`]) totals
    /// are typed like any cell and nothing is summed, so its faults stay as published.
    /// Returns the refused cells (index into `edits`, reason); an unknown key is an error.
    pub fn enter_cells(
        &mut self,
        edits: &[(&str, &str)],
        entry: Entry,
    ) -> Result<Vec<(usize, String)>, FigureError> {
        let mut refused = Vec::new();
        for (i, &(key, text)) in edits.iter().enumerate() {
            let spec = self.cell_spec(key)?;
            if entry == Entry::Computed && spec.is_total() {
                refused.push((i, "合计栏由程序自动计算，不需要填写".to_string()));
                continue;
            }
            let text = if text.trim().is_empty() { "0" } else { text };
            match crate::value::parse_value(spec.kind, text) {
                Ok(value) => self.set_figure(key, value)?,
                Err(e) => refused.push((i, e.to_string())),
            }
        }
        if entry == Entry::Computed {
            self.fill_totals();
        }
        Ok(refused)
    }

    /// Sets one cell, checking the key and kind against the report's edition.
    pub fn set_figure(&mut self, key: &str, value: Value) -> Result<(), FigureError> {
        let spec = self.cell_spec(key)?;
        if spec.kind != value.kind() {
            return Err(FigureError::WrongKind { key: key.into() });
        }
        self.figures.insert(spec.key.clone(), value);
        Ok(())
    }

    pub fn cell_spec(&self, key: &str) -> Result<&'static CellSpec, FigureError> {
        edition::cell(self.edition, key).ok_or_else(|| FigureError::UnknownCell {
            key: key.into(),
            edition: self.edition.code(),
        })
    }

    /// Moves the report to another edition: cells both editions share keep their values,
    /// the others start at zero.
    pub fn change_edition(&mut self, edition: Edition) {
        let mut figures = Figures::zeros(edition);
        for spec in edition::cells(edition) {
            if let Some(v) = self
                .figures
                .get(&spec.key)
                .filter(|v| v.kind() == spec.kind)
            {
                figures.insert(spec.key.clone(), v);
            }
        }
        self.edition = edition;
        self.figures = figures;
    }

    /// Removes invisible characters (zero-width spaces and joiners, BOMs, soft hyphens, control
    /// characters) from every text of the report: how text that entered from typing, pasting,
    /// a workbook or a published report is cleaned before it is kept.
    pub fn strip_invisible(&mut self) {
        let clean = |s: &mut String| {
            let cleaned = crate::text::strip_invisible(s);
            if cleaned != *s {
                *s = cleaned;
            }
        };
        clean(&mut self.unit.name);
        if let Some(parent) = &mut self.unit.parent {
            clean(parent);
        }
        clean(&mut self.unit.address);
        clean(&mut self.unit.postcode);
        clean(&mut self.unit.phone);
        clean(&mut self.title);
        clean(&mut self.opening);
        for section in &mut self.sections {
            for p in &mut section.paragraphs {
                clean(&mut p.text);
                if let Some(h) = &mut p.heading {
                    clean(&mut h.text);
                }
            }
        }
        if let Some(s) = &mut self.sign_off {
            clean(&mut s.name);
        }
    }

    /// A figure as the report prints it: 0, 39570, 增10, 减3, 15922.04万元 (the 2019 edition's
    /// 采购总金额 carries its unit in the cell; the 2021 fee column names it in its heading).
    pub fn printed_figure(&self, key: &str, kind: edition::ValueKind) -> String {
        let value = self.figures.get(key).unwrap_or(Value::zero(kind));
        match (self.edition, value) {
            (Edition::E2019, Value::Money(_)) => format!("{value}万元"),
            _ => value.to_string(),
        }
    }

    /// Fills every total (table 三's 总计 column and （七）总计 row, table 四's 总计) from
    /// the figures it sums, as the app does for the clerk.
    pub fn fill_totals(&mut self) {
        // Cells come in reading order, so a total is filled after every total it adds up.
        for spec in edition::cells(self.edition).iter().filter(|s| s.is_total()) {
            let sum: u64 = spec.sums.iter().map(|k| self.figures.count(k)).sum();
            self.figures.insert(spec.key.clone(), Value::Count(sum));
        }
    }
}

/// The opening paragraph most reports use, with the unit's contact filled in.
pub fn default_opening(unit: &Unit, year: u16, edition: Edition) -> String {
    let basis = match edition {
        Edition::E2019 => "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）",
        Edition::E2021 => "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）",
    };
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号）和{basis}要求编制。\
         报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\
         政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\
         本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。\
         如对本报告有疑问，请与{}联系（地址：{}；邮编：{}；联系电话：{}）。",
        unit.name, unit.address, unit.postcode, unit.phone
    )
}

/// The title the format asks for: “<unit><year>年政府信息公开工作年度报告”.
pub fn default_title(unit_name: &str, year: u16) -> String {
    format!("{unit_name}{year}年政府信息公开工作年度报告")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_cells_are_normalised_and_totals_follow_the_entry() {
        let mut r = crate::sample_report();
        let received = "applications.received.natural";
        let total = "applications.received.total";
        let before = r.figures.count(total);
        let refused = r
            .enter_cells(
                &[
                    (received, "１２"),
                    (total, "99"),
                    ("applications.granted.natural", "十四"),
                ],
                Entry::Computed,
            )
            .unwrap();
        assert_eq!(r.figures.count(received), 12);
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert_eq!(refused[0].0, 1);
        assert!(refused[0].1.contains("自动计算"), "{refused:?}");
        assert_eq!(refused[1].0, 2);
        assert_ne!(r.figures.count(total), 99, "the total is computed");
        assert_ne!(r.figures.count(total), before, "and follows the typed cell");

        let mut published = crate::sample_report();
        let refused = published
            .enter_cells(&[(received, ""), (total, "99")], Entry::AsPublished)
            .unwrap();
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(published.figures.count(received), 0, "an emptied cell is 0");
        assert_eq!(published.figures.count(total), 99, "a total as published");
        assert!(published
            .enter_cells(&[("no.such.cell", "1")], Entry::Computed)
            .is_err());
    }

    fn unit() -> Unit {
        Unit {
            name: "某某镇人民政府".into(),
            kind: UnitKind::Township,
            parent: Some("某某县人民政府".into()),
            address: String::new(),
            postcode: String::new(),
            phone: String::new(),
        }
    }

    #[test]
    fn blank_report_has_every_cell_of_its_edition() {
        let r = Report::blank(unit(), 2021);
        assert_eq!(r.edition, Edition::E2021);
        assert_eq!(r.figures.len(), edition::cells(Edition::E2021).len());
        assert_eq!(r.title, "某某镇人民政府2021年政府信息公开工作年度报告");
    }

    #[test]
    fn set_figure_checks_key_and_kind() {
        let mut r = Report::blank(unit(), 2021);
        assert!(r
            .set_figure("applications.received.natural", Value::Count(3))
            .is_ok());
        assert!(matches!(
            r.set_figure("applications.other_handling.natural", Value::Count(1)),
            Err(FigureError::UnknownCell { .. })
        ));
        assert!(matches!(
            r.set_figure("applications.received.natural", Value::Change(1)),
            Err(FigureError::WrongKind { .. })
        ));
    }

    #[test]
    fn invisible_characters_never_stay_in_a_report() {
        let mut r = Report::blank(unit(), 2021);
        r.title = "城关镇\u{200b}报告".into();
        r.section_mut(SectionKey::Other)
            .paragraphs
            .push(Paragraph::body("无\u{feff}\u{00ad}。"));
        r.strip_invisible();
        assert_eq!(r.title, "城关镇报告");
        assert_eq!(r.section(SectionKey::Other).paragraphs[0].text, "无。");
    }

    #[test]
    fn fill_totals_sums_rows_results_and_groups() {
        let mut r = Report::blank(unit(), 2021);
        r.set_figure("applications.granted.natural", Value::Count(2))
            .unwrap();
        r.set_figure(
            "applications.other_handling.no_fee.business",
            Value::Count(1),
        )
        .unwrap();
        r.set_figure("appeals.review.pending", Value::Count(4))
            .unwrap();
        r.fill_totals();
        assert_eq!(r.figures.count("applications.granted.total"), 2);
        assert_eq!(r.figures.count("applications.handled_total.natural"), 2);
        assert_eq!(r.figures.count("applications.handled_total.business"), 1);
        assert_eq!(r.figures.count("applications.handled_total.total"), 3);
        assert_eq!(r.figures.count("appeals.review.total"), 4);
    }

    #[test]
    fn change_edition_keeps_shared_cells() {
        let mut r = Report::blank(unit(), 2020);
        r.set_figure("applications.received.natural", Value::Count(5))
            .unwrap();
        r.set_figure("applications.other_handling.natural", Value::Count(1))
            .unwrap();
        r.change_edition(Edition::E2021);
        assert_eq!(r.figures.count("applications.received.natural"), 5);
        assert_eq!(r.figures.get("applications.other_handling.natural"), None);
        assert_eq!(r.figures.len(), edition::cells(Edition::E2021).len());
    }

    #[test]
    fn follow_on_carries_the_applications_over() {
        let mut prev = Report::blank(unit(), 2021);
        prev.set_figure("applications.carried_out.natural", Value::Count(3))
            .unwrap();
        prev.fill_totals();
        let r = Report::follow_on(&prev, prev.unit.clone(), 2022);
        assert_eq!(r.figures.count("applications.carried_in.natural"), 3);
        assert_eq!(r.figures.count("applications.carried_in.total"), 3);
        assert_eq!(r.figures.count("applications.received.natural"), 0);
        assert!(r.opening.contains("自2022年1月1日起至2022年12月31日止"));
        assert!(r.opening.contains("国办公开办函〔2021〕30号"));
        assert!(crate::validate(&r, Some(&prev)).iter().all(|f| f.rule != 6));
    }

    #[test]
    fn follow_on_in_the_2019_edition_counts_last_years_items_with_their_change() {
        let mut prev = Report::blank(unit(), 2019);
        prev.set_figure("proactive.licensing.previous_items", Value::Count(10))
            .unwrap();
        prev.set_figure("proactive.licensing.change", Value::Change(-3))
            .unwrap();
        prev.set_figure("proactive.fees.change", Value::Change(5))
            .unwrap();
        prev.set_figure("proactive.penalty.previous_items", Value::Count(2))
            .unwrap();
        prev.set_figure("proactive.penalty.change", Value::Change(-9))
            .unwrap();
        let r = Report::follow_on(&prev, prev.unit.clone(), 2020);
        assert_eq!(r.figures.count("proactive.licensing.previous_items"), 7);
        assert_eq!(r.figures.count("proactive.fees.previous_items"), 5);
        assert_eq!(
            r.figures.count("proactive.other_services.previous_items"),
            0
        );
        assert_eq!(r.figures.count("proactive.penalty.previous_items"), 0);
        assert_eq!(
            r.figures.get("proactive.licensing.change"),
            Some(Value::Change(0)),
            "this year's change is the clerk's"
        );
        let rule8: Vec<_> = crate::validate(&r, Some(&prev))
            .into_iter()
            .filter(|f| f.rule == 8)
            .collect();
        assert_eq!(
            rule8.len(),
            1,
            "only the impossible negative count: {rule8:?}"
        );
        // Into the 2021 edition there is no such column: nothing carried, nothing broken.
        let r = Report::follow_on(&prev, prev.unit.clone(), 2021);
        assert!(r
            .figures
            .get("proactive.licensing.previous_items")
            .is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(Date::new(2021, 1, 20).unwrap().chinese(), "2021年1月20日");
        assert_eq!(Date::parse_iso("2021-01-20"), Date::new(2021, 1, 20));
        assert_eq!(Date::parse_iso("2021-02-30"), None);
        assert_eq!(Date::parse_iso("2021-1-2"), None);
    }
}
