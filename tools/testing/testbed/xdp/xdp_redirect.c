// SPDX-License-Identifier: GPL-2.0-only
/*
 * Answer ICMP echo requests by redirecting the reply to the device it
 * came in on (ndo_xdp_xmit); pass the rest.
 */
#include "xdp_tb.h"

SEC("xdp")
int xdp_redirect(struct xdp_md *ctx)
{
	if (!tb_echo_reply(ctx))
		return XDP_PASS;
	return tb_redirect(ctx->ingress_ifindex, 0);
}
