//! The faces the PDF is set in: for each role the clerk's choice, kept in the store's settings
//! (`font.<role>`; absent = automatic), or automatically the official face when it is installed,
//! else the bundled Fandol face. A chosen file that has gone (uninstalled, another PC) falls back
//! to the automatic face with a note; it never stops a render.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nianbao_pdf::system_fonts::{automatic_faces, found_files, FoundFile, KnownFace};
use nianbao_pdf::{BundledFace, FaceRole, FontFace, FontSet, BUNDLED_FACES};
use nianbao_store::Store;

use crate::Result;

/// What the clerk chose for a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontChoice {
    /// The official face when installed, else the bundled one.
    Automatic,
    /// A bundled face, by its file name.
    Bundled(String),
    /// Face `index` of an installed font file (0 unless the file is a `.ttc` collection).
    File { path: PathBuf, index: u32 },
}

impl FontChoice {
    /// The choice as a setting's value (and as the UI names it): `bundled:<file>`,
    /// `file:<index>:<path>`, or the empty string for automatic.
    pub fn key(&self) -> String {
        match self {
            FontChoice::Automatic => String::new(),
            FontChoice::Bundled(file) => format!("bundled:{file}"),
            FontChoice::File { path, index } => format!("file:{index}:{}", path.display()),
        }
    }

    /// The choice a [`key`](FontChoice::key) names; anything else is automatic.
    pub fn from_key(key: &str) -> FontChoice {
        if let Some(file) = key.strip_prefix("bundled:") {
            return FontChoice::Bundled(file.to_owned());
        }
        if let Some((index, path)) = key
            .strip_prefix("file:")
            .and_then(|rest| rest.split_once(':'))
        {
            if let Ok(index) = index.parse() {
                if !path.is_empty() {
                    return FontChoice::File {
                        path: PathBuf::from(path),
                        index,
                    };
                }
            }
        }
        FontChoice::Automatic
    }
}

/// The clerk's choices by role; a role not in it is automatic.
pub type FontChoices = BTreeMap<FaceRole, FontChoice>;

/// The setting that keeps the choice for `role`.
pub fn font_setting_key(role: FaceRole) -> String {
    format!("font.{}", role.key())
}

/// The choices kept in `store`.
pub fn font_choices(store: &Store) -> Result<FontChoices> {
    let mut choices = FontChoices::new();
    for role in FaceRole::ALL {
        if let Some(value) = store.setting(&font_setting_key(role))? {
            let choice = FontChoice::from_key(&value);
            if choice != FontChoice::Automatic {
                choices.insert(role, choice);
            }
        }
    }
    Ok(choices)
}

/// Keeps `choice` for `role` in `store` (automatic clears the setting).
pub fn save_font_choice(store: &mut Store, role: FaceRole, choice: &FontChoice) -> Result<()> {
    let key = font_setting_key(role);
    match choice {
        FontChoice::Automatic => store.clear_setting(&key)?,
        other => store.set_setting(&key, &other.key())?,
    }
    Ok(())
}

/// Where a face comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaceSource {
    /// Installed on this PC (系统字体).
    System,
    /// Part of nianbao (内置字体).
    Bundled,
}

impl FaceSource {
    pub fn label(self) -> &'static str {
        match self {
            FaceSource::System => "系统字体",
            FaceSource::Bundled => "内置字体",
        }
    }
}

/// A face the clerk can set a role in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceOption {
    /// The face's name as the clerk knows it (仿宋_GB2312, Fandol仿宋, …).
    pub name: String,
    pub source: FaceSource,
    /// The file it is read from, for an installed face.
    pub path: Option<PathBuf>,
    /// What choosing it keeps.
    pub choice: FontChoice,
    /// The role it is made for.
    pub made_for: FaceRole,
}

/// The face a role is set in, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFace {
    pub role: FaceRole,
    pub face: FaceOption,
    /// The clerk's choice (as kept), automatic when not chosen.
    pub choice: FontChoice,
    /// The face the role has when not chosen.
    pub automatic: FaceOption,
    /// Said when the chosen face could not be used.
    pub note: Option<String>,
}

