// SPDX-License-Identifier: GPL-2.0-only
/*
 * Multi-page rings: what an order means in slots, which order a wanted
 * ring size needs, and strict checking of the keys that carry the order
 * and the grant references of each page (see netif.h for the keys).
 *
 * The ref keys of a ring are checked in two steps, because the caller
 * reads XenStore: first the names found in the queue's directory (no
 * page missing, nothing beyond the order, no odd spelling), then the
 * values read from the named keys (decimal grants, none given twice).
 */
#include <linux/build_bug.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/ring.h>
#include <xen-netif/xnif.h>

static_assert(XNIF_RING_MAX_PAGES == 1U << XNIF_RING_MAX_ORDER,
	      "ring order and page limit disagree");
/* Slots of the biggest rings, through an enum: static_assert() quotes
 * its expression, and the expanded ring macro is too long for sparse.
 */
enum {
	xnif_max_tx_entries = XNIF_TX_RING_ENTRIES(XNIF_RING_MAX_PAGES),
	xnif_max_rx_entries = XNIF_RX_RING_ENTRIES(XNIF_RING_MAX_PAGES),
};

/* Every id of the biggest ring must fit the u16 id fields. */
static_assert(xnif_max_tx_entries <= 0x10000 &&
	      xnif_max_rx_entries <= 0x10000,
	      "ring ids must fit in u16");

/**
 * xnif_order_tx_entries - slots of a TX ring of 2^@order pages
 * @order: 0..XNIF_RING_MAX_ORDER
 *
 * Return: the slot count, or 0 if @order is out of range.
 */
unsigned int xnif_order_tx_entries(unsigned int order)
{
	if (order > XNIF_RING_MAX_ORDER)
		return 0;
	return XNIF_TX_RING_ENTRIES(1U << order);
}
EXPORT_SYMBOL_NS_GPL(xnif_order_tx_entries, XNIF_NS);

/**
 * xnif_order_rx_entries - slots of an RX ring of 2^@order pages
 * @order: 0..XNIF_RING_MAX_ORDER
 *
 * Return: the slot count, or 0 if @order is out of range.
 */
unsigned int xnif_order_rx_entries(unsigned int order)
{
	if (order > XNIF_RING_MAX_ORDER)
		return 0;
	return XNIF_RX_RING_ENTRIES(1U << order);
}
EXPORT_SYMBOL_NS_GPL(xnif_order_rx_entries, XNIF_NS);

/**
 * xnif_ring_order_for - smallest order whose rings hold the wanted slots
 * @tx: TX slots wanted (1 or more)
 * @rx: RX slots wanted (1 or more)
 * @max_order: highest order allowed (at most XNIF_RING_MAX_ORDER)
 * @order: receives the order; untouched on error
 *
 * Return: 0, -EINVAL for a zero size or a bad @max_order, -ERANGE if even
 * @max_order is too small.
 */
int xnif_ring_order_for(unsigned int tx, unsigned int rx,
			unsigned int max_order, unsigned int *order)
{
	unsigned int o;

	if (!tx || !rx || max_order > XNIF_RING_MAX_ORDER)
		return -EINVAL;
	for (o = 0; o <= max_order; o++) {
		if (xnif_order_tx_entries(o) >= tx &&
		    xnif_order_rx_entries(o) >= rx) {
			*order = o;
			return 0;
		}
	}
	return -ERANGE;
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_order_for, XNIF_NS);

/**
 * xnif_parse_ring_order - parse "ring-page-order" or "max-ring-page-order"
 * @s: the value, strict unsigned decimal
 * @max: highest order accepted
 * @order: receives the order; untouched on error
 *
 * Return: 0, -EINVAL if malformed, -ERANGE if above @max.
 */
int xnif_parse_ring_order(const char *s, unsigned int max,
			  unsigned int *order)
{
	u32 v;
	int err;

	err = xnif_parse_u32(s, 0, max, &v);
	if (err)
		return err;
	*order = v;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xnif_parse_ring_order, XNIF_NS);

/**
 * xnif_ring_ref_key - name of one page's ref key, relative to the device
 * @buf: receives the name, NUL terminated
 * @size: bytes in @buf
 * @nr_queues: queues in use (1 or more)
 * @queue: the queue (below @nr_queues)
 * @base: "tx-ring-ref" or "rx-ring-ref"
 * @order: ring order; 0 gives @base itself, as in the one-page protocol
 * @page: page of the ring (below 2^@order)
 *
 * Return: length of the name, -EINVAL for bad arguments, -ENOSPC
 * if @buf is too small.
 */
int xnif_ring_ref_key(char *buf, size_t size, unsigned int nr_queues,
		      unsigned int queue, const char *base, unsigned int order,
		      unsigned int page)
{
	char key[32];
	int n;

	if (order > XNIF_RING_MAX_ORDER || page >= 1U << order)
		return -EINVAL;
	if (!base || !*base)
		return -EINVAL;
	if (!order)
		return xnif_queue_key(buf, size, nr_queues, queue, base);
	n = snprintf(key, sizeof(key), "%s%u", base, page);
	if (n < 0 || (size_t)n >= sizeof(key))
		return -ENOSPC;
	return xnif_queue_key(buf, size, nr_queues, queue, key);
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_ref_key, XNIF_NS);

