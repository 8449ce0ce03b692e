// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: frontend validation of RX response chains and of TX
 * responses.
 *
 * Input: six bytes that choose the ring context (with whether more
 * responses were made than given, and whether the slots go on with an
 * over-long chain), then raw 8-byte RX ring slots (also read as TX
 * responses).  Every verdict is checked against
 * the chain it describes.
 */
#include <string.h>

#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "fuzz.h"

#define MAX_SLOTS	64

static void check_shape(const union xnif_rx_slot *s,
			const struct xnif_rx_pkt *pkt)
{
	unsigned int i, nx = pkt->extras.count, first_data = 1 + nx;

	FUZZ_ASSERT(pkt->nr_slots == pkt->nr_data + nx);
	FUZZ_ASSERT(!!(s[0].rsp.flags & XNIF_RXF_EXTRA_INFO) == !!nx);
	for (i = 1; i < first_data; i++)
		FUZZ_ASSERT(!!(s[i].extra.flags & XNIF_EXTRA_FLAG_MORE) ==
			    (i < first_data - 1));
	FUZZ_ASSERT(!!(s[0].rsp.flags & XNIF_RXF_MORE_DATA) ==
		    (pkt->nr_data > 1));
	for (i = first_data; i < pkt->nr_slots; i++)
		FUZZ_ASSERT(!!(s[i].rsp.flags & XNIF_RXF_MORE_DATA) ==
			    (i < pkt->nr_slots - 1));
}

static void check_data_slot(const union xnif_rx_slot *s, unsigned int i,
			    const struct xnif_rx_ctx *ctx, u32 *sum)
{
	const struct xnif_rx_response *rsp = &s[i].rsp;

	FUZZ_ASSERT(rsp->id < ctx->ring_size);
	if (ctx->id_is_slot)
		FUZZ_ASSERT(rsp->id ==
			    ((ctx->cons + i) & (ctx->ring_size - 1)));
	FUZZ_ASSERT(rsp->status >= 0);
	FUZZ_ASSERT(rsp->offset + rsp->status <= (int)XNIF_PAGE_SIZE);
	FUZZ_ASSERT(!(rsp->flags & ~XNIF_RXF_KNOWN));
	FUZZ_ASSERT(!(rsp->flags & XNIF_RXF_GSO_PREFIX));
	*sum += rsp->status;
}

static void check_accepted(const union xnif_rx_slot *s,
			   const struct xnif_rx_ctx *ctx,
			   const struct xnif_rx_pkt *pkt)
{
	const struct xnif_extras *ex = &pkt->extras;
	unsigned int i;
	u32 sum = 0;

	FUZZ_ASSERT(pkt->nr_data <= ctx->max_slots);
	check_data_slot(s, 0, ctx, &sum);
	for (i = 1 + ex->count; i < pkt->nr_slots; i++)
		check_data_slot(s, i, ctx, &sum);
	FUZZ_ASSERT(sum == pkt->total);
	FUZZ_ASSERT(pkt->total >= XNIF_ETH_HLEN);
	FUZZ_ASSERT(!xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_ADD));
	FUZZ_ASSERT(!xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_DEL));
	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_XDP))
		FUZZ_ASSERT(ex->info[XNIF_EXTRA_TYPE_XDP].u.xdp.headroom <=
			    XNIF_MAX_XDP_HEADROOM);
}

/* A piece of an over-long chain: data slots, MORE on all but a last one. */
static void check_long_piece(const union xnif_rx_slot *s,
			     const struct xnif_rx_ctx *ctx,
			     const struct xnif_rx_pkt *pkt, unsigned int n)
{
	unsigned int i, first = ctx->cont ? 0 : 1 + pkt->extras.count;

	FUZZ_ASSERT(ctx->truncated || !pkt->more);
	if (pkt->more)
		FUZZ_ASSERT(pkt->nr_slots == n);
	for (i = first; i < pkt->nr_slots; i++)
		FUZZ_ASSERT(!!(s[i].rsp.flags & XNIF_RXF_MORE_DATA) ==
			    (pkt->more || i < pkt->nr_slots - 1));
}

static void check_tx_rsp(const union xnif_rx_slot *s, unsigned int n,
			 unsigned int nr_ids)
{
	struct xnif_tx_response rsp;
	enum xnif_txrsp res;
	unsigned int i;

	for (i = 0; i < n; i++) {
		memcpy(&rsp, &s[i], sizeof(rsp));
		res = xnif_tx_rsp_check(&rsp, nr_ids);
		FUZZ_ASSERT((unsigned int)res < XNIF_TXRSP_NR);
		FUZZ_ASSERT(*xnif_txrsp_str(res));
		FUZZ_ASSERT((res == XNIF_TXRSP_SKIP) ==
			    (rsp.status == XNIF_RSP_NULL));
		if (res == XNIF_TXRSP_OK)
			FUZZ_ASSERT(rsp.id < nr_ids && rsp.status <= 0 &&
				    rsp.status >= XNIF_RSP_DROPPED);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	union xnif_rx_slot slots[MAX_SLOTS];
	struct xnif_rx_pkt pkt, again;
	struct xnif_rx_ctx ctx = {};
	enum xnif_rx_err err;
	unsigned int n;

	if (size < 6)
		return 0;
	ctx.ring_size = data[0] & 0x80 ? 100 : 1U << (data[0] % 9);
	ctx.id_is_slot = data[1] & 1;
	ctx.max_slots = (data[1] >> 1) % 24;
	ctx.truncated = data[0] & 0x40;
	ctx.cont = data[0] & 0x20;
	memcpy(&ctx.cons, data + 2, sizeof(ctx.cons));
	data += 6;
	size -= 6;

	n = size / sizeof(slots[0]);
	if (n > MAX_SLOTS)
		n = MAX_SLOTS;
	memcpy(slots, data, n * sizeof(slots[0]));
	check_tx_rsp(slots, n, ctx.ring_size);

	err = xnif_rx_validate(slots, n, &ctx, &pkt);
	FUZZ_ASSERT((unsigned int)err < XNIF_RX_ERR_NR);
	FUZZ_ASSERT(*xnif_rx_err_str(err));
	if (err == XNIF_RX_ERR_ARGS) {
		FUZZ_ASSERT(!ctx.max_slots ||
			    !xnif_ring_size_valid(ctx.ring_size));
		return 0;
	}
	if (err == XNIF_RX_ERR_INCOMPLETE)
		FUZZ_ASSERT(pkt.bad_slot == n);
	if (err != XNIF_RX_OK)
		FUZZ_ASSERT(pkt.bad_slot <= n);
	if (!xnif_rx_err_fatal(err)) {
		FUZZ_ASSERT(pkt.nr_slots >= 1 && pkt.nr_slots <= n);
		FUZZ_ASSERT(err == XNIF_RX_OK || pkt.bad_slot < pkt.nr_slots);
		if (ctx.cont)
			FUZZ_ASSERT(err == XNIF_RX_ERR_TOO_LONG);
		if (ctx.cont || pkt.more)
			check_long_piece(slots, &ctx, &pkt, n);
		else
			check_shape(slots, &pkt);
		/* the verdict depends only on the chain's own slots */
		FUZZ_ASSERT(xnif_rx_validate(slots, pkt.nr_slots, &ctx,
					     &again) == err);
		FUZZ_ASSERT(!memcmp(&again, &pkt, sizeof(pkt)));
	}
	if (err == XNIF_RX_OK)
		check_accepted(slots, &ctx, &pkt);
	return 0;
}
