# SPDX-License-Identifier: GPL-2.0-only
#
# Checks of our netfront's negotiation and multi-queue behaviour.  Run them
# after "connect" in the same step.

guests() { local i; for i in $(seq 1 "$domus"); do echo "g$i"; done; }

# Queues the frontend should use: min(vCPUs, backend max, 8).
nf_want_queues() {
	local be_max n=$vcpus
	be_max=$(xenstore-read "$(be_path "$1")/multi-queue-max-queues" 2>/dev/null || echo 1)
	[ "$be_max" -lt "$n" ] && n=$be_max
	[ "$n" -gt 8 ] && n=8
	echo "$n"
}

# The queue count agrees everywhere: XenStore keys and the guest's netdev.
nf_queues_one() {
	local g=$1 fe want got i pfx
	fe=$(fe_path "$g")
	want=$(nf_want_queues "$g")
	got=$(guest "$g" "ls -d /sys/class/net/eth0/queues/tx-* | wc -l") || return 1
	[ "$got" = "$want" ] || { echo "guest has $got TX queues, want $want"; return 1; }
	got=$(guest "$g" "ls -d /sys/class/net/eth0/queues/rx-* | wc -l") || return 1
	[ "$got" = "$want" ] || { echo "guest has $got RX queues, want $want"; return 1; }
	if xenstore-exists "$(be_path "$g")/multi-queue-max-queues"; then
		xs_is "$fe/multi-queue-num-queues" "$want" ||
			{ echo "multi-queue-num-queues $(xenstore-read "$fe/multi-queue-num-queues")"; return 1; }
	fi
	for i in $(seq 0 $((want - 1))); do
		[ "$want" = 1 ] && pfx=$fe || pfx=$fe/queue-$i
		xs_has_ring_ref "$pfx/tx" && xs_has_ring_ref "$pfx/rx" ||
			{ echo "no ring refs under $pfx"; return 1; }
	done
	if [ "$want" = 1 ]; then
		! xenstore-exists "$fe/queue-0" || { echo "queue-0/ with one queue"; return 1; }
	fi
	echo "note: $g: $want queue(s)"
}
sc_nf_queues() { each_guest "queue count = min(vcpus, backend max)" 120 nf_queues_one; }

# Split event channels exactly when the backend offers them.
nf_evtchn_one() {
	local g=$1 fe be pfx
	fe=$(fe_path "$g")
	be=$(be_path "$g")
	pfx=$fe
	xenstore-exists "$fe/queue-0" && pfx=$fe/queue-0
	if xs_is "$be/feature-split-event-channels" 1; then
		xenstore-exists "$pfx/event-channel-tx" &&
			xenstore-exists "$pfx/event-channel-rx" ||
			{ echo "backend offers split channels, frontend wrote none"; return 1; }
		echo "note: $g: split event channels"
	else
		xenstore-exists "$pfx/event-channel" &&
			! xenstore-exists "$pfx/event-channel-tx" ||
			{ echo "backend refuses split channels, frontend wrote them"; return 1; }
		echo "note: $g: one event channel per queue"
	fi
}
sc_nf_evtchn() { each_guest "event channel keys match the backend's offer" 60 nf_evtchn_one; }

