#!/usr/bin/env bash
# Debian's Chromium and ChromeDriver, for the browser test of the /explore pages
# (tests/test_explore_browser.py). Installed when missing, as .ci/postgres.sh installs
# PostgreSQL; the browser runs headless and offline, so nothing else is fetched.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
echo "chromium: installing Debian's chromium and chromium-driver" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq chromium chromium-driver >&2
