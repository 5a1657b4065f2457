; Madoguchi's Windows installer: per-machine, in Japanese, the facility snapshot inside.
; One definition for both build paths: scripts/build-windows.sh runs Debian's makensis on the
; cross-built app, and the hosted-runner workflow runs NSIS on Windows.
;
;   makensis -DVERSION=0.1.0 -DBIN_DIR=<folder of madoguchi.exe> -DSNAPSHOT=<csv>
;            -DICON=<ico> -DOUTFILE=<setup.exe> [-DNSIS_TARGET=x86-unicode] madoguchi.nsi
;
; Command-line flags, including those tauri-plugin-updater passes to an NSIS installer:
;   /S        silent: no window at all
;   /P        passive: a progress window only, nothing to answer
;   /UPDATE   installing over an installed version: the folder is kept and nothing is asked
;   /R        start the app when done (the updater asks this after an update)
;   /ARGS …   the app's arguments for that start; everything after /ARGS is theirs
;   /D=path   the folder (NSIS's own flag; must come last)
; No plugin is downloaded: only what NSIS itself ships is used.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

; amd64 stubs where NSIS has them (Debian's); the official Windows NSIS has x86 only.
!ifndef NSIS_TARGET
  !define NSIS_TARGET amd64-unicode
!endif
Target ${NSIS_TARGET}

!macro REQUIRE NAME
  !ifndef ${NAME}
    !error "${NAME} must be defined (see the header)"
  !endif
!macroend
!insertmacro REQUIRE VERSION
!insertmacro REQUIRE BIN_DIR
!insertmacro REQUIRE SNAPSHOT
!insertmacro REQUIRE OUTFILE
!insertmacro REQUIRE ICON

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include x64.nsh

!define PRODUCT "Madoguchi"
!define DISPLAYNAME "窓口 Madoguchi"
!define PUBLISHER "Madoguchi"
!define MAINBIN "madoguchi.exe"
!define SHORTCUT "$SMPROGRAMS\${DISPLAYNAME}.lnk"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
; Where the Evergreen WebView2 Runtime registers itself (per machine, then per user).
!define WEBVIEW2GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

;   -DSIGN_CMD='…%1…' signs the installer and its uninstaller (see scripts/build-windows.sh).
!ifdef SIGN_CMD
  !finalize '${SIGN_CMD}'
  !uninstfinalize '${SIGN_CMD}'
!endif

Name "${DISPLAYNAME}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
BrandingText "${DISPLAYNAME} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

Var PassiveMode
Var UpdateMode
Var RelaunchMode
Var RelaunchArgs

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipIfPassive
!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipIfPassiveOrUpdate
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION StartApp
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipIfPassive
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Japanese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_JAPANESE} "ProductName" "${DISPLAYNAME}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "FileDescription" "${DISPLAYNAME} セットアップ"
VIAddVersionKey /LANG=${LANG_JAPANESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_JAPANESE} "LegalCopyright" "${PUBLISHER}"

Function SkipIfPassive
  ${If} $PassiveMode = 1
    Abort
  ${EndIf}
FunctionEnd

Function SkipIfPassiveOrUpdate
  ${If} $PassiveMode = 1
  ${OrIf} $UpdateMode = 1
    Abort
  ${EndIf}
FunctionEnd

; Splits the command line at " /ARGS ": $R0 = our flags, $RelaunchArgs = the app's.
Function SplitArgs
  ${GetParameters} $R0
  StrCpy $RelaunchArgs ""
  StrLen $R2 $R0
  StrCpy $R1 0
  ${Do}
    ${If} $R1 >= $R2
      ${Break}
    ${EndIf}
    StrCpy $R3 $R0 6 $R1
    ${If} $R3 == "/ARGS "
    ${OrIf} $R3 == "/ARGS"
      IntOp $R4 $R1 + 6
      StrCpy $RelaunchArgs $R0 "" $R4
      StrCpy $R0 $R0 $R1
      ${Break}
    ${EndIf}
    IntOp $R1 $R1 + 1
  ${Loop}
FunctionEnd

!macro FLAG NAME VAR
  ClearErrors
  ${GetOptions} $R0 "${NAME}" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 == ""
    StrCpy ${VAR} 1
  ${EndIf}
!macroend

Function .onInit
  StrCpy $PassiveMode 0
  StrCpy $UpdateMode 0
  StrCpy $RelaunchMode 0
  Call SplitArgs
  !insertmacro FLAG "/P" $PassiveMode
  !insertmacro FLAG "/UPDATE" $UpdateMode
  !insertmacro FLAG "/R" $RelaunchMode
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${DISPLAYNAME} は 64 ビット版の Windows にのみインストールできます。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; Installing again goes where the last install went, unless /D= names a folder.
  ReadRegStr $0 HKLM "${UNINSTKEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\${PRODUCT}"
    StrCpy $INSTDIR $0
  ${EndIf}
  ${If} $PassiveMode = 1
    SetAutoClose true
  ${EndIf}
FunctionEnd

; The updater ends the app before it starts us; a user may still have it open. Files in use
; cannot be replaced, so wait for it to close (silent: up to 30 s, then fail with code 2).
Function WaitForAppToClose
  StrCpy $1 0
  ${Do}
    ${IfNot} ${FileExists} "$INSTDIR\${MAINBIN}"
      Return
    ${EndIf}
    ClearErrors
    FileOpen $0 "$INSTDIR\${MAINBIN}" a
    ${IfNot} ${Errors}
      FileClose $0
      Return
    ${EndIf}
    ${If} ${Silent}
    ${OrIf} $PassiveMode = 1
      IntOp $1 $1 + 1
      ${If} $1 > 60
        SetErrorLevel 2
        Quit
      ${EndIf}
      Sleep 500
    ${Else}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${DISPLAYNAME} が起動しています。終了してから「再試行」を押してください。" IDRETRY +2
      Quit
    ${EndIf}
  ${Loop}
FunctionEnd

; The window needs the Evergreen WebView2 Runtime (part of Windows 11, and of Windows 10
; through Windows Update). Nothing is downloaded: where it is missing, say so and go on.
Function CheckWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2GUID}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
    ReadRegStr $0 HKCU "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2GUID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    DetailPrint "WebView2 Runtime: not found"
    ; Asked only of a person at the installer: silent and passive runs ask nothing.
    ${If} $PassiveMode = 0
      MessageBox MB_ICONINFORMATION "この PC には Microsoft Edge WebView2 ランタイムがありません。${DISPLAYNAME} の画面の表示に必要です。$\r$\n$\r$\nインストールは続けます。起動する前に、IT 担当者に WebView2 ランタイム（Evergreen スタンドアロン インストーラー）のインストールを依頼してください。" /SD IDOK
    ${EndIf}
  ${Else}
    DetailPrint "WebView2 Runtime: $0"
  ${EndIf}
