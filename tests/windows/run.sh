#!/usr/bin/env bash
# Installs, reinstalls and removes the Windows installers under Wine, in a throwaway prefix:
# the per-user setup.exe silently (/S) and the MSI through msiexec /qn. Checks the files, the
# shortcuts, the .json "open with" entry, the 应用和功能 (uninstall) entry, that a reinstall keeps
# the store in the app data folder, and that an uninstall leaves nothing but the store.
# Wine has no WebView2, so the app itself is not started here (the Linux e2e tests start it).
# Builds the installers first unless NIANBAO_WINDOWS_BUILT=1 says .ci/windows just ran.
set -euo pipefail
cd "$(dirname "$0")/../.."

[ "${NIANBAO_WINDOWS_BUILT:-}" = 1 ] || bash .ci/windows
if ! command -v wine >/dev/null || ! command -v localedef >/dev/null || [ ! -d /usr/share/i18n/locales ] \
  || ! dpkg-query -W -f='${Status}' wine64 2>/dev/null | grep -q "install ok installed"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wine wine64 locales
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
setup=$(realpath "dist/windows/nianbao_${version}_x64-setup.exe")
msi=$(realpath "dist/windows/nianbao_${version}_x64.msi")
payload=$(realpath target/x86_64-pc-windows-gnu/installer/payload)

started=$(date +%s)
tmp=$(mktemp -d)
export WINEPREFIX="$tmp/prefix" HOME="$tmp/home" WINEDEBUG=-all
# No Linux menu entries or desktop files from the shortcuts; no Mono/Gecko prompts.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
unset DISPLAY
mkdir -p "$HOME" "$tmp/locale"
trap 'wineserver -k 2>/dev/null || true; rm -rf "$tmp"' EXIT

passed=0 failed=0
check() { # check "what" command...
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}
absent() { ! "$@"; }
# A Windows environment variable as a Unix path.
winvar() { winepath -u "$(wine cmd /c echo "%$1%" | tr -d '\r')" | sed 's:/$::'; }
# A registry key exported as UTF-8 text (reg query prints Chinese as '?').
regtext() { rm -f "$tmp/key.reg"; wine reg export "$1" 'Z:'"${tmp//\//\\}"'\key.reg' /y >/dev/null 2>&1 && iconv -f UTF-16LE -t UTF-8 "$tmp/key.reg"; }
has() { grep -qF -- "$2" <<<"$(regtext "$1")"; }
# Runs an installer as on a Chinese office PC (or as $wine_lang says), then waits for everything it
# started, e.g. an uninstaller's copy of itself in %TEMP%. Wine takes Windows' language from the
# Unix locale, which must exist (else file names with 年报 fail): compiled here, into the temp folder.
for l in zh_CN de_DE; do localedef -i $l -f UTF-8 "$tmp/locale/$l.UTF-8"; done
wine_lang=zh_CN.UTF-8
run() { LOCPATH="$tmp/locale" LC_ALL=$wine_lang wine "$@"; wineserver -w; }
lnk_points_to() { # lnk_points_to TARGET LNK... : one of the .lnk files exists and names TARGET
  local target=$1 lnk text; shift
  for lnk in "$@"; do
    [ -f "$lnk" ] || continue
    text=$(strings -a "$lnk"; strings -a -el "$lnk")
    grep -qF -- "$target" <<<"$text" && return 0
  done
  return 1
}

wine wineboot --init >/dev/null 2>&1
wineserver -w
local_appdata=$(winvar LOCALAPPDATA)
user_programs=$(winvar APPDATA)/Microsoft/Windows/Start\ Menu/Programs
desktop=$(winvar USERPROFILE)/Desktop
store_dir="$local_appdata/cn.nianbao.desktop"

store_present() { # a store whose bytes must come through untouched
  mkdir -p "$store_dir"
  [ -f "$store_dir/nianbao.db" ] || head -c 65536 /dev/urandom > "$store_dir/nianbao.db"
  cp "$store_dir/nianbao.db" "$tmp/store.copy"
}
store_kept() { cmp -s "$store_dir/nianbao.db" "$tmp/store.copy"; }
only_store_left() { [ "$(ls -A "$store_dir")" = nianbao.db ] && store_kept; }

echo "== setup.exe /S (per user) =="
inst="$local_appdata/Programs/nianbao"
uninst='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao'
nsis_installed() {
  check "setup: nianbao.exe is the built one" cmp "$inst/nianbao.exe" "$payload/nianbao.exe"
  check "setup: WebView2Loader.dll beside it" cmp "$inst/WebView2Loader.dll" "$payload/WebView2Loader.dll"
  check "setup: uninstall.exe" test -f "$inst/uninstall.exe"
  check "setup: Start-menu shortcut 年报" lnk_points_to 'Programs\nianbao\nianbao.exe' "$user_programs/年报.lnk"
  check "setup: desktop shortcut 年报" lnk_points_to 'Programs\nianbao\nianbao.exe' "$desktop/年报.lnk"
  check "setup: in 简体中文 (the file type is named 年报数据文件)" has 'HKCU\Software\Classes\nianbao.exchange' '@="年报数据文件"'
  check "setup: .json files offer 年报" has 'HKCU\Software\Classes\.json\OpenWithProgids' '"nianbao.exchange"'
  check "setup: the file type opens nianbao.exe with the file" \
    has 'HKCU\Software\Classes\nianbao.exchange\shell\open\command' 'nianbao\\nianbao.exe\" \"%1\"'
  check "setup: uninstall entry 年报" has "$uninst" '"DisplayName"="年报"'
  check "setup: uninstall entry version" has "$uninst" "\"DisplayVersion\"=\"$version\""
  check "setup: quiet uninstall string" has "$uninst" 'uninstall.exe\" /S"'
  check "setup: install location" has "$uninst" '"InstallLocation"="C:\\users\\'
}
run "$setup" /S
nsis_installed
store_present
run "$setup" /S
nsis_installed
check "setup: reinstall keeps the store" store_kept
run "$inst/uninstall.exe" /S
check "uninstall: install folder gone" absent test -e "$inst"
check "uninstall: Start-menu shortcut gone" absent test -e "$user_programs/年报.lnk"
check "uninstall: desktop shortcut gone" absent test -e "$desktop/年报.lnk"
check "uninstall: file type gone" absent wine reg query 'HKCU\Software\Classes\nianbao.exchange'
check "uninstall: .json open-with entry gone" absent has 'HKCU\Software\Classes\.json' 'nianbao'
check "uninstall: uninstall entry gone" absent wine reg query "$uninst"
check "uninstall: only the store is left" only_store_left

