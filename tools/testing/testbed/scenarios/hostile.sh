# SPDX-License-Identifier: GPL-2.0-only
#
# The backend against a hostile frontend: steps with front=probe, where g1
# reloads xnif-probe (probe/xnif_probe.c) in one of its hostile modes and
# dom0 measures what that costs it.  Figures are "note:" lines; a check
# that can be compared with the stock netback keeps its figures in
# $TBS/hf-NAME.stock (a back=stock step earlier in the same boot) and the
# back=ours step compares against them.

# dom0's CPU seconds so far: the sum of its vCPUs' times (xl vcpu-list).
hf_dom0_cpu() {
	xl vcpu-list Domain-0 | awk 'NR > 1 { s += $6 } END { printf "%.1f\n", s }'
}

# dom0's CPU seconds spent over the next SECS seconds.
hf_cpu_window() {	# hf_cpu_window SECS
	local c0 c1
	c0=$(hf_dom0_cpu)
	sleep "$1"
	c1=$(hf_dom0_cpu)
	awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.1f\n", b - a }'
}

# awk as a calculator: hf_calc 'o <= s * 1.25 + 1' o=3 s=2: true or false
hf_calc() {	# hf_calc EXPR [VAR=VALUE...]
	local e=$1 v a=
	shift
	for v in "$@"; do a="$a -v $v"; done
	# shellcheck disable=SC2086
	awk $a "BEGIN { exit !($e) }"
}

hf_mem_avail() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

# Staging grants mapped by all vifs of our netback, as its debugfs counts
# them (xen-netback/staging_grants: "mapped N"), or "n/a" without it.
hf_dbg_staging() {
	local f=/sys/kernel/debug/xen-netback/staging_grants
	if [ -f $f ]; then
		awk '$1 == "mapped" { print $2 }' $f
	else
		echo n/a
	fi
}

# Reload the probe in g1 with PARAMS and wait until the backend is
# Connected (or, with "any", has settled in Connected or Closing/Closed).
hf_probe() {	# hf_probe connected|any PARAMS...
	local want=$1 be
	shift
	probe_swap g1 /lib/tb/probe/xen-netfront.ko "$@" > /dev/null ||
		{ echo "reloading the probe ($*) failed"; return 1; }
	be=$(be_path g1)
	# its ring keys: it has seen the backend's InitWait, so the state
	# read below is not the one the previous probe left
	wait_for 60 xs_has_ring_ref "$(fe_path g1)/tx" ||
		{ echo "probe ($*) wrote no ring keys"; return 1; }
	if [ "$want" = connected ]; then
		wait_for 90 xs_is "$be/state" 4 ||
			{ echo "probe ($*): backend state $(xenstore-read "$be/state")"; return 1; }
	else
		wait_for 90 sh -c "s=\$(xenstore-read $be/state); [ \"\$s\" -ge 4 ]" ||
			{ echo "probe ($*): backend state $(xenstore-read "$be/state")"; return 1; }
	fi
}

