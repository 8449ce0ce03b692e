// SPDX-License-Identifier: GPL-2.0-only
/*
 * Frontend-side validation of what the backend writes: RX response chains
 * and TX responses.  A frontend that does not trust its backend copies the
 * responses out of the shared ring once and checks the copy here.
 */
#include <linux/export.h>
#include <linux/string.h>
#include <linux/types.h>

#include <xen-netif/compat.h>
#include <xen-netif/xnif.h>
#include "xnif_priv.h"

/* Extra-info types a backend may send on the RX ring. */
#define RX_EXTRAS_ALLOWED	(XNIF_EXTRA_BIT(XNIF_EXTRA_TYPE_GSO) |	\
				 XNIF_EXTRA_BIT(XNIF_EXTRA_TYPE_HASH) |	\
				 XNIF_EXTRA_BIT(XNIF_EXTRA_TYPE_XDP))

/* One validation in progress. */
struct rx_walk {
	const union xnif_rx_slot *slots;
	unsigned int avail;
	const struct xnif_rx_ctx *ctx;
	struct xnif_rx_pkt *pkt;
	struct xnif_walk w;
	enum xnif_rx_err drop;	/* first drop-class problem, or OK */
};

static void rx_drop(struct rx_walk *r, enum xnif_rx_err err, unsigned int slot)
{
	if (r->drop != XNIF_RX_OK)
		return;
	r->drop = err;
	r->pkt->bad_slot = slot;
}

static enum xnif_rx_err rx_fatal(struct rx_walk *r, enum xnif_rx_err err,
				 unsigned int slot)
{
	r->pkt->bad_slot = slot;
	r->pkt->nr_slots = slot;
	return err;
}

/* Check the id, status and extent of the data slot at @idx. */
static enum xnif_rx_err rx_check_data(struct rx_walk *r, unsigned int idx)
{
	const struct xnif_rx_response *rsp = &r->slots[idx].rsp;
	const struct xnif_rx_ctx *ctx = r->ctx;

	if (rsp->id >= ctx->ring_size ||
	    (ctx->id_is_slot &&
	     rsp->id != xnif_ring_slot(ctx->cons + idx, ctx->ring_size)))
		return rx_fatal(r, XNIF_RX_ERR_ID, idx);

	if (rsp->status < 0) {
		if (rsp->status != XNIF_RSP_ERROR &&
		    rsp->status != XNIF_RSP_DROPPED)
			return rx_fatal(r, XNIF_RX_ERR_BAD_STATUS, idx);
		rx_drop(r, XNIF_RX_ERR_STATUS, idx);
		return XNIF_RX_OK;
	}
	if ((u32)rsp->offset + rsp->status > XNIF_PAGE_SIZE)
		rx_drop(r, XNIF_RX_ERR_CROSS_PAGE, idx);
	r->pkt->total += rsp->status;
	return XNIF_RX_OK;
}

static enum xnif_rx_err rx_map_extra(enum xnif_extra_res res)
{
	switch (res) {
	case XNIF_EXTRA_OK:
		return XNIF_RX_OK;
	case XNIF_EXTRA_FLAGS:
		return XNIF_RX_ERR_FLAGS;
	case XNIF_EXTRA_DUP:
		return XNIF_RX_ERR_EXTRA_DUP;
	case XNIF_EXTRA_DIR:
		return XNIF_RX_ERR_EXTRA_DIR;
	case XNIF_EXTRA_INCOMPLETE:
		return XNIF_RX_ERR_INCOMPLETE;
	case XNIF_EXTRA_TYPE:
		return XNIF_RX_ERR_EXTRA_TYPE;
	case XNIF_EXTRA_COUNT:
		break;
	}
	return XNIF_RX_ERR_EXTRA_COUNT;
}

