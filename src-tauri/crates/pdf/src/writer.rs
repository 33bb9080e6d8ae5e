//! Pages → PDF bytes with printpdf. Draws exactly what layout decided: every
//! glyph at its own position (printpdf merges a baseline's glyphs into one
//! `TJ`), fonts embedded as subsets with a ToUnicode map (subset here with
//! allsorts, the subsetter printpdf uses, see [`subset_face`]). The output is
//! deterministic: fixed dates, fixed font resource names, and a document ID
//! derived from the content.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Codepoint, Color, FontEmbeddingMode, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix,
};
use thiserror::Error;

use crate::fonts::{FaceId, FontError, FontSet};
use crate::layout::{Ink, Page, PageLayout, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};

#[derive(Debug, Error)]
pub enum WriteError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("PDF程序库无法读取字体“{0}”")]
    UnreadableFont(String),
    #[error("无法生成PDF文件：{0}")]
    Serialize(String),
}

/// The document ID before it is known; same length as the real one so that
/// patching it in keeps every byte offset.
const ID_PLACEHOLDER: &[u8; 32] = b"00000000000000000000000000000000";

pub fn write_pdf(layout: &PageLayout, fonts: &FontSet, title: &str) -> Result<Vec<u8>, WriteError> {
    let metrics = fonts.metrics()?;
    let mut doc = PdfDocument::new(title);
    doc.metadata.info.producer = "nianbao".to_owned();
    doc.metadata.info.creator = "nianbao".to_owned();

    // Every face is subset here, to the glyphs the pages print, before
    // printpdf sees it: printpdf copies and parses whatever font it is given
    // (6–12 MB per bundled CJK face: two thirds of the render time went into
    // that) and would subset and parse it once more itself. The subset keeps
    // the glyph order of `ids`, its cmap, metrics, names and, for CID-keyed
    // CFF, the original CIDs, so the PDF is byte for byte what printpdf's own
    // subsetting wrote.
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    for run in layout.pages.iter().flat_map(|p| &p.runs) {
        let glyphs = used.entry(run.face).or_default();
        glyphs.extend(
            run.text
                .chars()
                .map(|ch| metrics.glyph_id(run.face, ch).unwrap_or(0)),
        );
    }
    let mut warnings = Vec::new();
    let mut glyph_maps = GlyphMaps::default();
    for (&id, glyphs) in &used {
        let face = fonts.face(id);
        let (subset, old_ids) = subset_face(face, glyphs)
            .ok_or_else(|| WriteError::UnreadableFont(face.name().to_owned()))?;
        let mut parsed = ParsedFont::from_bytes(&subset, 0, &mut Vec::new())
            .ok_or_else(|| WriteError::UnreadableFont(face.name().to_owned()))?;
        // Already a subset: printpdf embeds it as it is instead of subsetting
        // and parsing it a second time, so the subset tag (ISO 32000-1, 9.6.4)
        // is ours to put on the name, as printpdf would: NBFNTA+FandolFang-Regular.
        let resource = font_id(id);
        let name = parsed
            .font_name
            .take()
            .unwrap_or_else(|| resource.0.clone());
        parsed.font_name = Some(format!("{}+{name}", resource.0));
        let mut font = PdfFont::new(parsed);
        font.meta.embedding_mode = FontEmbeddingMode::Full;
        font.meta.requires_subsetting = false;
        doc.resources.fonts.map.insert(resource, font);
        glyph_maps.0.insert(id, old_ids);
    }

    let pages = layout
        .pages
        .iter()
        .map(|page| {
            PdfPage::new(
                Mm(PAGE_WIDTH_MM),
                Mm(PAGE_HEIGHT_MM),
                page_ops(page, &metrics, &glyph_maps),
            )
        })
        .collect();
    doc.with_pages(pages);

    let options = PdfSaveOptions {
        // Streams are compressed below, at a faster level than lopdf's best.
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut pdf = doc.to_lopdf_document(&options, &mut warnings);
    clean_metadata(&mut pdf);
    pdf.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::string_literal(ID_PLACEHOLDER.to_vec()),
            lopdf::Object::string_literal(ID_PLACEHOLDER.to_vec()),
        ]),
    );
    compress_streams(&mut pdf);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| WriteError::Serialize(e.to_string()))?;
    patch_document_id(&mut bytes);
    Ok(bytes)
}

/// For every face, the original glyph ids in subset order: a glyph's id in
/// the subset is its position here.
#[derive(Default)]
struct GlyphMaps(BTreeMap<FaceId, Vec<u16>>);

impl GlyphMaps {
    fn subset_gid(&self, face: FaceId, gid: u16) -> u16 {
        self.0
            .get(&face)
            .and_then(|ids| ids.binary_search(&gid).ok())
            .map_or(0, |i| i as u16)
    }
}

/// `face` cut down to .notdef and `glyphs` (a standalone font with its cmap,
/// metrics and names), and the original ids in the subset's glyph order.
fn subset_face(
    face: &crate::fonts::FontFace,
    glyphs: &BTreeSet<u16>,
) -> Option<(Vec<u8>, Vec<u16>)> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};

    let data = ReadScope::new(face.bytes()).read::<FontData<'_>>().ok()?;
    let provider = data.table_provider(face.index() as usize).ok()?;
    // .notdef first, then ascending: allsorts numbers the subset in this order.
    let ids: Vec<u16> = std::iter::once(0)
        .chain(glyphs.iter().copied().filter(|&g| g != 0))
        .collect();
    let bytes = subset(
        &provider,
        &ids,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .ok()?;
    Some((bytes, ids))
}

