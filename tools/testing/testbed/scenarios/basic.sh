# SPDX-License-Identifier: GPL-2.0-only
#
# Basic data-path checks.  Every sc_* function is one named check a plan
# can list; each runs against every guest of the step (g1..g$domus).

guests() { local i; for i in $(seq 1 "$domus"); do echo "g$i"; done; }

# The vif connects: both ends Connected (4), eth0 up with its address.
connect_one() {
	local g=$1 ip
	ip=$(guest_ip "$g")
	both_connected "$g" || return 1
	guest "$g" "n=0; until [ -e /sys/class/net/eth0 ] || [ \$n -gt 60 ]; do
		sleep 0.5; n=\$((n+1)); done
		ip addr flush dev eth0 && ip addr add $ip/24 dev eth0 &&
		ip link set eth0 up &&
		ls /sys/class/net/eth0/queues/" || return 1
	echo "note: $g: $(xenstore-ls "$(be_path "$g")" | grep -E \
		'^(feature-|multi-queue|state)' | tr -s ' ' | tr '\n' ' ')"
	echo "note: $g: frontend $(xenstore-ls "$(fe_path "$g")" | grep -E \
		'^(multi-queue-num-queues|request-|feature-|queue-)' | tr -s ' ' |
		tr '\n' ' ' | cut -c1-300)"
}
sc_connect() {
	local g
	for g in $(guests); do
		check "$g connects" 180 connect_one "$g" || return 1
	done
}

# Diagnostic: each guest's memory as notes (a plan puts it between
# scenarios to see what a step leaves behind).
meminfo_one() {
	local m
	m=$(guest "$1" "grep -E '^(MemTotal|MemAvailable|AnonPages|Shmem|Slab|SUnreclaim):' /proc/meminfo") ||
		return 1
	echo "note: $1: $(echo "$m" | tr -s ' ' | tr '\n' ' ')"
}
sc_meminfo() {
	local g
	for g in $(guests); do
		diagnose "$g memory" 30 meminfo_one "$g"
	done
}

# Diagnostic: every key of each guest's backend and frontend directory.
keys_one() {
	local be fe
	be=$(xenstore-ls "$(be_path "$1")") || return 1
	fe=$(xenstore-ls "$(fe_path "$1")") || return 1
	echo "$be" | sed "s/^/note: $1 backend: /"
	echo "$fe" | sed "s/^/note: $1 frontend: /"
}
sc_keys() {
	local g
	for g in $(guests); do
		diagnose "$g xenstore keys" 30 keys_one "$g"
	done
}

ping_one() {
	local ip
	ip=$(guest_ip "$1")
	wait_for 30 ping -c 1 -W 1 "$ip" || { echo "no reply from $ip"; return 1; }
	ping -c 5 -i 0.2 -W 2 "$ip" || return 1
	guest "$1" "ping -c 5 -i 0.2 -W 2 192.168.0.1"
}
sc_ping() { each_guest "ping both ways" 60 ping_one; }

