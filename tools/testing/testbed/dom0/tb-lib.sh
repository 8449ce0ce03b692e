# SPDX-License-Identifier: GPL-2.0-only
#
# Test-bed library, run by dom0's /init (busybox sh).  It reports TAP on
# the console, each line prefixed "TB: " so the host can pick it out of
# the serial log.  Counters live in files: subshells must not lose them.

TBS=/run/tb		# state: counters, per-guest sequence numbers
BAD='Oops|BUG:|kernel BUG|WARNING:|general protection|Kernel panic|blocked for more than|hung_task|Call Trace|UBSAN|KASAN|refcount_t:'
XEN_BAD='Panic on CPU|FATAL TRAP|Xen BUG|Assertion .* failed|crash'

say() { echo "TB: $*"; }
diag() { awk '{ print "TB: #   " $0 }'; }

tb_init_state() {
	mkdir -p $TBS
	echo 0 > $TBS/n; echo 0 > $TBS/pass; echo 0 > $TBS/fail
	echo 0 > $TBS/notes
	: > $TBS/times
	: > $TBS/dmesg.all
	dmesg -c > $TBS/dmesg.all
}

bump() { echo $(($(cat $TBS/$1) + 1)) > $TBS/$1; }

tap() {	# tap 0|1 name
	bump n
	if [ "$1" = 0 ]; then
		bump pass
		say "ok $(cat $TBS/n) - $2"
	else
		bump fail
		say "not ok $(cat $TBS/n) - $2"
	fi
}

# ---------------------------------------------------------------------
# Kernel and hypervisor logs: every scenario is checked for new bad lines
# in dom0's dmesg, each guest console and Xen's own ring.

log_mark() {
	local f
	dmesg -c >> $TBS/dmesg.all
	wc -l < $TBS/dmesg.all > $TBS/mark.dmesg
	xl dmesg 2>/dev/null | wc -l > $TBS/mark.xen
	for f in /var/log/xen/console/guest-*.log; do
		[ -f "$f" ] || continue
		wc -l < "$f" > "$TBS/mark.$(basename "$f")"
	done
}

new_lines() {	# new_lines file markfile
	local m=0
	[ -f "$2" ] && m=$(cat "$2")
	tail -n +$((m + 1)) "$1" 2>/dev/null
}

# Bad lines, and after the first one the RIP and call-trace frames, so a
# guest oops seen only in CI says where it happened; an OOM kill's memory
# summary too.
oops_context() {
	awk -v bad="$BAD" '$0 ~ bad { print; seen = 1; next }
		seen && (/RIP:/ || / [A-Za-z_.0-9]+\+0x[0-9a-f]+\/0x/) { print }
		/invoked oom-killer|Killed process|active_anon:|Unreclaimable|shmem/ { print }'
}

# Prints bad lines logged since log_mark; returns 0 if there were any.
log_bad() {
	local f found=1 out
	dmesg -c >> $TBS/dmesg.all
	out=$(new_lines $TBS/dmesg.all $TBS/mark.dmesg | grep -E -B 4 "$BAD")
	[ -n "$out" ] && { echo "dom0 kernel:"; echo "$out" | head -30; found=0; }
	xl dmesg 2>/dev/null > $TBS/xen.log
	out=$(new_lines $TBS/xen.log $TBS/mark.xen | grep -E "$XEN_BAD")
	[ -n "$out" ] && { echo "xen:"; echo "$out" | head -20; found=0; }
	for f in /var/log/xen/console/guest-*.log; do
		[ -f "$f" ] || continue
		out=$(new_lines "$f" "$TBS/mark.$(basename "$f")" | oops_context)
		[ -n "$out" ] && { echo "$(basename "$f"):"; echo "$out" | head -40; found=0; }
	done
	return $found
}

# ---------------------------------------------------------------------
# Running a check: check NAME TIMEOUT FUNCTION [ARGS...]
# The function's output is kept; on failure its tail and any bad log
# lines are printed as TAP diagnostics.

run_timeout() {	# run_timeout SECS CMD...
	local t=$1 pid wd rc
	shift
	"$@" &
	pid=$!
	( sleep "$t"; kill -TERM $pid 2>/dev/null ) &
	wd=$!
	wait $pid
	rc=$?
	kill $wd 2>/dev/null
	wait $wd 2>/dev/null
	return $rc
}

