#!/usr/bin/env bash
# Installs what the browser and PDF checks (tests/browser/, `make check-browser`,
# `make check-report`) need, and only what is missing, so a second run is silent:
#   - Debian's `chromium` (Playwright drives it; its own browser download is never used),
#   - Debian's `poppler-utils` (pdfinfo, pdftoppm),
#   - Debian's `fonts-noto-color-emoji`, so that emoji in post texts show in the screenshots
#     as readers see them, not as empty boxes,
#   - the npm packages of tests/browser, exactly as package-lock.json pins them (`npm ci`).
# Node.js 20 or newer must already be installed. apt-get runs as root, or through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
	echo "browser-deps.sh: $*" >&2
	exit 1
}

packages=()
command -v chromium >/dev/null || packages+=(chromium)
{ command -v pdfinfo >/dev/null && command -v pdftoppm >/dev/null; } || packages+=(poppler-utils)
fc-list 2>/dev/null | grep -q "Noto Color Emoji" || packages+=(fonts-noto-color-emoji)

if [ ${#packages[@]} -gt 0 ]; then
	command -v apt-get >/dev/null ||
		fail "install ${packages[*]} with your system's package manager (no apt-get here)"
	if [ "$(id -u)" -eq 0 ]; then
		as_root=()
	elif command -v sudo >/dev/null; then
		as_root=(sudo)
	else
		fail "installing ${packages[*]} needs root (or sudo)"
	fi
	apt_get() {
		"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq "$@"
	}
	echo "browser-deps.sh: installing ${packages[*]}" >&2
	# A fresh machine may have no package lists, or stale ones: update only then.
	if ! apt_get install -y "${packages[@]}" >/dev/null 2>&1; then
		apt_get update >/dev/null
		apt_get install -y "${packages[@]}" >/dev/null
	fi
fi

command -v node >/dev/null && command -v npm >/dev/null ||
	fail "Node.js 20 or newer with npm is needed (node and npm are not on PATH)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20 or newer is needed, found $(node --version)"

# npm writes node_modules/.package-lock.json on every install: it is older than the lock
# file only when the lock changed since (or when nothing was installed yet).
browser=tests/browser
if [ ! -f "$browser/node_modules/playwright-core/package.json" ] ||
	[ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
	echo "browser-deps.sh: npm ci in $browser" >&2
	(cd "$browser" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
