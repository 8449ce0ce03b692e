// SPDX-License-Identifier: GPL-2.0-only
/* Drop every frame. */
#include "xdp_tb.h"

SEC("xdp")
int xdp_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}
