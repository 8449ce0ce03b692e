# SPDX-License-Identifier: GPL-2.0-only
#
# Staging grants (issue 6): the keys both ends wrote per queue, byte-exact
# traffic around the data length, the staged counters of both ends, a
# data length above the backend's maximum refused, and switching staging
# off and on at run time.  The expected length comes from the step: our
# netfront stages min(staging_len, staging-max-data-len) when our netback
# offers it (its staging_max_len, default 2048; 0 offers none);
# staging_force_len writes its value whatever the backend said; a stock
# end on either side means no staging.  staging_len defaults to 256.

guests() { local i; for i in $(seq 1 "$domus"); do echo "g$i"; done; }

# Value of module option $1 in the option string $2 ("" if not given).
stg_opt() { echo " $2 " | sed -n "s/.* $1=\([0-9-]*\) .*/\1/p"; }

# Our netback's default staging-max-data-len; our netfront's default
# staging_len.
STG_BE_MAX=2048
STG_FE_DEFAULT=256

# What our netback offers in this step (staging_max_len; 0: no staging).
stg_be_max() {
	local m
	m=$(stg_opt staging_max_len "$nb_opts")
	echo "${m:-$STG_BE_MAX}"
}

# The data length the step should negotiate (0: none).
stg_want() {
	local len forced
	[ "$front" = ours ] || { echo 0; return; }
	forced=$(stg_opt staging_force_len "$nf_opts")
	if [ -n "$forced" ] && [ "$forced" -gt 0 ]; then echo "$forced"; return; fi
	[ "$back" != stock ] || { echo 0; return; }
	len=$(stg_opt staging_len "$nf_opts")
	len=${len:-$STG_FE_DEFAULT}
	[ "$len" -gt "$(stg_be_max)" ] && len=$(stg_be_max)
	echo "$len"
}

# Keys of both ends for length $2 (default: the step's): the backend's
# offer, and per queue and direction the frontend's length and list refs,
# ceil(ring slots / 512) list pages.
stg_keys_one() {	# stg_keys_one GUEST [LEN]
	local g=$1 want=${2:-$(stg_want)} be fe dump nq order pages i pfx d got exp
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	dump=/tmp/stg-fe.$g
	if [ "$back" != stock ] && [ "$(stg_be_max)" = 0 ]; then
		# staging_max_len=0: no offer
		xs_is "$be/feature-staging-grants" 0 &&
			! xenstore-exists "$be/staging-max-data-len" ||
			{ echo "our backend offers staging with staging_max_len=0:"; xenstore-ls "$be" | grep staging; return 1; }
	elif [ "$back" != stock ]; then
		xs_is "$be/feature-staging-grants" 1 &&
			xs_is "$be/staging-max-data-len" "$(stg_be_max)" ||
			{ echo "our backend's offer, want $(stg_be_max):"; xenstore-ls "$be" | grep staging; return 1; }
	else
		! xenstore-exists "$be/feature-staging-grants" ||
			{ echo "stock backend offers staging?"; return 1; }
	fi
	xenstore-ls -f "$fe" > "$dump" || return 1
	nq=$(sed -n "s|^$fe/multi-queue-num-queues = \"\([0-9]*\)\"\$|\1|p" "$dump")
	nq=${nq:-1}
	order=$(sed -n "s|^$fe/ring-page-order = \"\([0-9]*\)\"\$|\1|p" "$dump")
	order=${order:-0}
	pages=$(( ((256 << order) + 511) / 512 ))
	for i in $(seq 0 $((nq - 1))); do
		[ "$nq" = 1 ] && pfx=$fe || pfx=$fe/queue-$i
		for d in tx rx; do
			got=$(xs_numbered_keys "$dump" "$pfx/$d-data-ref")
			if [ "$want" = 0 ]; then
				! grep -q "^$pfx/$d-data-len = " "$dump" && [ "$got" = "0 0 0" ] ||
					{ echo "no staging wanted, but:"; grep "^$pfx/$d-data-" "$dump"; return 1; }
				continue
			fi
			grep -q "^$pfx/$d-data-len = \"$want\"\$" "$dump" ||
				{ echo "want $pfx/$d-data-len $want:"; grep "^$pfx/$d-data-" "$dump"; return 1; }
			[ "$pages" = 1 ] && exp="1 0 0" || exp="0 $pages $((pages - 1))"
			[ "$got" = "$exp" ] ||
				{ echo "$pfx $d-data-ref keys: got '$got', want '$exp':"; grep "^$pfx/$d-data-ref" "$dump"; return 1; }
		done
	done
	rm -f "$dump"
	echo "note: $g: staging length $want, $nq queue(s), ring order $order, $pages list page(s) per direction"
}
sc_stg_keys() { each_guest "staging keys for length $(stg_want)" 120 stg_keys_one; }

