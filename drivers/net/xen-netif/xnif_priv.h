/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by tx.c and rx.c only; not part of the drivers' API.
 */
#ifndef _XEN_NETIF_XNIF_PRIV_H
#define _XEN_NETIF_XNIF_PRIV_H

#include <linux/types.h>

#include <xen-netif/xnif.h>

/* Outcome of walking an extra-info chain. */
enum xnif_extra_res {
	XNIF_EXTRA_OK = 0,
	XNIF_EXTRA_FLAGS,	/* drop: unknown flag bit */
	XNIF_EXTRA_DUP,		/* drop: a type given twice */
	XNIF_EXTRA_DIR,		/* drop: type not allowed on this ring */
	XNIF_EXTRA_INCOMPLETE,	/* fatal: chain runs past @avail */
	XNIF_EXTRA_TYPE,	/* fatal: type 0 or unknown */
	XNIF_EXTRA_COUNT,	/* fatal: more slots than there are types */
};

/* Bit for extra type @t in struct xnif_extras.mask and "allowed" masks. */
#define XNIF_EXTRA_BIT(t)	(1U << (t))

/* Where a chain walk is, and the first drop-class problem it met. */
struct xnif_walk {
	unsigned int idx;	/* next slot to read */
	unsigned int bad;	/* slot of the result being returned */
};

enum xnif_extra_res xnif_extras_collect(const void *ring, size_t stride,
					unsigned int avail, u32 allowed,
					struct xnif_walk *w,
					struct xnif_extras *ex);
bool xnif_extra_gso_valid(const struct xnif_extra_info *e);
bool xnif_extra_hash_valid(const struct xnif_extra_info *e);

#endif /* _XEN_NETIF_XNIF_PRIV_H */
