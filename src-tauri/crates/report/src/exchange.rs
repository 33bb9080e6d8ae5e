//! The exchange file: one UTF-8 JSON file per unit and year, with which township offices send
//! their figures to the county and reports move between machines. Documented in
//! `EXCHANGE-FORMAT.md` beside this crate's Cargo.toml.
//!
//! Reading is strict: every problem is reported with the key it concerns (and the line and column
//! where the JSON itself is broken), and nothing half-read ever reaches a caller.

use crate::edition::{self, Edition, ValueKind};
use crate::model::{
    Date, Figures, Heading, HeadingLevel, Paragraph, Report, SectionKey, SignOff, Unit, UnitKind,
};
use crate::text::strip_invisible;
use crate::value::{parse_value, Money, Value, ValueError, MAX_COUNT};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value as Json};
use std::fmt;

/// The `format` field this version writes and reads.
pub const FORMAT: &str = "nianbao-report/1";

/// One problem found in an exchange file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("文件不是有效的JSON：第{line}行第{column}列{reason}")]
    Syntax {
        line: usize,
        column: usize,
        reason: &'static str,
    },
    #[error("“format”为“{found}”，本程序只能读取“{FORMAT}”格式的文件")]
    UnknownFormat { found: String },
    #[error("缺少“{key}”")]
    Missing { key: String },
    #[error("“{key}”{at}不是本格式的字段")]
    Unknown { key: String, at: Location },
    #[error("“{key}”应为{expected}")]
    WrongType { key: String, expected: &'static str },
    #[error("“{key}”（{label}）{at}：{reason}")]
    BadFigure {
        key: String,
        label: String,
        at: Location,
        reason: ValueError,
    },
    #[error("“{key}”：{reason}")]
    BadField { key: String, reason: &'static str },
}

/// Where a key first appears in the file, when it can be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location(pub Option<(usize, usize)>);

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some((line, column)) => write!(f, "（第{line}行第{column}列）"),
            None => Ok(()),
        }
    }
}

/// Everything wrong with a file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExchangeError {}

/// Reads an exchange file's bytes into a report.
pub fn read_report(bytes: &[u8]) -> Result<Report, ExchangeError> {
    read_exchange(bytes).map(|e| e.report)
}

/// An exchange file as read: the report, and when the unit sent it, if the file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    pub report: Report,
    /// The 报送 stamp (`sent_at`): when the unit made the file, UTC, `2027-01-20T02:03:04Z`.
    pub sent_at: Option<String>,
}

/// Reads an exchange file's bytes: the report and its 报送 stamp.
pub fn read_exchange(bytes: &[u8]) -> Result<Exchange, ExchangeError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let json: Json = serde_json::from_slice(bytes).map_err(|e| ExchangeError {
        problems: vec![Problem::Syntax {
            line: e.line(),
            column: e.column(),
            reason: match e.classify() {
                serde_json::error::Category::Eof => "处文件意外结束（文件不完整）",
                _ if e.to_string().starts_with("recursion limit exceeded") => {
                    "处嵌套过深，不是年报数据文件"
                }
                _ if std::str::from_utf8(bytes).is_err() => "附近不是UTF-8编码的文字",
                _ => "附近有语法错误",
            },
        }],
    })?;
    let source = String::from_utf8_lossy(bytes);
    let mut reader = Reader {
        source: &source,
        problems: Vec::new(),
    };
    let report = reader.report(&json);
    let sent_at = json.as_object().and_then(|top| reader.sent_at(top));
    match report {
        Some(report) if reader.problems.is_empty() => Ok(Exchange { report, sent_at }),
        _ => Err(ExchangeError {
            problems: reader.problems,
        }),
    }
}

