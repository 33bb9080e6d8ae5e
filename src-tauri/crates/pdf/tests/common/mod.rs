//! Reading a written PDF back with poppler-utils, shared by the PDF tests.

use std::path::Path;
use std::process::Command;

use nianbao_pdf::{AREA_HEIGHT_MM, AREA_LEFT_MM, AREA_TOP_MM, AREA_WIDTH_MM};

/// Runs a poppler tool and returns its standard output.
pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} not runnable (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{cmd} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `pdffonts`: every font embedded, as a subset (with its six-letter tag), with ToUnicode.
/// Returns how many fonts there are.
pub fn assert_fonts_embedded_subset(pdf: &Path) -> usize {
    let listing = run("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type… emb sub uni object ID
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{row}");
        assert!(cols[0].chars().nth(6) == Some('+'), "subset prefix: {row}");
    }
    rows.len()
}

/// `pdftotext -bbox`: every word lies inside the type area within 0.5 mm, except the page
/// numbers, set below it by design, and the empty half of a line-start opening mark. Returns how many words were checked.
pub fn assert_words_inside_type_area(pdf: &Path) -> usize {
    let html = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let pt = 25.4 / 72.0;
    let mut words = 0;
    for line in html.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let attr = |name: &str| -> f32 {
            let key = format!("{name}=\"");
            let start = line.find(&key).unwrap() + key.len();
            line[start..]
                .split('"')
                .next()
                .unwrap()
                .parse::<f32>()
                .unwrap()
                * pt
        };
        let (x0, y0, x1, y1) = (attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"));
        let word = line
            .split('>')
            .nth(1)
            .and_then(|w| w.split('<').next())
            .unwrap_or("");
        let page_number = y0 > AREA_TOP_MM + AREA_HEIGHT_MM
            && word.chars().all(|c| c.is_ascii_digit() || c == '—');
        if page_number {
            continue;
        }
        words += 1;
        // An opening mark that starts a line is set half width (clreq): its
        // empty left half lies outside the type area, its ink inside.
        let hanging = if word.starts_with(|c| "（“‘《〈【〔「『".contains(c)) {
            (y1 - y0) / 2.0
        } else {
            0.0
        };
        assert!(
            x0 >= AREA_LEFT_MM - 0.5 - hanging && x1 <= AREA_LEFT_MM + AREA_WIDTH_MM + 0.5,
            "{line}"
        );
        assert!(
            y0 >= AREA_TOP_MM - 0.5 && y1 <= AREA_TOP_MM + AREA_HEIGHT_MM + 0.5,
            "{line}"
        );
    }
    words
}
