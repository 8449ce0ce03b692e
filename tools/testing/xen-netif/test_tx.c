// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/tx.c (and the extra-info walk). */
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

#define MORE	XNIF_TXF_MORE_DATA
#define EXTRA	XNIF_TXF_EXTRA_INFO
#define XMORE	XNIF_EXTRA_FLAG_MORE

static union xnif_tx_slot ring[64];
static unsigned int nslots;
static struct xnif_tx_pkt pkt;

/* Start a new chain; slots past its end hold garbage with every bit set. */
static void tx_reset(void)
{
	memset(ring, 0xFF, sizeof(ring));
	nslots = 0;
}

static void tx_data(u16 offset, u16 flags, u16 size)
{
	memset(&ring[nslots], 0, sizeof(ring[nslots]));
	ring[nslots].req.gref = 100 + nslots;
	ring[nslots].req.offset = offset;
	ring[nslots].req.flags = flags;
	ring[nslots].req.id = nslots;
	ring[nslots].req.size = size;
	nslots++;
}

static struct xnif_extra_info *tx_extra(u8 type, u8 flags)
{
	struct xnif_extra_info *e = &ring[nslots++].extra;

	memset(e, 0, sizeof(ring[0]));
	e->type = type;
	e->flags = flags;
	return e;
}

static void tx_gso(u8 gso_type, u16 mss, u8 flags)
{
	struct xnif_extra_info *e = tx_extra(XNIF_EXTRA_TYPE_GSO, flags);

	e->u.gso.type = gso_type;
	e->u.gso.size = mss;
}

static void tx_hash(u8 hash_type, u8 alg, u8 flags)
{
	struct xnif_extra_info *e = tx_extra(XNIF_EXTRA_TYPE_HASH, flags);

	e->u.hash.type = hash_type;
	e->u.hash.algorithm = alg;
}

static void tx_mcast(u8 type, u8 first_octet, u8 flags)
{
	struct xnif_extra_info *e = tx_extra(type, flags);
	static const u8 addr[XNIF_ETH_ALEN] = { 0, 0x00, 0x5e, 0, 0, 1 };

	memcpy(e->u.mcast.addr, addr, sizeof(addr));
	e->u.mcast.addr[0] = first_octet;
}

/* A packet of @n data slots of @seg bytes each, no extras. */
static void tx_chain(unsigned int n, u16 seg)
{
	unsigned int i;

	tx_reset();
	tx_data(0, n > 1 ? MORE : 0, n * seg);
	for (i = 1; i < n; i++)
		tx_data(0, i < n - 1 ? MORE : 0, seg);
}

static enum xnif_tx_err tx_run(const struct xnif_tx_limits *lim)
{
	return xnif_tx_validate(ring, nslots, lim, &pkt);
}

static void tx_single_slot(void)
{
	tx_reset();
	tx_data(100, XNIF_TXF_CSUM_BLANK | XNIF_TXF_DATA_VALIDATED, 60);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.total, 60);
	XT_EQ(pkt.first_len, 60);
	XT_EQ(pkt.nr_data, 1);
	XT_EQ(pkt.nr_slots, 1);
	XT_EQ(pkt.flags, XNIF_TXF_CSUM_BLANK | XNIF_TXF_DATA_VALIDATED);
	XT_EQ(pkt.extras.mask, 0);
}

static void tx_multi_slot(void)
{
	tx_reset();
	tx_data(3000, MORE, 3000);
	tx_data(0, MORE, 1000);
	tx_data(96, 0, 904);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.total, 3000);
	XT_EQ(pkt.first_len, 1096);
	XT_EQ(pkt.nr_data, 3);
	XT_EQ(pkt.nr_slots, 3);
}

static void tx_extras_then_data(void)
{
	tx_reset();
	tx_data(0, MORE | EXTRA | XNIF_TXF_CSUM_BLANK, 9000);
	tx_gso(XNIF_GSO_TYPE_TCPV4, 1448, XMORE);
	tx_hash(XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT,
		XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ, 0);
	tx_data(0, MORE, 4096);
	tx_data(0, 0, 4096);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.nr_slots, 5);
	XT_EQ(pkt.nr_data, 3);
	XT_EQ(pkt.first_len, 808);
	XT_EQ(pkt.extras.count, 2);
	XT_EQ(pkt.extras.mask, (1U << XNIF_EXTRA_TYPE_GSO) |
			       (1U << XNIF_EXTRA_TYPE_HASH));
	XT_CHECK(xnif_extras_has(&pkt.extras, XNIF_EXTRA_TYPE_GSO));
	XT_CHECK(!xnif_extras_has(&pkt.extras, XNIF_EXTRA_TYPE_XDP));
	XT_CHECK(!xnif_extras_has(&pkt.extras, 200));
	XT_EQ(pkt.extras.info[XNIF_EXTRA_TYPE_GSO].u.gso.size, 1448);
}