# Sum of the staged packet counters: guest side (frontend) and dom0 side.
stg_fe_ctr() { nf_stat_sum "$1" "_queue_[0-9]+_staged:"; }
stg_be_ctr() {
	ethtool -S "vif$(domid_of "$1").0" 2>/dev/null |
		awk '$1 ~ /^q[0-9]+_(rx|tx)_staged_packets:$/ { s += $2 } END { print s + 0 }'
}
# Grant-copy ops of guest DOMID's vif in both directions so far (the
# vif's totals: ethtool -S rx_copy_ops + tx_copy_ops).
stg_be_ops() {
	ethtool -S "vif$(domid_of "$1").0" 2>/dev/null |
		awk '$1 ~ /^(rx|tx)_copy_ops:$/ { s += $2 } END { print s + 0 }'
}

# Pings of sizes around the data length both ways (the ICMP checksum
# catches any byte out of place), then files of such sizes and a big one
# each way by HTTP, compared by SHA-256.
stg_ping_sizes() {	# stg_ping_sizes GUEST LEN
	local g=$1 ip len=$2 s f
	ip=$(guest_ip "$g")
	# frame = payload + 42 bytes of Ethernet, IP and ICMP headers
	for f in 60 $((len - 1)) $len $((len + 1)) 1000 1514 3000 9000; do
		s=$((f - 42))
		[ $s -ge 16 ] || continue
		ping -c 2 -i 0.2 -W 2 -s $s "$ip" > /dev/null ||
			{ echo "dom0->$g: ping -s $s (frame $f) failed"; return 1; }
		guest "$g" "ping -c 2 -i 0.2 -W 2 -s $s 192.168.0.1 > /dev/null" ||
			{ echo "$g->dom0: ping -s $s (frame $f) failed"; return 1; }
	done
}
stg_files() {	# stg_files GUEST LEN: files of sizes around LEN, both ways
	local g=$1 len=$2 ip s want got
	ip=$(guest_ip "$g")
	start_dom0_httpd
	guest "$g" "grep -q ' /srv ' /proc/mounts || mount -t tmpfs tmpfs /srv;
		pidof httpd >/dev/null || httpd -p 8080 -h /srv" > /dev/null || return 1
	for s in 1 $((len - 1)) $len $((len + 1)) 3001; do
		[ $s -ge 1 ] || continue
		dd if=/dev/urandom of=/srv/s$s.bin bs=$s count=1 2> /dev/null
		want=$(sha256sum < /srv/s$s.bin | cut -d' ' -f1)
		got=$(guest "$g" "wget -q -O - http://192.168.0.1:8080/s$s.bin | sha256sum" | cut -d' ' -f1)
		[ "$got" = "$want" ] || { echo "dom0->$g: $s bytes: sha256 differs"; return 1; }
		want=$(guest "$g" "dd if=/dev/urandom of=/srv/s$s.bin bs=$s count=1 2>/dev/null; sha256sum < /srv/s$s.bin" | cut -d' ' -f1)
		got=$(wget -q -O - "http://$ip:8080/s$s.bin" | sha256sum | cut -d' ' -f1)
		[ "$got" = "$want" ] || { echo "$g->dom0: $s bytes: sha256 differs"; return 1; }
	done
}
stg_bytes_one() {
	local g=$1 len
	len=$(stg_want)
	[ "$len" -gt 0 ] || len=256
	stg_ping_sizes "$g" "$len" || return 1
	stg_files "$g" "$len" || return 1
	bytes_one "$g" || return 1
	echo "note: $g: pings of frames 60..9000 around $len, files of 1..3001 bytes and $((${TB_BYTES_64K:-128} * 64)) KiB each way: intact"
}
sc_stg_bytes() { each_guest "byte-exact both ways around staging length $(stg_want)" 300 stg_bytes_one; }

