#!/bin/sh
# Installs the ccr binary for this machine: curl -fsSL <url>/install.sh | sh
# Uninstall: curl -fsSL <url>/install.sh | sh -s -- --uninstall
#
# Environment:
#   CCR_VERSION       release to install, e.g. 0.2.0 or v0.2.0 (default: latest)
#   CCR_INSTALL_DIR   where to put `ccr` (default: ~/.local/bin); never needs root
#   CCR_INSTALL_BASE  release base URL (default: the project's GitHub releases); files are fetched from
#                     <base>/latest/download/<file> or <base>/download/v<version>/<file>, each with <file>.sha256
set -eu

# Placeholder owner of the GitHub repository: replace it with the real one when the project is published.
CCR_GITHUB_OWNER="ccr-project"

BASE="${CCR_INSTALL_BASE:-https://github.com/$CCR_GITHUB_OWNER/ccr/releases}"
BASE="${BASE%/}"
VERSION="${CCR_VERSION:-latest}"
TMP_FILE=""

say() { printf '%s\n' "$*"; }
die() {
  printf 'ccr install: %s\n' "$*" >&2
  exit 1
}
cleanup() { if [ -n "$TMP_FILE" ]; then rm -f "$TMP_FILE" "$TMP_FILE.log" "$TMP_FILE.sha256" "$TMP_FILE.sha256.log"; fi; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

usage() {
  say "usage: install.sh [--uninstall]"
  say "  CCR_VERSION (default latest), CCR_INSTALL_DIR (default ~/.local/bin), CCR_INSTALL_BASE (release base URL)"
}

install_dir() {
  if [ -n "${CCR_INSTALL_DIR:-}" ]; then
    printf '%s' "$CCR_INSTALL_DIR"
  elif [ -n "${HOME:-}" ]; then
    printf '%s' "$HOME/.local/bin"
  else
    die "HOME is not set: set CCR_INSTALL_DIR to the directory to install ccr into"
  fi
}

is_musl() {
  # ldd names the C library the system's programs use. A musl loader alone proves nothing: Debian's and Ubuntu's
  # `musl` package puts /lib/ld-musl-*.so.1 on glibc systems too, where the musl build cannot find its libstdc++.
  case "$(ldd --version 2>&1 || true)" in
    *musl* | *MUSL* | *Musl*) return 0 ;;
    *GLIBC* | *glibc* | *"GNU libc"* | *"GNU C Library"*) return 1 ;;
  esac
  if getconf GNU_LIBC_VERSION >/dev/null 2>&1; then return 1; fi
  for loader in /lib/ld-musl-*.so.1; do
    [ -e "$loader" ] && return 0
  done
  return 1
}

# The release file for this OS and CPU, e.g. ccr-linux-x64 or ccr-linux-x64-musl.
detect_target() {
  os_name="$(uname -s)"
  cpu="$(uname -m)"
  case "$os_name" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    MINGW* | MSYS* | CYGWIN*)
      exe="$(release_url ccr-windows-x64.exe)"
      die "this script does not install on Windows ($os_name): download $exe and check it against $exe.sha256"
      ;;
    *) die "unsupported operating system: $os_name (release builds exist for Linux, macOS and Windows)" ;;
  esac
  case "$cpu" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "unsupported CPU architecture: $cpu on $os_name (release builds exist for x64 and arm64)" ;;
  esac
  # A shell under Rosetta reports x86_64 on Apple silicon; the native build is faster.
  if [ "$os" = darwin ] && [ "$arch" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
    arch=arm64
  fi
  suffix=""
  if [ "$os" = linux ] && is_musl; then
    [ "$arch" = x64 ] || die "unsupported platform: musl libc on $cpu (the musl build exists for x64 only)"
    suffix="-musl"
  fi
  printf 'ccr-%s-%s%s' "$os" "$arch" "$suffix"
}

release_url() {
  if [ "$VERSION" = latest ]; then
    printf '%s/latest/download/%s' "$BASE" "$1"
  else
    printf '%s/download/v%s/%s' "$BASE" "${VERSION#v}" "$1"
  fi
}

# Fetches $1 into $2 (following redirects); on any failure says why and exits. $3 explains an HTTP 404.
download() {
  if command -v curl >/dev/null 2>&1; then
    status="$(curl -sSL -o "$2" -w '%{http_code}' "$1")" || die "could not download $1 (curl's message is above); nothing was installed"
  elif command -v wget >/dev/null 2>&1; then
    rc=0
    wget -q -S -O "$2" "$1" 2>"$2.log" || rc=$?
    status="$(http_status "$2.log")"
    if [ "$rc" -ne 0 ] && [ -z "$status" ]; then
      forward_wget_errors "$2.log"
      die "could not download $1 (wget failed with exit $rc: no answer from the server); nothing was installed"
    fi
  else
    die "neither curl nor wget is installed"
  fi
  case "$status" in
    2??) ;;
    404) die "$1 is not there (HTTP 404): $3" ;;
    *) die "$1 answered HTTP ${status:-with no status}; nothing was installed" ;;
  esac
}

