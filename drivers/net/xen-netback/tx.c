// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: guest TX. A NAPI poll per queue copies each request chain
 * out of the shared ring once, validates the copy, grant-copies the data
 * into a fresh skb (in batches), answers the guest and passes the skb up
 * the stack.
 */
#include "common.h"

#include <linux/etherdevice.h>
#include <linux/mm.h>
#include <xen/events.h>
#include <xen/page.h>

/* The bound of XNB_TX_PKT_OPS holds, and a batch takes a whole packet. */
static_assert(XNB_TX_HLEN <= XEN_PAGE_SIZE,
	      "the linear area spans two frames at most");
static_assert(XNB_TX_PIECES <= XNIF_TX_COPY_MAX_PIECES,
	      "the pieces fit the planner");
static_assert(XNB_TX_PKT_OPS <= XNB_TX_OPS,
	      "one packet's copies fit an empty batch");

/* Slots a guest TX packet may take (more are dropped) and past which it
 * is fatal to the vif (fatal_skb_slots, read once at load).
 */
static struct xnif_tx_limits xnb_tx_limits __ro_after_init = {
	.max_slots = XNIF_NR_SLOTS_MIN,
	.fatal_slots = XNB_TX_FATAL_SLOTS,
};

void __init xnb_tx_init_limits(void)
{
	xnb_tx_limits.fatal_slots = xnb_fatal_skb_slots;
}

/* Answer every slot of one packet: data slots by id, extras with NULL. */
static void xnb_tx_respond(struct xnb_queue *q, const union xnif_tx_slot *s,
			   const struct xnif_tx_pkt *pkt, s16 status)
{
	unsigned int i, first_data = 1 + pkt->extras.count;

	for (i = 0; i < pkt->nr_slots; i++) {
		struct xnif_tx_response *rsp;

		rsp = RING_GET_RESPONSE(&q->tx, q->tx.rsp_prod_pvt);
		if (i == 0 || i >= first_data) {
			rsp->id = s[i].req.id;
			rsp->status = status;
		} else {
			rsp->id = 0;
			rsp->status = XNIF_RSP_NULL;
		}
		q->tx.rsp_prod_pvt++;
	}
}

/* Publish the responses; true if the frontend had to be notified. */
static bool xnb_tx_push(struct xnb_queue *q)
{
	int notify;

	RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&q->tx, notify);
	if (notify)
		notify_remote_via_irq(q->tx_irq);
	return notify;
}

/* Copy the next @n slots out of the shared ring, once. */
static void xnb_tx_copy_slots(struct xnb_queue *q, unsigned int n)
{
	unsigned int i;

	/* Everything after works on the copy only. */
	for (i = 0; i < n; i++)
		RING_COPY_REQUEST(&q->tx, q->tx.req_cons + i, &q->tx_slots[i]);
}

/* The validated packet's data slots as copy sources, extras skipped. */
static unsigned int xnb_tx_sources(struct xnb_queue *q,
				   const struct xnb_tx_pending *p)
{
	const struct xnif_tx_pkt *pkt = &p->pkt;
	unsigned int si = 0, n = 0;

	while (si < pkt->nr_slots && n < ARRAY_SIZE(q->tx_src)) {
		const struct xnif_tx_request *r = &p->slots[si].req;

		q->tx_src[n].offset = r->offset;
		q->tx_src[n++].len = si ? r->size : pkt->first_len;
		si += si ? 1 : 1 + pkt->extras.count;
	}
	return n;
}

/* The skb's linear area and frags as pieces, each from its first page. */
static unsigned int xnb_tx_pieces(struct xnb_queue *q, struct sk_buff *skb)
{
	unsigned int i, nr = skb_shinfo(skb)->nr_frags + 1;

	q->tx_dst_pages[0] = virt_to_page(skb->data);
	q->tx_dst[0].offset = offset_in_page(skb->data);
	q->tx_dst[0].len = skb_headlen(skb);
	for (i = 1; i < nr; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i - 1];

		q->tx_dst_pages[i] = skb_frag_page(f);
		q->tx_dst[i].offset = skb_frag_off(f);
		q->tx_dst[i].len = skb_frag_size(f);
	}
	return nr;
}

