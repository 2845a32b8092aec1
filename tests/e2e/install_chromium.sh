#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/e2e/test_wallboard.py), which drive it
# with Playwright through its executable path: Playwright's own browser download cannot
# reach its servers from our machines, so `playwright install` is never called.
#
# Silent when /usr/bin/chromium is there. Otherwise installs Debian's chromium package
# (needs root, as on a fresh CI machine), refreshing the package lists once if the first
# try fails.
set -euo pipefail

[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Chromium is missing for the browser tests: apt-get install chromium (as root)" >&2
  exit 1
fi
echo "installing Debian's chromium package for the browser tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q chromium >/dev/null 2>&1 \
  || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
[ -x /usr/bin/chromium ] || { echo "apt-get installed no /usr/bin/chromium" >&2; exit 1; }
