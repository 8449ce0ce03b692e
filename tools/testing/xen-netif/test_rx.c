// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/rx.c (RX and TX response checks). */
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

#define MORE	XNIF_RXF_MORE_DATA
#define EXTRA	XNIF_RXF_EXTRA_INFO
#define XMORE	XNIF_EXTRA_FLAG_MORE

static union xnif_rx_slot ring[64];
static unsigned int nslots;
static struct xnif_rx_pkt pkt;
static struct xnif_rx_ctx ctx;

/* Start a new chain at ring index @cons of a 256-slot ring. */
static void rx_reset(u32 cons)
{
	memset(ring, 0xFF, sizeof(ring));
	nslots = 0;
	ctx = (struct xnif_rx_ctx){
		.cons = cons,
		.ring_size = 256,
		.max_slots = XNIF_NR_SLOTS_MIN,
		.id_is_slot = true,
	};
}

/* A data response in the next slot, with the id netfront would use. */
static void rx_data(u16 offset, u16 flags, s16 status)
{
	struct xnif_rx_response *rsp = &ring[nslots].rsp;

	rsp->id = xnif_ring_slot(ctx.cons + nslots, ctx.ring_size);
	rsp->offset = offset;
	rsp->flags = flags;
	rsp->status = status;
	nslots++;
}

static struct xnif_extra_info *rx_extra(u8 type, u8 flags)
{
	struct xnif_extra_info *e = &ring[nslots++].extra;

	memset(e, 0, sizeof(*e));
	e->type = type;
	e->flags = flags;
	return e;
}

static enum xnif_rx_err rx_run(void)
{
	return xnif_rx_validate(ring, nslots, &ctx, &pkt);
}

static void rx_single(void)
{
	rx_reset(0);
	rx_data(0, XNIF_RXF_DATA_VALIDATED, 1514);
	XT_EQ(rx_run(), XNIF_RX_OK);
	XT_EQ(pkt.total, 1514);
	XT_EQ(pkt.nr_data, 1);
	XT_EQ(pkt.nr_slots, 1);
	XT_EQ(pkt.flags, XNIF_RXF_DATA_VALIDATED);
}

static void rx_chain_with_extras(void)
{
	struct xnif_extra_info *e;

	rx_reset(10);
	rx_data(256, MORE | EXTRA | XNIF_RXF_CSUM_BLANK, 3840);
	e = rx_extra(XNIF_EXTRA_TYPE_GSO, XMORE);
	e->u.gso.type = XNIF_GSO_TYPE_TCPV6;
	e->u.gso.size = 1440;
	e = rx_extra(XNIF_EXTRA_TYPE_HASH, XMORE);
	e->u.hash.type = XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT;
	e->u.hash.algorithm = XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ;
	e = rx_extra(XNIF_EXTRA_TYPE_XDP, 0);
	e->u.xdp.headroom = 256;
	rx_data(0, MORE, 4096);
	rx_data(0, 0, 1000);
	XT_EQ(rx_run(), XNIF_RX_OK);
	XT_EQ(pkt.total, 3840 + 4096 + 1000);
	XT_EQ(pkt.nr_data, 3);
	XT_EQ(pkt.nr_slots, 6);
	XT_EQ(pkt.extras.count, 3);
	XT_EQ(pkt.extras.info[XNIF_EXTRA_TYPE_XDP].u.xdp.headroom, 256);
}

static void rx_ids(void)
{
	rx_reset(0);
	rx_data(0, 0, 100);
	ring[0].rsp.id = 1;
	XT_EQ(rx_run(), XNIF_RX_ERR_ID);
	XT_EQ(pkt.bad_slot, 0);
	XT_CHECK(xnif_rx_err_fatal(XNIF_RX_ERR_ID));

	/* without the slot convention any id in range will do ... */
	ctx.id_is_slot = false;
	XT_EQ(rx_run(), XNIF_RX_OK);
	ring[0].rsp.id = 255;
	XT_EQ(rx_run(), XNIF_RX_OK);
	/* ... but never one past the ring */
	ring[0].rsp.id = 256;
	XT_EQ(rx_run(), XNIF_RX_ERR_ID);

	/* follow-on slot with the wrong id */
	rx_reset(0);
	rx_data(0, MORE, 100);
	rx_data(0, 0, 100);
	ring[1].rsp.id = 0;
	XT_EQ(rx_run(), XNIF_RX_ERR_ID);
	XT_EQ(pkt.bad_slot, 1);
}

