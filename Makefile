# SPDX-License-Identifier: GPL-2.0-only
#
# Out-of-tree build of xen-netfront, xen-netback and their library
# xen-netif, for Debian kernels.
# kbuild reads ./Kbuild, not this file; this file only drives kbuild.
#
#   make                 build the three modules in place for $(KVER)
#   make sparse          clean rebuild with C=2; fails on any diagnostic
#   make stage           build a copy under build/$(KVER)/ (for the test bed),
#                        with the test build's extra parameters
#                        (XNIF_TEST_KNOBS, see TEST_KNOBS below)
#   make stage-all       "make stage" for every installed supported kernel
#   make check-kernels   build + C=2 for every installed supported kernel,
#                        fails on any diagnostic, a failed library link
#                        check (see lib_check) or a test-only parameter
#                        outside the test build, one summary line each
#   make clean           remove every build product, in place and staged
#   make print-kver      print the kernel version a build would use
#   make install         build and install the three modules for one kernel
#                        into /lib/modules/KVER/updates/, depmod, initramfs
#   make uninstall       remove what make install put there, same steps
#   make dkms-install    register with DKMS, build + install for every
#                        installed supported kernel (KVER=... for one)
#   make dkms-uninstall  remove it from DKMS and /usr/src again
#   make deb             build build/xen-netif-dkms_VERSION_all.deb
#
# KVER defaults to the installed Debian kernel image, never to uname -r;
# except for install and uninstall: the running kernel when its headers
# are installed (they print which kernel and why).

REPO := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# Kernel series we support; headers dirs look like linux-headers-6.1.0-56-amd64.
SUPPORTED_SERIES := 6.1 6.12
HEADERS_ROOT := /usr/src

# 1. the image the linux-image-amd64 metapackage depends on, if installed;
# 2. else the newest /lib/modules/*-amd64 that has headers under /usr/src.
define detect_kver
v=$$(dpkg-query -W -f='$${db:Status-Abbrev}|$${Depends}' \
	linux-image-amd64 2>/dev/null | \
	sed -n 's/^ii *|.*linux-image-\([^ ,|]*-amd64\).*/\1/p'); \
if [ -z "$$v" ]; then \
	v=$$(for d in /lib/modules/*-amd64; do \
		k=$${d##*/}; \
		[ -f $(HEADERS_ROOT)/linux-headers-$$k/Makefile ] && echo $$k; \
	done | sort -V | tail -n 1); \
fi; \
echo "$$v"
endef

ifeq ($(origin KVER),undefined)
KVER := $(shell $(detect_kver))
endif
KDIR ?= $(HEADERS_ROOT)/linux-headers-$(KVER)

# The one version of the three modules (see include/xen-netif/version.h).
VERSION := $(shell sed -n 's/^\#define XNIF_VERSION "\(.*\)"$$/\1/p' \
	$(REPO)/include/xen-netif/version.h)

# make install / uninstall: KVER if given, else the running kernel when
# its headers are installed, else the Debian image KVER defaults to.
RUNNING_KVER := $(shell uname -r)
ifneq ($(origin KVER),file)
INSTALL_KVER := $(KVER)
INSTALL_WHY := KVER given
else ifneq ($(wildcard $(HEADERS_ROOT)/linux-headers-$(RUNNING_KVER)/Makefile),)
INSTALL_KVER := $(RUNNING_KVER)
INSTALL_WHY := the running kernel
else
INSTALL_KVER := $(KVER)
INSTALL_WHY := the installed Debian kernel image; the running kernel \
	$(RUNNING_KVER) has no headers in $(HEADERS_ROOT)
endif

SUPPORTED_KVERS := $(sort $(patsubst \
	$(HEADERS_ROOT)/linux-headers-%/Makefile,%, \
	$(wildcard $(foreach s,$(SUPPORTED_SERIES), \
		$(HEADERS_ROOT)/linux-headers-$(s).*-amd64/Makefile))))

