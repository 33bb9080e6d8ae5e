//! 字体 in 预览与导出: the face each role prints in, the faces there are to choose from, and the
//! clerk's choice, kept in the store (the workflow's `font.<role>` settings).

use super::blocking;
use crate::dto::FontsDto;
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::AppState;
use nianbao_pdf::{BundledFace, FaceRole, FontFace};
use nianbao_workflow::FontChoice;
use std::sync::Arc;
use tauri::State;

/// The faces in use and the faces there are, looked for again when the fonts folders changed
/// (a font installed since the app started).
pub fn list_faces(state: &AppState) -> CommandResult<FontsDto> {
    state.look_for_fonts_again();
    Ok(FontsDto::from(state.fonts().chosen()))
}

/// Sets `role` (title, fang, hei, kai, song) in the face `choice` names (a face's key from
/// [`list_faces`]; "" for automatic), keeps it in the store, and answers with the faces now used.
pub fn choose_face(state: &AppState, role: &str, choice: &str) -> CommandResult<FontsDto> {
    let role = FaceRole::from_key(role).ok_or_else(|| {
        CommandError::new(ErrorCode::InvalidInput, format!("没有“{role}”这种字体用途"))
    })?;
    let parsed = FontChoice::from_key(choice);
    match &parsed {
        FontChoice::Automatic if !choice.is_empty() => {
            return Err(CommandError::new(
                ErrorCode::InvalidInput,
                format!("“{choice}”不是可选的字体"),
            ))
        }
        FontChoice::Automatic => {}
        FontChoice::Bundled(file) => {
            if BundledFace::named(file).is_none() {
                return Err(CommandError::new(
                    ErrorCode::InvalidInput,
                    format!("没有名为“{file}”的内置字体"),
                ));
            }
        }
        // The file must be a usable font now; later it may go, and then the role falls back.
        FontChoice::File { path, index } => {
            FontFace::from_file_at(path, *index)
                .map_err(|e| CommandError::new(ErrorCode::InvalidInput, e.to_string()))?;
        }
    }
    let choices = {
        let mut store = state.store();
        nianbao_workflow::save_font_choice(&mut store, role, &parsed)?;
        nianbao_workflow::font_choices(&store)?
    };
    state.set_font_choices(choices);
    Ok(FontsDto::from(state.fonts().chosen()))
}

#[tauri::command]
pub async fn font_faces(state: State<'_, Arc<AppState>>) -> CommandResult<FontsDto> {
    blocking(&state, list_faces).await
}

#[tauri::command]
pub async fn set_font_choice(
    state: State<'_, Arc<AppState>>,
    role: String,
    choice: String,
) -> CommandResult<FontsDto> {
    blocking(&state, move |s| choose_face(s, &role, &choice)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::output;
    use crate::dto::{ReportDto, ReviewSheetDto};
    use nianbao_report::sample_report;
    use nianbao_store::Store;
    use std::path::Path;

    const FONTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/crates/pdf/fonts/");

    fn state(db: &Path, fonts: &Path) -> AppState {
        let store = Store::open(db).unwrap();
        AppState::with_font_folders(store, vec![fonts.to_owned()])
    }

    fn role<'a>(fonts: &'a FontsDto, key: &str) -> &'a crate::dto::RoleFaceDto {
        fonts.roles.iter().find(|r| r.role == key).unwrap()
    }

    fn preview(state: &AppState) -> Vec<u8> {
        let report = ReportDto::from(&sample_report());
        output::preview_pdf(state, &report, ReviewSheetDto::Omitted).unwrap()
    }

    fn has(bytes: &[u8], name: &str) -> bool {
        bytes.windows(name.len()).any(|w| w == name.as_bytes())
    }

    #[test]
    fn a_chosen_face_is_kept_in_the_store_and_the_pdf_follows() {
        let dir = tempfile::Builder::new().prefix("年报 ").tempdir().unwrap();
        let fonts_dir = dir.path().join("字体 文件夹");
        std::fs::create_dir_all(&fonts_dir).unwrap();
        // 仿宋_GB2312 installed (a stand-in: Fandol Kai inside).
        std::fs::copy(
            format!("{FONTS}FandolKai-Regular.otf"),
            fonts_dir.join("仿宋_GB2312.ttf"),
        )
        .unwrap();
        let db = dir.path().join("nianbao.db");
        let s = state(&db, &fonts_dir);

        let fonts = list_faces(&s).unwrap();
        let fang = role(&fonts, "fang");
        assert_eq!(
            (
                fang.label.as_str(),
                fang.face.name.as_str(),
                fang.face.source.as_str()
            ),
            ("正文", "仿宋_GB2312", "系统字体")
        );
        assert_eq!(fang.choice, "");
        assert_eq!(role(&fonts, "title").face.name, "Fandol宋体（粗）");
        // The body is set in the file called 仿宋_GB2312: the bundled Fang is not embedded.
        assert!(!has(&preview(&s), "FandolFang-Regular"));

        // The clerk sets the body in the bundled Fandol 仿宋.
        let bundled_fang = fonts
            .options
            .iter()
            .find(|o| o.name == "Fandol仿宋")
            .unwrap()
            .key
            .clone();
        let fonts = choose_face(&s, "fang", &bundled_fang).unwrap();
        assert_eq!(role(&fonts, "fang").face.name, "Fandol仿宋");
        assert_eq!(role(&fonts, "fang").choice, bundled_fang);
        assert!(has(&preview(&s), "FandolFang-Regular"));

        // Kept: a new start reads it from the store.
        drop(s);
        let s = state(&db, &fonts_dir);
        assert_eq!(
            role(&list_faces(&s).unwrap(), "fang").face.name,
            "Fandol仿宋"
        );

        // Back to automatic.
        let fonts = choose_face(&s, "fang", "").unwrap();
        assert_eq!(role(&fonts, "fang").face.name, "仿宋_GB2312");

        // 黑体 installed while the app runs: the panel, opened again, finds it.
        assert_eq!(
            role(&list_faces(&s).unwrap(), "hei").face.name,
            "Fandol黑体"
        );
        std::fs::copy(
            format!("{FONTS}FandolHei-Regular.otf"),
            fonts_dir.join("simhei.ttf"),
        )
        .unwrap();
        let hei = role(&list_faces(&s).unwrap(), "hei").face.clone();
        assert_eq!(
            (hei.name.as_str(), hei.source.as_str()),
            ("黑体", "系统字体")
        );
    }

    #[test]
    fn a_choice_that_names_nothing_usable_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let s = state(&dir.path().join("nianbao.db"), dir.path());
        for (role, choice) in [
            ("body", ""),
            ("fang", "nonsense"),
            ("fang", "bundled:Arial.ttf"),
            ("fang", "file:0:/nowhere/仿宋_GB2312.ttf"),
        ] {
            let err = choose_face(&s, role, choice).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput, "{role} {choice}");
        }
    }
}
