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

# The counters are read with the shell's own read, not cat in a command
# substitution: a dom0 with one vCPU under TCG, busy with pktgen, took so
# long to fork that the reads stretched a 5 s window by a third (seen:
# the vifs "passed" 48k pkt/s over 5 s to guests that counted 37k).
# agg_ms: milliseconds since boot into agg_t (uptime has hundredths).
agg_ms() {
	local u r
	read -r u r < /proc/uptime
	agg_t=$((${u%.*}${u#*.} * 10))
}

# Every guest's vif's statistic STAT in dom0, in guests' order, into
# agg_cnt.
agg_read_vifs() {	# agg_read_vifs STAT
	local v x
	agg_cnt=
	for v in $agg_vifs; do
		read -r x < "/sys/class/net/$v/statistics/$1"
		agg_cnt="$agg_cnt $x"
	done
}

# Packets per second from two lists of counts (agg_read_vifs) taken MS
# apart: one rate per vif into agg_per, their sum into agg_pps.
agg_rates() {	# agg_rates "BEFORE" "AFTER" MS
	local x before=$1 ms=$3
	agg_per= agg_pps=0
	set -- $2
	for x in $before; do
		agg_per="$agg_per $((($1 - x) * 1000 / ms))"
		agg_pps=$((agg_pps + ($1 - x) * 1000 / ms))
		shift
	done
}

# A window over which CPU and interrupts are counted: agg_mark starts it,
# agg_note PKTS SECS ends it and prints where dom0's and the guests' CPU
# went.  CPU per packet is CPU time per window over packets per second
# (the packets are counted over a little less than the window, timed on
# their own: the rates, not the totals, are compared); agg_per_1000
# works for it too, since usec/packet = ms * 10^6 / (pkt/s * window ms).
agg_mark() {
	agg_ms
	a_t0=$agg_t
	set -- $(agg_cpu_ms)
	a_d0=$1 a_g0=$2
	set -- $(agg_dom0_irqs)
	a_i0=$1
	agg_ctxt
	a_c0=$agg_cs
}
# N events over MS milliseconds at PPS packets per second, per 1000
# packets with one decimal (bench.sh's per_1000 takes counts instead).
agg_per_1000() {	# agg_per_1000 N PPS MS
	local x=$(($1 * 10000000 / ($2 * $3)))
	echo "$((x / 10)).$((x % 10))"
}
# agg_end closes the window, agg_note then prints it (so that what comes
# between, e.g. collecting the guests' counts, is not in it).
agg_end() {
	agg_ms
	a_t1=$agg_t
	agg_ctxt
	a_end="$(agg_cpu_ms) $(agg_dom0_irqs) $agg_cs"
}
# dom0's context switches so far, into agg_cs (every switch between the
# sender and a vif's kthread on a one-vCPU dom0 costs it hypercalls)
agg_ctxt() {
	local k v
	while read -r k v; do
		[ "$k" = ctxt ] && { agg_cs=$v; return 0; }
	done < /proc/stat
	agg_cs=0
}
agg_note() {	# agg_note PKT/S
	local t d g i c pps=$1
	t=$((a_t1 - a_t0))
	set -- "$1" $a_end
	d=$(($2 - a_d0)) g=$(($3 - a_g0)) i=$(($4 - a_i0)) c=$(($6 - a_c0))
	[ "$t" -gt 0 ] && [ "$pps" -gt 0 ] || { echo "no packets"; return 0; }
	echo "dom0 $(nproc) vCPU at $((d * 100 / t))%, $(agg_per_1000 "$d" "$pps" "$t") usec/packet; guests at $((g * 100 / t))%, $(agg_per_1000 "$g" "$pps" "$t") usec/packet; $(agg_per_1000 "$i" "$pps" "$t") dom0 irqs/1000 ($i on $5 vif channels in $t ms); $(agg_per_1000 "$c" "$pps" "$t") dom0 context switches/1000"
}

# TB_PERF=1 with TB_AGG_PROF=1: perf samples dom0 over the window
# (agg_prof_start SECS), and agg_prof_notes DIR prints the hottest threads
# and symbols as notes: where dom0's CPU per packet goes.
# TB_AGG_PROF=g records call chains too, and the notes add the callers of
# the hypercall stub (in a PV dom0 every hypercall goes through it).
agg_prof_start() {
	local g=
	[ "${TB_AGG_PROF:-0}" != 0 ] && command -v perf > /dev/null || return 0
	[ "${TB_AGG_PROF}" = g ] && g=-g
	perf record -q -a $g -e cpu-clock -F 499 -o /tmp/agg.data -- sleep "$1" \
		> /dev/null 2>&1 &
	agg_prof_pid=$!
}
agg_prof_notes() {
	[ -n "${agg_prof_pid:-}" ] || return 0
	wait "$agg_prof_pid"
	agg_prof_pid=
	perf report -i /tmp/agg.data --stdio --no-children --sort comm -g none \
		2>/dev/null | grep -v '^#' | grep . | head -n 8 |
		sed "s/^/note: agg prof $1 threads: /"
	perf report -i /tmp/agg.data --stdio --no-children --sort comm,sym -g none \
		2>/dev/null | grep -v '^#' | grep . | head -n 30 |
		sed "s/^/note: agg prof $1: /"
	[ "${TB_AGG_PROF}" != g ] ||
		perf report -i /tmp/agg.data --stdio --no-children --sort sym \
			--symbols xen_hypercall_pv -g caller,0.5,callee,function,percent \
			2>/dev/null | grep -v '^#' | grep . | head -n 60 |
			sed "s/^/note: agg prof $1 hypercalls: /"
	rm -f /tmp/agg.data
}

# TB_AGG_GPROF=1 (with TB_PERF=1): perf samples the first guest over its
# own RX window too (agg_gprof_cmd, started with its count), and
# agg_gprof_notes prints its hottest symbols: where a guest's CPU per
# received packet goes.
agg_gprof_cmd() {	# agg_gprof_cmd GUEST: a command to run in the background
	[ "${TB_AGG_GPROF:-0}" = 1 ] && [ "$1" = "$(guests | head -n 1)" ] || return 0
	echo "(sleep 3; perf record -q -a -g -e cpu-clock -F 499 -o /tmp/gprof.data \
		-- sleep ${TB_PPS_SECS:-5}; mv /tmp/gprof.data /tmp/gprof.done) \
		> /dev/null 2>&1 &"
}
agg_gprof_notes() {
	local g out
	[ "${TB_AGG_GPROF:-0}" = 1 ] || return 0
	g=$(guests | head -n 1)
	out=$(guest "$g" "i=0; while [ ! -f /tmp/gprof.done ] && [ \$i -lt 40 ]; do
		sleep 0.5; i=\$((i + 1)); done
		perf report -i /tmp/gprof.done --stdio --no-children --sort comm \
		-g none 2>/dev/null | grep -v '^#' | grep . | head -n 8
		perf report -i /tmp/gprof.done --stdio --no-children --sort comm,sym \
		-g none 2>/dev/null | grep -v '^#' | grep . | head -n 40 | cut -c1-90
		perf report -i /tmp/gprof.done --stdio --no-children --sort sym \
		--symbols xen_hypercall_pv -g caller,0.5,callee,function,percent \
		2>/dev/null | grep -v '^#' | grep . | head -n 80 | cut -c1-120
		rm -f /tmp/gprof.done" 120)
	echo "$out" | sed "s/^/note: agg prof $g rx: /"
}

# "g1 R1 + g2 R2" from the guests and their packet rates.
agg_split() {	# agg_split R1 R2...
	local g out=
	for g in $(guests); do
		out="$out${out:+ + }$g ${1:-0}"
		shift
	done
	echo "$out"
}

# TB_AGG_NOSWITCH=1 takes every guest's vif off xenbr0 while the guests
# send (agg_noswitch on), as seed 002 measured staging ("excluding other
# bottlenecks in the datapath (the software switch)"): dom0's stack then
# drops each frame in ip_rcv (addressed to another host: xenbr0's MAC),
# so dom0's CPU per packet is the backend's and no longer the bridge's,
# IP's and UDP's, which cost every netback alike.  agg_noswitch off puts
# them back.
agg_noswitch() {	# agg_noswitch on|off
	local v how=nomaster
	[ "${TB_AGG_NOSWITCH:-0}" = 1 ] || return 0
	[ "$1" = on ] || how="master xenbr0"
	agg_vif_names
	for v in $agg_vifs; do
		ip link set "$v" $how ||
			{ echo "ip link set $v $how failed"; return 1; }
	done
}

# agg_with SETUP RUN [ARGS]: "SETUP on", RUN ARGS, then "SETUP off"
# whatever RUN did; fails if any of them did.
agg_with() {
	local setup=$1 rc=0
	shift
	"$setup" on || rc=1
	[ $rc = 1 ] || "$@" || rc=1
	"$setup" off || rc=1
	return $rc
}

# All guests send, dom0 counts on each vif.
agg_tx_run() {
	local g out mac secs=${TB_PPS_SECS:-5} a ta cpu sw=
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
	agg_ms
	ta=$agg_t
	agg_read_vifs rx_packets
	a=$agg_cnt
	sleep "$secs"
	agg_read_vifs rx_packets
	agg_ms
	agg_rates "$a" "$agg_cnt" $((agg_t - ta))
	agg_end
	cpu=$(agg_note "$agg_pps")
	agg_prof_notes tx
	for g in $(guests); do
		out=$(guest "$g" "echo stop > /proc/net/pktgen/pgctrl" 60) ||
			{ echo "$g: $out"; return 1; }
	done
	[ "$agg_pps" -gt 0 ] || { echo "no packets from any guest ($agg_per)"; return 1; }
	echo "note: pps-agg guests->dom0: $agg_pps ($(agg_split $agg_per); $cpu$sw)"
}

agg_tx() { agg_with agg_noswitch agg_tx_run; }

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
agg_rx_run() {
	local g v secs=${TB_PPS_SECS:-5} per= c cpu rc=0 pg first=1
	local pps=0 lost=0 how= s0 d0 ta ms drop
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
	# Each guest starts counting 3 s after it is asked, and dom0 3 s
	# after it asked the last: none of the windows then holds dom0's
	# own work of starting them (the guests' round trips, xl in
	# agg_mark), which slowed what the guests received while it ran
	# (counted through it, the guests saw 20-55 % fewer packets than
	# the vifs passed over a window of the same length).
	for g in $(guests); do
		# "MS RECEIVED DROPPED+ERRORS" over the guest's own window, read
		# as dom0 reads (no fork inside it)
		guest "$g" "rm -f /tmp/agg.count; (d=/sys/class/net/eth0/statistics
			sleep 3
			read -r u0 r < /proc/uptime; read -r p0 < \$d/rx_packets
			read -r x0 < \$d/rx_dropped; read -r e0 < \$d/rx_errors
			sleep $secs
			read -r p1 < \$d/rx_packets; read -r x1 < \$d/rx_dropped
			read -r e1 < \$d/rx_errors; read -r u1 r < /proc/uptime
			echo \$(((\${u1%.*}\${u1#*.} - \${u0%.*}\${u0#*.}) * 10)) \$((p1 - p0)) \$((x1 + e1 - x0 - e0)) > /tmp/agg.count.new
			mv /tmp/agg.count.new /tmp/agg.count) > /dev/null 2>&1 &
			$(agg_gprof_cmd "$g")" > /dev/null ||
			{ echo "$g: cannot start the count"; rc=1; }
	done
	agg_ms
	ta=$((agg_t + 3000))
	agg_mark
	agg_ms
	[ "$agg_t" -ge "$ta" ] || sleep "$(((ta - agg_t) / 1000)).$((((ta - agg_t) % 1000) / 100))"
	agg_prof_start "$secs"
	agg_ms
	ta=$agg_t
	agg_read_vifs tx_packets
	s0=$agg_cnt
	agg_read_vifs tx_dropped
	d0=$agg_cnt
	sleep "$secs"
	agg_read_vifs tx_dropped
	agg_ms
	ms=$((agg_t - ta))
	agg_rates "$d0" "$agg_cnt" $ms
	drop=$agg_pps
	agg_read_vifs tx_packets
	agg_rates "$s0" "$agg_cnt" $ms
	agg_end
	sleep 1
	for g in $(guests); do
		c=$(guest "$g" "i=0; while [ ! -f /tmp/agg.count ] && [ \$i -lt 20 ]; do
			sleep 0.5; i=\$((i + 1)); done; cat /tmp/agg.count" 30)
		case $c in
		[1-9]*' '*[0-9]' '*[0-9])
			set -- $c
			per="$per $(($2 * 1000 / $1))"
			pps=$((pps + $2 * 1000 / $1))
			lost=$((lost + $3 * 1000 / $1)) ;;
		*) echo "$g: no count: $c"; per="$per 0" rc=1 ;;
		esac
	done
	# XDP_DROP in the guests: they count nothing; what the vifs passed to
	# their rings over dom0's window is what they took
	if [ "${TB_AGG_XDP:-0}" = 1 ]; then
		how="; the guests drop with XDP, counted at the vifs"
		pps=$agg_pps per=$agg_per
	fi
	cpu=$(agg_note "$pps")
	agg_prof_notes rx
	agg_gprof_notes
	echo stop > /proc/net/pktgen/pgctrl
	wait $pg
	[ "$pps" -gt 0 ] || { echo "no packets reached any guest ($per)"; return 1; }
	# what the vifs passed on and dropped over dom0's window (as long
	# as the guests' counts, from about the same moment): pktgen's
	# sends beyond these were refused by a stopped queue and retried
	echo "note: pps-agg dom0->guests: $pps ($(agg_split $per); $cpu; vifs passed $agg_pps/s, dropped $drop/s; guests dropped $lost/s$how)"
	return $rc
}

# TB_AGG_XDP=1: every guest drops what it receives in an XDP program
# (xdp/xdp_drop.c) for agg_rx's window, as seed 002 also measured staging
# ("drop with guest XDP_DROP prog"): the guests' network stacks, which
# cost every netfront alike, are out of the measurement.
agg_xdp() {	# agg_xdp on|off
	local g rc=0
	[ "${TB_AGG_XDP:-0}" = 1 ] || return 0
	for g in $(guests); do
		if [ "$1" = on ]; then
			nf_xdp_attach "$g" xdp_drop > /dev/null ||
				{ echo "$g: cannot attach xdp_drop"; rc=1; }
		else
			nf_xdp_off "$g" > /dev/null ||
				{ echo "$g: cannot detach xdp_drop"; rc=1; }
		fi
	done
	return $rc
}

agg_rx() { agg_with agg_xdp agg_rx_run; }

sc_pps_agg() {
	check "aggregate 64-byte packet rate of all guests at once, guests TX (pktgen)" 180 agg_tx
	check "aggregate 64-byte packet rate of all guests at once, guests RX (pktgen)" 180 agg_rx
}
