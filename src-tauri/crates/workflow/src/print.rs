//! 打印: the PDF to the default printer where the system offers a way to send it from here;
//! else the caller opens it in the system's viewer and tells the clerk to print from there.
//!
//! - Linux and other Unix: CUPS's `lp` when it is on `PATH` and `lpstat -d` names a default
//!   destination.
//! - Windows: the shell's `print` verb of the program registered for `.pdf` (Adobe Reader,
//!   Foxit, WPS…); Edge, the default viewer of a bare Windows, registers none.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Result, WorkflowError};

/// How a PDF reaches paper on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintRoute {
    /// CUPS: `lp -d <printer> <file>`.
    Lp { lp: PathBuf, printer: String },
    /// Windows: the shell's print verb.
    ShellPrintVerb,
    /// Open the PDF in the system's viewer; the clerk prints it from there.
    Viewer,
}

/// What became of a print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// Sent to this printer (its name, when the system tells it).
    Sent { printer: Option<String> },
    /// Not sent: the caller opens the PDF for the clerk to print.
    OpenInViewer,
}

/// The executable `name` in the folders of `path_var` (as `PATH` lists them), if any.
pub fn find_program(name: &str, path_var: Option<&OsStr>) -> Option<PathBuf> {
    let path_var = path_var?;
    std::env::split_paths(path_var)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// The default destination in what `LC_ALL=C lpstat -d` printed, if it names one.
pub fn default_destination(lpstat_output: &str) -> Option<String> {
    lpstat_output.lines().find_map(|line| {
        let name = line
            .trim()
            .strip_prefix("system default destination:")?
            .trim();
        (!name.is_empty()).then(|| name.to_owned())
    })
}

/// How to print here, given the `PATH` to look for CUPS's programs in (on Windows: the shell's
/// print verb, whatever `PATH` holds). Asks `lpstat -d` for the default destination.
pub fn print_route(path_var: Option<&OsStr>) -> PrintRoute {
    if cfg!(windows) {
        return PrintRoute::ShellPrintVerb;
    }
    let (Some(lp), Some(lpstat)) = (
        find_program("lp", path_var),
        find_program("lpstat", path_var),
    ) else {
        return PrintRoute::Viewer;
    };
    let printer = Command::new(lpstat)
        .arg("-d")
        .env("LC_ALL", "C")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| default_destination(&String::from_utf8_lossy(&out.stdout)));
    match printer {
        Some(printer) => PrintRoute::Lp { lp, printer },
        None => PrintRoute::Viewer,
    }
}

/// Sends the PDF at `pdf` to the default printer by the route [`print_route`] finds with
/// `path_var`. A printer that refuses the file is an error naming it.
pub fn print_file(pdf: &Path, path_var: Option<&OsStr>) -> Result<Printed> {
    match print_route(path_var) {
        PrintRoute::Lp { lp, printer } => {
            let title = pdf
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let out = Command::new(&lp)
                .arg("-d")
                .arg(&printer)
                .arg("-t")
                .arg(&title)
                .arg(pdf)
                .env("LC_ALL", "C")
                .output()
                .map_err(|source| WorkflowError::Print {
                    printer: printer.clone(),
                    reason: source.to_string(),
                })?;
            if !out.status.success() {
                return Err(WorkflowError::Print {
                    printer,
                    reason: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
                });
            }
            Ok(Printed::Sent {
                printer: Some(printer),
            })
        }
        PrintRoute::ShellPrintVerb => Ok(shell_print(pdf)),
        PrintRoute::Viewer => Ok(Printed::OpenInViewer),
    }
}

#[cfg(windows)]
fn shell_print(pdf: &Path) -> Printed {
    windows::shell_print(pdf)
}

#[cfg(not(windows))]
fn shell_print(_pdf: &Path) -> Printed {
    Printed::OpenInViewer
}

/// The Windows calls, declared here rather than through a bindings crate: two functions.
#[cfg(windows)]
mod windows {
    use super::Printed;
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;

    #[link(name = "shell32")]
    extern "system" {
        fn ShellExecuteW(
            hwnd: isize,
            operation: *const u16,
            file: *const u16,
            parameters: *const u16,
            directory: *const u16,
            show: i32,
        ) -> isize;
    }

    #[link(name = "winspool")]
    extern "system" {
        fn GetDefaultPrinterW(buffer: *mut u16, size: *mut u32) -> i32;
    }

    const SW_HIDE: i32 = 0;

    fn wide(s: &std::ffi::OsStr) -> Vec<u16> {
        s.encode_wide().chain(std::iter::once(0)).collect()
    }