# The staged counters of both ends move with traffic when staging is on,
# and stay at 0 when it is off.
stg_counters_one() {
	local g=$1 ip want fe0 fe1 be0 be1 op0 op1
	ip=$(guest_ip "$g")
	want=$(stg_want)
	fe0=0 fe1=0 be0=0 be1=0 op0=0 op1=0
	[ "$front" = ours ] && { fe0=$(stg_fe_ctr "$g") || return 1; }
	[ "$back" = ours ] && be0=$(stg_be_ctr "$g") op0=$(stg_be_ops "$g")
	ping -c 20 -i 0.1 -W 2 "$ip" > /dev/null || return 1
	[ "$front" = ours ] && { fe1=$(stg_fe_ctr "$g") || return 1; }
	[ "$back" = ours ] && be1=$(stg_be_ctr "$g") op1=$(stg_be_ops "$g")
	echo "note: $g: staged packets: frontend $fe0 -> $fe1, backend $be0 -> $be1 (length $want), backend grant copies +$((op1 - op0))"
	if [ "$want" = 0 ]; then
		[ "$fe1" = 0 ] && [ "$be1" = 0 ] || { echo "staged without staging"; return 1; }
		# unstaged, each of the 40 packets takes a grant copy at least
		[ "$back" != ours ] || [ "$op1" -ge $((op0 + 40)) ] ||
			{ echo "grant copies not counted: +$((op1 - op0))"; return 1; }
		return 0
	fi
	# 20 requests in, 20 replies out, on each end
	[ "$front" != ours ] || [ "$fe1" -ge $((fe0 + 40)) ] || { echo "frontend counters did not move"; return 1; }
	[ "$back" != ours ] || [ "$be1" -ge $((be0 + 40)) ] || { echo "backend counters did not move"; return 1; }
	# A 98-byte ping frame fits any staging length we offer (128 and
	# up) whole: both ways it moves by memcpy, no grant copy at all.
	[ "$back" != ours ] || [ "$front" != ours ] || [ "$want" -lt 98 ] ||
		[ "$op1" = "$op0" ] ||
		{ echo "fully staged packets took $((op1 - op0)) grant copies"; return 1; }
	# and the counter is live: frames longer than the staging length
	# (1442 bytes; at MTU 1500 none is longer, so not with 1442 and up)
	# still take grant copies both ways
	[ "$back" = ours ] && [ "$want" -lt 1442 ] || return 0
	ping -c 2 -i 0.2 -W 2 -s 1400 "$ip" > /dev/null || return 1
	op0=$(stg_be_ops "$g")
	[ "$op0" -ge $((op1 + 4)) ] ||
		{ echo "large frames: grant copies +$((op0 - op1)), want 4 or more"; return 1; }
}
sc_stg_counters() { each_guest "staged counters on both ends (length $(stg_want))" 120 stg_counters_one; }

# Wait for a reconnect to end with staging length $2 on queue 0.
stg_wait_len() {	# stg_wait_len GUEST LEN
	local fe k
	fe=$(fe_path "$1")
	k=$fe/tx-data-len
	xenstore-exists "$fe/queue-0" && k=$fe/queue-0/tx-data-len
	if [ "$2" = 0 ]; then
		wait_for 60 sh -c "! xenstore-exists $fe/tx-data-len && ! xenstore-exists $fe/queue-0/tx-data-len" || return 1
	else
		wait_for 60 xs_is "$k" "$2" || return 1
	fi
	both_connected "$1"
}