# Parallel flows from the guest land on more than one TX queue: the TX
# interrupts (completions) of several queues move.
nf_irq_counts() {
	guest "$1" "grep 'eth0-q' /proc/interrupts | awk '{s=0; for (i=2; i<NF; i++) if (\$i ~ /^[0-9]+\$/) s+=\$i; print \$NF, s}'"
}
nf_spread_one() {
	local g=$1 ip want before after used
	want=$(nf_want_queues "$g")
	[ "$want" -gt 1 ] || { echo "note: $g: one queue, nothing to spread"; return 0; }
	ip=$(guest_ip "$g")
	pidof iperf3 > /dev/null || iperf3 -s -D
	sleep 1
	before=$(nf_irq_counts "$g") || return 1
	guest "$g" "iperf3 -c 192.168.0.1 -t 3 -P 8 > /dev/null" 60 || return 1
	after=$(nf_irq_counts "$g") || return 1
	used=$(printf '%s\n%s\n' "$before" "$after" | awk '
		{ if ($1 in a) { if ($2 > a[$1]) n++ } else a[$1] = $2 }
		END { print n + 0 }')
	echo "note: $g: $used of the queue interrupts moved under 8 flows"
	[ "$used" -ge 2 ] || { printf '%s\n--\n%s\n' "$before" "$after"; return 1; }
}
sc_nf_spread() { each_guest "flows spread over the queues" 90 nf_spread_one; }

# TCP's queue below the socket (private flag "tcp-queue-4ms", on by
# default; drivers/net/xen-netfront/tx.c): paced at 50 Mbit/s (iperf3
# --fq-rate sets SO_MAX_PACING_RATE), TCP builds each skb from about 1 ms
# of its rate (some 6 KiB) with the flag off and about 4 ms (some 25 KiB)
# with it on.  The mean size of the skbs eth0 sent says which; the flag
# must show on at first, refuse nothing it knows and leave staging alone.
nf_tcpq_mean() {	# nf_tcpq_mean GUEST: mean bytes per skb eth0 sent
	guest "$1" "s=/sys/class/net/eth0/statistics
		p0=\$(cat \$s/tx_packets) b0=\$(cat \$s/tx_bytes)
		iperf3 -c 192.168.0.1 -p 5211 -t 3 --fq-rate 50M > /dev/null || exit 1
		p1=\$(cat \$s/tx_packets) b1=\$(cat \$s/tx_bytes)
		echo \$(((b1 - b0) / (p1 - p0)))" 60
}
nf_tcpq_flag() {	# nf_tcpq_flag GUEST FLAG: on or off
	guest "$1" "/usr/sbin/ethtool --show-priv-flags eth0" |
		sed -n "s/^$2 *: *//p"
}
nf_tcp_queue_one() {
	local g=$1 rc r=/proc/sys/net/ipv4/tcp_tso_rtt_log
	# a server of its own: others may hold the default port
	iperf3 -s -D -p 5211 -I /tmp/nf_tcpq.pid || return 1
	# Since 5.18 TCP adds a share of 64 KiB that grows as the RTT
	# shrinks (tcp_tso_rtt_log, default 9): under TCG it rivals 1 ms
	# of 50 Mbit/s.  Off while measuring, so the size is the pacing
	# rate's alone.
	guest "$g" "echo 0 > $r" > /dev/null || return 1
	sleep 1
	nf_tcp_queue_run "$g"
	rc=$?
	kill "$(cat /tmp/nf_tcpq.pid)" 2>/dev/null
	# the defaults again, whatever the run left
	guest "$g" "echo 9 > $r; /usr/sbin/ethtool --set-priv-flags eth0 tcp-queue-4ms on" > /dev/null
	return $rc
}
nf_tcp_queue_run() {
	local g=$1 f on off st
	f=$(nf_tcpq_flag "$g" tcp-queue-4ms)
	[ "$f" = on ] || { echo "tcp-queue-4ms is '$f' at first"; return 1; }
	st=$(nf_tcpq_flag "$g" staging)
	on=$(nf_tcpq_mean "$g") || { echo "no iperf3 with the flag on"; return 1; }
	guest "$g" "/usr/sbin/ethtool --set-priv-flags eth0 tcp-queue-4ms off" || return 1
	f=$(nf_tcpq_flag "$g" tcp-queue-4ms)
	[ "$f" = off ] || { echo "tcp-queue-4ms is '$f' after off"; return 1; }
	off=$(nf_tcpq_mean "$g") || { echo "no iperf3 with the flag off"; return 1; }
	guest "$g" "/usr/sbin/ethtool --set-priv-flags eth0 tcp-queue-4ms on" || return 1
	[ "$(nf_tcpq_flag "$g" tcp-queue-4ms)" = on ] || { echo "tcp-queue-4ms not on again"; return 1; }
	[ -n "$st" ] && [ "$(nf_tcpq_flag "$g" staging)" = "$st" ] ||
		{ echo "staging changed with tcp-queue-4ms"; return 1; }
	echo "note: $g: TCP at 50 Mbit/s paced: $on bytes per skb with tcp-queue-4ms on, $off off"
	# 4 ms against 1 ms of the same rate: at least twice the size
	[ "$on" -ge $((2 * off)) ] || return 1
}
sc_nf_tcp_queue() { each_guest "tcp-queue-4ms: TCP builds bigger skbs with it on (paced flow)" 150 nf_tcp_queue_one; }

# The frontend logs nothing about a broken backend.
nf_quiet_one() {
	local out
	out=$(guest "$1" "dmesg | grep -E 'xen_netfront|xen-netfront|vif' | tail -20")
	echo "$out"
	! echo "$out" | grep -qE 'disabled|still in use|BUG|WARNING'
}
sc_nf_quiet() { each_guest "netfront logged no backend error" 30 nf_quiet_one; }

# Unload the frontend while traffic flows both ways, then load it again;
# follow with "connect ping" to see the new device work.
nf_unload_busy_one() {
	local g=$1 ip pid rc
	ip=$(guest_ip "$g")
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" || return 1
	sleep 1
	iperf3 -c "$ip" -t 20 > /dev/null 2>&1 &
	pid=$!
	guest "$g" "(iperf3 -c 192.168.0.1 -t 20 >/dev/null 2>&1 &); sleep 4;
		d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do echo \${v##*/} > \$d/unbind || exit 1; done
		rmmod xen_netfront && ! grep -q '^xen_netfront ' /proc/modules &&
		tb-load-front /lib/tb/$front/xen-netfront.ko $nf_opts" 90
	rc=$?
	# Its server went away mid-test: the client may never finish.
	kill "$pid" 2> /dev/null
	wait "$pid" 2> /dev/null
	[ "$rc" = 0 ] || return 1
	echo "note: $g: unbound, unloaded and reloaded under traffic"
}
sc_nf_unload_busy() { each_guest "netfront unloads under traffic and reloads" 150 nf_unload_busy_one; }

# The backend module goes away and comes back; the frontend works again.
# The stock netback keeps its state key over an unbind (allow_rebind) and
# re-attaches to the rings, so only the end result is checked. Nothing
# runs the hotplug script on a re-probe, so do its work here.
nf_states() { echo "states: be $(xenstore-read "$(be_path "$1")/state") fe $(xenstore-read "$(fe_path "$1")/state")"; }
# The vif's backend device unbound and the netback module unloaded, then
# loaded again, the device re-probed and the hotplug script's work done.
nf_back_unload() {	# nf_back_unload GUEST
	local d
	d=$(domid_of "$1")
	echo "unbind vif-$d-0"
	echo "vif-$d-0" > /sys/bus/xen-backend/drivers/vif/unbind || return 1
	nf_states "$1"
	echo "rmmod"
	rmmod xen_netback || return 1
	rm -f $TBS/back
}
nf_back_load() {	# nf_back_load GUEST [stock|ours]: the step's netback by default
	local d script which=${2:-$back} opts=
	d=$(domid_of "$1")
	[ "$which" = "$back" ] && opts=$nb_opts
	echo "insmod $which"
	load_lib_for "/lib/tb/$which/xen-netback.ko" || return 1
	insmod "/lib/tb/$which/xen-netback.ko" $opts || return 1
	echo "$which $opts" > $TBS/back
	wait_for 30 test -e "/sys/class/net/vif$d.0" || { echo "no vif$d.0"; return 1; }
	script=$(command -v vif-test || echo /etc/xen/scripts/vif-test)
	XENBUS_PATH=$(be_path "$1") vif=vif$d.0 sh "$script" online
	nf_states "$1"
	wait_for 60 xs_is "$(be_path "$1")/state" 4 || { nf_states "$1"; return 1; }
	wait_for 30 xs_is "$(fe_path "$1")/state" 4 || { nf_states "$1"; return 1; }
}
nf_back_reload_one() {
	local g=$1
	nf_states "$g"
	nf_back_unload "$g" || return 1
	sleep 2
	nf_states "$g"
	nf_back_load "$g" || return 1
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no reply after reconnect"; return 1; }
	echo "note: $g: traffic flows after a netback unbind, reload, rebind"
}
sc_nf_back_reload() { each_guest "works after netback reload" 240 nf_back_reload_one; }

# ethtool -L: the queue count changes by a reconnect while traffic runs.
# dom0 sends with iperf3 and the guest fetches a file again and again,
# checking each copy by SHA-256, across two changes (to 1 queue and back
# to the most the backend allows). Afterwards XenStore, the guest's
# queues/ directory and ethtool -l agree, and both streams survived.
nf_guest_queues() {
	guest "$1" "ls -d /sys/class/net/eth0/queues/tx-* | wc -l"
}
# XenStore first (cheap), then one guest call: queues/ and ethtool -l.
nf_queues_agree() {	# nf_queues_agree G N
	local g=$1 n=$2 fe out
	fe=$(fe_path "$g")
	xs_is "$fe/state" 4 || { echo "fe state $(xenstore-read "$fe/state")"; return 1; }
	if xenstore-exists "$(be_path "$g")/multi-queue-max-queues"; then
		xs_is "$fe/multi-queue-num-queues" "$n" ||
			{ echo "num-queues $(xenstore-read "$fe/multi-queue-num-queues")"; return 1; }
	fi
	if [ "$n" = 1 ]; then
		xs_has_ring_ref "$fe/tx" ||
			{ echo "no flat tx-ring-ref(0)"; return 1; }
		! xenstore-exists "$fe/queue-0" || { echo "stale queue-0/"; return 1; }
	else
		! xs_has_ring_ref "$fe/tx" ||
			{ echo "stale flat tx-ring-ref(0)"; return 1; }
		xs_has_ring_ref "$fe/queue-$((n - 1))/tx" ||
			{ echo "no queue-$((n - 1))/"; return 1; }
		! xenstore-exists "$fe/queue-$n" || { echo "stale queue-$n/"; return 1; }
	fi
	out=$(guest "$g" "echo \$(ls -d /sys/class/net/eth0/queues/tx-* | wc -l) \$(/usr/sbin/ethtool -l eth0 | grep '^Combined:' | tail -1 | tr -dc 0-9)" 20)
	[ "$out" = "$n $n" ] || { echo "guest queues, ethtool -l current: $out"; return 1; }
}
nf_set_queues() {	# nf_set_queues G N
	local g=$1 n=$2 end c0 c1
	c0=$(guest "$g" "cat /sys/class/net/eth0/carrier_changes")
	guest "$g" "/usr/sbin/ethtool -L eth0 combined $n" 30 || return 1
	end=$(($(date +%s) + 60))
	until nf_queues_agree "$g" "$n" > /tmp/nf_agree.log 2>&1; do
		[ "$(date +%s)" -lt "$end" ] && { sleep 1; continue; }
		echo "after ethtool -L combined $n:"
		cat /tmp/nf_agree.log
		xenstore-ls "$(fe_path "$g")" | head -30
		return 1
	done
	# The reconnect pauses the device; the carrier stays up.
	c1=$(guest "$g" "cat /sys/class/net/eth0/carrier_changes")
	[ -n "$c0" ] && [ "$c0" = "$c1" ] ||
		{ echo "carrier changed across ethtool -L combined $n: $c0 -> $c1"; return 1; }
	echo "note: $g: ethtool -L combined $n: XenStore, sysfs and ethtool -l agree, carrier kept$(nf_reconnect_time "$g")"
}
# ", reconnect X s": from the guest's last "reconnecting" to "connected".
nf_reconnect_time() {
	guest "$1" "dmesg | grep -E 'reconnecting\$|: connected, ' | tail -2" 2> /dev/null |
		tr -d '[]' | awk '/reconnecting/ { t = $1 } /connected,/ && t != "" { printf ", reconnect %.1f s", $1 - t }'
}
nf_ethtool_L_one() {
	local g=$1 ip max want pid rc out
	ip=$(guest_ip "$g")
	max=$(guest "$g" "/usr/sbin/ethtool -l eth0 | grep '^Combined:' | head -1 | tr -dc 0-9") ||
		return 1
	[ -n "$max" ] || return 1
	echo "pre-set maximum: $max"
	start_dom0_httpd
	want=$(sha256sum < "/srv/$(rand_name)" | cut -d' ' -f1)
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" || return 1
	sleep 1
	iperf3 -c "$ip" -t 30 > /tmp/nf_L.iperf 2>&1 &
	pid=$!
	iperf3 -s -D -p 5202 -I /tmp/nf_L.pid
	guest "$g" "(iperf3 -c 192.168.0.1 -p 5202 -t 30 > /tmp/L.iperf 2>&1 &)" ||
		return 1
	# A fetch that fails (no connection while the queues are rebuilt)
	# is counted; a fetch that completes with other bytes fails at once.
	guest "$g" "rm -f /tmp/L.res /tmp/L.err; (n=0; f=0; e=\$((\$(date +%s) + 30))
		while [ \$(date +%s) -lt \$e ]; do
			rm -f /tmp/L.bin
			if ! wget -q -O /tmp/L.bin http://192.168.0.1:8080/$(rand_name) 2>> /tmp/L.err; then
				f=\$((f + 1)); sleep 1; continue
			fi
			s=\$(sha256sum < /tmp/L.bin | cut -d' ' -f1)
			[ \"\$s\" = $want ] || { echo \"bad copy \$n: \$s\"; exit 1; }
			n=\$((n + 1))
		done; rm -f /tmp/L.bin; echo \"ok \$n failed \$f\") > /tmp/L.res 2>&1 &" || return 1
	sleep 4
	rc=0
	nf_set_queues "$g" 1 || rc=1
	sleep 4
	[ $rc = 0 ] && { nf_set_queues "$g" "$max" || rc=1; }
	wait "$pid" || { echo "iperf3 dom0->$g failed:"; tail -5 /tmp/nf_L.iperf; rc=1; }
	out=$(grep ' receiver$' /tmp/nf_L.iperf | tail -1)
	echo "note: $g: iperf3 dom0->$g across the changes: $(echo "$out" | grep -oE '[0-9.]+ [KMG]?Bytes +[0-9.]+ [KMG]?bits/sec')"
	wait_for 60 guest "$g" "grep -q . /tmp/L.res && grep -qE 'receiver|error' /tmp/L.iperf" ||
		{ echo "guest fetch loop or iperf3 did not end"; return 1; }
	kill "$(cat /tmp/nf_L.pid)" 2> /dev/null
	out=$(guest "$g" "grep ' receiver\$' /tmp/L.iperf | tail -1")
	echo "note: $g: iperf3 $g->dom0 across the changes: $(echo "$out" | grep -oE '[0-9.]+ [KMG]?Bytes +[0-9.]+ [KMG]?bits/sec')"
	case "$out" in *receiver*) ;; *) guest "$g" "tail -5 /tmp/L.iperf"; rc=1 ;; esac
	out=$(guest "$g" "cat /tmp/L.res")
	echo "note: $g: byte-exact fetches across the changes: $out"
	guest "$g" "tail -2 /tmp/L.err 2> /dev/null" | grep . | sed "s/^/note: $g: failed fetch: /"
	# Each of the two changes may cost a fetch or two, not more.
	case "$out" in
	ok\ [1-9]*\ failed\ [0-4]) ;;
	*) rc=1 ;;
	esac
	[ $rc = 0 ] || return 1
	bytes_one "$g"
}
sc_nf_ethtool_L() { each_guest "ethtool -L under traffic, both ways" 900 nf_ethtool_L_one; }
# The same two changes without traffic running across them (a step that
# already renegotiates under traffic, e.g. with ethtool -G): byte-exact
# transfers both ways after each.
nf_ethtool_L_quick_one() {
	local g=$1 max
	max=$(guest "$g" "/usr/sbin/ethtool -l eth0 | grep '^Combined:' | head -1 | tr -dc 0-9") ||
		return 1
	[ -n "$max" ] || return 1
	nf_set_queues "$g" 1 && TB_BYTES_64K=32 bytes_one "$g" &&
		nf_set_queues "$g" "$max" && TB_BYTES_64K=32 bytes_one "$g"
}
sc_nf_ethtool_L_quick() { each_guest "ethtool -L to 1 queue and back, byte-exact after each" 300 nf_ethtool_L_quick_one; }

