# SPDX-License-Identifier: GPL-2.0-only
#
# Checks aimed at the backend: queue count, event channel layout, netdev
# counters.  They hold for the stock netback too, so a plan can compare.

# Read a frontend key of queue 0, flat or under queue-0/.
nb_fe_q0() {	# nb_fe_q0 GUEST KEY
	local fe
	fe=$(fe_path "$1")
	xenstore-read "$fe/$2" 2>/dev/null ||
		xenstore-read "$fe/queue-0/$2" 2>/dev/null
}

# The frontend uses min(vCPUs, backend max) queues, and dom0 runs one
# guest-rx kthread per queue (the 1:1 model).
queues_one() {
	local g=$1 d be fe want got max threads
	d=$(domid_of "$g")
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	max=$(xenstore-read "$be/multi-queue-max-queues" 2>/dev/null || echo 1)
	want=$vcpus
	[ "$want" -gt "$max" ] && want=$max
	got=$(xenstore-read "$fe/multi-queue-num-queues" 2>/dev/null || echo 1)
	[ "$got" = "$want" ] ||
		{ echo "frontend uses $got queues, want $want (max $max)"; return 1; }
	# kthread names are cut to 15 characters: "vif1.0-q0-guest",
	# "vif10.0-q0-gues": match up to the "-g"
	threads=$(ps | grep -c "\[vif$d\.0-q[0-9]*-g")
	[ "$threads" = "$want" ] ||
		{ echo "$threads guest-rx kthreads for vif$d.0, want $want"; ps | grep "vif$d" ; return 1; }
	echo "note: $g: $got queue(s), $threads guest-rx kthread(s)"
}
sc_nb_queues() { each_guest "queue count and one guest-rx kthread per queue" 30 queues_one; }

# Split event channels exactly when the backend offers them.
evtchn_one() {
	local g=$1 d split irqs
	d=$(domid_of "$g")
	split=$(xenstore-read "$(be_path "$g")/feature-split-event-channels" 2>/dev/null)
	irqs=$(grep -c "vif$d\.0-q[0-9]*-[tr]x\$" /proc/interrupts)
	if [ "$split" = 1 ]; then
		nb_fe_q0 "$g" event-channel-tx > /dev/null ||
			{ echo "backend offers split, frontend wrote no event-channel-tx"; return 1; }
		[ "$irqs" -ge 2 ] || { echo "split but $irqs -tx/-rx irqs"; return 1; }
	else
		nb_fe_q0 "$g" event-channel > /dev/null ||
			{ echo "no split offered, frontend wrote no event-channel"; return 1; }
		[ "$irqs" = 0 ] || { echo "shared channel but $irqs -tx/-rx irqs"; return 1; }
	fi
	echo "note: $g: feature-split-event-channels=$split, $irqs -tx/-rx irqs"
}
sc_nb_evtchn() { each_guest "event channels split iff offered" 30 evtchn_one; }

# After traffic, the vif's netdev counted packets both ways.
stats_one() {
	local g=$1 d s rx tx
	d=$(domid_of "$g")
	s=/sys/class/net/vif$d.0/statistics
	ping -c 3 -i 0.2 -W 2 "$(guest_ip "$g")" > /dev/null || return 1
	rx=$(cat $s/rx_packets)
	tx=$(cat $s/tx_packets)
	[ "$rx" -gt 0 ] && [ "$tx" -gt 0 ] ||
		{ echo "vif$d.0 rx_packets $rx tx_packets $tx"; return 1; }
	echo "note: $g: vif$d.0 rx_packets $rx tx_packets $tx"
}
sc_nb_stats() { each_guest "vif netdev counts traffic both ways" 30 stats_one; }

# Our netback: the vif's counters count every connection (the queues'
# own fold into the vif's totals at disconnect), ethtool -S's totals are
# the netdev's, and q<N>_ counts the connection now only.
nb_stat() {	# nb_stat VIF NAME: one ethtool -S line's value
	ethtool -S "$1" 2>/dev/null | awk -v k="$2:" '$1 == k { print $2; n++ } END { if (!n) print -1 }'
}
stats_kept_one() {
	local g=$1 v s rx0 tx0 t0 rx1 t1 q1 ip
	v=vif$(domid_of "$g").0
	s=/sys/class/net/$v/statistics
	ip=$(guest_ip "$g")
	ping -c 5 -i 0.2 -W 2 "$ip" > /dev/null || return 1
	rx0=$(cat $s/rx_packets) tx0=$(cat $s/tx_packets)
	t0=$(nb_stat $v rx_packets)
	[ "$t0" -ge "$rx0" ] || { echo "ethtool -S rx_packets $t0 < netdev's $rx0"; return 1; }
	reload_front_one "$g" > /dev/null || { echo "netfront reload failed"; return 1; }
	connect_one "$g" > /dev/null || { echo "no reconnect"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$ip" || { echo "no ping after the reconnect"; return 1; }
	ping -c 3 -i 0.2 -W 2 "$ip" > /dev/null || return 1
	rx1=$(cat $s/rx_packets)
	t1=$(nb_stat $v rx_packets) q1=$(nb_stat $v q0_rx_packets)
	echo "note: $g: $v rx_packets $rx0 -> $rx1 (tx $tx0 -> $(cat $s/tx_packets)), ethtool -S rx_packets $t0 -> $t1, q0_rx_packets $q1 after the reconnect"
	[ "$rx1" -gt "$rx0" ] && [ "$(cat $s/tx_packets)" -gt "$tx0" ] ||
		{ echo "netdev counters lost across the reconnect"; return 1; }
	[ "$t1" -ge "$rx1" ] || { echo "ethtool -S total below the netdev's"; return 1; }
	[ "$q1" -ge 0 ] && [ "$q1" -lt "$t1" ] && [ "$q1" -le $((rx1 - rx0 + 10)) ] ||
		{ echo "q0 counts more than this connection"; return 1; }
}
sc_nb_stats_kept() { each_guest "vif counters kept across a reconnect, per queue for the connection now" 150 stats_kept_one; }

# Guest -> dom0 iperf3 rate in Kbit/s ("" if the run failed).
nb_iperf_kbits() {	# nb_iperf_kbits IP
	iperf3 -c "$1" -t "${TB_IPERF_SECS:-4}" -R 2>&1 | grep ' receiver$' |
		tail -1 | awk '{ for (i = 1; i < NF; i++) if ($(i+1) ~ /bits\/sec/) {
			v = $i; u = $(i+1)
			if (u ~ /^Gbits/) v *= 1000000; else if (u ~ /^Mbits/) v *= 1000
			else if (u ~ /^bits/) v /= 1000
			printf "%d\n", v; exit } }'
}