static void tx_slot_limit(void)
{
	tx_chain(XNIF_NR_SLOTS_MIN, 100);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.nr_data, 18);

	tx_chain(XNIF_NR_SLOTS_MIN + 1, 100);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_SLOTS);
	XT_EQ(pkt.nr_slots, 19);
	XT_EQ(pkt.bad_slot, 18);
}

static void tx_fatal_slot_limit(void)
{
	tx_chain(XNIF_TX_DEFAULT_FATAL_SLOTS, 100);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_SLOTS);
	XT_EQ(pkt.nr_slots, 20);

	tx_chain(XNIF_TX_DEFAULT_FATAL_SLOTS + 1, 100);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_SLOTS_FATAL);
	XT_EQ(pkt.bad_slot, 20);

	/* the fatal limit wins over "ran out of slots" */
	nslots = 20;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_SLOTS_FATAL);
}

static void tx_custom_limits(void)
{
	const struct xnif_tx_limits lim = { .max_slots = 2, .fatal_slots = 3 };
	const struct xnif_tx_limits same = { .max_slots = 1, .fatal_slots = 1 };

	tx_chain(2, 60);
	XT_EQ(tx_run(&lim), XNIF_TX_OK);
	tx_chain(3, 60);
	XT_EQ(tx_run(&lim), XNIF_TX_ERR_SLOTS);
	tx_chain(4, 60);
	XT_EQ(tx_run(&lim), XNIF_TX_ERR_SLOTS_FATAL);
	tx_chain(1, 60);
	XT_EQ(tx_run(&same), XNIF_TX_OK);
	tx_chain(2, 60);
	XT_EQ(tx_run(&same), XNIF_TX_ERR_SLOTS_FATAL);
}

static void tx_bad_limits(void)
{
	const struct xnif_tx_limits zero = { .max_slots = 0, .fatal_slots = 5 };
	const struct xnif_tx_limits inv = { .max_slots = 5, .fatal_slots = 4 };

	tx_chain(1, 60);
	XT_EQ(tx_run(&zero), XNIF_TX_ERR_LIMITS);
	XT_EQ(tx_run(&inv), XNIF_TX_ERR_LIMITS);
}

static void tx_incomplete(void)
{
	/* no slots at all: nothing may be read */
	XT_EQ(xnif_tx_validate(NULL, 0, NULL, &pkt), XNIF_TX_ERR_INCOMPLETE);
	XT_EQ(pkt.nr_slots, 0);
	XT_EQ(pkt.bad_slot, 0);

	tx_reset();

	tx_data(0, MORE, 200);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_INCOMPLETE);
	XT_EQ(pkt.bad_slot, 1);

	tx_reset();
	tx_data(0, EXTRA, 200);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_INCOMPLETE);
	XT_EQ(pkt.bad_slot, 1);

	tx_reset();
	tx_data(0, EXTRA, 200);
	tx_gso(XNIF_GSO_TYPE_TCPV4, 1448, XMORE);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_INCOMPLETE);
	XT_EQ(pkt.bad_slot, 2);

	tx_chain(5, 100);
	nslots = 4;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_INCOMPLETE);
	XT_EQ(pkt.bad_slot, 4);
}

static void tx_cross_page(void)
{
	tx_reset();
	tx_data(4000, 0, 96);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);

	tx_reset();
	tx_data(4001, 0, 96);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_CROSS_PAGE);
	XT_EQ(pkt.bad_slot, 0);

	/* the first slot's own length is what must fit */
	tx_reset();
	tx_data(4000, MORE, 4096 + 96);
	tx_data(0, 0, 4096);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.first_len, 96);
	ring[0].req.offset = 4001;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_CROSS_PAGE);

	tx_chain(3, 1000);
	ring[2].req.offset = 3097;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_CROSS_PAGE);
	XT_EQ(pkt.bad_slot, 2);
	ring[2].req.offset = 3096;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
}

