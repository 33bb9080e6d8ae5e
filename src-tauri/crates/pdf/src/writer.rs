//! Pages → PDF bytes. Draws exactly what layout decided: every text run at
//! its own position, a line's runs in one `TJ`; fonts embedded as subsets
//! (cut with allsorts) with their widths and a ToUnicode map, so that copying
//! text out of the PDF gives the Chinese characters back.
//!
//! The file is written here directly, object by object: the whole PDF is a
//! catalog, the pages, five fonts and the document information, and writing
//! it by hand costs less than a general PDF library spends on it. The output
//! is deterministic: the same pages give the same bytes, with a document ID
//! derived from the content and no clock read.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;

use thiserror::Error;

use crate::document::Properties;
use crate::fonts::{FaceId, FontError, FontFace, FontMetrics, FontSet};
use crate::layout::{Ink, Page, PageLayout, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};

#[derive(Debug, Error)]
pub enum WriteError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("无法从字体“{0}”中截取所用的字形")]
    UnreadableFont(String),
}

/// Where the time of one write goes, in seconds. The fonts are cut and
/// deflated on threads of their own: `subset` and `compress` add up the time
/// spent on every thread, which overlaps with `write` and with each other.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteTimes {
    /// Cutting the fonts down to the glyphs used.
    pub subset: f64,
    /// Deflating the streams.
    pub compress: f64,
    /// The writing thread's own work: content streams, font dictionaries, the file.
    pub write: f64,
}

const MM: f32 = 72.0 / 25.4;
/// Deflate level (miniz_oxide). Deflating is the largest part of the
/// render: the Fang subset alone is about 350 KB of CFF. Level 1 took 31.6 M
/// instructions and 297 KB for it, level 6 81.6 M for 284 KB; zlib-rs at
/// level 1 (its “quick” static-Huffman mode) 24.3 M but 338 KB, at level 2
/// 46.4 M for 286 KB (callgrind).
const COMPRESSION_LEVEL: i32 = 1;

/// `layout` as a PDF, with `title` and `properties` as its document information.
pub fn write_pdf(
    layout: &PageLayout,
    fonts: &FontSet,
    title: &str,
    properties: &Properties,
) -> Result<Vec<u8>, WriteError> {
    write_pdf_timed(layout, fonts, title, properties).map(|(bytes, _)| bytes)
}