/// The faces in use and the faces there are.
#[derive(Debug, Clone)]
pub struct ChosenFonts {
    pub set: FontSet,
    /// Every role, in [`FaceRole::ALL`]'s order.
    pub roles: Vec<RoleFace>,
    /// Every face that can be chosen: the installed ones (found, not all read), then the
    /// bundled ones.
    pub options: Vec<FaceOption>,
}

impl ChosenFonts {
    /// Whether `folders` hold other files of the list than when these fonts were chosen (a font
    /// installed or removed since): only the folders are listed.
    pub fn outdated(&self, folders: &[PathBuf]) -> bool {
        let now: Vec<PathBuf> = found_files(folders).into_iter().map(|f| f.path).collect();
        let then: Vec<&PathBuf> = self
            .options
            .iter()
            .filter_map(|o| o.path.as_ref())
            .collect();
        now.len() != then.len() || now.iter().zip(then).any(|(a, b)| a != b)
    }

    /// The notes about chosen faces that could not be used.
    pub fn notes(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().filter_map(|r| r.note.as_deref())
    }
}

fn installed_option(found: &FoundFile) -> FaceOption {
    FaceOption {
        name: found.known.name.to_owned(),
        source: FaceSource::System,
        path: Some(found.path.clone()),
        choice: FontChoice::File {
            path: found.path.clone(),
            index: 0,
        },
        made_for: found.role,
    }
}

fn bundled_option(bundled: BundledFace) -> FaceOption {
    FaceOption {
        name: bundled.name.to_owned(),
        source: FaceSource::Bundled,
        path: None,
        choice: FontChoice::Bundled(bundled.file.to_owned()),
        made_for: bundled.role,
    }
}

/// The name of a chosen file: the list's name for a file it knows, else the name inside the
/// file, else the file's name.
fn file_face_name(path: &Path, face: Option<&FontFace>) -> String {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    KnownFace::for_file(&file_name)
        .map(|k| k.name.to_owned())
        .or_else(|| face.and_then(FontFace::family_name))
        .unwrap_or(file_name)
}

