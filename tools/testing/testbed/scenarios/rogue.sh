# SPDX-License-Identifier: GPL-2.0-only
#
# The netfront against a hostile backend: xnif_rogue (rogue/xnif_rogue.c)
# plays the backend of a second vif (vif 1) of guest g1 from dom0 user
# space, with no netback behind it, and misbehaves in one way per check.
# Vif 0 stays on the step's netback.  Every check ends with g1 alive, vif
# 0 passing traffic, vif 1 removed, and no oops; what the frontend must do
# about the class itself is said at each check.  The checks run after
# "connect" in a step with one guest; plans/rogue.plan runs them all
# against both netfronts.

RLOG=/tmp/rogue.log
RGO=/tmp/rogue.go
# what a frontend's log lines about vif 1 look like (our netfront's
# line on connecting aside)
RPAT='vif-1|vif/1|eth1[: ]'

# A rogue left by a check that timed out: close it down.
rogue_reset() {
	local pid
	pid=$(cat $TBS/rogue.pid 2>/dev/null) || return 0
	rogue_stop "$pid"
}

rogue_start() {	# rogue_start CLASS [xnif_rogue options]
	local d cls=$1
	shift
	d=$(domid_of g1) || { echo "no g1"; return 1; }
	rm -f $RGO
	xnif_rogue -d "$d" -v 1 -c "$cls" -g $RGO "$@" > $RLOG 2>&1 &
	echo $! > $TBS/rogue.pid
}

rogue_stop() {	# rogue_stop PID: SIGTERM, wait for it to close the vif
	local n=0
	kill -TERM "$1" 2>/dev/null
	while kill -0 "$1" 2>/dev/null; do
		n=$((n + 1))
		[ $n -gt 60 ] && { echo "rogue did not close the vif"; kill -KILL "$1"; return 1; }
		sleep 0.5
	done
	rm -f $TBS/rogue.pid
}

rogue_has() { grep -q "$1" $RLOG; }
rogue_wait() { wait_for "$1" rogue_has "$2"; }

# The guest's netdev of vif 1 (empty if none).
rogue_if() { guest g1 "ls /sys/bus/xen/devices/vif-1/net/ 2>/dev/null" | head -n 1; }

vif1_gone() { guest g1 "! test -e /sys/bus/xen/devices/vif-1" 10; }

# Seconds of CPU g1's vCPUs have used so far.
guest_cpu() { xl vcpu-list g1 | awk 'NR > 1 { s += $6 } END { printf "%.1f\n", s }'; }

# Wait out a storm, noting the guest's CPU seconds and the irqs its vif
# took during it; kept in $TBS for the other netfront's step to compare
# with.  The irq count is exact where CPU seconds are not: a netfront that
# EOIs every event of the storm as work takes one irq per event (150,000
# and more in 30 s), one that flags them spurious is throttled by Xen.
rogue_storm_cpu() {	# rogue_storm_cpu CLASS IFNAME
	local c0 c1 cpu irq stock rc=0
	rogue_wait 30 'storm:' || { echo "no storm started"; return 1; }
	c0=$(guest_cpu)
	rogue_wait 90 'result: storm' || { echo "the storm did not end"; return 1; }
	c1=$(guest_cpu)
	irq=$(guest_irqs "$2")
	cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.1f", b - a }')
	echo "$cpu" > "$TBS/storm.$1.$front"
	echo "$irq" > "$TBS/stormirq.$1.$front"
	echo "note: $front netfront, $1: guest used $cpu CPU s and took $irq irqs on $2 during the storm ($(grep 'result: storm' $RLOG | sed 's/.*storm //'))"
	# an irq count of 0 means the name matched nothing: no measure at all
	[ "$irq" -gt 0 ] || { echo "no irq counted on '$2': cannot judge the storm"; return 1; }
	[ "$front" = stock ] && return 0
	# Without stock's figures in this boot, an absolute bound: a netfront
	# EOIing every event as work took 147,288; late EOI holds both to ~7,000.
	stock=$(cat "$TBS/storm.$1.stock" 2>/dev/null) || {
		echo "note: no stock netfront storm in this boot: judged against 30,000 irqs"
		[ "$irq" -le 30000 ] || { echo "$front netfront took $irq irqs on $2"; return 1; }
		return 0
	}
	# TCG is noisy: a quarter and a second of slack over the stock driver
	awk -v o="$cpu" -v s="$stock" 'BEGIN { exit !(o <= s * 1.25 + 1) }' ||
		{ echo "$front netfront used $cpu CPU s, stock $stock"; rc=1; }
	stock=$(cat "$TBS/stormirq.$1.stock")
	awk -v o="$irq" -v s="$stock" 'BEGIN { exit !(o <= s * 2 + 500) }' ||
		{ echo "$front netfront took $irq irqs on $2, stock $stock: more than twice"; rc=1; }
	return $rc
}

