#!/usr/bin/env bash
#
# sandbox.sh - a small "data centre" of real Docker engines on this one machine,
# for Envboard's tests, benchmarks and demos.
#
#   scripts/sandbox.sh up       build the sandbox (fast no-op when it is already healthy)
#   scripts/sandbox.sh down     stop and remove everything `up` made
#   scripts/sandbox.sh status   one line per engine; exit 0 healthy, 1 partly broken, 3 down
#   scripts/sandbox.sh env      `export` lines pointing at the sandbox's files
#   scripts/sandbox.sh stop NAME   stop one engine's dockerd, as on a host whose Docker is stopped
#   scripts/sandbox.sh start NAME  start it again, as up does; wait until it is back
#   scripts/sandbox.sh clone-id on|off  give every standalone engine the first one's
#                  key.json (so the same engine ID), as machines cloned from one VM
#                  image have; off (and reset) gives each its own key back
#   scripts/sandbox.sh registry-stop    stop the private registry's process (an
#                  unreachable registry); registry-start starts it again, with its data
#
# What `up` builds (defaults):
#   bridge envboard0 10.254.77.1/24 in the root namespace, where Envboard runs;
#   Swarm nodes envboard-swarm-1..3 (10.254.77.11..13; swarm-1 is the manager);
#   standalone engines envboard-host-1..2 (10.254.77.21..22), each also running sshd
#   on port 22; envboard-host-2 also serves Docker over TLS on 10.254.77.22:2376;
#   HashiCorp's Consul API double on 127.0.0.1:18500 as the pools' Consul: the
#   engines as its nodes, web/api/worker services (tools/consul-double/sandbox);
#   a private registry, Debian's docker-registry (Distribution 2.8), on
#   https://10.254.77.1:5443 (not 5000, where Debian's own service may run): TLS
#   from a CA of its own (openssl; server certificate with IP SAN 10.254.77.1),
#   htpasswd (bcrypt) with user envboard and a generated password.  Every engine
#   trusts it through certs.d/10.254.77.1:5443/ca.crt: in the machine's
#   /etc/docker and in each engine's own /etc/docker ($SB/<engine>/etc-docker,
#   bind-mounted over /etc/docker in its mount namespace).  `up` logs in from
#   envboard-host-1 with a docker config of its own (never ~/.docker) and pushes
#   10.254.77.1:5443/envboard/demo:1, :2 and :latest (= :2), whose digests differ;
#   then it removes those names there again.  The registry only serves what was
#   pushed to it: it never pulls from anywhere.
# Every engine gets its own network namespace without a default route, so nothing
# it does can leave the machine, and its own hostname.  Inside it the engine has
# iptables and its default bridge (see dockerd_args), so ports it publishes answer
# at its address from the machine: a standalone engine's, and a Swarm service's
# in host mode on the nodes running its tasks.  Swarm's ingress routing mesh and
# virtual IPs do not answer here: they need the kernel's IPVS, which this
# machine's kernel lacks (README, "The sandbox").  The image envboard/demo:1
# (and :2) is imported from Debian's busybox-static into every engine; nothing is
# ever pulled from outside (only from the sandbox's own registry).  When you create Swarm services yourself, pass --no-resolve-image
# (`docker stack deploy --resolve-image never`): the CLI otherwise asks Docker Hub.
# Only while the sandbox is up does 10.254.77.0/24 route to envboard0: once it is
# down, a connection to those addresses would take the default route off the
# machine, so clients should check `status` (or pools.yaml) before dialling them.
#
# `stop NAME` ends only that engine's dockerd (its containers stop with it) and
# leaves its namespace, data, daemon.json, sshd... in place; `status` shows it
# "stopped" (exit 1) until `start NAME` runs dockerd again with the same flags,
# hostname and data, so its containers and Swarm membership come back.  `up`
# on a sandbox whose only trouble is stopped engines just starts them.
#
# Files for the app and the tests, all under $ENVBOARD_SANDBOX_DIR
# (default /var/lib/envboard-sandbox):
#   pools.yaml    Envboard's pool definitions (written last: it marks a finished `up`);
#                 both pools take their compose stacks from this repository's examples/stacks,
#                 whose images are the registry's, and pull with the login of registry/docker-config;
#                 their demo templates from examples/templates
#   engines.tsv   name, kind, unix URI, address, pid file - one engine a line
#   nodes.txt     classic Swarm discovery file (the TLS engine)
#   consul-double.pid, consul-double.log   the Consul API double's pid and output
#   registry.env  (mode 600) REGISTRY=10.254.77.1:5443, REGISTRY_USER=, REGISTRY_PASSWORD=,
#                 REGISTRY_CA= (its CA), REGISTRY_DOCKER_CONFIG= (a docker config dir
#                 logged in to it), REGISTRY_IMAGE=10.254.77.1:5443/envboard/demo
#   registry/     its CA and server certificate, htpasswd, config.yml, data/, docker-config/,
#                 registry.pid, registry.log; `down` stops it by pid and removes the
#                 certs.d entry from /etc/docker
#   ssh/          client key, authorized_keys, known_hosts
#   <engine>/     that engine's daemon.json, data, sockets, pid files and logs
#
# Environment: ENVBOARD_SANDBOX_DIR, SANDBOX_SWARM_NODES (1-9, default 3),
# SANDBOX_HOSTS (1-9, default 2), SANDBOX_CONSUL_LATENCY (ms the Consul double
# holds a blocking query, default 5000).  Must run as root.

set -Eeuo pipefail

# sshd, dockerd and ip live in sbin, which a non-login root shell may lack.
PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin

# Every docker call below names its engine with -H; an inherited DOCKER_HOST or
# context could otherwise send a command to some unrelated engine.
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH DOCKER_API_VERSION

readonly SB=${ENVBOARD_SANDBOX_DIR:-/var/lib/envboard-sandbox}
readonly SWARM_NODES=${SANDBOX_SWARM_NODES:-3}
readonly HOSTS=${SANDBOX_HOSTS:-2}

# The bridge, namespaces and addresses are machine-wide, so one lock serializes
# every sandbox.sh on the machine, whatever its ENVBOARD_SANDBOX_DIR.
readonly LOCK_FILE=/run/lock/envboard-sandbox.lock
readonly LOCK_WAIT=180

readonly BRIDGE=envboard0
readonly NET=10.254.77                 # the sandbox's /24
readonly SWARM_POOL=10.200.0.0/16      # overlay subnets, only ever inside the namespaces
readonly TLS_ENGINE=envboard-host-2    # the engine that also listens on tcp+TLS
readonly TLS_PORT=2376
readonly IMAGES=(envboard/demo:1 envboard/demo:2)
readonly CHECK_SERVICE=sandbox-check
readonly FW_COMMENT=envboard-sandbox   # tags our FORWARD rules so down removes exactly those
readonly MARKER=.envboard-sandbox      # proves a directory is ours before we rm -rf it
readonly NAME_RE='^envboard-(swarm|host)-[0-9]+$'
readonly STOPPED=stopped               # in an engine's directory: `stop` stopped its dockerd

# The repository this script belongs to, wherever it is called from: pools.yaml
# points Envboard at its example stacks.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
readonly REPO_ROOT
readonly STACKS_DIR=$REPO_ROOT/examples/stacks
readonly TEMPLATES_DIR=$REPO_ROOT/examples/templates
readonly CONSUL_DOUBLE_DIR=$REPO_ROOT/tools/consul-double
readonly CONSUL_PORT=18500
readonly CONSUL_ADDRESS=http://127.0.0.1:$CONSUL_PORT
# Long enough to watch Envboard wait on a blocking query in a demo; HashiCorp's default is 60 s.
readonly CONSUL_HOLD_MS=${SANDBOX_CONSUL_LATENCY:-5000}

readonly START_TIMEOUT=30      # engines answering
readonly CONVERGE_TIMEOUT=40   # the check service running everywhere and gone again
readonly STOP_TIMEOUT=15       # a dockerd's graceful stop
readonly READY_TIMEOUT=60      # a restarted Swarm node reported ready by the manager

# ---------------------------------------------------------------------------
# Output and small helpers

now_ms() { echo $(($(date +%s%N) / 1000000)); }
T0=$(now_ms)
readonly T0

elapsed_since() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

# Progress goes to stderr, stamped with the time since start; stdout carries
# only results (status table, the final "sandbox ready" line, env exports).
log() { printf 'sandbox: [%s] %s\n' "$(elapsed_since "$T0")" "$*" >&2; }
die() { printf 'sandbox: error: %s\n' "$*" >&2; exit 1; }
# Exit 2: the sandbox cannot even be attempted here (not root, a package missing...).
refuse() { printf 'sandbox: %s\n' "$*" >&2; exit 2; }

on_error() {
  # Only the top-level shell reports, so a failing $(...) is not told twice.
  ((BASH_SUBSHELL == 0)) || return 0
  printf 'sandbox: error: "%s" failed (exit %s) at line %s\n' "$3" "$1" "$2" >&2
}
trap 'on_error $? $LINENO "$BASH_COMMAND"' ERR
# The engines run on in their own sessions; say what to do about them.
trap 'log "interrupted; \`$0 up\` rebuilds, \`$0 down\` cleans up"; exit 130' INT TERM

# Polls "$@" every 0.2 s until it succeeds; returns 1 after $1 seconds.
wait_until() {
  local deadline=$(($(now_ms) + $1 * 1000))
  shift
  until "$@"; do
    (($(now_ms) < deadline)) || return 1
    sleep 0.2
  done
}

# Runs a command quietly; its output only matters (and is shown) when it fails.
quiet() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    return 1
  fi
}

# A live process, not a zombie: a killed daemon's orphans linger as zombies until
# init reaps them, and kill -0 would count those as running.
pid_running() {
  local stat
  [[ $1 =~ ^[0-9]+$ ]] && stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

# True when pid $1 is running and its command line contains $2.  Pid files can
# outlive their process (a crash, a reboot: they sit on disk), and the pid may
# by now belong to something else, which we must never signal.
pid_is() {
  local cmdline
  pid_running "$1" && cmdline=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) && [[ $cmdline == *"$2"* ]]
}