/// [`write_pdf`], saying where the time went.
pub fn write_pdf_timed(
    layout: &PageLayout,
    fonts: &FontSet,
    title: &str,
    properties: &Properties,
) -> Result<(Vec<u8>, WriteTimes), WriteError> {
    let started = std::time::Instant::now();
    let metrics = fonts.metrics()?;

    // Every glyph a page prints, per face, with the character it stands for.
    let mut used: BTreeMap<FaceId, BTreeMap<u16, char>> = BTreeMap::new();
    for run in layout.pages.iter().flat_map(|p| &p.runs) {
        let glyphs = used.entry(run.face).or_default();
        for ch in run.text.chars() {
            glyphs
                .entry(metrics.glyph_id(run.face, ch).unwrap_or(0))
                .or_insert(ch);
        }
    }
    let plans: BTreeMap<FaceId, FontPlan<'_>> = used
        .into_iter()
        .map(|(id, glyphs)| (id, FontPlan::new(fonts, &metrics, id, glyphs)))
        .collect();

    // The fonts are cut and deflated on threads of their own (the Fang
    // subset alone is most of the file) while this one writes the pages.
    // Two jobs beside this thread (the machines have two cores or more): the
    // face with the most glyphs (the body's Fang: most of the file), and the
    // others. More threads only cost their start-up and memory.
    let largest = plans.values().max_by_key(|p| p.glyphs.len()).map(|p| p.id);
    let (big, rest): (Vec<&FontPlan<'_>>, Vec<&FontPlan<'_>>) =
        plans.values().partition(|p| Some(p.id) == largest);
    let cut_all = |jobs: Vec<&FontPlan<'_>>| -> Vec<(FaceId, Option<Cut>)> {
        jobs.into_iter().map(|p| (p.id, p.cut())).collect()
    };
    let (cuts, contents) = std::thread::scope(|scope| {
        // Without a thread to be had (the system refuses one), the work is done here.
        let handles: Vec<_> = [big, rest]
            .into_iter()
            .map(|jobs| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, {
                        let jobs = jobs.clone();
                        move || cut_all(jobs)
                    })
                    .map_err(|_| cut_all(jobs))
            })
            .collect();
        let contents: Vec<Stream> = layout
            .pages
            .iter()
            .map(|page| Stream::deflated(page_content(page, &metrics, &plans)))
            .collect();
        let pages_written = started.elapsed().as_secs_f64();
        let mut cuts: BTreeMap<FaceId, Option<Cut>> = BTreeMap::new();
        for handle in handles {
            let done = match handle {
                Ok(thread) => thread.join().unwrap_or_default(),
                Err(done) => done,
            };
            cuts.extend(done);
        }
        (cuts, (contents, pages_written))
    });
    let (contents, pages_written) = contents;
    let assembling = std::time::Instant::now();

    let mut times = WriteTimes::default();
    let mut pdf = PdfFile::default();
    let catalog = pdf.reserve();
    let pages_id = pdf.reserve();
    let mut font_objects = Vec::with_capacity(plans.len());
    let mut cuts = cuts;
    for (&face_id, plan) in &plans {
        let cut = cuts
            .remove(&face_id)
            .flatten()
            .ok_or_else(|| WriteError::UnreadableFont(plan.face.name().to_owned()))?;
        times.subset += cut.subset;
        times.compress += cut.program.seconds + cut.to_unicode.seconds;
        font_objects.push((face_id, plan.embed(&mut pdf, &metrics, cut)));
    }
    let mut resources = String::from("<</Font<<");
    for (face_id, object) in &font_objects {
        let _ = write!(resources, "/{} {object} 0 R", font_name(*face_id));
    }
    resources.push_str(">>>>");
    let resources_id = pdf.add(resources.into_bytes());

    let mut kids = Vec::with_capacity(contents.len());
    for content in &contents {
        times.compress += content.seconds;
        let content_id = pdf.add_stream(&[], content);
        kids.push(pdf.add(
            format!(
                "<</Type/Page/Parent {pages_id} 0 R/MediaBox[0 0 {} {}]/Resources {resources_id} 0 R/Contents {content_id} 0 R>>",
                num(PAGE_WIDTH_MM * MM),
                num(PAGE_HEIGHT_MM * MM)
            )
            .into_bytes(),
        ));
    }
    let kid_list: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    pdf.set(
        pages_id,
        format!(
            "<</Type/Pages/Kids[{}]/Count {}>>",
            kid_list.join(" "),
            kids.len()
        )
        .into_bytes(),
    );
    pdf.set(
        catalog,
        format!("<</Type/Catalog/Pages {pages_id} 0 R>>").into_bytes(),
    );
    let info = pdf.add(info_dictionary(title, properties).into_bytes());
    let bytes = pdf.finish(catalog, info);
    // This thread's own work: the glyph lists, the content streams (less
    // their deflating) and the file. Subsetting and deflating are the time
    // spent on them on every thread: they overlap with this and each other.
    let contents_deflated: f64 = contents.iter().map(|c| c.seconds).sum();
    times.write = pages_written - contents_deflated + assembling.elapsed().as_secs_f64();
    Ok((bytes, times))
}

/// The document information dictionary: title, the unit as author, subject,
/// keywords, the producer and, when known, the creation date. No
/// modification date: a file written twice from the same report is the same.
fn info_dictionary(title: &str, p: &Properties) -> String {
    let mut info = String::from("<<");
    for (key, value) in [
        ("Title", title.to_owned()),
        ("Author", p.author.clone()),
        ("Subject", p.subject.clone()),
        ("Keywords", p.keywords.join("，")),
    ] {
        if !value.trim().is_empty() {
            let _ = write!(info, "/{key}{}", text_string(&value));
        }
    }
    info.push_str("/Creator(nianbao)/Producer(nianbao)");
    if let Some((year, month, day)) = p.created {
        // A calendar day, not an instant: no time zone, so that a reader
        // shows the day the office signed wherever the file is opened.
        let _ = write!(info, "/CreationDate(D:{year:04}{month:02}{day:02})");
    }
    info.push_str(">>");
    info
}

/// A PDF text string: UTF-16BE with a byte-order mark, in hex.
fn text_string(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        let _ = write!(out, "{unit:04X}");
    }
    out.push('>');
    out
}