# The irqs g1 has taken on a netdev's event channels (named IFNAME or
# IFNAME-...), summed over CPUs and channels.
guest_irqs() {	# guest_irqs IFNAME
	guest g1 "grep -E ' $1(-[^ ]*)?\$' /proc/interrupts" 20 |
		awk '{ for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }'
}

# Judge an xs-* class from the rogue's result line and the guest's log.
rogue_judge_xs() {	# rogue_judge_xs CLASS IF NLINES MAC
	local res v
	res=$(grep 'result:' $RLOG)
	case "$res" in
	*refused*)
		[ "$3" -ge 1 ] || { echo "refused without a word in the guest's log"; return 1; }
		return 0 ;;
	esac
	case $1 in
	xs-mac-bad) echo "connected with an invalid mac"; return 1 ;;
	xs-mac-mcast)
		v=$4
		case "$v" in
		?[13579bdf]:*) echo "took the multicast mac $v"; return 1 ;;
		esac ;;
	esac
	echo "$res" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "=")
			if (kv[2] == "-") continue
			if ((kv[1] == "queues" && kv[2] > 8) ||
			    (kv[1] == "order" && kv[2] > 4) ||
			    (kv[1] ~ /data-len/ && kv[2] > 4096)) bad = bad " " $i }
		} END { if (bad != "") { print "out of bounds:" bad; exit 1 } }'
}

# The guest's side of a class, as one command; prints vif 1's netdev.
rogue_up_cmd() {	# rogue_up_cmd CLASS
	local st='/sys/class/net/$i/statistics'
	printf '%s' 'i=$(ls /sys/bus/xen/devices/vif-1/net/); rm -f /tmp/rogue.rx; '
	[ "$1" = storm-down ] ||
		printf '%s' 'ip link set $i up && ip addr add 192.168.7.2/24 dev $i && /usr/sbin/ip neigh replace 192.168.7.1 lladdr 00:16:3e:ff:00:01 dev $i; '
	# The counters sampled until the vif goes; not during a storm, where
	# the sampler's processes would be most of the guest CPU measured.
	case $1 in
	storm*) ;;
	*) printf '(while [ -e %s ]; do cat %s/rx_packets %s/rx_errors %s/rx_dropped | tr "\\n" " " > /tmp/rogue.rx.new && mv /tmp/rogue.rx.new /tmp/rogue.rx; sleep 0.5; done) > /dev/null 2>&1 & ' \
		"$st" "$st" "$st" "$st" ;;
	esac
	case $1 in
	tx-*) printf '%s' '(ping -c 6 -i 0.3 -W 1 192.168.7.1 > /dev/null 2>&1 &); ' ;;
	esac
	printf '%s' 'echo $i'
}