# Wait (in the guest) until probe parameter NAME is not VALUE.
hf_probe_wait_not() {	# hf_probe_wait_not NAME VALUE SECS
	guest g1 "n=0; f=/sys/module/xnif_probe/parameters/$1
		while [ \"\$(cat \$f)\" = '$2' ] && [ \$n -lt $3 ]; do
			sleep 0.5; n=\$((n + 1)); done
		[ \"\$(cat \$f)\" != '$2' ]" $(($3 + 30)) > /dev/null
}

# g2 runs the stock netfront and an iperf3 server: the honest guest.
hf_honest_g2() {
	if guest g2 "grep -q '^xen_netfront ' /proc/modules" > /dev/null &&
		ping -c 1 -W 2 "$(guest_ip g2)" > /dev/null; then
		guest g2 "pidof iperf3 >/dev/null || iperf3 -s -D" > /dev/null
		return
	fi
	probe_swap g2 /lib/tb/stock/xen-netfront.ko > /dev/null ||
		{ echo "g2: loading the stock netfront failed"; return 1; }
	connect_one g2 > /dev/null || { echo "g2 (stock netfront) did not connect"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$(guest_ip g2)" || { echo "no ping to g2"; return 1; }
	guest g2 "pidof iperf3 >/dev/null || iperf3 -s -D" > /dev/null || return 1
	sleep 1
}

# Compare FIGURE with what the stock netback cost in this boot (file
# $TBS/hf-NAME.stock): at most 1.25 x stock + 1 s.  Records it for stock.
hf_vs_stock() {	# hf_vs_stock NAME FIGURE WHAT
	local f=$TBS/hf-$1.stock s
	if [ "$back" = stock ]; then
		echo "$2" > "$f"
		return 0
	fi
	[ -f "$f" ] || { echo "note: $1: no stock figure in this boot to compare with"; return 2; }
	s=$(cat "$f")
	echo "note: $1: $3 $2 s with ours, $s s with stock (limit 1.25 x stock + 1)"
	hf_calc 'o <= s * 1.25 + 1' o="$2" s="$s" ||
		{ echo "$1: ours costs dom0 $2 s, stock $s s: more than 1.25 x stock + 1"; return 1; }
}

# ---------------------------------------------------------------------
# Event storm: g1 notifies its TX, RX (split) and control channels
# without end for 40 s.  Measured: dom0's CPU seconds over 12 s of the
# storm (and over 12 s before it, idle), g2's guest->dom0 iperf3 rate
# without the storm and during it.  g2 must keep 90 %; ours may cost
# dom0 at most 1.25 x what stock costs + 1 s.
storm_run() {
	local idle cpu kb0 kb1 rounds rc=0 ip
	local TB_IPERF_SECS=10
	ip=$(guest_ip g2)
	hf_honest_g2 || return 1
	idle=$(hf_cpu_window 12)
	kb0=$(nb_iperf_kbits "$ip")
	[ -n "$kb0" ] && [ "$kb0" -gt 0 ] || { echo "no iperf3 rate without the storm"; return 1; }
	hf_probe connected storm=40 split=1 || return 1
	hf_probe_wait_not storm_sends 0 30 || { echo "the storm did not start"; return 1; }
	cpu=$(hf_cpu_window 12)
	kb1=$(nb_iperf_kbits "$ip")
	probe_wait_done g1 || return 1
	rounds=$(probe_param g1 storm_sends)
	echo "note: storm ($back): $rounds rounds of 3 sends; dom0 CPU $cpu s per 12 s (idle: $idle s)"
	echo "note: storm ($back): g2 guest->dom0 ${kb1:-0} Kbit/s during, $kb0 Kbit/s without"
	hf_calc 'b >= a * 0.9' a="$kb0" b="${kb1:-0}" ||
		{ echo "g2 kept ${kb1:-0} of $kb0 Kbit/s: below 90 %"; rc=1; }
	hf_vs_stock storm "$cpu" "dom0 CPU per 12 s of storm:"
	case $? in 1) rc=1 ;; esac
	return $rc
}
sc_hf_storm() {
	[ "$domus" -ge 2 ] || { check "event storm (needs domus=2)" 5 false; return; }
	check "g1 event storm on TX, RX and ctrl: dom0 CPU vs stock, g2 keeps 90 % (storm)" 400 storm_run
}

# ---------------------------------------------------------------------
# Fatal then idle: g1 writes feature-rx-notify=1, posts no RX buffer and
# sends one fatal TX request (a slot crossing its page).  Once the stall
# timeout (nb_opts rx_stall_timeout_msecs, 3000 in the plans) and WAIT s
# have passed, dom0's CPU over W s must be what it was over W s idle
# before (+ 1 s per 15 s), and the vif's guest-rx kthreads may not run.
hf_kthread_ticks() {	# hf_kthread_ticks DOMID: utime+stime of its guest-rx kthreads
	local pid t=0
	for pid in $(ps | awk -v d="vif$1.0-q" '$0 ~ "\\[" d "[0-9]*-g" { print $1 }'); do
		t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
	done
	echo "$t"
}
fatal_idle_run() {	# fatal_idle_run W WAIT
	local w=$1 wait=$2 d base cpu k0 k1 stall
	d=$(domid_of g1)
	stall=$(cat /sys/module/xen_netback/parameters/rx_stall_timeout_msecs 2>/dev/null || echo 60000)
	[ "$stall" -le 10000 ] || { echo "rx_stall_timeout_msecs is $stall: the step must set it low"; return 1; }
	base=$(hf_cpu_window "$w")
	hf_probe connected ctrl=0 rx_notify=1 rogue=cross || return 1
	probe_wait_done g1 || return 1
	if [ "$back" = ours ]; then
		dmesg | grep -q "vif$d\.0-q0: .*disabling the vif" ||
			{ echo "no 'disabling the vif' line for vif$d.0"; return 1; }
	fi
	sleep $((stall / 1000 + wait))
	k0=$(hf_kthread_ticks "$d")
	cpu=$(hf_cpu_window "$w")
	k1=$(hf_kthread_ticks "$d")
	echo "note: fatal-idle ($back): dom0 CPU $cpu s per $w s from $((stall / 1000 + wait)) s after the fatal request, idle $base s; vif$d.0 guest-rx kthreads +$((k1 - k0)) ticks"
	hf_calc 'c <= b + w / 15' c="$cpu" b="$base" w="$w" ||
		{ echo "dom0 CPU $cpu s per $w s after the fatal request, idle $base s: above idle + $w/15 s"; return 1; }
	[ $((k1 - k0)) -le 5 ] ||
		{ echo "vif$d.0's guest-rx kthreads ran $((k1 - k0)) ticks in $w s (a disabled vif's threads must sleep)"; return 1; }
}
sc_hf_fatal_idle() {
	check "g1 fatal request, no RX buffers: dom0 idle after the stall timeout (short)" 150 fatal_idle_run 10 2
}
sc_hf_fatal_idle_long() {
	check "g1 fatal request, no RX buffers: dom0 idle 30 s after the stall timeout" 240 fatal_idle_run 15 30
}

# ---------------------------------------------------------------------
# Staging list abuse (our netback only: the stock one does not know the
# keys), rings at order 4 (4096 ids), data length 64 (64 buffer pages per
# direction): "good" must connect with exactly the 128 buffer grants
# mapped; a list naming 4096 distinct grants per direction, one naming
# the same grant (offset 0) for every id, one with two overlapping
# buffers and one with grants that do not exist must be refused (not
# Connected, a dom0 log line, nothing left mapped) or capped (at most the
# 128 grants the buffers need); lengths written without their list keys
# ("noref") must be refused, not connected unstaged.  Then "good" at
# order 1, whose one-page lists are named tx-data-ref0 like the ring refs
# (16 grants).  The probe counts the grants the backend maps by trying to
# end them (stg_mapped).
stg_abuse_kind() {	# stg_abuse_kind KIND [ORDER]
	local kind=$1 order=${2:-4} d n0 st mapped granted lines dbg need
	# 64-byte buffers, 64 a page: the pages of both directions' ids
	need=$(( 2 * (256 << order) / 64 ))
	d=$(domid_of g1)
	dmesg -c >> $TBS/dmesg.all
	n0=$(wc -l < $TBS/dmesg.all)
	hf_probe any ctrl=0 order="$order" stg="$kind" stg_len=64 || return 1
	sleep 2
	st=$(xenstore-read "$(be_path g1)/state")
	mapped=$(guest g1 "p=/sys/module/xnif_probe/parameters
		echo 1 > \$p/stg_mapped && cat \$p/stg_mapped") || { echo "$kind: no count from the probe"; return 1; }
	granted=$(probe_param g1 stg_granted)
	dbg=$(hf_dbg_staging)
	dmesg -c >> $TBS/dmesg.all
	lines=$(tail -n +$((n0 + 1)) $TBS/dmesg.all | grep -E "vif-$d-0|vif$d\.0" | grep -ivE 'connected|carrier|link' )
	echo "note: stg $kind (order $order): backend state $st, $mapped of $granted staging grants mapped (debugfs: $dbg)"
	[ -n "$lines" ] && echo "$lines" | head -2 | sed "s/^\[[^]]*\] /note: stg $kind: dom0: /"
	if [ "$kind" = good ]; then
		[ "$st" = 4 ] && [ "$mapped" = $need ] ||
			{ echo "stg good (order $order): state $st, $mapped grants mapped, want 4 and $need"; return 1; }
		return 0
	fi
	# a length without its list: refused, never connected unstaged
	if [ "$kind" = noref ] && [ "$st" = 4 ]; then
		echo "stg noref: Connected (a length without its list must be refused)"
		return 1
	fi
	if [ "$st" = 4 ]; then
		[ "$mapped" -le $need ] ||
			{ echo "stg $kind: Connected with $mapped staging grants mapped (neither refused nor capped at $need)"; return 1; }
	else
		[ "$mapped" = 0 ] || { echo "stg $kind: refused but $mapped grants still mapped"; return 1; }
		[ -n "$lines" ] || { echo "stg $kind: refused without a dom0 log line"; return 1; }
	fi
}
# Order 1: a one-page list whose keys are numbered like the ring refs.
stg_abuse_all() {
	local k rc=0
	[ "$back" != stock ] || { echo "staging abuse needs our netback (stock ignores the keys)"; return 1; }
	for k in good distinct same overlap badgref noref; do
		stg_abuse_kind "$k" || rc=1
	done
	stg_abuse_kind good 1 || rc=1
	return $rc
}
sc_hf_staging() {
	check "g1 staging list abuse at order 4: refused or capped, good one exact (and at order 1)" 360 stg_abuse_all
}

# ---------------------------------------------------------------------
# Rings that have been used before (issue 15): our netback attaches at the
# ring's rsp_prod, so a frontend kept Connected across a backend swap goes
# on where it was.  The probe starts its rings at index 1000: connected,
# the control ring answered.  Then with TX req_prod more than a ring
# ahead of rsp_prod: refused at connect with a log line (as the stock
# netback does), never Connected.
ring_attach_all() {
	local be d n0
	[ "$back" != stock ] || { echo "needs our netback"; return 1; }
	be=$(be_path g1)
	d=$(domid_of g1)
	hf_probe connected skew=1000 || return 1
	echo "note: skew 1000: backend state $(xenstore-read "$be/state"), control requests passed $(probe_param g1 ctrl_pass), failed $(probe_param g1 ctrl_fail)"
	dmesg -c >> $TBS/dmesg.all
	n0=$(wc -l < $TBS/dmesg.all)
	hf_probe any skew=1000 skew_over=1 || return 1
	sleep 2
	dmesg -c >> $TBS/dmesg.all
	[ "$(xenstore-read "$be/state")" != 4 ] ||
		{ echo "backend Connected to a TX ring with more requests than slots"; return 1; }
	tail -n +$((n0 + 1)) $TBS/dmesg.all | grep -q "vif-$d-0: .*tx ring req_prod .* more requests than its" ||
		{ echo "no refusal logged"; return 1; }
	echo "note: skew over a ring: refused, backend state $(xenstore-read "$be/state")"
}
sc_hf_ring_attach() {
	check "g1 rings used before: attached at rsp_prod, more requests than slots refused" 180 ring_attach_all
}

# ---------------------------------------------------------------------
# Xen's gref mapping (ctrl types 8-10, issue 15).  The probe in g1 asks
# GET_GREF_MAPPING_SIZE, ADDs 64 of its pages (every entry's status
# checked, the pages proven mapped: their grants cannot be ended), sends
# tables a backend must refuse (queue 1 of 1, 0 or 513 entries, a table
# grant that does not exist, one grant twice, a grant already mapped, an
# unknown flag, one unmappable grant among good ones: none added), then
# DELs them (count and statuses) and ends every grant.  Our netback's
# debugfs must count none of them afterwards; then with gref_hold=1 the
# probe leaves 64 mapped, dom0 counts them, and once the probe's vif is
# gone all vifs' count is back where it was; then the datapath through
# the mapped pages (gref_io below).  The stock netback answers
# NOT_SUPPORTED and the probe takes that as "no mapping".
GREF_N=64
GREF_PASS=14	# size, add, 9 refused tables, del, del again, all ended

gref_vif_count() {	# gref_vif_count DOMID: "mapped" of vifD.0's staging
	awk '$1 == "mapped" { print $2 }' "/sys/kernel/debug/xen-netback/vif$1.0/staging"
}

gref_all_is() { [ "$(hf_dbg_staging)" = "$1" ]; }

gref_results() {
	echo "$(probe_param g1 gref_pass) $(probe_param g1 gref_fail) $(probe_param g1 gref_size) $(probe_param g1 gref_busy)"
}

gref_stock() {
	local r
	hf_probe connected gref_map=$GREF_N || return 1
	probe_wait_done g1 || return 1
	r=$(gref_results)
	[ "$r" = "1 0 0 -1" ] || {
		echo "stock netback: pass fail size busy = $r, want 1 0 0 -1 (NOT_SUPPORTED taken as no mapping)"
		guest g1 "dmesg | grep 'xnif-probe: gref' | tail -20"
		return 1; }
	echo "note: stock netback: gref mapping NOT_SUPPORTED, probe: no mapping"
}

gref_ours() {
	local d r all0 n
	d=$(domid_of g1)
	all0=$(hf_dbg_staging)
	hf_probe connected gref_map=$GREF_N || return 1
	probe_wait_done g1 || return 1
	r=$(gref_results)
	[ "$r" = "$GREF_PASS 0 4096 0" ] || {
		echo "pass fail size busy = $r, want $GREF_PASS 0 4096 0"
		guest g1 "dmesg | grep 'xnif-probe: gref' | tail -30"
		return 1; }
	n=$(gref_vif_count "$d")
	[ "$n" = 0 ] || { echo "vif$d.0 still counts $n mapped grants after the DEL"; return 1; }
	echo "note: gref mapping: $GREF_PASS requests answered as expected, size 4096, $GREF_N pages mapped and unmapped"

	hf_probe connected gref_map=$GREF_N gref_hold=1 || return 1
	probe_wait_done g1 || return 1
	r=$(gref_results)
	[ "$r" = "11 0 4096 -1" ] || { echo "hold: pass fail size busy = $r, want 11 0 4096 -1"; return 1; }
	n=$(gref_vif_count "$d")
	[ "$n" = "$GREF_N" ] || { echo "vif$d.0 counts $n mapped grants, the probe holds $GREF_N"; return 1; }
	grep -q "gref mapping $GREF_N\$" "/sys/kernel/debug/xen-netback/vif$d.0/staging" ||
		{ echo "queue 0 does not list $GREF_N gref maps:"; cat "/sys/kernel/debug/xen-netback/vif$d.0/staging"; return 1; }
	guest g1 "d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do [ -e \$v ] && echo \${v##*/} > \$d/unbind; done
		rmmod xnif_probe" 90 > /dev/null || { echo "unloading the probe failed"; return 1; }
	wait_for 30 gref_all_is "$all0" ||
		{ echo "all vifs: $(hf_dbg_staging) grants mapped after the probe left, $all0 before"; return 1; }
	echo "note: gref mapping: $GREF_N held by the probe, counted by dom0, all unmapped at disconnect ($all0 mapped by all vifs before and after)"
}

# dom0's Udp counter NAME from /proc/net/snmp.
gref_udp() {	# gref_udp NAME
	awk -v k="$1" '$1 == "Udp:" { if (!n++) { for (i = 2; i <= NF; i++) h[i] = $i; next }
		for (i = 2; i <= NF; i++) if (h[i] == k) print $i }' /proc/net/snmp
}

# The datapath through mapped grants: the probe sends a 1400-byte UDP
# datagram (no checksum offload) from two mapped pages, read-only and
# writable, at offsets 100 and 0; dom0's UDP takes it with a good
# checksum (NoPorts up, InCsumErrors not), and netback counts all 1400
# bytes as memcpy'd (no grant copy for it).  Then the probe posts RX
# requests on mapped pages and dom0 broadcasts an ARP request: it must
# land intact in one of them, by memcpy.  The first RX request names the
# page mapped read-only: the frame there must come intact too, by grant
# copy (a memcpy would fault dom0).
gref_io() {
	local d f np0 ce0 np1 ce1 r q
	d=$(domid_of g1)
	f=/sys/kernel/debug/xen-netback/vif$d.0/gref_mapping
	np0=$(gref_udp NoPorts)
	ce0=$(gref_udp InCsumErrors)
	hf_probe connected gref_map=$GREF_N gref_io=1 rx_notify=1 || return 1
	hf_probe_wait_not gref_ready 0 60 || { echo "the probe never posted its RX requests"; return 1; }
	arping -c 3 -w 4 -I xenbr0 192.168.0.77 > /dev/null 2>&1
	hf_probe_wait_not gref_rx 0 70 > /dev/null
	q=$(grep '^q0:' "$f")
	probe_wait_done g1 || return 1
	np1=$(gref_udp NoPorts)
	ce1=$(gref_udp InCsumErrors)
	r=$(gref_results)
	echo "note: gref io: probe pass fail size busy $r, TX status $(probe_param g1 gref_tx_status), RX $(probe_param g1 gref_rx), RX into the read-only map $(probe_param g1 gref_rx_ro) bytes; dom0 Udp NoPorts $np0 -> $np1, InCsumErrors $ce0 -> $ce1; $q"
	[ "$r" = "$((GREF_PASS + 2)) 0 4096 0" ] || {
		echo "pass fail size busy = $r, want $((GREF_PASS + 2)) 0 4096 0"
		guest g1 "dmesg | grep 'xnif-probe: gref' | tail -30"
		return 1; }
	[ "$np1" -gt "$np0" ] && [ "$ce1" = "$ce0" ] ||
		{ echo "dom0 did not take the datagram with a good checksum"; return 1; }
	# (3 copies: the planner cuts slot 0 where the skb's head ends)
	echo "$q" | grep -q " tx_bytes 1400 " ||
		{ echo "netback did not memcpy all 1400 bytes of the datagram"; return 1; }
	echo "$q" | awk '{ for (i = 1; i < NF; i++) if ($i == "rx_copies") exit !($(i + 1) > 0); exit 1 }' ||
		{ echo "netback did not memcpy into an RX page"; return 1; }
	r=$(probe_param g1 gref_rx_ro)
	[ "$r" -gt 0 ] ||
		{ echo "no frame came intact into the page mapped read-only ($r)"; return 1; }
}

gref_all() {
	if [ "$back" = stock ]; then gref_stock; else gref_ours && gref_io; fi
}
sc_hf_gref() {
	check "g1 gref mapping (ctrl 8-10): size, add, refused tables, del, unmapped at disconnect, TX and RX by memcpy (stock: not supported)" 420 gref_all
}

# ---------------------------------------------------------------------
# Control ring flood: g1 keeps a full ring of control requests pending
# for 30 s.  During it dom0 must answer (ip link within 3 s, ping to g2),
# its CPU over 15 s may be at most 1.25 x stock + 1 s (without a stock
# figure: 12 s, not a whole vCPU), and after it the vif either answers a
# control request or has been disabled.
ctrl_flood_run() {
	local cpu t0 t1 slow=0 i reqs after c0 c1 rc=0
	hf_honest_g2 || return 1
	hf_probe connected ctrl_flood=30 || return 1
	hf_probe_wait_not flood_reqs 0 40 || { echo "the flood did not start"; return 1; }
	c0=$(hf_dom0_cpu)
	for i in 1 2 3; do
		t0=$(date +%s)
		ip link show > /dev/null || return 1
		t1=$(date +%s)
		[ $((t1 - t0)) -le 3 ] || slow=$((slow + 1))
		ping -c 2 -W 2 "$(guest_ip g2)" > /dev/null ||
			{ echo "dom0 cannot ping g2 during the flood"; rc=1; }
		sleep 3
	done
	c1=$(hf_dom0_cpu)
	cpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.1f\n", b - a }')
	probe_wait_done g1 || return 1
	reqs=$(probe_param g1 flood_reqs)
	after=$(probe_param g1 flood_after)
	echo "note: ctrl flood ($back): $reqs requests made available; dom0 CPU $cpu s over the 3 probes (~15 s); $slow slow ip link; a request after it: $after"
	[ "$slow" = 0 ] || { echo "ip link took over 3 s $slow times"; rc=1; }
	hf_vs_stock flood "$cpu" "dom0 CPU during the control flood:"
	case $? in
	1) rc=1 ;;
	2) hf_calc 'c <= 12' c="$cpu" || { echo "dom0 CPU $cpu s during the flood"; rc=1; } ;;
	esac
	return $rc
}
sc_hf_ctrl_flood() {
	[ "$domus" -ge 2 ] || { check "control flood (needs domus=2)" 5 false; return; }
	check "g1 control ring flood: dom0 answers, CPU bounded, g2 reachable" 300 ctrl_flood_run
}

