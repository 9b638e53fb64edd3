# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash disable=SC2034  # (py and pin are for the sourcing script)
# What the benchmarks share. Sourced (`. "$here/lib.sh"`) by a benchmark
# after `set -euo pipefail` and after it has parsed its arguments (smoke=0|1).
# Sets the environment every tool runs in, and defines:
#   py     the Python that runs the generators and the timer
#   pin    (taskset -c 0) when the CPU can be pinned, else ()
#   calc EXPR                         Python arithmetic (no bc needed)
#   timed STDIN STDOUT STDERR CMD...  runs CMD, prints "seconds max_rss_kb exit_code
#                                     cpu_seconds" (max_rss_kb is what
#                                     /usr/bin/time -f %M prints: the child's
#                                     ru_maxrss; cpu_seconds its user + system time)
#   judge OK                          PASS (OK = 1), BELOW, or with --smoke
#                                     "smoke: not judged"
export LC_ALL=C LANGUAGE='' NO_COLOR=1
unset ADX_NOW ADX_CONFIG
py=/usr/bin/python3
pin=()
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then pin=(taskset -c 0); fi

calc() { "$py" -c "print($1)"; }

bench_timed_py='
import os, subprocess, sys, time
stdin, stdout, stderr, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
with open(stdin, "rb") as i, open(stdout, "wb") as o, open(stderr, "wb") as e:
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=i, stdout=o, stderr=e)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
print(f"{elapsed:.6f} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {usage.ru_utime + usage.ru_stime:.3f}")
'
timed() { "$py" -c "$bench_timed_py" "$@"; }

judge() { if [ "${smoke:-0}" = 1 ]; then echo "smoke: not judged"; elif [ "$1" = 1 ]; then echo PASS; else echo BELOW; fi; }
