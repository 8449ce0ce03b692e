// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of the wire header.  The layout itself is proven at build time
 * by drivers/net/xen-netif/wire_check.c (linked in here); these check the
 * values our own code relies on.
 */
#include <linux/build_bug.h>
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

/*
 * What is known at build time is checked at build time: a wrong size or
 * constant stops the harness from compiling instead of failing a test.
 */
#define WIRE_EQ(a, b)	static_assert((a) == (b), #a " == " #b)

WIRE_EQ(sizeof(struct xnif_tx_request), 12);
WIRE_EQ(sizeof(struct xnif_tx_response), 4);
WIRE_EQ(sizeof(struct xnif_rx_request), 8);
WIRE_EQ(sizeof(struct xnif_rx_response), 8);
WIRE_EQ(sizeof(struct xnif_extra_info), 8);
WIRE_EQ(sizeof(struct xnif_ctrl_request), 16);
WIRE_EQ(sizeof(struct xnif_ctrl_response), 12);
WIRE_EQ(sizeof(union xnif_tx_slot), XNIF_TX_SLOT_SIZE);
WIRE_EQ(sizeof(union xnif_rx_slot), XNIF_RX_SLOT_SIZE);
WIRE_EQ(XNIF_NR_SLOTS_MIN, 18);
WIRE_EQ(XNIF_MAX_TX_SIZE, 0xFFFF);
WIRE_EQ(XNIF_MAX_XDP_HEADROOM, 0x7FFF);
WIRE_EQ(XNIF_MAX_SLOTS_64K, 17);
WIRE_EQ(XNIF_TX_RING_SIZE, 256);
WIRE_EQ(XNIF_RX_RING_SIZE, 256);
WIRE_EQ(XNIF_CTRL_RING_SIZE, 128);
WIRE_EQ(XNIF_TXF_KNOWN, 0xF);
WIRE_EQ(XNIF_RXF_KNOWN, 0x1F);
WIRE_EQ(XNIF_CTRL_HASH_TYPE_KNOWN, 0xF);
WIRE_EQ(XNIF_CTRL_TYPE_SET_HASH_ALGORITHM, 7);

/* The constant-expression macro and the run-time function must agree. */
static void wire_ring_macro_matches_function(void)
{
	unsigned int pages, sz;

	for (pages = 1; pages <= XNIF_RING_MAX_PAGES; pages++)
		for (sz = 1; sz <= 64; sz++)
			XT_EQ(XNIF_RING_ENTRIES(pages, sz),
			      xnif_ring_entries(pages, sz));
}

WIRE_EQ(XNIF_TX_RING_ENTRIES(16), 4096);
WIRE_EQ(XNIF_RX_RING_ENTRIES(16), 4096);
WIRE_EQ(XNIF_CTRL_RING_ENTRIES(16), 2048);

const struct xt_test wire_tests[] = {
	XT_TEST(wire_ring_macro_matches_function),
	XT_END
};
