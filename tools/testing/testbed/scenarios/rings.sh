# SPDX-License-Identifier: GPL-2.0-only
#
# Multi-page rings: the order both ends agreed on, as seen in XenStore and
# by ethtool on both sides; renegotiation with ethtool -G under traffic;
# the backend's refusal of an order above its maximum.  The expected order
# comes from the step: our netback offers max_ring_page_order (nb_opts,
# default 4), our netfront takes min(that, its max_ring_page_order) unless
# ring_page_order forces one; a stock end on either side means order 0.

guests() { local i; for i in $(seq 1 "$domus"); do echo "g$i"; done; }

# Value of module option $1 in the option string $2 ("" if not given).
rings_opt() { echo " $2 " | sed -n "s/.* $1=\([0-9-]*\) .*/\1/p"; }

rings_be_max() {
	local m
	[ "$back" = ours ] || { echo 0; return; }
	m=$(rings_opt max_ring_page_order "$nb_opts")
	echo "${m:-4}"
}

# The highest order the step can negotiate (the protocol's answer).
rings_max() {
	local be fe forced
	[ "$front" = ours ] || { echo 0; return; }
	forced=$(rings_opt ring_page_order "$nf_opts")
	if [ -n "$forced" ] && [ "$forced" -ge 0 ]; then echo "$forced"; return; fi
	be=$(rings_be_max)
	fe=$(rings_opt max_ring_page_order "$nf_opts")
	fe=${fe:-4}
	[ "$fe" -lt "$be" ] && echo "$fe" || echo "$be"
}

# Our netfront lowers its default order until the RX pages of all queues
# (256 << order each) take at most 1/8 of the guest's RAM, and their
# rings at most half of its grant table.
rings_mem_order() {	# rings_mem_order GUEST MAX
	local kb nq o=$2 budget
	kb=$(guest "$1" "sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo") || kb=
	[ -n "$kb" ] || { echo "$o"; return; }
	nq=$(xenstore-read "$(fe_path "$1")/multi-queue-num-queues" 2>/dev/null || echo 1)
	budget=$((kb / 4 / 8))
	# and the rings of all queues (a grant per slot, both rings) hold at
	# most half of the grant table: the bed's guests have Xen 4.17's
	# default 64 frames of 512 entries
	while [ "$o" -gt 0 ] && { [ $((nq * (256 << o))) -gt "$budget" ] ||
		[ $((nq * 2 * (256 << o))) -gt $((64 * 512 / 2)) ]; }; do
		o=$((o - 1))
	done
	echo "$o"
}

# The order the step should negotiate for GUEST on its own (no ethtool -G).
rings_want() {	# rings_want [GUEST]
	local m
	m=$(rings_max)
	if [ -n "${1:-}" ] && [ "$front" = ours ] &&
		[ -z "$(rings_opt ring_page_order "$nf_opts")" ]; then
		m=$(rings_mem_order "$1" "$m")
	fi
	echo "$m"
}

# "Current" ring size (RX or TX) from ethtool -g output on stdin.
rings_cur() { awk -v k="$1:" '/^Current/ { c = 1 } c && $1 == k { print $2; exit }'; }

# Does the dump $1 (xenstore-ls -f output) have key $2?
rings_has() { grep -q "^$2 = " "$1"; }