# One class: vif 1 served by the rogue, judged, removed.
rogue_class_one() {	# rogue_class_one CLASS [xnif_rogue options]
	local cls=$1 n0 ifc out lines nl rc=0 rx c0
	shift
	rogue_reset
	n0=$(guest g1 "dmesg | wc -l") || return 1
	if [ "$cls" = stale ]; then
		# leave freed guest pages full of random bytes
		guest g1 "dd if=/dev/urandom of=/tmp/dirty bs=1M count=64 2>/dev/null; rm -f /tmp/dirty"
		echo "note: guest kernel command line has: $(guest g1 "grep -o 'init_on_alloc=[0-9]' /proc/cmdline || echo 'no init_on_alloc='")"
	fi
	echo "$(date +%T) starting the rogue"
	rogue_start "$cls" "$@" || return 1
	case $cls in
	xs-*)
		rogue_wait 60 'result:' || { echo "no result from the rogue"; rc=1; }
		ifc=$(rogue_if) ;;
	bind-race)
		# 50 reconnects, each raced: no "connected" to wait for
		rogue_wait 900 'result: bind' || { echo "no result from the rogue"; rc=1; }
		ifc=$(rogue_if) ;;
	*)
		rogue_wait 60 'connected' || { cat $RLOG; rogue_stop "$(cat $TBS/rogue.pid)"; return 1; }
		# one guest command (each costs seconds under TCG): vif 1 up
		# with an address and the rogue's MAC, its counters sampled
		# until it goes (read after), the TX classes' traffic
		ifc=$(guest g1 "$(rogue_up_cmd "$cls")" 30 | tail -n 1)
		[ -n "$ifc" ] || { echo "no netdev for vif 1"; rc=1; }
		case $cls in
		storm*)	# the guest's CPU over 10 s before the storm
			c0=$(guest_cpu); sleep 10
			echo "note: $front netfront: guest used $(awk -v a="$c0" -v b="$(guest_cpu)" 'BEGIN { printf "%.1f", b - a }') CPU s in 10 s before the storm" ;;
		esac
		touch $RGO
		case $cls in
		storm*) rogue_storm_cpu "$cls" "$ifc" || rc=1 ;;
		esac
		rogue_wait 600 'after:\|result: bind' || { echo "the rogue did not finish"; rc=1; }
		sleep 1 ;;
	esac
	echo "$(date +%T) rogue finished its class"
	# vif 0 while the rogue still holds vif 1
	guest g1 "ping -c 2 -W 3 192.168.0.1 > /dev/null" 20 ||
		{ echo "vif 0 passes no traffic while the rogue serves vif 1"; rc=1; rogue_diag; }
	case $cls in
	xs-mac-mcast) rx=$(guest g1 "cat /sys/class/net/$ifc/address" 20) ;;
	*) sleep 1 ;;
	esac
	rogue_stop "$(cat $TBS/rogue.pid)" || rc=1
	grep -q 'closed' $RLOG || { echo "the rogue did not close"; rc=1; }
	echo "$(date +%T) rogue closed"
	# the log since the class began, then vif 1's last counters
	out=$(guest g1 "dmesg | tail -n +$((n0 + 1)); echo; cat /tmp/rogue.rx 2>/dev/null; true" 60) ||
		{ echo "g1 does not answer"; cat $RLOG; rogue_diag; return 1; }
	lines=$(echo "$out" | grep -E "$RPAT" | grep -v ': connected, ')
	nl=$(echo "$lines" | grep -c .)
	[ "$cls" = xs-mac-mcast ] || rx=$(echo "$out" | tail -n 1)
	echo "--- rogue:"; cat $RLOG
	echo "--- guest log about vif 1 ($nl lines; rx packets/errors/dropped or mac: $rx):"
	echo "$lines" | head -n 20
	case $cls in
	honest)
		[ "${rx%% *}" -ge 1 ] 2>/dev/null || { echo "no packet delivered"; rc=1; }
		! echo "$lines" | grep -q 'disabled' || { echo "an honest backend was disabled"; rc=1; } ;;
	rx-len|rx-chain)
		# one bad packet: dropped, counted and logged; the vif goes on
		# (the rogue delivers a good frame after it)
		[ "$nl" -ge 1 ] || { echo "not a word in the guest's log"; rc=1; }
		[ "$nl" -le 10 ] || { echo "$nl lines: a flood"; rc=1; }
		! echo "$lines" | grep -q 'disabled' ||
			{ echo "vif disabled for one bad packet"; rc=1; }
		echo "$rx" | awk '{ exit !($1 >= 1 && $2 + $3 >= 1) }' ||
			{ echo "want the bad packet counted and the next delivered (rx packets/errors/dropped: $rx)"; rc=1; } ;;
	rx-*|tx-*)
		# marked broken, or the packet dropped: with one clear line
		[ "$nl" -ge 1 ] || { echo "not a word in the guest's log"; rc=1; }
		[ "$nl" -le 10 ] || { echo "$nl lines: a flood"; rc=1; } ;;
	stale)
		out=$(grep 'result: stale' $RLOG | awk '{ print $4 }')
		echo "note: $front netfront: $(grep 'result: stale' $RLOG | sed 's/.*stale //')"
		[ "$out" = 0 ] || { echo "the backend read $out stale bytes"; rc=1; } ;;
	bind-race)
		echo "note: $front netfront: $(grep 'result:' $RLOG | sed 's/.*result: //')" ;;
	xs-*)
		echo "note: $front netfront, $cls: $(grep 'result:' $RLOG | sed 's/.*result: //')"
		rogue_judge_xs "$cls" "$ifc" "$nl" "$rx" || rc=1 ;;
	esac
	[ "$nl" = 0 ] || echo "note: $front netfront, $cls: $(echo "$lines" | head -n 1 | sed 's/^\[[ 0-9.]*\] //')"
	wait_for 30 vif1_gone || { echo "vif 1 still in the guest (or g1 silent)"; rc=1; }
	[ $rc = 0 ] || rogue_diag
	return $rc
}