STAGE_DIR := $(REPO)/build/$(KVER)
MODULES := drivers/net/xen-netif/xen-netif.ko \
	   drivers/net/xen-netfront/xen-netfront.ko \
	   drivers/net/xen-netback/xen-netback.ko

# What a staged copy needs, relative to $(REPO); kbuild's own output
# (*.mod.c) is not source.
SRC_FIND := Kbuild drivers include -type f \
	\( -name '*.[ch]' -o -name Kbuild -o -name Makefile \) \
	! -name '*.mod.c'

# A diagnostic from gcc, sparse or modpost.
DIAG_RE := (warning|error):

# $(call kbuild,<M dir>,<extra args>,<log>): run kbuild for $(KDIR), keep
# its output in <log> and echo it. Exit status: kbuild's.
define kbuild
mkdir -p $(dir $(3)); \
rc=0; \
$(MAKE) -C $(KDIR) M=$(1) $(2) modules >$(3) 2>&1 || rc=$$?; \
cat $(3); \
[ $$rc -eq 0 ]
endef

# $(call no_diags,<log>,<what>): fail, listing them, if <log> has any.
define no_diags
if grep -qiE '$(DIAG_RE)' $(1); then \
	echo "FAILED: $(2) printed diagnostics:" >&2; \
	grep -iE '$(DIAG_RE)' $(1) >&2; \
	exit 1; \
fi
endef

# Mirror the sources into build/$(KVER)/src: copy what changed (tar keeps
# mtimes, so kbuild rebuilds only that) and drop files deleted upstream.
define stage_sync
set -e; \
mkdir -p $(STAGE_DIR)/src; \
(cd $(REPO) && find $(SRC_FIND) | tar -cf - -T -) | \
	tar -C $(STAGE_DIR)/src -xf -; \
(cd $(STAGE_DIR)/src && find $(SRC_FIND)) | while read -r f; do \
	[ -e "$(REPO)/$$f" ] || rm -f "$(STAGE_DIR)/src/$$f"; \
done
endef

# Test-bed helpers for the guest (tools/testing/testbed/probe/): the
# xnif-probe test frontend module, and an XDP program if a BPF-capable
# clang is installed.
BPF_CC ?= clang-14
PROBE_DIR := $(REPO)/tools/testing/testbed/probe
define stage_probe
set -e; mkdir -p $(STAGE_DIR)/probe; \
cp $(PROBE_DIR)/Kbuild $(PROBE_DIR)/xnif_probe.c $(STAGE_DIR)/probe/; \
{ $(call kbuild,$(STAGE_DIR)/probe,XNIF_INCLUDE=$(REPO)/include,$(STAGE_DIR)/probe.log); } >/dev/null; \
$(call no_diags,$(STAGE_DIR)/probe.log,xnif-probe build); \
cp $(STAGE_DIR)/probe/xnif-probe.ko $(STAGE_DIR)/; \
echo "staged: $(STAGE_DIR)/xnif-probe.ko"; \
if command -v $(BPF_CC) >/dev/null 2>&1; then \
	$(BPF_CC) -O2 -target bpf -c \
		$(REPO)/tools/testing/testbed/probe/xdp_pass.c \
		-o $(STAGE_DIR)/xdp_pass.o && \
	echo "staged: $(STAGE_DIR)/xdp_pass.o"; \
fi
endef

# The test build: parameters for tests only, which every other build
# leaves out (the drivers' Kbuild).  "make stage" builds it for the bed.
TEST_KNOBS := XNIF_TEST_KNOBS=y
TEST_KNOB_PARAMS := ring_page_order staging_force_len

# $(call knobs_listed,<ko>): how many of the test build's parameters
# modinfo lists for <ko>.
define knobs_listed
$$(modinfo -F parm $(1) | cut -d: -f1 | \
	grep -cxE '$(subst $(space),|,$(TEST_KNOB_PARAMS))')
