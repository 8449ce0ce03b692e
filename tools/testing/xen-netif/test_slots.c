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

/* The worst case for a length starts on the last byte of a page. */
static void slots_worst_case(void)
{
	XT_EQ(xnif_buf_slots(XNIF_PAGE_SIZE - 1, 1), 1);
	XT_EQ(xnif_buf_slots(XNIF_PAGE_SIZE - 1, 4096), 2);
	XT_EQ(xnif_buf_slots(XNIF_PAGE_SIZE - 1, XNIF_MAX_TX_SIZE), 17);
	XT_EQ(xnif_buf_slots(XNIF_PAGE_SIZE - 1, 65536), XNIF_MAX_SLOTS_64K);
	XT_EQ(xnif_buf_slots(XNIF_PAGE_SIZE - 1, 65538), 18);
}

const struct xt_test slots_tests[] = {
	XT_TEST(slots_buf),
	XT_TEST(slots_buf_large_offset),
	XT_TEST(slots_buf_huge_len),
	XT_TEST(slots_worst_case),
	XT_END
};
