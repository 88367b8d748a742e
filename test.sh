#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing, then runs `dotnet test VideoVault.Core.sln` with
# this script's arguments passed through (for example `./test.sh --filter RealClient`).
#
# What the tests use besides the .NET SDK:
#   - Debian's Chromium at /usr/bin/chromium (the browser tests; Playwright's own browser download cannot work here);
#   - Debian's python3-tuspy for Debian's /usr/bin/python3 (tuspy, a tus client; PyPI is not reachable);
#   - Node.js and npm, and the npm packages pinned in tests/node/package-lock.json (tus-js-client, @tus/server,
#     @tus/file-store), installed with `npm ci` into tests/node/node_modules (git-ignored);
#   - curl (the download's range tests run the real program) and Debian's ffmpeg (the browser test plays a real
#     video it encodes with ffmpeg).
# A machine that already has them installs nothing and goes straight to the tests; `dotnet test` alone works there too.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import tusclient' 2>/dev/null; }; then
  missing+=(python3-tuspy)
fi
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)

if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci writes node_modules/.package-lock.json last: missing or older than the committed lock means "install again".
if [ ! -f tests/node/node_modules/.package-lock.json ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  echo "test.sh: installing the npm packages of tests/node (npm ci)"
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
fi

exec dotnet test VideoVault.Core.sln "$@"