    fn default_printer() -> Option<String> {
        let mut size: u32 = 0;
        // SAFETY: a null buffer with size 0 asks for the size needed.
        unsafe { GetDefaultPrinterW(std::ptr::null_mut(), &mut size) };
        if size == 0 {
            return None;
        }
        let mut buffer = vec![0u16; size as usize];
        // SAFETY: `buffer` holds `size` UTF-16 units, as the call is told.
        let ok = unsafe { GetDefaultPrinterW(buffer.as_mut_ptr(), &mut size) };
        if ok == 0 {
            return None;
        }
        let end = buffer.iter().position(|&u| u == 0).unwrap_or(buffer.len());
        Some(String::from_utf16_lossy(&buffer[..end]))
    }

    /// The `print` verb of the program registered for the file; a result above 32 is success
    /// (SE_ERR_NOASSOC, 31, when no program has the verb).
    pub(super) fn shell_print(pdf: &Path) -> Printed {
        let verb = wide(std::ffi::OsStr::new("print"));
        let file = wide(pdf.as_os_str());
        // SAFETY: both strings are NUL-terminated UTF-16 and outlive the call.
        let result = unsafe {
            ShellExecuteW(
                0,
                verb.as_ptr(),
                file.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                SW_HIDE,
            )
        };
        if result > 32 {
            Printed::Sent {
                printer: default_printer(),
            }
        } else {
            Printed::OpenInViewer
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn script(dir: &Path, name: &str, body: &str) {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn the_default_destination_is_read_from_lpstat() {
        assert_eq!(
            default_destination("system default destination: Office_HP\n"),
            Some("Office_HP".to_owned())
        );
        assert_eq!(default_destination("no system default destination\n"), None);
        assert_eq!(default_destination(""), None);
    }

    #[test]
    fn without_cups_on_the_path_the_viewer_opens() {
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(print_route(None), PrintRoute::Viewer);
        assert_eq!(
            print_route(Some(empty.path().as_os_str())),
            PrintRoute::Viewer
        );
        // lp without lpstat, or a file named lp that cannot run: still the viewer.
        std::fs::write(empty.path().join("lp"), "not a program").unwrap();
        assert_eq!(
            print_route(Some(empty.path().as_os_str())),
            PrintRoute::Viewer
        );
    }

    #[test]
    fn without_a_default_printer_the_viewer_opens() {
        let bin = tempfile::tempdir().unwrap();
        script(bin.path(), "lp", "exit 0");
        script(bin.path(), "lpstat", "echo 'no system default destination'");
        assert_eq!(
            print_route(Some(bin.path().as_os_str())),
            PrintRoute::Viewer
        );
    }

    #[test]
    fn with_cups_the_pdf_goes_to_the_default_printer_through_lp() {
        let bin = tempfile::tempdir().unwrap();
        let log = bin.path().join("lp-args");
        script(
            bin.path(),
            "lp",
            &format!(
                "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\necho 'request id is Office_HP-7 (1 file(s))'",
                log.display()
            ),
        );
        script(
            bin.path(),
            "lpstat",
            "[ \"$1\" = -d ] && echo 'system default destination: Office_HP'",
        );
        // Another folder first on PATH, as on a real system.
        let path_var = std::env::join_paths([Path::new("/nonexistent"), bin.path()]).unwrap();
        let docs = tempfile::Builder::new()
            .prefix("打印 文件")
            .tempdir()
            .unwrap();
        let pdf = docs.path().join("舒城县 2020年报告.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();

        let printed = print_file(&pdf, Some(&path_var)).unwrap();
        assert_eq!(
            printed,
            Printed::Sent {
                printer: Some("Office_HP".to_owned())
            }
        );
        let args = std::fs::read_to_string(&log).unwrap();
        assert_eq!(
            args.lines().collect::<Vec<_>>(),
            [
                "-d",
                "Office_HP",
                "-t",
                "舒城县 2020年报告",
                pdf.to_str().unwrap()
            ]
        );
    }

    #[test]
    fn a_printer_that_refuses_is_an_error_naming_it() {
        let bin = tempfile::tempdir().unwrap();
        script(
            bin.path(),
            "lp",
            "echo 'lp: Printer is stopped' >&2; exit 1",
        );
        script(
            bin.path(),
            "lpstat",
            "echo 'system default destination: Office_HP'",
        );
        let pdf = bin.path().join("a.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").unwrap();
        let err = print_file(&pdf, Some(bin.path().as_os_str())).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("“Office_HP”"), "{message}");
        assert!(message.contains("Printer is stopped"), "{message}");
    }
}