# ethtool -k lists the offloads; switching TSO off takes effect and the
# data path still works, then it is switched back on.
nf_features() {	# nf_features G: "name: on|off" for the three we switch
	guest "$1" "/usr/sbin/ethtool -k eth0 | grep -E '^(scatter-gather|tx-checksumming|tcp-segmentation-offload):'"
}
nf_ethtool_k_one() {
	local g=$1 out
	out=$(nf_features "$g") || return 1
	echo "$out"
	for f in scatter-gather tx-checksumming tcp-segmentation-offload; do
		echo "$out" | grep -q "^$f: on" || { echo "$f is not on"; return 1; }
	done
	out=$(guest "$g" "/usr/sbin/ethtool -K eth0 tso off &&
		/usr/sbin/ethtool -k eth0 | grep '^tcp-segmentation-offload:'") || return 1
	echo "$out" | grep -q ': off' || { echo "after -K tso off: $out"; return 1; }
	ping_one "$g" > /dev/null || { echo "no traffic with tso off"; return 1; }
	out=$(guest "$g" "/usr/sbin/ethtool -K eth0 tso on &&
		/usr/sbin/ethtool -k eth0 | grep '^tcp-segmentation-offload:'") || return 1
	echo "$out" | grep -q ': on' || { echo "after -K tso on: $out"; return 1; }
	echo "note: $g: ethtool -k shows sg/csum/tso on; tso toggled off and on"
}
sc_nf_ethtool_k() { each_guest "ethtool -k shows offloads, -K toggles tso" 300 nf_ethtool_k_one; }

# ethtool -S: the per-queue packet counters move with traffic.
nf_stat_sum() {	# nf_stat_sum G PATTERN: sum of matching counters
	guest "$1" "/usr/sbin/ethtool -S eth0 | grep -E '$2' | awk '{s += \$2} END {print s + 0}'"
}
nf_ethtool_S_one() {
	local g=$1 ip rx0 tx0 rx1 tx1
	ip=$(guest_ip "$g")
	rx0=$(nf_stat_sum "$g" 'rx_queue_[0-9]+_packets:') || return 1
	tx0=$(nf_stat_sum "$g" 'tx_queue_[0-9]+_packets:') || return 1
	ping -c 20 -i 0.1 -W 2 "$ip" > /dev/null || return 1
	rx1=$(nf_stat_sum "$g" 'rx_queue_[0-9]+_packets:') || return 1
	tx1=$(nf_stat_sum "$g" 'tx_queue_[0-9]+_packets:') || return 1
	echo "note: $g: ethtool -S packets rx $rx0 -> $rx1, tx $tx0 -> $tx1"
	[ "$rx1" -ge $((rx0 + 20)) ] && [ "$tx1" -ge $((tx0 + 20)) ]
}
sc_nf_ethtool_S() { each_guest "ethtool -S per-queue counters count traffic" 180 nf_ethtool_S_one; }

# XDP. Programs from tools/testing/testbed/xdp/, built into the guest image
# under /lib/tb/xdp/, attached with iproute2 (busybox ip cannot).
NF_IP=/usr/sbin/ip
nf_xdp_ctr() {	# nf_xdp_ctr G NAME: a counter summed over the queues
	nf_stat_sum "$1" "_queue_[0-9]+_$2:"
}
nf_xdp_attach() {	# nf_xdp_attach G PROG
	guest "$1" "$NF_IP link set dev eth0 xdp off; $NF_IP link set dev eth0 xdp obj /lib/tb/xdp/$2.o sec xdp 2>&1 | grep -v '^libbpf' ; $NF_IP link show dev eth0 | grep -q 'prog/xdp'"
}
nf_xdp_off() {
	guest "$1" "$NF_IP link set dev eth0 xdp off && ! $NF_IP link show dev eth0 | grep -q 'prog/xdp'"
}
nf_fe_headroom() { xenstore-read "$(fe_path "$1")/xdp-headroom" 2>/dev/null; }

# Without the backend's offer, or with too big an MTU, the attach is
# refused with a message saying why.
nf_xdp_refuse_one() {
	local g=$1 out
	if ! xs_is "$(be_path "$g")/feature-xdp-headroom" 1; then
		out=$(guest "$g" "$NF_IP link set dev eth0 xdp obj /lib/tb/xdp/xdp_pass.o sec xdp 2>&1")
		echo "$out"
		echo "$out" | grep -q 'feature-xdp-headroom' || return 1
		echo "note: $g: no feature-xdp-headroom: attach refused"
		return 0
	fi
	guest "$g" "ip link set dev eth0 mtu 4000" || return 1
	out=$(guest "$g" "$NF_IP link set dev eth0 xdp obj /lib/tb/xdp/xdp_pass.o sec xdp 2>&1")
	guest "$g" "ip link set dev eth0 mtu 1500" || return 1
	echo "$out"
	echo "$out" | grep -q 'MTU too large' || return 1
	! guest "$g" "$NF_IP link show dev eth0 | grep -q prog/xdp" || return 1
	echo "note: $g: MTU 4000: attach refused ($(echo "$out" | grep -o 'MTU too large[^"]*' | head -1))"
}
sc_nf_xdp_refuse() { each_guest "XDP attach refused when it cannot work" 240 nf_xdp_refuse_one; }

# An untrusted backend (module parameter trusted=0 now, or a connection
# made untrusted by it or the "trusted" key) gets no XDP: the pages a
# program saw go back to the backend with kernel pointers on them.  The
# parameter is set to 0 for the attempt unless it already is.  ~5 s.
NF_TRUSTED=/sys/module/xen_netfront/parameters/trusted
nf_xdp_untrusted_one() {
	local g=$1 out was
	if ! xs_is "$(be_path "$g")/feature-xdp-headroom" 1; then
		echo "note: $g: no feature-xdp-headroom: refused anyway"
		return 0
	fi
	was=$(guest "$g" "cat $NF_TRUSTED") || return 1
	guest "$g" "echo 0 > $NF_TRUSTED" || return 1
	out=$(guest "$g" "$NF_IP link set dev eth0 xdp obj /lib/tb/xdp/xdp_pass.o sec xdp 2>&1")
	case $was in
	*N*) ;;
	*) guest "$g" "echo 1 > $NF_TRUSTED" || return 1 ;;
	esac
	echo "$out"
	echo "$out" | grep -q 'not trusted' || { echo "attach not refused for trust"; return 1; }
	! guest "$g" "$NF_IP link show dev eth0 | grep -q prog/xdp" || return 1
	echo "note: $g: trusted=0: XDP attach refused ($(echo "$out" | grep -o 'backend not trusted[^"]*' | head -1))"
}
sc_nf_xdp_untrusted() { each_guest "XDP attach refused for an untrusted backend" 120 nf_xdp_untrusted_one; }

