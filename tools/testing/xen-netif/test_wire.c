// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run-time checks of the wire header.  The layout itself is proven at
 * build time by drivers/net/xen-netif/wire_check.c (linked in here);
 * these check the values our own code relies on.
 */
#include <linux/types.h>

#include <xen-netif/xnif.h>

#include "tests.h"

static void wire_struct_sizes(void)
{
	XT_EQ(sizeof(struct xnif_tx_request), 12);
	XT_EQ(sizeof(struct xnif_tx_response), 4);
	XT_EQ(sizeof(struct xnif_rx_request), 8);
	XT_EQ(sizeof(struct xnif_rx_response), 8);
	XT_EQ(sizeof(struct xnif_extra_info), 8);
	XT_EQ(sizeof(struct xnif_ctrl_request), 16);
	XT_EQ(sizeof(struct xnif_ctrl_response), 12);
	XT_EQ(sizeof(union xnif_tx_slot), XNIF_TX_SLOT_SIZE);
	XT_EQ(sizeof(union xnif_rx_slot), XNIF_RX_SLOT_SIZE);
}

static void wire_protocol_constants(void)
{
	XT_EQ(XNIF_NR_SLOTS_MIN, 18);
	XT_EQ(XNIF_MAX_TX_SIZE, 0xFFFF);
	XT_EQ(XNIF_MAX_XDP_HEADROOM, 0x7FFF);
	XT_EQ(XNIF_MAX_SLOTS_64K, 17);
	XT_EQ(XNIF_TX_RING_SIZE, 256);
	XT_EQ(XNIF_RX_RING_SIZE, 256);
	XT_EQ(XNIF_CTRL_RING_SIZE, 128);
	XT_EQ(XNIF_TXF_KNOWN, 0xF);
	XT_EQ(XNIF_RXF_KNOWN, 0x1F);
	XT_EQ(XNIF_CTRL_HASH_TYPE_KNOWN, 0xF);
	XT_EQ(XNIF_CTRL_TYPE_SET_HASH_ALGORITHM, 7);
}

/* The constant-expression macro and the run-time function must agree. */
static void wire_ring_macro_matches_function(void)
{
	unsigned int pages, sz;

	for (pages = 1; pages <= XNIF_RING_MAX_PAGES; pages++)
		for (sz = 1; sz <= 64; sz++)
			XT_EQ(XNIF_RING_ENTRIES(pages, sz),
			      xnif_ring_entries(pages, sz));
	XT_EQ(XNIF_TX_RING_ENTRIES(16), 4096);
	XT_EQ(XNIF_RX_RING_ENTRIES(16), 4096);
	XT_EQ(XNIF_CTRL_RING_ENTRIES(16), 2048);
}

const struct xt_test wire_tests[] = {
	XT_TEST(wire_struct_sizes),
	XT_TEST(wire_protocol_constants),
	XT_TEST(wire_ring_macro_matches_function),
	XT_END
};
