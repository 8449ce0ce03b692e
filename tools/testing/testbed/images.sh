#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the initramfs images of the Xen test bed.
#
# A boot image is made of a cached base (busybox, the Xen tools and the
# stock kernel modules, which change only when the Debian packages do)
# and a small overlay made for every run (the modules under test, the
# scenarios, the plan).  Linux unpacks concatenated cpio archives one
# after the other, so the overlay is simply appended to the base.
#
# Sourced by ./run; expects TB (this directory), OUT, KVER.

XEN_BIN=/usr/lib/xen-4.17/bin
XEN_LIB=/usr/lib/xen-4.17/lib

# Kernel modules dom0 needs, in load order (xenfs needs xen-privcmd).
DOM0_MODS="drivers/xen/xen-privcmd drivers/xen/xenfs/xenfs
	drivers/xen/xen-evtchn drivers/xen/xen-gntdev drivers/xen/xen-gntalloc
	net/llc/llc net/802/stp net/bridge/bridge net/core/pktgen"

die() { echo "testbed: $*" >&2; exit 1; }

# Copy a program and the shared libraries it needs into root $R.
add_prog() {
	local f
	for f; do
		cp -L --parents "$f" "$R" || die "missing $f"
		ldd "$f" 2>/dev/null | grep -o '/[^ )]*' |
			xargs -r -I{} cp -L --parents {} "$R"
	done
}

# Copy one module of $KVER into $2, decompressing .ko.xz (busybox insmod
# reads only plain .ko files).
add_module() {
	local src=/lib/modules/$KVER/kernel/$1 dst=$2
	mkdir -p "$(dirname "$dst")"
	if [ -f "$src.ko" ]; then
		cp "$src.ko" "$dst"
	elif [ -f "$src.ko.xz" ]; then
		xz -dc "$src.ko.xz" > "$dst"
	else
		die "module $1 not found for $KVER"
	fi
}

busybox_links() {
	local a
	for a in $(busybox --list); do
		[ "$a" = busybox ] || [ -e "$R/bin/$a" ] || ln -s busybox "$R/bin/$a"
	done
}

pack() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 2>/dev/null |
		gzip -1) > "$2"
}

# What the cached bases depend on: this script and the packages it copies.
base_key() {
	{
		echo "$KVER"
		cat "$TB/images.sh"
		dpkg-query -W busybox-static iperf3 xen-utils-4.17 ethtool iproute2 sockperf \
			"linux-image-$KVER" "linux-image-$KVER-unsigned" 2>/dev/null
	} | sha256sum | cut -c1-16
}

build_domu_base() {
	R=$1
	rm -rf "$R"
	mkdir -p "$R"/{bin,dev,proc,sys,tmp,run,lib/tb/stock,srv}
	cp /bin/busybox "$R/bin/"
	busybox_links
	add_prog /usr/bin/iperf3 /usr/bin/xenstore /usr/sbin/ethtool /usr/sbin/ip \
		/usr/bin/sockperf
	for t in read write exists rm list; do
		ln -s xenstore "$R/usr/bin/xenstore-$t"
	done
	add_module drivers/net/xen-netfront "$R/lib/tb/stock/xen-netfront.ko"
	add_module net/core/pktgen "$R/lib/tb/pktgen.ko"
}

build_dom0_base() {
	local m
	R=$1
	rm -rf "$R"
	mkdir -p "$R"/{bin,dev,proc,sys,tmp,run,root,boot,srv,etc/xen/scripts} \
		"$R"/var/log/xen/console "$R"/var/lib/xen "$R"/lib/tb/stock
	ln -s ../run "$R/var/run"
	cp /bin/busybox "$R/bin/"
	busybox_links
	add_prog /lib/x86_64-linux-gnu/libgcc_s.so.1 "$XEN_BIN/xl" \
		"$XEN_BIN/xenstored" "$XEN_BIN/xenconsoled" \
		"$XEN_BIN/xen-init-dom0" "$XEN_BIN/libxl-save-helper" \
		/usr/bin/xenstore /usr/bin/iperf3 /usr/sbin/ethtool /usr/bin/sockperf
	for t in read write exists rm list ls chmod watch; do
		ln -s xenstore "$R/usr/bin/xenstore-$t"
	done
	cp -a /etc/xen/xl.conf "$R/etc/xen/"
	for m in $DOM0_MODS; do
		add_module "$m" "$R/lib/tb/mods/$(basename "$m").ko"
	done
	add_module drivers/net/xen-netback/xen-netback \
		"$R/lib/tb/stock/xen-netback.ko"
	cp "/boot/vmlinuz-$KVER" "$R/boot/vmlinuz-domU"
}

