# SPDX-License-Identifier: GPL-2.0-only
#
# Checks of module lifecycle: what the skeleton drivers can show before
# they carry traffic, and clean unloads.

# Our netback took the device and waits for the frontend (InitWait, 2);
# our netfront is bound and has not claimed a connection it cannot make.
skeleton_one() {
	local g=$1 be fe
	be=$(be_path "$g")
	fe=$(fe_path "$g")
	wait_for 30 xs_is "$be/state" 2 ||
		{ echo "backend state $(xenstore-read "$be/state"), want 2"; return 1; }
	guest "$g" "readlink /sys/bus/xen/devices/vif-0/driver" || return 1
	echo "note: $g: backend state $(xenstore-read "$be/state"), frontend state $(xenstore-read "$fe/state")"
}
sc_skeleton() { each_guest "skeleton drivers bound, backend in InitWait" 60 skeleton_one; }

# Unload and reload the frontend in every guest.
reload_front_one() {
	# xenbus holds a module reference for every bound device: unbind
	# them first, as an admin has to.
	guest "$1" "d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do echo \${v##*/} > \$d/unbind || exit 1; done
		rmmod xen_netfront && ! grep -q '^xen_netfront ' /proc/modules &&
		tb-load-front /lib/tb/$front/xen-netfront.ko $nf_opts"
}
sc_reload_front() { each_guest "netfront unloads and reloads" 60 reload_front_one; }

unload_back() {
	grep -q '^xen_netback ' /proc/modules || return 0
	rmmod xen_netback || return 1
	rm -f $TBS/back
	! grep -q '^xen_netback ' /proc/modules
}

# insmod KO PARAM=VALUE must fail, with one line in dmesg naming the
# parameter and its RANGE.
load_refused() {	# load_refused KO PARAM=VALUE RANGE
	local m
	m=$(basename "$1" .ko | tr - _)
	dmesg -c >> $TBS/dmesg.all
	if insmod "$1" "$2"; then
		echo "$2 loaded"
		rmmod "$m"
		return 1
	fi
	dmesg | grep -F "$m: $2: must be $3" ||
		{ echo "$2: no line giving the range $3:"; dmesg | tail -n 3; return 1; }
}

# A write of VALUE to module parameter PARAM fails with the line giving
# its RANGE, and the parameter keeps its value.
sysfs_refused() {	# sysfs_refused MODULE PARAM VALUE RANGE
	local f=/sys/module/$1/parameters/$2 old
	old=$(cat "$f") || return 1
	dmesg -c >> $TBS/dmesg.all
	if echo "$3" > "$f"; then
		echo "$2=$3 written, now $(cat "$f")"
		echo "$old" > "$f"
		return 1
	fi
	[ "$(cat "$f")" = "$old" ] || { echo "$2 is $(cat "$f") after the refused write, was $old"; return 1; }
	dmesg | grep -F "$1: $2=$3: must be $4" ||
		{ echo "$2=$3: no line giving the range $4:"; dmesg | tail -n 3; return 1; }
}

# Out-of-range values of our netback's parameters (PARAM=VALUE:RANGE).
NB_BAD_LOAD="fatal_skb_slots=32:18..20 fatal_skb_slots=17:18..20
	max_ring_page_order=5:0..4 staging_max_len=2049:0..2048
	max_queues=65:0..64 rx_drain_timeout_msecs=0:1..3600000
	rx_stall_timeout_msecs=3600001:1..3600000
	staging_max_grants=1048577:0..1048576
	staging_max_grants_per_vif=-1:0..1048576"
NB_BAD_WRITE="max_ring_page_order=5:0..4 staging_max_len=4096:0..2048
	max_queues=65:0..64 staging_max_grants_per_vif=1048577:0..1048576
	staging_max_grants=x:0..1048576"

