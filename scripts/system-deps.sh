#!/usr/bin/env bash
# Debian packages the portal needs: fonts with full Vietnamese coverage for the PDFs
# (fonts-liberation2: the older fonts-liberation lacks ạ ơ ư ễ), gettext for the catalogues,
# poppler-utils (pdftoppm/pdftotext for looking at PDFs), chromium for end-to-end tests
# (WITH_BROWSER=0 skips it; the e2e tests then skip themselves).
set -u
pkgs=()
fc-list 2>/dev/null | grep -q "LiberationSerif" && [ -d /usr/share/fonts/truetype/liberation2 ] || pkgs+=(fonts-liberation2)
command -v msgfmt >/dev/null || pkgs+=(gettext)
command -v pdftoppm >/dev/null || pkgs+=(poppler-utils)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || pkgs+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "${WITH_BROWSER:-1}" = 1 ] && ! command -v chromium >/dev/null; then pkgs+=(chromium); fi
[ ${#pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${pkgs[*]} (run as root: apt-get install ${pkgs[*]})" >&2
  exit 0
fi
echo "Installing Debian packages: ${pkgs[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${pkgs[@]}" >/dev/null
