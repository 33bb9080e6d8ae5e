//! The faces a document is set in, all reached through one [`FontSet`].
//!
//! Layout measures with the same bytes the writer embeds, so what is measured
//! is what is printed. The bundled set is the Fandol family (GPL with the font
//! exception) plus Noto Serif SC (OFL) as the wide-coverage fallback; a font
//! directory may replace any role with an installed system font.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The typographic role a face plays on the page (GB/T 9704 names in brackets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceRole {
    /// The title face (小标宋, a heavy Song).
    Title,
    /// Song (宋体), used for page numbers.
    Song,
    /// FangSong (仿宋), the body face.
    Fang,
    /// Hei (黑体), for 一、 headings.
    Hei,
    /// Kai (楷体), for （一） headings.
    Kai,
}

impl FaceRole {
    /// Every role, in the order the clerk sees them.
    pub const ALL: [FaceRole; 5] = [
        FaceRole::Title,
        FaceRole::Fang,
        FaceRole::Hei,
        FaceRole::Kai,
        FaceRole::Song,
    ];

    fn slot(self) -> usize {
        self as usize
    }

    /// The role's key in settings and on the wire: `title`, `song`, `fang`, `hei`, `kai`.
    pub fn key(self) -> &'static str {
        match self {
            FaceRole::Title => "title",
            FaceRole::Song => "song",
            FaceRole::Fang => "fang",
            FaceRole::Hei => "hei",
            FaceRole::Kai => "kai",
        }
    }

    /// The role from its [`key`](FaceRole::key).
    pub fn from_key(key: &str) -> Option<FaceRole> {
        FaceRole::ALL.into_iter().find(|r| r.key() == key)
    }

    /// What the role sets, as the clerk calls it.
    pub fn label(self) -> &'static str {
        match self {
            FaceRole::Title => "标题",
            FaceRole::Song => "页码",
            FaceRole::Fang => "正文",
            FaceRole::Hei => "一级标题",
            FaceRole::Kai => "二级标题",
        }
    }

    /// The typeface GB/T 9704 sets the role in.
    pub fn official_face(self) -> &'static str {
        match self {
            FaceRole::Title => "方正小标宋简体",
            FaceRole::Song => "宋体",
            FaceRole::Fang => "仿宋_GB2312",
            FaceRole::Hei => "黑体",
            FaceRole::Kai => "楷体_GB2312",
        }
    }
}

/// A face bundled with nianbao, used wherever no installed face is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundledFace {
    /// The file name, as in `fonts/`.
    pub file: &'static str,
    /// The face's name as the clerk sees it.
    pub name: &'static str,
    /// The role it fills when nothing else is chosen.
    pub role: FaceRole,
}

/// The bundled faces, one per role (in the order of their place in [`FontSet::bundled`]).
pub const BUNDLED_FACES: [BundledFace; 5] = [
    BundledFace {
        file: "FandolSong-Bold.otf",
        name: "Fandol宋体（粗）",
        role: FaceRole::Title,
    },
    BundledFace {
        file: "NotoSerifSC-Regular.otf",
        name: "思源宋体",
        role: FaceRole::Song,
    },
    BundledFace {
        file: "FandolFang-Regular.otf",
        name: "Fandol仿宋",
        role: FaceRole::Fang,
    },
    BundledFace {
        file: "FandolHei-Regular.otf",
        name: "Fandol黑体",
        role: FaceRole::Hei,
    },
    BundledFace {
        file: "FandolKai-Regular.otf",
        name: "Fandol楷体",
        role: FaceRole::Kai,
    },
];

impl BundledFace {
    /// The bundled face that fills `role` by default.
    pub fn for_role(role: FaceRole) -> BundledFace {
        BUNDLED_FACES
            .into_iter()
            .find(|b| b.role == role)
            .expect("a bundled face for every role")
    }

    /// The bundled face stored as `file`.
    pub fn named(file: &str) -> Option<BundledFace> {
        BUNDLED_FACES.into_iter().find(|b| b.file == file)
    }