/* Build the skb the packet is copied into: linear head, then pages. */
static struct sk_buff *xnb_tx_alloc_skb(struct xnb_queue *q, u32 total)
{
	unsigned int hlen = min_t(u32, total, XNB_TX_HLEN);
	u32 rest = total - hlen;
	struct sk_buff *skb;
	unsigned int i = 0;

	skb = napi_alloc_skb(&q->napi, hlen);
	if (!skb)
		return NULL;
	skb_put(skb, hlen);

	while (rest) {
		unsigned int len = min_t(u32, rest, PAGE_SIZE);
		struct page *page;

		if (i >= MAX_SKB_FRAGS)
			goto out_free;
		page = alloc_page(GFP_ATOMIC);
		if (!page)
			goto out_free;
		skb_add_rx_frag(skb, i++, page, 0, len, PAGE_SIZE);
		rest -= len;
	}
	return skb;

out_free:
	kfree_skb(skb);
	return NULL;
}

/* Where in the skb operation @op writes. */
static struct page *xnb_tx_op_page(const struct xnb_queue *q,
				   const struct xnif_tx_copy_op *op)
{
	return nth_page(q->tx_dst_pages[op->piece], op->dst >> PAGE_SHIFT);
}

static void xnb_tx_add_op(struct xnb_queue *q, const struct xnif_tx_request *r,
			  const struct xnif_tx_copy_op *op)
{
	struct gnttab_copy *gop = &q->tx_ops[q->tx_nr_ops++];

	gop->source.u.ref = r->gref;
	gop->source.domid = q->vif->domid;
	gop->source.offset = op->src;
	gop->dest.u.gmfn = xen_page_to_gfn(xnb_tx_op_page(q, op));
	gop->dest.domid = DOMID_SELF;
	gop->dest.offset = op->dst & ~PAGE_MASK;
	gop->len = op->len;
	gop->flags = GNTCOPY_source_gref;
}

/* Staging grants: memcpy @op's bytes from the first id's buffer. */
static void xnb_tx_stage(struct xnb_queue *q, const struct xnb_tx_pending *p,
			 const struct xnif_tx_copy_op *op)
{
	/* xnb_tx_one() checked the id against the list */
	const u8 *src = q->stg_tx.addr[p->slots[0].req.id];

	memcpy(page_address(xnb_tx_op_page(q, op)) + (op->dst & ~PAGE_MASK),
	       src + op->src, op->len);
}

/* Gref mapping: memcpy @op's bytes from @r's grant if the queue maps it.
 * Return: false if it does not (the caller grant-copies).
 */
static bool xnb_tx_mapped(struct xnb_queue *q, const struct xnif_tx_request *r,
			  const struct xnif_tx_copy_op *op)
{
	void *dst = page_address(xnb_tx_op_page(q, op)) +
		    (op->dst & ~PAGE_MASK);

	return xnb_gref_copy(q, r->gref, op->src, dst, op->len, false);
}

/* Plan the copies moving a validated packet's data into @p->skb
 * (xnif_tx_copy_plan(): at most XNB_TX_PKT_OPS), memcpy the staged bytes
 * and those in grants the queue maps, and queue grant copies for the
 * rest.  Return: 0 or the planner's error.
 */
