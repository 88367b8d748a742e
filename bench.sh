#!/usr/bin/env bash
# The benchmark command: installs what the benchmark suites use when it is missing, builds the sample host and the
# benchmark program in Release, then runs the program with this script's arguments passed through:
#
#   ./bench.sh                                  every suite: catalog, ingest, concurrency, mirror, restore, download
#   ./bench.sh ingest --runs 5 --size-mib 1024  one suite, with its options (./bench.sh --help lists them)
#
# What the suites use besides the .NET SDK:
#   - nginx (Debian's), the ingest suite's reference for writing a request body to disk and the download suite's for
#     sending a file (sendfile on);
#   - Debian's python3-flask for Debian's /usr/bin/python3 (the Flask peer, tests/python/flask_upload_host.py);
#   - Node.js and npm, and the npm packages pinned in tests/node/package-lock.json (tus-js-client, @tus/server,
#     @tus/file-store), installed with `npm ci` into tests/node/node_modules (git-ignored);
#   - curl, dd (coreutils) and openssl, the clients and the limit of the ingest suite (curl is the download suite's
#     client too).
# A machine that already has them installs nothing. Figures are only worth something on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

missing=()
[ -x /usr/sbin/nginx ] || [ -x /usr/bin/nginx ] || missing+=(nginx)
if ! { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import flask' 2>/dev/null; }; then
  missing+=(python3-flask)
fi
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ ${#missing[@]} -gt 0 ]; then
  echo "bench.sh: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci writes node_modules/.package-lock.json last: missing or older than the committed lock means "install again".
if [ ! -f tests/node/node_modules/.package-lock.json ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  echo "bench.sh: installing the npm packages of tests/node (npm ci)"
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "bench.sh: building the sample host and the benchmark program (Release)"
dotnet build -c Release -nologo -clp:ErrorsOnly samples/VideoVault.SampleHost/VideoVault.SampleHost.csproj
dotnet build -c Release -nologo -clp:ErrorsOnly tests/VideoVault.Benchmarks/VideoVault.Benchmarks.csproj

exec dotnet tests/VideoVault.Benchmarks/bin/Release/net10.0/VideoVault.Benchmarks.dll "$@"