# Keys, ring refs per queue and ethtool -g of both ends at order $2.
# One xenstore-ls per end: a key at a time is too slow under TCG.
rings_keys_one() {	# rings_keys_one GUEST [ORDER]
	local g=$1 want=${2:-$(rings_want "$1")} be fe d nq i pfx n size got r exp
	local dump=/tmp/rings-fe.$g
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	d=$(domid_of "$g")
	n=$((1 << want))
	size=$((256 << want))
	if [ "$back" = ours ]; then
		xs_is "$be/max-ring-page-order" "$(rings_be_max)" ||
			{ echo "backend max-ring-page-order '$(xenstore-read "$be/max-ring-page-order")', want $(rings_be_max)"; return 1; }
	else
		! xenstore-exists "$be/max-ring-page-order" ||
			{ echo "stock backend has max-ring-page-order?"; return 1; }
	fi
	xenstore-ls -f "$fe" > "$dump" || return 1
	if [ "$want" = 0 ]; then
		! rings_has "$dump" "$fe/ring-page-order" ||
			{ echo "order 0 but:"; grep ring-page-order "$dump"; return 1; }
	else
		grep -q "^$fe/ring-page-order = \"$want\"\$" "$dump" ||
			{ echo "want ring-page-order $want:"; grep ring-page-order "$dump"; return 1; }
	fi
	nq=$(sed -n "s|^$fe/multi-queue-num-queues = \"\([0-9]*\)\"\$|\1|p" "$dump")
	nq=${nq:-1}
	for i in $(seq 0 $((nq - 1))); do
		[ "$nq" = 1 ] && pfx=$fe || pfx=$fe/queue-$i
		for r in tx rx; do
			got=$(xs_numbered_keys "$dump" "$pfx/$r-ring-ref")
			[ "$want" = 0 ] && exp="1 0 0" || exp="0 $n $((n - 1))"
			[ "$got" = "$exp" ] ||
				{ echo "$pfx $r keys: got '$got', want '$exp':"; grep "^$pfx/$r-ring-ref" "$dump"; return 1; }
		done
	done
	rm -f "$dump"
	if [ "$front" = ours ]; then
		got=$(guest "$g" "ethtool -g eth0") || { echo "$got"; return 1; }
		[ "$(echo "$got" | rings_cur RX)" = "$size" ] &&
			[ "$(echo "$got" | rings_cur TX)" = "$size" ] ||
			{ echo "guest ethtool -g, want $size:"; echo "$got"; return 1; }
	fi
	if [ "$back" = ours ]; then
		got=$(ethtool -g "vif$d.0") || return 1
		[ "$(echo "$got" | rings_cur RX)" = "$size" ] &&
			[ "$(echo "$got" | rings_cur TX)" = "$size" ] ||
			{ echo "dom0 ethtool -g vif$d.0, want $size:"; echo "$got"; return 1; }
	fi
	echo "note: $g: ring order $want, $nq queue(s), $size slots per ring; keys and ethtool -g agree"
}
sc_rings() {
	local g
	for g in $(guests); do
		check "$g ring order $(rings_want "$g") negotiated (keys, ethtool -g)" 180 rings_keys_one "$g"
	done
}

# Wait for a reconnect to end at order $2.
rings_wait_order() {	# rings_wait_order GUEST ORDER
	local fe
	fe=$(fe_path "$1")
	if [ "$2" = 0 ]; then
		wait_for 60 sh -c "! xenstore-exists $fe/ring-page-order" || return 1
	else
		wait_for 60 xs_is "$fe/ring-page-order" "$2" || return 1
	fi
	wait_for 60 xs_is "$(be_path "$1")/state" 4 &&
		wait_for 30 xs_is "$fe/state" 4
}

