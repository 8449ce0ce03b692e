# SPDX-License-Identifier: GPL-2.0-only
#
# Many vifs per dom0 (issue 17, part 4), a benchmark: notes only.  Every
# guest of the step (domus=4 in plans/many-vifs.plan) gets MV_EXTRA more
# vifs beside its vif 0 while its netfront is unloaded, so they wait in
# InitWait; then the netfront is loaded in all guests at once and timed
# until every vif is Connected at both ends.  dom0's memory and vif
# threads are sampled before, idle and connected (dom0_sample, bench.sh),
# then all guests send to dom0 at once over vif 0.  It fails only when
# the vifs do not connect or no traffic moves.  Uses bench.sh's helpers.

MV_EXTRA=7		# vifs besides vif 0: eight per guest
MV=$TBS/mv		# prefix of the files the three checks share

# 00:16:3e:02:GG:VV: apart from guest_mac (00:..:00:GG:00), attach_one
# (00:..:00:GG:01) and idle_vifs_one (00:..:01:VV:00).
mv_mac() { printf '00:16:3e:02:%02x:%02x' "${1#g}" "$2"; }

mv_vifs() { echo $((domus * (MV_EXTRA + 1))); }

# The guest's netfront unbound and unloaded: its vifs stay put in
# XenStore, the backends wait for a frontend (as idle_vifs_one does).
mv_unload_front() {
	guest "$1" "d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do echo \${v##*/} > \$d/unbind; done
		rmmod xen_netfront" > /dev/null
}

# "PATH STATE" lines for every vif of every guest, both ends: written
# once, so the timed wait does not spend its time asking xl for domids.
mv_state_paths() {
	local g i
	for g in $(guests); do
		for i in $(seq 0 "$MV_EXTRA"); do
			echo "$(be_path "$g" "$i")/state"
			echo "$(fe_path "$g" "$i")/state"
		done
	done > "$MV.paths"
}

# Every path of mv_state_paths in STATE within SECS; the wait for one
# overlaps the others', so the total is the slowest vif's time.
mv_all_in() {	# mv_all_in STATE SECS
	local p rc=0
	while read -r p; do
		wait_for "$2" xs_is "$p" "$1" ||
			{ echo "$p: $(xenstore-read "$p" 2>/dev/null), want $1"; rc=1; }
	done < "$MV.paths"
	return $rc
}

# Queues of all vifs (a frontend without multi-queue-num-queues has one)
# and how many vifs run each ring order ("32 x order 0"): read from the
# frontends' keys, not assumed from the module options.
mv_layout() {
	local g i fe q o n=0
	for g in $(guests); do
		for i in $(seq 0 "$MV_EXTRA"); do
			fe=$(fe_path "$g" "$i")
			q=$(xenstore-read "$fe/multi-queue-num-queues" 2>/dev/null) || q=1
			o=$(xenstore-read "$fe/ring-page-order" 2>/dev/null) || o=0
			n=$((n + q))
			echo "$o" >> "$MV.orders"
		done
	done
	echo "$n"
}

# "-123.4" kB per unit between two samples' field F (1 MemAvailable,
# 2 Slab, 3 vif threads): signed, after minus before.
mv_per() {	# mv_per BEFORE AFTER FIELD N
	echo "$1 $2" | awk -v f="$3" -v n="$4" -v k=$(($3 + 3)) \
		'{ printf "%+.1f", ($k - $f) / n }'
}

# The guests' free memory, connected (the netfront's RX pages at order 4
# are 16 MiB per one-queue vif: the step's mem= must leave room).
mv_guest_mem() {
	local g m s=
	for g in $(guests); do
		m=$(guest "$g" "awk '/^MemAvailable:/ { print \$2 }' /proc/meminfo")
		s="$s $g ${m:-?}"
	done
	echo "$s"
}

