# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmark probes (not pass/fail speed tests): they fail only when no
# traffic moves at all, and print rates as "note:" lines for
# tools/testing/bench/ to collect.  Under TCG only ratios between drivers
# measured in the same boot mean anything.

# Write one pktgen command: pg FILE "command" (FILE under /proc/net/pktgen).
PG_FN='pg() { echo "$2" > /proc/net/pktgen/$1 || { echo "pktgen: $1: $2 refused"; exit 1; }; }'

# Shell text that points kpktgend_0 at DEV sending 60-byte UDP frames
# (64 on the wire with the FCS) to DST / DMAC, for ever, handing the
# driver each skb BURST times in a row (default 1), all but the last with
# xmit_more: pktgen then allocates one skb per BURST packets and the
# driver may notify its peer once per BURST.  Only a netfront takes a
# burst: a vif queues skbs on a list, so netbacks refuse shared skbs.
pktgen_setup() {	# pktgen_setup DEV DST DMAC [BURST]
	cat <<SETUP
$PG_FN
# the guest keeps pktgen.ko in /lib/tb, dom0 in /lib/tb/mods
for m in /lib/tb/pktgen.ko /lib/tb/mods/pktgen.ko; do
	[ -d /proc/net/pktgen ] || { [ -f \$m ] && insmod \$m; }
done
[ -d /proc/net/pktgen ] || { echo "no pktgen"; exit 1; }
pg kpktgend_0 rem_device_all
pg kpktgend_0 "add_device $1"
pg $1 "count 0"
pg $1 "pkt_size 60"
pg $1 "delay 0"
pg $1 "clone_skb 0"
pg $1 "burst ${4:-1}"
pg $1 "dst $2"
pg $1 "dst_mac $3"
pg $1 "udp_dst_min 9"
pg $1 "udp_dst_max 9"
SETUP
}

rx_count() { cat "/sys/class/net/$1/statistics/rx_packets"; }

# Milliseconds of CPU Xen has given domain $1 (all its vCPUs) so far.
dom_cpu_ms() {
	xl vcpu-list "$1" 2>/dev/null |
		awk 'NR > 1 { s += $6 } END { printf "%d\n", s * 1000 }'
}
# (busybox date has no %N: milliseconds from /proc/uptime)
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# The guest's side of a window's counts, one round trip: "PACKETS IRQS
# NOTIFIES PAGES": packets its eth0 sent (DIR tx) or received (rx), the
# interrupts on its netfront's event channels (ours names them
# eth0-qN[-tx|-rx], the stock netfront vif0-qN[-tx|-rx]: it binds them
# before the netdev has its name), the notifications ours sent on DIR's
# ring (ethtool -S {tx,rx}_queue_N_notifies; "-" for the stock
# netfront, which has no such counter) and the pages the guest's kernel
# allocated (/proc/vmstat pgalloc_*).  (rogue.sh has a guest_irqs of
# its own: names here are kept apart.)
guest_counts() {	# guest_counts GUEST tx|rx
	guest "$1" "printf '%d ' \$(cat /sys/class/net/eth0/statistics/$2_packets)
	awk '\$NF ~ /^(eth0|vif0)-q[0-9]/ {
		for (i = 2; i <= NF && \$i ~ /^[0-9]+\$/; i++) s += \$i }
		END { printf \"%d \", s }' /proc/interrupts
	ethtool -S eth0 2>/dev/null | awk '\$1 ~ /^$2_queue_[0-9]+_notifies:\$/ {
		s += \$2; n++ } END { if (n) printf \"%d \", s; else printf \"- \" }'
	awk '/^pgalloc_/ { s += \$2 } END { print s }' /proc/vmstat"
}

# Interrupts dom0 took on guest DOMID's vif event channels so far (ours
# and the stock netback both name them vifD.0-qN[-tx|-rx]).
dom0_irqs() {
	awk -v p="vif$1.0-q" 'index($0, p) {
		for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i }
		END { print s + 0 }' /proc/interrupts
}

# Times the backend's kernel threads for guest DOMID's vif went to sleep
# so far (voluntary context switches: one per wake-up that found work).
dom0_sleeps() {
	local f c s=0
	for f in /proc/[0-9]*/comm; do
		read -r c < "$f" 2>/dev/null || continue
		case $c in
		"vif$1.0-q"*)
			c=$(awk '/^voluntary_ctxt_switches/ { print $2 }' \
				"${f%/comm}/status" 2>/dev/null)
			s=$((s + ${c:-0})) ;;
		esac
	done
	echo "$s"
}