endef
space := $(subst ,, )

# The library check, on a finished build in build/$(KVER)/src: both
# drivers and xen-netif linked into one object, as in a kernel with all
# three built in, define no symbol twice (module_init's init_module and
# cleanup_module, and 6.12's __pfx_ padding symbols of both, are made local
# first: built in, they are initcalls); and
# each driver's modinfo names the library and imports its namespace.
define lib_check
d=$(STAGE_DIR)/src/drivers/net; t=$(STAGE_DIR)/lib-check; \
rm -rf $$t && mkdir -p $$t || exit 1; \
for m in xen-netif xen-netfront xen-netback; do \
	objcopy -L init_module -L cleanup_module -L __pfx_init_module \
		-L __pfx_cleanup_module $$d/$$m/$$m.o $$t/$$m.o || exit 1; \
done; \
ld -r -o $$t/all.o $$t/xen-netif.o $$t/xen-netfront.o $$t/xen-netback.o || \
	exit 1; \
for m in xen-netfront xen-netback; do \
	modinfo -F depends $$d/$$m/$$m.ko | tr , '\n' | grep -qx xen-netif || \
		{ echo "$$m.ko does not depend on xen-netif" >&2; exit 1; }; \
	modinfo -F import_ns $$d/$$m/$$m.ko | grep -qx XEN_NETIF || \
		{ echo "$$m.ko does not import XEN_NETIF" >&2; exit 1; }; \
done
endef

# kbuild's product names, for a sweep that works without any headers.
CLEAN_NAMES := -name '*.o' -o -name '*.ko' -o -name '*.mod' \
	-o -name '*.mod.c' -o -name '.*.cmd' -o -name '*.o.d' \
	-o -name '*.a' -o -name '*.symvers' -o -name modules.order

define need_supported
[ -n "$(SUPPORTED_KVERS)" ] || { echo "error: no headers for a" \
	"supported kernel ($(SUPPORTED_SERIES)) under $(HEADERS_ROOT)" >&2; \
	exit 1; }
endef

# make install: DESTDIR (or the kernel's INSTALL_MOD_PATH) stages under a
# root other than /.  depmod runs there (-b) only if that root holds the
# kernel's module tree; update-initramfs only on the real root, unless
# UPDATE_INITRAMFS names a command (tests pass a stub).
INSTALL_MOD_PATH ?=
DESTDIR ?= $(INSTALL_MOD_PATH)
MOD_DEST = $(DESTDIR)/lib/modules/$(KVER)/updates
DEPMOD ?= depmod
UPDATE_INITRAMFS ?= $(if $(DESTDIR),,update-initramfs)

# $(call refresh_kver,<kver>): depmod and the initramfs of one kernel,
# after its modules changed.
define refresh_kver
if [ -z "$(DESTDIR)" ] || \
   [ -f "$(DESTDIR)/lib/modules/$(1)/modules.order" ]; then \
	$(DEPMOD) $(if $(DESTDIR),-b $(DESTDIR)) -a $(1) || exit 1; \
	echo "depmod: done for $(1)"; \
else \
	echo "depmod: not run, $(DESTDIR) has no module tree of $(1)"; \
fi; \
if [ ! -f "$(DESTDIR)/boot/initrd.img-$(1)" ]; then \
	echo "initramfs: no $(DESTDIR)/boot/initrd.img-$(1), nothing to update"; \
elif [ -z "$(UPDATE_INITRAMFS)" ]; then \
	echo "initramfs: not updated under DESTDIR $(DESTDIR)"; \
else \
	$(UPDATE_INITRAMFS) -u -k $(1) || exit 1; \
fi
endef

# DKMS: the source tree dkms builds from, /usr/src/xen-netif-$(VERSION);
# without KVER, every installed supported kernel.
DKMS_NAME := xen-netif
DKMS_MV := -m $(DKMS_NAME) -v $(VERSION)
DKMS_KVERS := $(if $(filter command line environment,$(origin KVER)),$(KVER),$(SUPPORTED_KVERS))