# Check 1: idle vifs and the timed connect, with dom0 sampled before,
# idle and connected.
mv_connect_all() {
	local g i s0 s1 s2 t0 t rc=0 n idle nq
	n=$(mv_vifs)
	idle=$((domus * MV_EXTRA))
	rm -f "$MV".*
	for g in $(guests); do
		mv_unload_front "$g" || { echo "$g: netfront did not unload"; return 1; }
	done
	echo "note: Xen free memory before: $(xl info | awk '/^free_memory/ { print $3 }') MiB"
	s0=$(dom0_sample)
	for g in $(guests); do
		for i in $(seq 1 "$MV_EXTRA"); do
			xl network-attach "$g" "mac=$(mv_mac "$g" "$i")" \
				bridge=xenbr1 script=vif-test ||
				{ echo "$g: attach of vif $i failed"; return 1; }
		done
	done
	for g in $(guests); do
		vifs_wait "$g" 1 "$MV_EXTRA" 2 90 || rc=1
	done
	[ $rc = 0 ] || { echo "not all $idle new vifs in InitWait"; return 1; }
	s1=$(dom0_sample)
	mv_state_paths
	# Timed from the first load command to the last vif's state seen
	# Connected at both ends (to about the 0.5 s of wait_for's polls).
	t0=$(now_ms)
	for g in $(guests); do
		guest "$g" "tb-load-front /lib/tb/$front/xen-netfront.ko $nf_opts" 120 \
			> "$MV.load.$g" 2>&1 &
	done
	mv_all_in 4 180 || rc=1
	t=$(($(now_ms) - t0))
	wait
	if [ $rc != 0 ]; then
		for g in $(guests); do
			echo "$g:"; cat "$MV.load.$g"
			guest "$g" "dmesg | grep -E 'vif|xen' | tail -n 15"
		done
		return 1
	fi
	s2=$(dom0_sample)
	nq=$(mv_layout)
	echo "$s0 $s1 $s2 $nq $t" > "$MV.samples"
	echo "note: many vifs: $back back, $front front${nf_opts:+ ($nf_opts)}: $domus guests x $((MV_EXTRA + 1)) vifs = $n vifs, $nq queues; ring orders: $(sort "$MV.orders" | uniq -c | awk '{ printf "%s%d x order %s", s, $1, $2; s = ", " }')"
	echo "note: dom0 samples (MemAvailable kB, Slab kB, vif threads): before $s0; $idle idle $s1; $n connected $s2"
	echo "note: idle ($back back): MemAvailable $(mv_per "$s0" "$s1" 1 "$idle") kB/vif, Slab $(mv_per "$s0" "$s1" 2 "$idle") kB/vif, threads $(mv_per "$s0" "$s1" 3 "$idle")/vif"
	echo "note: connect time: $n vifs Connected at both ends $((t / 1000)).$((t % 1000 / 100)) s after the $domus netfronts' load"
	echo "note: connected: MemAvailable $(mv_per "$s1" "$s2" 1 "$nq") kB/queue, Slab $(mv_per "$s1" "$s2" 2 "$nq") kB/queue, threads $(mv_per "$s1" "$s2" 3 "$n")/vif ($(($(echo "$s2" | cut -d' ' -f3) / n)) per vif in all)"
	echo "note: guests' MemAvailable (kB), connected:$(mv_guest_mem)"
}

