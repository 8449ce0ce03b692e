# SPDX-License-Identifier: GPL-2.0-only
#
# Soak checks (plans/soak.plan, not CI): many network-attach/detach
# cycles and save/restores of one guest under traffic.  Each ends with
# dom0's memory back near where it began, our netback holding no staging
# grant of the guest, and (through check) no oops or warning in any log;
# sc_soak_zombie then destroys the guest and wants no domain left behind
# (a grant dom0 still maps keeps a dead domain around as a zombie).

dom0_avail_kb() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }

# Staging grants our netback maps for all vifs (0 without our netback).
dom0_stg_maps() {
	local f=/sys/kernel/debug/xen-netback/staging_grants
	[ -r $f ] && awk '/mapped/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }' $f || echo 0
}

# Free page cache so that MemAvailable compares like with like.
soak_settle() { sync; echo 3 > /proc/sys/vm/drop_caches; sleep 2; }

soak_mem_check() {	# soak_mem_check KB0 MAPS0 WHAT
	local kb1 maps1
	soak_settle
	kb1=$(dom0_avail_kb)
	maps1=$(dom0_stg_maps)
	echo "note: after $3: dom0 MemAvailable $1 -> $kb1 kB, staging grants mapped $2 -> $maps1"
	[ "$maps1" = "$2" ] || { echo "staging grants mapped: $2 before, $maps1 after"; return 1; }
	# within 2 %
	[ $((kb1 * 100)) -ge $(($1 * 98)) ] || { echo "dom0 lost $(($1 - kb1)) kB"; return 1; }
}

soak_attach_loop() {	# soak_attach_loop GUEST N
	local g=$1 n=$2 i d kb0 maps0 ppid
	d=$(domid_of "$g")
	soak_settle
	kb0=$(dom0_avail_kb)
	maps0=$(dom0_stg_maps)
	# the guest's own memory, for the record (the stock netfront loses
	# about 1 MiB a cycle whatever the backend: RESULTS.md)
	meminfo_one "$g" | sed 's/^note: /note: before: /'
	# traffic on the first vif meanwhile
	ping -q -i 0.2 "$(guest_ip "$g")" > /dev/null 2>&1 &
	ppid=$!
	for i in $(seq 1 "$n"); do
		xl network-attach "$g" "mac=00:16:3e:00:$(printf %02x "${g#g}"):01" \
			bridge=xenbr1 script=vif-test ||
			{ echo "cycle $i: network-attach failed"; kill $ppid; return 1; }
		wait_for 60 xs_is "$(be_path "$g" 1)/state" 4 ||
			{ echo "cycle $i: vif 1 not connected"; kill $ppid; return 1; }
		xl network-detach "$g" 1 ||
			{ echo "cycle $i: network-detach failed"; kill $ppid; return 1; }
		wait_for 60 sh -c "! xenstore-exists /local/domain/0/backend/vif/$d/1" ||
			{ echo "cycle $i: backend vif/$d/1 still there"; kill $ppid; return 1; }
	done
	kill $ppid
	ping -c 2 -W 2 "$(guest_ip "$g")" > /dev/null || { echo "vif 0 lost after $n cycles"; return 1; }
	meminfo_one "$g" | sed 's/^note: /note: after: /'
	soak_mem_check "$kb0" "$maps0" "$n attach/detach cycles"
}

# save_restore_one balloons the guest to 192 MiB first, so the first
# restore brings it back smaller and its netfront may pick a smaller ring
# order (ours sizes rings by RAM): 1024 staging maps before, 512 after,
# by design.  The baseline is therefore taken after the first cycle.
soak_save_loop() {	# soak_save_loop GUEST N
	local g=$1 n=$2 i kb0 maps0
	for i in $(seq 1 "$n"); do
		# traffic while the guest is saved (it ends with the domain)
		ping -q -i 0.2 -w 20 "$(guest_ip "$g")" > /dev/null 2>&1 &
		save_restore_one "$g" > /tmp/soak-sr.log 2>&1 ||
			{ echo "save/restore $i failed:"; tail -20 /tmp/soak-sr.log; return 1; }
		grep -E '^note: (vifs|dom0 ran late|before:|restored:)' /tmp/soak-sr.log | sed "s/^note: /note: cycle $i: /"
		wait
		[ "$i" = 1 ] || continue
		soak_settle
		kb0=$(dom0_avail_kb)
		maps0=$(dom0_stg_maps)
		echo "note: baseline after the first save/restore: MemAvailable $kb0 kB, $maps0 staging maps"
	done
	soak_mem_check "$kb0" "$maps0" "$((n - 1)) more save/restores"
}

soak_zombie() {
	local g=$1
	xl destroy "$g" || return 1
	wait_for 60 sh -c "! xl list | grep -q '(null)'" ||
		{ echo "a dead domain is still there:"; xl list; return 1; }
}

soak_attach_n() { soak_attach_loop "$2" "$1"; }
soak_save_n() { soak_save_loop "$2" "$1"; }
sc_soak_attach() { each_guest "100 network-attach/detach cycles under ping: no leak" 3600 soak_attach_n 100; }
sc_soak_attach_short() { each_guest "5 network-attach/detach cycles under ping: no leak" 400 soak_attach_n 5; }
sc_soak_save() { each_guest "20 save/restores under ping: no leak" 7200 soak_save_n 20; }
sc_soak_save_short() { each_guest "3 save/restores under ping: no leak" 900 soak_save_n 3; }
sc_soak_zombie() { each_guest "destroyed with no dead domain left (no grant still mapped)" 90 soak_zombie; }
