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

# The stock netback's parameter names load ours: fatal_skb_slots within
# 18..20 is taken, out of it the load fails with a line giving the range;
# hash_cache_size is accepted and noted as unused.  Needs a step with no
# guest (domus=0): our netback is unloaded meanwhile, then loaded again.
nb_params() {
	local ko=/lib/tb/ours/xen-netback.ko p=/sys/module/xen_netback/parameters
	unload_back || { echo "netback in use (is a guest up?)"; return 1; }
	load_lib_for "$ko" || return 1
	dmesg -c >> $TBS/dmesg.all
	if insmod "$ko" fatal_skb_slots=32; then
		echo "fatal_skb_slots=32 loaded"
		rmmod xen_netback
		return 1
	fi
	dmesg | grep 'fatal_skb_slots=32: must be 18..20' ||
		{ echo "no line giving the range:"; dmesg | tail -n 3; return 1; }
	insmod "$ko" fatal_skb_slots=18 hash_cache_size=128 || return 1
	echo "$p/fatal_skb_slots: $(cat $p/fatal_skb_slots), hash_cache_size: $(cat $p/hash_cache_size)"
	[ "$(cat $p/fatal_skb_slots)" = 18 ] || { rmmod xen_netback; return 1; }
	dmesg | grep 'hash_cache_size=128 unused' ||
		{ echo "hash_cache_size not noted"; rmmod xen_netback; return 1; }
	rmmod xen_netback && use_back ours "$nb_opts"
}
sc_nb_params() { check "netback takes the stock parameter names, refuses fatal_skb_slots out of range" 60 nb_params; }