# each_guest "WHAT" TIMEOUT FUNCTION [ARGS]: one check per guest, named
# "gN WHAT", running FUNCTION ARGS gN.
each_guest() {
	local g what=$1 t=$2
	shift 2
	for g in $(guests); do
		check "$g $what" "$t" "$@" "$g"
	done
}

check() {
	local name=$1 t=$2 rc t0
	shift 2
	log_mark
	t0=$(date +%s)
	run_timeout "$t" "$@" > $TBS/check.log 2>&1
	rc=$?
	echo "$(($(date +%s) - t0)) $STEP_LABEL$name" >> $TBS/times
	[ $rc -ge 128 ] && echo "timed out after ${t}s (rc $rc)" >> $TBS/check.log
	if log_bad > $TBS/bad.log; then
		echo "bad lines in the logs:" >> $TBS/check.log
		cat $TBS/bad.log >> $TBS/check.log
		rc=1
	fi
	tap $rc "$STEP_LABEL$name"
	if [ $rc != 0 ]; then
		tail -n 45 $TBS/check.log | diag
	elif [ -n "$TB_VERBOSE" ]; then
		diag < $TBS/check.log
	fi
	# Lines a check wants shown even on success start with "note:".
	grep '^note:' $TBS/check.log | sed 's/^note: */TB: # /'
	return $rc
}

# Showing state: diagnose NAME TIMEOUT FUNCTION [ARGS...]
# Runs the function like check does, but it asserts nothing, so it is no
# TAP test: its "note:" lines (or, if it could not run, its output's
# tail) are shown as TAP comments.  Only a bad line in the logs while it
# ran (Oops, WARNING...) is reported, as a failure.
diagnose() {
	local name=$1 t=$2 rc
	shift 2
	bump notes
	log_mark
	run_timeout "$t" "$@" > $TBS/check.log 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		grep '^note:' $TBS/check.log | sed 's/^note: */TB: # /'
	else
		say "# $STEP_LABEL$name: could not be shown (rc $rc):"
		tail -n 20 $TBS/check.log | sed 's/^/TB: #   /'
	fi
	if log_bad > $TBS/bad.log; then
		tap 1 "$STEP_LABEL$name: bad lines in the logs"
		diag < $TBS/bad.log
	fi
	return 0
}

# The slowest checks of the run, for keeping CI inside its budget.
tb_times() {
	say "# slowest checks (seconds):"
	sort -rn $TBS/times | head -n 40 | sed 's/^/TB: #   /'
	# A scenario's own time includes what it did between its checks.
	[ -s $TBS/sctimes ] || return 0
	say "# slowest scenarios (seconds, checks and the work between them):"
	sort -rn $TBS/sctimes | head -n 25 | sed 's/^/TB: #   /'
}

# ---------------------------------------------------------------------
# Guests

domid_of() { xl domid "$1" 2>/dev/null; }

# guest NAME CMD [TIMEOUT]: run CMD in the guest, print its output,
# return its exit code (124 on timeout).
guest() {
	local name=$1 cmd=$2 t=${3:-60} d seq base n=0
	d=$(domid_of "$name") || { echo "no domain $name"; return 125; }
	base=/local/domain/$d/data/tb
	seq=$(($(cat $TBS/seq.$name 2>/dev/null || echo 0) + 1))
	echo $seq > $TBS/seq.$name
	xenstore-write -R -- $base/cmd "$cmd" && xenstore-write $base/seq $seq || return 125
	while [ "$(xenstore-read $base/done 2>/dev/null)" != "$seq" ]; do
		n=$((n + 1))
		[ $n -gt $((t * 4)) ] && { echo "guest $name: '$cmd' timed out"; return 124; }
		sleep 0.25
	done
	# the guest stores its output without the final newline
	xenstore-read -R $base/out && echo
	return "$(xenstore-read $base/rc)"
}

wait_for() {	# wait_for SECS CMD...: poll until CMD succeeds
	local n=0 t=$1
	shift
	until "$@" > /dev/null 2>&1; do
		n=$((n + 1))
		[ $n -gt $((t * 2)) ] && return 1
		sleep 0.5
	done
}

guest_ready() {
	local d
	d=$(domid_of "$1") || return 1
	[ "$(xenstore-read /local/domain/$d/data/tb/ready 2>/dev/null)" = 1 ]
}