static int xnb_tx_build_ops(struct xnb_queue *q, struct xnb_tx_pending *p)
{
	unsigned int nr_src, nr_dst, i;
	int err;

	nr_src = xnb_tx_sources(q, p);
	nr_dst = xnb_tx_pieces(q, p->skb);
	err = xnif_tx_copy_plan(q->tx_src, nr_src, q->tx_dst, nr_dst,
				q->stg_tx.len, q->tx_plan, XNB_TX_PKT_OPS,
				&q->tx_cost);
	if (err)
		return err;
	p->first_op = q->tx_nr_ops;
	for (i = 0; i < q->tx_cost.nr_ops; i++) {
		const struct xnif_tx_copy_op *op = &q->tx_plan[i];
		/* data slot k > 0 follows the first slot and its extras */
		unsigned int si = op->slot ? op->slot + p->pkt.extras.count : 0;

		if (op->staged)
			xnb_tx_stage(q, p, op);
		else if (!xnb_tx_mapped(q, &p->slots[si].req, op))
			xnb_tx_add_op(q, &p->slots[si].req, op);
	}
	if (q->stg_tx.len)
		xnb_stg_count(&q->stats->stg_tx, q->tx_cost.staged);
	p->nr_ops = q->tx_nr_ops - p->first_op;
	return 0;
}

/* Checksum and GSO state from the request flags and the GSO extra. */
static int xnb_tx_set_offloads(struct sk_buff *skb,
			       const struct xnif_tx_pkt *pkt)
{
	const struct xnif_extra_info *gso;
	bool recalc = false;

	if (pkt->flags & XNIF_TXF_CSUM_BLANK)
		skb->ip_summed = CHECKSUM_PARTIAL;
	else if (pkt->flags & XNIF_TXF_DATA_VALIDATED)
		skb->ip_summed = CHECKSUM_UNNECESSARY;

	/* Validation accepted only a known type and a non-zero size. */
	if (xnif_extras_has(&pkt->extras, XNIF_EXTRA_TYPE_GSO)) {
		gso = &pkt->extras.info[XNIF_EXTRA_TYPE_GSO];
		skb_shinfo(skb)->gso_size = gso->u.gso.size;
		skb_shinfo(skb)->gso_type = SKB_GSO_DODGY |
			(gso->u.gso.type == XNIF_GSO_TYPE_TCPV4 ?
			 SKB_GSO_TCPV4 : SKB_GSO_TCPV6);
		skb_shinfo(skb)->gso_segs = 0;
	}

	if (skb_is_gso(skb) && skb->ip_summed != CHECKSUM_PARTIAL) {
		skb->ip_summed = CHECKSUM_PARTIAL;
		recalc = true;
	}
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	return skb_checksum_setup(skb, recalc);
}

/* Finish one copied packet: answer the guest, hand the skb up. */
static void xnb_tx_complete(struct xnb_queue *q, struct xnb_tx_pending *p)
{
	const struct xnif_tx_pkt *pkt = &p->pkt;
	struct net_device *dev = q->vif->dev;
	struct sk_buff *skb = p->skb;
	unsigned int len = skb->len;

	if (!xnb_copy_ops_ok(&q->tx_ops[p->first_op], p->nr_ops)) {
		net_dbg_ratelimited("%s: grant copy of a TX packet failed\n",
				    q->name);
		xnb_tx_respond(q, p->slots, pkt, XNIF_RSP_ERROR);
		xnb_stats_count(&q->stats->guest_tx, 0, 0, 0, 1);
		kfree_skb(skb);
		return;
	}
	xnb_tx_respond(q, p->slots, pkt, XNIF_RSP_OKAY);

	skb->dev = dev;
	skb->protocol = eth_type_trans(skb, dev);
	skb_reset_network_header(skb);
	if (xnb_tx_set_offloads(skb, pkt)) {
		net_dbg_ratelimited("%s: bad checksum offload request\n",
				    q->name);
		xnb_stats_count(&q->stats->guest_tx, 0, 0, 0, 1);
		kfree_skb(skb);
		return;
	}
	skb_probe_transport_header(skb);
	xnb_stats_count(&q->stats->guest_tx, 1, len, 0, 0);
	netif_receive_skb(skb);
}