# Staging off and on again at run time (private flag "staging"), the
# second time with a new staging_len; traffic after each.
stg_toggle_one() {
	local g=$1 ip
	ip=$(guest_ip "$g")
	guest "$g" "/usr/sbin/ethtool --set-priv-flags eth0 staging off" || return 1
	stg_wait_len "$g" 0 || { echo "no reconnect without staging"; return 1; }
	stg_keys_one "$g" 0 || return 1
	guest "$g" "ip link set eth0 up" > /dev/null
	wait_for 30 ping -c 1 -W 1 "$ip" || { echo "no ping with staging off"; return 1; }
	guest "$g" "echo 128 > /sys/module/xen_netfront/parameters/staging_len &&
		/usr/sbin/ethtool --set-priv-flags eth0 staging on" || return 1
	stg_wait_len "$g" 128 || { echo "no reconnect with length 128"; return 1; }
	stg_keys_one "$g" 128 || return 1
	guest "$g" "ip link set eth0 up" > /dev/null
	wait_for 30 ping -c 1 -W 1 "$ip" || { echo "no ping at length 128"; return 1; }
	# frames below and above the new length, each way
	ping -c 2 -i 0.2 -W 2 -s 58 "$ip" > /dev/null &&
		ping -c 2 -i 0.2 -W 2 -s 1000 "$ip" > /dev/null &&
		guest "$g" "ping -c 2 -i 0.2 -W 2 -s 1000 192.168.0.1 > /dev/null" ||
		{ echo "pings around length 128 failed"; return 1; }
	echo "note: $g: staging off, then on at 128, traffic each time: $(guest "$g" "/usr/sbin/ethtool --show-priv-flags eth0 | grep '^staging'")"
}
sc_stg_toggle() {
	local g
	for g in $(guests); do
		check "$g staging off and on at run time" 420 stg_toggle_one "$g"
	done
	nf_opts="$nf_opts staging_len=128"
}

# A data length above our backend's maximum (staging_force_len): the
# backend refuses it and says why in XenStore's error/ tree; the frontend
# retries once without staging (a log line, no data keys, ping); then the
# netfront is reloaded without the option.
stg_refused_one() {
	local g=$1 d be fe err
	d=$(domid_of "$g")
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	wait_for 60 sh -c "xenstore-read /local/domain/0/error/backend/vif/$d/0/error 2>/dev/null |
		grep -q staging" ||
		{ echo "no xenbus_dev_fatal message:"; xenstore-ls -f /local/domain/0/error 2>&1 | tail -5; return 1; }
	err=$(xenstore-read "/local/domain/0/error/backend/vif/$d/0/error")
	[ -e "/sys/class/net/vif$d.0" ] || { echo "vif$d.0 is gone"; return 1; }
	echo "note: $g: refused: $err"
	# the frontend retries once without staging (issue 15)
	wait_for 60 xs_is "$be/state" 4 || { echo "no reconnect after the refusal"; nf_states "$g"; return 1; }
	! xenstore-ls "$fe" 2>/dev/null | grep -q 'data-len' ||
		{ echo "fell back with staging keys:"; xenstore-ls "$fe" | grep data-; return 1; }
	guest "$g" "dmesg | grep -q 'retrying once without them'" ||
		{ echo "the guest's log does not say it fell back"; return 1; }
	connect_one "$g" > /dev/null || { echo "eth0 not configured after the fallback"; return 1; }
	wait_for 30 ping -c 1 -W 1 "$(guest_ip "$g")" || { echo "no ping after the fallback"; return 1; }
	echo "note: $g: fell back without staging"
}
sc_stg_fault() {
	local g
	for g in $(guests); do
		check "$g staging length $(stg_want) refused by our backend, the frontend falls back without staging" 180 stg_refused_one "$g"
		check "$g netfront reloaded without the forced length" 90 front_reload_plain "$g"
	done
	nf_opts=
}