struct Reader<'a> {
    source: &'a str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn locate(&self, key: &str) -> Location {
        let needle = format!("\"{key}\"");
        Location(self.source.find(&needle).map(|at| {
            let before = &self.source[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, column)
        }))
    }

    fn object<'j>(
        &mut self,
        json: &'j Json,
        key: &str,
        fields: &[&str],
    ) -> Option<&'j Map<String, Json>> {
        let Some(obj) = json.as_object() else {
            self.problems.push(Problem::WrongType {
                key: key.into(),
                expected: "一个对象（{…}）",
            });
            return None;
        };
        for k in obj.keys().filter(|k| !fields.contains(&k.as_str())) {
            let full = if key.is_empty() {
                k.clone()
            } else {
                format!("{key}.{k}")
            };
            self.problems.push(Problem::Unknown {
                at: self.locate(k),
                key: full,
            });
        }
        Some(obj)
    }

    fn field<'j>(
        &mut self,
        obj: &'j Map<String, Json>,
        parent: &str,
        name: &str,
    ) -> Option<&'j Json> {
        let v = obj.get(name);
        if v.is_none() {
            self.problems.push(Problem::Missing {
                key: join(parent, name),
            });
        }
        v
    }

    /// The optional 报送 stamp, checked for its form.
    fn sent_at(&mut self, top: &Map<String, Json>) -> Option<String> {
        let stamp = match top.get("sent_at")? {
            Json::String(s) if is_utc_stamp(s) => s.clone(),
            _ => {
                self.problems.push(Problem::BadField {
                    key: "sent_at".into(),
                    reason: "应为报送时间，如“2027-01-20T02:03:04Z”",
                });
                return None;
            }
        };
        Some(stamp)
    }

    /// Text as the report keeps it; a control character (which no report's text has, and
    /// which a damaged or tampered file may) is refused, naming the field.
    fn text(&mut self, raw: &str, key: String) -> String {
        if raw
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            self.problems.push(Problem::BadField {
                key,
                reason: "含有控制字符，文件可能已损坏或被改动",
            });
        }
        strip_invisible(raw)
    }

    fn string(&mut self, obj: &Map<String, Json>, parent: &str, name: &str) -> Option<String> {
        match self.field(obj, parent, name)? {
            Json::String(s) => Some(self.text(s, join(parent, name))),
            _ => {
                self.problems.push(Problem::WrongType {
                    key: join(parent, name),
                    expected: "文字（用双引号括起）",
                });
                None
            }
        }
    }

    fn optional_string(
        &mut self,
        obj: &Map<String, Json>,
        parent: &str,
        name: &str,
    ) -> Option<Option<String>> {
        match self.field(obj, parent, name)? {
            Json::Null => Some(None),
            Json::String(s) => Some(Some(self.text(s, join(parent, name)))),
            _ => {
                self.problems.push(Problem::WrongType {
                    key: join(parent, name),
                    expected: "文字或null",
                });
                None
            }
        }
    }

    fn report(&mut self, json: &Json) -> Option<Report> {
        let top = self.object(
            json,
            "",
            &[
                "format", "unit", "year", "edition", "title", "opening", "sections", "figures",
                "sign_off", "sent_at",
            ],
        )?;
        let format = self.string(top, "", "format")?;
        if format != FORMAT {
            self.problems.push(Problem::UnknownFormat { found: format });
            return None;
        }
        let unit = self.unit(top);
        let year = match self.field(top, "", "year") {
            Some(Json::Number(n)) => match n.as_u64().filter(|&y| {
                u16::try_from(y).is_ok_and(|y| crate::edition::REPORT_YEARS.contains(&y))
            }) {
                Some(y) => Some(y as u16),
                None => {
                    self.problems.push(Problem::BadField {
                        key: "year".into(),
                        reason: "应为2008至2100之间的整数年份",
                    });
                    None
                }
            },
            Some(_) => {
                self.problems.push(Problem::WrongType {
                    key: "year".into(),
                    expected: "整数年份，如2021",
                });
                None
            }
            None => None,
        };
        let edition = self.string(top, "", "edition").and_then(|code| {
            let e = Edition::from_code(&code);
            if e.is_none() {
                self.problems.push(Problem::BadField {
                    key: "edition".into(),
                    reason: "应为“2019”或“2021”",
                });
            }
            e
        });
        let title = self.string(top, "", "title");
        let opening = self.string(top, "", "opening");
        let sections = self.sections(top);
        let sign_off = self.sign_off(top);
        let figures = edition.and_then(|e| self.figures(top, e));
        Some(Report {
            unit: unit?,
            year: year?,
            edition: edition?,
            title: title?,
            opening: opening?,
            sections: sections?,
            figures: figures?,
            sign_off: sign_off?,
        })
    }

    fn unit(&mut self, top: &Map<String, Json>) -> Option<Unit> {
        let json = self.field(top, "", "unit")?;
        let obj = self.object(
            json,
            "unit",
            &["name", "kind", "parent", "address", "postcode", "phone"],
        )?;
        let name = self.string(obj, "unit", "name");
        if name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            self.problems.push(Problem::BadField {
                key: "unit.name".into(),
                reason: "单位名称不能为空",
            });
        }
        let kind = self.string(obj, "unit", "kind").and_then(|k| {
            let kind = UnitKind::from_key(&k);
            if kind.is_none() {
                self.problems.push(Problem::BadField {
                    key: "unit.kind".into(),
                    reason: "应为county_government、department、township或other",
                });
            }
            kind
        });
        let parent = self.optional_string(obj, "unit", "parent");
        let address = self.string(obj, "unit", "address");
        let postcode = self.string(obj, "unit", "postcode");
        let phone = self.string(obj, "unit", "phone");
        Some(Unit {
            name: name.filter(|n| !n.trim().is_empty())?,
            kind: kind?,
            parent: parent?,
            address: address?,
            postcode: postcode?,
            phone: phone?,
        })
    }

    fn sections(&mut self, top: &Map<String, Json>) -> Option<[crate::model::Section; 6]> {
        let json = self.field(top, "", "sections")?;
        let keys: Vec<&str> = SectionKey::ALL.iter().map(|s| s.key()).collect();
        let obj = self.object(json, "sections", &keys)?;
        let mut sections: [crate::model::Section; 6] = Default::default();
        let mut ok = true;
        for s in SectionKey::ALL {
            let key = join("sections", s.key());
            let Some(list) = self.field(obj, "sections", s.key()) else {
                ok = false;
                continue;
            };
            let Some(items) = list.as_array() else {
                self.problems.push(Problem::WrongType {
                    key,
                    expected: "段落的列表（[…]）",
                });
                ok = false;
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                match self.paragraph(item, &format!("{key}[{i}]")) {
                    Some(p) => sections[s as usize].paragraphs.push(p),
                    None => ok = false,
                }
            }
        }
        ok.then_some(sections)
    }

    fn paragraph(&mut self, json: &Json, key: &str) -> Option<Paragraph> {
        let obj = self.object(json, key, &["level", "heading", "text"])?;
        let text = self.string(obj, key, "text")?;
        let heading = match (obj.get("level"), obj.get("heading")) {
            (None, None) => None,
            (Some(Json::String(level)), Some(Json::String(heading))) => {
                match HeadingLevel::from_key(level) {
                    Some(level) => Some(Heading {
                        level,
                        text: self.text(heading, join(key, "heading")),
                    }),
                    None => {
                        self.problems.push(Problem::BadField {
                            key: join(key, "level"),
                            reason: "应为sub（（一））、item（1.）或sub_item（（1））",
                        });
                        return None;
                    }
                }
            }
            _ => {
                self.problems.push(Problem::BadField {
                    key: key.into(),
                    reason: "标题段落须同时有“level”和“heading”两项文字",
                });
                return None;
            }
        };
        Some(Paragraph { heading, text })
    }

    fn sign_off(&mut self, top: &Map<String, Json>) -> Option<Option<SignOff>> {
        let json = self.field(top, "", "sign_off")?;
        if json.is_null() {
            return Some(None);
        }
        let obj = self.object(json, "sign_off", &["name", "date"])?;
        let name = self.string(obj, "sign_off", "name");
        let date = self.string(obj, "sign_off", "date").and_then(|d| {
            let date = Date::parse_iso(&d);
            if date.is_none() {
                self.problems.push(Problem::BadField {
                    key: "sign_off.date".into(),
                    reason: "应为有效日期，写作YYYY-MM-DD，如2021-01-20",
                });
            }
            date
        });
        Some(Some(SignOff {
            name: name?,
            date: date?,
        }))
    }

    fn figures(&mut self, top: &Map<String, Json>, edition: Edition) -> Option<Figures> {
        let json = self.field(top, "", "figures")?;
        let specs = edition::cells(edition);
        let keys: Vec<&str> = specs.iter().map(|c| c.key.as_str()).collect();
        let obj = self.object(json, "figures", &keys)?;
        let before = self.problems.len();
        let mut figures = Figures::default();
        for spec in specs {
            let key = join("figures", &spec.key);
            let label = format!(
                "{}“{}”行“{}”列",
                spec.table.label(),
                spec.row_label,
                spec.column_label
            );
            let Some(v) = obj.get(&spec.key) else {
                self.problems.push(Problem::Missing { key });
                continue;
            };
            match figure(spec.kind, v) {
                Ok(value) => figures.insert(spec.key.clone(), value),
                Err(reason) => self.problems.push(Problem::BadFigure {
                    at: self.locate(&spec.key),
                    key,
                    label,
                    reason,
                }),
            }
        }
        (self.problems.len() == before).then_some(figures)
    }
}