guest_ip() { echo "192.168.0.$((1 + ${1#g}))"; }
guest_mac() { printf '00:16:3e:00:%02x:00' "${1#g}"; }

# Guests get the same late lockup/stall reports as dom0 (see run).
create_guest() {	# create_guest NAME VCPUS [MiB]
	local name=$1 cfg=/run/tb/$1.cfg
	cat > "$cfg" <<EOC
name = "$name"
type = "pv"
kernel = "/boot/vmlinuz-domU"
ramdisk = "/boot/initrd-domU.gz"
extra = "console=hvc0 loglevel=7 watchdog_thresh=60 rcupdate.rcu_cpu_stall_timeout=300${kargs:+ $kargs}"
memory = ${3:-256}
vcpus = $2
max_grant_frames = ${gframes:-64}
vif = [ 'mac=$(guest_mac "$name"),bridge=xenbr0,script=vif-test' ]
on_crash = "preserve"
EOC
	# TB_GUEST_CPUS: the host CPUs the guests' vCPUs may run on (Xen's
	# hard affinity; bench/ab-agg -p keeps them off dom0's)
	[ -z "${TB_GUEST_CPUS:-}" ] || echo "cpus = \"$TB_GUEST_CPUS\"" >> "$cfg"
	rm -f $TBS/seq.$name
	xl create "$cfg" || return 1
	wait_for 240 guest_ready "$name" || { echo "guest agent of $name silent"; return 1; }
	guest "$name" 'uname -r'
}

destroy_guest() {
	local d
	d=$(domid_of "$1") || return 0
	xl destroy "$1" || return 1
	wait_for 90 sh -c "! xenstore-exists /local/domain/0/backend/vif/$d" ||
		{ echo "backend dir of dom$d still there"; return 1; }
}

# Both ends of GUEST's first vif Connected (4) within SECS (default 60).
both_connected() {	# both_connected GUEST [SECS]
	local be fe
	be=$(be_path "$1")
	fe=$(fe_path "$1")
	wait_for "${2:-60}" xs_is "$be/state" 4 ||
		{ echo "backend state $(xenstore-read "$be/state")"; return 1; }
	wait_for 30 xs_is "$fe/state" 4 ||
		{ echo "frontend state $(xenstore-read "$fe/state")"; return 1; }
}

be_path() { echo "/local/domain/0/backend/vif/$(domid_of "$1")/${2:-0}"; }
fe_path() { echo "/local/domain/$(domid_of "$1")/device/vif/${2:-0}"; }
xs_is() { [ "$(xenstore-read "$1" 2>/dev/null)" = "$2" ]; }

# PREFIX-ring-ref, or PREFIX-ring-ref0.. above ring order 0 (rings.sh).
xs_has_ring_ref() {	# xs_has_ring_ref .../queue-N/tx
	xenstore-exists "$1-ring-ref" || xenstore-exists "$1-ring-ref0"
}

# In a "xenstore-ls -f" dump, KEY and its numbered forms KEY0, KEY1...:
# prints "<KEY itself present (0/1)> <numbered keys> <highest number>".
xs_numbered_keys() {	# xs_numbered_keys DUMP KEY
	awk -v k="$2" '
		index($1, k) == 1 { s = substr($1, length(k) + 1)
			if (s == "") p = 1
			else if (s ~ /^[0-9]+$/) { c++; if (s + 0 > m) m = s + 0 } }
		END { printf "%d %d %d\n", p, c, m }' "$1"
}

# ---------------------------------------------------------------------
# Backend modules