/// The resource name of a face: F0, F1, …
fn font_name(id: FaceId) -> String {
    format!("F{}", id.0)
}

/// The subset tag (ISO 32000-1, 9.6.4) is six capital letters: NBFNTA, NBFNTB, …
fn subset_tag(id: FaceId) -> String {
    let letter = char::from(b'A' + (id.0 % 26) as u8);
    format!("NBFNT{letter}")
}

/// How a face will be embedded: the glyphs it keeps, in subset order, and
/// the code each is shown by.
struct FontPlan<'a> {
    id: FaceId,
    face: &'a FontFace,
    /// The raw CFF table of a CID-keyed CFF face, embedded bare.
    cid_keyed_cff: Option<&'a [u8]>,
    /// Original glyph ids in subset order: .notdef first, then ascending
    /// (allsorts numbers the subset in this order).
    ids: Vec<u16>,
    /// For every used original glyph id, its code in the content streams:
    /// the CID in a CID-keyed font (the subset keeps them), else its new id.
    codes: BTreeMap<u16, u16>,
    /// Every used glyph with the character it prints.
    glyphs: BTreeMap<u16, char>,
    units_per_em: f32,
}

/// A face cut down and deflated, ready to embed.
struct Cut {
    kind: ProgramKind,
    program: Stream,
    to_unicode: Stream,
    /// Seconds spent cutting.
    subset: f64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ProgramKind {
    /// CID-keyed CFF, embedded bare: codes are the charset's CIDs.
    BareCff,
    /// Name-keyed CFF in its OpenType wrapper: codes are glyph ids.
    OpenType,
    /// TrueType outlines: codes are glyph ids.
    TrueType,
}

impl<'a> FontPlan<'a> {
    fn new(
        fonts: &'a FontSet,
        metrics: &'a FontMetrics<'a>,
        face_id: FaceId,
        glyphs: BTreeMap<u16, char>,
    ) -> FontPlan<'a> {
        let ids: Vec<u16> = std::iter::once(0)
            .chain(glyphs.keys().copied().filter(|&g| g != 0))
            .collect();
        let cid_keyed_cff = metrics
            .cff_table(face_id)
            .filter(|_| metrics.is_cid_keyed(face_id));
        let codes = ids
            .iter()
            .enumerate()
            .map(|(new, &old)| {
                let code = match cid_keyed_cff {
                    Some(_) => metrics.cid(face_id, old).unwrap_or(new as u16),
                    None => new as u16,
                };
                (old, code)
            })
            .collect();
        FontPlan {
            id: face_id,
            face: fonts.face(face_id),
            cid_keyed_cff,
            ids,
            codes,
            glyphs,
            units_per_em: f32::from(metrics.face(face_id).units_per_em()),
        }
    }

    /// Cuts the face down to the plan's glyphs and deflates it and its
    /// ToUnicode map. Runs on a thread of its own.
    fn cut(&self) -> Option<Cut> {
        let started = std::time::Instant::now();
        let (kind, bytes) = match self.cid_keyed_cff {
            // The usual CJK font: only its CFF table is embedded, so only that
            // is cut (not the cmap, metrics and names a whole font would need).
            Some(cff) => (ProgramKind::BareCff, subset_cid_keyed_cff(cff, &self.ids)?),
            None => {
                use allsorts::binary::read::ReadScope;
                use allsorts::font_data::FontData;
                use allsorts::subset::{subset, CmapTarget, SubsetProfile};

                let data = ReadScope::new(self.face.bytes())
                    .read::<FontData<'_>>()
                    .ok()?;
                let provider = data.table_provider(self.face.index() as usize).ok()?;
                let sfnt = subset(
                    &provider,
                    &self.ids,
                    &SubsetProfile::Minimal,
                    CmapTarget::Unicode,
                )
                .ok()?;
                if sfnt.starts_with(b"OTTO") {
                    (ProgramKind::OpenType, sfnt)
                } else {
                    (ProgramKind::TrueType, sfnt)
                }
            }
        };
        let subset = started.elapsed().as_secs_f64();
        let mut by_code: Vec<(u16, char)> = self
            .glyphs
            .iter()
            .map(|(gid, &ch)| (self.codes[gid], ch))
            .collect();
        by_code.sort_unstable();
        Some(Cut {
            kind,
            program: Stream::deflated(bytes),
            to_unicode: Stream::deflated(to_unicode_cmap(&by_code).into_bytes()),
            subset,
        })
    }

