//! Time as the store and the files keep it: UTC stamps (`2027-01-20T02:03:04.000Z`, which
//! compare as text), civil dates as day numbers, and a stamp as a clerk reads it.

use nianbao_report::Date;

/// Now, as a UTC stamp with milliseconds, as the store writes its own.
pub fn utc_now() -> String {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or_else(
            |_| stamp_of(0, 0),
            |d| stamp_of(d.as_secs(), d.subsec_millis()),
        )
}

/// The UTC stamp of a moment given in seconds (and milliseconds) since 1970.
pub(crate) fn stamp_of(secs: u64, millis: u32) -> String {
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// A UTC stamp with milliseconds, so that stamps with and without fractions compare as text.
pub(crate) fn normalize_stamp(stamp: &str) -> String {
    let base = stamp.get(..19).unwrap_or(stamp);
    let fraction: String = stamp
        .get(19..)
        .unwrap_or("")
        .trim_start_matches('.')
        .trim_end_matches('Z')
        .chars()
        .chain("000".chars())
        .take(3)
        .collect();
    format!("{base}.{fraction}Z")
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm).
pub(crate) fn day_number(d: Date) -> i64 {
    let (y, m, d) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (days since 1970-01-01).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Days from one date to another (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

/// A UTC stamp as Beijing time to the minute, as the CLI tells a clerk: 2027年1月20日 10:03.
pub fn local_minute(stamp: &str) -> String {
    let num = |r: std::ops::Range<usize>| stamp.get(r).and_then(|s| s.parse::<u64>().ok());
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi)) =
        (num(0..4), num(5..7), num(8..10), num(11..13), num(14..16))
    else {
        return stamp.to_string();
    };
    let Some(date) = Date::new(y as u16, mo as u8, d as u8) else {
        return stamp.to_string();
    };
    let secs = day_number(date) as u64 * 86_400 + h * 3600 + mi * 60 + 8 * 3600;
    let s = stamp_of(secs, 0);
    let part = |r: std::ops::Range<usize>| s[r].trim_start_matches('0').to_string();
    format!(
        "{}年{}月{}日 {}",
        &s[0..4],
        part(5..7),
        part(8..10),
        &s[11..16]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_and_compare_as_text() {
        assert_eq!(stamp_of(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(stamp_of(1_611_108_184, 7), "2021-01-20T02:03:04.007Z");
        assert_eq!(stamp_of(951_782_400, 0), "2000-02-29T00:00:00.000Z");
        assert_eq!(
            normalize_stamp("2021-01-20T02:03:04Z"),
            "2021-01-20T02:03:04.000Z"
        );
        assert_eq!(
            normalize_stamp("2021-01-20T02:03:04.5Z"),
            "2021-01-20T02:03:04.500Z"
        );
        assert!(
            normalize_stamp("2021-01-20T02:03:04Z") < normalize_stamp("2021-01-20T02:03:04.1Z")
        );
        assert_eq!(
            local_minute("2021-01-20T17:03:04.000Z"),
            "2021年1月21日 01:03"
        );
        assert_eq!(local_minute("2020-12-31T16:00:00Z"), "2021年1月1日 00:00");
        let now = utc_now();
        assert!(now.ends_with('Z') && now.len() == 24, "{now}");
    }

    #[test]
    fn civil_dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2023, 12, 31), (2024, 3, 1)] {
            let n = day_number(Date::new(y, m, d).unwrap());
            assert_eq!(
                civil_from_days(n),
                (i64::from(y), u32::from(m), u32::from(d))
            );
        }
        let d = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(days_between(d(2022, 1, 1), d(2022, 1, 31)), 30);
        assert_eq!(days_between(d(2021, 12, 31), d(2022, 1, 31)), 31);
        assert_eq!(days_between(d(2024, 2, 28), d(2024, 3, 1)), 2);
        assert_eq!(days_between(d(2022, 2, 3), d(2022, 1, 31)), -3);
        assert_eq!(day_number(d(1970, 1, 1)), 0);
    }
}