# The status of the last response in `wget -S` output (after redirects), e.g. 404.
http_status() {
  code=""
  while read -r line; do
    case "$line" in
      HTTP/*)
        # shellcheck disable=SC2086 # split "HTTP/1.1 404 Not Found" into words on purpose
        set -- $line
        code="${2:-}"
        ;;
    esac
  done <"$1"
  printf '%s' "$code"
}

# wget's own error lines (BusyBox prints "wget: can't connect ..."), without the response headers.
forward_wget_errors() {
  while IFS= read -r line; do
    case "$line" in wget:*) printf '%s\n' "$line" >&2 ;; esac
  done <"$1"
}

# What a 404 for the binary means: no such release, or no build for this platform in it.
not_found_hint() {
  if [ "$VERSION" = latest ]; then
    printf 'no published release at %s has %s (set CCR_VERSION to pick a release, or check CCR_INSTALL_BASE); nothing was installed' "$BASE" "$1"
  else
    printf 'there is no release v%s with %s at %s (check CCR_VERSION); nothing was installed' "${VERSION#v}" "$1" "$BASE"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | { read -r hash _rest && printf '%s' "$hash"; }
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | { read -r hash _rest && printf '%s' "$hash"; }
  elif command -v openssl >/dev/null 2>&1; then
    openssl dgst -sha256 -r "$1" | { read -r hash _rest && printf '%s' "$hash"; }
  else
    die "no sha256sum, shasum or openssl to verify the download with; nothing was installed"
  fi
}

path_hint() {
  case ":${PATH:-}:" in
    *":$1:"*)
      # CCR v1 (npm @musistudio/claude-code-router) also installs a `ccr`; say which one the shell will run.
      found="$(command -v ccr 2>/dev/null || true)"
      if [ -n "$found" ] && [ "$found" != "$1/ccr" ]; then
        say ""
        say "note: $found comes first on your PATH, so \`ccr\` runs that one; remove it or put $1 before it"
      fi
      return 0
      ;;
  esac
  say ""
  say "$1 is not on your PATH. Add it:"
  login_shell="${SHELL:-sh}"
  case "${login_shell##*/}" in
    fish) say "  fish_add_path $1" ;;
    zsh) say "  echo 'export PATH=\"$1:\$PATH\"' >> ~/.zshrc && exec zsh" ;;
    bash) say "  echo 'export PATH=\"$1:\$PATH\"' >> ~/.bashrc && exec bash" ;;
    *) say "  export PATH=\"$1:\$PATH\"   (and add that line to your shell's startup file)" ;;
  esac
}

uninstall_ccr() {
  dir="$(install_dir)"
  target="$dir/ccr"
  if [ ! -e "$target" ]; then
    say "ccr is not installed in $dir; nothing to do"
    return 0
  fi
  # A background ccr keeps running after its file is gone; stop it first (older builds without `stop` just fail).
  "$target" stop >/dev/null 2>&1 || true
  rm -f "$target"
  say "removed $target (your config in ~/.claude-code-router was kept)"
}

install_ccr() {
  file="$(detect_target)"
  dir="$(install_dir)"
  target="$dir/ccr"
  mkdir -p "$dir" 2>/dev/null || die "cannot create $dir: set CCR_INSTALL_DIR to a directory you own (no root needed)"
  [ -d "$target" ] && die "$target is a directory; remove it or set CCR_INSTALL_DIR to another directory"
  # The download lands next to the target, so the final mv is an atomic rename on the same filesystem.
  TMP_FILE="$dir/.ccr.download.$$"
  (: >"$TMP_FILE") 2>/dev/null || die "cannot write to $dir: set CCR_INSTALL_DIR to a directory you own (no root needed)"
  sha256_of /dev/null >/dev/null # no checksum tool: say so before a 100 MB download, not after
  url="$(release_url "$file")"
  say "downloading $url"
  download "$url" "$TMP_FILE" "$(not_found_hint "$file")"
  download "$url.sha256" "$TMP_FILE.sha256" "the release has no checksum file for $file; refusing to install an unverified binary"
  read -r expected _name <"$TMP_FILE.sha256" || true
  rm -f "$TMP_FILE.sha256" "$TMP_FILE.log" "$TMP_FILE.sha256.log"
  actual="$(sha256_of "$TMP_FILE")"
  if [ -z "${expected:-}" ] || [ "$expected" != "$actual" ]; then
    # latest/ is resolved once per file: a release published between the two downloads mixes two versions.
    again=""
    [ "$VERSION" = latest ] && again=" (or a release came out during the download: run the installer again)"
    die "checksum mismatch for $file: expected ${expected:-nothing}, got $actual. The download is corrupt or was tampered with$again; nothing was installed."
  fi
  chmod 755 "$TMP_FILE"
  hint=""
  # The musl build links libstdc++ (Alpine: apk add libstdc++ libgcc).
  case "$file" in *-musl) hint=" (it needs libstdc++ and libgcc: apk add libstdc++ libgcc)" ;; esac
  new_version="$("$TMP_FILE" --version 2>/dev/null)" || die "the downloaded $file does not run on this machine$hint; nothing was installed"
  old_version=""
  if [ -x "$target" ]; then old_version="$("$target" --version 2>/dev/null || true)"; fi
  mv -f "$TMP_FILE" "$target"
  TMP_FILE=""
  if [ -n "$old_version" ]; then
    say "upgraded $target: $old_version -> $new_version"
    say "a ccr already running keeps the old version until \`ccr restart\`"
  else
    say "installed $target: $new_version"
  fi
  path_hint "$dir"
}

case "${1:-}" in
  "") install_ccr ;;
  --uninstall) uninstall_ccr ;;
  -h | --help) usage ;;
  *)
    usage >&2
    die "unknown argument: $1"
    ;;
esac
