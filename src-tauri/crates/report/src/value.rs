//! Cell values and how a clerk's typing becomes one.

use crate::edition::ValueKind;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest count or change a cell takes: nine digits.
pub const MAX_COUNT: u64 = 999_999_999;

/// Money in 万元, held exactly as a whole number of 1e-6 万元 (= one fen, 0.01 元).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub u64);

/// The most money a cell takes: 999 999 999 999.999999 万元.
pub const MAX_MONEY: Money = Money(999_999_999_999_999_999);

impl Money {
    pub fn from_fen(fen: u64) -> Money {
        Money(fen)
    }
    pub fn fen(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Money {
    /// In 万元 without trailing zeros: 15922.04, 24252.311082, 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 1_000_000;
        let frac = self.0 % 1_000_000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:06}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

/// One cell's value. Which variant a cell holds is fixed by its [`ValueKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    Count(u64),
    Change(i64),
    Money(Money),
}

impl Value {
    pub fn zero(kind: ValueKind) -> Value {
        match kind {
            ValueKind::Count => Value::Count(0),
            ValueKind::Change => Value::Change(0),
            ValueKind::Money => Value::Money(Money(0)),
        }
    }

    pub fn kind(self) -> ValueKind {
        match self {
            Value::Count(_) => ValueKind::Count,
            Value::Change(_) => ValueKind::Change,
            Value::Money(_) => ValueKind::Money,
        }
    }

    /// The value as one integer (count, change, or money in fen), for storage.
    pub fn as_i64(self) -> i64 {
        match self {
            Value::Count(n) => n as i64,
            Value::Change(n) => n,
            Value::Money(m) => m.0 as i64,
        }
    }

    /// The inverse of [`Value::as_i64`]; `None` when the number can't be of that kind.
    pub fn from_i64(kind: ValueKind, n: i64) -> Option<Value> {
        match kind {
            ValueKind::Count => u64::try_from(n)
                .ok()
                .filter(|&n| n <= MAX_COUNT)
                .map(Value::Count),
            ValueKind::Change => (n.unsigned_abs() <= MAX_COUNT).then_some(Value::Change(n)),
            ValueKind::Money => u64::try_from(n)
                .ok()
                .filter(|&n| n <= MAX_MONEY.0)
                .map(|n| Value::Money(Money(n))),
        }
    }

    pub fn count(self) -> u64 {
        match self {
            Value::Count(n) => n,
            _ => 0,
        }
    }
}

impl fmt::Display for Value {
    /// As the report prints it: 39570, 增10, 减3, 0, 15922.04.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::Change(n) if *n > 0 => write!(f, "增{n}"),
            Value::Change(n) if *n < 0 => write!(f, "减{}", n.unsigned_abs()),
            Value::Change(_) => write!(f, "0"),
            Value::Money(m) => write!(f, "{m}"),
        }
    }
}

/// Why a typed or imported value was refused, in words a clerk understands.
/// The message never names the cell; the caller adds that.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("不能为空")]
    Empty,
    #[error("“{0}”不是数字")]
    NotANumber(String),
    #[error("应为数字，文件里写成了文字“{0}”")]
    Text(String),
    #[error("“{0}”中有两个数，一格只能填一个数")]
    TwoNumbers(String),
    #[error("不能为负数（{0}）")]
    Negative(String),
    #[error("应为整数，不能是小数（{0}）")]
    Fraction(String),
    #[error("数字过大（{0}），最多9位")]
    TooLarge(String),
    #[error("金额最多保留6位小数（{0}）")]
    TooManyDecimals(String),
    #[error("单位“{unit}”不对，本栏以万元计（{text}）")]
    WrongUnit { unit: String, text: String },
}