    /// The face itself (its bytes are part of the program).
    pub fn face(self) -> FontFace {
        let bytes: &'static [u8] = match self.file {
            "FandolSong-Bold.otf" => include_bytes!("../fonts/FandolSong-Bold.otf"),
            "FandolFang-Regular.otf" => include_bytes!("../fonts/FandolFang-Regular.otf"),
            "FandolHei-Regular.otf" => include_bytes!("../fonts/FandolHei-Regular.otf"),
            "FandolKai-Regular.otf" => include_bytes!("../fonts/FandolKai-Regular.otf"),
            _ => include_bytes!("../fonts/NotoSerifSC-Regular.otf"),
        };
        FontFace {
            name: self.file.to_owned(),
            bytes: Cow::Borrowed(bytes),
            index: 0,
        }
    }
}

/// Index of a face inside its [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub(crate) usize);

#[derive(Debug, Error)]
pub enum FontError {
    #[error("无法读取字体文件“{}”", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("“{name}”不是可用的OpenType/TrueType字体：{reason}")]
    Parse { name: String, reason: String },
}

/// One font face: its bytes and the face index inside a collection.
#[derive(Debug, Clone)]
pub struct FontFace {
    name: String,
    bytes: Cow<'static, [u8]>,
    index: u32,
}

impl FontFace {
    /// A face from bytes, checked to parse. `index` selects the face of a `.ttc`.
    pub fn from_bytes(
        name: impl Into<String>,
        bytes: impl Into<Cow<'static, [u8]>>,
        index: u32,
    ) -> Result<Self, FontError> {
        let face = FontFace {
            name: name.into(),
            bytes: bytes.into(),
            index,
        };
        face.parse()?;
        Ok(face)
    }

    /// A face read from a file (the first face of a collection).
    pub fn from_file(path: &Path) -> Result<Self, FontError> {
        FontFace::from_file_at(path, 0)
    }

    /// Face `index` of a file: 0 for a single font, the face's place in a `.ttc` collection.
    pub fn from_file_at(path: &Path, index: u32) -> Result<Self, FontError> {
        let bytes = std::fs::read(path).map_err(|source| FontError::Read {
            path: path.to_owned(),
            source,
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        FontFace::from_bytes(name, bytes, index)
    }

    /// How many faces a font file's bytes hold: a `.ttc` collection several, any other font one.
    pub fn faces_in(bytes: &[u8]) -> u32 {
        ttf_parser::fonts_in_collection(bytes).unwrap_or(1)
    }

    /// The face's family name as its name table gives it, the Chinese one when it has one.
    pub fn family_name(&self) -> Option<String> {
        let face = self.parse().ok()?;
        let names: Vec<_> = face
            .names()
            .into_iter()
            .filter(|n| {
                n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                    || n.name_id == ttf_parser::name_id::FAMILY
            })
            .collect();
        // Windows' Chinese (PRC) language id first, then any readable one.
        let chinese = names
            .iter()
            .filter(|n| n.language_id == 0x0804)
            .find_map(|n| n.to_string());
        chinese.or_else(|| names.iter().find_map(|n| n.to_string()))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(crate) fn index(&self) -> u32 {
        self.index
    }

    pub(crate) fn parse(&self) -> Result<ttf_parser::Face<'_>, FontError> {
        ttf_parser::Face::parse(&self.bytes, self.index).map_err(|e| FontError::Parse {
            name: self.name.clone(),
            reason: e.to_string(),
        })
    }
}

/// The faces for every role plus the fallbacks tried, in order, for a
/// character the role's face lacks.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: Vec<FontFace>,
    roles: [usize; 5],
    fallbacks: Vec<usize>,
}

impl FontSet {
    /// The bundled open-licence fonts: they work on any machine, offline.
    pub fn bundled() -> FontSet {
        let mut roles = [0; 5];
        let faces = BUNDLED_FACES
            .iter()
            .enumerate()
            .map(|(i, b)| {
                roles[b.role.slot()] = i;
                b.face()
            })
            .collect();
        FontSet {
            faces,
            roles,
            // Noto Serif SC: the widest coverage.
            fallbacks: vec![roles[FaceRole::Song.slot()]],
        }
    }