# Build (or reuse) both bases; sets DOM0_BASE and DOMU_BASE.
build_bases() {
	local key dir
	key=$(base_key)
	dir=$OUT/cache/$KVER-$key
	DOM0_BASE=$dir/dom0-base.cpio.gz
	DOMU_BASE=$dir/domU-base.cpio.gz
	if [ -f "$DOM0_BASE" ] && [ -f "$DOMU_BASE" ]; then
		echo "# testbed: reusing cached base images ($key)"
		return
	fi
	echo "# testbed: building base images for $KVER ($key)"
	rm -rf "$OUT/cache/$KVER-"*
	mkdir -p "$dir"
	build_domu_base "$dir/domU-root"
	pack "$dir/domU-root" "$DOMU_BASE"
	build_dom0_base "$dir/dom0-root"
	pack "$dir/dom0-root" "$DOM0_BASE"
	rm -rf "$dir/domU-root" "$dir/dom0-root"
}

# The host's TB_* settings (e.g. TB_PPS_SECS) as lines for dom0 to source;
# values are limited to characters the shell takes literally.
tb_env() {
	local v
	for v in $(compgen -v TB_); do
		case "${!v}" in
		*[!A-Za-z0-9_.,:=+-]*)
			echo "testbed: $v='${!v}': only letters, digits and _.,:=+- please" >&2
			return 1 ;;
		esac
		echo "export $v=${!v}"
	done
}

# Build the per-run overlays and the final images in $OUT/run:
# our modules (if built), the scenarios, the plan and the TB_* settings.
# add_alt ROOT NAME KO MODULE: another build of our MODULE (KO, a path on
# the host; nothing if empty) as /lib/tb/NAME/MODULE.ko in ROOT, with the
# library built next to it, if it has one.
add_alt() {
	[ -n "$3" ] || return 0
	mkdir -p "$1/lib/tb/$2"
	cp "$3" "$1/lib/tb/$2/$4.ko" || return 1
	[ ! -f "${3%/*}/xen-netif.ko" ] || cp "${3%/*}/xen-netif.ko" "$1/lib/tb/$2/"
}

