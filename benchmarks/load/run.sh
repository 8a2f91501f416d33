#!/usr/bin/env bash
# Load benchmark against real peers on loopback: builds Release, then runs benchmarks/load/loadbench.py.
# Needs nginx, wrk, curl, python3 and npm (for Bun): `apt-get install nginx wrk curl python3 npm`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
missing=()
for tool in nginx wrk curl python3 npm dotnet; do
  command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool ]] || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "missing: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 1
fi
export PATH="$PATH:/usr/sbin" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
art="$root/artifacts"
echo "[load] building Release" >&2
dotnet publish src/TrustedServer.Hosting/TrustedServer.Hosting.csproj -c Release -o "$art/trusted-server" -nologo -v q >&2
dotnet publish benchmarks/BareYarp/BareYarp.csproj -c Release -o "$art/bare-yarp" -nologo -v q >&2
if [[ ! -x $art/bun/node_modules/@oven/bun-linux-x64/bin/bun ]]; then
  echo "[load] installing Bun from npm" >&2
  npm install --silent --prefix "$art/bun" @oven/bun-linux-x64@1 >&2
fi
export TS_DLL="$art/trusted-server/trusted-server.dll" YARP_DLL="$art/bare-yarp/BareYarp.dll"
export BUN="$art/bun/node_modules/@oven/bun-linux-x64/bin/bun"
echo "[load] machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
exec timeout 3000 python3 benchmarks/load/loadbench.py "$@"
