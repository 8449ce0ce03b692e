// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checks of the wire header.  The layout itself is proven at build time
 * by drivers/net/xen-netif/wire_check.c (linked in here); these check the
 * values our own code relies on.
 */
#include <linux/build_bug.h>
#include <linux/types.h>

#include <xen-netif/ring.h>
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
WIRE_EQ(sizeof(union xnif_tx_slot), 12);
WIRE_EQ(sizeof(union xnif_rx_slot), 8);
WIRE_EQ(sizeof(struct xnif_gref), 8);
WIRE_EQ(XNIF_GREFS_PER_PAGE, 512);
WIRE_EQ(XNIF_CTRLF_GREF_READONLY, 1);
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

/* The order helpers give the ring macros' sizes at run time. */
static void wire_order_matches_ring_macros(void)
{
	unsigned int o;

	for (o = 0; o <= XNIF_RING_MAX_ORDER; o++) {
		XT_EQ(xnif_order_tx_entries(o), XNIF_TX_RING_ENTRIES(1U << o));
		XT_EQ(xnif_order_rx_entries(o), XNIF_RX_RING_ENTRIES(1U << o));
	}
}

WIRE_EQ(XNIF_TX_RING_ENTRIES(16), 4096);
WIRE_EQ(XNIF_RX_RING_ENTRIES(16), 4096);
WIRE_EQ(XNIF_CTRL_RING_ENTRIES(16), 2048);

const struct xt_test wire_tests[] = {
	XT_TEST(wire_order_matches_ring_macros),
	XT_END
};