read_pid() { cat "$1" 2>/dev/null || true; }

all_dead() {
  local pid
  for pid; do ! pid_running "$pid" || return 1; done
}

# SIGTERM, then SIGKILL whatever still runs after $1 seconds; returns once all are gone.
stop_pids() {
  local grace=$1 pid
  shift
  (($#)) || return 0
  kill -TERM "$@" 2>/dev/null || true
  wait_until "$grace" all_dead "$@" && return 0
  for pid; do
    if pid_running "$pid"; then
      log "pid $pid ignored SIGTERM for ${grace} s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  wait_until 5 all_dead "$@" || log "warning: pids still running after SIGKILL: $*"
}

# ---------------------------------------------------------------------------
# The engines and their per-engine facts

is_swarm() { [[ $1 == envboard-swarm-* ]]; }
engine_kind() { if is_swarm "$1"; then echo swarm; else echo standalone; fi; }
engine_index() { echo "${1##*-}"; }

engine_addr() {
  local i
  i=$(engine_index "$1")
  if is_swarm "$1"; then echo "$NET.$((10 + i))"; else echo "$NET.$((20 + i))"; fi
}

# Host end of the engine's veth pair; the namespace end is the same with -c.
# Interface names are limited to 15 characters.
engine_veth() {
  if is_swarm "$1"; then echo "ebsw$(engine_index "$1")"; else echo "ebh$(engine_index "$1")"; fi
}

engine_sock() { echo "unix://$SB/$1/docker.sock"; }

# docker against engine $1.  A wedged engine must not hang us forever: every
# call is bounded, by DK_TIMEOUT seconds when the caller sets it.
dk() {
  local e=$1
  shift
  timeout "${DK_TIMEOUT:-60}" docker -H "$(engine_sock "$e")" "$@"
}

manager() { echo envboard-swarm-1; }

# With SANDBOX_HOSTS=1 there is no TLS engine.
has_tls_engine() { ((HOSTS >= $(engine_index "$TLS_ENGINE"))); }

# The engines this invocation is about (SANDBOX_SWARM_NODES / SANDBOX_HOSTS).
expected_engines() {
  local i
  for ((i = 1; i <= SWARM_NODES; i++)); do echo "envboard-swarm-$i"; done
  for ((i = 1; i <= HOSTS; i++)); do echo "envboard-host-$i"; done
}

# The engines some earlier run left behind, whatever the counts were then.
present_engines() {
  {
    local d
    for d in "$SB"/envboard-*; do [[ -d $d ]] && basename "$d"; done
    our_namespaces
  } | grep -E "$NAME_RE" | sort -u -t- -k2,2r -k3,3n || true # Swarm nodes first
}

our_namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "$NAME_RE" || true; }

our_host_veths() {
  ip -o link show type veth 2>/dev/null | awk -F': ' '{sub(/@.*/, "", $2); print $2}' |
    grep -E '^eb(sw|h)[0-9]+-h$' || true
}

# forward_rule -I|-C|-D -i|-o: our ACCEPT rule for the bridge's traffic.
forward_rule() { iptables "$1" FORWARD "$2" "$BRIDGE" -m comment --comment "$FW_COMMENT" -j ACCEPT; }
forward_rules_present() { [[ $(iptables -S FORWARD 2>/dev/null) == *"--comment $FW_COMMENT "* ]]; }

swarm_engines() { printf '%s\n' "${ENGINES[@]}" | grep '^envboard-swarm-' || true; }
standalone_engines() { printf '%s\n' "${ENGINES[@]}" | grep '^envboard-host-' || true; }

# ---------------------------------------------------------------------------
# Preconditions

require_root() {
  [[ $(id -u) == 0 ]] || refuse "must run as root (it creates network namespaces and runs dockerd)"
}

# "command:Debian package" pairs.
readonly REQUIRED=(
  dockerd:docker.io docker:docker.io containerd:"containerd (pulled in by docker.io)"
  runc:"runc (pulled in by docker.io)" busybox:busybox-static sshd:openssh-server
  ssh-keygen:openssh-client ssh:openssh-client openssl:openssl ip:iproute2
  nsenter:util-linux unshare:util-linux setsid:util-linux flock:util-linux
  iptables:iptables tar:tar docker-registry:docker-registry htpasswd:apache2-utils curl:curl
)

require_commands() {
  local entry cmd missing=0
  for entry in "${REQUIRED[@]}"; do
    cmd=${entry%%:*}
    if ! command -v "$cmd" >/dev/null; then
      echo "sandbox: missing command '$cmd': install the Debian package ${entry#*:}" >&2
      missing=1
    fi
  done
  # The demo image is that one binary and nothing else, so it must need no libraries.
  if command -v busybox >/dev/null && command -v ldd >/dev/null &&
    ldd "$(command -v busybox)" >/dev/null 2>&1; then
    echo "sandbox: $(command -v busybox) is dynamically linked: install the Debian package busybox-static" >&2
    missing=1
  fi
  ((missing == 0)) || exit 2
}

validate_settings() {
  [[ $SB == /?* && $SB != */ ]] ||
    refuse "ENVBOARD_SANDBOX_DIR must be an absolute path other than / (got '$SB')"
  # up and down end with rm -rf of this directory: never of one someone
  # pointed us at by mistake.
  if [[ -d $SB && ! -e $SB/$MARKER && -n $(ls -A "$SB") ]]; then
    refuse "$SB exists but was not made by sandbox.sh (no $MARKER in it); choose another ENVBOARD_SANDBOX_DIR"
  fi
  local n
  for n in "$SWARM_NODES" "$HOSTS"; do
    [[ $n =~ ^[1-9]$ ]] || refuse "SANDBOX_SWARM_NODES and SANDBOX_HOSTS must be 1..9 (got '$n')"
  done
  [[ $CONSUL_HOLD_MS =~ ^[0-9]+$ ]] || refuse "SANDBOX_CONSUL_LATENCY must be milliseconds (got '$CONSUL_HOLD_MS')"
}

take_lock() {
  mkdir -p "$(dirname "$LOCK_FILE")"
  exec 9>>"$LOCK_FILE"
  flock "$1" -w "$LOCK_WAIT" 9 ||
    die "another sandbox.sh still holds $LOCK_FILE after ${LOCK_WAIT} s"
}

# ---------------------------------------------------------------------------
# Health (used by status and by up's fast path)

# Fills INFO[engine]="state|manager?|node id|engine labels" for engines that answer.
declare -A INFO=()
probe_engine() {
  INFO[$1]=$(DK_TIMEOUT=5 dk "$1" info --format \
    '{{.Swarm.LocalNodeState}}|{{.Swarm.ControlAvailable}}|{{.Swarm.NodeID}}|{{join .Labels ","}}' \
    2>/dev/null) || unset 'INFO[$1]'
}

# Fills NODE_LABELS[hostname]="k=v,..." and NODE_STATE[hostname] (ready,
# down...) from the Swarm manager; hostnames are the engine names, because each
# engine runs under its own hostname.
declare -A NODE_LABELS=() NODE_STATE=()
probe_node_labels() {
  local ids host state labels
  local DK_TIMEOUT=5
  ids=$(dk "$(manager)" node ls -q 2>/dev/null) || return 0
  [[ -n $ids ]] || return 0
  # $ids: one argument per node id; $k, $v belong to the Go template.
  # shellcheck disable=SC2086,SC2016
  while IFS='|' read -r host state labels; do
    NODE_LABELS[$host]=${labels%,}
    NODE_STATE[$host]=$state
  done < <(dk "$(manager)" node inspect --format \
    '{{.Description.Hostname}}|{{.Status.State}}|{{range $k, $v := .Spec.Labels}}{{$k}}={{$v}},{{end}}' $ids 2>/dev/null)
}

dockerd_pid() { read_pid "$SB/$1/docker.pid"; }
sshd_pid() { read_pid "$SB/$1/sshd.pid"; }
dockerd_alive() { pid_is "$(dockerd_pid "$1")" "$SB/$1/"; }
sshd_alive() { pid_is "$(sshd_pid "$1")" "$SB/$1/"; }
# Stopped on purpose by `stop`, as opposed to dead of some crash.
stopped_on_purpose() { [[ -e $SB/$1/$STOPPED ]] && ! dockerd_alive "$1"; }

# The flags engine $1's running dockerd was started with, one a line.
running_dockerd_args() { tr '\0' '\n' <"/proc/$(dockerd_pid "$1")/cmdline" 2>/dev/null | tail -n +2; }

# False when engine $1's dockerd runs with other flags than dockerd_args gives
# now: a sandbox built by an older sandbox.sh (one whose engines had no iptables,
# say), which `up` rebuilds.  The running process is the record, not a file: it
# cannot disagree with what runs.  An engine that does not run starts with
# today's flags.
engine_flags_current() {
  dockerd_alive "$1" || return 0
  [[ $(running_dockerd_args "$1") == "$(dockerd_args "$1")" ]]
}

stale_flag_engines() {
  local e
  for e in $(status_engines); do engine_flags_current "$e" || echo "$e"; done
}

# Prints the status line of engine $1 and returns 0 when it is healthy.
# Expects probe_engine / probe_node_labels to have run.
engine_status_line() {
  local e=$1 healthy=0 pid state ctl labels role socket sshd='-'
  pid=$(dockerd_pid "$e")
  if dockerd_alive "$e" && ! engine_flags_current "$e"; then
    pid="pid $pid, old flags" healthy=1
  elif dockerd_alive "$e"; then
    pid="pid $pid"
  elif stopped_on_purpose "$e"; then
    pid=stopped healthy=1
  else
    pid=dead healthy=1
  fi

  if [[ -v INFO[$e] ]]; then
    IFS='|' read -r state ctl _ labels <<<"${INFO[$e]}"
    role=$state
    if is_swarm "$e"; then
      if [[ $state == active ]]; then
        if [[ $ctl == true ]]; then role=manager/active; else role=worker/active; fi
      else
        healthy=1
      fi
      [[ $e != "$(manager)" || $role == manager/active ]] || healthy=1
      labels=${NODE_LABELS[$e]-?}
    else
      [[ $state == inactive ]] || healthy=1
    fi
    socket=answers
  else
    socket=silent role='?' labels='?' healthy=1
    # The manager may still know a silent node: its labels, and whether it has
    # noticed yet that the node is gone ("node down").
    if is_swarm "$e"; then
      labels=${NODE_LABELS[$e]-?}
      [[ -z ${NODE_STATE[$e]-} ]] || role="node ${NODE_STATE[$e]}"
    fi
  fi

  if ! is_swarm "$e"; then
    if sshd_alive "$e"; then sshd="up"; else sshd="down"; healthy=1; fi
  fi
  printf '%-18s %-11s %-8s %-16s %-5s %s\n' "$e" "$pid" "$socket" "$role" "$sshd" "${labels:--}"
  return $healthy
}

# Engines present on disk or as namespaces, else the expected ones.
status_engines() {
  local present
  present=$(present_engines)
  if [[ -n $present ]]; then echo "$present"; else expected_engines; fi
}

sandbox_exists() {
  [[ -e $SB || -n $(present_engines) || -n $(our_host_veths) ]] ||
    ip link show "$BRIDGE" &>/dev/null || forward_rules_present
}

# Prints the status table; returns 0 (healthy), 1 (partly broken) or 3 (down).
print_status() {
  if ! sandbox_exists; then
    echo "sandbox is down (no $SB, no namespaces, no $BRIDGE)"
    return 3
  fi
  local e rc=0 engines
  mapfile -t engines < <(status_engines)
  for e in "${engines[@]}"; do probe_engine "$e"; done
  probe_node_labels
  printf '%-18s %-11s %-8s %-16s %-5s %s\n' ENGINE DOCKERD SOCKET SWARM SSHD LABELS
  for e in "${engines[@]}"; do engine_status_line "$e" || rc=1; done
  consul_double_status_line || rc=1
  registry_status_line || rc=1
  ip link show "$BRIDGE" &>/dev/null || { echo "bridge $BRIDGE is missing"; rc=1; }
  [[ -f $SB/pools.yaml ]] || { echo "no $SB/pools.yaml: the last up did not finish"; rc=1; }
  [[ -z $(stale_flag_engines) ]] ||
    echo "engines run with an older sandbox.sh's dockerd flags (old flags): \`$0 up\` rebuilds the sandbox"
  if ((rc == 0)); then echo "sandbox healthy: ${#engines[@]} engines"; else echo "sandbox partly broken"; fi
  return $rc
}

# Healthy and built for the engine counts asked for now; STATUS keeps the table.
STATUS=
sandbox_healthy() {
  [[ -f $SB/pools.yaml && -f $SB/engines.tsv ]] || return 1
  [[ $(cut -f1 "$SB/engines.tsv") == "$(expected_engines)" ]] || return 1
  STATUS=$(print_status)
}

# ---------------------------------------------------------------------------
# Teardown (down, and up's cleaning of a crashed run's leftovers)

stop_sshds() {
  local e pids=()
  for e in "$@"; do
    sshd_alive "$e" && pids+=("$(sshd_pid "$e")")
  done
  stop_pids 5 "${pids[@]}"
}

# Swarm tasks carry a 10 s stop grace period, which a dockerd honours on
# shutdown whatever --shutdown-timeout says; everything is about to be deleted,
# so kill the containers first, through each engine's API, all engines at once.
kill_containers() {
  local e pids=() DK_TIMEOUT=10
  for e; do
    (
      ids=$(dk "$e" ps -q 2>/dev/null) && [[ -n $ids ]] || exit 0
      # shellcheck disable=SC2086  # one argument per container id
      dk "$e" kill $ids >/dev/null 2>&1 || true
    ) &
    pids+=($!)
  done
  for e in "${pids[@]}"; do wait "$e" || true; done
}

stop_dockerds() {
  local e pids=()
  for e in "$@"; do
    dockerd_alive "$e" && pids+=("$(dockerd_pid "$e")")
  done
  ((${#pids[@]})) && log "stopping ${#pids[@]} dockerd(s)"
  stop_pids "$STOP_TIMEOUT" "${pids[@]}"
}

# A dockerd that died hard leaves its containers and containerd shims running.
# Container init pids are in the engine's task state; verify each by the
# container id in its cgroup path before killing it (the whole container dies
# with its init).  Shims, a lost dockerd, ssh sessions... are found through the
# engine's network namespace, which only our processes share.
kill_orphans() {
  local e f pid id pids=()
  for e in "$@"; do
    for f in "$SB/$e"/exec/containerd/daemon/io.containerd.runtime.v2.task/*/*/init.pid; do
      [[ -f $f ]] || continue
      pid=$(read_pid "$f") id=$(basename "$(dirname "$f")")
      if pid_running "$pid" && grep -qF "$id" "/proc/$pid/cgroup" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null && pids+=("$pid")
      fi
    done
  done
  for e in "$@"; do
    [[ -e /run/netns/$e ]] || continue
    for pid in $(ip netns pids "$e" 2>/dev/null); do pids+=("$pid"); done
  done
  ((${#pids[@]})) && log "stopping ${#pids[@]} leftover process(es) of a previous run"
  stop_pids 5 "${pids[@]}"
}

# dockerd runs in a mount namespace of its own, but a dockerd started otherwise
# leaves nsfs mounts (Swarm overlay sandboxes in exec/netns/) that make rm -rf
# fail with "Device or resource busy".  Deepest first, lazily if need be.
unmount_under_sb() {
  local m
  awk -v p="$SB/" 'index($2, p) == 1 { print length($2), $2 }' /proc/mounts |
    sort -rn | cut -d' ' -f2- | while read -r m; do
    m=$(printf '%b' "$m") # /proc/mounts escapes blanks as \040
    umount "$m" 2>/dev/null || umount -l "$m" || log "warning: cannot unmount $m"
  done
}

delete_network() {
  local ns link dir
  for ns in $(our_namespaces); do ip netns delete "$ns"; done
  # Deleting a namespace destroys its veth end and with it the peer; what is
  # left are host ends whose namespace had vanished some other way.
  for link in $(our_host_veths); do ip link delete "$link" 2>/dev/null || true; done
  if ip link show "$BRIDGE" &>/dev/null; then ip link delete "$BRIDGE"; fi
  for dir in -i -o; do
    while forward_rule -C "$dir" 2>/dev/null; do forward_rule -D "$dir"; done
  done
}

# validate_settings made sure the directory is ours.  --one-file-system: a
# mount that survived unmount_under_sb is not descended into.
remove_state_dir() { rm -rf --one-file-system "$SB"; }

teardown() {
  local engines
  mapfile -t engines < <(present_engines)
  stop_consul_double
  stop_registry
  untrust_registry
  stop_sshds "${engines[@]}"
  kill_containers "${engines[@]}"
  stop_dockerds "${engines[@]}"
  kill_orphans "${engines[@]}"
  unmount_under_sb
  delete_network
  remove_state_dir
}

# ---------------------------------------------------------------------------
# Building: network

# Another interface in our /24 would take some of the engines' traffic.
check_subnet_free() {
  local users
  users=$(ip -4 -o addr show to "$NET.0/24" | awk '{print $2}' | grep -vx "$BRIDGE" || true)
  [[ -z $users ]] || die "$NET.0/24 is already used by interface(s): $users"
}

setup_bridge() {
  ip link add "$BRIDGE" type bridge
  ip addr add "$NET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  # With br_netfilter, frames between the engines cross the FORWARD chain, which
  # a DROP policy would swallow (Swarm gossip and overlay traffic among them).
  if [[ $(iptables -S FORWARD 2>/dev/null) == *"-P FORWARD DROP"* ]]; then
    log "FORWARD policy is DROP: accepting traffic of $BRIDGE"
    forward_rule -I -i
    forward_rule -I -o
  fi
}

# One namespace per engine, plugged into the bridge.  No default route: the
# engine can reach the bridge's /24 and nothing else.
setup_engine_netns() {
  local e=$1 veth addr
  veth=$(engine_veth "$e") addr=$(engine_addr "$e")
  ip netns add "$e"
  ip link add "$veth-h" type veth peer name "$veth-c" netns "$e"
  ip link set "$veth-h" master "$BRIDGE" up
  ip -n "$e" link set lo up
  ip -n "$e" addr add "$addr/24" dev "$veth-c"
  ip -n "$e" link set "$veth-c" up
}

# Before any TCP to a sandbox address: make sure it goes over our bridge.
assert_route() {
  [[ $(ip route get "$1") == *" dev $BRIDGE "* ]] || die "no route to $1 via $BRIDGE; refusing to connect"
}

# ---------------------------------------------------------------------------
# Building: keys and certificates

make_ssh_keys() {
  mkdir -p "$SB/ssh"
  ssh-keygen -q -t ed25519 -N '' -C envboard-sandbox -f "$SB/ssh/id_ed25519"
  cp "$SB/ssh/id_ed25519.pub" "$SB/ssh/authorized_keys"
  : >"$SB/ssh/known_hosts"
  local e
  for e in $(standalone_engines); do
    mkdir -p "$SB/$e/ssh"
    ssh-keygen -q -t ed25519 -N '' -C "$e" -f "$SB/$e/ssh/ssh_host_ed25519_key"
    # Plain (unhashed) entries, so the app and people can read them.
    echo "$(engine_addr "$e") $(cut -d' ' -f1,2 "$SB/$e/ssh/ssh_host_ed25519_key.pub")" \
      >>"$SB/ssh/known_hosts"
  done
}

new_key() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" && chmod 600 "$1"; }

# Signs a certificate for key $1 with subject CN $2 and extensions $3 into $4.
sign_cert() {
  quiet openssl x509 -req -in <(openssl req -new -key "$1" -subj "/CN=$2") \
    -sha256 -days 825 -set_serial "0x$(openssl rand -hex 16)" \
    -CA "$SB/tls/ca.pem" -CAkey "$SB/tls/ca-key.pem" -extfile <(printf '%s\n' "$3") -out "$4"
}

# A private CA, a server certificate for the TLS engine's address and a client
# certificate; the client's three files form a DOCKER_CERT_PATH directory.
# RSA because every TLS stack (Go's, Java's) takes it without fuss.
make_tls() {
  local e=$TLS_ENGINE addr server="$SB/$TLS_ENGINE/tls" client="$SB/$TLS_ENGINE/client-certs"
  addr=$(engine_addr "$e")
  mkdir -p "$SB/tls" "$server" "$client"
  new_key "$SB/tls/ca-key.pem"
  openssl req -x509 -new -sha256 -days 825 -key "$SB/tls/ca-key.pem" \
    -subj "/CN=Envboard sandbox CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$SB/tls/ca.pem"

  new_key "$server/server-key.pem"
  sign_cert "$server/server-key.pem" "$e" \
    "subjectAltName=IP:$addr,DNS:$e
extendedKeyUsage=serverAuth" "$server/server-cert.pem"

  new_key "$client/key.pem"
  sign_cert "$client/key.pem" envboard-client "extendedKeyUsage=clientAuth" "$client/cert.pem"
  cp "$SB/tls/ca.pem" "$server/ca.pem"
  cp "$SB/tls/ca.pem" "$client/ca.pem"
}

# ---------------------------------------------------------------------------
# Building: engines

# daemon.json holds what Envboard edits (labels) and a few keys no flag sets:
# dockerd refuses to start when an option is both a flag and in the file.
write_daemon_json() {
  local e=$1 labels
  if is_swarm "$e"; then
    printf '{\n  "labels": []\n}\n' >"$SB/$e/daemon.json"
    return
  fi
  if [[ $e == envboard-host-1 ]]; then
    labels='    "environment=qa",
    "owner=platform"'
  else
    labels='    "owner=platform"' # unassigned: no environment label
  fi
  cat >"$SB/$e/daemon.json" <<EOF
{
  "labels": [
$labels
  ],
  "log-driver": "json-file",
  "log-opts": {
    "max-size": "10m"
  }
}
EOF
}

# Each engine has iptables and its default bridge, as a real host's Docker does, so
# published ports answer at the engine's address.  Its rules (DNAT, MASQUERADE,
# DOCKER chains) and its ip_forward=1 live in the engine's own network namespace:
# the machine's tables are never touched, and the namespace still has no default
# route, so nothing leaves the test network.  The subnets are chosen here, not
# left to Docker's defaults: docker0 is 172.17.0.1/16 and local networks (the
# standalone stacks' bridges, Swarm's docker_gwbridge) take /24s of 172.18.0.0/16,
# clear of the sandbox's 10.254.77.0/24 and of the Swarm overlay pool ($SWARM_POOL).
# Every namespace has its own copy of them, so engines cannot collide either.
# IPv6 stays off.  When these flags change, `status` shows the engines that run
# with others ("old flags", compared with each dockerd's command line) and `up`
# rebuilds the sandbox with today's.
dockerd_args() {
  local e=$1 d="$SB/$1"
  local args=(
    --config-file "$d/daemon.json" --data-root "$d/data" --exec-root "$d/exec"
    --pidfile "$d/docker.pid" -H "unix://$d/docker.sock"
    --iptables=true --ip6tables=false --bip 172.17.0.1/16
    --default-address-pool base=172.18.0.0/16,size=24 --shutdown-timeout 2
  )
  if [[ $e == "$TLS_ENGINE" ]]; then
    args+=(-H "tcp://$(engine_addr "$e"):$TLS_PORT" --tlsverify
      --tlscacert "$d/tls/ca.pem" --tlscert "$d/tls/server-cert.pem" --tlskey "$d/tls/server-key.pem")
  fi
  printf '%s\n' "${args[@]}"
}

# Runs "$@" as a daemon "on" engine $1's host: inside its network namespace
# (nsenter, not `ip netns exec`, which remounts /sys and hides the cgroup mounts
# dockerd needs), under its own hostname, in a session of its own so that
# signals to our caller's process group do not reach it.  Closing fd 9 keeps the
# daemon from holding our lock forever.  $2 is the log file; $3 "mount" also
# gives it a private mount namespace.
spawn_on_host() {
  local e=$1 logf=$2 mountns=$3
  shift 3
  # The inner sh expands $1 (hostname) and $2 (the private /etc/docker).
  # shellcheck disable=SC2016
  local unshare_args=(--uts) setup='hostname "$1"'
  if [[ $mountns == mount ]]; then
    # dockerd takes its engine ID from /etc/docker/key.json; without a private
    # /etc/docker every engine would report the same ID.  The private mount
    # namespace also keeps dockerd's overlay and nsfs mounts out of ours.
    # shellcheck disable=SC2016
    unshare_args+=(--mount) setup+=' && mount --bind "$2" /etc/docker'
  fi
  setsid nsenter --net="/run/netns/$e" unshare "${unshare_args[@]}" \
    sh -c "$setup"' && shift 2 && exec "$@"' sh "$e" "$SB/$e/etc-docker" "$@" \
    </dev/null >>"$logf" 2>&1 9>&- &
}

declare -A LAUNCH_PID=()
start_dockerd() {
  local e=$1 args
  mkdir -p "$SB/$e/etc-docker" /etc/docker # the bind mount needs both ends
  mapfile -t args < <(dockerd_args "$e")
  # Swarm nodes pull a task's image before they start it, as real workers do (with the login the
  # service was created with). An image that is in no registry here fails that pull at once (the
  # namespaces have no route out; nothing leaves) and the node's own copy runs.
  spawn_on_host "$e" "$SB/$e/dockerd.log" mount dockerd "${args[@]}"
  LAUNCH_PID[$e]=$!
}

engine_answers() { DK_TIMEOUT=5 dk "$1" info --format '{{.ID}}' >/dev/null 2>&1; }

wait_for_engines() {
  local e pending=("$@") left deadline=$(($(now_ms) + START_TIMEOUT * 1000))
  while ((${#pending[@]})); do
    left=()
    for e in "${pending[@]}"; do
      if engine_answers "$e"; then continue; fi
      if ! pid_running "${LAUNCH_PID[$e]}"; then
        die "dockerd of $e exited during startup; tail of $SB/$e/dockerd.log:
$(tail -n 20 "$SB/$e/dockerd.log")"
      fi
      left+=("$e")
    done
    pending=("${left[@]}")
    ((${#pending[@]})) || break
    if (($(now_ms) > deadline)); then
      die "${pending[0]} did not answer within ${START_TIMEOUT} s; tail of $SB/${pending[0]}/dockerd.log:
$(tail -n 20 "$SB/${pending[0]}/dockerd.log")"
    fi
    sleep 0.2
  done
}

# sshd of our own config in the engine's namespace: the "host" for Envboard's
# SSH access (reading and editing daemon.json, reloading the engine).
start_sshd() {
  local e=$1 addr cfg="$SB/$1/sshd_config"
  addr=$(engine_addr "$e")
  cat >"$cfg" <<EOF
# Written by scripts/sandbox.sh for $e.
ListenAddress $addr
Port 22
HostKey $SB/$e/ssh/ssh_host_ed25519_key
PidFile $SB/$e/sshd.pid
AuthorizedKeysFile $SB/ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# The sandbox's files are not laid out with ssh's ownership rules in mind.
StrictModes no
Subsystem sftp internal-sftp
EOF
  mkdir -p /run/sshd # privilege separation directory
  # sshd re-executes itself, so it wants its absolute path.
  spawn_on_host "$e" "$SB/$e/sshd.log" none "$(command -v sshd)" -D -f "$cfg" -E "$SB/$e/sshd.log"
}

# ---------------------------------------------------------------------------
# Building: image

# A rootfs of busybox-static and its applets, tarred once per sandbox.
build_image_tar() {
  local root="$SB/image/rootfs" bb applet
  bb=$(command -v busybox)
  mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/tmp"
  cp "$bb" "$root/bin/busybox"
  for applet in $("$bb" --list); do
    [[ -e $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  chmod 1777 "$root/tmp"
  tar -C "$root" --numeric-owner --owner=0 --group=0 --sort=name -cf "$SB/image/demo.tar" .
}

# :2 differs from :1 only by a label, which is enough for a different image id.
import_image() {
  local e=$1 image=$2
  dk "$e" import -c 'CMD ["sh"]' -c "LABEL envboard.demo.version=${image##*:}" \
    - "$image" <"$SB/image/demo.tar" >/dev/null
}

import_everywhere() {
  local e image pids=() failed=0
  for e in "${ENGINES[@]}"; do
    for image in "${IMAGES[@]}"; do
      import_image "$e" "$image" &
      pids+=($!)
    done
  done
  for e in "${pids[@]}"; do wait "$e" || failed=1; done
  ((failed == 0)) || die "importing the demo images failed (see above)"
}

# Earlier trials found images imported right after start missing on Swarm
# workers later on; so once the Swarm is formed, check every image on every
# engine and import again wherever one is missing.
# Returns 1 (not die) so that `up` can fall back to a rebuild when a restarted
# engine lacks them; every step is checked explicitly for the same reason.
ensure_images_on() {
  local e=$1 image
  for image in "${IMAGES[@]}"; do
    dk "$e" image inspect "$image" >/dev/null 2>&1 && continue
    log "$image missing on $e; importing it again"
    if ! import_image "$e" "$image" || ! dk "$e" image inspect "$image" >/dev/null; then
      log "$image still missing on $e"
      return 1
    fi
  done
}

ensure_images() {
  local e
  for e in "${ENGINES[@]}"; do ensure_images_on "$e" || die "the demo images are missing on $e"; done
}

# ---------------------------------------------------------------------------
# Building: Swarm

form_swarm() {
  local mgr token e pids=() failed=0
  mgr=$(manager)
  quiet dk "$mgr" swarm init --advertise-addr "$(engine_addr "$mgr")" \
    --listen-addr "$(engine_addr "$mgr"):2377" --default-addr-pool "$SWARM_POOL"
  token=$(dk "$mgr" swarm join-token -q worker)
  for e in $(swarm_engines); do
    [[ $e == "$mgr" ]] && continue
    quiet dk "$e" swarm join --token "$token" --advertise-addr "$(engine_addr "$e")" \
      --listen-addr "$(engine_addr "$e"):2377" "$(engine_addr "$mgr"):2377" &
    pids+=($!)
  done
  for e in "${pids[@]}"; do wait "$e" || failed=1; done
  ((failed == 0)) || die "a worker could not join the Swarm (see above)"
}

# environment= is Envboard's label; rack= is someone else's, which tests expect
# Envboard to leave alone.
label_nodes() {
  local e i id args
  for e in $(swarm_engines); do
    i=$(engine_index "$e")
    id=$(dk "$e" info --format '{{.Swarm.NodeID}}')
    args=(--label-add "rack=r$i")
    case $i in
      1) args+=(--label-add environment=qa) ;;
      2) args+=(--label-add environment=demo) ;;
    esac
    quiet dk "$(manager)" node update "${args[@]}" "$id"
  done
}

running_check_nodes() {
  dk "$(manager)" service ps "$CHECK_SERVICE" --filter desired-state=running \
    --format '{{.Node}} {{.CurrentState}}' 2>/dev/null | awk '$2 == "Running" {print $1}' | sort -u | wc -l
}
check_service_everywhere() { (($(running_check_nodes) == SWARM_NODES)); }

check_containers_gone() {
  local e
  for e in $(swarm_engines); do
    [[ -z $(dk "$e" ps -aq --filter "label=com.docker.swarm.service.name=$CHECK_SERVICE") ]] || return 1
  done
}

# Proves the Swarm schedules and runs the local image on every node: a global
# service must get a running task everywhere, and must go away cleanly.
prove_swarm_runs_image() {
  local mgr deadline
  mgr=$(manager)
  deadline=$(($(now_ms) + CONVERGE_TIMEOUT * 1000))
  # `sleep` as a container's pid 1 ignores SIGTERM, so removal would wait out
  # the 10 s grace period on every node; SIGKILL ends it at once.
  quiet dk "$mgr" service create --detach --no-resolve-image --mode global \
    --stop-signal KILL --name "$CHECK_SERVICE" envboard/demo:1 sleep 3600
  if ! wait_until "$CONVERGE_TIMEOUT" check_service_everywhere; then
    dk "$mgr" service ps --no-trunc "$CHECK_SERVICE" >&2 || true
    die "service $CHECK_SERVICE did not run on all $SWARM_NODES nodes within ${CONVERGE_TIMEOUT} s"
  fi
  quiet dk "$mgr" service rm "$CHECK_SERVICE"
  wait_until $(((deadline - $(now_ms)) / 1000 + 1)) check_containers_gone ||
    die "tasks of $CHECK_SERVICE still present ${CONVERGE_TIMEOUT} s after it was created"
}

# ---------------------------------------------------------------------------
# Building: final checks and the files for Envboard

verify_tls() {
  local addr certs="$SB/$TLS_ENGINE/client-certs" name
  addr=$(engine_addr "$TLS_ENGINE")
  assert_route "$addr"
  name=$(docker -H "tcp://$addr:$TLS_PORT" --tlsverify --tlscacert "$certs/ca.pem" \
    --tlscert "$certs/cert.pem" --tlskey "$certs/key.pem" info --format '{{.Name}}') ||
    die "TLS endpoint tcp://$addr:$TLS_PORT does not answer"
  [[ $name == "$TLS_ENGINE" ]] || die "TLS endpoint answered as '$name', not $TLS_ENGINE"
}

# True when `ssh root@<address of $1> hostname` prints $1; SSH_OUT keeps what it printed.
SSH_OUT=
ssh_says_hostname() {
  # -F /dev/null: a user's ssh config (a ProxyCommand, say) must not reroute us.
  SSH_OUT=$(ssh -F /dev/null -i "$SB/ssh/id_ed25519" -o UserKnownHostsFile="$SB/ssh/known_hosts" \
    -o StrictHostKeyChecking=yes -o BatchMode=yes -o ConnectTimeout=3 \
    "root@$(engine_addr "$1")" hostname 2>&1) && [[ $SSH_OUT == "$1" ]]
}

verify_ssh() {
  local e
  for e in $(standalone_engines); do
    assert_route "$(engine_addr "$e")"
    wait_until 10 sshd_alive "$e" ||
      die "sshd of $e did not start; tail of $SB/$e/sshd.log:
$(tail -n 10 "$SB/$e/sshd.log")"
    # A fresh sshd may not be listening yet.
    wait_until 10 ssh_says_hostname "$e" ||
      die "ssh root@$(engine_addr "$e") hostname printed '$SSH_OUT', expected $e"
  done
}

# Atomically: readers never see half a file.
write_file() {
  cat >"$1.tmp"
  mv "$1.tmp" "$1"
}

write_engines_tsv() {
  local e
  for e in "${ENGINES[@]}"; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$e" "$(engine_kind "$e")" "$(engine_sock "$e")" \
      "$(engine_addr "$e")" "$SB/$e/docker.pid"
  done | write_file "$SB/engines.tsv"
}

write_nodes_txt() {
  if has_tls_engine; then echo "$(engine_addr "$TLS_ENGINE"):$TLS_PORT"; fi |
    write_file "$SB/nodes.txt"
}

# Prints pools.yaml; write_pools_yaml and refresh_pools_yaml store it.
pools_yaml() {
  local e addr stacks=
  # The example stacks pull from the sandbox's registry, with the login of its own docker config dir.
  local registry="
    registry-config: $RD/docker-config"
  # Its nodes are named as the engines' hostnames, so no nodes: map is needed.
  local consul="    consul:
      address: $CONSUL_ADDRESS
      datacenter: dc1"
  # A copy of the script without the repository around it has no stacks to offer.
  if [[ -d $STACKS_DIR ]]; then
    stacks="
    stacks: $STACKS_DIR"
  fi
  # Demo templates: presales demos launched on free hosts (envboard demo launch).
  if [[ -d $TEMPLATES_DIR ]]; then
    stacks="$stacks
    templates: $TEMPLATES_DIR"
  fi
  cat <<EOF
# Written by scripts/sandbox.sh: the sandbox's two pools.
pools:
  - name: sandbox-swarm
    kind: swarm
    endpoint: $(engine_sock "$(manager)")
    label-key: environment$stacks$registry
$consul
    # Each node's own engine, so that a redeploy can check images on every node.
    engines:
$(for e in $(swarm_engines); do
    printf '      - name: %s\n        endpoint: %s\n        address: %s\n' "$e" "$(engine_sock "$e")" "$(engine_addr "$e")"
  done)
  - name: sandbox-hosts
    kind: standalone
    label-key: environment$stacks$registry
$consul
    ssh:
      user: root
      identity: $SB/ssh/id_ed25519
      known-hosts: $SB/ssh/known_hosts
    engines:
EOF
  for e in $(standalone_engines); do
    addr=$(engine_addr "$e")
    echo "      - name: $e"
    if [[ $e == "$TLS_ENGINE" ]]; then
      echo "        endpoint: tcp://$addr:$TLS_PORT"
      echo "        tls: $SB/$e/client-certs"
    else
      echo "        endpoint: $(engine_sock "$e")"
    fi
    echo "        address: $addr"
    echo "        ssh: $addr:22"
    echo "        daemon-json: $SB/$e/daemon.json"
    echo "        reload: kill -HUP \$(cat $SB/$e/docker.pid)"
  done
}

write_pools_yaml() {
  [[ -d $STACKS_DIR ]] || log "warning: no $STACKS_DIR; pools.yaml names no stacks"
  pools_yaml | write_file "$SB/pools.yaml"
}

# A sandbox built by an older sandbox.sh keeps its pools.yaml through up's fast
# path; bring the file up to date (atomically, so readers see old or new).
refresh_pools_yaml() {
  local want
  want=$(pools_yaml)
  [[ $want == "$(cat "$SB/pools.yaml")" ]] && return 0
  log "updating $SB/pools.yaml to this sandbox.sh's version"
  printf '%s\n' "$want" | write_file "$SB/pools.yaml"
}

# ---------------------------------------------------------------------------
# One engine's dockerd: stop and start (a host whose Docker daemon is down)

# The engines of the sandbox that was built, whatever SANDBOX_SWARM_NODES and
# SANDBOX_HOSTS say now: stop and start act on what exists.
built_engines() { cut -f1 "$SB/engines.tsv" 2>/dev/null || true; }

# Exits unless $1 is an engine of the built sandbox, with its namespace.
require_engine() {
  local e=$1 built
  built=$(built_engines)
  if [[ ! -f $SB/pools.yaml || -z $built ]]; then
    echo "sandbox: not up (no $SB/pools.yaml or engines.tsv); \`$0 up\` builds it" >&2
    exit 3
  fi
  grep -qxF -- "$e" <<<"$built" ||
    refuse "unknown engine '$e'; the sandbox's engines are: ${built//$'\n'/ }"
  [[ -e /run/netns/$e ]] || die "$e has lost its network namespace; \`$0 up\` rebuilds the sandbox"
}

# Ends engine $1's dockerd by its pid file; everything else of the engine stays.
# dockerd stops its containers itself (Swarm tasks may take their grace period).
stop_engine() {
  local e=$1 pid
  # Marked first: if we are interrupted after the signal, status and up still
  # know that this engine was stopped on purpose.
  touch "$SB/$e/$STOPPED"
  if ! dockerd_alive "$e"; then
    log "dockerd of $e is not running"
    return 0
  fi
  pid=$(dockerd_pid "$e")
  log "stopping dockerd of $e (pid $pid)"
  stop_pids "$STOP_TIMEOUT" "$pid"
  ! pid_running "$pid" || die "dockerd of $e (pid $pid) still runs after SIGKILL"
}

# True once the launched dockerd answers, or has exited (the caller tells which).
answers_or_exited() { engine_answers "$1" || ! pid_running "$2"; }

# True when the Swarm node of engine $1 is active by its own account and ready
# by the manager's.  A node stopped a moment ago may still count as ready: the
# manager only marks it down when its heartbeats stop arriving.
swarm_node_ready() {
  local state id
  IFS='|' read -r state id < <(DK_TIMEOUT=5 dk "$1" info \
    --format '{{.Swarm.LocalNodeState}}|{{.Swarm.NodeID}}' 2>/dev/null) || return 1
  [[ $state == active && -n $id ]] || return 1
  [[ $(DK_TIMEOUT=5 dk "$(manager)" node inspect --format '{{.Status.State}}' "$id" 2>/dev/null) == ready ]]
}

swarm_nodes_ready() {
  local e
  for e; do swarm_node_ready "$e" || return 1; done
}

# The Swarm nodes to see ready after starting engine $1: itself and, for the
# manager, whose restart leaves every other node "unknown" until it reconnects
# (some 10 s), each other node with a running dockerd.
nodes_to_see_ready() {
  local e
  echo "$1"
  [[ $1 == "$(manager)" ]] || return 0
  for e in $(built_engines); do
    if is_swarm "$e" && [[ $e != "$1" ]] && dockerd_alive "$e"; then echo "$e"; fi
  done
}

# Starts engine $1's dockerd exactly as build does (same flags, namespace,
# hostname, data-root, daemon.json as it is now), waits until it answers, for a
# Swarm node until it is ready again, and checks the demo images on it.
# Returns 1 with the reason logged rather than dying, so that up can fall back
# to a rebuild; so every step is checked explicitly (errexit does not apply to
# a function called in a condition).
start_engine() {
  local e=$1 pid nodes
  # From now on a dead dockerd of this engine is a failure, not a stop.
  rm -f "$SB/$e/$STOPPED"
  if dockerd_alive "$e"; then
    pid=$(dockerd_pid "$e")
    log "dockerd of $e is already running (pid $pid)"
  else
    log "starting dockerd of $e"
    start_dockerd "$e" || return 1
    pid=${LAUNCH_PID[$e]}
  fi
  if ! wait_until "$START_TIMEOUT" answers_or_exited "$e" "$pid" || ! engine_answers "$e"; then
    log "dockerd of $e did not answer within ${START_TIMEOUT} s or exited; tail of $SB/$e/dockerd.log:
$(tail -n 20 "$SB/$e/dockerd.log")"
    return 1
  fi
  if is_swarm "$e" && ! dockerd_alive "$(manager)"; then
    # Without its manager no node can be ready; it rejoins once the manager runs.
    log "$e answers; the manager $(manager) is stopped, so its node cannot be ready yet"
  elif is_swarm "$e"; then
    mapfile -t nodes < <(nodes_to_see_ready "$e")
    log "$e answers; waiting for the manager to report ready: ${nodes[*]}"
    if ! wait_until "$READY_TIMEOUT" swarm_nodes_ready "${nodes[@]}"; then
      log "not all of ${nodes[*]} ready ${READY_TIMEOUT} s after dockerd of $e answered"
      return 1
    fi
  fi
  ensure_images_on "$e" || return 1
  # The TLS engine's other listener: the one pools.yaml hands to Envboard.
  if [[ $e == "$TLS_ENGINE" ]] && ! (verify_tls); then return 1; fi
}

# Engines that `stop` stopped and that are still stopped.
stopped_engines() {
  local e
  for e in $(built_engines); do
    if stopped_on_purpose "$e"; then echo "$e"; fi
  done
}

# up's shortcut: when the sandbox as built is intact but for engines stopped
# with `stop`, start those instead of rebuilding everything.  True when that
# made the sandbox healthy; otherwise up rebuilds as before.
resume_stopped_engines() {
  local e stopped
  [[ -f $SB/pools.yaml && $(built_engines) == "$(expected_engines)" ]] || return 1
  mapfile -t stopped < <(stopped_engines)
  ((${#stopped[@]})) || return 1
  log "restarting engine(s) stopped with \`stop\`: ${stopped[*]}"
  for e in "${stopped[@]}"; do
    start_engine "$e" || { log "could not restart $e; rebuilding the sandbox"; return 1; }
  done
  sandbox_healthy && return 0
  log "still not healthy after restarting ${stopped[*]}; rebuilding the sandbox"
  return 1
}

# ---------------------------------------------------------------------------
# HashiCorp's Consul API double: the pools' Consul (tools/consul-double/README.md)

consul_double_pid() { read_pid "$SB/consul-double.pid"; }
# By its command line, not its path: a double that another checkout started is ours to stop too.
consul_double_alive() { pid_is "$(consul_double_pid)" "tools/consul-double/serve.js --port $CONSUL_PORT "; }

# Plain bash /dev/tcp: nothing beyond what the sandbox already requires.
consul_double_answers() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" &&
    printf "GET /v1/status/leader HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3 && head -n 1 <&3' \
    sh "$CONSUL_PORT" 2>/dev/null | grep '^HTTP/1\.[01] 200' >/dev/null
}

# serve.js announces its port once it listens; the log is appended to, so read from byte $3 on.
# Another process on the port may answer, so the answer alone proves nothing.
# (grep without -q: with pipefail, a tail cut short by SIGPIPE would fail the match.)
double_listening() { tail -c +"$3" "$2" | grep -xF "consul-double listening on $CONSUL_ADDRESS" >/dev/null; }
listening_or_gone() { double_listening "$@" || ! pid_running "$1"; }

# Like the engines it outlives this script, in a session of its own; a no-op when it runs.
start_consul_double() {
  local pid from logf=$SB/consul-double.log
  consul_double_alive && return 0
  if ! command -v node >/dev/null ||
    [[ ! -f $CONSUL_DOUBLE_DIR/node_modules/@hashicorp/consul-api-double/package.json ]]; then
    die "HashiCorp's Consul API double is not installed (node, $CONSUL_DOUBLE_DIR/node_modules): run scripts/install-deps.sh"
  fi
  log "starting the Consul API double on $CONSUL_ADDRESS"
  from=$(($(stat -c %s "$logf" 2>/dev/null || echo 0) + 1))
  env CONSUL_LATENCY="$CONSUL_HOLD_MS" setsid node "$CONSUL_DOUBLE_DIR/serve.js" --port "$CONSUL_PORT" \
    --dir "$CONSUL_DOUBLE_DIR/sandbox" </dev/null >>"$logf" 2>&1 9>&- &
  pid=$!
  echo "$pid" | write_file "$SB/consul-double.pid"
  if ! wait_until 15 listening_or_gone "$pid" "$logf" "$from" || ! pid_running "$pid" ||
    ! consul_double_answers; then
    stop_consul_double
    die "the Consul API double did not answer on $CONSUL_ADDRESS; tail of $logf:
$(tail -n 20 "$logf")"
  fi
}

stop_consul_double() {
  local pid
  pid=$(consul_double_pid)
  if consul_double_alive; then
    log "stopping the Consul API double (pid $pid)"
    stop_pids 5 "$pid"
  fi
  rm -f "$SB/consul-double.pid"
}

consul_double_status_line() {
  local pid
  pid=$(consul_double_pid)
  if ! consul_double_alive; then
    echo "consul double: not running"
    return 1
  fi
  if ! consul_double_answers; then
    echo "consul double: pid $pid does not answer on $CONSUL_ADDRESS"
    return 1
  fi
  echo "consul double: pid $pid on $CONSUL_ADDRESS, log $SB/consul-double.log"
}

# ---------------------------------------------------------------------------
# The private registry: Debian's docker-registry (CNCF Distribution 2.8) on the
# bridge address, with TLS from a CA of its own and htpasswd (bcrypt) logins.

readonly REGISTRY_ADDR=$NET.1
# Not 5000: Debian's package runs its own service there on machines that start it.
readonly REGISTRY_PORT=5443
readonly REGISTRY=$REGISTRY_ADDR:$REGISTRY_PORT
readonly REGISTRY_USER=envboard
readonly REGISTRY_REPO=envboard/demo
# The engine that logs in and pushes: a standalone one, so no Swarm node has the
# registry's images before a test pulls them there.
readonly REGISTRY_PUSHER=envboard-host-1
readonly RD=$SB/registry               # CA, certificate, htpasswd, config, data, pid, log
readonly REGISTRY_ENV=$SB/registry.env # REGISTRY=, REGISTRY_USER=, REGISTRY_PASSWORD=, ...
# Docker trusts a registry's CA through certs.d/HOST:PORT/ca.crt.  Each sandbox
# dockerd has its own /etc/docker ($SB/<engine>/etc-docker, bind-mounted in its
# mount namespace), so the CA goes there and into the machine's /etc/docker,
# where Envboard (and a docker CLI on this machine) look.
readonly CERTS_D=/etc/docker/certs.d

registry_pid() { read_pid "$RD/registry.pid"; }
registry_alive() { pid_is "$(registry_pid)" "docker-registry serve $RD/config.yml"; }
registry_stopped_on_purpose() { [[ -e $RD/$STOPPED ]] && ! registry_alive; }

# REGISTRY_PASSWORD from registry.env (empty when there is none yet).
REGISTRY_PASSWORD=
load_registry_password() {
  REGISTRY_PASSWORD=$(sed -n 's/^REGISTRY_PASSWORD=//p' "$REGISTRY_ENV" 2>/dev/null || true)
}

# curl against the registry; the login goes in on stdin (-K -), never on a
# command line that ps would show.  Prints the response headers.
registry_curl() {
  local path=$1
  shift
  load_registry_password
  printf 'user = "%s:%s"\n' "$REGISTRY_USER" "$REGISTRY_PASSWORD" |
    curl -s --max-time 5 --cacert "$RD/ca.pem" -K - -o /dev/null -D - "$@" "https://$REGISTRY$path"
}

# 200 with the login: the process listens, TLS verifies against our CA, htpasswd takes the password.
registry_answers() { registry_curl /v2/ | head -n 1 | grep '^HTTP/[0-9.]* 200' >/dev/null; }

# The digest a tag of the demo repository names now, or nothing.
registry_digest() {
  registry_curl "/v2/$REGISTRY_REPO/manifests/$1" -I \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' |
    tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p'
}

# Its own CA (not the TLS engine's), a server certificate for the bridge address,
# a generated password and its bcrypt htpasswd line, the registry's config.
# Made once; `up` keeps them while they are all there.
make_registry_files() {
  local password
  [[ -f $RD/ca.pem && -f $RD/server-cert.pem && -f $RD/htpasswd && -f $RD/config.yml && -f $REGISTRY_ENV ]] &&
    return 0
  log "registry: CA, certificate, user $REGISTRY_USER and a new password"
  mkdir -p "$RD/data"
  chmod 700 "$RD"
  new_key "$RD/ca-key.pem"
  openssl req -x509 -new -sha256 -days 825 -key "$RD/ca-key.pem" \
    -subj "/CN=Envboard sandbox registry CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$RD/ca.pem"
  new_key "$RD/server-key.pem"
  quiet openssl x509 -req -in <(openssl req -new -key "$RD/server-key.pem" -subj "/CN=envboard-registry") \
    -sha256 -days 825 -set_serial "0x$(openssl rand -hex 16)" -CA "$RD/ca.pem" -CAkey "$RD/ca-key.pem" \
    -extfile <(printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$REGISTRY_ADDR") \
    -out "$RD/server-cert.pem"
  password=$(openssl rand -hex 16)
  # -i: the password from stdin, not the command line.
  htpasswd -niB "$REGISTRY_USER" <<<"$password" >"$RD/htpasswd.tmp"
  mv "$RD/htpasswd.tmp" "$RD/htpasswd"
  cat >"$RD/config.yml" <<CONF
# Written by scripts/sandbox.sh: the sandbox's private registry.
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $RD/data
  delete:
    enabled: true
http:
  addr: $REGISTRY
  secret: $(openssl rand -hex 16)
  tls:
    certificate: $RD/server-cert.pem
    key: $RD/server-key.pem
auth:
  htpasswd:
    realm: envboard-sandbox
    path: $RD/htpasswd
CONF
  (
    umask 077
    cat >"$REGISTRY_ENV.tmp" <<ENV
# Written by scripts/sandbox.sh: the sandbox's private registry and its login.
REGISTRY=$REGISTRY
REGISTRY_USER=$REGISTRY_USER
REGISTRY_PASSWORD=$password
REGISTRY_CA=$RD/ca.pem
REGISTRY_DOCKER_CONFIG=$RD/docker-config
REGISTRY_IMAGE=$REGISTRY/$REGISTRY_REPO
ENV
  )
  chmod 600 "$REGISTRY_ENV.tmp"
  mv "$REGISTRY_ENV.tmp" "$REGISTRY_ENV"
  # A docker config logged in with an older password would only mislead.
  rm -rf "$RD/docker-config"
}

# The CA where the machine's and every engine's Docker look for it (see CERTS_D).
trust_registry() {
  local d e
  # Only engines that exist: a count changed since the build leaves it to up's rebuild.
  for d in "$CERTS_D" $(for e in "${ENGINES[@]}"; do [[ ! -d $SB/$e ]] || echo "$SB/$e/etc-docker/certs.d"; done); do
    mkdir -p "$d/$REGISTRY"
    cp "$RD/ca.pem" "$d/$REGISTRY/ca.crt.tmp"
    mv "$d/$REGISTRY/ca.crt.tmp" "$d/$REGISTRY/ca.crt"
  done
}

untrust_registry() {
  rm -rf "${CERTS_D:?}/$REGISTRY"
  rmdir "$CERTS_D" 2>/dev/null || true # only when nothing else is in it
}

answers_or_gone() { registry_answers || ! pid_running "$1"; }

# Like the Consul double it outlives this script, in a session of its own; a
# no-op when it runs.  Needs the bridge: it listens on the bridge's address.
start_registry() {
  local pid logf=$RD/registry.log
  rm -f "$RD/$STOPPED"
  make_registry_files
  trust_registry
  registry_alive && registry_answers && return 0
  if registry_alive; then
    log "registry: pid $(registry_pid) does not answer; restarting it"
    stop_pids 5 "$(registry_pid)"
  fi
  ip link show "$BRIDGE" &>/dev/null || die "no bridge $BRIDGE for the registry to listen on; \`$0 up\` rebuilds"
  log "starting the registry on https://$REGISTRY"
  setsid docker-registry serve "$RD/config.yml" </dev/null >>"$logf" 2>&1 9>&- &
  pid=$!
  echo "$pid" | write_file "$RD/registry.pid"
  if ! wait_until 15 answers_or_gone "$pid" || ! pid_running "$pid"; then
    stop_registry
    die "the registry did not answer on https://$REGISTRY; tail of $logf:
$(tail -n 20 "$logf")"
  fi
}

stop_registry() {
  local pid
  pid=$(registry_pid)
  if registry_alive; then
    log "stopping the registry (pid $pid)"
    stop_pids 5 "$pid"
  fi
  rm -f "$RD/registry.pid"
}

# :1 and :2 pushed with different digests, :latest the same as :2.
registry_images_present() {
  local d1 d2 latest
  d1=$(registry_digest 1) d2=$(registry_digest 2) latest=$(registry_digest latest)
  [[ -n $d1 && -n $d2 && $d1 != "$d2" && $latest == "$d2" ]]
}

# The demo images as the registry's: logged in from one engine with a docker
# config of the sandbox's own (never the user's ~/.docker), tagged, pushed, and
# the registry's names removed again, so the engines hold what they held before.
push_registry_images() {
  local e=$REGISTRY_PUSHER tag image=$REGISTRY/$REGISTRY_REPO
  local -x DOCKER_CONFIG=$RD/docker-config
  registry_images_present && return 0
  log "pushing $image:1, :2 and :latest (= :2) from $e"
  mkdir -p "$DOCKER_CONFIG"
  chmod 700 "$DOCKER_CONFIG"
  load_registry_password
  printf '%s' "$REGISTRY_PASSWORD" | quiet dk "$e" login "$REGISTRY" -u "$REGISTRY_USER" --password-stdin
  for tag in 1 2; do quiet dk "$e" tag "envboard/demo:$tag" "$image:$tag"; done
  quiet dk "$e" tag envboard/demo:2 "$image:latest"
  for tag in 1 2 latest; do quiet dk "$e" push "$image:$tag"; done
  quiet dk "$e" rmi "$image:1" "$image:2" "$image:latest"
  registry_images_present || die "the registry does not show $image:1, :2 and :latest (= :2) after the push"
}

registry_status_line() {
  local pid
  pid=$(registry_pid)
  if registry_stopped_on_purpose; then
    echo "registry: stopped (\`$0 registry-start\` starts it)"
    return 1
  fi
  if ! registry_alive; then
    echo "registry: not running"
    return 1
  fi
  if ! registry_answers; then
    echo "registry: pid $pid does not answer on https://$REGISTRY with the login of $REGISTRY_ENV"
    return 1
  fi
  echo "registry: pid $pid on https://$REGISTRY, login in $REGISTRY_ENV, log $RD/registry.log"
}

# ---------------------------------------------------------------------------
# Subcommands

build() {
  local e
  check_subnet_free
  mkdir -p "$SB"
  touch "$SB/$MARKER"

  log "network: $BRIDGE and ${#ENGINES[@]} namespaces"
  setup_bridge
  for e in "${ENGINES[@]}"; do
    mkdir -p "$SB/$e"
    setup_engine_netns "$e"
  done
  make_ssh_keys
  if has_tls_engine; then make_tls; fi

  log "starting ${#ENGINES[@]} engines"
  # Written once here: Envboard edits daemon.json, and `start` must keep its edits.
  for e in "${ENGINES[@]}"; do write_daemon_json "$e"; done
  for e in "${ENGINES[@]}"; do start_dockerd "$e"; done
  for e in $(standalone_engines); do start_sshd "$e"; done
  build_image_tar # while the engines start
  wait_for_engines "${ENGINES[@]}"
  start_registry

  log "importing ${IMAGES[*]} into every engine"
  import_everywhere
  log "forming the Swarm of $SWARM_NODES node(s)"
  form_swarm
  label_nodes
  ensure_images
  log "checking that the Swarm runs envboard/demo:1 on every node"
  prove_swarm_runs_image
  if has_tls_engine; then verify_tls; fi
  verify_ssh
  start_consul_double
  push_registry_images

  write_engines_tsv
  write_nodes_txt
  write_pools_yaml # last: its presence means "up finished"
}

cmd_up() {
  require_commands
  take_lock -x
  # A built sandbox whose double or registry died (or predates them) needs no rebuild for that.
  if [[ -f $SB/pools.yaml ]]; then
    start_consul_double
    start_registry
  fi
  if sandbox_healthy; then
    push_registry_images
    refresh_pools_yaml
    printf '%s\n' "$STATUS"
    echo "sandbox ready: ${#ENGINES[@]} engines, pools file $SB/pools.yaml (already up, $(elapsed_since "$T0"))"
    return 0
  fi
  if resume_stopped_engines; then
    push_registry_images
    refresh_pools_yaml
    printf '%s\n' "$STATUS"
    echo "sandbox ready: ${#ENGINES[@]} engines, pools file $SB/pools.yaml (restarted stopped engines, $(elapsed_since "$T0"))"
    return 0
  fi
  if sandbox_exists; then
    local stale
    stale=$(stale_flag_engines)
    if [[ -n $stale ]]; then
      log "engines run with an older sandbox.sh's dockerd flags (${stale//$'\n'/ }); rebuilding the sandbox with today's"
    fi
    log "cleaning up what an earlier run left"
    teardown
  fi
  build
  echo "sandbox ready: ${#ENGINES[@]} engines, pools file $SB/pools.yaml ($(elapsed_since "$T0"))"
}

cmd_down() {
  take_lock -x
  if ! sandbox_exists; then
    log "nothing to tear down"
    return 0
  fi
  teardown
  log "sandbox down ($(elapsed_since "$T0"))"
}

cmd_status() {
  take_lock -s
  print_status
}

cmd_stop() {
  take_lock -x
  require_engine "$1"
  stop_engine "$1"
  echo "$1 stopped ($(elapsed_since "$T0")); \`$0 start $1\` starts it again"
}

# Only the registry's process: its data, login and certificates stay.
cmd_registry_stop() {
  take_lock -x
  [[ -f $SB/pools.yaml ]] || { echo "sandbox: not up (no $SB/pools.yaml)" >&2; exit 3; }
  # Marked first, as stop does for an engine: status and up know it was on purpose.
  mkdir -p "$RD"
  touch "$RD/$STOPPED"
  stop_registry
  echo "registry stopped ($(elapsed_since "$T0")); \`$0 registry-start\` starts it again"
}

cmd_registry_start() {
  take_lock -x
  [[ -f $SB/pools.yaml ]] || { echo "sandbox: not up (no $SB/pools.yaml)" >&2; exit 3; }
  start_registry
  registry_images_present || die "the registry runs but lacks $REGISTRY/$REGISTRY_REPO:1, :2 or :latest; \`$0 up\` pushes them"
  echo "registry started on https://$REGISTRY ($(elapsed_since "$T0"))"
}

cmd_start() {
  take_lock -x
  require_engine "$1"
  start_engine "$1" || die "could not start $1 (see above); \`$0 up\` rebuilds the sandbox"
  echo "$1 started ($(elapsed_since "$T0"))"
}

# ---------------------------------------------------------------------------
# clone-id: standalone engines that report one engine ID, as cloned machines do

readonly OWN_KEY=key.json.own   # beside a cloned key.json: the engine's own, for `off`

cloned_engines() {
  local e
  for e in $(standalone_engines); do
    if [[ -f $SB/$e/etc-docker/$OWN_KEY ]]; then echo "$e"; fi
  done
}

engine_id() { dk "$1" info --format '{{.ID}}'; }

# dockerd reads key.json only when it starts: each changed engine is restarted.
clone_ids_on() {
  local first e
  first=$(standalone_engines | head -n 1)
  for e in $(standalone_engines | tail -n +2); do
    [[ -f $SB/$e/etc-docker/$OWN_KEY ]] || cp -p "$SB/$e/etc-docker/key.json" "$SB/$e/etc-docker/$OWN_KEY"
    cp -p "$SB/$first/etc-docker/key.json" "$SB/$e/etc-docker/key.json"
    stop_engine "$e"
    start_engine "$e" || die "could not start $e with the cloned key (see above)"
    [[ $(engine_id "$e") == "$(engine_id "$first")" ]] || die "$e does not report $first's engine ID after the restart"
  done
}

clone_ids_off() {
  local e
  for e in $(cloned_engines); do
    mv -f "$SB/$e/etc-docker/$OWN_KEY" "$SB/$e/etc-docker/key.json"
    stop_engine "$e"
    start_engine "$e" || die "could not start $e with its own key (see above)"
  done
}

cmd_clone_id() {
  take_lock -x
  sandbox_healthy || die "the sandbox is not up and healthy; \`$0 up\` first"
  case $1 in
    on) clone_ids_on && echo "standalone engines report one engine ID: $(engine_id "$(standalone_engines | head -n 1)")" ;;
    off) clone_ids_off && echo "every standalone engine has its own engine ID again" ;;
  esac
}

# ---------------------------------------------------------------------------
# reset: the built sandbox back as up left it, without rebuilding

# The engine labels write_daemon_json gives a standalone engine, sorted.
built_labels() {
  if [[ $1 == envboard-host-1 ]]; then echo "environment=qa owner=platform"; else echo "owner=platform"; fi
}

live_labels() { dk "$1" info --format '{{range .Labels}}{{.}} {{end}}' | tr ' ' '\n' | sed '/^$/d' | sort | paste -sd' ' -; }

labels_are_built() { [[ $(live_labels "$1") == "$(built_labels "$1")" ]]; }

# Removes network $2 of engine $1. The engine may keep a stale endpoint of a container that is
# gone ("has active endpoints"): those are force-disconnected by name first; a network that
# still cannot go is left with a warning, since Envboard's redeploys reuse or replace it.
remove_network() {
  local e=$1 net=$2 name
  dk "$e" network rm "$net" >/dev/null 2>&1 && return 0
  # shellcheck disable=SC2016 # a Go template, not shell
  for name in $(dk "$e" network inspect --format '{{range $id, $c := .Containers}}{{$c.Name}} {{end}}' "$net" 2>/dev/null); do
    dk "$e" network disconnect -f "$net" "$name" >/dev/null 2>&1 || true
  done
  dk "$e" network rm "$net" >/dev/null 2>&1 && return 0
  log "warning: network $net on $e cannot be removed (a stale endpoint the engine keeps); left in place"
}

# Nothing deployed, labels and daemon.json as built. Test runs start with it, so a
# run that was interrupted (or a benchmark) cannot hand the next one a dirty pool.
cmd_reset() {
  take_lock -x
  # A fresh double: no state of an earlier run's requests (and running, if it had died).
  if [[ -f $SB/pools.yaml ]]; then
    stop_consul_double
    start_consul_double
    start_registry
  fi
  sandbox_healthy || die "the sandbox is not up and healthy; \`$0 up\` first"
  clone_ids_off
  local e id key services ids net pid args
  services=$(dk "$(manager)" service ls -q)
  # shellcheck disable=SC2086 # one id a word
  [[ -z $services ]] || quiet dk "$(manager)" service rm $services
  # Envboard's pool records (demos, deploy results) are configs in a Swarm, volumes on engines.
  ids=$(dk "$(manager)" config ls -q --filter label=dev.envboard.record)
  # shellcheck disable=SC2086
  [[ -z $ids ]] || quiet dk "$(manager)" config rm $ids
  for e in $(swarm_engines); do
    id=$(dk "$e" info --format '{{.Swarm.NodeID}}')
    args=()
    # shellcheck disable=SC2016 # a Go template, not shell
    for key in $(dk "$(manager)" node inspect --format '{{range $k, $v := .Spec.Labels}}{{$k}} {{end}}' "$id"); do
      args+=(--label-rm "$key")
    done
    ((${#args[@]} == 0)) || quiet dk "$(manager)" node update "${args[@]}" "$id"
  done
  label_nodes
  # Records Envboard keeps in the pool (deploy records): Swarm configs, volumes on standalone engines.
  ids=$(dk "$(manager)" config ls -q --filter label=dev.envboard.record)
  # shellcheck disable=SC2086 # one id a word
  [[ -z $ids ]] || quiet dk "$(manager)" config rm $ids
  for e in $(standalone_engines); do
    ids=$(dk "$e" ps -aq)
    # shellcheck disable=SC2086
    [[ -z $ids ]] || quiet dk "$e" rm -f $ids
    ids=$(dk "$e" volume ls -q --filter label=dev.envboard.record)
    # shellcheck disable=SC2086
    [[ -z $ids ]] || quiet dk "$e" volume rm $ids
    for net in $(dk "$e" network ls -q --filter label=com.docker.stack.namespace); do
      remove_network "$e" "$net"
    done
    write_daemon_json "$e"
    rm -f "$SB/$e/daemon.json.envboard-"*
    pid=$(dockerd_pid "$e")
    kill -HUP "$pid"
  done
  for e in $(standalone_engines); do
    wait_until 30 labels_are_built "$e" || die "$e does not show its labels after a reload: $(live_labels "$e")"
  done
  echo "sandbox reset: nothing deployed, no pool records, labels as built, Consul double restarted, registry running"
}

# For a shell: eval "$(scripts/sandbox.sh env)".
cmd_env() {
  take_lock -s
  [[ -f $SB/pools.yaml ]] || { echo "sandbox: not up (no $SB/pools.yaml)" >&2; return 3; }
  printf 'export ENVBOARD_SANDBOX_DIR=%q\n' "$SB"
  printf 'export ENVBOARD_POOLS_FILE=%q\n' "$SB/pools.yaml"
  printf 'export ENVBOARD_SANDBOX_ENGINES=%q\n' "$SB/engines.tsv"
  printf 'export ENVBOARD_SANDBOX_REGISTRY_ENV=%q\n' "$REGISTRY_ENV"
}

usage() {
  echo "usage: $0 up|down|status|reset|env|stop NAME|start NAME|clone-id on|off|registry-stop|registry-start" >&2
  exit 2
}

main() {
  case $* in
    up | down | status | reset | env | registry-stop | registry-start) ;;
    stop\ ?* | start\ ?*) (($# == 2)) || usage ;;
    "clone-id on" | "clone-id off") ;;
    *) usage ;;
  esac
  require_root
  validate_settings
  mapfile -t ENGINES < <(expected_engines)
  case $1 in
    up) cmd_up ;;
    down) cmd_down ;;
    # Their exit codes are answers (3: not up), not errors to report.
    status) cmd_status || exit $? ;;
    env) cmd_env || exit $? ;;
    reset) cmd_reset ;;
    stop) cmd_stop "$2" ;;
    start) cmd_start "$2" ;;
    clone-id) cmd_clone_id "$2" ;;
    registry-stop) cmd_registry_stop ;;
    registry-start) cmd_registry_start ;;
  esac
}

# Sourced, it only defines its functions (a test reads the engines' names and addresses so).
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then main "$@"; fi