/* Check the contents of the extras that were collected. */
static void rx_check_extras(struct rx_walk *r)
{
	const struct xnif_extras *ex = &r->pkt->extras;

	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_GSO) &&
	    !xnif_extra_gso_valid(&ex->info[XNIF_EXTRA_TYPE_GSO]))
		rx_drop(r, XNIF_RX_ERR_GSO, 0);
	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_HASH) &&
	    !xnif_extra_hash_valid(&ex->info[XNIF_EXTRA_TYPE_HASH]))
		rx_drop(r, XNIF_RX_ERR_HASH, 0);
	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_XDP) &&
	    ex->info[XNIF_EXTRA_TYPE_XDP].u.xdp.headroom >
	    XNIF_MAX_XDP_HEADROOM)
		rx_drop(r, XNIF_RX_ERR_XDP, 0);
}

static enum xnif_rx_err rx_walk_extras(struct rx_walk *r)
{
	enum xnif_extra_res res;
	enum xnif_rx_err err;

	res = xnif_extras_collect(r->slots, sizeof(*r->slots), r->avail,
				  RX_EXTRAS_ALLOWED, &r->w, &r->pkt->extras);
	err = rx_map_extra(res);
	if (xnif_rx_err_fatal(err))
		return rx_fatal(r, err, r->w.bad);
	if (err != XNIF_RX_OK)
		rx_drop(r, err, r->w.bad);
	rx_check_extras(r);
	return XNIF_RX_OK;
}

/* Walk the follow-on data slots; @more: the first slot has MORE_DATA. */
static enum xnif_rx_err rx_walk_data(struct rx_walk *r, bool more)
{
	const struct xnif_rx_response *rsp;
	enum xnif_rx_err err;

	while (more) {
		if (r->w.idx >= r->avail && r->ctx->truncated) {
			/* more made than copied: too long, not incomplete */
			rx_drop(r, XNIF_RX_ERR_TOO_LONG, r->avail - 1);
			r->pkt->more = true;
			return XNIF_RX_OK;
		}
		if (r->w.idx >= r->avail)
			return rx_fatal(r, XNIF_RX_ERR_INCOMPLETE, r->w.idx);
		err = rx_check_data(r, r->w.idx);
		if (err != XNIF_RX_OK)
			return err;

		rsp = &r->slots[r->w.idx].rsp;
		if (rsp->flags & (~XNIF_RXF_KNOWN | XNIF_RXF_EXTRA_INFO |
				  XNIF_RXF_GSO_PREFIX))
			rx_drop(r, XNIF_RX_ERR_FLAGS, r->w.idx);
		if (++r->pkt->nr_data > r->ctx->max_slots)
			rx_drop(r, XNIF_RX_ERR_SLOTS, r->w.idx);
		more = rsp->flags & XNIF_RXF_MORE_DATA;
		r->w.idx++;
	}
	return XNIF_RX_OK;
}

/* The rest of a chain already dropped as too long: data slots only, each
 * checked like any follow-on slot (a wrong id or status is still fatal),
 * and the whole of it dropped.
 */
static enum xnif_rx_err rx_validate_tail(struct rx_walk *r)
{
	enum xnif_rx_err err;

	rx_drop(r, XNIF_RX_ERR_TOO_LONG, 0);
	r->w.idx = 0;
	err = rx_walk_data(r, true);
	if (err != XNIF_RX_OK)
		return err;
	r->pkt->nr_slots = r->w.idx;
	return r->drop;
}

static bool rx_ctx_valid(const struct xnif_rx_ctx *ctx)
{
	return ctx && xnif_ring_size_valid(ctx->ring_size) &&
	       ctx->max_slots >= 1;
}

