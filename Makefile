# SPDX-License-Identifier: GPL-2.0-only
#
# Out-of-tree build of xen-netfront, xen-netback and their library
# xen-netif, for Debian kernels.
# kbuild reads ./Kbuild, not this file; this file only drives kbuild.
#
#   make                 build the three modules in place for $(KVER)
#   make sparse          clean rebuild with C=2; fails on any diagnostic
#   make stage           build a copy under build/$(KVER)/ (for the test bed)
#   make stage-all       "make stage" for every installed supported kernel
#   make check-kernels   build + C=2 for every installed supported kernel,
#                        fails on any diagnostic or a failed library link
#                        check (see lib_check), one summary line each
#   make clean           remove every build product, in place and staged
#   make print-kver      print the kernel version a build would use
#
# KVER defaults to the installed Debian kernel image, never to uname -r.

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

# Colleagues and the test bed build in this same work tree: targets that
# write build products run one at a time, under a lock outside the tree.
# The outer make takes the lock and runs itself again with XNIF_LOCKED=1.
LOCK := /tmp/xen-netif-build$(subst /,.,$(REPO)).lock
LOCKED_TARGETS := all modules sparse stage check-one check-lib clean

.PHONY: $(LOCKED_TARGETS) stage-all check-kernels check-headers help \
	print-kver

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
	@$(call kbuild,$(STAGE_DIR)/src,,$(STAGE_DIR)/build.log)
	@cp $(addprefix $(STAGE_DIR)/src/,$(MODULES)) $(STAGE_DIR)/
	@echo "staged: $(addprefix $(STAGE_DIR)/,$(notdir $(MODULES)))"
	@$(stage_probe)

# A clean build (so the compiler sees every file), then C=2 over the same
# objects (sparse sees every file); one summary line.
check-one: check-headers
	@rm -f $(STAGE_DIR)/check.summary
	@$(stage_sync)
	@$(MAKE) -C $(KDIR) M=$(STAGE_DIR)/src clean >/dev/null
	@b=ok; s=ok; l=ok; \
	$(call kbuild,$(STAGE_DIR)/src,,$(STAGE_DIR)/build.log) || b=FAIL; \
	( $(lib_check) ) || l=FAIL; \
	$(call kbuild,$(STAGE_DIR)/src,C=2,$(STAGE_DIR)/sparse.log) || s=FAIL; \
	bw=$$(grep -ciE '$(DIAG_RE)' $(STAGE_DIR)/build.log); \
	sw=$$(grep -ciE '$(DIAG_RE)' $(STAGE_DIR)/sparse.log); \
	[ $$bw -eq 0 ] || b=FAIL; [ $$sw -eq 0 ] || s=FAIL; \
	[ $$b = ok ] && cp $(addprefix $(STAGE_DIR)/src/,$(MODULES)) \
		$(STAGE_DIR)/; \
	echo "$(KVER): build $$b ($$bw diagnostics)," \
		"sparse $$s ($$sw diagnostics), library link $$l" \
		>$(STAGE_DIR)/check.summary; \
	cat $(STAGE_DIR)/check.summary; \
	[ $$b = ok ] && [ $$s = ok ] && [ $$l = ok ]

# The library check alone, on the last check-one or stage of $(KVER).
check-lib:
	@( $(lib_check) ) && echo "$(KVER): library link ok"

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

check-headers:
	@[ -n "$(KVER)" ] || { echo "error: no installed Debian kernel" \
		"found; install linux-image-amd64 and linux-headers-amd64," \
		"or pass KVER=<version>" >&2; exit 1; }
	@[ -f "$(KDIR)/Makefile" ] || { echo "error: no kernel headers" \
		"for $(KVER) in $(KDIR); install them with:" \
		"apt-get install linux-headers-$(KVER)" >&2; exit 1; }

print-kver:
	@echo $(KVER)

help:
	@sed -n '3,17s/^# \{0,1\}//p' $(REPO)/Makefile
	@echo "KVER=$(KVER) (supported and installed: $(SUPPORTED_KVERS))"
