// SPDX-License-Identifier: GPL-2.0-only
/* Pass every frame to the stack. */
#include "xdp_tb.h"

SEC("xdp")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}