/* A first slot with no data of its own may sit at the page end. */
static void tx_first_slot_empty(void)
{
	tx_reset();
	tx_data(4096, MORE, 1000);
	tx_data(0, 0, 1000);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.first_len, 0);

	ring[0].req.offset = 4097;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_CROSS_PAGE);

	/* an offset past the page is fatal even when sizes are wrong */
	ring[0].req.size = 10;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_CROSS_PAGE);
}

static void tx_size_mismatch(void)
{
	tx_reset();
	tx_data(0, MORE, 100);
	tx_data(0, MORE, 60);
	tx_data(0, 0, 41);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_SIZE);
	XT_EQ(pkt.bad_slot, 2);
	XT_EQ(pkt.nr_slots, 3);

	ring[2].req.size = 40;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.first_len, 0);
}

/* A 64 KiB frame wraps the u16 size: the follow-ons then look too big. */
static void tx_size_wrapped(void)
{
	unsigned int i;

	tx_reset();
	tx_data(0, MORE, (u16)(16 * 4096 + 100));
	for (i = 0; i < 16; i++)
		tx_data(0, i < 15 ? MORE : 0, 4096);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_SIZE);
	XT_EQ(pkt.bad_slot, 1);
	XT_EQ(pkt.nr_slots, 17);
	XT_CHECK(!xnif_tx_err_fatal(XNIF_TX_ERR_SIZE));

	ring[0].req.size = XNIF_MAX_TX_SIZE;
	ring[1].req.size = 4096 - 1;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.first_len, 0);
	XT_EQ(pkt.total, 0xFFFF);
}

static void tx_runt(void)
{
	tx_reset();
	tx_data(0, 0, XNIF_ETH_HLEN - 1);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_RUNT);
	ring[0].req.size = XNIF_ETH_HLEN;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	ring[0].req.size = 0;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_RUNT);
}

static void tx_unknown_flags(void)
{
	tx_reset();
	tx_data(0, 1U << 4, 60);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_FLAGS);
	XT_EQ(pkt.nr_slots, 1);
	ring[0].req.flags = 0x8000;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_FLAGS);

	/* follow-ons: unknown bits and extra_info are refused */
	tx_chain(3, 100);
	ring[1].req.flags |= 1U << 9;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_FLAGS);
	XT_EQ(pkt.bad_slot, 1);
	XT_EQ(pkt.nr_slots, 3);
	tx_chain(3, 100);
	ring[2].req.flags |= EXTRA;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_FLAGS);
	XT_EQ(pkt.bad_slot, 2);

	/* ... checksum flags on a follow-on are harmless */
	tx_chain(3, 100);
	ring[1].req.flags |= XNIF_TXF_CSUM_BLANK;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
}

static void tx_empty_follow_on(void)
{
	tx_reset();
	tx_data(0, MORE, 100);
	tx_data(0, MORE, 0);
	tx_data(0, 0, 50);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EMPTY_SLOT);
	XT_EQ(pkt.bad_slot, 1);
	XT_EQ(pkt.nr_slots, 3);
	XT_CHECK(!xnif_tx_err_fatal(XNIF_TX_ERR_EMPTY_SLOT));
}

static void tx_extra_bad_type(void)
{
	tx_reset();
	tx_data(0, EXTRA, 60);
	tx_extra(XNIF_EXTRA_TYPE_NONE, 0);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EXTRA_TYPE);
	XT_EQ(pkt.bad_slot, 1);

	ring[1].extra.type = XNIF_EXTRA_TYPE_MAX;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EXTRA_TYPE);
	ring[1].extra.type = 0xFF;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EXTRA_TYPE);

	/* XDP is an RX-only type: well formed, but not for TX */
	ring[1].extra.type = XNIF_EXTRA_TYPE_XDP;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EXTRA_DIR);
	XT_EQ(pkt.nr_slots, 2);
}

static void tx_extra_dup(void)
{
	tx_reset();
	tx_data(0, EXTRA | MORE, 200);
	tx_gso(XNIF_GSO_TYPE_TCPV4, 1000, XMORE);
	tx_gso(XNIF_GSO_TYPE_TCPV6, 1000, 0);
	tx_data(0, 0, 100);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EXTRA_DUP);
	XT_EQ(pkt.bad_slot, 2);
	XT_EQ(pkt.nr_slots, 4);
	/* the first one counts */
	XT_EQ(pkt.extras.info[XNIF_EXTRA_TYPE_GSO].u.gso.type,
	      XNIF_GSO_TYPE_TCPV4);
}

