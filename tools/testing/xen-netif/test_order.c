// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/order.c (multi-page rings). */
#include <stdio.h>

#include <linux/errno.h>
#include <linux/types.h>

#include <xen-netif/ring.h>
#include <xen-netif/xnif.h>

#include "tests.h"

#define NR(a)	(sizeof(a) / sizeof((a)[0]))

static void order_entries(void)
{
	/* TX: (2^o * 4096 - 64) / 12 rounded down to a power of two */
	XT_EQ(xnif_order_tx_entries(0), 256);
	XT_EQ(xnif_order_tx_entries(1), 512);
	XT_EQ(xnif_order_tx_entries(2), 1024);
	XT_EQ(xnif_order_tx_entries(3), 2048);
	XT_EQ(xnif_order_tx_entries(4), 4096);
	XT_EQ(xnif_order_rx_entries(0), 256);
	XT_EQ(xnif_order_rx_entries(1), 512);
	XT_EQ(xnif_order_rx_entries(4), 4096);
	XT_EQ(xnif_order_tx_entries(0), XNIF_TX_RING_SIZE);
	XT_EQ(xnif_order_rx_entries(0), XNIF_RX_RING_SIZE);
	XT_EQ(xnif_order_tx_entries(XNIF_RING_MAX_ORDER),
	      XNIF_TX_RING_ENTRIES(XNIF_RING_MAX_PAGES));
}

static void order_entries_invalid(void)
{
	XT_EQ(xnif_order_tx_entries(XNIF_RING_MAX_ORDER + 1), 0);
	XT_EQ(xnif_order_rx_entries(XNIF_RING_MAX_ORDER + 1), 0);
	XT_EQ(xnif_order_tx_entries(~0U), 0);
	XT_EQ(xnif_order_rx_entries(32), 0);
}

static void order_sizes_valid(void)
{
	unsigned int o;

	/* every order's rings work with the index helpers and u16 ids */
	for (o = 0; o <= XNIF_RING_MAX_ORDER; o++) {
		XT_CHECK(xnif_ring_size_valid(xnif_order_tx_entries(o)));
		XT_CHECK(xnif_ring_size_valid(xnif_order_rx_entries(o)));
		XT_CHECK(xnif_order_tx_entries(o) <= 0x10000);
	}
}

static void order_for_sizes(void)
{
	unsigned int o = 99;

	XT_EQ(xnif_ring_order_for(1, 1, 4, &o), 0);
	XT_EQ(o, 0);
	XT_EQ(xnif_ring_order_for(256, 256, 4, &o), 0);
	XT_EQ(o, 0);
	XT_EQ(xnif_ring_order_for(257, 256, 4, &o), 0);
	XT_EQ(o, 1);
	XT_EQ(xnif_ring_order_for(256, 257, 4, &o), 0);
	XT_EQ(o, 1);
	XT_EQ(xnif_ring_order_for(300, 1024, 4, &o), 0);
	XT_EQ(o, 2);
	XT_EQ(xnif_ring_order_for(4096, 4096, 4, &o), 0);
	XT_EQ(o, 4);
	XT_EQ(xnif_ring_order_for(2048, 2048, 3, &o), 0);
	XT_EQ(o, 3);
}

static void order_for_refused(void)
{
	unsigned int o = 77;

	XT_EQ(xnif_ring_order_for(4097, 1, 4, &o), -ERANGE);
	XT_EQ(xnif_ring_order_for(1, 4097, 4, &o), -ERANGE);
	XT_EQ(xnif_ring_order_for(2049, 1, 3, &o), -ERANGE);
	XT_EQ(xnif_ring_order_for(257, 1, 0, &o), -ERANGE);
	XT_EQ(xnif_ring_order_for(0, 1, 4, &o), -EINVAL);
	XT_EQ(xnif_ring_order_for(1, 0, 4, &o), -EINVAL);
	XT_EQ(xnif_ring_order_for(1, 1, 5, &o), -EINVAL);
	XT_EQ(o, 77);
}

static void order_parse(void)
{
	unsigned int o = 9;

	XT_EQ(xnif_parse_ring_order("0", 4, &o), 0);
	XT_EQ(o, 0);
	XT_EQ(xnif_parse_ring_order("4", 4, &o), 0);
	XT_EQ(o, 4);
	XT_EQ(xnif_parse_ring_order("03", 4, &o), 0);
	XT_EQ(o, 3);
	o = 9;
	XT_EQ(xnif_parse_ring_order("5", 4, &o), -ERANGE);
	XT_EQ(xnif_parse_ring_order("3", 2, &o), -ERANGE);
	XT_EQ(xnif_parse_ring_order("99999999999999999999", 4, &o), -ERANGE);
	XT_EQ(xnif_parse_ring_order("", 4, &o), -EINVAL);
	XT_EQ(xnif_parse_ring_order("-1", 4, &o), -EINVAL);
	XT_EQ(xnif_parse_ring_order("2 ", 4, &o), -EINVAL);
	XT_EQ(xnif_parse_ring_order("0x2", 4, &o), -EINVAL);
	XT_EQ(xnif_parse_ring_order("2\n", 4, &o), -EINVAL);
	XT_EQ(o, 9);
}