/// Turns what a clerk typed, pasted or a file wrote into a value of the given kind.
///
/// Accepts full-width digits and signs, thousands separators (39,570 / 39，570),
/// 增10 / 减3 / +10 / -3 for changes, and 万元 / 元 after money (元 is converted to 万元).
pub fn parse_value(kind: ValueKind, input: &str) -> Result<Value, ValueError> {
    let text: String = input.chars().filter_map(normalise_char).collect();
    let original = input.trim().to_string();
    if text.is_empty() {
        return Err(ValueError::Empty);
    }
    let numbers = input
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| {
            w.chars()
                .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        })
        .count();
    if numbers > 1 {
        return Err(ValueError::TwoNumbers(original));
    }
    match kind {
        ValueKind::Count => {
            let (negative, body) = split_sign(&text);
            let (digits, unit) = split_unit(body);
            if !unit.is_empty() && unit != "件" && unit != "个" && unit != "项" && unit != "条"
            {
                return Err(classify_garbage(&original));
            }
            let n = parse_decimal(digits, 0, &original)?;
            if negative && n > 0 {
                return Err(ValueError::Negative(original));
            }
            check_count(n, &original).map(Value::Count)
        }
        ValueKind::Change => {
            let (negative, body) = match text.strip_prefix('增') {
                Some(rest) => (false, rest),
                None => match text.strip_prefix('减') {
                    Some(rest) => (true, rest),
                    None => split_sign(&text),
                },
            };
            let (digits, unit) = split_unit(body);
            if !unit.is_empty() && unit != "件" && unit != "个" && unit != "项" {
                return Err(classify_garbage(&original));
            }
            let n = check_count(parse_decimal(digits, 0, &original)?, &original)?;
            let n = n as i64;
            Ok(Value::Change(if negative { -n } else { n }))
        }
        ValueKind::Money => {
            let (negative, body) = split_sign(&text);
            let (digits, unit) = split_unit(body);
            let scale = match unit {
                "" | "万元" | "万" => 6,
                "元" => 2,
                _ if unit.chars().all(|c| c.is_alphabetic()) && !digits.is_empty() => {
                    return Err(ValueError::WrongUnit {
                        unit: unit.to_string(),
                        text: original,
                    })
                }
                _ => return Err(classify_garbage(&original)),
            };
            let fen = parse_decimal(digits, scale, &original)?;
            if negative && fen > 0 {
                return Err(ValueError::Negative(original));
            }
            if fen > MAX_MONEY.0 {
                return Err(ValueError::TooLarge(original));
            }
            Ok(Value::Money(Money(fen)))
        }
    }
}

fn check_count(n: u64, original: &str) -> Result<u64, ValueError> {
    if n > MAX_COUNT {
        Err(ValueError::TooLarge(original.to_string()))
    } else {
        Ok(n)
    }
}

/// Full-width to half-width, thousands separators and blanks dropped.
fn normalise_char(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '－' | '−' | '—' => Some('-'),
        '＋' => Some('+'),
        '．' | '。' => Some('.'),
        ',' | '，' | '\u{a0}' | '\u{3000}' | '\'' => None,
        c if c.is_whitespace() => None,
        c => Some(c),
    }
}

fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix('-') {
        (true, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest)
    } else {
        (false, text)
    }
}

/// Splits “15922.04万元” into the number part and the unit after it.
fn split_unit(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// Parses a plain decimal into an integer scaled by 10^scale, exactly.
fn parse_decimal(digits: &str, scale: u32, original: &str) -> Result<u64, ValueError> {
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits, ""),
    };
    if whole.is_empty() && frac.is_empty() || frac.contains('.') {
        return Err(classify_garbage(original));
    }
    if !whole
        .chars()
        .chain(frac.chars())
        .all(|c| c.is_ascii_digit())
    {
        return Err(classify_garbage(original));
    }
    let frac_trimmed = frac.trim_end_matches('0');
    if frac_trimmed.len() > scale as usize {
        return Err(if scale == 0 {
            ValueError::Fraction(original.to_string())
        } else {
            ValueError::TooManyDecimals(original.to_string())
        });
    }
    let whole_trimmed = whole.trim_start_matches('0');
    if whole_trimmed.len() > 18 {
        return Err(ValueError::TooLarge(original.to_string()));
    }
    let whole_n: u64 = if whole_trimmed.is_empty() {
        0
    } else {
        whole_trimmed
            .parse()
            .map_err(|_| ValueError::TooLarge(original.to_string()))?
    };
    let mut frac_n: u64 = 0;
    for i in 0..scale as usize {
        let d = frac_trimmed
            .as_bytes()
            .get(i)
            .map_or(0, |b| (b - b'0') as u64);
        frac_n = frac_n * 10 + d;
    }
    whole_n
        .checked_mul(10u64.pow(scale))
        .and_then(|w| w.checked_add(frac_n))
        .ok_or_else(|| ValueError::TooLarge(original.to_string()))
}

/// Tells two numbers in one cell apart from plain text.
fn classify_garbage(original: &str) -> ValueError {
    let mut groups = 0;
    let mut in_digits = false;
    for c in original.chars().filter_map(normalise_char_keep_separators) {
        let digit = c.is_ascii_digit();
        if digit && !in_digits {
            groups += 1;
        }
        in_digits = digit || (in_digits && c == '.');
    }
    if groups >= 2 {
        ValueError::TwoNumbers(original.to_string())
    } else {
        ValueError::NotANumber(original.to_string())
    }
}