/// One figure from JSON. Counts and changes are JSON integers; money is a decimal string in 万元
/// (a JSON number is taken too).
fn figure(kind: ValueKind, json: &Json) -> Result<Value, ValueError> {
    let text = match json {
        Json::Number(n) => n.to_string(),
        Json::String(s) if kind == ValueKind::Money => s.clone(),
        Json::String(s) => return Err(ValueError::Text(s.clone())),
        Json::Null => return Err(ValueError::Empty),
        other => return Err(ValueError::NotANumber(other.to_string())),
    };
    if let Json::Number(n) = json {
        if kind != ValueKind::Money && n.is_f64() {
            let f = n.as_f64().unwrap_or(f64::NAN);
            return Err(if f.abs() > MAX_COUNT as f64 {
                ValueError::TooLarge(text)
            } else if f < 0.0 && kind == ValueKind::Count {
                ValueError::Negative(text)
            } else {
                ValueError::Fraction(text)
            });
        }
    }
    parse_value(kind, &text)
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// Writes a report as an exchange file: pretty JSON, figures in the table's reading order.
pub fn write_report(report: &Report) -> String {
    write_report_with_unread(report, &[])
}

/// The exchange file of a report some of whose cells were not read for sure (a published
/// report whose table lost its cell boundaries): those cells are `null`, for the clerk to fill;
/// [`read_report`] refuses the file, naming them, until they are.
pub fn write_report_with_unread(report: &Report, unread: &[String]) -> String {
    write_file(report, unread, None)
}

/// The exchange file a unit sends (报送) to the county: the report stamped with when it was
/// made (`sent_at`, UTC), so that the county can tell a newer file from an older one.
pub fn write_sent_report(report: &Report, sent_at: &str) -> String {
    write_file(report, &[], Some(sent_at))
}

/// Whether `s` is a UTC time stamp as `sent_at` holds one: `2027-01-20T02:03:04Z`, with
/// optional fractions of a second.
pub fn is_utc_stamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[b.len() - 1] == b'Z'
        && (b.len() == 20 || (b[19] == b'.' && digits(20..b.len() - 1) && b.len() > 21))
}

