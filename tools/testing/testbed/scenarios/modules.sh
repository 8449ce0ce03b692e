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
sc_skeleton() {
	local g
	for g in $(guests); do
		check "$g skeleton drivers bound, backend in InitWait" 60 skeleton_one "$g"
	done
}

# Unload and reload the frontend in every guest.
reload_front_one() {
	# xenbus holds a module reference for every bound device: unbind
	# them first, as an admin has to.
	guest "$1" "d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do echo \${v##*/} > \$d/unbind || exit 1; done
		rmmod xen_netfront && ! grep -q '^xen_netfront ' /proc/modules &&
		tb-load-front /lib/tb/$front/xen-netfront.ko $nf_opts"
}
sc_reload_front() {
	local g
	for g in $(guests); do
		check "$g netfront unloads and reloads" 60 reload_front_one "$g"
	done
}

unload_back() {
	grep -q '^xen_netback ' /proc/modules || return 0
	rmmod xen_netback || return 1
	rm -f $TBS/back
	! grep -q '^xen_netback ' /proc/modules
}
