// SPDX-License-Identifier: GPL-2.0-only
/* Answer ICMP echo requests from XDP with XDP_TX; pass the rest. */
#include "xdp_tb.h"

SEC("xdp")
int xdp_tx(struct xdp_md *ctx)
{
	return tb_echo_reply(ctx) ? XDP_TX : XDP_PASS;
}
