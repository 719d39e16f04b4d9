#!/usr/bin/env bash
# Start-up of the Jupyter kernel beside the REPL's, in the same run (see kernel/README.md).
#   kernel: jupyter_client starts the installed kernelspec (bin/jinn kernel {connection_file}), until
#           the execute_reply of "1+1" (kernel_info first, as every front end asks for it)
#   repl:   launch -> first result in a pseudo-terminal (tmux), as repl/startup-times.sh measures it
# Usage: kernel/startup-times.sh [ROUNDS]   (default 5; medians). Needs tmux, Debian's python3-jupyter-client
# and a built distribution (any bin/jinn run). Both share one JINN_HOME, so both start from one AOT cache.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/find-java"; jinn_find_java
rounds="${1:-5}"
jinn="$(ls -d "$here"/dist/target/jinn-*/jinn-*/bin/jinn | head -n1)"
export JINN_HOME="${JINN_HOME:-$here/dist/target/startup-home}"
echo "1+1" | "$jinn" >/dev/null 2>&1   # trains the AOT cache once, outside the measurements
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
"$jinn" kernel install --prefix "$prefix" >/dev/null
export JUPYTER_PATH="$prefix/share/jupyter" PYDEVD_DISABLE_FILE_VALIDATION=1

now() { date +%s%N; }
kernel_run() {
  # stderr: jupyter_client complains at interpreter exit (TypeError in __del__); a failed run prints no figure
  /usr/bin/python3 -Xfrozen_modules=off - 2>/dev/null <<'PY'
import time
from jupyter_client.manager import KernelManager
t0 = time.monotonic()
km = KernelManager(kernel_name="jinn")
km.start_kernel()
kc = km.client(); kc.start_channels()
kc.wait_for_ready(timeout=120)
reply = kc.execute_interactive("1+1", timeout=120, output_hook=lambda m: None)
t1 = time.monotonic()
assert reply["content"]["status"] == "ok", reply
kc.stop_channels(); km.shutdown_kernel(now=False)
print(int((t1 - t0) * 1000))
PY
}
repl_run() {
  local sock="kstartup$$-$1" t0 tr
  t0=$(now)
  tmux -L "$sock" new-session -d -s m -x 120 -y 40 "env TERM=xterm-256color $jinn"
  until tmux -L "$sock" capture-pane -p -t m | grep -q "jinn>"; do sleep 0.005; done
  tmux -L "$sock" send-keys -t m "1+1" Enter
  until tmux -L "$sock" capture-pane -p -t m | grep -q "==> 2"; do sleep 0.005; done
  tr=$(now)
  tmux -L "$sock" kill-server
  echo $(( (tr - t0) / 1000000 ))
}
k=""; r=""
for i in $(seq "$rounds"); do
  k+="$(kernel_run) "
  r+="$(repl_run "$i") "
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
echo "kernel: launch -> execute_reply of 1+1   median $(echo "$k" | median) ms   ($k)"
echo "repl:   launch -> first result           median $(echo "$r" | median) ms   ($r)"
echo "($rounds rounds, load $(cut -d' ' -f1-3 /proc/loadavg))"