/// The faces for `choices`, looking for installed fonts in `folders`
/// ([`nianbao_pdf::system_fonts::font_folders`] for the PC's own).
pub fn choose_fonts(choices: &FontChoices, folders: &[PathBuf]) -> ChosenFonts {
    let found = found_files(folders);
    let automatic = automatic_faces(&found);
    let mut options: Vec<FaceOption> = found.iter().map(installed_option).collect();
    options.extend(BUNDLED_FACES.into_iter().map(bundled_option));

    let mut set = FontSet::bundled();
    let mut roles = Vec::new();
    for role in FaceRole::ALL {
        let choice = choices.get(&role).cloned().unwrap_or(FontChoice::Automatic);
        let automatic_face = || match automatic.iter().find(|f| f.role == role) {
            Some(a) => (
                installed_option(&FoundFile {
                    role,
                    known: a.known,
                    path: a.path.clone(),
                }),
                Some(a.face.clone()),
            ),
            None => (bundled_option(BundledFace::for_role(role)), None),
        };
        let (face, loaded, note) = match &choice {
            FontChoice::Automatic => {
                let (option, face) = automatic_face();
                (option, face, None)
            }
            FontChoice::Bundled(file) => match BundledFace::named(file) {
                Some(bundled) => (bundled_option(bundled), Some(bundled.face()), None),
                None => {
                    let (option, face) = automatic_face();
                    let note = format!(
                        "{}所选的内置字体“{file}”已不在本程序中，改用{}。",
                        role.label(),
                        option.name
                    );
                    (option, face, Some(note))
                }
            },
            FontChoice::File { path, index } => match FontFace::from_file_at(path, *index) {
                Ok(face) => {
                    let option = FaceOption {
                        name: file_face_name(path, Some(&face)),
                        source: FaceSource::System,
                        path: Some(path.clone()),
                        choice: choice.clone(),
                        made_for: role,
                    };
                    (option, Some(face), None)
                }
                Err(_) => {
                    let (option, face) = automatic_face();
                    let note = format!(
                        "{}所选的字体“{}”（{}）已找不到或无法读取，改用{}。",
                        role.label(),
                        file_face_name(path, None),
                        path.display(),
                        option.name
                    );
                    (option, face, Some(note))
                }
            },
        };
        // The bundled face of the role is in the set already.
        let is_default_bundled =
            face.choice == FontChoice::Bundled(BundledFace::for_role(role).file.to_owned());
        if let (Some(loaded), false) = (loaded, is_default_bundled) {
            set = set.with_face(role, loaded);
        }
        roles.push(RoleFace {
            role,
            face,
            choice,
            automatic: automatic_face().0,
            note,
        });
    }
    ChosenFonts {
        set,
        roles,
        options,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../pdf/fonts/");

    fn copy_bundled(file: &str, to: &Path) {
        std::fs::copy(format!("{FONTS}{file}"), to).unwrap();
    }

    /// A fonts folder with Chinese characters and a space in its path, holding stand-ins under
    /// the official names.
    fn official_fonts() -> tempfile::TempDir {
        let dir = tempfile::Builder::new()
            .prefix("系统 字体 ")
            .tempdir()
            .unwrap();
        copy_bundled("FandolKai-Regular.otf", &dir.path().join("仿宋_GB2312.ttf"));
        copy_bundled("FandolHei-Regular.otf", &dir.path().join("SIMHEI.TTF"));
        copy_bundled("FandolFang-Regular.otf", &dir.path().join("simkai.ttf"));
        dir
    }

    fn in_use(fonts: &ChosenFonts) -> Vec<(FaceRole, String, FaceSource)> {
        fonts
            .roles
            .iter()
            .map(|r| (r.role, r.face.name.clone(), r.face.source))
            .collect()
    }

    /// The fonts `pdffonts` lists in the sample report's PDF set in `fonts`, without subset tags.
    fn embedded(fonts: &ChosenFonts, name: &str) -> Vec<String> {
        let pdf = crate::render_with(
            &nianbao_report::sample_report(),
            &fonts.set,
            crate::CopyKind::Final,
            crate::Purpose::Export,
            nianbao_pdf::ReportOptions::default(),
        )
        .unwrap();
        let dir = tempfile::Builder::new().prefix("导出 ").tempdir().unwrap();
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdffonts")
            .arg(&path)
            .output()
            .expect("pdffonts (poppler-utils) runs");
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .skip(2)
            .filter_map(|row| row.split_whitespace().next())
            .map(|n| n.split_once('+').map_or(n, |(_, n)| n).to_owned())
            .collect()
    }

    #[test]
    fn choices_round_trip_through_their_keys() {
        for choice in [
            FontChoice::Automatic,
            FontChoice::Bundled("FandolKai-Regular.otf".into()),
            FontChoice::File {
                path: PathBuf::from(r"C:\Users\张 三\AppData\Local\Microsoft\Windows\Fonts\a.ttc"),
                index: 1,
            },
        ] {
            assert_eq!(FontChoice::from_key(&choice.key()), choice);
        }
        assert_eq!(FontChoice::from_key("file:x:/a.ttf"), FontChoice::Automatic);
        assert_eq!(FontChoice::from_key("whatever"), FontChoice::Automatic);
    }

    #[test]
    fn automatic_takes_the_official_faces_found_else_the_bundled_ones() {
        let dir = official_fonts();
        let fonts = choose_fonts(&FontChoices::new(), &[dir.path().to_owned()]);
        assert_eq!(
            in_use(&fonts),
            [
                (
                    FaceRole::Title,
                    "Fandol宋体（粗）".into(),
                    FaceSource::Bundled
                ),
                (FaceRole::Fang, "仿宋_GB2312".into(), FaceSource::System),
                (FaceRole::Hei, "黑体".into(), FaceSource::System),
                (FaceRole::Kai, "楷体".into(), FaceSource::System),
                (FaceRole::Song, "思源宋体".into(), FaceSource::Bundled),
            ]
        );
        assert_eq!(
            fonts.set.face(fonts.set.role(FaceRole::Fang)).name(),
            "仿宋_GB2312.ttf"
        );
        // Offered: the three installed faces, then the five bundled ones.
        assert_eq!(fonts.options.len(), 8);
        assert_eq!(fonts.notes().count(), 0);
    }

    #[test]
    fn the_clerk_s_choice_is_kept_in_the_store_and_a_vanished_file_falls_back_with_a_note() {
        let dir = official_fonts();
        let folders = [dir.path().to_owned()];
        let db = tempfile::tempdir().unwrap();
        let mut store = Store::open(db.path().join("年报 数据.db")).unwrap();
        // The body in the bundled Fandol 仿宋 although 仿宋_GB2312 is installed; the title in
        // the installed 黑体.
        let simhei = dir.path().join("SIMHEI.TTF");
        save_font_choice(
            &mut store,
            FaceRole::Fang,
            &FontChoice::Bundled("FandolFang-Regular.otf".into()),
        )
        .unwrap();
        save_font_choice(
            &mut store,
            FaceRole::Title,
            &FontChoice::File {
                path: simhei.clone(),
                index: 0,
            },
        )
        .unwrap();
        assert_eq!(
            store.setting("font.title").unwrap(),
            Some(format!("file:0:{}", simhei.display()))
        );

        let fonts = choose_fonts(&font_choices(&store).unwrap(), &folders);
        let roles = in_use(&fonts);
        assert_eq!(
            roles[0],
            (FaceRole::Title, "黑体".into(), FaceSource::System)
        );
        assert_eq!(
            roles[1],
            (FaceRole::Fang, "Fandol仿宋".into(), FaceSource::Bundled)
        );
        assert_eq!(
            fonts.set.face(fonts.set.role(FaceRole::Title)).name(),
            "SIMHEI.TTF"
        );

        // The PDF embeds them: the title from the file called SIMHEI.TTF (Fandol Hei inside),
        // the body in the bundled Fandol Fang; 仿宋_GB2312.ttf (Fandol Kai inside), which the
        // body would take automatically, is not used.
        let automatic = choose_fonts(&FontChoices::new(), &folders);
        assert!(embedded(&automatic, "automatic").contains(&"FandolKai-Regular".to_owned()));
        let chosen = embedded(&fonts, "chosen");
        assert!(
            chosen.contains(&"FandolHei-Regular".to_owned()),
            "{chosen:?}"
        );
        assert!(
            chosen.contains(&"FandolFang-Regular".to_owned()),
            "{chosen:?}"
        );
        assert!(
            !chosen.contains(&"FandolKai-Regular".to_owned()),
            "{chosen:?}"
        );
        assert!(
            !chosen.contains(&"FandolSong-Bold".to_owned()),
            "{chosen:?}"
        );

        // 黑体 uninstalled: the title falls back to the automatic face, with a note.
        std::fs::remove_file(&simhei).unwrap();
        let fonts = choose_fonts(&font_choices(&store).unwrap(), &folders);
        assert_eq!(
            in_use(&fonts)[0],
            (
                FaceRole::Title,
                "Fandol宋体（粗）".into(),
                FaceSource::Bundled
            )
        );
        let notes: Vec<&str> = fonts.notes().collect();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("标题所选的字体“黑体”"), "{}", notes[0]);
        assert!(notes[0].ends_with("改用Fandol宋体（粗）。"), "{}", notes[0]);

        // Back to automatic: the setting is gone.
        save_font_choice(&mut store, FaceRole::Title, &FontChoice::Automatic).unwrap();
        assert_eq!(store.setting("font.title").unwrap(), None);
        assert!(!font_choices(&store).unwrap().contains_key(&FaceRole::Title));
    }
}
