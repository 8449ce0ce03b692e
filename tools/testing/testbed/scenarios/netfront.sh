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
		xenstore-exists "$pfx/tx-ring-ref" && xenstore-exists "$pfx/rx-ring-ref" ||
			{ echo "no ring refs under $pfx"; return 1; }
	done
	if [ "$want" = 1 ]; then
		! xenstore-exists "$fe/queue-0" || { echo "queue-0/ with one queue"; return 1; }
	fi
	echo "note: $g: $want queue(s)"
}
sc_nf_queues() {
	local g
	for g in $(guests); do
		check "$g queue count = min(vcpus, backend max)" 120 nf_queues_one "$g"
	done
}

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
sc_nf_evtchn() {
	local g
	for g in $(guests); do
		check "$g event channel keys match the backend's offer" 60 nf_evtchn_one "$g"
	done
}

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
sc_nf_spread() {
	local g
	for g in $(guests); do
		check "$g flows spread over the queues" 90 nf_spread_one "$g"
	done
}

# The frontend logs nothing about a broken backend.
nf_quiet_one() {
	local out
	out=$(guest "$1" "dmesg | grep -E 'xen_netfront|xen-netfront|vif' | tail -20")
	echo "$out"
	! echo "$out" | grep -qE 'disabled|still in use|BUG|WARNING'
}
sc_nf_quiet() {
	local g
	for g in $(guests); do
		check "$g netfront logged no backend error" 30 nf_quiet_one "$g"
	done
}

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
sc_nf_unload_busy() {
	local g
	for g in $(guests); do
		check "$g netfront unloads under traffic and reloads" 150 nf_unload_busy_one "$g"
	done
}

# The backend module goes away and comes back; the frontend works again.
# The stock netback keeps its state key over an unbind (allow_rebind) and
# re-attaches to the rings, so only the end result is checked. Nothing
# runs the hotplug script on a re-probe, so do its work here.
nf_states() { echo "states: be $(xenstore-read "$(be_path "$1")/state") fe $(xenstore-read "$(fe_path "$1")/state")"; }
nf_back_reload_one() {
	local g=$1 be fe d script
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	d=$(domid_of "$g")
	nf_states "$g"
	echo "unbind vif-$d-0"
	echo "vif-$d-0" > /sys/bus/xen-backend/drivers/vif/unbind || return 1
	nf_states "$g"
	echo "rmmod"
	rmmod xen_netback || return 1
	rm -f $TBS/back
	sleep 2
	nf_states "$g"
	echo "insmod"
	insmod "/lib/tb/$back/xen-netback.ko" $nb_opts || return 1
	echo "$back $nb_opts" > $TBS/back
	wait_for 30 test -e "/sys/class/net/vif$d.0" || { echo "no vif$d.0"; return 1; }
	script=$(command -v vif-test || echo /etc/xen/scripts/vif-test)
	XENBUS_PATH=$be vif=vif$d.0 sh "$script" online
	nf_states "$g"
	wait_for 60 xs_is "$be/state" 4 || { nf_states "$g"; return 1; }
	wait_for 30 xs_is "$fe/state" 4 || { nf_states "$g"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no reply after reconnect"; return 1; }
	echo "note: $g: traffic flows after a netback unbind, reload, rebind"
}
sc_nf_back_reload() {
	local g
	for g in $(guests); do
		check "$g works after netback reload" 240 nf_back_reload_one "$g"
	done
}

# xl save + xl restore: the frontend reconnects its queues to the new
# backend and traffic flows again (the guest keeps its address).
nf_save_restore_one() {
	local g=$1 f=/tmp/$1.save ip
	ip=$(guest_ip "$g")
	xl save "$g" "$f" || { rm -f "$f"; return 1; }
	xl restore "$f" || { rm -f "$f"; return 1; }
	rm -f "$f"
	wait_for 60 xs_is "$(be_path "$g")/state" 4 ||
		{ echo "backend state $(xenstore-read "$(be_path "$g")/state")"; return 1; }
	wait_for 60 xs_is "$(fe_path "$g")/state" 4 ||
		{ echo "frontend state $(xenstore-read "$(fe_path "$g")/state")"; return 1; }
	wait_for 60 ping -c 1 -W 1 "$ip" || { echo "no reply from $ip after restore"; return 1; }
	guest "$g" "ping -c 3 -W 2 192.168.0.1" || return 1
	echo
	echo "note: $g: traffic flows after save/restore"
}
sc_nf_save_restore() {
	local g
	for g in $(guests); do
		check "$g reconnects after xl save/restore" 240 nf_save_restore_one "$g"
	done
}