/* If @name is @base followed by one or more digits, the page number they
 * spell (or -ERANGE if huge, -EINVAL if spelt with a leading zero);
 * -ENOENT if @name is not of that family at all (including @base alone).
 */
static int order_ref_index(const char *name, const char *base)
{
	size_t blen = strlen(base);
	const char *d;
	u32 v;
	int err;

	if (strncmp(name, base, blen))
		return -ENOENT;
	d = name + blen;
	if (*d < '0' || *d > '9')
		return -ENOENT;
	if (d[0] == '0' && d[1])
		return -EINVAL;
	err = xnif_parse_u32(d, 0, 0x7fffffff, &v);
	if (err == -EINVAL)
		return -ENOENT;	/* e.g. "tx-ring-ref1x": another key */
	if (err)
		return err;
	return v;
}

/**
 * xnif_ring_refs_names - check the ref key names of one ring of a queue
 * @base: "tx-ring-ref" or "rx-ring-ref"
 * @order: the negotiated order, 1..XNIF_RING_MAX_ORDER
 * @names: key names found in the queue's directory (any keys; the others
 *         are ignored, so is @base alone, left over from order 0)
 * @nr_names: entries in @names
 * @bad: on error, the page number (MISSING) or the index in @names
 *
 * Return: XNIF_REFS_OK when exactly @base0 .. @base<2^order - 1> exist;
 * MISSING, EXTRA (a page at or beyond 2^@order), BADNAME (a page number
 * with a leading zero, or one too big to be a page) or ARGS.
 */
enum xnif_refs_err xnif_ring_refs_names(const char *base, unsigned int order,
					const char * const *names,
					unsigned int nr_names,
					unsigned int *bad)
{
	unsigned int i, nr_pages, seen = 0;
	int page;

	*bad = 0;
	if (!base || !*base || !order || order > XNIF_RING_MAX_ORDER ||
	    (nr_names && !names))
		return XNIF_REFS_ARGS;
	nr_pages = 1U << order;

	for (i = 0; i < nr_names; i++) {
		page = order_ref_index(names[i], base);
		if (page == -ENOENT)
			continue;
		*bad = i;
		if (page < 0)
			return XNIF_REFS_BADNAME;
		if ((unsigned int)page >= nr_pages)
			return XNIF_REFS_EXTRA;
		/* A directory lists each name once. */
		seen |= 1U << page;
	}
	for (i = 0; i < nr_pages; i++) {
		if (!(seen & (1U << i))) {
			*bad = i;
			return XNIF_REFS_MISSING;
		}
	}
	return XNIF_REFS_OK;
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_refs_names, XNIF_NS);

/**
 * xnif_ring_refs_values - parse the grant references of a queue's rings
 * @vals: the values read, one per page (all rings of the queue together,
 *        so that one grant given to two rings is caught too)
 * @nr: entries in @vals and @refs (1..2 * XNIF_RING_MAX_PAGES)
 * @refs: receives the grants; undefined on error
 * @bad: on error, the index in @vals
 *
 * Return: XNIF_REFS_OK, GARBAGE (not a decimal u32), DUP (a grant given
 * for two pages) or ARGS.
 */
enum xnif_refs_err xnif_ring_refs_values(const char * const *vals,
					 unsigned int nr, u32 *refs,
					 unsigned int *bad)
{
	unsigned int i, j;

	*bad = 0;
	if (!vals || !refs || !nr || nr > 2 * XNIF_RING_MAX_PAGES)
		return XNIF_REFS_ARGS;
	for (i = 0; i < nr; i++) {
		*bad = i;
		if (!vals[i] ||
		    xnif_parse_u32(vals[i], 0, 0xFFFFFFFFU, &refs[i]))
			return XNIF_REFS_GARBAGE;
		for (j = 0; j < i; j++)
			if (refs[j] == refs[i])
				return XNIF_REFS_DUP;
	}
	return XNIF_REFS_OK;
}
EXPORT_SYMBOL_NS_GPL(xnif_ring_refs_values, XNIF_NS);

static const char * const order_refs_err_strs[XNIF_REFS_NR] = {
	[XNIF_REFS_OK]		= "ok",
	[XNIF_REFS_MISSING]	= "missing ring ref key",
	[XNIF_REFS_EXTRA]	= "ring ref key beyond the ring order",
	[XNIF_REFS_BADNAME]	= "malformed ring ref key name",
	[XNIF_REFS_GARBAGE]	= "ring ref value is not a grant number",
	[XNIF_REFS_DUP]		= "one grant given for two ring pages",
	[XNIF_REFS_ARGS]	= "bad arguments",
};

/**
 * xnif_refs_err_str - what a ring ref check refused, for a log line
 * @err: a result of xnif_ring_refs_names() or xnif_ring_refs_values()
 *
 * Return: a constant string; "unknown" for a code out of range.
 */
const char *xnif_refs_err_str(enum xnif_refs_err err)
{
	if ((unsigned int)err >= XNIF_REFS_NR)
		return "unknown";
	return order_refs_err_strs[err];
}
EXPORT_SYMBOL_NS_GPL(xnif_refs_err_str, XNIF_NS);
