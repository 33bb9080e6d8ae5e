//! The official typefaces a PC has installed, found per role.
//!
//! GB/T 9704 sets the title in 方正小标宋简体, the body in 仿宋_GB2312 and the headings in 黑体 and
//! 楷体_GB2312. Offices install these under their customary file names; Windows itself brings
//! SimFang, SimHei, SimKai and SimSun. [`KNOWN_FACES`] is the one list of the files accepted,
//! used both for the installed fonts and for a `--font-dir`: for each role the first file of the
//! list that is found and parses as a font fills it automatically; a role without one keeps the
//! bundled Fandol face. The faces of the list marked not automatic fill no role by themselves
//! but are offered to the clerk, who may choose any found face for any role.
//!
//! Where installed fonts live: on Windows the system Fonts folder and the per-user
//! `%LOCALAPPDATA%\Microsoft\Windows\Fonts` (where a font goes when a user without admin rights
//! installs it); elsewhere fontconfig's default folders, searched with their subfolders.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::fonts::{FaceRole, FontError, FontFace, FontSet};

/// A font file the lookup knows by its customary name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownFace {
    /// The file name, lower case (matched case-insensitively).
    pub file: &'static str,
    /// The face's name as the clerk knows it.
    pub name: &'static str,
    /// The role the face is made for.
    pub role: FaceRole,
    /// Whether it fills that role without being chosen (in the list's order).
    pub automatic: bool,
}

const fn known(
    file: &'static str,
    name: &'static str,
    role: FaceRole,
    automatic: bool,
) -> KnownFace {
    KnownFace {
        file,
        name,
        role,
        automatic,
    }
}

/// The accepted files, official face first within each role. The automatic ones: 方正小标宋简体
/// (or its GBK cut) for the title; 仿宋_GB2312, else Windows' 仿宋 (simfang); 黑体 (simhei);
/// 楷体_GB2312, else Windows' 楷体 (simkai); 宋体 (simsun) for the page numbers. The 方正 GBK
/// cuts of 仿宋, 黑体 and 楷体 are offered but not taken unasked.
pub const KNOWN_FACES: &[KnownFace] = &[
    known(
        "方正小标宋简体.ttf",
        "方正小标宋简体",
        FaceRole::Title,
        true,
    ),
    known("fzxbsjw.ttf", "方正小标宋简体", FaceRole::Title, true),
    known(
        "方正小标宋_gbk.ttf",
        "方正小标宋_GBK",
        FaceRole::Title,
        true,
    ),
    known("fzxbsk.ttf", "方正小标宋_GBK", FaceRole::Title, true),
    known("仿宋_gb2312.ttf", "仿宋_GB2312", FaceRole::Fang, true),
    known("fs_gb2312.ttf", "仿宋_GB2312", FaceRole::Fang, true),
    known("simfang.ttf", "仿宋", FaceRole::Fang, true),
    known("fzfsk.ttf", "方正仿宋_GBK", FaceRole::Fang, false),
    known("simhei.ttf", "黑体", FaceRole::Hei, true),
    known("fzhtk.ttf", "方正黑体_GBK", FaceRole::Hei, false),
    known("楷体_gb2312.ttf", "楷体_GB2312", FaceRole::Kai, true),
    known("kaiti_gb2312.ttf", "楷体_GB2312", FaceRole::Kai, true),
    known("simkai.ttf", "楷体", FaceRole::Kai, true),
    known("fzktk.ttf", "方正楷体_GBK", FaceRole::Kai, false),
    known("simsun.ttc", "宋体", FaceRole::Song, true),
    known("simsun.ttf", "宋体", FaceRole::Song, true),
];

impl KnownFace {
    /// The entry for a file name (any case), if the list has it.
    pub fn for_file(file_name: &str) -> Option<&'static KnownFace> {
        let lower = file_name.to_lowercase();
        KNOWN_FACES.iter().find(|k| k.file == lower)
    }
}

/// How deep below a fonts folder files are looked for (fontconfig's folders nest by vendor).
const MAX_DEPTH: usize = 4;

/// A file of the list, found (not read yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub role: FaceRole,
    pub known: &'static KnownFace,
    pub path: PathBuf,
}

/// An installed font of the list, found and read.
#[derive(Debug, Clone)]
pub struct InstalledFace {
    pub role: FaceRole,
    pub known: &'static KnownFace,
    pub path: PathBuf,
    pub face: FontFace,
}

/// The folders installed fonts live in on this system, existing or not, in search order.
pub fn font_folders() -> Vec<PathBuf> {
    let var = |name: &str| std::env::var_os(name).map(PathBuf::from);
    let mut folders = Vec::new();
    if cfg!(windows) {
        folders.extend(var("WINDIR").map(|w| w.join("Fonts")));
        folders
            .extend(var("LOCALAPPDATA").map(|l| l.join("Microsoft").join("Windows").join("Fonts")));
    } else {
        let home = var("HOME");
        let data_home =
            var("XDG_DATA_HOME").or_else(|| home.as_ref().map(|h| h.join(".local/share")));
        folders.extend(data_home.map(|d| d.join("fonts")));
        folders.extend(home.map(|h| h.join(".fonts")));
        folders.push(PathBuf::from("/usr/local/share/fonts"));
        folders.push(PathBuf::from("/usr/share/fonts"));
    }
    folders
}