# Reload the step's netfront without module options (after a step forced
# one for a refusal test): it then connects with its defaults.
front_reload_plain() {	# front_reload_plain GUEST
	guest "$1" "d=/sys/bus/xen/drivers/vif
		for v in \$d/vif-*; do echo \${v##*/} > \$d/unbind || exit 1; done
		rmmod xen_netfront && tb-load-front /lib/tb/$front/xen-netfront.ko"
}

# Byte-exact transfers: a file of random data each way over HTTP, checked
# by SHA-256 at the receiver.
# The random file dom0 serves has TB_BYTES_64K (default 128) blocks of
# 64 KiB and is named after its size: rand-<blocks>.bin.
rand_name() { echo "rand-${TB_BYTES_64K:-128}.bin"; }
start_dom0_httpd() {
	grep -q ' /srv ' /proc/mounts || mount -t tmpfs tmpfs /srv
	[ -f "/srv/$(rand_name)" ] || dd if=/dev/urandom of="/srv/$(rand_name)" \
		bs=64k count=${TB_BYTES_64K:-128} 2> /dev/null
	pidof httpd > /dev/null || httpd -p 8080 -h /srv
}

bytes_one() {
	local g=$1 ip want got
	ip=$(guest_ip "$g")
	start_dom0_httpd
	want=$(sha256sum < "/srv/$(rand_name)" | cut -d' ' -f1)
	# dom0 -> guest
	got=$(guest "$g" "wget -q -O /tmp/rx.bin http://192.168.0.1:8080/$(rand_name) &&
		sha256sum < /tmp/rx.bin && rm /tmp/rx.bin" 120 | cut -d' ' -f1)
	[ "$got" = "$want" ] || { echo "dom0->$g: sha256 $got, want $want"; return 1; }
	# guest -> dom0
	want=$(guest "$g" "grep -q ' /srv ' /proc/mounts || mount -t tmpfs tmpfs /srv;
		dd if=/dev/urandom of=/srv/g.bin bs=64k count=${TB_BYTES_64K:-128} 2>/dev/null;
		pidof httpd >/dev/null || httpd -p 8080 -h /srv;
		sha256sum < /srv/g.bin" | cut -d' ' -f1)
	[ -n "$want" ] || return 1
	wget -q -O /tmp/g.bin "http://$ip:8080/g.bin" || return 1
	got=$(sha256sum < /tmp/g.bin | cut -d' ' -f1)
	rm -f /tmp/g.bin
	[ "$got" = "$want" ] || { echo "$g->dom0: sha256 $got, want $want"; return 1; }
	echo "note: $g: $((${TB_BYTES_64K:-128} * 64)) KiB each way, sha256 equal"
}
sc_bytes() { each_guest "byte-exact transfer both ways" 240 bytes_one; }

# iperf3 both ways; passes if data moved each way.  Rates are reported.
iperf_one() {
	local g=$1 ip out r w cpu
	ip=$(guest_ip "$g")
	guest "$g" "pidof iperf3 >/dev/null || iperf3 -s -D" || return 1
	sleep 1
	for dir in "" "-R"; do
		# the window's CPU and counts (bench.sh's win_mark/win_note):
		# without -R dom0 sends, the guest's RX
		[ -z "$dir" ] && w=rx || w=tx
		win_mark "$g" "$w"
		out=$(iperf3 -c "$ip" -t "${TB_IPERF_SECS:-4}" $dir 2>&1)
		cpu=$(win_note "$g")
		r=$(echo "$out" | grep ' receiver$' | tail -1)
		[ -n "$r" ] || { echo "$out" | tail -5; return 1; }
		case "$r" in *" 0.00 bits/sec"*) echo "$r"; return 1 ;; esac
		[ -z "$dir" ] && d="dom0->$g" || d="$g->dom0"
		echo "note: iperf3 $d: $(echo "$r" | grep -oE '[0-9.]+ [KMG]?bits/sec')${cpu:+ ($cpu)}"
	done
}
sc_iperf() { each_guest "iperf3 both ways" 120 iperf_one; }

# xl network-attach of a second vif on its own bridge, traffic over it,
# then network-detach: eth1 and the backend directory must go away.
attach_one() {
	local g=$1 d n ip2
	d=$(domid_of "$g")
	n=${g#g}
	ip2=192.168.1.$((1 + n))
	xl network-attach "$g" "mac=00:16:3e:00:$(printf %02x "$n"):01" \
		bridge=xenbr1 script=vif-test || return 1
	wait_for 60 xs_is "$(be_path "$g" 1)/state" 4 || { echo "vif 1 not connected"; return 1; }
	guest "$g" "n=0; until [ -e /sys/class/net/eth1 ] || [ \$n -gt 60 ]; do
		sleep 0.5; n=\$((n+1)); done
		ip addr add $ip2/24 dev eth1 && ip link set eth1 up" || return 1
	wait_for 30 ping -c 1 -W 1 "$ip2" || { echo "no reply on eth1"; return 1; }
	start_dom0_httpd
	want=$(sha256sum < "/srv/$(rand_name)" | cut -d' ' -f1)
	got=$(guest "$g" "wget -q -O /tmp/rx.bin http://192.168.1.1:8080/$(rand_name) &&
		sha256sum < /tmp/rx.bin && rm /tmp/rx.bin" 120 | cut -d' ' -f1)
	[ "$got" = "$want" ] || { echo "over eth1: sha256 $got, want $want"; return 1; }
	xl network-detach "$g" 1 || return 1
	wait_for 30 sh -c "! xenstore-exists /local/domain/0/backend/vif/$d/1" ||
		{ echo "backend vif/$d/1 still there"; return 1; }
	guest "$g" "n=0; while [ -e /sys/class/net/eth1 ] && [ \$n -lt 40 ]; do
		sleep 0.5; n=\$((n+1)); done; [ ! -e /sys/class/net/eth1 ]" ||
		{ echo "eth1 still in the guest"; return 1; }
	# the first vif still works
	ping -c 2 -W 2 "$(guest_ip "$g")"
}
sc_attach() { each_guest "network-attach/detach of a second vif" 200 attach_one; }

# xl save + xl restore: the restored domain gets a new backend device,
# which must reach Connected with the same queue count, and data must
# flow byte-exact again.  The guest is ballooned down first so the save
# is shorter under TCG.  libxl-save-help spends over 20 s in one privcmd
# hypercall there, so dom0's soft-lockup watchdog and RCU stall warnings
# are off meanwhile (any other bad log line still fails the check).
RCU_SUPPRESS=/sys/module/rcupdate/parameters/rcu_cpu_stall_suppress
sr_diag() {	# sr_diag GUEST: what a stuck restore waits for
	local d
	xl list
	xenstore-ls -f /local/domain/0/backend/vif 2>&1 | grep -E '/(state|hotplug-status|online)'
	d=$(domid_of "$1") && xenstore-ls -f "/local/domain/$d/device/vif" 2>&1 | grep /state
	{ ps -eo pid,stat,etimes,args 2>/dev/null || ps; } | grep -E 'xl|vif-test|hotplug' | grep -v grep
	dmesg | tail -15
}
# xl save returns while dom0 may still be taking the saved domain's vifs
# down: xenbus runs backend probes and removals one at a time, so under
# TCG the restored domain's new vif could wait behind that past libxl's
# 10 s for the backend (seen twice: "unable to add device").  Restore once
# they are gone, as an admin's next command would come later.
sr_old_vifs_gone() {	# sr_old_vifs_gone DOMID
	local t0=$(date +%s) up0 dt be=/local/domain/0/backend/vif/$1/0 n=0
	up0=$(cut -d' ' -f1 /proc/uptime)
	: > /tmp/sr-wait.log
	while ls -d /sys/class/net/vif$1.* > /dev/null 2>&1 || xenstore-exists "$be"; do
		[ $n -ge 240 ] && break
		# what the teardown waits for, every 5 s (shown if it was slow)
		[ $((n % 10)) = 0 ] && echo "note: slow teardown: +$((n / 2)) s: be state $(xenstore-read $be/state 2>/dev/null || echo -) online $(xenstore-read $be/online 2>/dev/null || echo -) hotplug $(xenstore-read $be/hotplug-status 2>/dev/null || echo -); netdev $(ls -d /sys/class/net/vif$1.* 2>/dev/null | tr '\n' ' '); $(ps -eo args 2>/dev/null | grep -c '[v]if-')" hotplug scripts >> /tmp/sr-wait.log
		sleep 0.5
		n=$((n + 1))
	done
	dt=$(($(date +%s) - t0))
	if [ $n -ge 240 ]; then
		echo "vifs of domain $1 still there 120 s after xl save"
		cat /tmp/sr-wait.log
		return 1
	fi
	echo "note: vifs of the saved domain $1 gone $dt s after xl save returned ($n polls)"
	# A slow teardown is a finding of its own: show the states seen and
	# what dom0 said meanwhile (kernel times after $up0 s of uptime).
	[ $dt -lt 10 ] && return 0
	cat /tmp/sr-wait.log
	{ cat $TBS/dmesg.all 2>/dev/null; dmesg; } | awk -v t="$up0" 'match($0, /^\[ *[0-9.]+\]/) && substr($0, 2, RLENGTH - 2) + 0 >= t - 5' |
		tail -25 | sed 's/^/note: slow teardown: /'
}

# Xen scrubs a dead domain's memory before reusing it.  Under TCG that
# takes tens of seconds for a few hundred MiB, and while it runs dom0 can
# go unscheduled for as long (seen with qemu's gdb stub: one CPU in
# scrub_free_pages/clear_page_sse2, the other idle, dom0's "sleep 1"
# taking 26 s; stalls of 2-70 s after xl save, the same with our drivers
# on both ends or with the stock netfront).  A restore started in such a
# stall misses libxl's 10 s wait for the new backend ("unable to add
# device", guest lost).  Wait until dom0 has run on time for 5 s running.
sr_dom0_settled() {
	local good=0 n=0 a b late=0
	while [ $good -lt 5 ] && [ $n -lt 180 ]; do
		a=$(cut -d' ' -f1 /proc/uptime)
		sleep 1
		b=$(cut -d' ' -f1 /proc/uptime)
		if awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a < 1.5) }'; then
			good=$((good + 1))
		else
			good=0
			late=$((late + 1))
		fi
		n=$((n + 1))
	done
	[ $late = 0 ] || echo "note: dom0 ran late $late time(s) after the save (Xen scrubbing); restore after $n s"
	[ $good -ge 5 ] || { echo "dom0 still stalling 180 s after the save"; return 1; }
}

# xl restore unpauses the guest only once its devices are set up.  It
# runs apart from the check's output (a process it leaves behind must not
# hold the check open); after 300 s the state it waits in is shown.
sr_restore() {	# sr_restore GUEST FILE
	local log=/tmp/$1.restore.log pid n=0 rc
	xl restore "$2" > "$log" 2>&1 < /dev/null &
	pid=$!
	while kill -0 $pid 2>/dev/null && [ $n -lt 300 ]; do
		sleep 1
		n=$((n + 1))
	done
	if kill -0 $pid 2>/dev/null; then
		cat "$log"
		echo "xl restore still running after 300 s:"
		sr_diag "$1"
		kill $pid
		return 1
	fi
	wait $pid
	rc=$?
	cat "$log"
	return $rc
}
# After a failed restore: dom0's log, the new backend's XenStore state and
# the stacks of blocked tasks (a stuck xenwatch keeps a backend from
# probing, which is what libxl's "unable to add device" would mean).
sr_fail_diag() {
	echo w > /proc/sysrq-trigger
	sleep 1
	dmesg | tail -n 80 | grep -v '^ *$' | tail -n 60
	xenstore-ls -f /local/domain/0/backend/vif 2>/dev/null |
		grep -E '/(state|online|hotplug-status|frontend-id) ' | sed 's/^/note: /'
}

save_restore_one() {
	local g=$1 f=/tmp/$1.save nq0 nq1 wd rcu rc d
	nq0=$(xenstore-read "$(fe_path "$g")/multi-queue-num-queues" 2>/dev/null || echo 1)
	meminfo_one "$g" | sed 's/^note: /note: before: /'
	# 192 MiB whatever the guest's size.  Once, a 512 MiB guest at 256 MiB
	# failed the restore ("unable to add device" for the new vif); the
	# guess, not confirmed: freeing the saved domain's pages under TCG
	# kept dom0 from the backend past libxl's wait.
	xl mem-set "$g" 192m && sleep 3
	wd=$(cat /proc/sys/kernel/soft_watchdog)
	rcu=$(cat $RCU_SUPPRESS 2>/dev/null)
	echo 0 > /proc/sys/kernel/soft_watchdog
	[ -z "$rcu" ] || echo 1 > $RCU_SUPPRESS
	d=$(domid_of "$g")
	# SR_BETWEEN: a command run while the guest is saved (another
	# netback, as on another host)
	xl save "$g" "$f" && sr_old_vifs_gone "$d" && sr_dom0_settled &&
		${SR_BETWEEN:-true} && sr_restore "$g" "$f"
	rc=$?
	echo "$wd" > /proc/sys/kernel/soft_watchdog
	[ -z "$rcu" ] || echo "$rcu" > $RCU_SUPPRESS
	rm -f "$f"
	[ $rc = 0 ] || { echo "xl save/restore failed ($rc)"; sr_fail_diag; return 1; }
	both_connected "$g" 90 || return 1
	meminfo_one "$g" | sed 's/^note: /note: restored: /'
	nq1=$(xenstore-read "$(fe_path "$g")/multi-queue-num-queues" 2>/dev/null || echo 1)
	[ "$nq1" = "$nq0" ] || { echo "$nq0 queues before, $nq1 after"; return 1; }
	ping_one "$g" > /dev/null || { echo "no ping after restore"; return 1; }
	TB_BYTES_64K=32 bytes_one "$g" || return 1
	echo "note: $g: $nq1 queue(s), ping and byte-exact both ways after save/restore"
}
sc_save_restore() { each_guest "reconnects after xl save/restore, traffic resumes" 600 save_restore_one; }