# dom0's side of a window's counts: "PACKETS IRQS SLEEPS COPY_OPS
# COPY_CALLS NOTIFIES PAGES": the packets guest DOMID's vif received
# (DIR tx, the guest's TX) or sent (rx), dom0's interrupts on the vif,
# the backend threads' sleeps, the grant-copy ops and GNTTABOP_copy
# hypercalls our netback issued for DIR and the notifications it sent
# (ethtool -S {rx,tx}_copy_ops/_copy_calls/_notifies in the netdev's
# names, "rx" being the guest's TX; "- - -" for the stock netback,
# which counts none of them), then the pages dom0's kernel allocated.
dom0_counts() {	# dom0_counts DOMID tx|rx
	local p=rx v=vif$1.0
	[ "$2" = rx ] && p=tx
	printf '%d %d %d ' "$(cat "/sys/class/net/$v/statistics/${p}_packets")" \
		"$(dom0_irqs "$1")" "$(dom0_sleeps "$1")"
	ethtool -S "$v" 2>/dev/null | awk -v p="$p" '
		$1 == p "_copy_ops:" { o = $2; n++ }
		$1 == p "_copy_calls:" { c = $2 }
		$1 == p "_notifies:" { f = $2 }
		END { if (n) printf "%d %d %d ", o, c, f; else printf "- - - " }'
	awk '/^pgalloc_/ { s += $2 } END { print s }' /proc/vmstat
}

# Events per 1000 packets, one decimal (NAPI keeps a busy queue polling,
# so under one per 1000 is common and must not print as 0), from the
# counts before and after: "n/a" where one is missing ("-": a stock
# driver has no such counter; empty: a read failed) or no packet moved.
per_1000() {	# per_1000 EVENTS0 EVENTS1 PACKETS0 PACKETS1
	local x a
	for a in "$1" "$2" "$3" "$4"; do
		case $a in ''|*[!0-9]*) echo "n/a"; return ;; esac
	done
	[ "$4" -gt "$3" ] || { echo "n/a"; return; }
	x=$((($2 - $1) * 10000 / ($4 - $3)))
	echo "$((x / 10)).$((x % 10))"
}

# Where the CPU went while packets moved: win_mark GUEST DIR starts a
# window, win_note GUEST ends it and prints each domain's share of one
# CPU, the CPU microseconds per packet of both together (what a faster
# datapath saves even when one side is saturated), and counts per 1000
# packets, exact where timings drift under TCG: the guest's netfront
# interrupts, dom0's interrupts on the vif, the backend threads' sleeps,
# the backend's grant copies and copy hypercalls, the notifications each
# end sent on DIR's ring and the pages each kernel allocated ("n/a"
# where a stock driver has no counter).  Each end's counts are divided
# by the packets that end counted in the same reads: the guest's cost a
# round trip, so they are read outside dom0's window.
win_mark() {
	w_dom=$(domid_of "$1") w_dir=$2
	w_gc0=$(guest_counts "$1" "$2")
	w_t0=$(now_ms) w_g0=$(dom_cpu_ms "$1") w_d0=$(dom_cpu_ms Domain-0)
	w_dc0=$(dom0_counts "$w_dom" "$2")
}