# ethtool -G while iperf3 runs dom0 -> guest: smallest order that fits,
# then back to the largest; a size above the maximum is refused.
rings_resize_one() {
	local g=$1 ip max out pid
	ip=$(guest_ip "$g")
	max=$(rings_max)
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" || return 1
	sleep 1
	iperf3 -c "$ip" -t 25 > /tmp/rings-iperf.log 2>&1 &
	pid=$!
	# a stalled connection must not hold the check
	( sleep 50; kill $pid 2>/dev/null ) &
	sleep 3
	guest "$g" "ethtool -G eth0 rx 300 tx 200" || { kill $pid; return 1; }
	rings_wait_order "$g" 1 || { echo "no reconnect at order 1"; kill $pid; return 1; }
	rings_keys_one "$g" 1 || { kill $pid; return 1; }
	sleep 3
	guest "$g" "ethtool -G eth0 rx $((256 << max)) tx $((256 << max))" ||
		{ kill $pid; return 1; }
	rings_wait_order "$g" "$max" || { echo "no reconnect at order $max"; kill $pid; return 1; }
	out=$(guest "$g" "ethtool -G eth0 rx $((512 << max)) tx 256 2>&1; echo rc=\$?")
	echo "$out" | grep -q 'rc=0' && { echo "oversized ring accepted: $out"; kill $pid; return 1; }
	echo "note: $g: ethtool -G rx $((512 << max)) refused: $(echo "$out" | head -1)"
	wait $pid
	echo "note: $g: iperf3 across two reconnects: $(grep -E 'receiver$' /tmp/rings-iperf.log | tail -1 | grep -oE '[0-9.]+ [KMG]?bits/sec')"
	guest "$g" "ip link set eth0 up; ip addr show eth0 | grep -q 'inet '" ||
		{ echo "eth0 lost its address"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$ip" || { echo "no ping after resize"; return 1; }
	rings_keys_one "$g" "$max"
}
sc_rings_resize() { each_guest "ethtool -G renegotiates the ring order under traffic" 300 rings_resize_one; }

# The frontend forced an order above our maximum: our backend refuses it
# (the reason in XenStore's error/ tree and dom0's log, the vif netdev
# kept), and the frontend, refused with an extension, retries once
# without (issue 15): connected at order 0, no ring-page-order, a log line
# in the guest, ping.  (Before the fallback the guest stayed down until
# its netfront was reloaded.)
rings_refused_one() {
	local g=$1 d be fe err
	d=$(domid_of "$g")
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	wait_for 60 sh -c "xenstore-read /local/domain/0/error/backend/vif/$d/0/error 2>/dev/null |
		grep -q max-ring-page-order" ||
		{ echo "no xenbus_dev_fatal message:"; xenstore-ls -f /local/domain/0/error 2>&1 | tail -5; return 1; }
	err=$(xenstore-read "/local/domain/0/error/backend/vif/$d/0/error")
	[ -e "/sys/class/net/vif$d.0" ] || { echo "vif$d.0 is gone"; return 1; }
	{ cat $TBS/dmesg.all 2>/dev/null; dmesg; } | grep -q 'above our max-ring-page-order' ||
		{ echo "dom0 log does not say why"; dmesg | tail -5; return 1; }
	echo "note: $g: refused: $err"
	# the fallback
	wait_for 60 xs_is "$be/state" 4 || { echo "no reconnect after the refusal"; nf_states "$g"; return 1; }
	xs_is "$fe/state" 4 || { nf_states "$g"; return 1; }
	! xenstore-exists "$fe/ring-page-order" ||
		{ echo "fell back with ring-page-order=$(xenstore-read "$fe/ring-page-order")"; return 1; }
	xenstore-exists "$fe/tx-ring-ref" || xenstore-exists "$fe/queue-0/tx-ring-ref" ||
		{ echo "no one-page tx-ring-ref after the fallback"; return 1; }
	guest "$g" "dmesg | grep -q 'retrying once without them'" ||
		{ echo "the guest's log does not say it fell back"; return 1; }
	connect_one "$g" > /dev/null || { echo "eth0 not configured after the fallback"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no ping after the fallback"; return 1; }
	echo "note: $g: fell back to order 0: $(guest "$g" "dmesg | grep -E 'retrying once|: connected, ' | tail -2" | tr '\n' ' ')"
}
sc_rings_refused() { each_guest "ring order $(rings_want) refused by our backend, the frontend falls back to order 0" 180 rings_refused_one; }

sc_rings_unforce() {
	local g
	for g in $(guests); do
		check "$g netfront reloaded without forced order" 90 front_reload_plain "$g"
	done
	nf_opts=
}

# Every order from 4 down to 0 in one guest: set our netback's maximum
# through sysfs (read at each handshake), reload the netfront, then the
# keys, ping and a byte-exact transfer both ways at that order.
rings_set_be_max() {
	echo "$1" > /sys/module/xen_netback/parameters/max_ring_page_order
}
sc_rings_cycle() {
	local g o
	for o in 4 3 2 1 0; do
		check "dom0 max_ring_page_order=$o (sysfs)" 10 rings_set_be_max "$o" ||
			return 1
		nb_opts="max_ring_page_order=$o"
		for g in $(guests); do
			check "$g netfront reloads for order $o" 90 front_reload_plain "$g" &&
				check "$g connects at order $o" 120 connect_one "$g" &&
				check "$g ring order $(rings_want "$g") negotiated (keys, ethtool -g)" 180 rings_keys_one "$g" &&
				check "$g ping both ways at order $o" 60 ping_one "$g" &&
				check "$g byte-exact both ways at order $o" 240 bytes_one "$g"
		done
	done
	# the module stays loaded for the next step: back to its default
	rings_set_be_max 4
}

# ethtool -G to ORDER and wait for the reconnect.
rings_set_order() {	# rings_set_order GUEST ORDER
	local n=$((256 << $2))
	guest "$1" "ethtool -G eth0 rx $n tx $n" || return 1
	rings_wait_order "$1" "$2" || { echo "no reconnect at order $2"; return 1; }
}

# ethtool -L to N queues and wait for the reconnect.
rings_queues() {	# rings_queues GUEST N
	local fe
	fe=$(fe_path "$1")
	guest "$1" "ethtool -L eth0 combined $2" || return 1
	wait_for 60 sh -c "[ \"\$(xenstore-read $fe/multi-queue-num-queues 2>/dev/null || echo 1)\" = $2 ]" ||
		{ echo "multi-queue-num-queues not $2"; return 1; }
	both_connected "$1"
}

# One point of the sweep: the ring at ORDER, keys and ethtool -g on both
# ends, then 2 MiB byte-exact each way.
rings_at() {	# rings_at GUEST ORDER
	rings_set_order "$1" "$2" &&
		rings_keys_one "$1" "$2" &&
		TB_BYTES_64K=32 bytes_one "$1"
}

# ours/ours at every order the step allows: first with the step's queue
# count, from its default order down to 0 (RINGS_SWEEP_ALL=1: from the
# maximum, above the netfront's memory cap), then with one queue back up
# to the maximum; each order renegotiated by ethtool -G, keys and a
# byte-exact transfer both ways at each.
rings_sweep_to() {	# rings_sweep_to GUEST NQ ORDERS...
	local g=$1 nq=$2 o
	shift 2
	for o in "$@"; do
		check "$g $nq queue(s), ring order $o: keys, byte-exact both ways" 240 \
			rings_at "$g" "$o" || return 1
	done
}
sc_rings_sweep() {
	local g max top cur nq down up o
	max=$(rings_max)
	for g in $(guests); do
		cur=$(rings_want "$g")
		top=$cur
		[ -n "${RINGS_SWEEP_ALL:-}" ] && top=$max
		nq=$(xenstore-read "$(fe_path "$g")/multi-queue-num-queues" 2>/dev/null || echo 1)
		down= up=
		for o in $(seq "$top" -1 0); do
			[ "$o" = "$cur" ] || rings_sweep_skip "$o" || down="$down $o"
		done
		for o in $(seq 1 "$max"); do
			rings_sweep_skip "$o" || up="$up $o"
		done
		rings_sweep_to "$g" "$nq" $down || continue
		[ "$nq" -gt 1 ] || continue
		check "$g ethtool -L combined 1 at ring order 0" 120 rings_queues "$g" 1 &&
			rings_sweep_to "$g" 1 $up
	done
}
sc_rings_sweep_all() { RINGS_SWEEP_ALL=1 sc_rings_sweep; }
# Even orders only (4, 2, 0 and back up 2, 4): half the reconnects, for CI.
rings_sweep_skip() { [ -n "${RINGS_SWEEP_EVEN:-}" ] && [ $(($1 % 2)) = 1 ]; }
sc_rings_sweep_even() { RINGS_SWEEP_EVEN=1 sc_rings_sweep; }
