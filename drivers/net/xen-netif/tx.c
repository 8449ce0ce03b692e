// SPDX-License-Identifier: GPL-2.0-only
/*
 * Backend-side validation of guest TX request chains.
 *
 * The backend copies the unconsumed requests out of the shared ring once
 * (the guest may rewrite the ring at any time) and hands the copy here.
 * Problems come in two classes: a malformed but well delimited packet is
 * dropped and answered with XNIF_RSP_ERROR; a chain that cannot be
 * delimited, or that only a hostile guest would send, is fatal.
 */
#include <linux/export.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>
#include "xnif_priv.h"

/* Extra-info types a guest may send on its TX ring. */
#define TX_EXTRAS_ALLOWED	(XNIF_EXTRA_BIT(XNIF_EXTRA_TYPE_GSO) |	     \
				 XNIF_EXTRA_BIT(XNIF_EXTRA_TYPE_MCAST_ADD) | \
				 XNIF_EXTRA_BIT(XNIF_EXTRA_TYPE_MCAST_DEL) | \
				 XNIF_EXTRA_BIT(XNIF_EXTRA_TYPE_HASH))

static const struct xnif_tx_limits tx_default_limits = {
	.max_slots = XNIF_TX_DEFAULT_MAX_SLOTS,
	.fatal_slots = XNIF_TX_DEFAULT_FATAL_SLOTS,
};

/* One validation in progress. */
struct tx_walk {
	const union xnif_tx_slot *slots;
	unsigned int avail;
	const struct xnif_tx_limits *lim;
	struct xnif_tx_pkt *pkt;
	struct xnif_walk w;
	enum xnif_tx_err drop;	/* first drop-class problem, or OK */
	u32 rest;		/* bytes in the follow-on slots */
};

/* Note a drop-class problem at @slot unless an earlier one is noted. */
static void tx_drop(struct tx_walk *t, enum xnif_tx_err err, unsigned int slot)
{
	if (t->drop != XNIF_TX_OK)
		return;
	t->drop = err;
	t->pkt->bad_slot = slot;
}

static enum xnif_tx_err tx_fatal(struct tx_walk *t, enum xnif_tx_err err,
				 unsigned int slot)
{
	t->pkt->bad_slot = slot;
	t->pkt->nr_slots = slot;
	return err;
}

static bool tx_has_mcast(const struct xnif_extras *ex)
{
	return xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_ADD) ||
	       xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_DEL);
}

/* A multicast control request is a dummy packet: one add or one delete of
 * a multicast address, and no data slots after it.
 */
static bool tx_mcast_valid(const struct tx_walk *t)
{
	const struct xnif_extras *ex = &t->pkt->extras;
	const u8 *addr;

	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_ADD) &&
	    xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_DEL))
		return false;
	if (t->pkt->flags & XNIF_TXF_MORE_DATA)
		return false;
	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_ADD))
		addr = ex->info[XNIF_EXTRA_TYPE_MCAST_ADD].u.mcast.addr;
	else
		addr = ex->info[XNIF_EXTRA_TYPE_MCAST_DEL].u.mcast.addr;
	return addr[0] & 1;
}

static enum xnif_tx_err tx_map_extra(enum xnif_extra_res res)
{
	switch (res) {
	case XNIF_EXTRA_OK:
		return XNIF_TX_OK;
	case XNIF_EXTRA_FLAGS:
		return XNIF_TX_ERR_FLAGS;
	case XNIF_EXTRA_DUP:
		return XNIF_TX_ERR_EXTRA_DUP;
	case XNIF_EXTRA_DIR:
		return XNIF_TX_ERR_EXTRA_DIR;
	case XNIF_EXTRA_INCOMPLETE:
		return XNIF_TX_ERR_INCOMPLETE;
	case XNIF_EXTRA_TYPE:
		return XNIF_TX_ERR_EXTRA_TYPE;
	case XNIF_EXTRA_COUNT:
		break;
	}
	return XNIF_TX_ERR_EXTRA_COUNT;
}

/* Walk and check the extra-info slots after the first slot. */
static enum xnif_tx_err tx_walk_extras(struct tx_walk *t)
{
	struct xnif_extras *ex = &t->pkt->extras;
	enum xnif_extra_res res;
	enum xnif_tx_err err;