    /// Writes the font's objects; returns the Type0 font's object number.
    fn embed(&self, pdf: &mut PdfFile, metrics: &FontMetrics<'_>, cut: Cut) -> usize {
        let face_id = self.id;
        let face = metrics.face(face_id);
        let name = format!(
            "{}+{}",
            subset_tag(face_id),
            metrics.postscript_name(face_id)
        );
        let length1 = cut.program.raw_len.to_string();
        let (subtype, file_key, file_entries): (&str, &str, Vec<(&str, &str)>) = match cut.kind {
            ProgramKind::BareCff => (
                "CIDFontType0",
                "FontFile3",
                vec![("Subtype", "/CIDFontType0C")],
            ),
            ProgramKind::OpenType => ("CIDFontType0", "FontFile3", vec![("Subtype", "/OpenType")]),
            ProgramKind::TrueType => ("CIDFontType2", "FontFile2", vec![("Length1", &length1)]),
        };
        let file = pdf.add_stream(&file_entries, &cut.program);

        let upm = self.units_per_em;
        let scale = |v: f32| (v * 1000.0 / upm).round() as i32;
        let bbox = face.global_bounding_box();
        let ascent = scale(face.ascender().into());
        let descent = scale(face.descender().into());
        let cap_height = face.capital_height().map_or(ascent, |c| scale(c.into()));
        let weight = face.weight().to_number();
        let stem_v = 50 + (f32::from(weight) / 65.0).powi(2).round() as i32;
        let descriptor = pdf.add(
            format!(
                "<</Type/FontDescriptor/FontName/{name}/Flags 4/FontBBox[{} {} {} {}]/ItalicAngle 0/Ascent {ascent}/Descent {descent}/CapHeight {cap_height}/StemV {stem_v}/{file_key} {file} 0 R>>",
                scale(bbox.x_min.into()),
                scale(bbox.y_min.into()),
                scale(bbox.x_max.into()),
                scale(bbox.y_max.into()),
            )
            .into_bytes(),
        );

        // Widths in thousandths of an em, by code; 1000 (a full-width
        // character) is the default and left out.
        let mut by_code: Vec<(u16, i32)> = self
            .glyphs
            .keys()
            .map(|&gid| {
                let width = metrics.glyph_advance(face_id, gid) * 1000.0 / upm;
                (self.codes[&gid], width.round() as i32)
            })
            .collect();
        by_code.sort_unstable();
        let mut widths = String::new();
        let mut last: Option<u16> = None;
        for &(code, width) in by_code.iter().filter(|&&(_, w)| w != 1000) {
            if last.is_some_and(|l| l + 1 == code) {
                let _ = write!(widths, " {width}");
            } else {
                if last.is_some() {
                    widths.push(']');
                }
                let _ = write!(widths, "{code}[{width}");
            }
            last = Some(code);
        }
        if last.is_some() {
            widths.push(']');
        }
        let cid_to_gid = if cut.kind == ProgramKind::TrueType {
            "/CIDToGIDMap/Identity"
        } else {
            ""
        };
        let descendant = pdf.add(
            format!(
                "<</Type/Font/Subtype/{subtype}/BaseFont/{name}/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor {descriptor} 0 R/DW 1000/W[{widths}]{cid_to_gid}>>"
            )
            .into_bytes(),
        );
        let to_unicode = pdf.add_stream(&[], &cut.to_unicode);
        pdf.add(
            format!(
                "<</Type/Font/Subtype/Type0/BaseFont/{name}/Encoding/Identity-H/DescendantFonts[{descendant} 0 R]/ToUnicode {to_unicode} 0 R>>"
            )
            .into_bytes(),
        )
    }
}

/// A CID-keyed CFF table cut down to the glyphs `ids` (in that order); each
/// glyph keeps its CID.
fn subset_cid_keyed_cff(cff: &[u8], ids: &[u16]) -> Option<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::binary::write::{WriteBinary, WriteBuffer};
    use allsorts::cff::CFF;

    let table = ReadScope::new(cff).read::<CFF<'_>>().ok()?;
    let subset: CFF<'_> = table.subset(ids, false).ok()?.into();
    let mut out = WriteBuffer::new();
    CFF::write(&mut out, &subset).ok()?;
    Some(out.into_inner())
}