/// The resource name doubles as the subset tag, which PDF wants as six
/// capital letters: NBFNTA, NBFNTB, …
fn font_id(id: FaceId) -> FontId {
    let letter = char::from(b'A' + (id.0 % 26) as u8);
    FontId(format!("NBFNT{letter}"))
}

fn point(x_mm: f32, y_mm: f32) -> Point {
    Point {
        x: Mm(x_mm).into(),
        y: Mm(PAGE_HEIGHT_MM - y_mm).into(),
    }
}

fn color(ink: Ink) -> Color {
    match ink {
        Ink::Black => Color::Greyscale(Greyscale {
            percent: 0.0,
            icc_profile: None,
        }),
        Ink::Red => Color::Rgb(Rgb {
            r: 0.85,
            g: 0.0,
            b: 0.0,
            icc_profile: None,
        }),
    }
}

fn page_ops(
    page: &Page,
    metrics: &crate::fonts::FontMetrics<'_>,
    glyph_maps: &GlyphMaps,
) -> Vec<Op> {
    let mut ops = Vec::new();
    if !page.rules.is_empty() {
        ops.push(Op::SetOutlineColor {
            col: color(Ink::Black),
        });
        for rule in &page.rules {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.width_pt),
            });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: point(rule.from_mm.0, rule.from_mm.1),
                            bezier: false,
                        },
                        LinePoint {
                            p: point(rule.to_mm.0, rule.to_mm.1),
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
    }
    for frame in &page.frames {
        ops.push(Op::SetOutlineColor {
            col: color(frame.ink),
        });
        ops.push(Op::SetOutlineThickness {
            pt: Pt(frame.width_pt),
        });
        let bottom_left = point(frame.x_mm, frame.y_mm + frame.height_mm);
        ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: bottom_left.x,
                y: bottom_left.y,
                width: Mm(frame.width_mm).into(),
                height: Mm(frame.height_mm).into(),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            },
        });
    }

    ops.push(Op::StartTextSection);
    let mut current: Option<(FaceId, f32, Ink)> = None;
    for run in &page.runs {
        if current.map(|(f, s, _)| (f, s)) != Some((run.face, run.size_pt)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size_pt),
            });
        }
        if current.map(|(_, _, ink)| ink) != Some(run.ink) {
            ops.push(Op::SetFillColor {
                col: color(run.ink),
            });
        }
        current = Some((run.face, run.size_pt, run.ink));
        let size_mm = run.size_pt * 25.4 / 72.0;
        let mut x = run.x_mm;
        for ch in run.text.chars() {
            let gid = glyph_maps.subset_gid(run.face, metrics.glyph_id(run.face, ch).unwrap_or(0));
            let at = point(x, run.baseline_mm);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(at.x, at.y),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                    gid,
                    0.0,
                    ch.to_string(),
                )])],
            });
            x += metrics.advance_em(run.face, ch) * size_mm;
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Deflates every stream not yet filtered. lopdf's own `compress` uses the
/// best (slowest) level: a fifth of the render time. Level 1 measured 396 KB
/// for the sample against 373 KB at level 9, in less time.
fn compress_streams(pdf: &mut lopdf::Document) {
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::new(),
            flate2::Compression::new(COMPRESSION_LEVEL),
        );
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Some(compressed) = compressed.ok().filter(|c| c.len() < stream.content.len()) {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

const COMPRESSION_LEVEL: u32 = 1;

/// Drops the empty PDF/X version marker and the empty text fields printpdf
/// writes into the document information dictionary.
fn clean_metadata(pdf: &mut lopdf::Document) {
    let Ok(info_id) = pdf
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    else {
        return;
    };
    let Ok(info) = pdf
        .get_object_mut(info_id)
        .and_then(lopdf::Object::as_dict_mut)
    else {
        return;
    };
    info.remove(b"GTS_PDFXVersion");
    let empty: Vec<Vec<u8>> = info
        .iter()
        .filter(|(_, v)| is_empty_text(v))
        .map(|(k, _)| k.clone())
        .collect();
    for key in empty {
        info.remove(&key);
    }
}

fn is_empty_text(value: &lopdf::Object) -> bool {
    match value {
        // UTF-16 text with nothing after the byte-order mark counts as empty.
        lopdf::Object::String(bytes, _) => bytes.is_empty() || bytes.as_slice() == [0xFE, 0xFF],
        _ => false,
    }
}

/// Replaces the placeholder document ID with a hash of the file's content.
fn patch_document_id(bytes: &mut [u8]) {
    let (a, b) = (
        fnv1a(bytes, 0xcbf2_9ce4_8422_2325),
        fnv1a(bytes, 0x6c62_272e_07bb_0142),
    );
    let id = format!("{a:016x}{b:016x}");
    // The trailer is at the end of the file: look only there.
    let mut from = bytes.len().saturating_sub(2048);
    while let Some(pos) = find(&bytes[from..], ID_PLACEHOLDER) {
        let at = from + pos;
        bytes[at..at + 32].copy_from_slice(id.as_bytes());
        from = at + 32;
    }
}

fn fnv1a(bytes: &[u8], basis: u64) -> u64 {
    bytes.iter().fold(basis, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