# What the guest was doing: its CPU time and the end of its console.
rogue_diag() {
	echo "--- $(date +%T) xl vcpu-list g1:"
	xl vcpu-list g1
	echo "--- end of g1's console:"
	tail -n 25 /var/log/xen/console/guest-g1.log
}

rogue_check() {	# rogue_check CLASS TIMEOUT "what" [options]
	local cls=$1 t=$2 what=$3
	shift 3
	check "g1 vs rogue backend on vif 1: $what" "$t" rogue_class_one "$cls" "$@"
}

# Control: an honest rogue's frames are delivered, nothing is disabled.
sc_nf_rogue_honest() { rogue_check honest 180 "honest frames delivered"; }
# Bad responses: the vif marked broken, or the packet dropped, with one
# clear log line (at most 10), the guest and vif 0 unharmed.
sc_nf_rogue_rx_id() { rogue_check rx-id 180 "RX id out of range"; }
# One bad packet (length past the page, a chain of 30 slots): dropped,
# counted and logged, and the vif goes on.
sc_nf_rogue_rx_len() { rogue_check rx-len 180 "RX length past the page"; }
sc_nf_rogue_rx_chain() { rogue_check rx-chain 180 "RX chain of 30 slots"; }
sc_nf_rogue_rx_prod() { rogue_check rx-prod 180 "RX producer far past the requests"; }
sc_nf_rogue_rx_back() { rogue_check rx-back 180 "RX producer going backwards"; }
sc_nf_rogue_rx_extra() { rogue_check rx-extra 180 "bad RX extra-info chain"; }
sc_nf_rogue_tx_bogus() { rogue_check tx-bogus 180 "TX completion for no request"; }
sc_nf_rogue_tx_dup() { rogue_check tx-dup 180 "duplicate TX completion"; }
# XSA-403: the RX pages the frontend posts hold no stale guest memory
# (run the step with kargs=init_on_alloc=0: Debian zeroes otherwise).
sc_nf_rogue_stale() { rogue_check stale 180 "posted RX pages hold 0 stale bytes"; }
# XSA-391: 30 s of events after one response, the vif down (response
# never consumed) and up: the guest's CPU seconds no more than the stock
# netfront's in the same boot (run the stock step first).
sc_nf_rogue_storm_down() { rogue_check storm-down 300 "30 s event storm, vif down"; }
sc_nf_rogue_storm_up() { rogue_check storm-up 300 "30 s event storm, vif up"; }
# A response producer and an event the moment the port is bound, over 50
# connects (Closing, Closed, InitWait; a new device if the frontend stays
# Closed): no oops.
sc_nf_rogue_bind_race() { rogue_check bind-race 900 "bind race over 50 connects" -n 50; }
# Bad XenStore values: a clean refusal (with a log line) or a connection
# within bounds, never a crash.
sc_nf_rogue_xs_mac_bad() { rogue_check xs-mac-bad 180 "invalid mac"; }
sc_nf_rogue_xs_mac_mcast() { rogue_check xs-mac-mcast 180 "multicast mac"; }
sc_nf_rogue_xs_queues() { rogue_check xs-queues 180 "multi-queue-max-queues 2^32-1"; }
sc_nf_rogue_xs_order() { rogue_check xs-order 180 "max-ring-page-order 2^32-1"; }
sc_nf_rogue_xs_stg_huge() { rogue_check xs-stg-huge 180 "staging-max-data-len 2^32-1"; }
sc_nf_rogue_xs_stg_garbage() { rogue_check xs-stg-garbage 180 "staging-max-data-len garbage"; }