/// Every file of [`KNOWN_FACES`] in `folders`, in the list's order (for one entry, earlier
/// folders first). Only the folders are listed: no file is read. A folder that is missing or
/// unreadable is skipped.
pub fn found_files(folders: &[PathBuf]) -> Vec<FoundFile> {
    let mut files: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for folder in folders {
        collect_files(folder, MAX_DEPTH, &mut files);
    }
    KNOWN_FACES
        .iter()
        .flat_map(|known| {
            files
                .get(known.file)
                .into_iter()
                .flatten()
                .map(move |path| FoundFile {
                    role: known.role,
                    known,
                    path: path.clone(),
                })
        })
        .collect()
}

/// For each role, the installed face that fills it unasked: the first automatic file found that
/// parses as a font (a file that does not is passed over). Only these files are read.
pub fn automatic_faces(found: &[FoundFile]) -> Vec<InstalledFace> {
    FaceRole::ALL
        .into_iter()
        .filter_map(|role| {
            found
                .iter()
                .filter(|f| f.role == role && f.known.automatic)
                .find_map(|f| {
                    let face = FontFace::from_file(&f.path).ok()?;
                    Some(InstalledFace {
                        role,
                        known: f.known,
                        path: f.path.clone(),
                        face,
                    })
                })
        })
        .collect()
}

/// For each role, the installed face to use, found in `folders` (earlier folders first).
pub fn find_installed_faces(folders: &[PathBuf]) -> Vec<InstalledFace> {
    automatic_faces(&found_files(folders))
}

/// The bundled faces with every role an installed official face can fill replaced by it.
pub fn installed_font_set(folders: &[PathBuf]) -> Result<FontSet, FontError> {
    Ok(find_installed_faces(folders)
        .into_iter()
        .fold(FontSet::bundled(), |set, found| {
            set.with_face(found.role, found.face)
        }))
}

/// Every file under `dir`, by lower-case file name, in a stable order.
fn collect_files(dir: &Path, depth: usize, files: &mut BTreeMap<String, Vec<PathBuf>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            if depth > 0 {
                collect_files(&path, depth - 1, files);
            }
        } else if let Some(name) = path.file_name() {
            let name = name.to_string_lossy().to_lowercase();
            files.entry(name).or_default().push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FANG: &[u8] = include_bytes!("../fonts/FandolFang-Regular.otf");
    const HEI: &[u8] = include_bytes!("../fonts/FandolHei-Regular.otf");
    const KAI: &[u8] = include_bytes!("../fonts/FandolKai-Regular.otf");
    const SONG_BOLD: &[u8] = include_bytes!("../fonts/FandolSong-Bold.otf");

    /// A fresh folder under the system temp folder, with a Chinese name and a space in it.
    fn fonts_folder(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nianbao 字体 {test} {}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn chosen(faces: &[InstalledFace]) -> Vec<(FaceRole, String)> {
        faces
            .iter()
            .map(|f| {
                (
                    f.role,
                    f.path.file_name().unwrap().to_string_lossy().into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn the_official_faces_win_over_the_windows_ones() {
        let system = fonts_folder("system");
        let user = fonts_folder("user");
        // A Windows Fonts folder: SimFang, SimHei, SimKai (upper case, as Windows names them).
        std::fs::write(system.join("SIMFANG.TTF"), FANG).unwrap();
        std::fs::write(system.join("SIMHEI.TTF"), HEI).unwrap();
        std::fs::write(system.join("simkai.ttf"), KAI).unwrap();
        // The office's official faces, installed by a user without admin rights, one in a subfolder.
        std::fs::write(user.join("仿宋_GB2312.ttf"), FANG).unwrap();
        std::fs::create_dir_all(user.join("方正")).unwrap();
        std::fs::write(user.join("方正").join("方正小标宋简体.ttf"), SONG_BOLD).unwrap();

        let faces = find_installed_faces(&[system.clone(), user.clone()]);
        assert_eq!(
            chosen(&faces),
            [
                (FaceRole::Title, "方正小标宋简体.ttf".to_owned()),
                (FaceRole::Fang, "仿宋_GB2312.ttf".to_owned()),
                (FaceRole::Hei, "SIMHEI.TTF".to_owned()),
                (FaceRole::Kai, "simkai.ttf".to_owned()),
            ]
        );

        // The set uses them; Song, not installed, stays the bundled face.
        let set = installed_font_set(&[system.clone(), user.clone()]).unwrap();
        assert_eq!(set.face(set.role(FaceRole::Fang)).name(), "仿宋_GB2312.ttf");
        assert_eq!(
            set.face(set.role(FaceRole::Title)).name(),
            "方正小标宋简体.ttf"
        );
        assert_eq!(
            set.face(set.role(FaceRole::Song)).name(),
            FontSet::bundled()
                .face(FontSet::bundled().role(FaceRole::Song))
                .name()
        );
        for dir in [system, user] {
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn a_broken_file_is_passed_over_and_missing_folders_are_fine() {
        let dir = fonts_folder("broken");
        std::fs::write(dir.join("楷体_GB2312.ttf"), b"not a font").unwrap();
        std::fs::write(dir.join("SimKai.ttf"), KAI).unwrap();
        let faces = find_installed_faces(&[dir.join("missing"), dir.clone()]);
        assert_eq!(chosen(&faces), [(FaceRole::Kai, "SimKai.ttf".to_owned())]);
        assert!(find_installed_faces(&[dir.join("missing")]).is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_folders_are_the_platform_s() {
        let folders = font_folders();
        if cfg!(windows) {
            assert!(folders
                .iter()
                .any(|f| f.ends_with("Microsoft/Windows/Fonts")));
        } else {
            assert!(folders.contains(&PathBuf::from("/usr/share/fonts")));
        }
    }
}