static void tx_extra_flags(void)
{
	tx_reset();
	tx_data(0, EXTRA, 60);
	tx_gso(XNIF_GSO_TYPE_TCPV4, 1000, 0x2);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_FLAGS);
	XT_EQ(pkt.bad_slot, 1);
	XT_EQ(pkt.nr_slots, 2);
}

static void tx_extra_count(void)
{
	unsigned int i;

	/* five extras (one per type) is the longest legal chain */
	tx_reset();
	tx_data(0, EXTRA, 60);
	for (i = 1; i < XNIF_EXTRA_TYPE_MAX; i++)
		tx_extra(i, i < XNIF_EXTRA_TYPE_MAX - 1 ? XMORE : 0);
	ring[1].extra.u.gso.type = XNIF_GSO_TYPE_TCPV4;
	ring[1].extra.u.gso.size = 1000;
	/* the XDP one (slot 5) is refused, but the chain is well formed */
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EXTRA_DIR);
	XT_EQ(pkt.bad_slot, 5);
	XT_EQ(pkt.extras.count, 5);
	XT_EQ(pkt.nr_slots, 6);

	/* a sixth is refused before it is read */
	ring[5].extra.flags = XMORE;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EXTRA_COUNT);
	XT_EQ(pkt.bad_slot, 6);
	XT_CHECK(xnif_tx_err_fatal(XNIF_TX_ERR_EXTRA_COUNT));
}

static void tx_gso_fields(void)
{
	tx_reset();
	tx_data(0, EXTRA, 60);
	tx_gso(XNIF_GSO_TYPE_TCPV6, 1440, 0);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);

	ring[1].extra.u.gso.size = 0;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_GSO);
	ring[1].extra.u.gso.size = 1440;
	ring[1].extra.u.gso.type = XNIF_GSO_TYPE_NONE;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_GSO);
	ring[1].extra.u.gso.type = 3;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_GSO);
	ring[1].extra.u.gso.type = XNIF_GSO_TYPE_TCPV4;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);

	/* a bad GSO extra is fatal, even after a drop-class problem */
	ring[0].req.flags |= 1U << 6;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_FLAGS);
	ring[1].extra.u.gso.size = 0;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_GSO);
	XT_CHECK(xnif_tx_err_fatal(XNIF_TX_ERR_GSO));
}

static void tx_hash_fields(void)
{
	tx_reset();
	tx_data(0, EXTRA, 60);
	tx_hash(XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT,
		XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ, 0);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);

	ring[1].extra.u.hash.type = XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT + 1;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_HASH);
	ring[1].extra.u.hash.type = XNIF_CTRL_HASH_TYPE_IPV4_BIT;
	ring[1].extra.u.hash.algorithm = XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ + 1;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_HASH);
	ring[1].extra.u.hash.algorithm = XNIF_CTRL_HASH_ALGORITHM_NONE;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
}

static void tx_mcast_requests(void)
{
	/* a dummy request with no data is fine for multicast control */
	tx_reset();
	tx_data(0, EXTRA, 0);
	tx_mcast(XNIF_EXTRA_TYPE_MCAST_ADD, 0x01, 0);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_EQ(pkt.nr_slots, 2);
	ring[1].extra.type = XNIF_EXTRA_TYPE_MCAST_DEL;
	XT_EQ(tx_run(NULL), XNIF_TX_OK);

	/* unicast address */
	ring[1].extra.u.mcast.addr[0] = 0x02;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_MCAST);

	/* add and delete at once */
	tx_reset();
	tx_data(0, EXTRA, 0);
	tx_mcast(XNIF_EXTRA_TYPE_MCAST_ADD, 0x01, XMORE);
	tx_mcast(XNIF_EXTRA_TYPE_MCAST_DEL, 0x01, 0);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_MCAST);

	/* with data slots after it */
	tx_reset();
	tx_data(0, EXTRA | MORE, 100);
	tx_mcast(XNIF_EXTRA_TYPE_MCAST_ADD, 0x33, 0);
	tx_data(0, 0, 100);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_MCAST);
	XT_EQ(pkt.nr_slots, 3);
}

static void tx_first_problem_wins(void)
{
	/* two drop problems: the first one found is reported */
	tx_reset();
	tx_data(0, MORE, 300);
	tx_data(0, MORE, 0);
	tx_data(0, 1U << 7, 100);
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_EMPTY_SLOT);
	XT_EQ(pkt.bad_slot, 1);

	/* a later fatal problem beats an earlier drop */
	ring[2].req.offset = 4000;
	XT_EQ(tx_run(NULL), XNIF_TX_ERR_CROSS_PAGE);
	XT_EQ(pkt.bad_slot, 2);
}