# XDP_DROP: pings from dom0 go unanswered and are counted; after the
# detach they are answered again and xdp-headroom is back to 0.
nf_xdp_drop_one() {
	local g=$1 ip a b
	ip=$(guest_ip "$g")
	nf_xdp_attach "$g" xdp_drop || return 1
	echo "headroom $(nf_fe_headroom "$g"); $(nf_states "$g")"
	[ "$(nf_fe_headroom "$g")" = 256 ] || { echo "xdp-headroom not 256"; return 1; }
	a=$(nf_xdp_ctr "$g" xdp_drop)
	! ping -c 5 -i 0.3 -W 1 "$ip" || { echo "ping answered through XDP_DROP"; return 1; }
	b=$(nf_xdp_ctr "$g" xdp_drop)
	echo "note: $g: XDP_DROP: no ping reply, xdp_drop $a -> $b"
	[ "$b" -ge $((a + 5)) ] || return 1
	nf_xdp_off "$g" || return 1
	[ "$(nf_fe_headroom "$g")" = 0 ] || { echo "xdp-headroom $(nf_fe_headroom "$g") after detach"; return 1; }
	wait_for 20 ping -c 1 -W 1 "$ip" || { echo "no reply after detach"; return 1; }
}
sc_nf_xdp_drop() { each_guest "XDP_DROP drops and counts" 300 nf_xdp_drop_one; }

# XDP_PASS: the byte-exact transfer works through the program. Frames of
# more than one slot are not given to XDP (dropped, counted xdp_unfit):
# dom0's vif must send plain frames, so its TSO is off meanwhile.
nf_xdp_pass_one() {
	local g=$1 vif rc=0
	vif=vif$(domid_of "$g").0
	nf_xdp_attach "$g" xdp_pass || return 1
	ethtool -K "$vif" tso off gso off > /dev/null 2>&1
	bytes_one "$g" || rc=1
	ethtool -K "$vif" tso on gso on > /dev/null 2>&1
	echo "note: $g: XDP_PASS: unfit frames $(nf_xdp_ctr "$g" xdp_unfit), drops $(nf_xdp_ctr "$g" xdp_drop)"
	nf_xdp_off "$g" || return 1
	return $rc
}
sc_nf_xdp_pass() { each_guest "XDP_PASS passes byte-exact" 600 nf_xdp_pass_one; }

# XDP_TX and XDP_REDIRECT (to the receiving device, via ndo_xdp_xmit):
# the program turns echo requests into replies, so dom0's pings are
# answered by XDP, which the counters prove.
nf_xdp_echo_one() {	# nf_xdp_echo_one G PROG COUNTER
	local g=$1 ip a b x0 x1
	ip=$(guest_ip "$g")
	nf_xdp_attach "$g" "$2" || return 1
	a=$(nf_xdp_ctr "$g" "$3")
	x0=$(nf_xdp_ctr "$g" xdp_xmit)
	if ! ping -c 5 -i 0.3 -W 2 "$ip"; then
		guest "$g" "/usr/sbin/ethtool -S eth0 | grep -E 'xdp|tx_queue_._(packets|errors|dropped)'; dmesg | tail -5"
		ip -s link show "vif$(domid_of "$g").0"
		nf_xdp_off "$g"
		return 1
	fi
	b=$(nf_xdp_ctr "$g" "$3")
	x1=$(nf_xdp_ctr "$g" xdp_xmit)
	echo "note: $g: $2: 5 pings answered, $3 $a -> $b, xdp_xmit $x0 -> $x1"
	nf_xdp_off "$g" || return 1
	[ "$b" -ge $((a + 5)) ] && [ "$x1" -ge $((x0 + 5)) ]
}
sc_nf_xdp_tx() {
	local g
	for g in $(guests); do
		check "$g XDP_TX answers pings" 300 nf_xdp_echo_one "$g" xdp_tx xdp_tx
	done
}
sc_nf_xdp_redirect() {
	local g
	for g in $(guests); do
		check "$g XDP_REDIRECT answers pings" 300 nf_xdp_echo_one "$g" xdp_redirect xdp_redirect
	done
}

# ethtool -L and -G while the netdev exists but is not connected (where a
# systemd .link file's CombinedChannels= lands) are kept and applied at
# the next connect: here the window is made by taking our netback away.
# Needs our netback (the stock one keeps the guest Connected over an
# unbind) and a guest of 2 or more queues.
nf_not_connected() { ! xs_is "$1/state" 4; }
nf_early_settings_one() {
	local g=$1 fe out n rc=0
	fe=$(fe_path "$g")
	nf_back_unload "$g" || return 1
	wait_for 30 nf_not_connected "$fe" || { nf_states "$g"; return 1; }
	nf_states "$g"
	# both sizes: one alone keeps the other ring's current size (here the
	# queues of the last connection are still there), as when connected
	out=$(guest "$g" "ethtool -L eth0 combined 1 && ethtool -G eth0 rx 256 tx 256 && echo set") || rc=1
	echo "$out"
	case "$out" in *set*) ;; *) echo "ethtool refused while not connected"; rc=1 ;; esac
	nf_back_load "$g" || return 1
	n=$(xenstore-read "$fe/multi-queue-num-queues" 2>/dev/null || echo 1)
	out=$(guest "$g" "ethtool -g eth0" | awk '/^Current/ { c = 1 } c && /^(RX|TX):/ { printf "%s %s ", $1, $2 }')
	echo "after connect: $n queue(s); current rings: $out"
	[ "$n" = 1 ] || { echo "$n queues, want the 1 asked for"; rc=1; }
	[ "$out" = "RX: 256 TX: 256 " ] || { echo "rings not 256"; rc=1; }
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no reply after reconnect"; rc=1; }
	# back to the default queue count for later checks
	guest "$g" "ethtool -L eth0 combined 2" > /dev/null
	return $rc
}
sc_nf_early_settings() { each_guest "ethtool -L/-G while not connected apply at the next connect" 240 nf_early_settings_one; }