/* Run the queued copy ops and finish every pending packet. */
static void xnb_tx_flush(struct xnb_queue *q)
{
	unsigned int i, ops = q->tx_nr_ops;

	if (ops)
		gnttab_batch_copy(q->tx_ops, ops);

	for (i = 0; i < q->tx_nr_pending; i++) {
		struct xnb_tx_pending *p = &q->tx_pending[i];

		xnb_tx_complete(q, p);
		p->skb = NULL;
	}
	q->tx_nr_ops = 0;
	q->tx_nr_pending = 0;
	xnb_op_count(&q->stats->op_tx, ops, ops ? 1 : 0, xnb_tx_push(q));
}

/* Queue one validated packet for copying; false if out of memory. */
static bool xnb_tx_queue_pkt(struct xnb_queue *q,
			     const struct xnif_tx_pkt *pkt)
{
	struct xnb_tx_pending *p;
	struct sk_buff *skb;

	if (q->tx_nr_pending == XNB_TX_BATCH ||
	    q->tx_nr_ops + XNB_TX_PKT_OPS > XNB_TX_OPS)
		xnb_tx_flush(q);

	skb = xnb_tx_alloc_skb(q, pkt->total);
	if (!skb)
		return false;

	p = &q->tx_pending[q->tx_nr_pending];
	p->skb = skb;
	p->pkt = *pkt;
	memcpy(p->slots, q->tx_slots, pkt->nr_slots * sizeof(p->slots[0]));
	if (xnb_tx_build_ops(q, p)) {
		net_err_ratelimited("%s: no copy plan for a valid TX packet\n",
				    q->name);
		p->skb = NULL;
		kfree_skb(skb);
		return false;
	}
	q->tx_nr_pending++;
	return true;
}

/* The credit window ended: let the NAPI poll send again. */
void xnb_tx_credit_timer(struct timer_list *t)
{
	struct xnb_queue *q = from_timer(q, t, credit_timer);

	napi_schedule(&q->napi);
}

/* Start a fresh window with a full burst of credit. */
void xnb_tx_credit_reset(struct xnb_queue *q)
{
	q->credit_window = jiffies;
	q->credit_left = max_t(u64, READ_ONCE(q->vif->credit_bytes),
			       XNB_CREDIT_BURST_MIN);
}

/* Add one interval's credit, banking at most a burst. */
static void xnb_tx_credit_refill(struct xnb_queue *q, u64 bytes)
{
	u64 burst = max_t(u64, bytes, XNB_CREDIT_BURST_MIN);

	if (q->credit_left >= burst || bytes >= burst - q->credit_left)
		q->credit_left = burst;
	else
		q->credit_left += bytes;
	q->credit_window = jiffies;
}

/* May a packet of @size bytes go now under the "rate" key? If not, the
 * credit timer restarts the poll when the current window ends.
 */
static bool xnb_tx_credit_ok(struct xnb_queue *q, u32 size)
{
	u64 bytes = READ_ONCE(q->vif->credit_bytes);
	unsigned long next;

	if (!bytes)
		return true;
	if (timer_pending(&q->credit_timer))
		return false;

	next = q->credit_window +
	       usecs_to_jiffies(READ_ONCE(q->vif->credit_usec));
	if (time_after_eq(jiffies, next)) {
		xnb_tx_credit_refill(q, bytes);
		next = q->credit_window +
		       usecs_to_jiffies(READ_ONCE(q->vif->credit_usec));
	}
	if (size <= q->credit_left) {
		q->credit_left -= size;
		return true;
	}
	mod_timer(&q->credit_timer, next);
	return false;
}

/* A multicast control request (validation allowed only one of ADD/DEL).
 * Like the stock backend: a full list answers ERROR, a DEL always OKAY.
 */
static s16 xnb_tx_mcast(struct xnb_queue *q, const struct xnif_tx_pkt *pkt)
{
	const struct xnif_extras *ex = &pkt->extras;

	if (xnif_extras_has(ex, XNIF_EXTRA_TYPE_MCAST_ADD))
		return xnb_mcast_add(q->vif,
				     ex->info[XNIF_EXTRA_TYPE_MCAST_ADD].u.mcast.addr) ?
		       XNIF_RSP_ERROR : XNIF_RSP_OKAY;
	xnb_mcast_del(q->vif, ex->info[XNIF_EXTRA_TYPE_MCAST_DEL].u.mcast.addr);
	return XNIF_RSP_OKAY;
}