echo "== msiexec /i /qn (per machine) =="
program_files=$(winvar ProgramW6432)/nianbao
common_programs=$(winvar ProgramData)/Microsoft/Windows/Start\ Menu/Programs
public_desktop=$(winvar PUBLIC)/Desktop
product_code=$(msiinfo export "$msi" Property | tr -d '\r' | sed -n 's/^ProductCode\t//p')
msi_uninst="HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\$product_code"
# Windows puts a per-machine package's shortcuts in the all-users folders; Wine's msiexec puts
# them in the current user's, so either place counts.
msi_installed() {
  check "msi: nianbao.exe is the built one" cmp "$program_files/nianbao.exe" "$payload/nianbao.exe"
  check "msi: WebView2Loader.dll beside it" cmp "$program_files/WebView2Loader.dll" "$payload/WebView2Loader.dll"
  check "msi: Start-menu shortcut 年报" lnk_points_to 'Program Files\nianbao\nianbao.exe' "$common_programs/年报.lnk" "$user_programs/年报.lnk"
  check "msi: desktop shortcut 年报" lnk_points_to 'Program Files\nianbao\nianbao.exe' "$public_desktop/年报.lnk" "$desktop/年报.lnk"
  check "msi: .json files offer 年报" has 'HKLM\Software\Classes\.json\OpenWithProgids' '"nianbao.exchange"'
  check "msi: the file type opens nianbao.exe with the file" \
    has 'HKLM\Software\Classes\nianbao.exchange\shell\open\command' 'nianbao\\nianbao.exe\" \"%1\"'
  check "msi: the file type is named 年报数据文件" has 'HKLM\Software\Classes\nianbao.exchange' '@="年报数据文件"'
  check "msi: uninstall entry 年报" has "$msi_uninst" '"DisplayName"="年报"'
}
run msiexec /i "$msi" /qn
msi_installed
run msiexec /i "$msi" /qn
msi_installed
check "msi: reinstall keeps the store" store_kept
run msiexec /x "$msi" /qn
check "msi uninstall: program folder gone" absent test -e "$program_files"
check "msi uninstall: Start-menu shortcut gone" absent test -e "$common_programs/年报.lnk" -o -e "$user_programs/年报.lnk"
check "msi uninstall: desktop shortcut gone" absent test -e "$public_desktop/年报.lnk" -o -e "$desktop/年报.lnk"
check "msi uninstall: file type gone" absent wine reg query 'HKLM\Software\Classes\nianbao.exchange'
check "msi uninstall: uninstall entry gone" absent wine reg query "$msi_uninst"
check "msi uninstall: only the store is left" only_store_left

echo "== setup.exe with an embedded WebView2 installer (a stand-in) =="
# Built like .ci/windows does with NIANBAO_WEBVIEW2_INSTALLER, around a stand-in that records
# how it was run and registers a runtime version as Microsoft's installer does.
x86_64-w64-mingw32-gcc -municode -mwindows -Os -s -o "$tmp/webview2-standin.exe" tests/windows/webview2-standin.c
makensis -V1 -INPUTCHARSET UTF8 -DVERSION="$version" -DPAYLOAD="$payload" -DICON="$PWD/icons/icon.ico" \
  -DOUTFILE="$tmp/setup-webview2.exe" -DWEBVIEW2_INSTALLER="$tmp/webview2-standin.exe" src-tauri/windows/installer.nsi
standin_log="$(winvar TEMP)/webview2-standin.txt"
webview2_key='HKCU\Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}'
check "webview2: missing before" absent wine reg query "$webview2_key"
wine_lang=de_DE.UTF-8 # a language the setup lacks: 简体中文, the first one
run "$tmp/setup-webview2.exe" /S
check "language: 简体中文 on a German Windows" has 'HKCU\Software\Classes\nianbao.exchange' '@="年报数据文件"'
standin_runs() { tr -d '\r' < "$standin_log"; }
check "webview2: the embedded installer ran silently" test "$(standin_runs)" = '/silent /install'
check "webview2: the runtime is registered" has "$webview2_key" '"pv"='
wine_lang=C.UTF-8 # English
run "$tmp/setup-webview2.exe" /S
check "language: English on an English Windows" has 'HKCU\Software\Classes\nianbao.exchange' '@="nianbao exchange file"'
check "webview2: not run again once present" test "$(standin_runs)" = '/silent /install'
check "webview2: the app is installed too" cmp "$inst/nianbao.exe" "$payload/nianbao.exe"
run "$inst/uninstall.exe" /S
check "webview2: uninstalled, only the store left" only_store_left

echo "windows installers under Wine: $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
