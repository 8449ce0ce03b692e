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
	# kthread names are cut to 15 characters: "vif1.0-q0-guest"
	threads=$(ps | grep -c "\[vif$d\.0-q[0-9]*-guest")
	[ "$threads" = "$want" ] ||
		{ echo "$threads guest-rx kthreads for vif$d.0, want $want"; ps | grep "vif$d" ; return 1; }
	echo "note: $g: $got queue(s), $threads guest-rx kthread(s)"
}
sc_nb_queues() {
	local g
	for g in $(guests); do
		check "$g queue count and one guest-rx kthread per queue" 30 queues_one "$g"
	done
}

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
sc_nb_evtchn() {
	local g
	for g in $(guests); do
		check "$g event channels split iff offered" 30 evtchn_one "$g"
	done
}

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
sc_nb_stats() {
	local g
	for g in $(guests); do
		check "$g vif netdev counts traffic both ways" 30 stats_one "$g"
	done
}

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
	# 125000 bytes per 100 ms: 10 Mbit/s
	xenstore-write "$be/rate" "125000,100000" || return 1
	sleep 1
	lim=$(nb_iperf_kbits "$ip")
	xenstore-rm "$be/rate"
	sleep 1
	free=$(nb_iperf_kbits "$ip")
	echo "note: $g: guest->dom0 $lim Kbit/s at rate=125000,100000 (10 Mbit/s), $free Kbit/s without"
	[ -n "$lim" ] && [ -n "$free" ] || return 1
	[ "$lim" -gt 0 ] && [ "$lim" -le 13000 ] ||
		{ echo "limited rate $lim Kbit/s not in (0, 13000]"; return 1; }
	[ "$free" -gt $((lim * 3 / 2)) ] ||
		{ echo "unlimited rate $free Kbit/s not above 1.5 x $lim"; return 1; }
}
sc_nb_rate() {
	local g
	for g in $(guests); do
		check "$g rate key limits guest TX" 90 rate_one "$g"
	done
}

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
		check "$g diagnostics (always passes)" 60 diag_one "$g"
	done
}