# $(call dkms_tree,<dir>): what kbuild needs, plus dkms.conf with our
# version, copied to <dir>.
define dkms_tree
set -e; rm -rf $(1); mkdir -p $(1); \
(cd $(REPO) && find $(SRC_FIND)) | tar -C $(REPO) -cf - -T - | \
	tar -C $(1) -xf -; \
sed 's/#MODULE_VERSION#/$(VERSION)/' $(REPO)/dkms.conf >$(1)/dkms.conf
endef

DEB_DIR := $(REPO)/build/deb
DEB := xen-netif-dkms_$(VERSION)_all.deb

# Colleagues and the test bed build in this same work tree: targets that
# write build products run one at a time, under a lock outside the tree.
# The outer make takes the lock and runs itself again with XNIF_LOCKED=1.
LOCK := /tmp/xen-netif-build$(subst /,.,$(REPO)).lock
LOCKED_TARGETS := all modules sparse stage check-one check-lib clean \
	install-kver deb

.PHONY: $(LOCKED_TARGETS) stage-all check-kernels check-headers help \
	print-kver print-kvers print-version print-install-kver install \
	uninstall uninstall-kver dkms-install dkms-uninstall no-package

ifeq ($(XNIF_LOCKED),)

$(LOCKED_TARGETS):
	@flock -n $(LOCK) true || echo "waiting for another build in $(REPO)"
	@flock $(LOCK) $(MAKE) --no-print-directory XNIF_LOCKED=1 $@

else

all modules: check-headers
	$(MAKE) -C $(KDIR) M=$(REPO) modules

sparse: check-headers
	@$(MAKE) -C $(KDIR) M=$(REPO) clean >/dev/null
	@$(call kbuild,$(REPO),C=2,$(STAGE_DIR)/sparse-inplace.log)
	@$(call no_diags,$(STAGE_DIR)/sparse-inplace.log,$(KVER) C=2 build)
	@echo "$(KVER): build and sparse clean"

stage: check-headers
	@$(stage_sync)
	@$(call kbuild,$(STAGE_DIR)/src,$(TEST_KNOBS),$(STAGE_DIR)/build.log)
	@cp $(addprefix $(STAGE_DIR)/src/,$(MODULES)) $(STAGE_DIR)/
	@echo "staged: $(addprefix $(STAGE_DIR)/,$(notdir $(MODULES)))"
	@$(stage_probe)

# A clean build (so the compiler sees every file), then C=2 over the same
# objects (sparse sees every file); one summary line.  The first build is
# the normal one, the C=2 one the test build (the compiler sees both, and
# sparse the test build's extra code; what is copied to build/$(KVER)/ is
# the test build, as "make stage" leaves it).  "test knobs ok": modinfo
# lists none of TEST_KNOB_PARAMS for the normal netfront, all for the test
# one.
check-one: check-headers
	@rm -f $(STAGE_DIR)/check.summary
	@$(stage_sync)
	@$(MAKE) -C $(KDIR) M=$(STAGE_DIR)/src clean >/dev/null
	@b=ok; s=ok; l=ok; t=ok; nf=$(STAGE_DIR)/src/$(word 2,$(MODULES)); \
	$(call kbuild,$(STAGE_DIR)/src,,$(STAGE_DIR)/build.log) || b=FAIL; \
	( $(lib_check) ) || l=FAIL; \
	[ "$(call knobs_listed,$$nf)" = 0 ] || t=FAIL; \
	$(call kbuild,$(STAGE_DIR)/src,C=2 $(TEST_KNOBS),$(STAGE_DIR)/sparse.log) || s=FAIL; \
	[ "$(call knobs_listed,$$nf)" = $(words $(TEST_KNOB_PARAMS)) ] || t=FAIL; \
	bw=$$(grep -ciE '$(DIAG_RE)' $(STAGE_DIR)/build.log); \
	sw=$$(grep -ciE '$(DIAG_RE)' $(STAGE_DIR)/sparse.log); \
	[ $$bw -eq 0 ] || b=FAIL; [ $$sw -eq 0 ] || s=FAIL; \
	[ $$b = ok ] && cp $(addprefix $(STAGE_DIR)/src/,$(MODULES)) \
		$(STAGE_DIR)/; \
	echo "$(KVER): build $$b ($$bw diagnostics)," \
		"sparse $$s ($$sw diagnostics), library link $$l," \
		"test knobs $$t" >$(STAGE_DIR)/check.summary; \
	cat $(STAGE_DIR)/check.summary; \
	[ $$b = ok ] && [ $$s = ok ] && [ $$l = ok ] && [ $$t = ok ]