static void rx_ids_wrap(void)
{
	rx_reset(0xFFFFFFFF);
	rx_data(0, MORE, 100);
	rx_data(0, 0, 100);
	XT_EQ(ring[0].rsp.id, 255);
	XT_EQ(ring[1].rsp.id, 0);
	XT_EQ(rx_run(), XNIF_RX_OK);
}

static void rx_error_status(void)
{
	rx_reset(0);
	rx_data(0, MORE, XNIF_RSP_ERROR);
	rx_data(0, 0, 100);
	XT_EQ(rx_run(), XNIF_RX_ERR_STATUS);
	XT_EQ(pkt.bad_slot, 0);
	XT_EQ(pkt.nr_slots, 2);
	XT_CHECK(!xnif_rx_err_fatal(XNIF_RX_ERR_STATUS));

	ring[0].rsp.status = XNIF_RSP_DROPPED;
	XT_EQ(rx_run(), XNIF_RX_ERR_STATUS);

	ring[0].rsp.status = 100;
	ring[1].rsp.status = XNIF_RSP_ERROR;
	XT_EQ(rx_run(), XNIF_RX_ERR_STATUS);
	XT_EQ(pkt.bad_slot, 1);
}

static void rx_unknown_status(void)
{
	rx_reset(0);
	rx_data(0, 0, -3);
	XT_EQ(rx_run(), XNIF_RX_ERR_BAD_STATUS);
	ring[0].rsp.status = -32768;
	XT_EQ(rx_run(), XNIF_RX_ERR_BAD_STATUS);
	XT_CHECK(xnif_rx_err_fatal(XNIF_RX_ERR_BAD_STATUS));
	/* positive statuses are lengths, RSP_NULL's value included */
	ring[0].rsp.status = XNIF_RSP_NULL;
	XT_EQ(rx_run(), XNIF_RX_ERR_RUNT);
}

static void rx_cross_page(void)
{
	rx_reset(0);
	rx_data(4000, 0, 96);
	XT_EQ(rx_run(), XNIF_RX_OK);
	ring[0].rsp.status = 97;
	XT_EQ(rx_run(), XNIF_RX_ERR_CROSS_PAGE);
	ring[0].rsp.offset = 0;
	ring[0].rsp.status = 0x7FFF;
	XT_EQ(rx_run(), XNIF_RX_ERR_CROSS_PAGE);

	rx_reset(0);
	rx_data(0, MORE, 100);
	rx_data(0xFFFF, 0, 1);
	XT_EQ(rx_run(), XNIF_RX_ERR_CROSS_PAGE);
	XT_EQ(pkt.bad_slot, 1);
	XT_EQ(pkt.nr_slots, 2);
}

static void rx_flags(void)
{
	rx_reset(0);
	rx_data(0, 1U << 5, 100);
	XT_EQ(rx_run(), XNIF_RX_ERR_FLAGS);
	ring[0].rsp.flags = XNIF_RXF_GSO_PREFIX;
	XT_EQ(rx_run(), XNIF_RX_ERR_FLAGS);

	rx_reset(0);
	rx_data(0, MORE, 100);
	rx_data(0, EXTRA, 100);
	XT_EQ(rx_run(), XNIF_RX_ERR_FLAGS);
	XT_EQ(pkt.bad_slot, 1);
	ring[1].rsp.flags = XNIF_RXF_DATA_VALIDATED;
	XT_EQ(rx_run(), XNIF_RX_OK);
}

static void rx_runt(void)
{
	rx_reset(0);
	rx_data(0, 0, XNIF_ETH_HLEN - 1);
	XT_EQ(rx_run(), XNIF_RX_ERR_RUNT);
	ring[0].rsp.status = 0;
	XT_EQ(rx_run(), XNIF_RX_ERR_RUNT);
	ring[0].rsp.status = XNIF_ETH_HLEN;
	XT_EQ(rx_run(), XNIF_RX_OK);

	rx_reset(0);
	rx_data(0, MORE, 7);
	rx_data(0, 0, 7);
	XT_EQ(rx_run(), XNIF_RX_OK);
	XT_EQ(pkt.total, 14);
}

