#!/usr/bin/env bash
# Start-up of jinn against plain jshell, side by side in the same run (see repl/README.md).
#   launch -> prompt        in a pseudo-terminal (tmux), until the prompt is on the screen
#   launch -> first result  same session: "1+1" typed as soon as the prompt shows, until "==> 2"
#   piped                   echo '1+1' | ...: launch, evaluate, print, exit
# Usage: repl/startup-times.sh [ROUNDS]   (default 5; medians are printed). Needs tmux and a built
# distribution (mvn package, or any bin/jinn run). jinn runs twice: with its AOT cache and without.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bin/find-java"; jinn_find_java
rounds="${1:-5}"
jinn="$(ls -d "$here"/dist/target/jinn-*/jinn-*/bin/jinn | head -n1)"
jshell="$JAVA_HOME/bin/jshell"
export JINN_HOME="${JINN_HOME:-$here/dist/target/startup-home}"
echo "1+1" | "$jinn" >/dev/null 2>&1   # trains the AOT cache once, outside the measurements

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
declare -A samples
runs=0
pty_run() { # label command prompt
  runs=$((runs + 1))
  local sock="startup$$-$runs" t0 tp tr
  t0=$(now)
  tmux -L "$sock" new-session -d -s m -x 120 -y 40 "$2"
  until tmux -L "$sock" capture-pane -p -t m | grep -q "$3"; do sleep 0.005; done
  tp=$(now)
  tmux -L "$sock" send-keys -t m "1+1" Enter
  until tmux -L "$sock" capture-pane -p -t m | grep -q "==> 2"; do sleep 0.005; done
  tr=$(now)
  tmux -L "$sock" kill-server
  samples["$1 prompt"]+="$(ms "$t0" "$tp") "
  samples["$1 result"]+="$(ms "$t0" "$tr") "
}
piped_run() { # label command...
  local label="$1" t0 t1; shift
  t0=$(now); echo '1+1' | "$@" >/dev/null 2>&1; t1=$(now)
  samples["$label piped"]+="$(ms "$t0" "$t1") "
}
for _ in $(seq "$rounds"); do
  pty_run "jinn" "env TERM=xterm-256color $jinn" "jinn>"
  pty_run "jinn-noaot" "env JINN_AOT=0 TERM=xterm-256color $jinn" "jinn>"
  pty_run "jshell" "env TERM=xterm-256color $jshell" "jshell>"
  piped_run "jinn" "$jinn"
  piped_run "jinn-noaot" env JINN_AOT=0 "$jinn"
  piped_run "jshell" "$jshell"
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
printf '%-12s %16s %22s %14s   (median ms of %s rounds; load %s)\n' "" "launch->prompt" "launch->first result" "piped 1+1" "$rounds" "$(cut -d' ' -f1-3 /proc/loadavg)"
for who in jinn jinn-noaot jshell; do
  printf '%-12s %16s %22s %14s\n' "$who" "$(echo "${samples["$who prompt"]}" | median)" \
    "$(echo "${samples["$who result"]}" | median)" "$(echo "${samples["$who piped"]}" | median)"
done