	res = xnif_extras_collect(t->slots, sizeof(*t->slots), t->avail,
				  TX_EXTRAS_ALLOWED, &t->w, ex);
	err = tx_map_extra(res);
	if (xnif_tx_err_fatal(err))
		return tx_fatal(t, err, t->w.bad);
	if (err != XNIF_TX_OK)
		tx_drop(t, err, t->w.bad);

	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_GSO) &&
	    !xnif_extra_gso_valid(&ex->info[XNIF_EXTRA_TYPE_GSO]))
		return tx_fatal(t, XNIF_TX_ERR_GSO, 0);
	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_HASH) &&
	    !xnif_extra_hash_valid(&ex->info[XNIF_EXTRA_TYPE_HASH]))
		tx_drop(t, XNIF_TX_ERR_HASH, 0);
	if (tx_has_mcast(ex) && !tx_mcast_valid(t))
		tx_drop(t, XNIF_TX_ERR_MCAST, 0);
	return XNIF_TX_OK;
}

/* Check one follow-on data slot. */
static enum xnif_tx_err tx_check_follow_on(struct tx_walk *t)
{
	const struct xnif_tx_request *req = &t->slots[t->w.idx].req;
	unsigned int idx = t->w.idx;

	if ((u32)req->offset + req->size > XNIF_PAGE_SIZE)
		return tx_fatal(t, XNIF_TX_ERR_CROSS_PAGE, idx);
	if (req->flags & (~XNIF_TXF_KNOWN | XNIF_TXF_EXTRA_INFO))
		tx_drop(t, XNIF_TX_ERR_FLAGS, idx);
	if (!req->size)
		tx_drop(t, XNIF_TX_ERR_EMPTY_SLOT, idx);

	t->rest += req->size;
	if (t->rest > t->pkt->total)
		tx_drop(t, XNIF_TX_ERR_SIZE, idx);
	if (++t->pkt->nr_data > t->lim->max_slots)
		tx_drop(t, XNIF_TX_ERR_SLOTS, idx);
	return XNIF_TX_OK;
}

/* Walk the follow-on data slots; @more: the first slot has MORE_DATA. */
static enum xnif_tx_err tx_walk_data(struct tx_walk *t, bool more)
{
	enum xnif_tx_err err;

	while (more) {
		if (t->pkt->nr_data >= t->lim->fatal_slots)
			return tx_fatal(t, XNIF_TX_ERR_SLOTS_FATAL, t->w.idx);
		if (t->w.idx >= t->avail)
			return tx_fatal(t, XNIF_TX_ERR_INCOMPLETE, t->w.idx);

		err = tx_check_follow_on(t);
		if (err != XNIF_TX_OK)
			return err;
		more = t->slots[t->w.idx].req.flags & XNIF_TXF_MORE_DATA;
		t->w.idx++;
	}
	return XNIF_TX_OK;
}

/* Checks on the first slot that need the whole chain walked first. */
static enum xnif_tx_err tx_check_first(struct tx_walk *t)
{
	const struct xnif_tx_request *first = &t->slots[0].req;
	struct xnif_tx_pkt *pkt = t->pkt;

	if (first->offset > XNIF_PAGE_SIZE)
		return tx_fatal(t, XNIF_TX_ERR_CROSS_PAGE, 0);
	if (t->rest > pkt->total)
		return XNIF_TX_OK;	/* already noted as XNIF_TX_ERR_SIZE */

	pkt->first_len = pkt->total - t->rest;
	if (first->offset + pkt->first_len > XNIF_PAGE_SIZE)
		return tx_fatal(t, XNIF_TX_ERR_CROSS_PAGE, 0);
	if (pkt->total < XNIF_ETH_HLEN && !tx_has_mcast(&pkt->extras))
		tx_drop(t, XNIF_TX_ERR_RUNT, 0);
	return XNIF_TX_OK;
}

static bool tx_limits_valid(const struct xnif_tx_limits *lim)
{
	return lim->max_slots >= 1 && lim->fatal_slots >= lim->max_slots;
}

/**
 * xnif_tx_validate - check one packet's chain of guest TX requests
 * @slots: private copy of the unconsumed slots, @slots[0] being the first
 *         slot of the packet; XNIF_TX_MAX_CHAIN(fatal_slots) slots (or all
 *         unconsumed ones, if fewer) are enough
 * @avail: number of slots in @slots
 * @lim: slot limits, or NULL for the defaults (18 to drop, 20 fatal)
 * @pkt: receives what was learnt about the packet
 *
 * On XNIF_TX_OK and on drop-class errors, @pkt->nr_slots is the number of
 * slots the packet occupies (to consume and answer).  On any error,
 * @pkt->bad_slot is the index of the slot where the first problem was
 * found (0 for problems with the packet as a whole).
 *
 * Return: XNIF_TX_OK or the first problem found; see xnif_tx_err_fatal().
 */
