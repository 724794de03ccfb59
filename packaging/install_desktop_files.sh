#!/usr/bin/env bash
# Install CM Studio's desktop integration for one user, following the XDG Base Directory layout:
# the .desktop launcher, the AppStream metainfo, the icons (hicolor theme) and the MIME type of backups.
#
#   packaging/install_desktop_files.sh              # into ${XDG_DATA_HOME:-~/.local/share}
#   packaging/install_desktop_files.sh --prefix DIR # into DIR, a "share" folder (e.g. /app/share in Flatpak)
#   packaging/install_desktop_files.sh --uninstall
#
# The launcher runs `cmstudio`, which must be on PATH (pip install, or the PyInstaller bundle linked into
# ~/.local/bin). Caches are refreshed when the tools exist; their absence is not an error.
set -euo pipefail

APP_ID="fr.cmstudio.CMStudio"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
DESKTOP_DIR="$HERE/resources/desktop"
ICON_DIR="$HERE/resources/icons/hicolor"
TARGET="${XDG_DATA_HOME:-$HOME/.local/share}"
MODE="install"

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) TARGET="$2"; shift 2 ;;
    --uninstall) MODE="uninstall"; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install_desktop_files: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done

refresh() {
  if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$TARGET/applications" || true; fi
  if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$TARGET/mime" >/dev/null 2>&1 || true; fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$TARGET/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$TARGET/icons/hicolor" || true
  fi
}

if [ "$MODE" = "uninstall" ]; then
  rm -f "$TARGET/applications/$APP_ID.desktop" "$TARGET/metainfo/$APP_ID.metainfo.xml" \
        "$TARGET/mime/packages/$APP_ID.xml"
  find "$TARGET/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
  refresh
  echo "Removed CM Studio's desktop files from $TARGET"
  exit 0
fi

install -D -m 644 "$DESKTOP_DIR/$APP_ID.desktop" "$TARGET/applications/$APP_ID.desktop"
install -D -m 644 "$DESKTOP_DIR/$APP_ID.metainfo.xml" "$TARGET/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 "$DESKTOP_DIR/$APP_ID.mime.xml" "$TARGET/mime/packages/$APP_ID.xml"
count=0
for icon in "$ICON_DIR"/*/apps/"$APP_ID".*; do
  size_dir="$(basename "$(dirname "$(dirname "$icon")")")"
  install -D -m 644 "$icon" "$TARGET/icons/hicolor/$size_dir/apps/$(basename "$icon")"
  count=$((count + 1))
done
refresh
echo "Installed CM Studio's launcher, metainfo, MIME type and $count icons into $TARGET"