# The backend "rate" key limits what the guest sends; removing it lifts
# the limit (the key is watched, no reconnect needed).
rate_one() {
	local g=$1 be ip lim free
	be=$(be_path "$g")
	ip=$(guest_ip "$g")
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" || return 1
	sleep 1
	# 25000 bytes per 100 ms: 2 Mbit/s, far below what a loaded bed
	# moves unlimited (one 128 KiB burst adds 0.25 Mbit/s over 4 s)
	xenstore-write "$be/rate" "25000,100000" || return 1
	sleep 1
	lim=$(nb_iperf_kbits "$ip")
	xenstore-rm "$be/rate"
	sleep 1
	free=$(nb_iperf_kbits "$ip")
	echo "note: $g: guest->dom0 $lim Kbit/s at rate=25000,100000 (2 Mbit/s), $free Kbit/s without"
	[ -n "$lim" ] && [ -n "$free" ] || return 1
	[ "$lim" -gt 0 ] && [ "$lim" -le 3000 ] ||
		{ echo "limited rate $lim Kbit/s not in (0, 3000]"; return 1; }
	[ "$free" -gt $((lim * 3 / 2)) ] ||
		{ echo "unlimited rate $free Kbit/s not above 1.5 x $lim"; return 1; }
}
sc_nb_rate() { each_guest "rate key limits guest TX" 90 rate_one; }

# Not a test: show the state of both ends (xenstore, both kernels' logs).
diag_one() {
	local g=$1
	xenstore-ls -f "$(be_path "$g")" 2>&1 | grep -E '/state|hotplug|online' |
		sed 's/^/note: be /'
	xenstore-ls -f "$(fe_path "$g")" 2>&1 | grep -E '/state' | sed 's/^/note: fe /'
	{ cat $TBS/dmesg.all; dmesg; } | grep -iE 'netback|vif' | tail -15 | sed 's/^/note: dom0 /'
	guest "$g" "grep xen_netfront /proc/modules; ls /sys/bus/xen/devices/;
		for d in /sys/bus/xen/devices/vif-*; do echo \$d \$(cat \$d/state 2>/dev/null); done;
		dmesg | tail -15" 2>&1 | sed 's/^/note: guest /'
	return 0
}
sc_nb_diag() {
	local g
	for g in $(guests); do
		diagnose "$g diagnostics" 60 diag_one "$g"
	done
}

# nf_qstats (netfront.sh) for our netback's vif in dom0: the guest's
# ethtool -L reconnects it too.  Needs our netfront for that.
nb_qstats_one() { qstats_one "$1" dom0 "vif$(domid_of "$1").0"; }
sc_nb_qstats() {
	local why=
	[ "$back" != stock ] || why="back=stock, not our netback"
	case $front in ours|alt*) ;; *) why="front=$front: no ethtool -L to reconnect" ;; esac
	qstats_sc nb_qstats "$why" "netlink per-queue stats of the vif: base + queues = sysfs totals, none go back across reconnects" nb_qstats_one
}