# ---------------------------------------------------------------------
# Reconnect loop: the probe goes Connected -> Closing -> Closed ->
# Initialising -> Connected 50 times at ring order 4 with staging (256
# list + buffer grants per connection).  Each time the backend is Closed
# every grant must be unmapped (the probe ends them all); afterwards
# dom0's MemAvailable is back within 2 % and debugfs counts no staging map.
reconnect_run() {
	local m0 m1 done_n leak err dbg
	[ "$back" = ours ] || { echo "the reconnect loop uses order 4 and staging: back=ours"; return 1; }
	m0=$(hf_mem_avail)
	hf_probe connected ctrl=1 order=4 stg=good stg_len=64 cycles=50 || return 1
	guest g1 "p=/sys/module/xnif_probe/parameters; n=0
		until [ \"\$(cat \$p/done)\" = 1 ] || [ \$n -ge 600 ]; do
			sleep 1; n=\$((n + 1)); done" 660 > /dev/null
	done_n=$(probe_param g1 cycles_done)
	leak=$(probe_param g1 leaked)
	err=$(probe_param g1 cycle_err)
	# unbind the probe: its last connection goes too
	guest g1 "echo vif-0 > /sys/bus/xen/drivers/vif/unbind" > /dev/null
	wait_for 60 sh -c "s=\$(xenstore-read $(be_path g1)/state); [ \"\$s\" != 4 ]"
	sleep 3
	m1=$(hf_mem_avail)
	dbg=$(hf_dbg_staging)
	echo "note: reconnect: $done_n of 50 cycles (error $err), $leak grants mapped after Closed; dom0 MemAvailable $m0 -> $m1 kB; debugfs staging maps: $dbg"
	[ "$done_n" = 50 ] || { echo "only $done_n reconnect cycles (error $err)"; return 1; }
	[ "$leak" = 0 ] || { echo "$leak grants still mapped with the backend Closed"; return 1; }
	hf_calc 'b >= a * 0.98' a="$m0" b="$m1" ||
		{ echo "dom0 MemAvailable $m0 -> $m1 kB: more than 2 % gone"; return 1; }
	case $dbg in n/a|0) ;; *) echo "debugfs still counts $dbg staging maps"; return 1 ;; esac
}
sc_hf_reconnect() {
	check "g1 reconnects 50 times at order 4 with staging: no leaked maps or memory" 900 reconnect_run
}