/**
 * xnif_rx_validate - check one packet's chain of RX responses
 * @slots: private copy of the unconsumed responses, @slots[0] being the
 *         first slot of the packet
 * @avail: number of slots in @slots
 * @ctx: ring position of @slots[0] and the limits to apply
 * @pkt: receives what was learnt about the packet
 *
 * On XNIF_RX_OK and on drop-class errors, @pkt->nr_slots is the number of
 * slots the packet occupies (to consume and recycle).  A chain that runs
 * past @avail while @ctx->truncated says the backend made more responses
 * is dropped as XNIF_RX_ERR_TOO_LONG (or XNIF_RX_ERR_SLOTS) with
 * @pkt->more set: consume @pkt->nr_slots, then validate what follows with
 * @ctx->cont until @pkt->more is clear.  On any error,
 * @pkt->bad_slot is the index of the slot where the first problem was
 * found (0 for problems with the packet as a whole).
 *
 * Return: XNIF_RX_OK or the first problem found; see xnif_rx_err_fatal().
 */
enum xnif_rx_err xnif_rx_validate(const union xnif_rx_slot *slots,
				  unsigned int avail,
				  const struct xnif_rx_ctx *ctx,
				  struct xnif_rx_pkt *pkt)
{
	struct rx_walk r = {
		.slots = slots, .avail = avail, .ctx = ctx, .pkt = pkt,
		.w = { .idx = 1 },
	};
	enum xnif_rx_err err;

	memset(pkt, 0, sizeof(*pkt));
	if (!rx_ctx_valid(ctx))
		return XNIF_RX_ERR_ARGS;
	if (!avail)
		return XNIF_RX_ERR_INCOMPLETE;

	if (ctx->cont)
		return rx_validate_tail(&r);

	pkt->flags = slots[0].rsp.flags;
	pkt->nr_data = 1;
	err = rx_check_data(&r, 0);
	if (err != XNIF_RX_OK)
		return err;
	if (pkt->flags & (~XNIF_RXF_KNOWN | XNIF_RXF_GSO_PREFIX))
		rx_drop(&r, XNIF_RX_ERR_FLAGS, 0);

	if (pkt->flags & XNIF_RXF_EXTRA_INFO) {
		err = rx_walk_extras(&r);
		if (err != XNIF_RX_OK)
			return err;
	}
	err = rx_walk_data(&r, pkt->flags & XNIF_RXF_MORE_DATA);
	if (err != XNIF_RX_OK)
		return err;

	if (pkt->total < XNIF_ETH_HLEN)
		rx_drop(&r, XNIF_RX_ERR_RUNT, 0);
	pkt->nr_slots = r.w.idx;
	return r.drop;
}
EXPORT_SYMBOL_NS_GPL(xnif_rx_validate, XNIF_NS);

static const struct {
	const char *msg;
	bool fatal;
} rx_errs[XNIF_RX_ERR_NR] = {
	[XNIF_RX_OK] = { "no error", false },
	[XNIF_RX_ERR_STATUS] = {
		"backend reported an error for the packet", false },
	[XNIF_RX_ERR_CROSS_PAGE] = {
		"RX response offset + length runs past the end of the page",
		false },
	[XNIF_RX_ERR_FLAGS] = {
		"unknown or misplaced flag in an RX response", false },
	[XNIF_RX_ERR_RUNT] = {
		"packet shorter than an Ethernet header", false },
	[XNIF_RX_ERR_SLOTS] = {
		"packet uses more slots than the frontend accepts", false },
	[XNIF_RX_ERR_EXTRA_DUP] = {
		"same extra-info type given twice in one packet", false },
	[XNIF_RX_ERR_EXTRA_DIR] = {
		"extra-info type not valid on the RX ring", false },
	[XNIF_RX_ERR_GSO] = {
		"GSO extra-info with segment size 0 or unknown GSO type",
		false },
	[XNIF_RX_ERR_HASH] = {
		"hash extra-info with unknown hash type or algorithm", false },
	[XNIF_RX_ERR_XDP] = {
		"XDP extra-info headroom above the protocol maximum", false },
	[XNIF_RX_ERR_TOO_LONG] = {
		"response chain longer than any packet the frontend takes",
		false },
	[XNIF_RX_ERR_INCOMPLETE] = {
		"response chain runs past the responses the backend made",
		true },
	[XNIF_RX_ERR_ID] = {
		"RX response id out of range or not matching its ring slot",
		true },
	[XNIF_RX_ERR_BAD_STATUS] = {
		"RX response with an unknown negative status", true },
	[XNIF_RX_ERR_EXTRA_TYPE] = {
		"extra-info slot with no type or an unknown type", true },
	[XNIF_RX_ERR_EXTRA_COUNT] = {
		"extra-info chain longer than the number of extra types",
		true },
	[XNIF_RX_ERR_ARGS] = {
		"invalid RX ring context passed by the driver", true },
};