# ip -s link's counters (the netdev's) add up every connection: read in
# the guest after each reconnect kind (ethtool -L, -G, the staging flag
# off and on, save/restore) and a ping, each must be above the last.
# (Before issue 16 each reconnect started them again from 0.)
nf_ctr() {	# nf_ctr GUEST: "rx_packets tx_packets" of eth0
	guest "$1" "cat /sys/class/net/eth0/statistics/rx_packets /sys/class/net/eth0/statistics/tx_packets" | tr '\n' ' '
}
nf_counters_kept_one() {
	local g=$1 prev cur what rc=0
	ping -c 3 -W 2 "$(guest_ip "$g")" > /dev/null
	prev=$(nf_ctr "$g")
	for what in "-L eth0 combined 1" "-G eth0 rx 512 tx 512" \
		"--set-priv-flags eth0 staging off" "--set-priv-flags eth0 staging on" \
		"-L eth0 combined 2" save/restore; do
		if [ "$what" = save/restore ]; then
			save_restore_one "$g" > /tmp/ctr-sr.log 2>&1 ||
				{ tail -n 8 /tmp/ctr-sr.log; return 1; }
		else
			guest "$g" "/usr/sbin/ethtool $what" > /dev/null ||
				{ echo "ethtool $what failed"; return 1; }
		fi
		wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" > /dev/null ||
			{ echo "no reply after $what"; return 1; }
		cur=$(nf_ctr "$g")
		echo "after $what: rx tx packets $cur(before: $prev)"
		echo "$prev $cur" | awk '{ exit !($3 > $1 && $4 > $2) }' ||
			{ echo "counters went back or stood still"; rc=1; }
		prev=$cur
	done
	return $rc
}
sc_nf_counters_kept() { each_guest "counters keep adding up across ethtool -L/-G, staging off/on, save/restore" 600 nf_counters_kept_one; }

# Per-queue statistics over netlink (issue 16): on kernels with the
# qstats API (6.9+, so 6.12 here) our netfront answers qstats-get for
# each live queue and for the device, which the core sums from the
# driver's base (queue sets of earlier connections) and the queues.
# xnif_qstats (qstats/xnif_qstats.c, in the guest) reads both; with
# traffic stopped (eth0's sysfs totals unchanged across the read) the
# device must equal those totals and the queues sum to no more than it
# (base >= 0).  Then ethtool -L to 1 queue and back: after each
# reconnect base must hold at least every total before it (those queues
# are gone), and no total may go back.  Without the API (6.1) or with a
# netfront not ours, only a note says it was skipped.  nb_qstats
# (netback.sh) asks the same of our netback's vif in dom0.
qstats_run() {	# qstats_run WHERE CMD: in guest WHERE, or in dom0
	if [ "$1" = dom0 ]; then sh -c "$2" 2>&1; else guest "$1" "$2" 20; fi
}
qstats_snap() {	# qstats_snap WHERE IFNAME: "DEVICE(4) BASE(4) RXQUEUES TXQUEUES"
	local w=$1 i out r sys
	sys="echo sys \$(cd /sys/class/net/$2/statistics && cat rx_packets rx_bytes tx_packets tx_bytes)"
	for i in 1 2 3 4 5 6 7 8 9 10; do
		out=$(qstats_run "$w" "$sys; xnif_qstats $2; rc=\$?; $sys; exit \$rc") ||
			{ echo "xnif_qstats $2 failed:"; echo "$out"; return 1; }
		echo "$out" > "/tmp/qstats.$w"
		r=$(echo "$out" | awk '
			/^sys / { s[++n] = $2 " " $3 " " $4 " " $5 }
			/^device / { d = $3 " " $5 " " $7 " " $9 }
			/^base / { b = $3 " " $5 " " $7 " " $9; neg = $3 < 0 || $5 < 0 || $7 < 0 || $9 < 0 }
			/^queue rx / { nrx++ }
			/^queue tx / { ntx++ }
			END {
				if (s[1] != s[2]) exit 2
				if (d != s[1]) { print "netlink device (base + queues) " d " != sysfs " s[1]; exit 1 }
				if (neg) { print "queues above the device: base " b; exit 1 }
				print d, b, nrx + 0, ntx + 0
			}')
		case $? in
		0) echo "$r"; return 0 ;;
		1) echo "$r"; cat "/tmp/qstats.$w"; return 1 ;;
		esac
		sleep 1
	done
	echo "traffic never stopped:"; cat "/tmp/qstats.$w"
	return 1
}
qstats_one() {	# qstats_one G WHERE IFNAME: G's queues changed by ethtool -L
	local g=$1 w=$2 dev=$3 n m a b rc=0
	n=$(guest "$g" "ls -d /sys/class/net/eth0/queues/tx-* | wc -l")
	ping -c 5 -i 0.2 -W 2 "$(guest_ip "$g")" > /dev/null
	a=$(qstats_snap "$w" "$dev") || { echo "$a"; return 1; }
	echo "$a" | awk -v n="$n" '{ exit !($9 == n && $10 == n && $1 > $5 && $3 > $7) }' ||
		{ echo "want $n rx and tx queues, live ones counting the pings: $a"; rc=1; }
	echo "note: $w $dev: $n queues; device rx/tx packets $(echo "$a" | awk '{ print $1 "/" $3 ", base " $5 "/" $7 }')"
	[ "$n" -ge 2 ] || { echo "note: $w $dev: one queue: no reconnect to 1 and back"; return $rc; }
	for m in 1 "$n"; do
		nf_set_queues "$g" "$m" > /tmp/qstats-set.log ||
			{ cat /tmp/qstats-set.log; return 1; }
		b=$(qstats_snap "$w" "$dev") || { echo "after ethtool -L combined $m: $b"; return 1; }
		echo "after ethtool -L combined $m: device, base, queues: $b (before: $a)"
		echo "$a $b" | awk -v m="$m" '{
			for (i = 1; i <= 4; i++) {
				if ($(i + 10) < $i) { print "device counter " i " went back"; bad = 1 }
				if ($(i + 14) < $i) { print "base counter " i " below the total before the reconnect"; bad = 1 }
			}
			if ($19 != m || $20 != m) { print "want " m " rx and tx queues"; bad = 1 }
			exit bad }' || rc=1
		ping -c 5 -i 0.2 -W 2 "$(guest_ip "$g")" > /dev/null
		a=$(qstats_snap "$w" "$dev") || { echo "after ping: $a"; return 1; }
		echo "$b $a" | awk '{ exit !($11 > $1 && $13 > $3) }' ||
			{ echo "pings after ethtool -L combined $m not counted: $b -> $a"; rc=1; }
	done
	echo "note: $w $dev: after -L 1 and -L $n: device rx/tx packets $(echo "$a" | awk '{ print $1 "/" $3 ", base " $5 "/" $7 }')"
	return $rc
}
qstats_skip() { echo "note: $1: $2 skipped: $3"; }
# qstats_sc NAME WHY-NOT TITLE FUNCTION: each_guest, or a note per guest
# when the kernel lacks the API or WHY-NOT says why not
qstats_sc() {
	local g why=$2
	uname -r | awk -F '[.-]' '{ exit !($1 > 6 || ($1 == 6 && $2 >= 9)) }' ||
		why="kernel $(uname -r) has no per-queue stats API (6.9+)"
	if [ -n "$why" ]; then
		for g in $(guests); do
			diagnose "$g $1" 30 qstats_skip "$g" "$1" "$why"
		done
		return 0
	fi
	each_guest "$3" 300 "$4"
}
nf_qstats_one() { qstats_one "$1" "$1" eth0; }
sc_nf_qstats() {
	local why=
	case $front in ours|alt*) ;; *) why="front=$front, not our netfront" ;; esac
	qstats_sc nf_qstats "$why" "netlink per-queue stats: base + queues = sysfs totals, none go back across ethtool -L" nf_qstats_one
}

