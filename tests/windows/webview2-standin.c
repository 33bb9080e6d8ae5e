/* Stands in for Microsoft's WebView2 offline runtime installer in the Wine test (the real one
 * cannot be fetched here): records its command line in %TEMP%\webview2-standin.txt and registers
 * a runtime version where the WebView2 docs say installers put it (per user, when not elevated). */
#include <windows.h>
#include <stdio.h>

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR args, int show) {
    (void)instance; (void)previous; (void)show;
    wchar_t path[MAX_PATH];
    GetTempPathW(MAX_PATH, path);
    wcscat(path, L"webview2-standin.txt");
    FILE *log = _wfopen(path, L"a");
    if (!log) return 2;
    fwprintf(log, L"%ls\n", args);
    fclose(log);
    HKEY key;
    const wchar_t *sub = L"Software\\Microsoft\\EdgeUpdate\\Clients\\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}";
    if (RegCreateKeyExW(HKEY_CURRENT_USER, sub, 0, NULL, 0, KEY_WRITE, NULL, &key, NULL) != ERROR_SUCCESS)
        return 3;
    const wchar_t version[] = L"131.0.2903.70";
    RegSetValueExW(key, L"pv", 0, REG_SZ, (const BYTE *)version, sizeof version);
    RegCloseKey(key);
    return 0;
}