# The library check alone, on the last check-one or stage of $(KVER).
check-lib:
	@( $(lib_check) ) && echo "$(KVER): library link ok"

# Build in build/$(KVER)/src as "make stage" does, install from there.
install-kver: check-headers
	@$(stage_sync)
	@{ $(call kbuild,$(STAGE_DIR)/src,,$(STAGE_DIR)/build.log); } \
		>/dev/null || { cat $(STAGE_DIR)/build.log; exit 1; }
	@install -d $(MOD_DEST)
	@install -m 0644 $(addprefix $(STAGE_DIR)/src/,$(MODULES)) $(MOD_DEST)/
	@echo "installed: $(addprefix $(MOD_DEST)/,$(notdir $(MODULES)))"
	@$(call refresh_kver,$(KVER))

# A package built with Debian's tools, in a copy of the tree, with
# debian/changelog written from $(VERSION).
deb:
	@for t in dpkg-buildpackage dh dh_dkms; do \
		command -v $$t >/dev/null || { echo "error: $$t missing;" \
			"apt-get install dpkg-dev debhelper dh-dkms" >&2; \
			exit 1; }; \
	done
	@rm -rf $(DEB_DIR)
	@$(call dkms_tree,$(DEB_DIR)/$(DKMS_NAME)-$(VERSION))
	@cp -a $(REPO)/dkms.conf $(REPO)/debian $(DEB_DIR)/$(DKMS_NAME)-$(VERSION)/
	@printf '%s\n' "$(DKMS_NAME) ($(VERSION)) unstable; urgency=medium" "" \
		"  * Version $(VERSION) (include/xen-netif/version.h)." "" \
		" -- xen-netif developers <xen-netif@localhost>  $$(date -R)" \
		>$(DEB_DIR)/$(DKMS_NAME)-$(VERSION)/debian/changelog
	@cd $(DEB_DIR)/$(DKMS_NAME)-$(VERSION) && \
		dpkg-buildpackage -b -us -uc >$(DEB_DIR)/build.log 2>&1 || \
		{ cat $(DEB_DIR)/build.log; exit 1; }
	@cp $(DEB_DIR)/$(DEB) $(REPO)/build/
	@echo "built: $(REPO)/build/$(DEB)"

# Top level: Module.symvers, modules.order, 6.12's .module-common.o, .cmd files.
clean:
	find $(REPO)/drivers \( $(CLEAN_NAMES) \) -type f -delete
	find $(REPO) -maxdepth 1 \( $(CLEAN_NAMES) \) -type f -delete
	rm -rf $(REPO)/.tmp_versions $(REPO)/build

endif # XNIF_LOCKED

# These only loop over the locked targets above.
stage-all:
	@$(need_supported)
	@set -e; for v in $(SUPPORTED_KVERS); do \
		$(MAKE) --no-print-directory stage KVER=$$v; \
	done

