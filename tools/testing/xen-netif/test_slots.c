// SPDX-License-Identifier: GPL-2.0-only
/* Tests for drivers/net/xen-netif/slots.c. */
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

static void slots_buf(void)
{
	XT_EQ(xnif_buf_slots(0, 0), 0);
	XT_EQ(xnif_buf_slots(4000, 0), 0);
	XT_EQ(xnif_buf_slots(0, 1), 1);
	XT_EQ(xnif_buf_slots(0, 4096), 1);
	XT_EQ(xnif_buf_slots(0, 4097), 2);
	XT_EQ(xnif_buf_slots(1, 4096), 2);
	XT_EQ(xnif_buf_slots(4095, 1), 1);
	XT_EQ(xnif_buf_slots(4095, 2), 2);
	XT_EQ(xnif_buf_slots(2048, 2048), 1);
	XT_EQ(xnif_buf_slots(2048, 2049), 2);
}

/* Offsets into a compound page count from the grant page they fall in. */
static void slots_buf_large_offset(void)
{
	XT_EQ(xnif_buf_slots(4096, 4096), 1);
	XT_EQ(xnif_buf_slots(5000, 100), 1);
	XT_EQ(xnif_buf_slots(8191, 2), 2);
	XT_EQ(xnif_buf_slots(0xFFFFFFFF, 1), 1);
}

static void slots_buf_huge_len(void)
{
	XT_EQ(xnif_buf_slots(0, 0xFFFFFFFF), 0x100000);
	XT_EQ(xnif_buf_slots(4095, 0xFFFFFFFF), 0x100001);
	XT_EQ(xnif_buf_slots(1, 0xFFFFFFFF), 0x100000);
}

static void slots_frags(void)
{
	static const struct xnif_frag frags[] = {
		{ .offset = 100, .len = 1400 },	/* 1 */
		{ .offset = 4000, .len = 200 },	/* 2 */
		{ .offset = 0, .len = 8192 },	/* 2 */
		{ .offset = 7, .len = 0 },	/* 0 */
	};

	XT_EQ(xnif_frags_slots(frags, 4), 5);
	XT_EQ(xnif_frags_slots(frags, 1), 1);
	XT_EQ(xnif_frags_slots(frags, 0), 0);
	XT_EQ(xnif_frags_slots(NULL, 0), 0);
}

static void slots_frags_saturate(void)
{
	static struct xnif_frag frags[4100];
	unsigned int i;

	for (i = 0; i < 4100; i++)
		frags[i] = (struct xnif_frag){ .offset = 4095, .len = ~0U };
	/* 4095 * 0x100001 slots fit in 32 bits ... */
	XT_EQ(xnif_frags_slots(frags, 4095), 4095ULL * 0x100001);
	/* ... 4096 * 0x100001 do not */
	XT_EQ(xnif_frags_slots(frags, 4096), ~0U);
	XT_EQ(xnif_frags_slots(frags, 4100), ~0U);
	XT_CHECK(!xnif_frags_fit(frags, 4100, ~0U));
	XT_CHECK(xnif_frags_fit(frags, 4095, ~0U));
}

static void slots_frags_fit(void)
{
	static const struct xnif_frag frags[] = {
		{ .offset = 4095, .len = 2 },	/* 2 */
		{ .offset = 0, .len = 4096 },	/* 1 */
		{ .offset = 0, .len = 4097 },	/* 2 */
	};

	XT_CHECK(xnif_frags_fit(frags, 3, 5));
	XT_CHECK(!xnif_frags_fit(frags, 3, 4));
	XT_CHECK(xnif_frags_fit(frags, 2, 3));
	XT_CHECK(!xnif_frags_fit(frags, 1, 1));
	XT_CHECK(xnif_frags_fit(frags, 0, 0));
	XT_CHECK(!xnif_frags_fit(frags, 1, 0));
}

static void slots_max(void)
{
	XT_EQ(xnif_max_slots(0), 0);
	XT_EQ(xnif_max_slots(1), 1);
	XT_EQ(xnif_max_slots(2), 2);
	XT_EQ(xnif_max_slots(4096), 2);
	XT_EQ(xnif_max_slots(4097), 2);
	XT_EQ(xnif_max_slots(8193), 3);
	XT_EQ(xnif_max_slots(XNIF_MAX_TX_SIZE), 17);
	XT_EQ(xnif_max_slots(65536), XNIF_MAX_SLOTS_64K);
	XT_EQ(xnif_max_slots(65537), 17);
	XT_EQ(xnif_max_slots(65538), 18);
}

const struct xt_test slots_tests[] = {
	XT_TEST(slots_buf),
	XT_TEST(slots_buf_large_offset),
	XT_TEST(slots_buf_huge_len),
	XT_TEST(slots_frags),
	XT_TEST(slots_frags_saturate),
	XT_TEST(slots_frags_fit),
	XT_TEST(slots_max),
	XT_END
};