static void order_ref_keys(void)
{
	char buf[48];

	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 0, "tx-ring-ref", 0, 0),
	      11);
	XT_STREQ(buf, "tx-ring-ref");
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 2, 1, "rx-ring-ref", 0, 0),
	      19);
	XT_STREQ(buf, "queue-1/rx-ring-ref");
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 0, "tx-ring-ref", 1, 1),
	      12);
	XT_STREQ(buf, "tx-ring-ref1");
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 4, 3, "rx-ring-ref", 4, 15),
	      21);
	XT_STREQ(buf, "queue-3/rx-ring-ref15");
}

static void order_ref_keys_invalid(void)
{
	char buf[48];

	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 0, "tx-ring-ref", 0, 1),
	      -EINVAL);
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 0, "tx-ring-ref", 4, 16),
	      -EINVAL);
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 0, "tx-ring-ref", 5, 0),
	      -EINVAL);
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 1, "tx-ring-ref", 1, 0),
	      -EINVAL);
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 0, "", 1, 0), -EINVAL);
	XT_EQ(xnif_ring_ref_key(buf, sizeof(buf), 1, 0, NULL, 1, 0), -EINVAL);
	XT_EQ(xnif_ring_ref_key(buf, 12, 1, 0, "tx-ring-ref", 1, 0),
	      -ENOSPC);
	XT_EQ(xnif_ring_ref_key(buf, 13, 1, 0, "tx-ring-ref", 1, 0), 12);
}

static void refs_names_ok(void)
{
	static const char * const two[] = {
		"mac", "tx-ring-ref1", "rx-ring-ref0", "tx-ring-ref0",
		"rx-ring-ref1", "state",
	};
	/* the order-0 key and look-alike keys of another name are ignored */
	static const char * const four[] = {
		"tx-ring-ref", "tx-ring-ref3", "tx-ring-ref2", "tx-ring-ref1",
		"tx-ring-ref0", "tx-ring-refs", "tx-ring-ref2x",
	};
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 1, two, NR(two), &bad),
	      XNIF_REFS_OK);
	XT_EQ(xnif_ring_refs_names("rx-ring-ref", 1, two, NR(two), &bad),
	      XNIF_REFS_OK);
	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 2, four, NR(four), &bad),
	      XNIF_REFS_OK);
}

static void refs_names_sixteen(void)
{
	static const char * const k[] = {
		"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
		"r10", "r11", "r12", "r13", "r14", "r15",
	};
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_names("r", 4, k, NR(k), &bad), XNIF_REFS_OK);
	XT_EQ(xnif_ring_refs_names("r", 4, k, NR(k) - 1, &bad),
	      XNIF_REFS_MISSING);
	XT_EQ(bad, 15);
	XT_EQ(xnif_ring_refs_names("r", 3, k, NR(k), &bad), XNIF_REFS_EXTRA);
	XT_EQ(bad, 8);
}

static void refs_names_missing(void)
{
	static const char * const k[] = {
		"tx-ring-ref0", "tx-ring-ref2", "tx-ring-ref3", "tx-ring-ref",
	};
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 2, k, NR(k), &bad),
	      XNIF_REFS_MISSING);
	XT_EQ(bad, 1);
	/* only the order-0 key: every page is missing, the first is named */
	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 1, k + 3, 1, &bad),
	      XNIF_REFS_MISSING);
	XT_EQ(bad, 0);
	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 1, NULL, 0, &bad),
	      XNIF_REFS_MISSING);
}

static void refs_names_extra(void)
{
	static const char * const k[] = {
		"tx-ring-ref0", "tx-ring-ref1", "tx-ring-ref2",
	};
	static const char * const big[] = { "tx-ring-ref0", "tx-ring-ref16" };
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 1, k, NR(k), &bad),
	      XNIF_REFS_EXTRA);
	XT_EQ(bad, 2);
	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 4, big, NR(big), &bad),
	      XNIF_REFS_EXTRA);
	XT_EQ(bad, 1);
}

static void refs_names_badname(void)
{
	static const char * const zero[] = {
		"tx-ring-ref0", "tx-ring-ref01",
	};
	static const char * const huge[] = {
		"tx-ring-ref0", "tx-ring-ref1", "tx-ring-ref99999999999",
	};
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 1, zero, NR(zero), &bad),
	      XNIF_REFS_BADNAME);
	XT_EQ(bad, 1);
	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 1, huge, NR(huge), &bad),
	      XNIF_REFS_BADNAME);
	XT_EQ(bad, 2);
}

static void refs_names_args(void)
{
	static const char * const k[] = { "tx-ring-ref0" };
	unsigned int bad;

	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 0, k, 1, &bad),
	      XNIF_REFS_ARGS);
	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 5, k, 1, &bad),
	      XNIF_REFS_ARGS);
	XT_EQ(xnif_ring_refs_names("", 1, k, 1, &bad), XNIF_REFS_ARGS);
	XT_EQ(xnif_ring_refs_names(NULL, 1, k, 1, &bad), XNIF_REFS_ARGS);
	XT_EQ(xnif_ring_refs_names("tx-ring-ref", 1, NULL, 1, &bad),
	      XNIF_REFS_ARGS);
}

