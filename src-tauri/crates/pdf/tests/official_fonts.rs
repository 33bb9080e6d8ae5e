//! The official typefaces, installed under their customary file names in a fonts folder whose
//! path has Chinese characters and a space: the lookup picks them, and the PDF embeds them as
//! subsets (pdffonts lists them by the names inside the files). Collections (.ttc) embed the
//! face asked for: a CFF collection built here from the bundled faces, and, on Linux, a
//! TrueType collection (WenQuanYi Micro Hei, which .ci/setup installs for the window).

mod common;

use std::path::{Path, PathBuf};

use nianbao_pdf::system_fonts::{find_installed_faces, installed_font_set};
use nianbao_pdf::{render_report, FaceRole, FontFace, FontSet, ReportOptions};
use nianbao_report::sample_report;

const FONTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/");

fn bundled(file: &str) -> Vec<u8> {
    std::fs::read(format!("{FONTS}{file}")).unwrap()
}

/// A fresh folder with Chinese characters and a space in its path.
fn fonts_folder(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("官方 字体 {test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The fonts `pdffonts` lists, without their subset tags.
fn embedded_fonts(pdf: &[u8], name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, pdf).unwrap();
    common::assert_fonts_embedded_subset(&path);
    let listing = common::run("pdffonts", &[path.to_str().unwrap()]);
    let mut names: Vec<String> = listing
        .lines()
        .skip(2)
        .filter_map(|row| row.split_whitespace().next())
        .map(|n| n.split_once('+').map_or(n, |(_, n)| n).to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn text_of(pdf: &[u8], name: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, pdf).unwrap();
    common::run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

#[test]
fn official_file_names_are_picked_and_embedded() {
    let dir = fonts_folder("picked");
    // Stand-ins under the official names: each holds another bundled face, so that the PDF's
    // font names show which file filled which role.
    std::fs::write(
        dir.join("仿宋_GB2312.ttf"),
        bundled("FandolKai-Regular.otf"),
    )
    .unwrap();
    std::fs::write(
        dir.join("方正小标宋简体.TTF"),
        bundled("FandolHei-Regular.otf"),
    )
    .unwrap();
    // simfang is passed over for 仿宋_GB2312.
    std::fs::write(dir.join("simfang.ttf"), bundled("FandolHei-Regular.otf")).unwrap();

    let found = find_installed_faces(std::slice::from_ref(&dir));
    let picked: Vec<(FaceRole, String)> = found
        .iter()
        .map(|f| (f.role, f.path.file_name().unwrap().to_string_lossy().into()))
        .collect();
    assert_eq!(
        picked,
        [
            (FaceRole::Title, "方正小标宋简体.TTF".to_owned()),
            (FaceRole::Fang, "仿宋_GB2312.ttf".to_owned()),
        ]
    );

    let report = sample_report();
    let bundled_pdf =
        render_report(&report, &FontSet::bundled(), ReportOptions::default()).unwrap();
    let official = installed_font_set(std::slice::from_ref(&dir)).unwrap();
    let official_pdf = render_report(&report, &official, ReportOptions::default()).unwrap();

    let before = embedded_fonts(&bundled_pdf, "bundled.pdf");
    let after = embedded_fonts(&official_pdf, "official.pdf");
    assert!(
        before.contains(&"FandolFang-Regular".to_owned()),
        "{before:?}"
    );
    assert!(before.contains(&"FandolSong-Bold".to_owned()), "{before:?}");
    // The body is now set in the file called 仿宋_GB2312 (Kai inside), the title in the one
    // called 方正小标宋简体 (Hei inside): the bundled Fang and Song Bold are gone.
    assert!(
        !after.contains(&"FandolFang-Regular".to_owned()),
        "{after:?}"
    );
    assert!(!after.contains(&"FandolSong-Bold".to_owned()), "{after:?}");
    assert!(after.contains(&"FandolKai-Regular".to_owned()), "{after:?}");
    assert!(after.contains(&"FandolHei-Regular".to_owned()), "{after:?}");
    let text: String = text_of(&official_pdf, "official-text.pdf")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains(&report.title), "the title reads back");
    // Measured with the faces it prints in: every line still inside the type area.
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("official-area.pdf");
    std::fs::write(&path, &official_pdf).unwrap();
    assert!(common::assert_words_inside_type_area(&path) > 50);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A font collection (.ttc) of `fonts`: each font's bytes copied whole, its table offsets moved
/// by where it now starts (they count from the start of the file).
fn collection(fonts: &[Vec<u8>]) -> Vec<u8> {
    let header = 12 + 4 * fonts.len();
    let mut out = Vec::new();
    out.extend_from_slice(b"ttcf");
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    let mut starts = Vec::new();
    let mut at = header;
    for font in fonts {
        starts.push(at);
        at += font.len().next_multiple_of(4);
    }
    for start in &starts {
        out.extend_from_slice(&(*start as u32).to_be_bytes());
    }
    for (font, start) in fonts.iter().zip(&starts) {
        let mut font = font.clone();
        let tables = usize::from(u16::from_be_bytes([font[4], font[5]]));
        for t in 0..tables {
            let field = 12 + 16 * t + 8;
            let offset = u32::from_be_bytes(font[field..field + 4].try_into().unwrap());
            font[field..field + 4].copy_from_slice(&(offset + *start as u32).to_be_bytes());
        }
        out.extend_from_slice(&font);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

#[test]
fn the_face_asked_for_in_a_collection_is_embedded() {
    let dir = fonts_folder("ttc");
    let path = dir.join("simsun.ttc");
    std::fs::write(
        &path,
        collection(&[
            bundled("FandolHei-Regular.otf"),
            bundled("FandolKai-Regular.otf"),
        ]),
    )
    .unwrap();
    assert_eq!(FontFace::faces_in(&std::fs::read(&path).unwrap()), 2);

    // The lookup takes the collection's first face for 宋体 (the page numbers).
    let found = find_installed_faces(std::slice::from_ref(&dir));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].role, FaceRole::Song);

    let report = sample_report();
    for (index, inside) in [(0, "FandolHei-Regular"), (1, "FandolKai-Regular")] {
        let face = FontFace::from_file_at(&path, index).unwrap();
        let fonts = FontSet::bundled().with_face(FaceRole::Fang, face);
        let pdf = render_report(&report, &fonts, ReportOptions::default()).unwrap();
        let names = embedded_fonts(&pdf, &format!("ttc-{index}.pdf"));
        assert!(
            names.contains(&inside.to_owned()),
            "face {index}: {names:?}"
        );
        assert!(
            !names.contains(&"FandolFang-Regular".to_owned()),
            "{names:?}"
        );
        let text = text_of(&pdf, &format!("ttc-{index}-text.pdf"));
        assert!(text.contains("政府信息公开"), "face {index} reads back");
    }
    assert!(FontFace::from_file_at(&path, 2).is_err(), "no third face");
    std::fs::remove_dir_all(dir).unwrap();
}

/// A TrueType collection, as Windows' simsun.ttc is: embedded as CIDFontType2 subsets, text
/// extractable.
#[cfg(target_os = "linux")]
#[test]
fn a_truetype_collection_is_embedded_as_truetype() {
    let wqy = Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    assert!(
        wqy.exists(),
        "{} is missing: run .ci/setup (fonts-wqy-microhei)",
        wqy.display()
    );
    let dir = fonts_folder("truetype");
    let path = dir.join("simsun.ttc");
    std::fs::copy(wqy, &path).unwrap();
    let face = FontFace::from_file_at(&path, 1).unwrap();
    let report = sample_report();
    let fonts = FontSet::bundled().with_face(FaceRole::Fang, face);
    let pdf = render_report(&report, &fonts, ReportOptions::default()).unwrap();
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("truetype.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let listing = common::run("pdffonts", &[path.to_str().unwrap()]);
    let row = listing
        .lines()
        .find(|l| l.contains("WenQuanYiMicroHeiMono"))
        .unwrap_or_else(|| panic!("face 1 (the Mono cut) is embedded:\n{listing}"));
    assert!(row.contains("CID TrueType"), "{row}");
    let text = text_of(&pdf, "truetype-text.pdf");
    assert!(text.contains("政府信息公开"), "the text reads back");
    std::fs::remove_dir_all(dir).unwrap();
}
