# SPDX-License-Identifier: GPL-2.0-only
#
# The backend-bound case (issue 17): every guest of the step sends 64-byte
# packets at once, then dom0 sends to every guest at once, so that dom0
# (one vCPU under tools/testing/bench/ab-agg) carries the grant copies of
# all of them.  A benchmark probe like those in bench.sh (whose helpers
# it uses): notes for ab-agg, failing only when no packet moves at all.

# CPU milliseconds Xen has given dom0 and all guests together so far:
# "DOM0 GUESTS", from one xl call so that both are read at one moment.
agg_cpu_ms() {
	xl vcpu-list 2>/dev/null | awk 'NR > 1 {
		if ($1 == "Domain-0") d += $6; else g += $6 }
		END { printf "%d %d\n", d * 1000, g * 1000 }'
}

# Interrupts dom0 took on every guest's vif channels so far (vifD.N-qM...)
# and how many channels those are: "IRQS CHANNELS" (a rate of 0 on 0
# channels would be a name the pattern missed, not a quiet backend).
agg_dom0_irqs() {
	awk '$NF ~ /^vif[0-9]+\.[0-9]+-q[0-9]/ { c++
		for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i }
		END { print s + 0, c + 0 }' /proc/interrupts
}

# Every guest's vif, in guests' order, into agg_vifs: looked up once,
# before a window (domid_of runs xl, which costs a dom0 with one vCPU
# under TCG a good part of a second: seen as 22 % of its samples).
agg_vif_names() {
	local g
	agg_vifs=
	for g in $(guests); do
		agg_vifs="$agg_vifs vif$(domid_of "$g").0"
	done
}

# Every guest's vif's rx_packets in dom0, in guests' order, one line.
agg_vif_rx() {
	local v
	for v in $agg_vifs; do
		printf '%s ' "$(rx_count "$v")"
	done
	echo
}

# Every guest's vif's tx_packets and tx_dropped in dom0, summed: "SENT
# DROPPED" (dom0->guests: what the backends passed to the guests' rings
# and what they dropped, e.g. with no RX buffer posted).
agg_vif_tx() {
	local v s=0 d=0
	for v in $agg_vifs; do
		v=/sys/class/net/$v/statistics
		s=$((s + $(cat $v/tx_packets))) d=$((d + $(cat $v/tx_dropped)))
	done
	echo "$s $d"
}

# A window over which CPU and interrupts are counted: agg_mark starts it,
# agg_note PKTS SECS ends it and prints where dom0's and the guests' CPU
# went.  CPU per packet is CPU time per window over packets per second
# (the counting may take a little less than the window: the rates, not
# the totals, are compared); agg_per_1000 works for it too, since
# usec/packet = ms * 10^6 / (pkt/s * window ms).
agg_mark() {
	a_t0=$(now_ms)
	set -- $(agg_cpu_ms)
	a_d0=$1 a_g0=$2
	set -- $(agg_dom0_irqs)
	a_i0=$1
}
# N events over MS milliseconds at PPS packets per second, per 1000
# packets with one decimal (bench.sh's per_1000 takes counts instead).
agg_per_1000() {	# agg_per_1000 N PPS MS
	local x=$(($1 * 10000000 / ($2 * $3)))
	echo "$((x / 10)).$((x % 10))"
}
# agg_end closes the window (agg_note then uses it, so that what comes
# between, e.g. collecting the guests' counts, is not in it).
agg_end() {
	a_t1=$(now_ms)
	a_end="$(agg_cpu_ms) $(agg_dom0_irqs)"
}
agg_note() {	# agg_note PKTS SECS
	local t d g i pps
	[ -n "${a_end:-}" ] || agg_end
	t=$((a_t1 - a_t0))
	set -- "$1" "$2" $a_end
	a_end=
	d=$(($3 - a_d0)) g=$(($4 - a_g0)) i=$(($5 - a_i0))
	pps=$(($1 / $2))
	[ "$t" -gt 0 ] && [ "$pps" -gt 0 ] || { echo "no packets"; return 0; }
	echo "dom0 $(nproc) vCPU at $((d * 100 / t))%, $(agg_per_1000 "$d" "$pps" "$t") usec/packet; guests at $((g * 100 / t))%, $(agg_per_1000 "$g" "$pps" "$t") usec/packet; $(agg_per_1000 "$i" "$pps" "$t") dom0 irqs/1000 ($i on $6 vif channels in $t ms)"
}