fn write_file(report: &Report, unread: &[String], sent_at: Option<&str>) -> String {
    #[derive(Serialize)]
    struct File<'a> {
        format: &'static str,
        unit: UnitJson<'a>,
        year: u16,
        edition: &'static str,
        title: &'a str,
        opening: &'a str,
        sections: SectionsJson<'a>,
        figures: FiguresJson<'a>,
        sign_off: Option<SignOffJson<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        sent_at: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct UnitJson<'a> {
        name: &'a str,
        kind: &'static str,
        parent: Option<&'a str>,
        address: &'a str,
        postcode: &'a str,
        phone: &'a str,
    }
    #[derive(Serialize)]
    struct ParagraphJson<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        level: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        heading: Option<&'a str>,
        text: &'a str,
    }
    #[derive(Serialize)]
    struct SignOffJson<'a> {
        name: &'a str,
        date: String,
    }
    struct SectionsJson<'a>(&'a Report);
    impl Serialize for SectionsJson<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(Some(6))?;
            for key in SectionKey::ALL {
                let paragraphs: Vec<ParagraphJson> = self
                    .0
                    .section(key)
                    .paragraphs
                    .iter()
                    .map(|p| ParagraphJson {
                        level: p.heading.as_ref().map(|h| h.level.key()),
                        heading: p.heading.as_ref().map(|h| h.text.as_str()),
                        text: &p.text,
                    })
                    .collect();
                map.serialize_entry(key.key(), &paragraphs)?;
            }
            map.end()
        }
    }
    struct FiguresJson<'a>(&'a Report, &'a [String]);
    impl Serialize for FiguresJson<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let specs = edition::cells(self.0.edition);
            let mut map = s.serialize_map(Some(specs.len()))?;
            for spec in specs {
                if self.1.contains(&spec.key) {
                    map.serialize_entry(&spec.key, &())?;
                    continue;
                }
                match self
                    .0
                    .figures
                    .get(&spec.key)
                    .unwrap_or(Value::zero(spec.kind))
                {
                    Value::Count(n) => map.serialize_entry(&spec.key, &n)?,
                    Value::Change(n) => map.serialize_entry(&spec.key, &n)?,
                    Value::Money(m) => map.serialize_entry(&spec.key, &Money::to_string(&m))?,
                }
            }
            map.end()
        }
    }
    let file = File {
        format: FORMAT,
        unit: UnitJson {
            name: &report.unit.name,
            kind: report.unit.kind.key(),
            parent: report.unit.parent.as_deref(),
            address: &report.unit.address,
            postcode: &report.unit.postcode,
            phone: &report.unit.phone,
        },
        year: report.year,
        edition: report.edition.code(),
        title: &report.title,
        opening: &report.opening,
        sections: SectionsJson(report),
        figures: FiguresJson(report, unread),
        sign_off: report.sign_off.as_ref().map(|s| SignOffJson {
            name: &s.name,
            date: s.date.iso(),
        }),
        sent_at,
    };
    let mut out = serde_json::to_string_pretty(&file).expect("a report always serialises");
    out.push('\n');
    out
}