/// The ToUnicode CMap: every code back to its character.
fn to_unicode_cmap(by_code: &[(u16, char)]) -> String {
    let mut cmap = String::from(
        "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
         /CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n",
    );
    for chunk in by_code.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for &(code, ch) in chunk {
            let _ = write!(cmap, "<{code:04X}><");
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                let _ = write!(cmap, "{unit:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    cmap
}

/// A number as PDF writes it: at most two decimals, no trailing zeros.
fn num(v: f32) -> String {
    let mut s = String::new();
    push_num(&mut s, v);
    s
}

/// `v` rounded to the hundredths [`push_num`] writes.
fn hundredths(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Appends [`num`]`(v)` without formatting machinery: the content streams
/// hold some tens of thousands of numbers.
fn push_num(out: &mut String, v: f32) {
    let h = (v * 100.0).round() as i64;
    if h < 0 {
        out.push('-');
    }
    let h = h.unsigned_abs();
    let _ = write!(out, "{}", h / 100);
    let frac = h % 100;
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if !frac.is_multiple_of(10) {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
    }
}

fn push_hex4(out: &mut String, code: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(char::from(HEX[usize::from((code >> shift) & 0xF)]));
    }
}

fn ink_colour(ink: Ink) -> &'static str {
    match ink {
        Ink::Black => "0",
        Ink::Red => "0.85 0 0",
    }
}

/// The page's content stream: rules and frames, then the text, each line's
/// runs of one face in a single `TJ` whose numbers close the gaps between them.
fn page_content(
    page: &Page,
    metrics: &FontMetrics<'_>,
    fonts: &BTreeMap<FaceId, FontPlan<'_>>,
) -> Vec<u8> {
    let mut out = String::with_capacity(8 * 1024);
    let y = |y_mm: f32| num((PAGE_HEIGHT_MM - y_mm) * MM);
    let x = |x_mm: f32| num(x_mm * MM);
    let mut width = f32::NAN;
    for rule in &page.rules {
        if rule.width_pt != width {
            width = rule.width_pt;
            let _ = writeln!(out, "{} w", num(width));
        }
        let _ = writeln!(
            out,
            "{} {} m {} {} l S",
            x(rule.from_mm.0),
            y(rule.from_mm.1),
            x(rule.to_mm.0),
            y(rule.to_mm.1)
        );
    }
    for frame in &page.frames {
        let colour = ink_colour(frame.ink);
        let stroke = if frame.ink == Ink::Black { "G" } else { "RG" };
        let _ = writeln!(
            out,
            "{colour} {stroke} {} w {} {} {} {} re S 0 G",
            num(frame.width_pt),
            x(frame.x_mm),
            y(frame.y_mm + frame.height_mm),
            num(frame.width_mm * MM),
            num(frame.height_mm * MM)
        );
    }

    out.push_str("BT\n");
    let mut font: Option<(FaceId, f32)> = None;
    let mut ink = Ink::Black;
    // The open TJ: its baseline and face, and where its pen stands (in pt).
    let mut open: Option<(f32, FaceId, f32, f32)> = None;
    for run in &page.runs {
        let embedded = &fonts[&run.face];
        let key = (run.face, run.size_pt);
        let continues = open.is_some_and(|(baseline, face, size, _)| {
            baseline == run.baseline_mm && face == run.face && size == run.size_pt
        }) && run.ink == ink;
        let mut pen = match open {
            Some((.., pen)) if continues => {
                // Close the gap from the pen to the run, in thousandths of an em.
                let gap = (run.x_mm * MM - pen) * 1000.0 / run.size_pt;
                let adjust = (-gap * 10.0).round() / 10.0;
                if adjust != 0.0 {
                    push_num(&mut out, adjust);
                }
                pen - adjust * run.size_pt / 1000.0
            }
            _ => {
                if open.is_some() {
                    out.push_str("]TJ\n");
                }
                if font != Some(key) {
                    let _ = writeln!(out, "/{} {} Tf", font_name(run.face), num(run.size_pt));
                    font = Some(key);
                }
                if run.ink != ink {
                    let colour = ink_colour(run.ink);
                    let fill = if run.ink == Ink::Black { "g" } else { "rg" };
                    let _ = writeln!(out, "{colour} {fill}");
                    ink = run.ink;
                }
                out.push_str("1 0 0 1 ");
                push_num(&mut out, run.x_mm * MM);
                out.push(' ');
                push_num(&mut out, (PAGE_HEIGHT_MM - run.baseline_mm) * MM);
                out.push_str(" Tm[");
                // The pen as the viewer has it, from the rounded position written.
                hundredths(run.x_mm * MM)
            }
        };
        out.push('<');
        for ch in run.text.chars() {
            let gid = metrics.glyph_id(run.face, ch).unwrap_or(0);
            push_hex4(&mut out, embedded.codes.get(&gid).copied().unwrap_or(0));
            let advance = metrics.glyph_advance(run.face, gid) * 1000.0 / embedded.units_per_em;
            pen += advance.round() * run.size_pt / 1000.0;
        }
        out.push('>');
        open = Some((run.baseline_mm, run.face, run.size_pt, pen));
    }
    if open.is_some() {
        out.push_str("]TJ\n");
    }
    out.push_str("ET\n");
    out.into_bytes()
}

/// A stream's data, deflated when that makes it smaller.
struct Stream {
    bytes: Vec<u8>,
    deflated: bool,
    /// The length before deflating.
    raw_len: usize,
    /// Seconds spent deflating.
    seconds: f64,
}

impl Stream {
    fn deflated(data: Vec<u8>) -> Stream {
        let started = std::time::Instant::now();
        let deflated = zlib(&data).filter(|d| d.len() < data.len());
        let seconds = started.elapsed().as_secs_f64();
        let raw_len = data.len();
        match deflated {
            Some(bytes) => Stream {
                bytes,
                deflated: true,
                raw_len,
                seconds,
            },
            None => Stream {
                bytes: data,
                deflated: false,
                raw_len,
                seconds,
            },
        }
    }
}

/// Streams at least this long are deflated in two halves at once, as pigz
/// does: the Fang subset (some 350 KB) would otherwise be the longest task.
const SPLIT_FROM: usize = 128 * 1024;

/// `data` as a zlib stream, `None` when deflating fails.
fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::deflate::core::TDEFLFlush;
    if data.len() < SPLIT_FROM {
        return deflate(data, true, TDEFLFlush::Finish);
    }
    // The front half ends on a byte boundary without closing the stream
    // (a sync flush), the back half starts afresh and closes it: together
    // one valid deflate stream, the back half merely not referring back.
    let (front, back) = data.split_at(data.len() / 2);
    let (front, back) = std::thread::scope(|scope| {
        let task = std::thread::Builder::new()
            .spawn_scoped(scope, || deflate(front, false, TDEFLFlush::Sync));
        let back = deflate(back, false, TDEFLFlush::Finish);
        let front = match task {
            Ok(thread) => thread.join().ok().flatten(),
            Err(_) => deflate(front, false, TDEFLFlush::Sync),
        };
        (front, back)
    });
    let (front, back) = (front?, back?);
    let mut out = Vec::with_capacity(front.len() + back.len() + 6);
    // zlib header: deflate with a 32 KB window, fastest level, check bits.
    out.extend_from_slice(&[0x78, 0x01]);
    out.extend_from_slice(&front);
    out.extend_from_slice(&back);
    out.extend_from_slice(&adler32(data).to_be_bytes());
    Some(out)
}