# TB_PERF=1 with TB_AGG_PROF=1: perf samples dom0 over the window
# (agg_prof_start SECS), and agg_prof_notes DIR prints the hottest threads
# and symbols as notes: where dom0's CPU per packet goes.
agg_prof_start() {
	[ "${TB_AGG_PROF:-0}" = 1 ] && command -v perf > /dev/null || return 0
	perf record -q -a -e cpu-clock -F 499 -o /tmp/agg.data -- sleep "$1" \
		> /dev/null 2>&1 &
	agg_prof_pid=$!
}
agg_prof_notes() {
	[ -n "${agg_prof_pid:-}" ] || return 0
	wait "$agg_prof_pid"
	agg_prof_pid=
	perf report -i /tmp/agg.data --stdio --no-children --sort comm 2>/dev/null |
		grep -v '^#' | grep . | head -n 8 | sed "s/^/note: agg prof $1 threads: /"
	perf report -i /tmp/agg.data --stdio --no-children --sort comm,sym 2>/dev/null |
		grep -v '^#' | grep . | head -n 30 | sed "s/^/note: agg prof $1: /"
	rm -f /tmp/agg.data
}

# "g1 N1 + g2 N2" from the guests and a list of per-guest packet counts,
# each over SECS seconds, as packets per second.
agg_split() {	# agg_split SECS N1 N2...
	local g secs=$1 out=
	shift
	for g in $(guests); do
		out="$out${out:+ + }$g $((${1:-0} / secs))"
		shift
	done
	echo "$out"
}

# TB_AGG_NOSWITCH=1 takes every guest's vif off xenbr0 while the guests
# send (agg_switch off), as seed 002 measured staging ("excluding other
# bottlenecks in the datapath (the software switch)"): dom0's stack then
# drops each frame in ip_rcv (addressed to another host: xenbr0's MAC),
# so dom0's CPU per packet is the backend's and no longer the bridge's,
# IP's and UDP's, which cost every netback alike.  agg_switch on puts
# them back.
agg_switch() {	# agg_switch off|on
	local g v
	[ "${TB_AGG_NOSWITCH:-0}" = 1 ] || return 0
	for g in $(guests); do
		v=vif$(domid_of "$g").0
		if [ "$1" = off ]; then
			ip link set "$v" nomaster || return 1
		else
			ip link set "$v" master xenbr0 || return 1
		fi
	done
}

# All guests send, dom0 counts on each vif.
agg_tx_run() {
	local g x out mac secs=${TB_PPS_SECS:-5} a b n=0 per= cpu sw=
	mac=$(cat /sys/class/net/xenbr0/address)
	[ "${TB_AGG_NOSWITCH:-0}" = 1 ] && sw="; switch excluded"
	agg_vif_names
	# (the guest's output only when it failed: it is empty otherwise)
	for g in $(guests); do
		out=$(guest "$g" "$(pktgen_setup eth0 192.168.0.1 "$mac" "${TB_PPS_BURST:-1}")") ||
			{ echo "$g: $out"; return 1; }
	done
	for g in $(guests); do
		out=$(guest "$g" "(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &") ||
			{ echo "$g: $out"; return 1; }
	done
	sleep 1
	agg_mark
	agg_prof_start "$secs"
	a=$(agg_vif_rx)
	sleep "$secs"
	b=$(agg_vif_rx)
	# a and b hold one count per guest: walk both lists together
	set -- $b
	for x in $a; do
		per="$per $(($1 - x))"
		n=$((n + $1 - x))
		shift
	done
	cpu=$(agg_note "$n" "$secs")
	agg_prof_notes tx
	for g in $(guests); do
		out=$(guest "$g" "echo stop > /proc/net/pktgen/pgctrl" 60) ||
			{ echo "$g: $out"; return 1; }
	done
	[ "$n" -gt 0 ] || { echo "no packets from any guest ($per)"; return 1; }
	echo "note: pps-agg guests->dom0: $((n / secs)) ($(agg_split "$secs" $per); $cpu$sw)"
}