/* Slots after the chain's end, however odd, change nothing. */
static void tx_reads_only_the_chain(void)
{
	struct xnif_tx_pkt full;

	tx_reset();
	tx_data(0, EXTRA | MORE, 3000);
	tx_gso(XNIF_GSO_TYPE_TCPV4, 1448, 0);
	tx_data(0, 0, 1000);
	XT_EQ(xnif_tx_validate(ring, 64, NULL, &full), XNIF_TX_OK);
	XT_EQ(tx_run(NULL), XNIF_TX_OK);
	XT_CHECK(!memcmp(&full, &pkt, sizeof(pkt)));
}

/* XNIF_TX_MAX_CHAIN() slots are enough to reach any verdict. */
static void tx_max_chain_is_enough(void)
{
	unsigned int cap = XNIF_TX_MAX_CHAIN(XNIF_TX_DEFAULT_FATAL_SLOTS);
	struct xnif_tx_pkt full;
	unsigned int i;

	tx_reset();
	tx_data(0, EXTRA | MORE, 0xFFFF);
	for (i = 1; i < XNIF_EXTRA_TYPE_MAX; i++)
		tx_extra(i, i < XNIF_EXTRA_TYPE_MAX - 1 ? XMORE : 0);
	ring[1].extra.u.gso.type = XNIF_GSO_TYPE_TCPV4;
	ring[1].extra.u.gso.size = 1000;
	while (nslots < 64)
		tx_data(0, MORE, 10);
	XT_EQ(xnif_tx_validate(ring, 64, NULL, &full),
	      XNIF_TX_ERR_SLOTS_FATAL);
	XT_EQ(full.bad_slot, cap);
	XT_EQ(xnif_tx_validate(ring, cap, NULL, &pkt),
	      XNIF_TX_ERR_SLOTS_FATAL);
	XT_EQ(pkt.bad_slot, cap);
	/* and the bound is tight */
	XT_EQ(xnif_tx_validate(ring, cap - 1, NULL, &pkt),
	      XNIF_TX_ERR_INCOMPLETE);
}

static void tx_err_strings(void)
{
	unsigned int i, j;

	for (i = 0; i < XNIF_TX_ERR_NR; i++) {
		const char *s = xnif_tx_err_str(i);

		XT_CHECK(s && *s);
		for (j = 0; j < i; j++)
			XT_CHECK(strcmp(s, xnif_tx_err_str(j)));
		/* drop codes come before XNIF_TX_ERR_INCOMPLETE */
		XT_EQ(xnif_tx_err_fatal(i), i >= XNIF_TX_ERR_INCOMPLETE);
	}
	XT_STREQ(xnif_tx_err_str(XNIF_TX_ERR_NR),
		 "unknown TX validation error");
	XT_STREQ(xnif_tx_err_str((enum xnif_tx_err)-1),
		 "unknown TX validation error");
	XT_CHECK(xnif_tx_err_fatal(XNIF_TX_ERR_NR));
	XT_CHECK(xnif_tx_err_fatal((enum xnif_tx_err)-1));
}

const struct xt_test tx_tests[] = {
	XT_TEST(tx_single_slot),
	XT_TEST(tx_multi_slot),
	XT_TEST(tx_extras_then_data),
	XT_TEST(tx_slot_limit),
	XT_TEST(tx_fatal_slot_limit),
	XT_TEST(tx_custom_limits),
	XT_TEST(tx_bad_limits),
	XT_TEST(tx_incomplete),
	XT_TEST(tx_cross_page),
	XT_TEST(tx_first_slot_empty),
	XT_TEST(tx_size_mismatch),
	XT_TEST(tx_size_wrapped),
	XT_TEST(tx_runt),
	XT_TEST(tx_unknown_flags),
	XT_TEST(tx_empty_follow_on),
	XT_TEST(tx_extra_bad_type),
	XT_TEST(tx_extra_dup),
	XT_TEST(tx_extra_flags),
	XT_TEST(tx_extra_count),
	XT_TEST(tx_gso_fields),
	XT_TEST(tx_hash_fields),
	XT_TEST(tx_mcast_requests),
	XT_TEST(tx_first_problem_wins),
	XT_TEST(tx_reads_only_the_chain),
	XT_TEST(tx_max_chain_is_enough),
	XT_TEST(tx_err_strings),
	XT_END
};
