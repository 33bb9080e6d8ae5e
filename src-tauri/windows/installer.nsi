; The per-user setup program of nianbao (年报), built offline by .ci/windows with Debian's makensis:
;   makensis -DVERSION=0.1.0 -DPAYLOAD=<folder with nianbao.exe and WebView2Loader.dll>
;            -DICON=<icon.ico> -DOUTFILE=<setup.exe> [-DWEBVIEW2_INSTALLER=<offline runtime installer>]
;            installer.nsi
;
; What it does, without admin rights:
; - copies the app to %LOCALAPPDATA%\Programs\nianbao, writes the uninstaller;
; - Start-menu and desktop shortcuts named 年报;
; - an entry under 应用和功能 (HKCU ...\Uninstall\nianbao), with a quiet uninstall string;
; - offers 年报 for .json files (exchange files are *.nianbao.json; Windows goes by the last
;   extension only, so the app is put on the .json "打开方式" list, never made the default);
; - checks for the WebView2 runtime and runs the embedded offline installer when one was built in,
;   else says in Chinese what to install.
; The store lives in %LOCALAPPDATA%\cn.nianbao.desktop, outside the install folder: an upgrade never
; touches it, and the uninstaller deletes it only when the clerk ticks the box (never when silent).

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include LogicLib.nsh

!define PRODUCT "nianbao"
!define EXE "nianbao.exe"
!define IDENTIFIER "cn.nianbao.desktop"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define PROGID "nianbao.exchange"
!define WEBVIEW2GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define MAINWINDOWTITLE "年报 — 政府信息公开工作年度报告"

Name "年报"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "年报 ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "年报"
VIAddVersionKey /LANG=2052 "FileDescription" "年报 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(runApp)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_NODESC
!define MUI_COMPONENTSPAGE_TEXT_TOP "$(keepDataTop)"
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; Simplified Chinese first: NSIS takes the first language for any Windows UI language it lacks,
; so only an English Windows gets English.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString runApp ${LANG_SIMPCHINESE} "运行年报"
LangString runApp ${LANG_ENGLISH} "Run nianbao"
LangString appSection ${LANG_SIMPCHINESE} "年报程序"
LangString appSection ${LANG_ENGLISH} "nianbao"
LangString dataSection ${LANG_SIMPCHINESE} "同时删除报告数据（不可恢复）"
LangString dataSection ${LANG_ENGLISH} "Also delete all report data (cannot be undone)"
LangString keepDataTop ${LANG_SIMPCHINESE} "报告数据保存在 $LOCALAPPDATA\${IDENTIFIER}，默认保留，重新安装后仍可使用。只有勾选下面一项才会删除。"
LangString keepDataTop ${LANG_ENGLISH} "The report data in $LOCALAPPDATA\${IDENTIFIER} is kept unless you tick the box below."
LangString fileType ${LANG_SIMPCHINESE} "年报数据文件"
LangString fileType ${LANG_ENGLISH} "nianbao exchange file"
LangString closeApp ${LANG_SIMPCHINESE} "年报正在运行。请先关闭年报（内容会自动保存），再点“重试”。"
LangString closeApp ${LANG_ENGLISH} "nianbao is running. Please close it (your work is saved), then click Retry."
LangString webview2Missing ${LANG_SIMPCHINESE} "年报已安装，但这台电脑还缺少“Microsoft Edge WebView2 运行时”，缺少它年报无法打开。$\r$\n$\r$\n请技术人员安装微软的“WebView2 运行时独立安装程序”（x64，文件名 MicrosoftEdgeWebView2RuntimeInstallerX64.exe，在有网络的电脑上从微软 WebView2 下载页面下载，拷贝过来双击安装，不需要联网），然后再打开年报。Windows 11 和已更新的 Windows 10 通常已自带。"
LangString webview2Missing ${LANG_ENGLISH} "nianbao is installed, but this PC lacks the Microsoft Edge WebView2 Runtime, without which nianbao cannot open. Please install Microsoft's WebView2 Runtime standalone installer (x64, MicrosoftEdgeWebView2RuntimeInstallerX64.exe), then start nianbao."
LangString webview2Installing ${LANG_SIMPCHINESE} "正在安装 Microsoft Edge WebView2 运行时……"
LangString webview2Installing ${LANG_ENGLISH} "Installing the Microsoft Edge WebView2 Runtime..."
LangString webview2Failed ${LANG_SIMPCHINESE} "Microsoft Edge WebView2 运行时没有安装成功（返回码 $1）。年报已安装，但要装好 WebView2 运行时才能打开。请技术人员重新运行本安装程序，或单独安装 WebView2 运行时。"
LangString webview2Failed ${LANG_ENGLISH} "The Microsoft Edge WebView2 Runtime did not install (exit code $1). nianbao is installed but needs it to open."