FunctionEnd

Function StartApp
  ; explorer.exe starts it with the user's own rights, not the installer's elevated ones
  ; (a clerk's drafts live in the clerk's profile); arguments need a direct start.
  ${If} $RelaunchArgs == ""
    Exec '"$WINDIR\explorer.exe" "$INSTDIR\${MAINBIN}"'
  ${Else}
    Exec '"$INSTDIR\${MAINBIN}" $RelaunchArgs'
  ${EndIf}
FunctionEnd

Section "Install"
  SetRegView 64
  SetShellVarContext all
  Call WaitForAppToClose
  SetOutPath "$INSTDIR"
  File "${BIN_DIR}\${MAINBIN}"
  ; The GNU build loads WebView2's loader from beside the exe (the MSVC build links it in).
  !if /FileExists "${BIN_DIR}\WebView2Loader.dll"
    File "${BIN_DIR}\WebView2Loader.dll"
  !endif
  File "/oname=facility-snapshot.csv" "${SNAPSHOT}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  ; An update keeps a shortcut the user removed removed; a first install makes it.
  ${If} $UpdateMode = 0
  ${OrIf} ${FileExists} "${SHORTCUT}"
    CreateShortCut "${SHORTCUT}" "$INSTDIR\${MAINBIN}"
  ${EndIf}
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${DISPLAYNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${MAINBIN}"
  WriteRegStr HKLM "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTKEY}" "EstimatedSize" $0
  Call CheckWebView2
  ${If} $RelaunchMode = 1
    Call StartApp
  ${EndIf}
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

; Removes what the installer put down, and nothing of the users': their drafts, settings
; and logs (in each profile's AppData) and the IT preset in %ProgramData%\Madoguchi stay.
Section "Uninstall"
  Delete "$INSTDIR\${MAINBIN}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\facility-snapshot.csv"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "${SHORTCUT}"
  DeleteRegKey HKLM "${UNINSTKEY}"
SectionEnd