build_run_images() {
	local run=$OUT/run ko_dir=$1 plan=$2
	rm -rf "$run"
	mkdir -p "$run"
	R=$run/domU-ovl
	mkdir -p "$R/lib/tb/ours"
	mkdir -p "$R/bin"
	cp "$TB/guest/init" "$R/init"
	cp "$TB/guest/tb-load-front" "$R/bin/"
	# XDP test programs for scenarios/netfront.sh (sources in xdp/)
	mkdir -p "$R/lib/tb/xdp"
	for f in "$TB"/xdp/*.c; do
		clang -O2 -g -Wall -target bpf -I"/usr/include/$(gcc -dumpmachine)" \
			-c "$f" -o "$R/lib/tb/xdp/$(basename "${f%.c}").o" || return 1
	done
	[ -f "$ko_dir/xen-netfront.ko" ] &&
		cp "$ko_dir/xen-netfront.ko" "$ko_dir/xen-netif.ko" "$R/lib/tb/ours/"
	[ -f "$ko_dir/xdp_pass.o" ] && cp "$ko_dir/xdp_pass.o" "$R/lib/tb/"
	# front=alt loads another build of our netfront, ALT_FRONT (a path on
	# the host), e.g. one before and one after a fix in the same boot;
	# front=alt2 ALT2_FRONT, a third build (bisecting).
	add_alt "$R" alt "${ALT_FRONT:-}" xen-netfront || return 1
	add_alt "$R" alt2 "${ALT2_FRONT:-}" xen-netfront || return 1
	# TB_PERF=1: perf in the guests too (scenarios/bench.sh prof_guest)
	if [ -n "${TB_PERF:-}" ]; then
		add_prog "$(command -v perf)" || return 1
	fi
	# qstats-get over netlink for nf_qstats and nb_qstats (scenarios/),
	# in both images (qstats/xnif_qstats.c); static: needs no library
	mkdir -p "$R/usr/bin"
	gcc -O2 -Wall -Werror -static -o "$R/usr/bin/xnif_qstats" \
		"$TB/qstats/xnif_qstats.c" || return 1
	# front=probe loads the test frontend (probe/xnif_probe.c) in place
	# of a netfront: /lib/tb/probe/xen-netfront.ko links to it.
	if [ -f "$ko_dir/xnif-probe.ko" ]; then
		mkdir -p "$R/lib/tb/probe"
		cp "$ko_dir/xnif-probe.ko" "$R/lib/tb/probe/"
		ln -s xnif-probe.ko "$R/lib/tb/probe/xen-netfront.ko"
	fi
	pack "$R" "$run/domU-ovl.cpio.gz"
	# One gzip stream, not two: xl's PV builder inflates a gzipped ramdisk
	# itself, into a buffer sized by the last member's trailer only (seen:
	# with perf in the overlay, a larger member last, the guest kernel
	# found no root file system).
	{ zcat "$DOMU_BASE"; zcat "$run/domU-ovl.cpio.gz"; } | gzip -1 \
		> "$run/initrd-domU.gz"

	R=$run/dom0-ovl
	mkdir -p "$R/lib/tb/ours" "$R/tb" "$R/boot" "$R/etc/xen/scripts"
	cp "$TB/dom0/init" "$R/init"
	cp "$TB/dom0/vif-test" "$R/etc/xen/scripts/vif-test"
	cp "$TB/dom0/"*.sh "$TB/scenarios/"*.sh "$R/tb/"
	cp "$plan" "$R/tb/plan"
	tb_env > "$R/tb/env" || return 1
	[ -f "$ko_dir/xen-netback.ko" ] &&
		cp "$ko_dir/xen-netback.ko" "$ko_dir/xen-netif.ko" "$R/lib/tb/ours/"
	# back=alt, back=alt2: other builds of our netback, ALT_BACK and
	# ALT2_BACK (as ALT_FRONT)
	add_alt "$R" alt "${ALT_BACK:-}" xen-netback || return 1
	add_alt "$R" alt2 "${ALT2_BACK:-}" xen-netback || return 1
	# The hostile backend of scenarios/rogue.sh (rogue/xnif_rogue.c); the
	# base already holds its libraries (xenstore, gnttab, evtchn: xl's).
	mkdir -p "$R/usr/bin"
	cp "$run/domU-ovl/usr/bin/xnif_qstats" "$R/usr/bin/" || return 1
	gcc -O2 -Wall -Werror -o "$R/usr/bin/xnif_rogue" "$TB/rogue/xnif_rogue.c" \
		-lxenstore -lxengnttab -lxenevtchn -lxentoollog || return 1
	cp "$run/initrd-domU.gz" "$R/boot/initrd-domU.gz"
	# TB_PERF=1: the host's perf in dom0, for the profiling probes
	# (scenarios/bench.sh prof_*); some 30 MiB more, so only on request.
	if [ -n "${TB_PERF:-}" ]; then
		add_prog "$(command -v perf)" || return 1
	fi
	pack "$R" "$run/dom0-ovl.cpio.gz"
	cat "$DOM0_BASE" "$run/dom0-ovl.cpio.gz" > "$run/dom0.cpio.gz"
	# the hypervisor: Debian's, or XEN_IMAGE (run), gzipped or not
	local xen=${XEN_IMAGE:-/boot/xen-4.17-amd64.gz}
	if gzip -t "$xen" 2> /dev/null; then
		zcat "$xen" > "$run/xen" || return 1
	else
		cp "$xen" "$run/xen" || return 1
	fi
	cp "/boot/vmlinuz-$KVER" "$run/vmlinuz"
}