/// `data` deflated with miniz_oxide, as a zlib stream (`zlib`) or raw
/// blocks, ended by `flush`. miniz_oxide is called directly, not through
/// flate2: flate2 switches to whichever backend another crate of the
/// program asks for (the formats crate's zip brings zlib-rs, whose level 1
/// wrote 15 % more for the sample).
fn deflate(
    data: &[u8],
    zlib: bool,
    flush: miniz_oxide::deflate::core::TDEFLFlush,
) -> Option<Vec<u8>> {
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
    };
    let sync = matches!(flush, TDEFLFlush::Sync);
    let window_bits = if zlib { 15 } else { -15 };
    let flags = create_comp_flags_from_zip_params(COMPRESSION_LEVEL, window_bits, 0);
    let mut compressor = CompressorOxide::new(flags);
    let mut out = vec![0; data.len() + data.len() / 64 + 64];
    let (mut input, mut written) = (data, 0);
    loop {
        let (status, used, wrote) = compress(&mut compressor, input, &mut out[written..], flush);
        input = input.get(used..)?;
        written += wrote;
        match status {
            TDEFLStatus::Done => break,
            // A sync flush is through when the input is and room is left.
            TDEFLStatus::Okay if sync && input.is_empty() && written < out.len() => break,
            TDEFLStatus::Okay if used > 0 || wrote > 0 => {
                if out.len() - written < 64 {
                    out.resize(out.len() * 2, 0);
                }
            }
            _ => return None,
        }
    }
    out.truncate(written);
    Some(out)
}