enum xnif_tx_err xnif_tx_validate(const union xnif_tx_slot *slots,
				  unsigned int avail,
				  const struct xnif_tx_limits *lim,
				  struct xnif_tx_pkt *pkt)
{
	struct tx_walk t = {
		.slots = slots, .avail = avail, .pkt = pkt,
		.lim = lim ? lim : &tx_default_limits,
		.w = { .idx = 1 },
	};
	enum xnif_tx_err err;

	memset(pkt, 0, sizeof(*pkt));
	if (!tx_limits_valid(t.lim))
		return XNIF_TX_ERR_LIMITS;
	if (!avail)
		return XNIF_TX_ERR_INCOMPLETE;

	pkt->total = slots[0].req.size;
	pkt->flags = slots[0].req.flags;
	pkt->nr_data = 1;
	if (pkt->flags & ~XNIF_TXF_KNOWN)
		tx_drop(&t, XNIF_TX_ERR_FLAGS, 0);

	if (pkt->flags & XNIF_TXF_EXTRA_INFO) {
		err = tx_walk_extras(&t);
		if (err != XNIF_TX_OK)
			return err;
	}
	err = tx_walk_data(&t, pkt->flags & XNIF_TXF_MORE_DATA);
	if (err == XNIF_TX_OK)
		err = tx_check_first(&t);
	if (err != XNIF_TX_OK)
		return err;

	pkt->nr_slots = t.w.idx;
	return t.drop;
}
EXPORT_SYMBOL_NS_GPL(xnif_tx_validate, XNIF_NS);

static const struct {
	const char *msg;
	bool fatal;
} tx_errs[XNIF_TX_ERR_NR] = {
	[XNIF_TX_OK] = { "no error", false },
	[XNIF_TX_ERR_FLAGS] = {
		"unknown or misplaced flag in a TX request", false },
	[XNIF_TX_ERR_RUNT] = {
		"packet shorter than an Ethernet header", false },
	[XNIF_TX_ERR_SIZE] = {
		"follow-on slots exceed the packet size (frame >= 64 KiB?)",
		false },
	[XNIF_TX_ERR_EMPTY_SLOT] = {
		"follow-on TX slot with size 0", false },
	[XNIF_TX_ERR_SLOTS] = {
		"packet uses more slots than the backend accepts", false },
	[XNIF_TX_ERR_EXTRA_DUP] = {
		"same extra-info type given twice in one packet", false },
	[XNIF_TX_ERR_EXTRA_DIR] = {
		"extra-info type not valid on the TX ring", false },
	[XNIF_TX_ERR_HASH] = {
		"hash extra-info with unknown hash type or algorithm", false },
	[XNIF_TX_ERR_MCAST] = {
		"malformed multicast control request", false },
	[XNIF_TX_ERR_INCOMPLETE] = {
		"request chain runs past the requests the guest posted", true },
	[XNIF_TX_ERR_SLOTS_FATAL] = {
		"packet uses far too many slots: guest malicious or broken",
		true },
	[XNIF_TX_ERR_CROSS_PAGE] = {
		"TX request offset + size runs past the end of its page",
		true },
	[XNIF_TX_ERR_EXTRA_TYPE] = {
		"extra-info slot with no type or an unknown type", true },
	[XNIF_TX_ERR_EXTRA_COUNT] = {
		"extra-info chain longer than the number of extra types",
		true },
	[XNIF_TX_ERR_GSO] = {
		"GSO extra-info with segment size 0 or unknown GSO type",
		true },
	[XNIF_TX_ERR_LIMITS] = {
		"invalid TX slot limits passed by the driver", true },
};

/**
 * xnif_tx_err_fatal - must the backend disable the vif for @err?
 * @err: a result of xnif_tx_validate()
 *
 * Return: true for fatal errors and for values outside the enum.
 */
bool xnif_tx_err_fatal(enum xnif_tx_err err)
{
	if ((unsigned int)err >= XNIF_TX_ERR_NR)
		return true;
	return tx_errs[err].fatal;
}
EXPORT_SYMBOL_NS_GPL(xnif_tx_err_fatal, XNIF_NS);

/**
 * xnif_tx_err_str - one-line description of @err for the driver's log
 * @err: a result of xnif_tx_validate()
 *
 * Return: a static string, never NULL.
 */
const char *xnif_tx_err_str(enum xnif_tx_err err)
{
	if ((unsigned int)err >= XNIF_TX_ERR_NR)
		return "unknown TX validation error";
	return tx_errs[err].msg;
}
EXPORT_SYMBOL_NS_GPL(xnif_tx_err_str, XNIF_NS);