fn normalise_char_keep_separators(c: char) -> Option<char> {
    match c {
        ',' | '，' => None,
        c => normalise_char(c).or(Some(' ')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const COUNT: ValueKind = ValueKind::Count;
    const CHANGE: ValueKind = ValueKind::Change;
    const MONEY: ValueKind = ValueKind::Money;

    fn ok(kind: ValueKind, s: &str) -> Value {
        parse_value(kind, s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn counts_as_clerks_type_them() {
        assert_eq!(ok(COUNT, "123"), Value::Count(123));
        assert_eq!(ok(COUNT, "１２３"), Value::Count(123));
        assert_eq!(ok(COUNT, "39,570"), Value::Count(39570));
        assert_eq!(ok(COUNT, "39，570"), Value::Count(39570));
        assert_eq!(ok(COUNT, " 0 "), Value::Count(0));
        assert_eq!(ok(COUNT, "　　38"), Value::Count(38));
        assert_eq!(ok(COUNT, "999999999"), Value::Count(999_999_999));
    }

    #[test]
    fn counts_refused_with_reasons() {
        assert_eq!(parse_value(COUNT, ""), Err(ValueError::Empty));
        assert!(matches!(
            parse_value(COUNT, "abc"),
            Err(ValueError::NotANumber(_))
        ));
        assert!(matches!(
            parse_value(COUNT, "12 34"),
            Err(ValueError::TwoNumbers(_))
        ));
        assert!(matches!(
            parse_value(COUNT, "12/34"),
            Err(ValueError::TwoNumbers(_))
        ));
        assert!(matches!(
            parse_value(COUNT, "-1"),
            Err(ValueError::Negative(_))
        ));
        assert!(matches!(
            parse_value(COUNT, "－１"),
            Err(ValueError::Negative(_))
        ));
        assert!(matches!(
            parse_value(COUNT, "1.5"),
            Err(ValueError::Fraction(_))
        ));
        assert!(matches!(
            parse_value(COUNT, "1000000000"),
            Err(ValueError::TooLarge(_))
        ));
    }

    #[test]
    fn changes_as_reports_write_them() {
        assert_eq!(ok(CHANGE, "增10"), Value::Change(10));
        assert_eq!(ok(CHANGE, "减3"), Value::Change(-3));
        assert_eq!(ok(CHANGE, "+10"), Value::Change(10));
        assert_eq!(ok(CHANGE, "-3"), Value::Change(-3));
        assert_eq!(ok(CHANGE, "－３"), Value::Change(-3));
        assert_eq!(ok(CHANGE, "0"), Value::Change(0));
        assert_eq!(Value::Change(10).to_string(), "增10");
        assert_eq!(Value::Change(-3).to_string(), "减3");
        assert_eq!(Value::Change(0).to_string(), "0");
        assert!(matches!(
            parse_value(CHANGE, "增1.5"),
            Err(ValueError::Fraction(_))
        ));
    }

    #[test]
    fn money_is_exact() {
        assert_eq!(ok(MONEY, "15922.04"), Value::Money(Money(15_922_040_000)));
        assert_eq!(ok(MONEY, "15922.04万元"), ok(MONEY, "15922.04"));
        assert_eq!(ok(MONEY, "24252.311082").to_string(), "24252.311082");
        assert_eq!(ok(MONEY, "1234元").to_string(), "0.1234");
        assert_eq!(ok(MONEY, "0.1").to_string(), "0.1");
        assert_eq!(ok(MONEY, "15922.040").to_string(), "15922.04");
        assert!(matches!(
            parse_value(MONEY, "1.1234567"),
            Err(ValueError::TooManyDecimals(_))
        ));
        assert!(matches!(
            parse_value(MONEY, "12美元"),
            Err(ValueError::WrongUnit { .. })
        ));
        assert!(matches!(
            parse_value(MONEY, "-5"),
            Err(ValueError::Negative(_))
        ));
    }

    #[test]
    fn storage_round_trip() {
        for v in [Value::Count(7), Value::Change(-3), Value::Money(Money(1))] {
            assert_eq!(Value::from_i64(v.kind(), v.as_i64()), Some(v));
        }
        assert_eq!(Value::from_i64(COUNT, -1), None);
    }
}