static void rx_slot_limit(void)
{
	rx_reset(0);
	ctx.max_slots = 2;
	rx_data(0, MORE, 100);
	rx_data(0, 0, 100);
	XT_EQ(rx_run(), XNIF_RX_OK);

	ring[1].rsp.flags = MORE;
	rx_data(0, 0, 100);
	XT_EQ(rx_run(), XNIF_RX_ERR_SLOTS);
	XT_EQ(pkt.bad_slot, 2);
	XT_EQ(pkt.nr_slots, 3);
}

static void rx_incomplete(void)
{
	rx_reset(0);
	XT_EQ(rx_run(), XNIF_RX_ERR_INCOMPLETE);
	/* no slots at all: nothing may be read */
	XT_EQ(xnif_rx_validate(NULL, 0, &ctx, &pkt), XNIF_RX_ERR_INCOMPLETE);
	XT_EQ(pkt.nr_slots, 0);

	rx_data(0, MORE, 100);
	XT_EQ(rx_run(), XNIF_RX_ERR_INCOMPLETE);
	XT_EQ(pkt.bad_slot, 1);

	rx_reset(0);
	rx_data(0, EXTRA, 100);
	rx_extra(XNIF_EXTRA_TYPE_HASH, XMORE);
	XT_EQ(rx_run(), XNIF_RX_ERR_INCOMPLETE);
	XT_EQ(pkt.bad_slot, 2);
}

/* Up to XNIF_RX_MAX_DATA_SLOTS data slots are a packet, one more is not. */
static void rx_max_data_slots(void)
{
	unsigned int i;

	XT_CHECK(XNIF_RX_MAX_DATA_SLOTS >= XNIF_NR_SLOTS_MIN);
	rx_reset(0);
	ctx.max_slots = XNIF_RX_MAX_DATA_SLOTS;
	for (i = 0; i < XNIF_RX_MAX_DATA_SLOTS - 1; i++)
		rx_data(0, MORE, 3000);
	rx_data(0, 0, 3000);
	XT_EQ(rx_run(), XNIF_RX_OK);
	XT_EQ(pkt.nr_data, XNIF_RX_MAX_DATA_SLOTS);

	ring[nslots - 1].rsp.flags = MORE;
	rx_data(0, 0, 100);
	XT_EQ(rx_run(), XNIF_RX_ERR_SLOTS);
	XT_EQ(pkt.nr_slots, XNIF_RX_MAX_DATA_SLOTS + 1);
	XT_CHECK(!xnif_rx_err_fatal(XNIF_RX_ERR_SLOTS));
}

/*
 * A chain longer than the slots the frontend copied, while the backend
 * made more responses: a drop (not "runs past the responses"), and the
 * rest is walked in pieces and dropped too.
 */
static void rx_too_long(void)
{
	const unsigned int window = 25, len = 40;
	enum xnif_rx_err err;
	unsigned int i;

	rx_reset(100);
	ctx.max_slots = XNIF_RX_MAX_DATA_SLOTS;
	for (i = 0; i < len - 1; i++)
		rx_data(0, MORE, 1000);
	rx_data(0, 0, 1000);

	ctx.truncated = true;
	err = xnif_rx_validate(ring, window, &ctx, &pkt);
	XT_CHECK(err == XNIF_RX_ERR_SLOTS || err == XNIF_RX_ERR_TOO_LONG);
	XT_CHECK(!xnif_rx_err_fatal(err));
	XT_CHECK(pkt.more);
	XT_EQ(pkt.nr_slots, window);
	XT_CHECK(pkt.bad_slot < window);

	/* the next 10, still truncated */
	ctx.cons += window;
	ctx.cont = true;
	XT_EQ(xnif_rx_validate(ring + window, 10, &ctx, &pkt),
	      XNIF_RX_ERR_TOO_LONG);
	XT_CHECK(pkt.more);
	XT_EQ(pkt.nr_slots, 10);

	/* the last 5, and a slot of the next packet after them */
	ctx.cons += 10;
	ctx.truncated = false;
	XT_EQ(xnif_rx_validate(ring + window + 10, 5, &ctx, &pkt),
	      XNIF_RX_ERR_TOO_LONG);
	XT_CHECK(!pkt.more);
	XT_EQ(pkt.nr_slots, 5);

	/* a tail with a wrong id is still fatal */
	ring[window + 12].rsp.id ^= 1;
	XT_EQ(xnif_rx_validate(ring + window + 10, 5, &ctx, &pkt),
	      XNIF_RX_ERR_ID);
	ring[window + 12].rsp.id ^= 1;

	/* not truncated: the chain really runs past what the backend made */
	ctx.cons = 100;
	ctx.cont = false;
	XT_EQ(xnif_rx_validate(ring, window, &ctx, &pkt),
	      XNIF_RX_ERR_INCOMPLETE);
	XT_CHECK(!pkt.more);
	XT_CHECK(strcmp(xnif_rx_err_str(XNIF_RX_ERR_TOO_LONG),
			 xnif_rx_err_str(XNIF_RX_ERR_INCOMPLETE)));
}