# Guest to guest over xenbr0: both vifs are ours (or stock, for a
# baseline), so every byte crosses the backend twice.  A random file is
# served by busybox httpd in one guest and fetched by the other, each
# way, and compared by SHA-256; ping both ways; both vifs must have
# counted at least the file's bytes.
nb_vif_bytes() {	# nb_vif_bytes GUEST rx|tx
	cat "/sys/class/net/vif$(domid_of "$1").0/statistics/$2_bytes"
}
g2g_pair() {	# g2g_pair SRC DST: DST fetches a file from SRC
	local src=$1 dst=$2 sip want got n=${TB_BYTES_64K:-128}
	sip=$(guest_ip "$src")
	want=$(guest "$src" "grep -q ' /srv ' /proc/mounts || mount -t tmpfs tmpfs /srv;
		dd if=/dev/urandom of=/srv/g2g.bin bs=64k count=$n 2>/dev/null;
		pidof httpd >/dev/null || httpd -p 8080 -h /srv;
		sha256sum < /srv/g2g.bin" | cut -d' ' -f1)
	[ -n "$want" ] || { echo "$src: no file to serve"; return 1; }
	got=$(guest "$dst" "wget -q -O /tmp/g2g.bin http://$sip:8080/g2g.bin &&
		sha256sum < /tmp/g2g.bin && rm /tmp/g2g.bin" 180 | cut -d' ' -f1)
	[ "$got" = "$want" ] || { echo "$src->$dst: sha256 '$got', want $want"; return 1; }
	echo "note: $src->$dst: $((n * 64)) KiB, sha256 equal"
}
g2g_one() {
	local a=$1 b=$2 tx0 rx0 tx1 rx1 min
	min=$((${TB_BYTES_64K:-128} * 65536))
	guest "$a" "ping -c 3 -i 0.2 -W 2 $(guest_ip "$b")" > /dev/null ||
		{ echo "$a cannot ping $b"; return 1; }
	guest "$b" "ping -c 3 -i 0.2 -W 2 $(guest_ip "$a")" > /dev/null ||
		{ echo "$b cannot ping $a"; return 1; }
	# vif rx = sent by the guest, vif tx = delivered to the guest
	rx0=$(nb_vif_bytes "$a" rx)
	tx0=$(nb_vif_bytes "$b" tx)
	g2g_pair "$a" "$b" || return 1
	rx1=$(nb_vif_bytes "$a" rx)
	tx1=$(nb_vif_bytes "$b" tx)
	[ $((rx1 - rx0)) -ge "$min" ] && [ $((tx1 - tx0)) -ge "$min" ] ||
		{ echo "vif counters: $a sent $((rx1 - rx0)), $b got $((tx1 - tx0)), want >= $min"; return 1; }
	echo "note: $a->$b: vif of $a took $((rx1 - rx0)) bytes, vif of $b gave $((tx1 - tx0))"
	g2g_pair "$b" "$a" || return 1
	echo "note: backend module: $(cat $TBS/back)"
}
sc_nb_g2g() {
	[ "$domus" -ge 2 ] || { check "guest to guest (needs domus=2)" 5 false; return; }
	check "g1<->g2 through the backend: ping, byte-exact both ways" 420 g2g_one g1 g2
}

# XDP headroom: attaching an XDP program makes the netfront write
# xdp-headroom and go Reconfiguring; the backend must answer Reconfigured,
# end Connected again and place guest RX data after the headroom, so data
# stays byte-exact.  Detaching goes back to no headroom.
nb_xdp_state() {	# nb_xdp_state GUEST HEADROOM
	local g=$1 hr
	wait_for 30 xs_is "$(be_path "$g")/state" 4 ||
		{ echo "backend state $(xenstore-read "$(be_path "$g")/state")"; return 1; }
	wait_for 30 xs_is "$(fe_path "$g")/state" 4 ||
		{ echo "frontend state $(xenstore-read "$(fe_path "$g")/state")"; return 1; }
	hr=$(xenstore-read "$(fe_path "$g")/xdp-headroom" 2>/dev/null || echo 0)
	[ "$hr" = "$2" ] || { echo "frontend xdp-headroom $hr, want $2"; return 1; }
}
xdp_one() {
	local g=$1
	xs_is "$(be_path "$g")/feature-xdp-headroom" 1 ||
		{ echo "backend offers no feature-xdp-headroom"; return 1; }
	# iproute2's ip (busybox's cannot attach XDP)
	guest "$g" "/usr/sbin/ip link set dev eth0 xdpdrv obj /lib/tb/xdp_pass.o sec xdp &&
		/usr/sbin/ip link show dev eth0 | grep -q xdp" || { echo "attaching XDP failed"; return 1; }
	nb_xdp_state "$g" 256 || return 1
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no ping with XDP"; return 1; }
	bytes_one "$g" || { echo "byte-exact transfer with XDP headroom failed"; return 1; }
	echo "note: $g: XDP attached, xdp-headroom 256, byte-exact both ways"
	guest "$g" "/usr/sbin/ip link set dev eth0 xdpdrv off" || return 1
	nb_xdp_state "$g" 0 || return 1
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no ping after XDP off"; return 1; }
	bytes_one "$g" || return 1
	echo "note: $g: XDP detached, byte-exact both ways"
}
sc_nb_xdp() { each_guest "XDP headroom renegotiated (Reconfiguring) and honoured" 600 xdp_one; }

# RX stall detection (rx_stall_timeout_msecs; the step should set it
# low): with eth0 down the guest stops refilling its RX ring; once dom0
# has used up the posted buffers, the vif's carrier must go off, and
# come back on when the guest reposts (eth0 up).  Our netback counts it
# in ethtool -S: rx_stalls, then rx_drain_drops once the packets left
# queued are dropped (rx_drain_timeout_msecs, 10 s), rx_stall_recoveries.
nb_carrier() { cat "/sys/class/net/vif$(domid_of "$1").0/carrier" 2>/dev/null; }
nb_stall_ctrs() {	# nb_stall_ctrs VIF: "stalls recoveries drain_drops"
	echo "$(nb_stat "$1" rx_stalls) $(nb_stat "$1" rx_stall_recoveries) $(nb_stat "$1" rx_drain_drops)"
}
nb_stat_above() { [ "$(nb_stat "$1" "$2")" -gt "$3" ]; }	# VIF NAME VALUE
rx_stall_one() {
	local g=$1 ip d v c0 c1 c2 ours=
	ip=$(guest_ip "$g")
	d=$(domid_of "$g")
	v=vif$d.0
	[ "$back" = stock ] || ours=1
	ping -c 2 -W 2 "$ip" > /dev/null || { echo "no ping before"; return 1; }
	[ "$(nb_carrier "$g")" = 1 ] || { echo "carrier not on at start"; return 1; }
	c0=$(nb_stall_ctrs $v)
	guest "$g" "ip link set dev eth0 down" || return 1
	# fill every posted RX buffer (the neighbour entry is still cached)
	ping -c 400 -i 0.01 -W 1 "$ip" > /dev/null 2>&1
	wait_for 60 sh -c "[ \"\$(cat /sys/class/net/vif$d.0/carrier)\" = 0 ]" ||
		{ echo "carrier still $(nb_carrier "$g") with the guest ring empty"; return 1; }
	dmesg | grep "vif$d.0" | grep -q 'stalled' ||
		{ echo "no 'stalled' log line"; return 1; }
	set -- $c0
	if [ -n "$ours" ]; then
		wait_for 10 nb_stat_above $v rx_stalls "$1" ||
			{ echo "ethtool -S rx_stalls still $(nb_stat $v rx_stalls) with the carrier off"; return 1; }
		wait_for 30 nb_stat_above $v rx_drain_drops "$3" ||
			{ echo "ethtool -S rx_drain_drops still $3 after the drain timeout"; return 1; }
		c1=$(nb_stall_ctrs $v)
	fi
	guest "$g" "ip link set dev eth0 up" || return 1
	wait_for 60 sh -c "[ \"\$(cat /sys/class/net/vif$d.0/carrier)\" = 1 ]" ||
		{ echo "carrier did not come back"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$ip" || { echo "no ping after the stall"; return 1; }
	if [ -n "$ours" ]; then
		c2=$(nb_stall_ctrs $v)
		set -- $c0 $c2
		[ "$5" -gt "$2" ] ||
			{ echo "ethtool -S rx_stall_recoveries $2 -> $5 with the carrier back"; return 1; }
		echo "note: $g: ethtool -S rx_stalls, rx_stall_recoveries, rx_drain_drops: $c0 -> $c1 (stalled) -> $c2"
	fi
	echo "note: $g: carrier off while the guest posted no RX buffers, on again after"
}
sc_nb_rx_stall() { each_guest "RX stall: carrier off without guest buffers, on after" 200 rx_stall_one; }

# XSA-392: a guest that posts no RX buffers must not make dom0 hold more
# than the guest-RX queue's limit (memory held, skb->truesize: 2 MiB per
# ring page, at most 8 MiB).  With eth0 down in the guest, pktgen floods
# the vif with 60-byte packets for 1.5 s (less than a stall timeout of
# 3 s: a carrier off would stop pktgen) while the queue's bytes are read
# from debugfs; the queue must reach at least half the limit (the flood
# filled it) and never pass it by more than the one packet that stops it
# (up to 128 KiB for a GSO skb; pktgen's 60-byte ones hold 1.25 KiB).
# Our netback only (the stock one counts packet bytes and has no
# debugfs), and one queue: only q0 is read.  The limit is written here
# again on purpose: a driver that raised it must fail this check.
nb_qbytes() { awk '$1 == "rx" && $2 == "queue:" { print $5, $3 }' "$1"; }
rx_qcap_one() {
	local g=$1 d f mac o lim max=0 n=0 i
	d=$(domid_of "$g")
	f=/sys/kernel/debug/xen-netback/vif$d.0/io_ring_q0
	[ -r "$f" ] || { echo "no $f"; return 1; }
	o=$(xenstore-read "$(fe_path "$g")/ring-page-order" 2>/dev/null || echo 0)
	lim=$((2097152 << o))
	[ "$lim" -le 8388608 ] || lim=8388608
	mac=$(guest "$g" "cat /sys/class/net/eth0/address") || return 1
	guest "$g" "ip link set dev eth0 down" || return 1
	sh -c "$(pktgen_setup "vif$d.0" "$(guest_ip "$g")" "$mac")" || return 1
	(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &
	for i in $(seq 1 15); do
		sleep 0.1
		set -- $(nb_qbytes "$f")
		[ "${1:-0}" -le "$max" ] || { max=$1 n=$2; }
	done
	echo stop > /proc/net/pktgen/pgctrl
	wait
	guest "$g" "ip link set dev eth0 up" || return 1
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" ||
		{ echo "no ping after the flood"; return 1; }
	[ "$max" -le $((lim + 131072)) ] ||
		{ echo "the guest-RX queue held $max bytes, over its limit $lim"; return 1; }
	[ "$max" -ge $((lim / 2)) ] ||
		{ echo "the flood queued at most $max bytes, not half of $lim: nothing tested"; return 1; }
	echo "note: $g: guest-RX queue at most $max bytes ($n skbs) of $lim while flooded with eth0 down"
}
sc_nb_rx_qcap() { each_guest "RX queue bounded (XSA-392) with no guest buffers" 120 rx_qcap_one; }

# ethtool -C tx-usecs on a vif of ours: how long a packet for a guest whose
# queue a stream keeps running dry waits before the kthread wakes (rx.c,
# xnb_rx_kick_soon()).  Default 250, 0 to 1000 taken, anything above
# refused without a change; and with the longest wait a flood still gets
# through and the queue empties after it (a lost timer would leave packets
# queued until the drain timeout).  The kthread is pinned to pktgen's CPU
# for the flood: the wait applies only there.
nb_kick_usecs() { ethtool -c "$1" 2>/dev/null | awk '$1 == "tx-usecs:" { print $2 }'; }
# The scheduling policy of a task: field 41 of /proc/PID/stat, the 39th
# after "PID (COMM) " is cut off; 0 SCHED_NORMAL, 3 SCHED_BATCH.
nb_policy() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $39 }'; }
# The guest-RX kthread of DOMID is SCHED_BATCH while tx-usecs coalesces,
# SCHED_NORMAL at 0 (rx.c, xnb_rx_set_policy()): POLICY as nb_policy.
nb_policy_is() {	# nb_policy_is DOMID POLICY WHEN
	local k p
	k=$(nb_rx_kthread "$1") || { echo "no guest-RX kthread"; return 1; }
	p=$(nb_policy "$k")
	[ "$p" = "$2" ] || { echo "guest-RX kthread policy $p, not $2, $3"; return 1; }
}
coalesce_one() {	# leaves tx-usecs at 250 and the kthread unpinned
	local v=vif$(domid_of "$1").0 k rc

	coalesce_check "$1"
	rc=$?
	ethtool -C "$v" tx-usecs 250 ||
		{ echo "tx-usecs 250 not taken back"; rc=1; }
	k=$(nb_rx_kthread "$(domid_of "$1")") &&
		taskset -p "$(printf %x $(((1 << $(nproc)) - 1)))" "$k" > /dev/null
	return $rc
}
# pktgen_for SECS: dom0's pktgen, already set up, sends for SECS seconds
# (pgctrl's start returns only when pktgen stops).
pktgen_for() {
	(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &
	sleep "$1"
	echo stop > /proc/net/pktgen/pgctrl
	wait
}

coalesce_check() {
	local g=$1 d v f mac rx0 rx1 i u k
	d=$(domid_of "$g") v=vif$d.0
	f=/sys/kernel/debug/xen-netback/$v/io_ring_q0
	u=$(nb_kick_usecs "$v")
	[ "$u" = 250 ] || { echo "ethtool -c $v: tx-usecs '$u', not 250"; return 1; }
	nb_policy_is "$d" 3 "at tx-usecs 250" || return 1
	ethtool -C "$v" tx-usecs 1001 2>/dev/null && { echo "tx-usecs 1001 taken"; return 1; }
	u=$(nb_kick_usecs "$v")
	[ "$u" = 250 ] || { echo "a refused tx-usecs left it at '$u'"; return 1; }
	ethtool -C "$v" tx-usecs 0 && [ "$(nb_kick_usecs "$v")" = 0 ] ||
		{ echo "tx-usecs 0 not taken"; return 1; }
	ping -c 2 -W 2 "$(guest_ip "$g")" > /dev/null || { echo "no ping with tx-usecs 0"; return 1; }
	# the kthread takes a new policy at its next pass: pktgen sends on
	# queue 0, whose kthread nb_rx_kthread finds (a ping may hash to
	# another queue of a multi-queue vif)
	mac=$(guest "$g" "cat /sys/class/net/eth0/address") || return 1
	sh -c "$(pktgen_setup "$v" "$(guest_ip "$g")" "$mac")" || return 1
	pktgen_for 0.3
	nb_policy_is "$d" 0 "at tx-usecs 0 after packets on queue 0" || return 1
	ethtool -C "$v" tx-usecs 1000 && [ "$(nb_kick_usecs "$v")" = 1000 ] ||
		{ echo "tx-usecs 1000 not taken"; return 1; }
	rx0=$(guest "$g" "cat /sys/class/net/eth0/statistics/rx_packets") || return 1
	# on pktgen's CPU (kpktgend_0), where the kick is coalesced
	k=$(nb_rx_kthread "$d") && taskset -p 1 "$k" > /dev/null ||
		{ echo "cannot pin the guest-RX kthread to CPU 0"; return 1; }
	pktgen_for 1
	for i in $(seq 1 20); do
		[ "$(nb_qbytes "$f" | cut -d" " -f2)" = 0 ] && break
		sleep 0.1
	done
	set -- $(nb_qbytes "$f")
	[ "${2:-1}" = 0 ] || { echo "$2 skbs still queued 2 s after the flood"; return 1; }
	rx1=$(guest "$g" "cat /sys/class/net/eth0/statistics/rx_packets") || return 1
	[ $((rx1 - rx0)) -ge 1000 ] || { echo "the guest took $((rx1 - rx0)) packets of the flood"; return 1; }
	ping -c 2 -W 2 "$(guest_ip "$g")" > /dev/null || { echo "no ping with tx-usecs 1000"; return 1; }
	nb_policy_is "$d" 3 "at tx-usecs 1000 after a flood" || return 1
	echo "note: $g: tx-usecs 250 by default (guest-RX kthread SCHED_BATCH; SCHED_NORMAL at 0), 1001 refused; at 1000 the guest took $((rx1 - rx0)) packets of a 1 s flood and the queue emptied"
}
sc_nb_coalesce() { each_guest "ethtool -C tx-usecs: range, and a flood with the longest wait" 60 coalesce_one; }

# ---------------------------------------------------------------------
# Steps with front=probe: the guests load xnif-probe (probe/xnif_probe.c),
# a test-only frontend, instead of a netfront.  It has no netdev, so such
# steps do not run "connect".

probe_param() {	# probe_param GUEST NAME
	guest "$1" "cat /sys/module/xnif_probe/parameters/$2" 180
}

# Wait until the probe in GUEST ran its tests (module parameter done=1);
# the loop runs in the guest: one round trip, however slow the bed is.
probe_wait_done() {
	local g=$1
	guest "$g" "p=/sys/module/xnif_probe/parameters; n=0
		until [ \"\$(cat \$p/done)\" = 1 ] || [ \$n -ge 150 ]; do
			sleep 1; n=\$((n + 1)); done
		[ \"\$(cat \$p/done)\" = 1 ]" 200 > /dev/null ||
		{ echo "$g: probe never finished"; return 1; }
}

# Control ring: the probe sends 17 requests (hash algorithm, flags, key
# by grant copy, mapping size, mapping, gets, bad values of each) and
# checks every answer against what the stock backend answers.
ctrl_one() {
	local g=$1 pass fail d
	d=$(domid_of "$g")
	xs_is "$(be_path "$g")/feature-ctrl-ring" 1 ||
		{ echo "backend offers no feature-ctrl-ring"; return 1; }
	wait_for 90 xs_is "$(be_path "$g")/state" 4 ||
		{ echo "backend state $(xenstore-read "$(be_path "$g")/state")"; return 1; }
	probe_wait_done "$g" || return 1
	pass=$(probe_param "$g" ctrl_pass)
	fail=$(probe_param "$g" ctrl_fail)
	[ "$fail" = 0 ] && [ "$pass" = 17 ] || {
		echo "ctrl requests: $pass passed, $fail failed (want 17, 0)"
		guest "$g" "dmesg | grep xnif-probe | tail -20"
		return 1; }
	# (the stock netback, for comparison, logs nothing about it)
	[ "$back" != ours ] ||
		{ cat $TBS/dmesg.all; dmesg; } | grep -q "vif$d.0: control ring connected" ||
		{ echo "dom0 log has no 'control ring connected' for vif$d.0"; return 1; }
	echo "note: $g: $pass control requests answered as expected"
}
sc_nb_ctrl() { each_guest "control ring: hash requests answered like stock" 180 ctrl_one; }

# Swap the probe in a guest for another module (args for tb-load-front).
probe_swap() {	# probe_swap GUEST KO [PARAMS...]
	local g=$1
	shift
	guest "$g" "d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do [ -e \$v ] && { echo \${v##*/} > \$d/unbind || exit 1; }; done
		for m in xnif_probe xen_netfront; do
			grep -q \"^\$m \" /proc/modules && { rmmod \$m || exit 1; }; done
		tb-load-front $*" 90
}

# One malformed TX request from g1 (the probe, rogue=KIND): a fatal kind
# must disable g1's vif with exactly one log line and get no answer; a
# drop kind must be answered with an error and disable nothing.  Either
# way dom0 carries on and g2 (the stock netfront) keeps passing traffic.
rogue_kind() {	# rogue_kind KIND fatal|drop
	local kind=$1 want=$2 d n0 n1 st
	d=$(domid_of g1)
	n0=$(dmesg | grep -c "vif$d\.0-q0: .*disabling the vif")
	probe_swap g1 /lib/tb/probe/xen-netfront.ko ctrl=0 rogue=$kind > /dev/null ||
		{ echo "$kind: reloading the probe failed"; return 1; }
	wait_for 90 xs_is "$(be_path g1)/state" 4 || { echo "$kind: g1 not connected"; return 1; }
	probe_wait_done g1 || return 1
	sleep 1
	n1=$(dmesg | grep -c "vif$d\.0-q0: .*disabling the vif")
	st=$(probe_param g1 rogue_status) || { rogue_diag "$kind"; return 1; }
	if [ "$want" = fatal ]; then
		[ $((n1 - n0)) = 1 ] || { echo "$kind: $((n1 - n0)) 'disabling the vif' lines, want 1"; return 1; }
		echo "note: rogue $kind: $(dmesg | grep "vif$d\.0-q0: .*disabling the vif" | tail -1 | sed 's/^\[[^]]*\] //')"
	else
		[ "$n1" = "$n0" ] || { echo "$kind: the vif was disabled for a droppable request"; return 1; }
		[ "$st" = -1 ] || { echo "$kind: TX response status $st, want -1"; return 1; }
		echo "note: rogue $kind: answered with error status $st, vif still enabled"
	fi
	ping -c 2 -W 2 "$(guest_ip g2)" > /dev/null || { echo "$kind: g2 lost traffic"; return 1; }
	guest g2 "ping -c 2 -W 2 192.168.0.1" > /dev/null || { echo "$kind: g2 cannot ping out"; return 1; }
}
# g1 stopped answering: its console, dom0's log and load, the vifs.
rogue_diag() {
	echo "$1: g1 does not answer; its console, dom0's log:"
	tail -n 15 "/var/log/xen/console/guest-g1.log" 2>&1
	dmesg | tail -n 15
	cat /proc/loadavg
	xl list
	grep -H . /sys/class/net/vif*/statistics/rx_packets 2>/dev/null
}
rogue_all() {
	local k
	probe_swap g2 /lib/tb/stock/xen-netfront.ko > /dev/null ||
		{ echo "g2: loading the stock netfront failed"; return 1; }
	connect_one g2 > /dev/null || { echo "g2 (stock netfront) did not connect"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$(guest_ip g2)" || { echo "no ping to g2"; return 1; }
	for k in runt:drop gref:drop size:drop cross:fatal slots:fatal extra:fatal prod:fatal; do
		rogue_kind "${k%:*}" "${k#*:}" || return 1
	done
	bytes_one g2 > /dev/null || { echo "g2 byte-exact transfer failed after the rogue requests"; return 1; }
	echo "note: g2 (stock netfront) passed traffic throughout; byte-exact after"
}
sc_nb_rogue() {
	[ "$domus" -ge 2 ] || { check "rogue frontend (needs domus=2)" 5 false; return; }
	check "g1 rogue TX requests: fatal ones disable only g1's vif, g2 unaffected" 1200 rogue_all
}

# Fatal then idle (the step should set rx_stall_timeout_msecs low): the
# probe in g1 says feature-rx-notify=1 (written for it by dom0), posts no
# RX buffers and sends one fatal TX request.  Past the stall timeout the
# vif's guest-RX kthread must sleep (its CPU time flat over 10 s; it used
# to spin, the stall check firing forever) and the carrier stay off.
nb_stat_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
nb_rx_kthread() {	# nb_rx_kthread DOMID: pid of vif<d>.0-q0-guest-rx
	local f
	for f in /proc/[0-9]*/comm; do
		case $(cat "$f" 2>/dev/null) in
		"vif$1.0-q0-gues"*) f=${f%/comm}; echo "${f#/proc/}"; return 0 ;;
		esac
	done
	return 1
}
fatal_idle_one() {
	local g=$1 d pid t0 t1 n0 n1 ms
	d=$(domid_of "$g")
	ms=$(cat /sys/module/xen_netback/parameters/rx_stall_timeout_msecs)
	[ "$ms" -le 5000 ] || { echo "rx_stall_timeout_msecs $ms: the step must set it low"; return 1; }
	n0=$(dmesg | grep -c "vif$d\.0-q0: .*disabling the vif")
	xenstore-write "$(fe_path "$g")/feature-rx-notify" 1 || return 1
	probe_swap "$g" /lib/tb/probe/xen-netfront.ko ctrl=0 rogue=cross > /dev/null ||
		{ echo "reloading the probe failed"; return 1; }
	wait_for 90 xs_is "$(be_path "$g")/state" 4 || { echo "$g not connected"; return 1; }
	probe_wait_done "$g" || return 1
	wait_for 10 sh -c "[ \$(dmesg | grep -c 'vif$d\.0-q0: .*disabling the vif') -gt $n0 ]" ||
		{ echo "the fatal request did not disable vif$d.0"; return 1; }
	# past the stall timeout, then a 10 s window
	sleep $((ms / 1000 + 2))
	pid=$(nb_rx_kthread "$d") || { echo "no guest-rx kthread for vif$d.0"; return 1; }
	t0=$(nb_stat_ticks "$pid")
	sleep 10
	t1=$(nb_stat_ticks "$pid")
	[ "$(nb_carrier "$g")" = 0 ] || { echo "carrier $(nb_carrier "$g") on a disabled vif"; return 1; }
	[ $((t1 - t0)) -le 10 ] ||
		{ echo "vif$d.0-q0-guest-rx used $((t1 - t0)) ticks of CPU in 10 s on a disabled vif (want <= 10)"; return 1; }
	echo "note: $g: disabled vif$d.0 with rx-notify and no RX buffers: guest-rx kthread $((t1 - t0)) ticks in 10 s, carrier off"
}
sc_nb_fatal_idle() {
	check "g1 fatal then idle: the disabled vif's kthread sleeps, carrier stays off" 240 fatal_idle_one g1
}

# One grant for both rings at order 0: dom0 rewrites the connected probe's
# rx-ring-ref to its tx-ring-ref and takes the frontend through
# Initialising to Connected again; the backend must refuse the rings.
# The same round gives feature-gso-tcpv4 a value with an escape sequence:
# the backend's log line must show it escaped, never raw.
NB_ESC_VAL='x\033[7mINJ'
same_ref_one() {
	local g=$1 fe be ref d st
	fe=$(fe_path "$g")
	be=$(be_path "$g")
	d=$(domid_of "$g")
	wait_for 90 xs_is "$be/state" 4 || { echo "$g not connected"; return 1; }
	ref=$(xenstore-read "$fe/tx-ring-ref") || { echo "no tx-ring-ref (order 0 only)"; return 1; }
	xenstore-write "$fe/feature-gso-tcpv4" "$(printf "$NB_ESC_VAL")" || return 1
	echo "feature-gso-tcpv4 now: $(xenstore-read "$fe/feature-gso-tcpv4" | od -c | head -2)"
	xenstore-write "$fe/rx-ring-ref" "$ref" "$fe/state" 1 || return 1
	wait_for 30 xs_is "$be/state" 2 || { echo "backend state $(xenstore-read "$be/state"), want 2 (InitWait)"; return 1; }
	xenstore-write "$fe/state" 4 || return 1
	wait_for 30 sh -c "dmesg | grep -q 'vif-$d-0: .*tx-ring-ref and rx-ring-ref are both grant $ref'" ||
		{ echo "no refusal logged; backend state $(xenstore-read "$be/state")"; return 1; }
	sleep 2
	st=$(xenstore-read "$be/state")
	[ "$st" != 4 ] || { echo "backend Connected with tx-ring-ref == rx-ring-ref"; return 1; }
	xenstore-rm "$fe/feature-gso-tcpv4"
	echo "note: $g: tx-ring-ref == rx-ring-ref ($ref) refused, backend state $st"
}
log_escape_one() {
	local line
	# (each check moves dmesg into dmesg.all)
	line=$({ cat $TBS/dmesg.all; dmesg; } | grep 'feature-gso-tcpv4=' | tail -n 1)
	[ -n "$line" ] || {
		echo "no log line about feature-gso-tcpv4; dom0's last lines about the vif:"
		{ cat $TBS/dmesg.all; dmesg; } | grep 'vif-' | tail -n 8
		return 1; }
	if printf '%s' "$line" | grep -q "$(printf '\033')"; then
		echo "raw ESC in dom0's log: $(printf '%s' "$line" | od -c | head -3)"
		return 1
	fi
	# %*pE writes ESC as \e (octal \033 for other controls)
	printf '%s' "$line" | grep -qE '\\(e|033)\[7mINJ' ||
		{ echo "not shown escaped: $line"; return 1; }
	echo "note: logged as: $(printf '%s' "$line" | sed 's/^\[[^]]*\] //')"
}
sc_nb_same_ref() {
	check "g1 one grant for both rings refused" 120 same_ref_one g1
	check "g1 a guest string with an escape sequence logged escaped" 10 log_escape_one
}

# A vif links each skb it is given into a queue, so it must not be handed
# one skb twice: pktgen's "burst" and "clone_skb" (which do that on a
# device with IFF_TX_SKB_SHARING) are refused on it, and plain pktgen
# still sends through it.
nb_tx_packets() { cat "/sys/class/net/$1/statistics/tx_packets"; }
nb_tx_at_least() { [ "$(nb_tx_packets "$1")" -ge "$2" ]; }
nb_pktgen_shared_one() {
	local g=$1 vif k a
	vif=vif$(domid_of "$g").0
	[ -d /proc/net/pktgen ] || insmod /lib/tb/mods/pktgen.ko || return 1
	echo rem_device_all > /proc/net/pktgen/kpktgend_0 || return 1
	echo "add_device $vif" > /proc/net/pktgen/kpktgend_0 || return 1
	for k in "burst 8" "clone_skb 8"; do
		if echo "$k" > "/proc/net/pktgen/$vif" 2> /dev/null; then
			echo "pktgen took '$k' on $vif"
			echo rem_device_all > /proc/net/pktgen/kpktgend_0
			return 1
		fi
	done
	for k in "count 1000" "pkt_size 60" "dst $(guest_ip "$g")" \
		"dst_mac $(guest "$g" "cat /sys/class/net/eth0/address")"; do
		echo "$k" > "/proc/net/pktgen/$vif" || return 1
	done
	a=$(nb_tx_packets "$vif")
	echo start > /proc/net/pktgen/pgctrl	# returns when all are handed over
	echo rem_device_all > /proc/net/pktgen/kpktgend_0
	wait_for 10 nb_tx_at_least "$vif" $((a + 1000)) ||
		{ echo "$vif sent $(($(nb_tx_packets "$vif") - a)) of pktgen's 1000"; return 1; }
	echo "note: $g: burst and clone_skb refused on $vif; 1000 single packets sent"
}
sc_nb_pktgen_shared() { each_guest "pktgen may not hand the vif one skb twice" 60 nb_pktgen_shared_one; }

# Events each end took and judged spurious (EOIed with the spurious
# flag, which makes Xen's event core hold the next one back longer and
# longer): our netback's per-queue debugfs and our netfront's ethtool -S.
# Honest traffic should bring few spurious events; a storm, many.
events_one() {
	local g=$1 d f
	d=$(domid_of "$g")
	for f in /sys/kernel/debug/xen-netback/vif$d.*/io_ring_q*; do
		[ -e "$f" ] && echo "note: dom0 $(basename "$(dirname "$f")")/$(basename "$f") $(grep '^events:' "$f")"
	done
	guest "$g" "for i in /sys/class/net/eth*; do ethtool -S \${i##*/} 2>/dev/null | grep events | sed \"s/^ */\${i##*/} /\"; done" 20 |
		sed 's/^/note: guest /'
	return 0
}
sc_events() {
	local g
	for g in $(guests); do
		diagnose "$g event counts" 60 events_one "$g"
	done
}

# The hotplug script sets MTU 9000 before the frontend connects, as Xen's
# vif-bridge does on a jumbo bridge: the backend takes it, and a frontend
# with feature-sg keeps it once connected (ours refused it before connect
# until issue 16, and the script's error went unseen).  The guest does
# not bind its new device until the script has run (autoprobe off), so
# the MTU is set in the window for sure.
nb_jumbo_one() {
	local g=$1 d n mtu0 mtu rc=0 fe
	d=$(domid_of "$g")
	n=${g#g}
	fe=$(fe_path "$g" 1)
	guest "$g" "echo 0 > /sys/bus/xen/drivers_autoprobe" || return 1
	mkdir -p /run/tb && echo 9000 > /run/tb/vif-mtu && : > /run/tb/vif-mtu.log
	xl network-attach "$g" "mac=00:16:3e:00:$(printf %02x "$n"):01" \
		bridge=xenbr1 script=vif-test || rc=1
	wait_for 60 grep -q "vif$d.1 mtu" /run/tb/vif-mtu.log || rc=1
	rm -f /run/tb/vif-mtu
	cat /run/tb/vif-mtu.log
	mtu0=$(cat /sys/class/net/vif$d.1/mtu 2>/dev/null)
	echo "note: vif$d.1: MTU $mtu0 with the frontend in state $(xenstore-read "$fe/state" 2>/dev/null)"
	grep -q "vif$d.1 mtu 9000: rc 0" /run/tb/vif-mtu.log ||
		{ echo "the hotplug script could not set MTU 9000 before connect"; rc=1; }
	guest "$g" "echo 1 > /sys/bus/xen/drivers_autoprobe
		echo vif-1 > /sys/bus/xen/drivers/vif/bind" || rc=1
	wait_for 60 xs_is "$(be_path "$g" 1)/state" 4 || { echo "vif 1 not connected"; rc=1; }
	mtu=$(cat /sys/class/net/vif$d.1/mtu 2>/dev/null)
	echo "note: vif$d.1: MTU $mtu once connected"
	[ "$mtu" = 9000 ] || { echo "MTU $mtu after connect, want 9000"; rc=1; }
	xl network-detach "$g" 1 || rc=1
	wait_for 30 sh -c "! xenstore-exists /local/domain/0/backend/vif/$d/1" ||
		{ echo "backend vif/$d/1 still there"; rc=1; }
	return $rc
}
sc_nb_jumbo() { each_guest "MTU 9000 set by the hotplug script before connect stays" 150 nb_jumbo_one; }

# A frontend that knows neither extension, after one that did (kexec or
# kdump into a stock kernel): its one-page tx-ring-ref sits beside our
# ring-page-order, numbered refs and staging keys left behind.  Our
# backend must take the one-page key (order 0), ignore the staging keys,
# say so in one log line and connect (issue 15).  Written from dom0, then
# the stock netfront reloaded.
nb_stale_fe_keys_one() {
	local g=$1 fe d k n0 rc=0
	fe=$(fe_path "$g")
	d=$(domid_of "$g")
	[ "$back" != stock ] && [ "$front" = stock ] || { echo "needs our netback (ours or alt) and front=stock"; return 1; }
	xenstore-write "$fe/ring-page-order" 2 "$fe/tx-data-len" 256 "$fe/tx-data-ref" 4242 \
		"$fe/rx-data-len" 256 "$fe/rx-data-ref" 4243 || return 1
	for k in 0 1 2 3; do
		xenstore-write "$fe/tx-ring-ref$k" $((4300 + k)) "$fe/rx-ring-ref$k" $((4400 + k)) || return 1
	done
	dmesg -c >> $TBS/dmesg.all
	n0=$(wc -l < $TBS/dmesg.all)
	front_reload_plain "$g" > /dev/null || { echo "netfront reload failed"; return 1; }
	wait_for 60 xs_is "$(be_path "$g")/state" 4 || { nf_states "$g"; rc=1; }
	connect_one "$g" > /dev/null || { echo "eth0 not configured again"; rc=1; }
	dmesg -c >> $TBS/dmesg.all
	tail -n +$((n0 + 1)) $TBS/dmesg.all | grep -q "vif$d.0: frontend wrote the one-page tx-ring-ref: its ring-page-order=2 is left over" ||
		{ echo "no log line about the stale order"; rc=1; }
	tail -n +$((n0 + 1)) $TBS/dmesg.all | grep -q "vif$d.0: connected, .* ring order 0, staging tx 0 rx 0" ||
		{ echo "not connected at order 0 without staging:"; tail -n +$((n0 + 1)) $TBS/dmesg.all | grep "vif$d" | tail -3; rc=1; }
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no ping"; rc=1; }
	bytes_one "$g" || rc=1
	xenstore-rm "$fe/ring-page-order" "$fe/tx-data-len" "$fe/tx-data-ref" "$fe/rx-data-len" "$fe/rx-data-ref"
	for k in 0 1 2 3; do xenstore-rm "$fe/tx-ring-ref$k" "$fe/rx-ring-ref$k"; done
	return $rc
}
sc_nb_stale_fe_keys() { each_guest "a stock frontend's one-page keys win over our stale order and staging keys" 240 nb_stale_fe_keys_one; }


# Our netback's debugfs: "kick" written to io_ring_q0 is counted there
# and sends the guest an event (on queue 0's TX channel, which an idle
# guest never hears from otherwise); anything else is refused; the vif
# still works after.
nb_dbg_dir() { echo "/sys/kernel/debug/xen-netback/vif$(domid_of "$1").0"; }
nb_kicks() { awk '/^kicks:/ { print $2 }' "$1"; }
nf_q0_irqs() {	# nf_q0_irqs G: interrupts of eth0's queue 0 TX channel (or its only one)
	guest "$1" "awk '/ eth0-q0-tx\$/ { t += \$2; for (i = 3; i <= NF && \$i ~ /^[0-9]+\$/; i++) t += \$i }
		/ eth0-q0\$/ { s += \$2; for (i = 3; i <= NF && \$i ~ /^[0-9]+\$/; i++) s += \$i; n = 1 }
		END { print n ? s : t }' /proc/interrupts"
}
nb_kick_one() {
	local g=$1 f k0 k1 e0 e1 i
	[ "$back" != stock ] || { echo "needs our netback"; return 1; }
	f=$(nb_dbg_dir "$g")/io_ring_q0
	[ -f "$f" ] || { echo "no $f"; return 1; }
	k0=$(nb_kicks "$f")
	e0=$(nf_q0_irqs "$g") || return 1
	! echo kik > "$f" 2> /dev/null || { echo "'kik' accepted"; return 1; }
	for i in 1 2 3; do
		echo kick > "$f" || { echo "writing kick failed"; return 1; }
		sleep 0.5
	done
	k1=$(nb_kicks "$f")
	e1=$(nf_q0_irqs "$g") || return 1
	cat "$f"
	[ "$k1" = $((k0 + 3)) ] || { echo "kicks $k0 -> $k1 after 3"; return 1; }
	[ "$e1" -ge $((e0 + 2)) ] || { echo "guest queue 0 interrupts $e0 -> $e1 after 3 kicks"; return 1; }
	ping -c 3 -i 0.2 -W 2 "$(guest_ip "$g")" > /dev/null || { echo "no ping after the kicks"; return 1; }
	echo "note: $g: 3 kicks: counted $k0 -> $k1, guest queue 0 interrupts $e0 -> $e1, ping after"
}
sc_nb_kick() { each_guest "debugfs kick: counted, the guest hears it, the vif works after" 60 nb_kick_one; }

# Our netback's debugfs ctrl, with a frontend that set up RSS over the
# control ring (ours with 2 queues): Toeplitz, every request answered,
# and the key and table ethtool -x shows in the guest, also after -X.
nb_ctrl_key() { awk '/^hash key:/ { print $3 }' "$1"; }
nb_ctrl_table() { awk '/^mapping:/ { for (i = 2; i <= NF; i++) printf "%s ", $i }' "$1"; }
nf_rss_key() { guest "$1" "/usr/sbin/ethtool -x eth0" | awk '/RSS hash key/ { getline; gsub(":", ""); print }'; }
nb_ctrl_same() {	# nb_ctrl_same G FILE: dom0's view is the guest's
	local g=$1 f=$2 bt gt bk gk
	bt=$(nb_ctrl_table "$f") gt="$(nf_rss_table "$g" | tr '\n' ' ')"
	bk=$(nb_ctrl_key "$f") gk=$(nf_rss_key "$g")
	[ -n "$bt" ] && [ "$bt" = "$gt" ] && [ -n "$bk" ] && [ "$bk" = "$gk" ] || {
		echo "dom0 table: $bt"; echo "ethtool -x: $gt"
		echo "dom0 key $bk, ethtool -x key $gk"; return 1; }
}
nb_ctrl_dump_one() {
	local g=$1 f n
	[ "$back" != stock ] || { echo "needs our netback"; return 1; }
	f=$(nb_dbg_dir "$g")/ctrl
	wait_for 30 grep -q '^hash algorithm: toeplitz' "$f" ||
		{ echo "no Toeplitz in $f:"; cat "$f" 2>&1; return 1; }
	cat "$f"
	awk '/^ctrl: req_prod/ { p = $3; c = $5 } /^ctrl: rsp_prod/ { r = $3; v = $5 }
		END { exit !(p > 0 && p == c && p == r && p == v) }' "$f" ||
		{ echo "control requests not all answered"; return 1; }
	n=$(awk '/^mapping size:/ { print $3 }' "$f")
	[ "$n" = "$(nf_rss_table "$g" | grep -c .)" ] || { echo "mapping size $n, ethtool -x differs"; return 1; }
	nb_ctrl_same "$g" "$f" || return 1
	guest "$g" "/usr/sbin/ethtool -X eth0 weight 0 1" > /dev/null || { echo "ethtool -X failed"; return 1; }
	nb_ctrl_same "$g" "$f" || { guest "$g" "/usr/sbin/ethtool -X eth0 default"; return 1; }
	[ "$(nb_ctrl_table "$f" | tr ' ' '\n' | grep . | sort -u | tr '\n' ' ')" = "1 " ] ||
		{ echo "after -X weight 0 1: $(nb_ctrl_table "$f")"; return 1; }
	guest "$g" "/usr/sbin/ethtool -X eth0 default" > /dev/null || return 1
	echo "note: $g: ctrl: toeplitz, $n-entry table and key as the guest's ethtool -x, also after -X"
}
sc_nb_ctrl_dump() { each_guest "debugfs ctrl: the control ring and the guest's RSS settings" 120 nb_ctrl_dump_one; }