; Asks a running nianbao to close (it saves pending edits on close) and waits for it. Silent
; (IT) installs close it the same way; a window that stays open makes a silent install fail.
!macro CLOSE_RUNNING_APP un
Function ${un}CloseRunningApp
  FindWindow $0 "" "${MAINWINDOWTITLE}"
  ${If} $0 == 0
    Return
  ${EndIf}
  nsExec::Exec 'taskkill /IM ${EXE}'
  Pop $1
  StrCpy $2 0
  ${Do}
    Sleep 500
    IntOp $2 $2 + 1
    FindWindow $0 "" "${MAINWINDOWTITLE}"
    ${If} $0 == 0
      Return
    ${EndIf}
    ${If} $2 >= 20
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(closeApp)" /SD IDCANCEL IDRETRY +2
      Abort
      StrCpy $2 0
    ${EndIf}
  ${Loop}
FunctionEnd
!macroend
!insertmacro CLOSE_RUNNING_APP ""
!insertmacro CLOSE_RUNNING_APP "un."

; The runtime's version as WebView2's docs tell to read it: per machine (32-bit view on 64-bit
; Windows), else per user; empty or 0.0.0.0 means missing.
Function WebView2Version
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2GUID}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2GUID}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Section "$(appSection)" SecApp
  SectionIn RO
  Call CloseRunningApp
  SetOutPath "$INSTDIR"
  File "${PAYLOAD}\${EXE}"
  File "${PAYLOAD}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\年报.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$DESKTOP\年报.lnk" "$INSTDIR\${EXE}"

  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(fileType)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}\SupportedTypes" ".json" ""
  WriteRegStr HKCU "Software\Classes\Applications\${EXE}" "FriendlyAppName" "年报"
  ; Tell Explorer that associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "年报"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "nianbao"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  SectionGetSize ${SecApp} $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0

  Call WebView2Version
  ${If} $0 != ""
    DetailPrint "Microsoft Edge WebView2 $0"
    Return
  ${EndIf}
!ifdef WEBVIEW2_INSTALLER
  DetailPrint "$(webview2Installing)"
  InitPluginsDir
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstaller.exe" "${WEBVIEW2_INSTALLER}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstaller.exe" /silent /install' $1
  Delete "$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstaller.exe"
  ${If} $1 <> 0
    DetailPrint "$(webview2Failed)"
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(webview2Failed)" /SD IDOK
  ${EndIf}
!else
  DetailPrint "$(webview2Missing)"
  MessageBox MB_OK|MB_ICONEXCLAMATION "$(webview2Missing)" /SD IDOK
!endif
SectionEnd

Section "un.$(appSection)" SecUnApp
  SectionIn RO
  Call un.CloseRunningApp
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\年报.lnk"
  Delete "$DESKTOP\年报.lnk"

  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.json\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.json"
  DeleteRegKey HKCU "Software\Classes\Applications\${EXE}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

; Unticked by default, so a silent uninstall (/S) keeps the store too.
Section /o "un.$(dataSection)" SecUnData
  RMDir /r "$LOCALAPPDATA\${IDENTIFIER}"
SectionEnd
