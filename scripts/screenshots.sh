#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png: the main pages of every role on the sample county, in Debian's
# chromium (apt-get install chromium; SKILLSMATCH_CHROMIUM names another executable).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screenshots
SKILLSMATCH_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/SkillsMatch.Web.Tests --filter "FullyQualifiedName~ScreenshotTests"
ls -1 docs/screenshots