    /// The bundled set with every role for which `dir` holds an official face, under one of
    /// the file names [`crate::system_fonts::KNOWN_FACES`] lists, replaced by that face.
    /// File names are matched case-insensitively; a folder that cannot be read is an error.
    pub fn with_font_dir(dir: &Path) -> Result<FontSet, FontError> {
        std::fs::read_dir(dir).map_err(|source| FontError::Read {
            path: dir.to_owned(),
            source,
        })?;
        crate::system_fonts::installed_font_set(&[dir.to_owned()])
    }

    /// This set with `role` set in `face`.
    pub fn with_face(mut self, role: FaceRole, face: FontFace) -> FontSet {
        self.faces.push(face);
        self.roles[role.slot()] = self.faces.len() - 1;
        self
    }

    pub fn face(&self, id: FaceId) -> &FontFace {
        &self.faces[id.0]
    }

    pub fn role(&self, role: FaceRole) -> FaceId {
        FaceId(self.roles[role.slot()])
    }

    /// Parsed views of every face, for measuring during one layout.
    pub(crate) fn metrics(&self) -> Result<FontMetrics<'_>, FontError> {
        let faces = self
            .faces
            .iter()
            .map(FontFace::parse)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(FontMetrics {
            set: self,
            faces,
            glyphs: RefCell::default(),
        })
    }
}

/// Parsed faces of a [`FontSet`]: glyph lookup and advance widths.
pub(crate) struct FontMetrics<'a> {
    set: &'a FontSet,
    faces: Vec<ttf_parser::Face<'a>>,
    /// Glyph ids already looked up, by face and character: a report repeats
    /// a few hundred characters thousands of times, and a hash costs less
    /// than a cmap lookup.
    glyphs: RefCell<GlyphCache>,
}

/// Glyph ids by face index and character.
type GlyphCache = HashMap<(usize, char), Option<u16>, BuildHasherDefault<PairHasher>>;