# Our netback swapped for the stock one under a guest connected at a ring
# order with staging (issue 15): unbound, ours deletes the keys only it
# writes (max-ring-page-order, feature-staging-grants,
# staging-max-data-len), so our frontend finds a backend without either
# extension and connects at order 0 without staging at the first try (no
# refusal, no fallback), byte-exact; then ours again, which takes over
# the rings where they stand.
nf_fallbacks() { guest "$1" "dmesg | grep -c 'retrying once without them'"; }
nf_stale_be_keys_one() {
	local g=$1 be fe k n0 rc=0
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	[ "$back" != stock ] || { echo "needs our netback (ours or alt)"; return 1; }
	xenstore-exists "$fe/ring-page-order" || { echo "not above order 0 to begin with"; return 1; }
	n0=$(nf_fallbacks "$g")
	nf_back_unload "$g" || return 1
	for k in max-ring-page-order feature-staging-grants staging-max-data-len; do
		! xenstore-exists "$be/$k" || { echo "the unbound netback left $k=$(xenstore-read "$be/$k")"; rc=1; }
	done
	nf_back_load "$g" stock || return 1
	! xenstore-exists "$fe/ring-page-order" ||
		{ echo "order $(xenstore-read "$fe/ring-page-order") offered to the stock netback"; rc=1; }
	! xenstore-ls "$fe" | grep -q 'data-' ||
		{ echo "staging keys offered to the stock netback"; rc=1; }
	[ "$(nf_fallbacks "$g")" = "$n0" ] ||
		{ echo "connected only by the fallback: the stock netback was offered stale keys"; rc=1; }
	bytes_one "$g" || rc=1
	echo "note: $g: on the stock netback: $(guest "$g" "dmesg | grep ': connected, ' | tail -1")"
	# The stock netback leaves the device's state alone when unbound, so
	# the frontend stays Connected and ours, bound next, takes over its
	# rings where they stand (as the stock netback does): traffic goes on
	# at the order the stock one got, without a reconnect.
	nf_back_unload "$g" || return 1
	nf_back_load "$g" || return 1
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no ping with our netback taking over the rings"; rc=1; }
	TB_BYTES_64K=32 bytes_one "$g" || rc=1
	return $rc
}
sc_nf_stale_be_keys() { each_guest "netback swapped for stock (no stale keys: order 0 without staging) and back (ours takes over the rings)" 300 nf_stale_be_keys_one; }

# Keys an earlier frontend left (a kernel before kexec, another driver):
# ours lists its directory at each handshake and deletes every connection
# key it finds before writing its own, so a stale control ring (which our
# backend would try to map) or stray ring and list refs never reach the
# backend.  Written from dom0 while connected, then the netfront reloaded.
# The control ring's keys are then absent, or (a backend offering
# feature-ctrl-ring) the frontend's own, written afresh.
nf_stale_fe_keys_one() {
	local g=$1 fe k rc=0
	fe=$(fe_path "$g")
	# 999999: above any grant reference (512 frames hold 262144) and
	# any event channel port, so a value written afresh never equals it
	for k in ctrl-ring-ref event-channel-ctrl tx-ring-ref9 queue-9/tx-ring-ref rx-data-ref5; do
		xenstore-write "$fe/$k" 999999 || return 1
	done
	front_reload_plain "$g" > /dev/null || { echo "netfront reload failed"; return 1; }
	wait_for 60 xs_is "$(be_path "$g")/state" 4 || { nf_states "$g"; return 1; }
	connect_one "$g" > /dev/null || { echo "eth0 not configured again"; rc=1; }
	for k in tx-ring-ref9 queue-9 rx-data-ref5; do
		! xenstore-exists "$fe/$k" || { echo "stale $k kept"; rc=1; }
	done
	# the control ring's keys: written afresh if the backend offers one
	for k in ctrl-ring-ref event-channel-ctrl; do
		if xs_is "$(be_path "$g")/feature-ctrl-ring" 1; then
			! xs_is "$fe/$k" 999999 || { echo "stale $k kept"; rc=1; }
		else
			! xenstore-exists "$fe/$k" || { echo "stale $k kept"; rc=1; }
		fi
	done
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no ping"; rc=1; }
	return $rc
}
sc_nf_stale_fe_keys() { each_guest "stale keys of an earlier frontend deleted at the handshake" 180 nf_stale_fe_keys_one; }

# A migration to a host that offers less, and back (issue 15): saved on
# our netback (ring order above 0, staging), restored with the stock
# netback loaded in its place, the guest renegotiates at the new
# backend's InitWait: order 0, no staging, no refusal on the way, bytes
# exact (save_restore_one); saved again and restored on ours, both
# extensions come back.
sr_swap_back() {	# sr_swap_back stock|ours: while no vif is bound
	local opts=
	[ "$1" = "$back" ] && opts=$nb_opts
	echo "netback: $1"
	use_back "$1" "$opts"
}
nf_uses_ext() {	# nf_uses_ext GUEST: ring order above 0 and staging
	local fe
	fe=$(fe_path "$1")
	xenstore-exists "$fe/ring-page-order" && xenstore-ls "$fe" | grep -q 'data-len'
}
nf_migrate_one() {
	local g=$1 fe n0 rc=0
	fe=$(fe_path "$g")
	[ "$back" = ours ] && [ "$front" = ours ] || { echo "needs back=ours front=ours"; return 1; }
	nf_uses_ext "$g" || { echo "not at an order above 0 with staging before the save"; return 1; }
	n0=$(nf_fallbacks "$g")
	SR_BETWEEN="sr_swap_back stock" save_restore_one "$g" > /tmp/mig1.log 2>&1 ||
		{ tail -n 15 /tmp/mig1.log; sr_swap_back ours > /dev/null; return 1; }
	grep '^note' /tmp/mig1.log | sed 's/^note: /note: on stock: /'
	! xenstore-exists "$fe/ring-page-order" ||
		{ echo "order $(xenstore-read "$fe/ring-page-order") on the stock netback"; rc=1; }
	! xenstore-ls "$fe" | grep -q 'data-' || { echo "staging keys on the stock netback"; rc=1; }
	[ "$(nf_fallbacks "$g")" = "$n0" ] ||
		{ echo "connected only by the fallback: it did not renegotiate at InitWait"; rc=1; }
	SR_BETWEEN="sr_swap_back ours" save_restore_one "$g" > /tmp/mig2.log 2>&1 ||
		{ tail -n 15 /tmp/mig2.log; return 1; }
	grep '^note' /tmp/mig2.log | sed 's/^note: /note: on ours again: /'
	nf_uses_ext "$g" || { echo "no ring order or staging after the restore on ours"; rc=1; }
	echo "note: $g: on ours again: $(guest "$g" "dmesg | grep ': connected, ' | tail -1")"
	return $rc
}
sc_nf_migrate() { each_guest "saved on ours, restored on the stock netback (order 0, no staging) and back" 1200 nf_migrate_one; }

# The XenStore node budget (issue 15): 16 queues at ring order 4 with
# staging would write 857 nodes, and a reconnect delete those and write
# as many in one transaction (xenstored's defaults: 1000 nodes per
# domain, 1024 per transaction).  Asked for 16 queues and 4096-slot
# rings (gframes=512, so the grant table does not step the order down
# first), our frontend steps down to fit 400 nodes: connected, its
# directory within that (plus the toolstack's few keys), one log line;
# then a reconnect (ethtool -G) too, and bytes exact.
nf_fe_nodes() { xenstore-ls -f "$(fe_path "$1")" | wc -l; }
nf_xs_logged() { guest "$1" "dmesg | grep -q 'XenStore: 16 queue(s) at ring order 4'"; }
nf_xs_budget_one() {
	local g=$1 fe n rc=0
	fe=$(fe_path "$g")
	[ "$(xenstore-read "$(be_path "$g")/multi-queue-max-queues")" -ge 16 ] ||
		{ echo "needs a backend offering 16 queues (nb_opts=max_queues=16)"; return 1; }
	guest "$g" "ethtool -L eth0 combined 16" || return 1
	wait_for 60 xs_is "$fe/multi-queue-num-queues" 16 || { nf_states "$g"; return 1; }
	guest "$g" "ethtool -G eth0 rx 4096 tx 4096" || return 1
	wait_for 60 nf_xs_logged "$g" ||
		{ echo "no XenStore line in the guest's log"; guest "$g" "dmesg | tail -5"; rc=1; }
	wait_for 60 xs_is "$(be_path "$g")/state" 4 || { nf_states "$g"; return 1; }
	n=$(nf_fe_nodes "$g")
	echo "note: $g: $n nodes in the frontend directory; $(guest "$g" "dmesg | grep 'XenStore:' | tail -1")"
	[ "$n" -le 420 ] || { echo "$n nodes, over 400 and the toolstack's keys"; rc=1; }
	guest "$g" "ethtool -G eth0 rx 2048 tx 2048" || rc=1
	sleep 5
	wait_for 60 xs_is "$(be_path "$g")/state" 4 || { echo "no reconnect after ethtool -G"; nf_states "$g"; return 1; }
	n=$(nf_fe_nodes "$g")
	[ "$n" -le 420 ] || { echo "$n nodes after the reconnect"; rc=1; }
	connect_one "$g" > /dev/null || rc=1
	TB_BYTES_64K=32 bytes_one "$g" || rc=1
	guest "$g" "ethtool -L eth0 combined 2" > /dev/null
	return $rc
}
sc_nf_xs_budget() { each_guest "16 queues at order 4 with staging step down to fit 400 XenStore nodes" 300 nf_xs_budget_one; }

