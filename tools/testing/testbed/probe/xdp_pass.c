// SPDX-License-Identifier: GPL-2.0-only
/*
 * The smallest XDP program: pass every frame.  Attached to eth0 in a
 * test-bed guest it makes the netfront ask the backend for XDP headroom
 * (xdp-headroom, Reconfiguring), which is what the nb_xdp check tests.
 * Built with clang -target bpf; no headers needed.
 */
#define XDP_PASS	2

struct xdp_md;

__attribute__((section("xdp"), used))
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

__attribute__((section("license"), used))
char _license[] = "GPL";
