//! Published reports read back in: the seed text, flattened tables, the project's own web page
//! and Word file, GB18030 text.

use nianbao_formats::published::{decode_text, read_published_text, Published};
use nianbao_report::sample_report;

const SEED: &str = include_str!("../../../../tests/fixtures/published/shucheng-2020.txt");

fn assert_same(read: &Published) {
    let sample = sample_report();
    let r = &read.report;
    assert_eq!(r.unit, sample.unit);
    assert_eq!((r.year, r.edition), (sample.year, sample.edition));
    assert_eq!(r.title, sample.title);
    assert_eq!(r.opening, sample.opening);
    for (i, (got, want)) in r.sections.iter().zip(&sample.sections).enumerate() {
        assert_eq!(got.paragraphs.len(), want.paragraphs.len(), "section {i}");
        for (g, w) in got.paragraphs.iter().zip(&want.paragraphs) {
            assert_eq!(g, w, "section {i}");
        }
    }
    for (key, value) in sample.figures.iter() {
        assert_eq!(r.figures.get(key), Some(value), "{key}");
    }
    assert_eq!(r.sign_off, sample.sign_off);
    assert_eq!(r, &sample);
    assert!(read.doubtful.is_empty(), "{:?}", read.doubtful);
}

#[test]
fn the_seed_text_reads_as_the_sample() {
    let read = read_published_text(SEED).unwrap();
    assert_same(&read);
    assert!(read.notes.is_empty(), "{:?}", read.notes);
}

#[test]
fn text_files_in_utf8_with_or_without_bom_and_in_gb18030() {
    assert_eq!(decode_text(SEED.as_bytes()), SEED);
    let bom = [b"\xEF\xBB\xBF".as_slice(), SEED.as_bytes()].concat();
    assert_eq!(decode_text(&bom), SEED);
    // “一、总体情况” in GB18030, as Notepad on a Chinese Windows saves it.
    let gb = [
        0xD2, 0xBB, 0xA1, 0xA2, 0xD7, 0xDC, 0xCC, 0xE5, 0xC7, 0xE9, 0xBF, 0xF6,
    ];
    assert_eq!(decode_text(&gb), "一、总体情况");
    let (encoded, _, _) = encoding_rs::GB18030.encode(SEED);
    assert_ne!(&encoded[..], SEED.as_bytes());
    let read = read_published_text(&decode_text(&encoded)).unwrap();
    assert_same(&read);
}