# Our netback's writable parameters refuse out-of-range values through
# sysfs and keep theirs; one in range is taken.  Any step: nothing is
# reloaded, the values are as they were after it.
nb_params_sysfs() {
	local p=/sys/module/xen_netback/parameters b old
	for b in $NB_BAD_WRITE; do
		sysfs_refused xen_netback "${b%%=*}" "$(echo "${b#*=}" | cut -d: -f1)" "${b##*:}" ||
			return 1
	done
	old=$(cat $p/staging_max_len)
	echo 512 > $p/staging_max_len && [ "$(cat $p/staging_max_len)" = 512 ] ||
		{ echo "staging_max_len=512 not taken"; return 1; }
	echo "$old" > $p/staging_max_len
}
sc_nb_params_sysfs() { check "netback parameters refuse out-of-range writes and keep their values" 60 nb_params_sysfs; }

# The stock netback's parameter names load ours: fatal_skb_slots within
# 18..20 is taken; hash_cache_size is accepted and noted as unused.  Every
# numeric parameter of ours out of its range fails the load with a line
# giving the range, and refuses such a write through sysfs.  Needs a step
# with no guest (domus=0): our netback (back=ours, or alt for another
# build) is unloaded meanwhile, then loaded again.
nb_params() {
	local ko=/lib/tb/$back/xen-netback.ko p=/sys/module/xen_netback/parameters b
	unload_back || { echo "netback in use (is a guest up?)"; return 1; }
	load_lib_for "$ko" || return 1
	for b in $NB_BAD_LOAD; do
		load_refused "$ko" "${b%:*}" "${b##*:}" || return 1
	done
	dmesg -c >> $TBS/dmesg.all
	insmod "$ko" fatal_skb_slots=18 hash_cache_size=128 || return 1
	echo "$p/fatal_skb_slots: $(cat $p/fatal_skb_slots), hash_cache_size: $(cat $p/hash_cache_size)"
	[ "$(cat $p/fatal_skb_slots)" = 18 ] || { rmmod xen_netback; return 1; }
	dmesg | grep 'hash_cache_size=128 unused' ||
		{ echo "hash_cache_size not noted"; rmmod xen_netback; return 1; }
	nb_params_sysfs || { rmmod xen_netback; return 1; }
	rmmod xen_netback && use_back "$back" "$nb_opts"
}
sc_nb_params() { check "netback takes the stock parameter names, refuses any parameter out of range at load and through sysfs" 90 nb_params; }

# Our netfront refuses an out-of-range parameter through sysfs (the value
# stays) and at load (a line giving the range), then loads again with the
# step's options; "connect" after this reconnects it.
nf_params_one() {	# nf_params_one GUEST
	guest "$1" "p=/sys/module/xen_netfront/parameters
		old=\$(cat \$p/max_ring_page_order)
		dmesg -c > /dev/null
		if echo 9 > \$p/max_ring_page_order; then echo 'max_ring_page_order=9 written'; exit 1; fi
		[ \"\$(cat \$p/max_ring_page_order)\" = \"\$old\" ] ||
			{ echo \"max_ring_page_order now \$(cat \$p/max_ring_page_order), was \$old\"; exit 1; }
		dmesg | grep -F 'xen_netfront: max_ring_page_order=9: must be 0..4' ||
			{ echo 'no line giving the range (sysfs)'; exit 1; }
		d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do echo \${v##*/} > \$d/unbind || exit 1; done
		rmmod xen_netfront || exit 1
		if tb-load-front /lib/tb/$front/xen-netfront.ko max_ring_page_order=7; then
			echo 'max_ring_page_order=7 loaded'; exit 1
		fi
		dmesg | grep -F 'xen_netfront: max_ring_page_order=7: must be 0..4' ||
			{ echo 'no line giving the range (load)'; exit 1; }
		if tb-load-front /lib/tb/$front/xen-netfront.ko max_queues=0; then
			echo 'max_queues=0 loaded'; exit 1
		fi
		dmesg | grep -F 'xen_netfront: max_queues=0: must be 1..16' ||
			{ echo 'no line giving the range (max_queues)'; exit 1; }
		tb-load-front /lib/tb/$front/xen-netfront.ko $nf_opts"
}
sc_nf_params() { each_guest "netfront refuses parameters out of range at load and through sysfs" 120 nf_params_one; }
