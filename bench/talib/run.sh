#!/bin/sh
# Builds TA-Lib's C library from the npm `talib` package in a temporary folder (never committed), compiles our
# harness (talib_bench.c) against it, then runs it and our own batch benchmark back to back on the same data,
# so both are measured in the same run on the same machine state.
# Usage: sh bench/talib/run.sh [ROUNDS]   (from the repository root; needs npm, make, gcc and the .NET SDK)
# ROUNDS (default 1) alternates the two sides that many times: on a shared machine the load drifts between runs.
set -eu
rounds=${1:-1}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack talib@2.0.5 >/dev/null 2>&1
tar xzf talib-2.0.5.tgz
# The package ships prebuilt macOS objects: clean before building.
rm -f package/src/lib/lib/*.a package/src/lib/temp/csr/*.o
(cd package/src/lib/make/csr/linux/g++ && make clean >/dev/null 2>&1 && make -j2 >/dev/null 2>&1)
gcc -O2 -o talib_bench "$repo/bench/talib/talib_bench.c" -Ipackage/src/lib/include \
    -Wl,--start-group package/src/lib/lib/libta_func_csr.a package/src/lib/lib/libta_common_csr.a -Wl,--end-group -lm
(cd "$repo" && dotnet build -c Release bench/Platform3.Bench >/dev/null)
round=1
while [ "$round" -le "$rounds" ]; do
    echo "## round $round: TA-Lib C (npm talib@2.0.5, gcc -O2), 1,000,000 points; load average $(cut -d' ' -f1 /proc/loadavg)"
    ./talib_bench
    echo
    (cd "$repo" && dotnet bench/Platform3.Bench/bin/Release/net10.0/linux-x64/Platform3.Bench.dll ta-batch)
    round=$((round + 1))
done