agg_tx() {
	local rc=0
	agg_switch off || rc=1
	[ $rc = 1 ] && echo "cannot take the vifs off xenbr0"
	[ $rc = 1 ] || agg_tx_run || rc=1
	agg_switch on || { rc=1; echo "cannot put the vifs back on xenbr0"; }
	return $rc
}

# dom0 sends onto every vif from one pktgen thread, each guest counts on
# its eth0.  The thread always serves the device with the earliest next
# send time, which "delay 0" never moves: one vif would take every packet
# (seen: g1 0, g2 12527 pkt/s).  "delay 1" moves it on by 1 ns a packet,
# far behind the clock, so it never waits and the vifs take turns (a vif
# whose queue is stopped still holds the thread until it wakes, with
# every netback alike).  The guests count at once, each timing its own
# window: each starts its count in the background (one quick round trip
# each), dom0 sleeps through the window without a command of its own
# (the guests' command round trips, xenstore-read polled four times a
# second each, took a quarter of dom0's samples when they ran through
# it), then collects.
agg_rx() {
	local g v secs=${TB_PPS_SECS:-5} n=0 per= c cpu rc=0 pg first=1 t0 t1 lost=0
	agg_vif_names
	set -- $agg_vifs
	for g in $(guests); do
		v=$1
		shift
		# pktgen_setup empties kpktgend_0 first: for the first vif only
		pktgen_setup "$v" "$(guest_ip "$g")" "$(guest_mac "$g")" > $TBS/agg.pg
		[ -n "$first" ] || sed -i /rem_device_all/d $TBS/agg.pg
		echo "pg $v 'delay 1'" >> $TBS/agg.pg
		sh $TBS/agg.pg || return 1
		first=
	done
	# (pgctrl's start returns only when pktgen stops)
	(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &
	pg=$!
	sleep 1
	for g in $(guests); do
		# "RECEIVED DROPPED+ERRORS" over the guest's window
		guest "$g" "rm -f /tmp/agg.count; (d=/sys/class/net/eth0/statistics
			c() { echo \$((\$(cat \$d/rx_packets))) \$((\$(cat \$d/rx_dropped) + \$(cat \$d/rx_errors))); }
			set -- \$(c); sleep $secs; set -- \$(c) \$1 \$2
			echo \$((\$1 - \$3)) \$((\$2 - \$4)) > /tmp/agg.count.new
			mv /tmp/agg.count.new /tmp/agg.count) > /dev/null 2>&1 &" > /dev/null ||
			{ echo "$g: cannot start the count"; rc=1; }
	done
	agg_mark
	agg_prof_start "$secs"
	t0=$(agg_vif_tx)
	sleep "$secs"
	t1=$(agg_vif_tx)
	agg_end
	sleep 1
	for g in $(guests); do
		c=$(guest "$g" "i=0; while [ ! -f /tmp/agg.count ] && [ \$i -lt 20 ]; do
			sleep 0.5; i=\$((i + 1)); done; cat /tmp/agg.count" 30)
		case $c in
		*[0-9]' '*[0-9]) set -- $c; c=$1 lost=$((lost + $2)) ;;
		*) echo "$g: no count: $c"; c=0 rc=1 ;;
		esac
		per="$per $c"
		n=$((n + c))
	done
	cpu=$(agg_note "$n" "$secs")
	agg_prof_notes rx
	echo stop > /proc/net/pktgen/pgctrl
	wait $pg
	[ "$n" -gt 0 ] || { echo "no packets reached any guest ($per)"; return 1; }
	# what the vifs passed on and dropped over dom0's window (as long
	# as the guests' counts, a moment later): pktgen's sends beyond
	# these were refused by a stopped queue and retried
	set -- $t0 $t1
	echo "note: pps-agg dom0->guests: $((n / secs)) ($(agg_split "$secs" $per); $cpu; vifs passed $((($3 - $1) / secs))/s, dropped $((($4 - $2) / secs))/s; guests dropped $((lost / secs))/s)"
	return $rc
}

sc_pps_agg() {
	check "aggregate 64-byte packet rate of all guests at once, guests TX (pktgen)" 180 agg_tx
	check "aggregate 64-byte packet rate of all guests at once, guests RX (pktgen)" 180 agg_rx
}