static void refs_values_ok(void)
{
	static const char * const v[] = { "8", "9", "4294967295", "010" };
	u32 refs[4];
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_values(v, NR(v), refs, &bad), XNIF_REFS_OK);
	XT_EQ(refs[0], 8);
	XT_EQ(refs[1], 9);
	XT_EQ(refs[2], 0xFFFFFFFFU);
	XT_EQ(refs[3], 10);
}

static void refs_values_garbage(void)
{
	static const char * const g1[] = { "8", "9x" };
	static const char * const g2[] = { "8", "9", "4294967296" };
	static const char * const g3[] = { "", "9" };
	static const char * const g4[] = { "8", NULL };
	static const char * const g5[] = { "8", "-9" };
	u32 refs[4];
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_values(g1, NR(g1), refs, &bad),
	      XNIF_REFS_GARBAGE);
	XT_EQ(bad, 1);
	XT_EQ(xnif_ring_refs_values(g2, NR(g2), refs, &bad),
	      XNIF_REFS_GARBAGE);
	XT_EQ(bad, 2);
	XT_EQ(xnif_ring_refs_values(g3, NR(g3), refs, &bad),
	      XNIF_REFS_GARBAGE);
	XT_EQ(bad, 0);
	XT_EQ(xnif_ring_refs_values(g4, NR(g4), refs, &bad),
	      XNIF_REFS_GARBAGE);
	XT_EQ(xnif_ring_refs_values(g5, NR(g5), refs, &bad),
	      XNIF_REFS_GARBAGE);
}

static void refs_values_dup(void)
{
	static const char * const d1[] = { "8", "9", "10", "9" };
	static const char * const d2[] = { "8", "08" };
	static const char * const d3[] = { "1", "1" };
	u32 refs[4];
	unsigned int bad = 99;

	XT_EQ(xnif_ring_refs_values(d1, NR(d1), refs, &bad), XNIF_REFS_DUP);
	XT_EQ(bad, 3);
	XT_EQ(xnif_ring_refs_values(d2, NR(d2), refs, &bad), XNIF_REFS_DUP);
	XT_EQ(bad, 1);
	XT_EQ(xnif_ring_refs_values(d3, NR(d3), refs, &bad), XNIF_REFS_DUP);
}

static void refs_values_args(void)
{
	static const char * const v[] = { "1" };
	u32 refs[2 * XNIF_RING_MAX_PAGES + 1];
	const char *many[2 * XNIF_RING_MAX_PAGES + 1];
	char bufs[2 * XNIF_RING_MAX_PAGES + 1][8];
	unsigned int bad, i;

	XT_EQ(xnif_ring_refs_values(NULL, 1, refs, &bad), XNIF_REFS_ARGS);
	XT_EQ(xnif_ring_refs_values(v, 0, refs, &bad), XNIF_REFS_ARGS);
	XT_EQ(xnif_ring_refs_values(v, 1, NULL, &bad), XNIF_REFS_ARGS);
	for (i = 0; i < NR(many); i++) {
		snprintf(bufs[i], sizeof(bufs[i]), "%u", i + 100);
		many[i] = bufs[i];
	}
	XT_EQ(xnif_ring_refs_values(many, NR(many) - 1, refs, &bad),
	      XNIF_REFS_OK);
	XT_EQ(xnif_ring_refs_values(many, NR(many), refs, &bad),
	      XNIF_REFS_ARGS);
}

static void refs_err_strings(void)
{
	unsigned int i;

	for (i = 0; i < XNIF_REFS_NR; i++)
		XT_CHECK(xnif_refs_err_str(i)[0] != '\0' &&
			 strcmp(xnif_refs_err_str(i), "unknown"));
	XT_STREQ(xnif_refs_err_str(XNIF_REFS_NR), "unknown");
	XT_STREQ(xnif_refs_err_str(XNIF_REFS_DUP),
		 "one grant given for two ring pages");
}

const struct xt_test order_tests[] = {
	XT_TEST(order_entries),
	XT_TEST(order_entries_invalid),
	XT_TEST(order_sizes_valid),
	XT_TEST(order_for_sizes),
	XT_TEST(order_for_refused),
	XT_TEST(order_parse),
	XT_TEST(order_ref_keys),
	XT_TEST(order_ref_keys_invalid),
	XT_TEST(refs_names_ok),
	XT_TEST(refs_names_sixteen),
	XT_TEST(refs_names_missing),
	XT_TEST(refs_names_extra),
	XT_TEST(refs_names_badname),
	XT_TEST(refs_names_args),
	XT_TEST(refs_values_ok),
	XT_TEST(refs_values_garbage),
	XT_TEST(refs_values_dup),
	XT_TEST(refs_values_args),
	XT_TEST(refs_err_strings),
	XT_END
};