check-kernels:
	@$(need_supported)
	@rc=0; for v in $(SUPPORTED_KVERS); do \
		$(MAKE) --no-print-directory check-one KVER=$$v || rc=1; \
	done; \
	echo "== check-kernels summary"; \
	for v in $(SUPPORTED_KVERS); do \
		cat $(REPO)/build/$$v/check.summary 2>/dev/null || \
			echo "$$v: FAIL (no summary)"; \
	done; \
	exit $$rc

install uninstall:
	@echo "$@: kernel $(INSTALL_KVER) ($(INSTALL_WHY))"
	@$(MAKE) --no-print-directory $@-kver KVER=$(INSTALL_KVER)

# Removes exactly the three files install put, then the same refresh.
uninstall-kver:
	@n=0; for m in $(notdir $(MODULES)); do \
		[ -e $(MOD_DEST)/$$m ] || continue; \
		rm -f $(MOD_DEST)/$$m && echo "removed: $(MOD_DEST)/$$m" || \
			exit 1; \
		n=$$((n + 1)); \
	done; \
	[ $$n -gt 0 ] || echo "uninstall: none of ours in $(MOD_DEST)"
	@rmdir $(MOD_DEST) 2>/dev/null || true
	@$(call refresh_kver,$(KVER))

# The package owns /usr/src/xen-netif-*: DKMS by hand only without it.
no-package:
	@! dpkg-query -W -f='$${Status}' xen-netif-dkms 2>/dev/null | \
		grep -q installed || { echo "error: the xen-netif-dkms" \
		"package is installed; remove it first" >&2; exit 1; }

# Registers this tree afresh (a registered copy is removed first).
dkms-install: no-package
	@$(need_supported)
	@command -v dkms >/dev/null || { echo "error: dkms missing;" \
		"apt-get install dkms" >&2; exit 1; }
	@if dkms status $(DKMS_MV) | grep -q .; then \
		dkms remove $(DKMS_MV) --all >/dev/null || exit 1; \
	fi
	@$(call dkms_tree,/usr/src/$(DKMS_NAME)-$(VERSION))
	@dkms add $(DKMS_MV)
	@for k in $(DKMS_KVERS); do \
		dkms build $(DKMS_MV) -k $$k && \
		dkms install $(DKMS_MV) -k $$k || exit 1; \
		$(call refresh_kver,$$k); \
	done

# dkms remove needs the source's dkms.conf: put it back if it went.
dkms-uninstall: no-package
	@if [ -d /var/lib/dkms/$(DKMS_NAME)/$(VERSION) ] && \
	    [ ! -f /usr/src/$(DKMS_NAME)-$(VERSION)/dkms.conf ]; then \
		$(call dkms_tree,/usr/src/$(DKMS_NAME)-$(VERSION)); \
	fi
	@if dkms status $(DKMS_MV) 2>/dev/null | grep -q .; then \
		dkms remove $(DKMS_MV) --all || exit 1; \
	else \
		echo "dkms: $(DKMS_NAME)/$(VERSION) not registered"; \
	fi
	@rm -rf /usr/src/$(DKMS_NAME)-$(VERSION)
	@for k in $(SUPPORTED_KVERS); do $(call refresh_kver,$$k); done

check-headers:
	@[ -n "$(KVER)" ] || { echo "error: no installed Debian kernel" \
		"found; install linux-image-amd64 and linux-headers-amd64," \
		"or pass KVER=<version>" >&2; exit 1; }
	@[ -f "$(KDIR)/Makefile" ] || { echo "error: no kernel headers" \
		"for $(KVER) in $(KDIR); install them with:" \
		"apt-get install linux-headers-$(KVER)" >&2; exit 1; }

print-kver:
	@echo $(KVER)

print-kvers:
	@echo $(SUPPORTED_KVERS)

print-version:
	@echo $(VERSION)

print-install-kver:
	@echo "$(INSTALL_KVER) ($(INSTALL_WHY))"

help:
	@sed -n '3,31s/^# \{0,1\}//p' $(REPO)/Makefile
	@echo "KVER=$(KVER) (supported and installed: $(SUPPORTED_KVERS))"