/**
 * xnif_rx_err_fatal - must the frontend stop using the device for @err?
 * @err: a result of xnif_rx_validate()
 *
 * Return: true for fatal errors and for values outside the enum.
 */
bool xnif_rx_err_fatal(enum xnif_rx_err err)
{
	if ((unsigned int)err >= XNIF_RX_ERR_NR)
		return true;
	return rx_errs[err].fatal;
}
EXPORT_SYMBOL_NS_GPL(xnif_rx_err_fatal, XNIF_NS);

/**
 * xnif_rx_err_str - one-line description of @err for the driver's log
 * @err: a result of xnif_rx_validate()
 *
 * Return: a static string, never NULL.
 */
const char *xnif_rx_err_str(enum xnif_rx_err err)
{
	if ((unsigned int)err >= XNIF_RX_ERR_NR)
		return "unknown RX validation error";
	return rx_errs[err].msg;
}
EXPORT_SYMBOL_NS_GPL(xnif_rx_err_str, XNIF_NS);

/**
 * xnif_tx_rsp_check - check one TX response before using its id
 * @rsp: private copy of the response
 * @nr_ids: number of TX request ids the frontend hands out
 *
 * Extra-info slots are answered with XNIF_RSP_NULL and no meaningful id;
 * skip them.  Any other status must be a known one, with an id that the
 * frontend could have used.  (Whether that id is actually in flight is
 * the driver's own state to check.)
 *
 * Return: XNIF_TXRSP_OK, XNIF_TXRSP_SKIP, or an error (both fatal).
 */
enum xnif_txrsp xnif_tx_rsp_check(const struct xnif_tx_response *rsp,
				  unsigned int nr_ids)
{
	switch (rsp->status) {
	case XNIF_RSP_NULL:
		return XNIF_TXRSP_SKIP;
	case XNIF_RSP_OKAY:
	case XNIF_RSP_ERROR:
	case XNIF_RSP_DROPPED:
		break;
	default:
		return XNIF_TXRSP_ERR_STATUS;
	}
	if (rsp->id >= nr_ids)
		return XNIF_TXRSP_ERR_ID;
	return XNIF_TXRSP_OK;
}
EXPORT_SYMBOL_NS_GPL(xnif_tx_rsp_check, XNIF_NS);

static const char * const txrsp_strs[XNIF_TXRSP_NR] = {
	[XNIF_TXRSP_OK] = "no error",
	[XNIF_TXRSP_SKIP] = "null response to an extra-info slot",
	[XNIF_TXRSP_ERR_ID] = "TX response id out of range",
	[XNIF_TXRSP_ERR_STATUS] = "TX response with an unknown status",
};

/**
 * xnif_txrsp_str - one-line description of a xnif_tx_rsp_check() result
 * @res: the result
 *
 * Return: a static string, never NULL.
 */
const char *xnif_txrsp_str(enum xnif_txrsp res)
{
	if ((unsigned int)res >= XNIF_TXRSP_NR)
		return "unknown TX response verdict";
	return txrsp_strs[res];
}
EXPORT_SYMBOL_NS_GPL(xnif_txrsp_str, XNIF_NS);