# Our drivers import the xen-netif library built with them: load the one
# next to KO first (a stock module has none), in place of an unused one
# loaded from elsewhere.
load_lib_for() {	# load_lib_for KO
	local lib=${1%/*}/xen-netif.ko
	[ -f "$lib" ] || return 0
	if grep -q '^xen_netif ' /proc/modules; then
		[ "$(cat $TBS/lib 2>/dev/null)" = "$lib" ] && return 0
		rmmod xen_netif || return 1
	fi
	echo "insmod $lib"
	insmod "$lib" || return 1
	echo "$lib" > $TBS/lib
}

use_back() {	# use_back stock|ours "opts"
	local want=/lib/tb/$1/xen-netback.ko
	[ -f "$want" ] || { echo "no $1 netback in this image"; return 1; }
	if grep -q '^xen_netback ' /proc/modules; then
		[ "$(cat $TBS/back 2>/dev/null)" = "$1 $2" ] && return 0
		rmmod xen_netback || return 1
	fi
	load_lib_for "$want" || return 1
	echo "insmod $want $2"
	insmod "$want" $2 || return 1
	echo "$1 $2" > $TBS/back
}

# ---------------------------------------------------------------------
# Plans: each line is "key=value ... : check check ...".  The keys set the
# step up (back, front, vcpus, domus, mem (MiB per guest, default 256),
# nb_opts, nf_opts; options use ',' between module parameters); the
# checks are sc_* functions; kargs (',' between words) is appended to the
# guests' kernel command line, e.g. kargs=init_on_alloc=0.

step_setup() {
	local i
	check "netback $back loads" 60 use_back "$back" "$nb_opts" || return 1
	for i in $(seq 1 "$domus"); do
		check "g$i boots ($vcpus vCPU)" 300 create_guest g$i "$vcpus" "$mem" ||
			return 1
		# a refused connection keeps tb-load-front waiting 20 s
		check "g$i loads $front netfront" 150 \
			guest g$i "tb-load-front /lib/tb/$front/xen-netfront.ko $nf_opts" 120 ||
			return 1
	done
}

step_teardown() {
	local i
	for i in $(seq 1 "$domus"); do
		check "g$i destroyed, backend gone" 150 destroy_guest g$i
	done
}

run_step() {	# run_step "keys" "checks"
	local kv sc n t0 t1 ok spent broken=
	back=stock front=stock vcpus=1 domus=1 mem=256 gframes=64 nb_opts= nf_opts= kargs=
	for kv in $1; do
		case "$kv" in
		back=*|front=*|vcpus=*|domus=*|mem=*|gframes=*|nb_opts=*|nf_opts=*|kargs=*)
			eval "${kv%%=*}=\"\${kv#*=}\"" ;;
		*) say "# unknown plan key '$kv'" ;;
		esac
	done
	nb_opts=$(echo "$nb_opts" | tr , ' ')
	nf_opts=$(echo "$nf_opts" | tr , ' ')
	kargs=$(echo "$kargs" | tr , ' ')
	STEP_LABEL="[$back back, $front front, ${vcpus}vcpu"
	[ "$mem" = 256 ] || STEP_LABEL="$STEP_LABEL, ${mem}M"
	[ "$gframes" = 64 ] || STEP_LABEL="$STEP_LABEL, $gframes grant frames"
	[ -z "$kargs" ] || STEP_LABEL="$STEP_LABEL, $kargs"
	STEP_LABEL="$STEP_LABEL] "
	[ "$domus" != 0 ] || STEP_LABEL="[$back back, no guest] "
	say "# step: $1 : $2"
	t0=$(date +%s)
	step_setup
	ok=$?
	spent="setup $(($(date +%s) - t0)),"
	if [ $ok = 0 ]; then
		for sc in $2; do
			type "sc_$sc" > /dev/null 2>&1 ||
				{ tap 1 "$STEP_LABEL$sc (no such check)"; continue; }
			if [ -n "$broken" ]; then
				tap 1 "$STEP_LABEL$sc (not run: $broken)"
				continue
			fi
			n=$(cat $TBS/n)
			m=$(cat $TBS/notes)
			t1=$(date +%s)
			"sc_$sc" || [ "$sc" != connect ] || broken="no connection"
			t1=$(($(date +%s) - t1))
			echo "$t1 $STEP_LABEL$sc" >> $TBS/sctimes
			spent="$spent $sc $t1,"
			# A check that reports nothing has tested nothing (a
			# diagnostic only shows notes).
			[ "$(cat $TBS/n)" != "$n" ] || [ "$(cat $TBS/notes)" != "$m" ] ||
				tap 1 "$STEP_LABEL$sc (ran no check)"
		done
	fi
	t1=$(date +%s)
	step_teardown
	spent="$spent teardown $(($(date +%s) - t1))"
	say "# step took $(($(date +%s) - t0)) s ($spent)"
	STEP_LABEL=
}

run_plan() {
	local line
	grep -v '^[[:space:]]*#' "$1" | grep ':' > $TBS/plan.lines
	while IFS= read -r line; do
		run_step "${line%%:*}" "${line#*:}" < /dev/null
	done < $TBS/plan.lines
}