/// A multiplicative hash (as in rustc's FxHash) for the small keys of the glyph cache.
#[derive(Default)]
pub(crate) struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl FontMetrics<'_> {
    fn gid(&self, face: usize, ch: char) -> Option<u16> {
        if let Some(&gid) = self.glyphs.borrow().get(&(face, ch)) {
            return gid;
        }
        let gid = self.faces[face].glyph_index(ch).map(|g| g.0);
        self.glyphs.borrow_mut().insert((face, ch), gid);
        gid
    }

    /// The face that prints `ch` for `role`: the role's own, else the first
    /// fallback that has it; `None` when no face has it.
    pub(crate) fn resolve(&self, role: FaceRole, ch: char) -> Option<FaceId> {
        let own = self.set.roles[role.slot()];
        std::iter::once(own)
            .chain(self.set.fallbacks.iter().copied())
            .find(|&i| self.gid(i, ch).is_some())
            .map(FaceId)
    }

    pub(crate) fn role_face(&self, role: FaceRole) -> FaceId {
        self.set.role(role)
    }

    pub(crate) fn glyph_id(&self, face: FaceId, ch: char) -> Option<u16> {
        self.gid(face.0, ch)
    }

    pub(crate) fn face(&self, face: FaceId) -> &ttf_parser::Face<'_> {
        &self.faces[face.0]
    }

    /// Advance width of glyph `gid`, in font units.
    pub(crate) fn glyph_advance(&self, face: FaceId, gid: u16) -> f32 {
        let f = &self.faces[face.0];
        f.glyph_hor_advance(ttf_parser::GlyphId(gid))
            .map_or(f32::from(f.units_per_em()), f32::from)
    }

    /// The face's raw `CFF ` table, when its outlines are CFF.
    pub(crate) fn cff_table(&self, face: FaceId) -> Option<&[u8]> {
        self.faces[face.0]
            .raw_face()
            .table(ttf_parser::Tag::from_bytes(b"CFF "))
    }

    /// Whether the face's outlines are CID-keyed CFF (the usual CJK OpenType font).
    pub(crate) fn is_cid_keyed(&self, face: FaceId) -> bool {
        self.cid(face, 0).is_some()
    }

    /// The CID of glyph `gid` in a CID-keyed CFF face.
    pub(crate) fn cid(&self, face: FaceId, gid: u16) -> Option<u16> {
        self.faces[face.0]
            .tables()
            .cff
            .as_ref()
            .and_then(|cff| cff.glyph_cid(ttf_parser::GlyphId(gid)))
    }

    /// The face's PostScript name, as a PDF font is named (letters, digits, - and _ only).
    pub(crate) fn postscript_name(&self, face: FaceId) -> String {
        let from_table = self.faces[face.0]
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| {
                // A Unicode name, or a Macintosh one (PostScript names are ASCII).
                n.to_string().or_else(|| {
                    (n.platform_id == ttf_parser::PlatformId::Macintosh)
                        .then(|| n.name.iter().map(|&b| char::from(b)).collect())
                })
            });
        let name = from_table.unwrap_or_else(|| {
            let file = &self.set.faces[face.0].name;
            file.rsplit_once('.')
                .map_or(file.as_str(), |(stem, _)| stem)
                .to_owned()
        });
        let clean: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if clean.is_empty() {
            format!("Font{}", face.0)
        } else {
            clean
        }
    }

    /// Advance width of `ch` in `face`, in em.
    pub(crate) fn advance_em(&self, face: FaceId, ch: char) -> f32 {
        let f = &self.faces[face.0];
        let units = f.units_per_em() as f32;
        self.gid(face.0, ch)
            .and_then(|g| f.glyph_hor_advance(ttf_parser::GlyphId(g)))
            .map_or(1.0, |a| a as f32 / units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_cover_the_report_text() {
        let set = FontSet::bundled();
        let m = set.metrics().unwrap();
        for role in FaceRole::ALL {
            for ch in "舒城县人民政府2020年“六稳”〔2020〕（一）。—0123456789".chars()
            {
                assert!(m.resolve(role, ch).is_some(), "{role:?} lacks {ch}");
            }
        }
        assert_eq!(
            m.resolve(FaceRole::Fang, '政'),
            Some(set.role(FaceRole::Fang))
        );
    }

    #[test]
    fn a_character_no_face_has_resolves_to_none() {
        let set = FontSet::bundled();
        let m = set.metrics().unwrap();
        // A Linear B syllable: no CJK font has it.
        assert_eq!(m.resolve(FaceRole::Fang, '\u{10000}'), None);
    }

    #[test]
    fn a_font_dir_replaces_the_roles_it_has_fonts_for() {
        let dir = std::env::temp_dir().join("nianbao-pdf-font-dir");
        std::fs::create_dir_all(&dir).unwrap();
        // Any font file under a system font's name stands in for it.
        std::fs::write(
            dir.join("SimHei.TTF"),
            include_bytes!("../fonts/FandolKai-Regular.otf"),
        )
        .unwrap();
        let set = FontSet::with_font_dir(&dir).unwrap();
        assert_eq!(set.face(set.role(FaceRole::Hei)).name(), "SimHei.TTF");
        assert_eq!(
            set.face(set.role(FaceRole::Fang)).name(),
            "FandolFang-Regular.otf"
        );
    }

    #[test]
    fn a_font_dir_without_known_files_keeps_the_bundled_faces() {
        let dir = std::env::temp_dir().join("nianbao-pdf-empty-font-dir");
        std::fs::create_dir_all(&dir).unwrap();
        let set = FontSet::with_font_dir(&dir).unwrap();
        assert_eq!(
            set.face(set.role(FaceRole::Fang)).name(),
            "FandolFang-Regular.otf"
        );
    }
}