# Live migration inside the one host (issue 15): "xl migrate" with an
# empty ssh command runs its "host" argument, "xl migrate-receive",
# locally.  iperf3 from dom0 to the guest runs through it and must end
# with data received; afterwards the guest is a new domain whose
# netfront renegotiated at the new backend's InitWait (ring order and
# staging again), its counters only grew, and bytes are exact.
# Only in plans/migrate.plan, run with XEN_IMAGE: a PV guest migrates
# live only on a Xen with shadow paging, and Debian's 4.17 is built
# without it (CONFIG_SHADOW_PAGING off: "xc: error: Failed to enable
# logdirty: 95", the stock drivers alike); PVH and HVM guests would need
# VT-x, which TCG lacks.  build-xen-shadow builds one that has it.
# Ring order and staging are asked for only when both ends are ours.
nf_live_migrate_one() {
	local g=$1 ip d0 d1 c0 c1 pid wd rcu r rc=0
	ip=$(guest_ip "$g")
	d0=$(domid_of "$g")
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" || return 1
	c0=$(nf_ctr "$g")
	iperf3 -c "$ip" -t 45 > /tmp/mig-iperf.log 2>&1 &
	pid=$!
	sleep 5
	wd=$(cat /proc/sys/kernel/soft_watchdog)
	rcu=$(cat $RCU_SUPPRESS 2>/dev/null)
	echo 0 > /proc/sys/kernel/soft_watchdog
	[ -z "$rcu" ] || echo 1 > $RCU_SUPPRESS
	xl migrate -s "" "$g" "xl migrate-receive" > /tmp/mig.log 2>&1 < /dev/null ||
		{ grep -v '^$' /tmp/mig.log | head -n 30; rc=1; }
	sr_dom0_settled || rc=1
	echo "$wd" > /proc/sys/kernel/soft_watchdog
	[ -z "$rcu" ] || echo "$rcu" > $RCU_SUPPRESS
	wait $pid
	r=$(grep ' receiver$' /tmp/mig-iperf.log | tail -1)
	case "$r" in
	"" | *" 0.00 bits/sec"*) echo "iperf3 did not survive the migration:"; tail -n 5 /tmp/mig-iperf.log; rc=1 ;;
	*) echo "note: $g: iperf3 dom0->$g across the migration: $(echo "$r" | grep -oE '[0-9.]+ [KMG]?bits/sec')" ;;
	esac
	[ $rc = 0 ] || return 1
	d1=$(domid_of "$g")
	[ "$d1" != "$d0" ] || { echo "still domain $d0: not migrated"; return 1; }
	both_connected "$g" 90 || return 1
	# ring order and staging: only our netfront on our netback has them
	if [ "$back" = ours ] && [ "$front" = ours ]; then
		nf_uses_ext "$g" || { echo "no ring order or staging after the migration"; rc=1; }
	fi
	c1=$(nf_ctr "$g")
	echo "note: $g: domain $d0 -> $d1; counters rx/tx $c0-> $c1"
	set -- $c0 $c1
	[ "$3" -ge "$1" ] && [ "$4" -ge "$2" ] || { echo "counters went back: $c0-> $c1"; rc=1; }
	ping_one "$g" > /dev/null || { echo "no ping after the migration"; rc=1; }
	TB_BYTES_64K=32 bytes_one "$g" || rc=1
	return $rc
}
sc_nf_live_migrate() { each_guest "xl migrate to localhost under iperf3: reconnects, counters grow, bytes exact" 900 nf_live_migrate_one; }


# The control ring and RSS through it (issue 15).  A backend offering
# feature-ctrl-ring gets the frontend's ctrl-ring-ref and
# event-channel-ctrl; with two queues the frontend set up Toeplitz with
# an even table, which ethtool -x shows.  "ethtool -X weight 0 1" then
# steers every flow from dom0 (ping and 4 TCP streams) to queue 1 alone,
# "weight 1 0" to queue 0 alone, counted by the per-queue RX packet
# counters; rx-flow-hash tcp4 is switched to "sd" and back to "sdfn" and
# shown so by -n.  A backend without the feature gets neither key, and
# ethtool -x reports "not supported" cleanly.
nf_rss_table() {	# nf_rss_table G: the indirection table's entries
	guest "$1" "/usr/sbin/ethtool -x eth0" | awk '/^ *[0-9]+: / { for (i = 2; i <= NF; i++) print $i }'
}
nf_rss_has_table() { [ -n "$(nf_rss_table "$1")" ]; }
nf_rss_flows() {	# nf_rss_flows G: RX traffic from dom0, several flows
	local ip
	ip=$(guest_ip "$1")
	ping -c 5 -i 0.2 -W 2 "$ip" > /dev/null || { echo "no ping reply from $1"; return 1; }
	run_timeout 40 iperf3 -c "$ip" -t 1 -P 4 > /tmp/rss-iperf.log 2>&1 ||
		{ echo "iperf3 to $1 failed or hung:"; tail -n 5 /tmp/rss-iperf.log; return 1; }
}
nf_rss_steer() {	# nf_rss_steer G WEIGHTS TO OTHER: all RX on queue TO
	guest "$1" "/usr/sbin/ethtool -X eth0 weight $2" > /dev/null || { echo "ethtool -X weight $2 failed"; return 1; }
	nf_rss_expect "$@"
}
nf_rss_expect() {	# nf_rss_expect G WEIGHTS TO OTHER: the table and RX
	local g=$1 w=$2 to=$3 other=$4 t0 t1 o0 o1 tab
	tab=$(nf_rss_table "$g" | sort -u | tr '\n' ' ')
	[ "$tab" = "$to " ] || { echo "with weight $w the table holds: $tab"; return 1; }
	echo "weight $w: table set, sending"
	t0=$(nf_stat_sum "$g" "rx_queue_${to}_packets:") || return 1
	o0=$(nf_stat_sum "$g" "rx_queue_${other}_packets:") || return 1
	nf_rss_flows "$g" || return 1
	t1=$(nf_stat_sum "$g" "rx_queue_${to}_packets:") || return 1
	o1=$(nf_stat_sum "$g" "rx_queue_${other}_packets:") || return 1
	echo "note: $g: weight $w: RX packets queue $to +$((t1 - t0)), queue $other +$((o1 - o0))"
	[ "$((t1 - t0))" -ge 100 ] && [ "$o1" = "$o0" ]
}
nf_rss_fields() {	# nf_rss_fields G: what -n says of tcp4
	guest "$1" "/usr/sbin/ethtool -n eth0 rx-flow-hash tcp4" | grep -cE 'IP SA|IP DA|L4 bytes'
}
nf_rss_one() {
	local g=$1 fe be out tab n
	fe=$(fe_path "$g")
	be=$(be_path "$g")
	if ! xs_is "$be/feature-ctrl-ring" 1; then
		! xenstore-exists "$fe/ctrl-ring-ref" || { echo "ctrl-ring-ref without feature-ctrl-ring"; return 1; }
		out=$(guest "$g" "/usr/sbin/ethtool -x eth0 2>&1") && { echo "ethtool -x without a control ring: $out"; return 1; }
		echo "$out" | grep -q 'not supported' || { echo "ethtool -x: $out"; return 1; }
		echo "note: $g: no feature-ctrl-ring: no keys, ethtool -x not supported"
		return 0
	fi
	xenstore-exists "$fe/ctrl-ring-ref" && xenstore-exists "$fe/event-channel-ctrl" ||
		{ echo "backend offers feature-ctrl-ring, frontend wrote no control ring"; return 1; }
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" > /dev/null || return 1
	[ "$(nf_want_queues "$g")" -ge 2 ] || { echo "needs 2 queues (vcpus=2)"; return 1; }
	# RSS is set up by a work item once the backend went Connected
	wait_for 30 nf_rss_has_table "$g" || { guest "$g" "/usr/sbin/ethtool -x eth0; dmesg | tail"; return 1; }
	tab=$(nf_rss_table "$g")
	n=$(echo "$tab" | grep -c .)
	[ "$n" -gt 0 ] && [ "$(echo "$tab" | sort -u | tr '\n' ' ')" = "0 1 " ] ||
		{ echo "default table of $n entries is not even over 2 queues"; return 1; }
	echo "note: $g: ethtool -x: $n entries over queues 0 and 1"
	nf_rss_steer "$g" "0 1" 1 0 || return 1
	nf_rss_steer "$g" "1 0" 0 1 || return 1
	guest "$g" "/usr/sbin/ethtool -N eth0 rx-flow-hash tcp4 sd" > /dev/null || return 1
	[ "$(nf_rss_fields "$g")" = 2 ] || { guest "$g" "/usr/sbin/ethtool -n eth0 rx-flow-hash tcp4"; return 1; }
	guest "$g" "/usr/sbin/ethtool -N eth0 rx-flow-hash tcp4 sdfn" > /dev/null || return 1
	[ "$(nf_rss_fields "$g")" = 4 ] || { guest "$g" "/usr/sbin/ethtool -n eth0 rx-flow-hash tcp4"; return 1; }
	guest "$g" "/usr/sbin/ethtool -X eth0 default" > /dev/null || return 1
	echo "note: $g: $(guest "$g" "/usr/sbin/ethtool -S eth0 | grep ctrl_ | tr -s ' \n' ' '")"
}
sc_nf_rss() { each_guest "control ring: ethtool -x/-X steers RX flows by queue, rx-flow-hash -n/-N" 240 nf_rss_one; }