# Staging grants our backend holds mapped (debugfs): per vif exactly what
# the buffers need, ceil(ring slots / buffers per page) per queue and
# direction, the vif's sum its per-queue grants, all vifs' count at least
# the sum of the vifs' and within the limits (module parameters).
stg_maps_one() {
	local g=$1 d f want stride per pages nq order fe exp mapped sum limit
	d=$(domid_of "$g")
	f=/sys/kernel/debug/xen-netback/vif$d.0/staging
	[ -r "$f" ] || { echo "no $f"; return 1; }
	want=$(stg_want)
	fe=$(fe_path "$g")
	nq=$(xenstore-read "$fe/multi-queue-num-queues" 2>/dev/null || echo 1)
	order=$(xenstore-read "$fe/ring-page-order" 2>/dev/null || echo 0)
	exp=0
	if [ "$want" -gt 0 ]; then
		stride=$(( (want + 63) / 64 * 64 ))
		per=$((4096 / stride))
		pages=$(( ((256 << order) + per - 1) / per ))
		exp=$((nq * 2 * pages))
	fi
	mapped=$(sed -n 's/^mapped //p' "$f")
	limit=$(sed -n 's/^limit //p' "$f")
	sum=$(awk '/^q[0-9]+:/ { s += $3 + $10 } END { print s + 0 }' "$f")
	[ "$mapped" = "$exp" ] && [ "$sum" = "$exp" ] ||
		{ echo "vif$d.0: want $exp mapped, got $mapped (queues say $sum):"; cat "$f"; return 1; }
	[ "$mapped" -le "$limit" ] || { echo "vif$d.0: $mapped mapped, over its limit $limit"; return 1; }
	[ "$limit" = "$(cat /sys/module/xen_netback/parameters/staging_max_grants_per_vif)" ] ||
		{ echo "per-vif limit differs from the module parameter"; return 1; }
	echo "note: $g: vif$d.0 maps $mapped staging grants (length $want, $nq queue(s), order $order), limit $limit"
}
stg_maps_all() {
	local f=/sys/kernel/debug/xen-netback/staging_grants mapped limit sum=0 v m
	[ -r "$f" ] || { echo "no $f"; return 1; }
	mapped=$(sed -n 's/^mapped //p' "$f")
	limit=$(sed -n 's/^limit //p' "$f")
	for v in /sys/kernel/debug/xen-netback/vif*/staging; do
		[ -r "$v" ] || continue
		m=$(sed -n 's/^mapped //p' "$v")
		sum=$((sum + m))
	done
	[ "$mapped" -ge "$sum" ] && [ "$mapped" -le "$limit" ] ||
		{ echo "all vifs: $mapped mapped, vifs say $sum, limit $limit"; return 1; }
	echo "note: all vifs map $mapped staging grants (connected vifs: $sum), limit $limit"
}
sc_stg_maps() {
	local g
	[ "$back" = ours ] || return 0
	for g in $(guests); do
		check "$g staging grants mapped by our backend (debugfs)" 60 stg_maps_one "$g"
	done
	check "staging grants mapped by all vifs within the limit" 30 stg_maps_all
}

# The per-vif map limit of our backend (writable parameter) set below what
# the buffers need, the netfront reloaded: the vif is refused with the
# limit named and the count of all vifs drops by exactly the vif's maps
# (none left behind); with the limit as it was, a reloaded netfront
# connects again (the "connect" check after this one).
STG_LIMIT=/sys/module/xen_netback/parameters/staging_max_grants_per_vif
STG_ALL=/sys/kernel/debug/xen-netback/staging_grants
stg_budget_one() {
	local g=$1 d old all0 vif0 all1 err rc=0
	d=$(domid_of "$g")
	old=$(cat $STG_LIMIT)
	all0=$(sed -n 's/^mapped //p' $STG_ALL)
	vif0=$(sed -n 's/^mapped //p' "/sys/kernel/debug/xen-netback/vif$d.0/staging")
	xenstore-rm "/local/domain/0/error/backend/vif/$d/0" 2> /dev/null
	echo 10 > $STG_LIMIT
	front_reload_plain "$g" && stg_refused_one "$g" || rc=1
	err=$(xenstore-read "/local/domain/0/error/backend/vif/$d/0/error" 2> /dev/null)
	all1=$(sed -n 's/^mapped //p' $STG_ALL)
	echo "$old" > $STG_LIMIT
	[ $rc = 0 ] || return 1
	case "$err" in *staging_max_grants_per_vif*) ;;
	*) echo "the refusal does not name the limit: $err"; return 1;; esac
	[ "$all1" = $((all0 - vif0)) ] ||
		{ echo "all vifs: $all0 mapped before ($vif0 by vif$d.0), $all1 after the refusal"; return 1; }
	front_reload_plain "$g" || return 1
	echo "note: $g: limit 10: refused, all vifs' maps $all0 -> $all1 (vif$d.0 had $vif0): $err"
}
sc_stg_budget() {
	local g
	[ "$back" = ours ] || return 0
	for g in $(guests); do
		check "$g staging over the per-vif map limit refused, nothing left mapped" 180 stg_budget_one "$g"
	done
	# reloaded without options: the netfront's default length
	nf_opts=
}
