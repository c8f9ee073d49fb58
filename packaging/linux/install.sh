#!/bin/sh
# Install Blueprint Editor from this unpacked folder: the program, its menu entry, the
# .blueprint file type and the icons. Nothing else on the system is changed.
#
#   ./install.sh                  for you alone: ~/.local/opt/blueprint-editor,
#                                 ~/.local/share (menu, file type, icons), ~/.local/bin
#   sudo ./install.sh --system    for everyone: /opt/blueprint-editor, /usr/local/share,
#                                 /usr/local/bin
#   ./install.sh --uninstall      remove it again (add --system for a system-wide install)
#
# --opt DIR, --share DIR and --bin DIR choose the three places one by one.
set -eu

APP=blueprint-editor
ID=org.blueprinteditor.BlueprintEditor
MIME_ICON=application-x-service-blueprint
HERE=$(cd "$(dirname "$0")" && pwd)

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

mode=install system=no opt= share= bin=
while [ $# -gt 0 ]; do
    case $1 in
        --system) system=yes ;;
        --uninstall) mode=uninstall ;;
        --opt) opt=$2; shift ;;
        --share) share=$2; shift ;;
        --bin) bin=$2; shift ;;
        -h|--help) usage 0 ;;
        *) echo "install.sh: unknown option $1" >&2; usage 2 >&2 ;;
    esac
    shift
done
if [ $system = yes ]; then
    : "${opt:=/opt/$APP}" "${share:=/usr/local/share}" "${bin:=/usr/local/bin}"
else
    : "${opt:=$HOME/.local/opt/$APP}" "${share:=${XDG_DATA_HOME:-$HOME/.local/share}}"
    : "${bin:=$HOME/.local/bin}"
fi

# the files this script puts under $share, relative to it
share_files() {
    echo "applications/$ID.desktop"
    echo "mime/packages/$ID.xml"
    echo "metainfo/$ID.metainfo.xml"
    (cd "$HERE/share" && find icons -type f) 2>/dev/null || true
}

refresh_caches() {
    # each tool is optional: without it the desktop notices the change at its next start
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$share/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t -f "$share/icons/hicolor" 2>/dev/null || true
    fi
    touch "$share/icons/hicolor" 2>/dev/null || true
}

if [ $mode = uninstall ]; then
    for name in $APP $APP-gui; do
        link="$bin/$name"
        if [ -L "$link" ] && [ "$(readlink "$link")" = "$opt/$name" ]; then rm -f "$link"; fi
    done
    # the list of shared files comes from the installed copy when run from elsewhere
    [ -d "$HERE/share" ] || HERE=$opt
    share_files | while read -r f; do rm -f "$share/$f"; done
    rm -rf "$opt"
    refresh_caches
    echo "Blueprint Editor removed from $opt"
    exit 0
fi

[ -x "$HERE/$APP" ] && [ -d "$HERE/_internal" ] && [ -d "$HERE/share" ] || {
    echo "install.sh: run me from the unpacked Blueprint Editor folder" >&2; exit 1; }

# 1. the program: copy next to the old one, then swap, so a failed copy leaves it working
mkdir -p "$(dirname "$opt")"
rm -rf "$opt.new"
mkdir -p "$opt.new"
cp -a "$HERE/$APP" "$HERE/$APP-gui" "$HERE/_internal" "$HERE/share" "$HERE/install.sh" "$opt.new/"
[ -f "$HERE/README.txt" ] && cp -a "$HERE/README.txt" "$opt.new/"
rm -rf "$opt.old"
[ -e "$opt" ] && mv "$opt" "$opt.old"
mv "$opt.new" "$opt"
rm -rf "$opt.old"

# 2. commands on the PATH
mkdir -p "$bin"
ln -sfn "$opt/$APP" "$bin/$APP"
ln -sfn "$opt/$APP-gui" "$bin/$APP-gui"

# 3. menu entry (pointing at the installed program), file type, AppStream data, icons
mkdir -p "$share/applications" "$share/mime/packages" "$share/metainfo"
sed -e "s|^Exec=.*|Exec=\"$opt/$APP-gui\" %f|" -e "s|^TryExec=.*|TryExec=$opt/$APP-gui|" \
    "$HERE/share/applications/$ID.desktop" > "$share/applications/$ID.desktop"
cp "$HERE/share/mime/packages/$ID.xml" "$share/mime/packages/$ID.xml"
cp "$HERE/share/metainfo/$ID.metainfo.xml" "$share/metainfo/$ID.metainfo.xml"
(cd "$HERE/share" && find icons -type f) | while read -r f; do
    mkdir -p "$share/$(dirname "$f")"
    cp "$HERE/share/$f" "$share/$f"
done
refresh_caches

echo "Blueprint Editor installed in $opt"
echo "  menu entry: $share/applications/$ID.desktop"
echo "  command:    $bin/$APP  (try: $APP --version)"
case ":$PATH:" in *":$bin:"*) ;; *) echo "  note: $bin is not on your PATH; the menu entry works anyway" ;; esac