win_note() {
	local t g d gc dc name=$1 w
	t=$(($(now_ms) - w_t0))
	g=$(($(dom_cpu_ms "$1") - w_g0))
	d=$(($(dom_cpu_ms Domain-0) - w_d0))
	dc=$(dom0_counts "$w_dom" "$w_dir")
	gc=$(guest_counts "$1" "$w_dir")
	# $1..$4 the guest's before, $5..$8 after; $9..$15 dom0's before,
	# ${16}..${22} after (see guest_counts and dom0_counts)
	set -- $w_gc0 $gc $w_dc0 $dc
	[ $# -eq 22 ] || set -- - - - - - - - - - - - - - - - - - - - - - -
	[ "$t" -gt 0 ] && [ "$9" != - ] && [ "${16}" -gt "$9" ] || return 0
	w="$(per_1000 "$2" "$6" "$1" "$5") guest irqs/1000 packets"
	w="$w, $(per_1000 "${10}" "${17}" "$9" "${16}") dom0 irqs/1000"
	w="$w, $(per_1000 "${11}" "${18}" "$9" "${16}") backend sleeps/1000"
	w="$w, $(per_1000 "${12}" "${19}" "$9" "${16}") grant copies/1000"
	w="$w, $(per_1000 "${13}" "${20}" "$9" "${16}") copy hypercalls/1000"
	w="$w, $(per_1000 "${14}" "${21}" "$9" "${16}") backend notifies/1000"
	w="$w, $(per_1000 "$3" "$7" "$1" "$5") frontend notifies/1000"
	w="$w, $(per_1000 "${15}" "${22}" "$9" "${16}") dom0 pages/1000"
	w="$w, $(per_1000 "$4" "$8" "$1" "$5") guest pages/1000"
	echo "cpu: $name $((g * 100 / t))%, dom0 $((d * 100 / t))%, $(((g + d) * 1000 / (${16} - $9))) usec/packet, $w"
}

# Packets per second counted at the receiver over TB_PPS_SECS seconds.
pps_guest_tx() {	# the guest sends, dom0 counts on the vif
	local g=$1 vif a b secs=${TB_PPS_SECS:-5} mac cpu
	vif=vif$(domid_of "$g").0
	mac=$(cat /sys/class/net/xenbr0/address)
	# TB_PPS_BURST: see pktgen_setup
	guest "$g" "$(pktgen_setup eth0 192.168.0.1 "$mac" "${TB_PPS_BURST:-1}")" ||
		return 1
	guest "$g" "(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &" ||
		return 1
	sleep 1
	win_mark "$g" tx
	a=$(rx_count "$vif")
	sleep "$secs"
	b=$(rx_count "$vif")
	cpu=$(win_note "$g")
	guest "$g" "echo stop > /proc/net/pktgen/pgctrl" 60 || return 1
	[ "$b" -gt "$a" ] || { echo "no packets from $g"; return 1; }
	echo "note: pps $g->dom0: $(((b - a) / secs)) ($cpu)"
}

pps_guest_rx() {	# dom0 sends onto the vif, the guest counts on eth0
	local g=$1 vif n secs=${TB_PPS_SECS:-5} mac cpu
	vif=vif$(domid_of "$g").0
	mac=$(guest "$g" "cat /sys/class/net/eth0/address") || return 1
	sh -c "$(pktgen_setup "$vif" "$(guest_ip "$g")" "$mac")" || return 1
	(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &
	sleep 1
	# The guest times its own count: a round trip to it takes a while
	# (so the CPU window is a little longer than the count's).
	win_mark "$g" rx
	n=$(guest "$g" "f=/sys/class/net/eth0/statistics/rx_packets
		a=\$(cat \$f); sleep $secs; b=\$(cat \$f); echo \$((b - a))" 120)
	cpu=$(win_note "$g")
	echo stop > /proc/net/pktgen/pgctrl
	wait
	[ -n "$n" ] && [ "$n" -gt 0 ] || { echo "no packets reached $g ($n)"; return 1; }
	echo "note: pps dom0->$g: $((n / secs)) ($cpu)"
}

# Start pktgen for a profile: DIR rx sends from dom0 to GUEST's vif, tx
# from the guest to dom0 (burst TB_PPS_BURST); prof_pg_stop ends it.
# Sets prof_st to the vif statistic that counts what moves (not printed:
# dom0's pktgen must stay this shell's job, for prof_pg_stop's wait).
prof_pg_start() {	# prof_pg_start GUEST rx|tx
	local g=$1 vif mac
	vif=vif$(domid_of "$g").0
	if [ "$2" = rx ]; then
		mac=$(guest "$g" "cat /sys/class/net/eth0/address") || return 1
		sh -c "$(pktgen_setup "$vif" "$(guest_ip "$g")" "$mac")" || return 1
		(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &
		# the vif sends what the guest receives
		prof_st=/sys/class/net/$vif/statistics/tx_packets
	else
		mac=$(cat "/sys/class/net/$vif/address")
		guest "$g" "$(pktgen_setup eth0 192.168.0.1 "$mac" "${TB_PPS_BURST:-1}")" ||
			return 1
		guest "$g" "(echo start > /proc/net/pktgen/pgctrl) > /dev/null 2>&1 &" ||
			return 1
		prof_st=/sys/class/net/$vif/statistics/rx_packets
	fi
}
prof_pg_stop() {	# prof_pg_stop GUEST rx|tx
	if [ "$2" = rx ]; then
		echo stop > /proc/net/pktgen/pgctrl
		wait
	else
		guest "$1" "echo stop > /proc/net/pktgen/pgctrl" 60 > /dev/null
	fi
}

# Where dom0's CPU goes while pktgen sends DIR (rx: dom0 to the guest,
# tx: the guest to dom0) at 64-byte packets: perf (TB_PERF=1 puts it in
# dom0) samples every CPU by the clock, the notes give the hottest
# symbols overall and those of the backend's threads (comm vif*) alone.  Under TCG
# the shares, not the times, mean something.
prof_dom0() {	# prof_dom0 GUEST rx|tx
	local g=$1 dir=$2 n st r=/tmp/prof.data
	command -v perf > /dev/null || { echo "no perf in dom0 (TB_PERF=1)"; return 1; }
	prof_pg_start "$g" "$dir" || return 1
	st=$prof_st
	sleep 1
	n=$(cat "$st")
	perf record -q -a -e cpu-clock -F 499 -o $r -- sleep "${TB_PPS_SECS:-5}" \
		> /dev/null 2>&1
	n=$(($(cat "$st") - n))
	prof_pg_stop "$g" "$dir"
	[ -s $r ] || { echo "perf recorded nothing"; return 1; }
	# a profile of a window that moved nothing shows nothing
	[ "$n" -gt 0 ] || { echo "no packets through the vif while perf ran"; return 1; }
	echo "note: prof $dir: $((n / ${TB_PPS_SECS:-5})) packets/s through the vif while sampled"
	perf report -i $r --stdio --no-children --sort comm 2>/dev/null |
		grep -v '^#' | grep . | head -n 8 | sed "s/^/note: prof $dir threads: /"
	perf report -i $r --stdio --no-children --sort comm,sym 2>/dev/null |
		grep -v '^#' | grep . > /tmp/prof.txt
	head -n 30 /tmp/prof.txt | sed "s/^/note: prof $dir all: /"
	grep " vif" /tmp/prof.txt | head -n 25 | sed "s/^/note: prof $dir vif threads: /"
	rm -f $r
}

# The same from inside GUEST: where the guest's CPU goes (TB_PERF=1 puts
# perf in the guest's image too).  The guest answers through XenStore,
# whose values hold 4 KiB: the hottest 40 symbols, cut to 90 columns.
# With TB_AGG_NOSWITCH=1 the guests' vifs are off xenbr0 while it runs
# (bench-agg.sh agg_noswitch).
prof_guest() { agg_with agg_noswitch prof_guest_run "$@"; }	# GUEST rx|tx
prof_guest_run() {
	local g=$1 dir=$2 n x st out t r=/tmp/prof.data
	guest "$g" "command -v perf" > /dev/null ||
		{ echo "no perf in $g (TB_PERF=1)"; return 1; }
	prof_pg_start "$g" "$dir" || return 1
	st=$prof_st
	sleep 1
	# the count spans the round trip and perf's report too: timed, so
	# the rate is over what it spans (bench-agg.sh agg_ms)
	agg_ms
	t=$agg_t
	read -r n < "$st"
	out=$(guest "$g" "perf record -q -a -e cpu-clock -F 499 -o $r -- \
		sleep ${TB_PPS_SECS:-5} > /dev/null 2>&1
		perf report -i $r --stdio --no-children --sort sym 2>/dev/null |
		grep -v '^#' | grep . | head -n 40 | cut -c1-90; rm -f $r" 120)
	read -r x < "$st"
	agg_ms
	n=$((x - n)) t=$((agg_t - t))
	prof_pg_stop "$g" "$dir"
	[ "$n" -gt 0 ] || { echo "no packets through the vif while perf ran"; return 1; }
	[ -n "$out" ] || { echo "perf in $g reported nothing"; return 1; }
	echo "note: prof guest $dir: $((n * 1000 / t)) packets/s through the vif over $t ms, while sampled and after"
	echo "$out" | sed "s/^/note: prof guest $dir: /"
}

sc_prof() {
	local g
	for g in $(guests); do
		check "$g dom0 profile, guest RX (pktgen, perf)" 180 prof_dom0 "$g" rx
		check "$g dom0 profile, guest TX (pktgen, perf)" 180 prof_dom0 "$g" tx
	done
}

sc_prof_guest() {
	local g
	for g in $(guests); do
		check "$g guest profile, guest RX (pktgen, perf)" 180 prof_guest "$g" rx
		check "$g guest profile, guest TX (pktgen, perf)" 180 prof_guest "$g" tx
	done
}

sc_pps() {
	local g
	for g in $(guests); do
		check "$g 64-byte packet rate, guest TX (pktgen)" 120 pps_guest_tx "$g"
		check "$g 64-byte packet rate, guest RX (pktgen)" 120 pps_guest_rx "$g"
	done
}

# Two TCP flows each way (iperf3 -P 2): what a second queue buys (issue
# 17 part 5; bench/ab-pps -c iperf2 with max_queues=1 and 2).  Notes: the
# sum, the window's CPU and counts (win_note), and the interrupts each
# queue took at both ends in the window, which say whether the two flows
# spread over the queues (the flow hash decides, run by run).
# QIRQ_AWK: interrupts per queue 0..nq-1 on the /proc/interrupts lines
# whose name matches regex p followed by the queue number.
QIRQ_AWK='{ n = $NF; if (n !~ p) next; sub(p, "", n); q = n + 0
	for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s[q] += $i }
	END { for (q = 0; q < nq; q++) printf "%d ", s[q]; print "" }'
q_delta() {	# q_delta "A0 A1 ..." "B0 B1 ...": "q0 +N, q1 +M"
	echo "$1|$2" | awk -F'|' '{ split($1, a, " "); m = split($2, b, " ")
		for (i = 1; i <= m; i++)
			printf "%sq%d +%d", (i > 1 ? ", " : ""), i - 1, b[i] - a[i]
		print "" }'
}
iperf2_one() {
	local g=$1 ip d nq dir w out r dn cpu g0 g1 d0 d1 gp dp
	ip=$(guest_ip "$g")
	d=$(domid_of "$g")
	nq=$(xenstore-read "$(fe_path "$g")/multi-queue-num-queues" 2>/dev/null || echo 1)
	gp='^(eth0|vif0)-q' dp="^vif$d[.]0-q"
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" || return 1
	sleep 1
	for dir in "" "-R"; do
		# iperf3's client sends: dom0 (the guest's RX) or, with -R, the guest
		if [ -z "$dir" ]; then w=rx dn="dom0->$g"; else w=tx dn="$g->dom0"; fi
		g0=$(guest "$g" "awk -v nq=$nq -v p='$gp' '$QIRQ_AWK' /proc/interrupts")
		d0=$(awk -v nq="$nq" -v p="$dp" "$QIRQ_AWK" /proc/interrupts)
		win_mark "$g" "$w"
		out=$(iperf3 -c "$ip" -P 2 -t "${TB_IPERF_SECS:-4}" $dir 2>&1)
		cpu=$(win_note "$g")
		g1=$(guest "$g" "awk -v nq=$nq -v p='$gp' '$QIRQ_AWK' /proc/interrupts")
		d1=$(awk -v nq="$nq" -v p="$dp" "$QIRQ_AWK" /proc/interrupts)
		r=$(echo "$out" | grep '^\[SUM\].* receiver$' | tail -1)
		[ -n "$r" ] || { echo "$out" | tail -5; return 1; }
		case "$r" in *" 0.00 bits/sec"*) echo "$r"; return 1 ;; esac
		echo "note: iperf3x2 $dn: $(echo "$r" | grep -oE '[0-9.]+ [KMG]?bits/sec') ($cpu; $nq queue(s), guest irqs $(q_delta "$g0" "$g1"), dom0 irqs $(q_delta "$d0" "$d1"))"
	done
}
sc_iperf2() { each_guest "iperf3 with two flows both ways (notes)" 180 iperf2_one; }

# Jumbo frames for the benchmarks after it in the step (bench/ab-pps -c
# "mtu9000 iperf"): MTU 9000 on the guest's eth0 and its vif; xenbr0
# must follow its only port by itself (set by hand, it would keep 9000
# for the steps after), each MTU read back, and a 8972-byte ping must
# pass both ways (busybox's ping has no -M: the MTUs read back are what
# says the frames are not fragmented).
mtu9000_one() {
	local g=$1 v ip
	v=vif$(domid_of "$g").0
	ip=$(guest_ip "$g")
	ip link set "$v" mtu 9000 || return 1
	guest "$g" "ip link set eth0 mtu 9000 &&
		[ \$(cat /sys/class/net/eth0/mtu) = 9000 ]" || return 1
	[ "$(cat /sys/class/net/$v/mtu)" = 9000 ] || { echo "$v MTU not 9000"; return 1; }
	[ "$(cat /sys/class/net/xenbr0/mtu)" = 9000 ] ||
		{ echo "xenbr0 did not follow $v to MTU 9000"; return 1; }
	ping -c 2 -W 2 -s 8972 "$ip" > /dev/null ||
		{ echo "no 9000-byte ping to $g"; return 1; }
	guest "$g" "ping -c 2 -W 2 -s 8972 192.168.0.1 > /dev/null" ||
		{ echo "no 9000-byte ping from $g"; return 1; }
	echo "note: $g: MTU 9000 on eth0, $v and xenbr0"
}
sc_mtu9000() { each_guest "MTU 9000 for the benchmarks that follow" 60 mtu9000_one; }

# UDP ping-pong latency dom0 <-> guest (sockperf), average in microseconds.
latency_one() {
	local g=$1 ip out avg
	ip=$(guest_ip "$g")
	guest "$g" "pidof sockperf > /dev/null ||
		(sockperf server -i $ip -p 11111 > /dev/null 2>&1 &)" || return 1
	sleep 1
	out=$(sockperf ping-pong -i "$ip" -p 11111 -t "${TB_LAT_SECS:-5}" 2>&1)
	avg=$(echo "$out" | grep -o 'avg-latency=[0-9.]*' | cut -d= -f2)
	[ -n "$avg" ] || { echo "$out" | tail -5; return 1; }
	echo "note: latency dom0<->$g: $avg usec"
}
sc_latency() { each_guest "UDP ping-pong latency (sockperf)" 120 latency_one; }

# dom0 memory per vif (issues 17 and 18): with the guest's netfront
# unloaded, N (TB_IDLE_VIFS, default 8) vifs attached stay idle in
# InitWait; dom0's MemAvailable and Slab before and after, per vif, and
# the kernel threads they added.  Then the netfront loaded: every vif
# connects (one queue each in a 1-vCPU guest), and the same per connected
# vif.  Notes only: a benchmark (plans/idle-vifs.plan runs it for both
# netbacks, alternating, in one boot).
# "MemAvailable Slab vif-threads" of dom0, caches dropped first.
dom0_sample() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 3
	awk '/^MemAvailable:/ { a = $2 } /^Slab:/ { s = $2 } END { printf "%s %s ", a, s }' /proc/meminfo
	ps | grep -c '\[vif'
}
vifs_wait() {	# vifs_wait GUEST FIRST LAST STATE SECS
	local i rc=0
	for i in $(seq "$2" "$3"); do
		wait_for "$5" xs_is "$(be_path "$1" "$i")/state" "$4" ||
			{ echo "vif $i not in state $4"; rc=1; }
	done
	return $rc
}
idle_vifs_one() {
	local g=$1 n=${TB_IDLE_VIFS:-8} i s0 s1 s2 rc=0
	guest "$g" "d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do echo \${v##*/} > \$d/unbind; done
		rmmod xen_netfront" > /dev/null || return 1
	s0=$(dom0_sample)
	for i in $(seq 1 "$n"); do
		xl network-attach "$g" "mac=00:16:3e:01:$(printf %02x "$i"):00" \
			bridge=xenbr1 script=vif-test || { rc=1; break; }
	done
	vifs_wait "$g" 1 "$n" 2 60 || rc=1
	s1=$(dom0_sample)
	guest "$g" "tb-load-front /lib/tb/$front/xen-netfront.ko" > /dev/null || rc=1
	vifs_wait "$g" 0 "$n" 4 90 ||
		{ rc=1; guest "$g" "dmesg | grep -E 'vif|xen' | tail -n 25"; }
	s2=$(dom0_sample)
	set -- $s0 $s1 $s2
	echo "note: idle vifs ($back back): $n idle: MemAvailable -$((($1 - $4) / n)) kB/vif, Slab +$((($5 - $2) / n)) kB/vif, threads +$(($6 - $3)); connected ($front front): MemAvailable -$((($4 - $7) / (n + 1))) kB/vif, Slab +$((($8 - $5) / (n + 1))) kB/vif, threads +$(($9 - $6))"
	for i in $(seq 1 "$n"); do
		xl network-detach "$g" "$i" || rc=1
	done
	connect_one "$g" > /dev/null || rc=1
	return $rc
}
sc_idle_vifs() { each_guest "dom0 memory per idle and per connected vif (notes)" 900 idle_vifs_one; }