static void rx_extra_types(void)
{
	rx_reset(0);
	rx_data(0, EXTRA, 100);
	rx_extra(XNIF_EXTRA_TYPE_MCAST_ADD, 0);
	XT_EQ(rx_run(), XNIF_RX_ERR_EXTRA_DIR);
	XT_EQ(pkt.bad_slot, 1);
	XT_EQ(pkt.nr_slots, 2);

	ring[1].extra.type = XNIF_EXTRA_TYPE_NONE;
	XT_EQ(rx_run(), XNIF_RX_ERR_EXTRA_TYPE);
	ring[1].extra.type = XNIF_EXTRA_TYPE_MAX;
	XT_EQ(rx_run(), XNIF_RX_ERR_EXTRA_TYPE);
	ring[1].extra.type = XNIF_EXTRA_TYPE_HASH;
	ring[1].extra.flags = 0x40;
	XT_EQ(rx_run(), XNIF_RX_ERR_FLAGS);
}

static void rx_extra_dup_and_count(void)
{
	unsigned int i;

	rx_reset(0);
	rx_data(0, EXTRA, 100);
	rx_extra(XNIF_EXTRA_TYPE_HASH, XMORE);
	rx_extra(XNIF_EXTRA_TYPE_HASH, 0);
	XT_EQ(rx_run(), XNIF_RX_ERR_EXTRA_DUP);
	XT_EQ(pkt.bad_slot, 2);
	XT_EQ(pkt.nr_slots, 3);

	rx_reset(0);
	rx_data(0, EXTRA, 100);
	for (i = 0; i < XNIF_EXTRA_TYPE_MAX - 1; i++)
		rx_extra(XNIF_EXTRA_TYPE_HASH, XMORE);
	rx_extra(XNIF_EXTRA_TYPE_HASH, 0);
	XT_EQ(rx_run(), XNIF_RX_ERR_EXTRA_COUNT);
	XT_EQ(pkt.bad_slot, XNIF_EXTRA_TYPE_MAX);
}

static void rx_extra_fields(void)
{
	struct xnif_extra_info *e;

	rx_reset(0);
	rx_data(0, EXTRA, 100);
	e = rx_extra(XNIF_EXTRA_TYPE_GSO, 0);
	XT_EQ(rx_run(), XNIF_RX_ERR_GSO);
	XT_CHECK(!xnif_rx_err_fatal(XNIF_RX_ERR_GSO));
	e->u.gso.size = 1448;
	XT_EQ(rx_run(), XNIF_RX_ERR_GSO);
	e->u.gso.type = XNIF_GSO_TYPE_TCPV4;
	XT_EQ(rx_run(), XNIF_RX_OK);

	e->type = XNIF_EXTRA_TYPE_XDP;
	e->u.xdp.headroom = XNIF_MAX_XDP_HEADROOM;
	XT_EQ(rx_run(), XNIF_RX_OK);
	e->u.xdp.headroom = XNIF_MAX_XDP_HEADROOM + 1;
	XT_EQ(rx_run(), XNIF_RX_ERR_XDP);

	memset(&e->u, 0, sizeof(e->u));
	e->type = XNIF_EXTRA_TYPE_HASH;
	e->u.hash.algorithm = 2;
	XT_EQ(rx_run(), XNIF_RX_ERR_HASH);
	e->u.hash.algorithm = 1;
	e->u.hash.type = 4;
	XT_EQ(rx_run(), XNIF_RX_ERR_HASH);
}

static void rx_bad_ctx(void)
{
	rx_reset(0);
	rx_data(0, 0, 100);
	XT_EQ(xnif_rx_validate(ring, nslots, NULL, &pkt), XNIF_RX_ERR_ARGS);
	ctx.ring_size = 0;
	XT_EQ(rx_run(), XNIF_RX_ERR_ARGS);
	ctx.ring_size = 200;
	XT_EQ(rx_run(), XNIF_RX_ERR_ARGS);
	ctx.ring_size = 256;
	ctx.max_slots = 0;
	XT_EQ(rx_run(), XNIF_RX_ERR_ARGS);
	ctx.max_slots = 1;
	XT_EQ(rx_run(), XNIF_RX_OK);
}

