#!/usr/bin/env bash
# The whole test suite, on a fresh Debian 12 machine or a developer's: installs what the tests need
# (Debian's postgresql for the store tests, chromium for the browser tests) when missing, checks the
# formatting, then runs every test project of Portal.sln.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "tests/run.sh: missing ${need[*]}; install them (apt-get install -y ${need[*]}) or run as root" >&2
    exit 1
  fi
  echo "tests/run.sh: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Debian's postgresql package starts a cluster of its own; the tests start their own servers and need none.
dotnet restore Portal.sln
dotnet format Portal.sln --verify-no-changes --no-restore
dotnet build Portal.sln --no-restore -c Release -warnaserror
# One test project at a time: they start hosts, PostgreSQL and Chromium, and the timing checks (IMAP IDLE within
# a second) should not compete with another project's browser on a 2-core machine.
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  dotnet test "$project" --no-build -c Release --logger "console;verbosity=normal" "$@" || status=1
done
exit $status
