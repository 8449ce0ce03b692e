/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The netif shared rings, typed with Xen's ring macros over our slots.
 *
 * <xen/interface/io/ring.h> lays out a shared ring (a 64-byte header of
 * four free-running indexes, then the largest power of two of slots that
 * fits) and gives the macros that size, initialise, push and re-check it.
 * The types below use it with the slot layouts of netif.h: each ring's
 * entry is the union of what its frontend writes and what its backend
 * writes there, with an extra-info slot on the side that carries them
 * (TX requests, RX responses).  drivers/net/xen-netif/wire_check.c proves
 * at build time that these rings have the sizes of Xen's own netif rings.
 *
 * The macros trust the indexes in shared memory; our callers check a
 * peer's producer (xnif_ring_unconsumed_requests/_responses) before they
 * consume anything.  In the user-space harness <xen/interface/io/ring.h>
 * is a shim for Xen's public ring.h.
 */
#ifndef _XEN_NETIF_RING_H
#define _XEN_NETIF_RING_H

#include <linux/stddef.h>
#include <linux/types.h>
#include <xen/interface/io/ring.h>

#include <xen-netif/netif.h>

DEFINE_RING_TYPES(xnif_tx, union xnif_tx_slot, struct xnif_tx_response);
DEFINE_RING_TYPES(xnif_rx, struct xnif_rx_request, union xnif_rx_slot);
DEFINE_RING_TYPES(xnif_ctrl, struct xnif_ctrl_request,
		  struct xnif_ctrl_response);

/*
 * Slots in a ring of @pages granted pages (1..XNIF_RING_MAX_PAGES); a
 * constant expression for a constant @pages.
 */
#define XNIF_TX_RING_ENTRIES(pages)					\
	((unsigned int)__CONST_RING_SIZE(xnif_tx, (pages) * XNIF_PAGE_SIZE))
#define XNIF_RX_RING_ENTRIES(pages)					\
	((unsigned int)__CONST_RING_SIZE(xnif_rx, (pages) * XNIF_PAGE_SIZE))
#define XNIF_CTRL_RING_ENTRIES(pages)					\
	((unsigned int)__CONST_RING_SIZE(xnif_ctrl, (pages) * XNIF_PAGE_SIZE))

/* Single-page rings, the only kind upstream Linux uses: 256, 256, 128. */
#define XNIF_TX_RING_SIZE	XNIF_TX_RING_ENTRIES(1)
#define XNIF_RX_RING_SIZE	XNIF_RX_RING_ENTRIES(1)
#define XNIF_CTRL_RING_SIZE	XNIF_CTRL_RING_ENTRIES(1)

#endif /* _XEN_NETIF_RING_H */