static void rx_first_problem_wins(void)
{
	rx_reset(0);
	rx_data(4090, MORE, 100);	/* cross page: drop */
	rx_data(0, 1U << 8, 100);	/* unknown flag: drop */
	XT_EQ(rx_run(), XNIF_RX_ERR_CROSS_PAGE);
	XT_EQ(pkt.bad_slot, 0);
	ring[1].rsp.status = -5;	/* unknown status: fatal */
	XT_EQ(rx_run(), XNIF_RX_ERR_BAD_STATUS);
	XT_EQ(pkt.bad_slot, 1);
}

static void rx_err_strings(void)
{
	unsigned int i, j;

	for (i = 0; i < XNIF_RX_ERR_NR; i++) {
		const char *s = xnif_rx_err_str(i);

		XT_CHECK(s && *s);
		for (j = 0; j < i; j++)
			XT_CHECK(strcmp(s, xnif_rx_err_str(j)));
		XT_EQ(xnif_rx_err_fatal(i), i >= XNIF_RX_ERR_INCOMPLETE);
	}
	XT_STREQ(xnif_rx_err_str(XNIF_RX_ERR_NR),
		 "unknown RX validation error");
	XT_CHECK(xnif_rx_err_fatal(XNIF_RX_ERR_NR));
	XT_CHECK(xnif_rx_err_fatal((enum xnif_rx_err)-1));
}

static void tx_rsp(void)
{
	struct xnif_tx_response rsp = { .id = 255, .status = XNIF_RSP_OKAY };

	XT_EQ(xnif_tx_rsp_check(&rsp, 256), XNIF_TXRSP_OK);
	rsp.status = XNIF_RSP_ERROR;
	XT_EQ(xnif_tx_rsp_check(&rsp, 256), XNIF_TXRSP_OK);
	rsp.status = XNIF_RSP_DROPPED;
	XT_EQ(xnif_tx_rsp_check(&rsp, 256), XNIF_TXRSP_OK);

	rsp.id = 256;
	XT_EQ(xnif_tx_rsp_check(&rsp, 256), XNIF_TXRSP_ERR_ID);
	XT_EQ(xnif_tx_rsp_check(&rsp, 0), XNIF_TXRSP_ERR_ID);
	/* null responses carry no id to check */
	rsp.status = XNIF_RSP_NULL;
	XT_EQ(xnif_tx_rsp_check(&rsp, 256), XNIF_TXRSP_SKIP);

	rsp.id = 0;
	rsp.status = 2;
	XT_EQ(xnif_tx_rsp_check(&rsp, 256), XNIF_TXRSP_ERR_STATUS);
	rsp.status = -3;
	XT_EQ(xnif_tx_rsp_check(&rsp, 256), XNIF_TXRSP_ERR_STATUS);
}

static void tx_rsp_strings(void)
{
	unsigned int i, j;

	for (i = 0; i < XNIF_TXRSP_NR; i++) {
		XT_CHECK(*xnif_txrsp_str(i));
		for (j = 0; j < i; j++)
			XT_CHECK(strcmp(xnif_txrsp_str(i), xnif_txrsp_str(j)));
	}
	XT_STREQ(xnif_txrsp_str(XNIF_TXRSP_NR), "unknown TX response verdict");
}

const struct xt_test rx_tests[] = {
	XT_TEST(rx_single),
	XT_TEST(rx_chain_with_extras),
	XT_TEST(rx_ids),
	XT_TEST(rx_ids_wrap),
	XT_TEST(rx_error_status),
	XT_TEST(rx_unknown_status),
	XT_TEST(rx_cross_page),
	XT_TEST(rx_flags),
	XT_TEST(rx_runt),
	XT_TEST(rx_slot_limit),
	XT_TEST(rx_incomplete),
	XT_TEST(rx_max_data_slots),
	XT_TEST(rx_too_long),
	XT_TEST(rx_extra_types),
	XT_TEST(rx_extra_dup_and_count),
	XT_TEST(rx_extra_fields),
	XT_TEST(rx_bad_ctx),
	XT_TEST(rx_first_problem_wins),
	XT_TEST(rx_err_strings),
	XT_TEST(tx_rsp),
	XT_TEST(tx_rsp_strings),
	XT_END
};