/// The Adler-32 checksum that ends a zlib stream (RFC 1950).
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes are the most that cannot overflow `b` before the modulo.
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// A PDF file being written: numbered objects, then the cross-reference table.
#[derive(Default)]
struct PdfFile {
    /// Object n is `objects[n - 1]`: its body, and its stream when it has one.
    objects: Vec<Vec<u8>>,
}

impl PdfFile {
    fn reserve(&mut self) -> usize {
        self.objects.push(Vec::new());
        self.objects.len()
    }

    fn set(&mut self, id: usize, body: Vec<u8>) {
        self.objects[id - 1] = body;
    }

    fn add(&mut self, body: Vec<u8>) -> usize {
        self.objects.push(body);
        self.objects.len()
    }

    /// A stream object with `entries` in its dictionary.
    fn add_stream(&mut self, entries: &[(&str, &str)], stream: &Stream) -> usize {
        let mut object = Vec::with_capacity(stream.bytes.len() + 64);
        object.extend_from_slice(b"<<");
        for (key, value) in entries {
            let _ = write!(object, "/{key} {value}");
        }
        let filter = if stream.deflated {
            "/Filter/FlateDecode"
        } else {
            ""
        };
        let _ = write!(object, "{filter}/Length {}>>\nstream\n", stream.bytes.len());
        object.extend_from_slice(&stream.bytes);
        object.extend_from_slice(b"\nendstream");
        self.add(object)
    }

    /// The file: header, objects, cross-reference table and trailer, with a
    /// document ID hashed from everything before it.
    fn finish(self, root: usize, info: usize) -> Vec<u8> {
        let size: usize = self.objects.iter().map(|o| o.len() + 32).sum();
        let mut out = Vec::with_capacity(size + 20 * self.objects.len() + 256);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            let _ = writeln!(out, "{} 0 obj", i + 1);
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let _ = write!(
            out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.objects.len() + 1
        );
        for offset in offsets {
            let _ = writeln!(out, "{offset:010} 00000 n ");
        }
        let id = format!(
            "{:016x}{:016x}",
            hash(&out, 0xcbf2_9ce4_8422_2325),
            hash(&out, 0x6c62_272e_07bb_0142)
        );
        let _ = write!(
            out,
            "trailer\n<</Size {}/Root {root} 0 R/Info {info} 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        );
        out
    }
}

/// A 64-bit hash of `bytes` from `seed`, eight bytes a step (the file is a
/// few hundred kilobytes; a byte-wise hash cost a millisecond).
fn hash(bytes: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut words = bytes.chunks_exact(8);
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        h = (h.rotate_left(23) ^ w).wrapping_mul(K);
    }
    for &b in words.remainder() {
        h = (h.rotate_left(23) ^ u64::from(b)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec_zlib(bytes).expect("a valid zlib stream")
    }

    #[test]
    fn a_long_stream_deflated_in_halves_inflates_to_itself() {
        let data: Vec<u8> = (0..SPLIT_FROM as u32 * 3)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 27) as u8 ^ (i / 7) as u8)
            .collect();
        let deflated = zlib(&data).unwrap();
        assert!(deflated.len() < data.len());
        assert_eq!(inflate(&deflated), data);
        let short = b"BT /F2 16 Tf 1 0 0 1 79.37 720.3 Tm[<0001><0002>]TJ ET".repeat(40);
        assert_eq!(inflate(&zlib(&short).unwrap()), short);
    }

    #[test]
    fn adler32_is_rfc_1950s() {
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(&[]), 1);
    }
}