/* Take one packet off the ring. Return: false to stop polling. */
static bool xnb_tx_one(struct xnb_queue *q, unsigned int avail)
{
	unsigned int n = min_t(unsigned int, avail, XNB_TX_CHAIN_MAX);
	struct xnif_tx_pkt pkt;
	enum xnif_tx_err err;

	xnb_tx_copy_slots(q, n);
	err = xnif_tx_validate(q->tx_slots, n, &xnb_tx_limits, &pkt);
	if (xnif_tx_err_fatal(err)) {
		xnb_vif_fatal(q, xnif_tx_err_str(err));
		return false;
	}
	if (err != XNIF_TX_OK) {
		net_dbg_ratelimited("%s: dropping TX packet: %s\n", q->name,
				    xnif_tx_err_str(err));
		xnb_tx_respond(q, q->tx_slots, &pkt, XNIF_RSP_ERROR);
		xnb_stats_count(&q->stats->guest_tx, 0, 0, 0, 1);
		goto consume;
	}
	if (q->stg_tx.len && q->tx_slots[0].req.id >= q->stg_tx.nr_ids) {
		xnb_vif_fatal(q, "TX request id beyond the staging data list");
		return false;
	}
	/* Out of credit: leave the packet on the ring for the timer. */
	if (!xnb_tx_credit_ok(q, pkt.total))
		return false;

	if (xnif_extras_has(&pkt.extras, XNIF_EXTRA_TYPE_MCAST_ADD) ||
	    xnif_extras_has(&pkt.extras, XNIF_EXTRA_TYPE_MCAST_DEL)) {
		xnb_tx_respond(q, q->tx_slots, &pkt, xnb_tx_mcast(q, &pkt));
	} else if (!xnb_tx_queue_pkt(q, &pkt)) {
		xnb_tx_respond(q, q->tx_slots, &pkt, XNIF_RSP_DROPPED);
		xnb_stats_count(&q->stats->guest_tx, 0, 0, 1, 0);
	}
consume:
	q->tx.req_cons += pkt.nr_slots;
	return true;
}

/* Handle up to @budget packets. Return: packets taken off the ring. */
static int xnb_tx_action(struct xnb_queue *q, int budget)
{
	int done = 0;

	while (done < budget) {
		u32 prod = READ_ONCE(q->tx.sring->req_prod);
		int avail;

		avail = xnif_ring_unconsumed_requests(prod, q->tx.req_cons,
						      q->tx.rsp_prod_pvt,
						      RING_SIZE(&q->tx));
		if (avail < 0) {
			xnb_vif_fatal(q, "TX request producer beyond the ring");
			break;
		}
		if (!avail)
			break;
		/* The requests must not be read before req_prod. */
		virt_rmb();
		if (!xnb_tx_one(q, avail))
			break;
		done++;
	}
	xnb_tx_flush(q);
	return done;
}

int xnb_tx_poll(struct napi_struct *napi, int budget)
{
	struct xnb_queue *q = container_of(napi, struct xnb_queue, napi);
	int done = 0, more;

	if (!xnb_vif_disabled(q->vif))
		done = xnb_tx_action(q, budget);

	if (done < budget && napi_complete_done(napi, done)) {
		more = 0;
		if (!xnb_vif_disabled(q->vif))
			RING_FINAL_CHECK_FOR_REQUESTS(&q->tx, more);
		/* While starved of credit the timer reschedules us, and the
		 * EOI waits for that poll: no events from the guest meanwhile.
		 */
		if (more && !timer_pending(&q->credit_timer))
			napi_schedule(napi);
		else if (!more)
			xnb_queue_eoi(q, XNB_EOI_TX);
	}
	return done;
}
