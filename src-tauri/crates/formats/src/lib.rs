//! The report in the formats offices already use. Each module is an edge: it turns a
//! [`nianbao_report::Report`] into bytes, or bytes into a report, drawing the tables from the
//! edition's templates (`nianbao_report::table_templates`); none knows another.

pub mod docx;
pub mod html;
pub mod published;
pub mod xlsx;

/// The most a report's zip file (.docx, .xlsx) may unpack to. A real one unpacks to a few
/// megabytes; more is a damaged file or a zip bomb, refused before anything is unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Whether every entry of a zip file, by the sizes its directory declares, unpacks within
/// [`MAX_UNPACKED_BYTES`] together. A file that is no zip at all passes (its reader says what
/// it is).
pub(crate) fn unpacks_within_limit(bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return true;
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        match archive.by_index_raw(i) {
            Ok(entry) => total = total.saturating_add(entry.size()),
            Err(_) => return true,
        }
    }
    total <= MAX_UNPACKED_BYTES
}