# The admin's RSS settings outlive the connection: "weight 0 1" and
# tcp4 "sd" are set up again after a reconnect (ethtool -G) and after
# save/restore (resume), and still steer every flow to queue 1.
nf_rss_kept_one() {
	local g=$1 what
	xs_is "$(be_path "$g")/feature-ctrl-ring" 1 || { echo "needs a backend with feature-ctrl-ring"; return 1; }
	[ "$(nf_want_queues "$g")" -ge 2 ] || { echo "needs 2 queues (vcpus=2)"; return 1; }
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" > /dev/null || return 1
	wait_for 30 nf_rss_has_table "$g" || { echo "no indirection table"; return 1; }
	guest "$g" "/usr/sbin/ethtool -X eth0 weight 0 1 && /usr/sbin/ethtool -N eth0 rx-flow-hash tcp4 sd" > /dev/null ||
		{ echo "ethtool -X/-N failed"; return 1; }
	for what in "-G eth0 rx 512 tx 512" save/restore; do
		if [ "$what" = save/restore ]; then
			save_restore_one "$g" > /tmp/rss-sr.log 2>&1 ||
				{ tail -n 8 /tmp/rss-sr.log; return 1; }
		else
			guest "$g" "/usr/sbin/ethtool $what" > /dev/null ||
				{ echo "ethtool $what failed"; return 1; }
			sleep 3
		fi
		wait_for 60 ping -c 1 -W 1 "$(guest_ip "$g")" > /dev/null ||
			{ echo "no reply after $what"; return 1; }
		wait_for 30 nf_rss_has_table "$g" || { echo "no indirection table after $what"; return 1; }
		[ "$(nf_rss_fields "$g")" = 2 ] || { echo "tcp4 not 'sd' after $what"; return 1; }
		echo "after $what:"
		nf_rss_expect "$g" "0 1" 1 0 || return 1
	done
	guest "$g" "/usr/sbin/ethtool -X eth0 default && /usr/sbin/ethtool -N eth0 rx-flow-hash tcp4 sdfn" > /dev/null
}
sc_nf_rss_kept() { each_guest "ethtool -X/-N settings kept across a reconnect and save/restore" 600 nf_rss_kept_one; }

# Our netfront's debugfs (xen-netfront/vif-0/io_ring_q<N>): one file per
# queue, the ring sizes and order ethtool -g shows, queue 0's event
# channel as in XenStore, and the TX producer and RX consumer moving
# with a ping; when idle, every TX request pushed and RX buffers posted.
nf_dbg() {	# nf_dbg G CMD: CMD in G's xen-netfront/vif-0 debugfs directory
	guest "$1" "grep -q ' /sys/kernel/debug ' /proc/mounts ||
		mount -t debugfs debugfs /sys/kernel/debug
		cd /sys/kernel/debug/xen-netfront/vif-0 && $2"
}
nf_dbg_sums() {	# nf_dbg_sums G: "TX req_prod_pvt, RX rsp_cons" over the queues
	nf_dbg "$1" "cat io_ring_q* | awk '/^tx: req_prod_pvt/ { t += \$3 } /^rx: req_prod_pvt/ { r += \$5 } END { print t + 0, r + 0 }'"
}
nf_debugfs_one() {
	local g=$1 nq files l ord ts rs g_rx g_tx ev want s0 s1 q0
	nq=$(xenstore-read "$(fe_path "$g")/multi-queue-num-queues" 2>/dev/null || echo 1)
	files=$(nf_dbg "$g" "ls | grep -c '^io_ring_q'") || { echo "no debugfs directory: $files"; return 1; }
	l=$(guest "$g" "/usr/sbin/ethtool -l eth0 | awk '/^Current/ { c = 1 } c && /^Combined:/ { print \$2 }'")
	[ "$files" = "$nq" ] && [ "$l" = "$nq" ] ||
		{ echo "$files io_ring files, ethtool -l $l, XenStore $nq queues"; return 1; }
	q0=$(nf_dbg "$g" "cat io_ring_q0") || return 1
	echo "$q0"
	set -- $(echo "$q0" | awk '/^ring order/ { sub(":", "", $3); print $3, $5, $8 }')
	ord=$1 ts=$2 rs=$3
	set -- $(guest "$g" "/usr/sbin/ethtool -g eth0 | awk '/^Current/ { c = 1 } c && /^RX:/ { r = \$2 } c && /^TX:/ { t = \$2 } END { print r, t }'")
	g_rx=$1 g_tx=$2
	[ "$ts" = "$g_tx" ] && [ "$rs" = "$g_rx" ] && [ "$ts" = $((256 << ord)) ] ||
		{ echo "debugfs: order $ord, tx $ts rx $rs slots; ethtool -g: tx $g_tx rx $g_rx"; return 1; }
	ev=$(echo "$q0" | awk '/^evtchn:/ { print $3 }')
	want=$(nb_fe_q0 "$g" event-channel-tx || nb_fe_q0 "$g" event-channel)
	[ -n "$ev" ] && [ "$ev" = "$want" ] || { echo "queue 0 event channel $ev, XenStore $want"; return 1; }
	s0=$(nf_dbg_sums "$g") || return 1
	ping -c 5 -i 0.2 -W 2 "$(guest_ip "$g")" > /dev/null || { echo "no ping"; return 1; }
	s1=$(nf_dbg_sums "$g") || return 1
	set -- $s0 $s1
	[ "$3" -ge $(($1 + 5)) ] && [ "$4" -ge $(($2 + 5)) ] ||
		{ echo "after 5 pings: TX req_prod_pvt $1 -> $3, RX rsp_cons $2 -> $4"; return 1; }
	q0=$(nf_dbg "$g" "cat io_ring_q0") || return 1
	echo "$q0" | awk '/^tx: req_prod_pvt/ { p = $3 } /^tx: shared/ { s = $4 }
		/^rx: [0-9]+ of/ { b = $2 } /^napi: idle/ || /^napi: scheduled/ { n = 1 }
		/tx queue running/ { r = 1 }
		END { exit !(p == s && b > 0 && n && r) }' ||
		{ echo "idle queue 0 not as expected:"; echo "$q0"; return 1; }
	echo "note: $g: $files io_ring file(s), order $ord ($ts/$rs slots), evtchn $ev; TX req_prod_pvt $1 -> $3, RX rsp_cons $2 -> $4 over 5 pings"
}
sc_nf_debugfs() { each_guest "debugfs io_ring_q<N>: per queue, as ethtool and XenStore say, indexes move" 120 nf_debugfs_one; }