# vif 0's netdev in the guest, found by its MAC: with eight vifs probed
# together, it need not be eth0.
mv_vif0_dev() {
	guest "$1" "for n in /sys/class/net/*; do
		[ \"\$(cat \$n/address)\" = $(guest_mac "$1") ] && echo \${n##*/}
		done; true"
}

# vif 0 addressed again after the reload (connect_one did it before).
mv_vif0_up() {
	local dev
	dev=$(mv_vif0_dev "$1")
	[ -n "$dev" ] || { echo "$1: no netdev with vif 0's MAC"; return 1; }
	guest "$1" "ip addr flush dev $dev && ip addr add $(guest_ip "$1")/24 dev $dev &&
		ip link set $dev up" > /dev/null || return 1
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$1")" || { echo "$1: no reply"; return 1; }
}

# rx_bytes of dom0's vifs NAME... on one line, read back to back: no
# xl call between them (one takes a while under TCG).  The first version
# looked each vif's domid up with xl inside both reads and divided by
# the nominal seconds: it printed 491 Mbit/s where the four iperf3
# receivers summed 216.
mv_rx_bytes() {
	local v
	for v in "$@"; do
		cat "/sys/class/net/$v/statistics/rx_bytes"
	done | tr '\n' ' '
}

# Check 2: every guest sends to dom0 at once over vif 0 (iperf3, one
# dom0 server per guest).  The aggregate is counted on dom0's vifs over
# a window inside the runs, where all guests are sending (their starts
# are a guest round trip apart), timed by dom0's clock; the sum of
# iperf3's own receiver rates (whole runs, staggered starts) is noted
# beside it.
mv_tx_all() {
	local g p secs=${TB_IPERF_SECS:-4} a b t0 t1 r per= rc=0 vifs= rate isum
	for g in $(guests); do
		mv_vif0_up "$g" || return 1
		p=$((5200 + ${g#g}))
		iperf3 -s -p "$p" -1 -D -I "$MV.iperf.$g" || return 1
		vifs="$vifs vif$(domid_of "$g").0"
	done
	sleep 1
	# runs of secs + 6: the window of secs has 3 s of margin either side
	for g in $(guests); do
		guest "$g" "iperf3 -c 192.168.0.1 -p $((5200 + ${g#g})) -t $((secs + 6)) -f m" 120 \
			> "$MV.tx.$g" 2>&1 &
	done
	sleep 3
	t0=$(now_ms)
	a=$(mv_rx_bytes $vifs)
	sleep "$secs"
	t1=$(now_ms)
	b=$(mv_rx_bytes $vifs)
	wait
	for g in $(guests); do
		[ -f "$MV.iperf.$g" ] && kill "$(cat "$MV.iperf.$g")" 2>/dev/null
		r=$(grep ' receiver$' "$MV.tx.$g" | grep -oE '[0-9.]+ Mbits/sec' | cut -d' ' -f1)
		[ -n "$r" ] || { echo "$g:"; tail -n 5 "$MV.tx.$g"; rc=1; }
		per="$per $g ${r:-?}"
	done
	# a's counts, then b's; bytes per ms * 8 / 1000 = Mbit/s
	rate=$(echo "$a $b" | awk -v ms=$((t1 - t0)) '{ n = NF / 2; s = 0
		for (i = 1; i <= n; i++) s += $(i + n) - $i
		printf "%.0f", s * 8 / ms / 1000 }')
	isum=$(echo "$per" | awk '{ for (i = 2; i <= NF; i += 2) s += $i } END { printf "%.0f", s }')
	[ "$rate" -gt 0 ] || { echo "nothing moved"; return 1; }
	echo "note: aggregate guest->dom0, $domus guests at once ($back back, $front front): $rate Mbit/s on dom0's vifs over $((t1 - t0)) ms; iperf3 receivers $isum Mbit/s in all ($((secs + 6)) s runs):$per"
	return $rc
}

# Check 3: the extra vifs detached and vif 0 connected as eth0 again, so
# the step can go on (connect_one wants eth0: reload the netfront if
# vif 0 came up under another name).
mv_restore_one() {
	local g=$1 i rc=0
	for i in $(seq 1 "$MV_EXTRA"); do
		xl network-detach "$g" "$i" || rc=1
	done
	if [ "$(mv_vif0_dev "$g")" != eth0 ]; then
		mv_unload_front "$g" || rc=1
		guest "$g" "tb-load-front /lib/tb/$front/xen-netfront.ko $nf_opts" 120 \
			> /dev/null || rc=1
	fi
	connect_one "$g" > /dev/null || rc=1
	return $rc
}

sc_many_vifs() {
	check "$(mv_vifs) vifs on $domus guests: connect time, dom0 memory and threads per vif (notes)" \
		900 mv_connect_all
	check "$domus guests send to dom0 at once (notes)" 240 mv_tx_all
	each_guest "extra vifs detached, vif 0 connected again" 300 mv_restore_one
}
