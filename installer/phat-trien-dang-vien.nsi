; The Windows installer of "Phát triển Đảng viên": per user, no administrator needed.
;
; scripts/build_installer.py writes the two file lists from the PyInstaller folder and runs
;   makensis /DVERSION=x.y.z /DVERSION4=x.y.z.0 /DSOURCE=<folder> /DOUTFILE=<exe>
;            /DFILES=<install-files.nsh> /DUNFILES=<uninstall-files.nsh> /DSIZE_KB=<n> phat-trien-dang-vien.nsi
;
; What it promises the clerk (docs/cai-dat.md):
; - the program goes under %LOCALAPPDATA%\Programs\PhatTrienDangVien, never beside the data;
; - the data file, its backups and this computer's settings live in %LOCALAPPDATA%\PhatTrienDangVien
;   (or wherever the clerk chose): the uninstaller deletes exactly the files the installer put
;   down, by name, and never a folder wholesale, so it cannot touch a data file or a backup;
; - an upgrade runs the installed version's own uninstaller first (old files do not linger),
;   then installs in the same place; settings and data stay where they are.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"

!define PRODUCT "Phát triển Đảng viên"
!define FOLDER "PhatTrienDangVien"
!define EXE "PhatTrienDangVien.exe"
!define UNINSTALLER "go-cai-dat.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${FOLDER}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${FOLDER}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=1066 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${PRODUCT}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "Đảng ủy xã"

!define MUI_ICON "${SOURCE}\_internal\resources\icons\app.ico"
!define MUI_UNICON "${SOURCE}\_internal\resources\icons\app.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ được cài cho người dùng này, không cần quyền quản trị máy.$\r$\n$\r$\nDữ liệu của đảng ủy (tệp dữ liệu, bản sao lưu) không nằm trong thư mục chương trình: cài lại, nâng cấp hay gỡ chương trình đều không làm mất dữ liệu."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onInit
  ; An upgrade: the installed version removes its own files first, then we install in its place.
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} ${FileExists} "$0\${UNINSTALLER}"
    StrCpy $INSTDIR $0
    ExecWait '"$0\${UNINSTALLER}" /S _?=$0'
    Delete "$0\${UNINSTALLER}"
  ${EndIf}
FunctionEnd

Section "Chương trình" SecProgram
  SectionIn RO
  !include "${FILES}"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Gỡ cài đặt ${PRODUCT}.lnk" "$INSTDIR\${UNINSTALLER}"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Đảng ủy xã"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; Only the files this installer put down, by name; folders only when they are empty.
  !include "${UNFILES}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Gỡ cài đặt ${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
