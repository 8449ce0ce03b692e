// SPDX-License-Identifier: GPL-2.0-only
/* xen-netfront: staging grants (include/xen-netif/netif.h, "Staging
 * grants").  When the backend offers them and staging_len is set, every
 * queue gets, per direction, one small buffer per request id in zeroed
 * pages of its own, granted for the queue's life (TX read-only, RX
 * writable), and a data list naming them, granted read-only.  All grants
 * are reserved at once; if the grant table cannot spare them the vif
 * connects without staging.  tx.c and rx.c copy the first bytes of each
 * packet through the buffers.
 */
#include "netfront.h"

#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <xen/page.h>
#include <xen-netif/param.h>
#include <xen-netif/xnif.h>

unsigned int xnf_staging_len = 256;
xnif_param_uint(staging_len, xnf_staging_len, 0, XNIF_STAGING_MAX_LEN, 0644);
MODULE_PARM_DESC(staging_len,
		 "Staging grants: bytes of each packet copied through pre-granted buffers, 0..4096, bounded by the backend's staging-max-data-len (default 256; 0: off). Read at each (re)connection");

#ifdef XNIF_TEST_KNOBS
static int xnf_staging_force_len = -1;
xnif_param_int(staging_force_len, xnf_staging_force_len, -1,
	       XNIF_STAGING_MAX_LEN, 0644);
MODULE_PARM_DESC(staging_force_len,
		 "Test build only: write this data length (1..4096) even above the backend's maximum or without its offer; -1 (default) or 0: off");
#endif

/* The length staging_force_len forces, 0 or less for none; a knob of the
 * test build (XNIF_TEST_KNOBS), none in others.
 */
static inline int xnf_stg_forced_len(void)
{
#ifdef XNIF_TEST_KNOBS
	return READ_ONCE(xnf_staging_force_len);
#else
	return 0;
#endif
}

/* Grant references left free for everything else after staging's. */
#define XNF_STG_SPARE_GREFS	1024
/* Longest relative key we write: "queue-NNNNN/tx-data-ref15". */
#define XNF_STG_KEY_LEN		48

/* The data length for the next connection; 0: no staging. */
static unsigned int xnf_stg_pick_len(struct xnf_vif *vif)
{
	int forced = xnf_stg_forced_len();

	if (vif->stg_off || vif->ext_fallback || vif->stg_no_room)
		return 0;
	if (forced > 0)
		return forced;
	return min(READ_ONCE(xnf_staging_len), vif->be.staging_max);
}

/* The next connection would stage, XenStore permitting. */
bool xnf_stg_wanted(struct xnf_vif *vif)
{
	return xnf_stg_pick_len(vif) > 0;
}

/* Buffer of request id @id (below s->nr_ids). */
u8 *xnf_stg_buf(const struct xnf_stg *s, unsigned int id)
{
	unsigned int page, off;

	if (xnif_staging_buf_pos(id, s->len, &page, &off) ||
	    page >= s->nr_bufs)
		return NULL;
	return (u8 *)page_address(s->bufs[page]) + off;
}

/* Free what xnf_stg_alloc() got; the pages are not granted. */
static void xnf_stg_free(struct xnf_stg *s)
{
	unsigned int i;

	for (i = 0; s->bufs && i < s->nr_bufs; i++)
		if (s->bufs[i])
			__free_page(s->bufs[i]);
	for (i = 0; i < s->nr_list; i++)
		if (s->list[i])
			__free_page(s->list[i]);
	kvfree(s->buf_refs);
	kvfree(s->bufs);
	memset(s, 0, sizeof(*s));
}

/* Zeroed pages for the buffers of @nr_ids ids and for their list. */
static int xnf_stg_alloc(struct xnf_stg *s, unsigned int nr_ids,
			 unsigned int len)
{
	unsigned int i;

	s->nr_ids = nr_ids;
	s->nr_bufs = xnif_staging_buf_pages(nr_ids, len);
	s->nr_list = xnif_data_list_pages(nr_ids);
	if (WARN_ON_ONCE(!s->nr_bufs || !s->nr_list ||
			 s->nr_list > XNF_STG_LIST_PAGES))
		goto out_free;
	s->bufs = kvcalloc(s->nr_bufs, sizeof(*s->bufs), GFP_KERNEL);
	s->buf_refs = kvcalloc(s->nr_bufs, sizeof(*s->buf_refs), GFP_KERNEL);
	if (!s->bufs || !s->buf_refs)
		goto out_free;
	for (i = 0; i < s->nr_bufs; i++) {
		s->bufs[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!s->bufs[i])
			goto out_free;
	}
	for (i = 0; i < s->nr_list; i++) {
		s->list[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!s->list[i])
			goto out_free;
	}
	return 0;

out_free:
	xnf_stg_free(s);
	return -ENOMEM;
}

/* Entry i of the list: where id i's buffer is. */
static void xnf_stg_fill_list(struct xnf_stg *s)
{
	struct xnif_data_entry *e;
	unsigned int id, page, off;

	for (id = 0; id < s->nr_ids; id++) {
		if (xnif_staging_buf_pos(id, s->len, &page, &off))
			break;
		e = page_address(s->list[id / XNIF_DATA_ENTRIES_PER_PAGE]);
		e += id % XNIF_DATA_ENTRIES_PER_PAGE;
		e->gref = s->buf_refs[page];
		e->offset = off;
		e->flags = 0;
	}
}

/* Grant buffers (@tx: read-only) and list from the reserved @head. */
static void xnf_stg_grant(struct xnf_stg *s, domid_t domid,
			  grant_ref_t *head, bool tx)
{
	unsigned int i;

	for (i = 0; i < s->nr_bufs; i++) {
		s->buf_refs[i] = gnttab_claim_grant_reference(head);
		gnttab_grant_foreign_access_ref(s->buf_refs[i], domid,
						xen_page_to_gfn(s->bufs[i]),
						tx);
	}
	xnf_stg_fill_list(s);
	for (i = 0; i < s->nr_list; i++) {
		s->list_refs[i] = gnttab_claim_grant_reference(head);
		gnttab_grant_foreign_access_ref(s->list_refs[i], domid,
						xen_page_to_gfn(s->list[i]), 1);
	}
}

/* End the grants and free the pages of a granted direction.  A page the
 * backend still maps is freed once it lets go (gnttab's deferred list).
 */
static void xnf_stg_ungrant(struct xnf_stg *s)
{
	unsigned int i;

	if (!s->len)
		return;
	for (i = 0; i < s->nr_bufs; i++)
		gnttab_end_foreign_access(s->buf_refs[i], s->bufs[i]);
	for (i = 0; i < s->nr_list; i++)
		gnttab_end_foreign_access(s->list_refs[i], s->list[i]);
	kvfree(s->buf_refs);
	kvfree(s->bufs);
	memset(s, 0, sizeof(*s));
}

/* At queue teardown: the backend has left Connected. */
void xnf_stg_destroy(struct xnf_queue *q)
{
	xnf_stg_ungrant(&q->stg_rx);
	xnf_stg_ungrant(&q->stg_tx);
}

/* Memory for every queue's two directions; grants counted in @need. */
static int xnf_stg_alloc_all(struct xnf_vif *vif, unsigned int len,
			     unsigned int *need)
{
	unsigned int i;
	int err;

	*need = 0;
	for (i = 0; i < xnf_num_queues(vif); i++) {
		struct xnf_queue *q = xnf_queue_at(vif, i);

		err = xnf_stg_alloc(&q->stg_tx, q->tx_size, len);
		if (!err)
			err = xnf_stg_alloc(&q->stg_rx, q->rx_size, len);
		if (err)
			return err;
		*need += q->stg_tx.nr_bufs + q->stg_tx.nr_list +
			 q->stg_rx.nr_bufs + q->stg_rx.nr_list;
	}
	return 0;
}

static void xnf_stg_free_all(struct xnf_vif *vif)
{
	unsigned int i;

	for (i = 0; i < xnf_num_queues(vif); i++) {
		xnf_stg_free(&xnf_queue_at(vif, i)->stg_tx);
		xnf_stg_free(&xnf_queue_at(vif, i)->stg_rx);
	}
}

/**
 * xnf_stg_create - set up staging on every queue, or on none
 * @vif: the vif, its queues created and not started
 *
 * Any shortage (memory, grant references with XNF_STG_SPARE_GREFS kept
 * free) is one log line and a connection without staging.  Caller holds
 * RTNL.
 */
void xnf_stg_create(struct xnf_vif *vif)
{
	domid_t domid = vif->xdev->otherend_id;
	unsigned int i, len, need;
	grant_ref_t head;

	vif->stg_len = 0;
	len = xnf_stg_pick_len(vif);
	if (!len)
		return;
	if (xnf_stg_alloc_all(vif, len, &need)) {
		netdev_info(vif->netdev, "not staging: out of memory for the buffers\n");
		goto out_free;
	}
	if (need + XNF_STG_SPARE_GREFS > U16_MAX ||
	    gnttab_alloc_grant_references(need + XNF_STG_SPARE_GREFS,
					  &head)) {
		netdev_info(vif->netdev, "not staging: %u grant references needed and %u to keep free, the grant table has fewer\n",
			    need, XNF_STG_SPARE_GREFS);
		goto out_free;
	}
	for (i = 0; i < xnf_num_queues(vif); i++) {
		struct xnf_queue *q = xnf_queue_at(vif, i);

		q->stg_tx.len = len;
		q->stg_rx.len = len;
		xnf_stg_grant(&q->stg_tx, domid, &head, true);
		xnf_stg_grant(&q->stg_rx, domid, &head, false);
	}
	/* the spare ones go back */
	gnttab_free_grant_references(head);
	vif->stg_len = len;
	return;

out_free:
	xnf_stg_free_all(vif);
}

/* Write one direction's ref keys and length. */
static int xnf_stg_write_dir(struct xenbus_transaction xbt,
			     struct xnf_vif *vif, struct xnf_queue *q,
			     const struct xnf_stg *s, bool tx)
{
	const char *node = vif->xdev->nodename;
	char key[XNF_STG_KEY_LEN];
	unsigned int p;
	int err;

	for (p = 0; p < s->nr_list; p++) {
		err = xnif_data_key(key, sizeof(key), xnf_num_queues(vif),
				    q->id, tx, vif->ring_order, p);
		if (err < 0)
			return err;
		err = xenbus_printf(xbt, node, key, "%u", s->list_refs[p]);
		if (err)
			return err;
	}
	err = xnif_data_key(key, sizeof(key), xnf_num_queues(vif), q->id,
			    tx, 0, -1);
	if (err < 0)
		return err;
	return xenbus_printf(xbt, node, key, "%u", s->len);
}

/**
 * xnf_stg_write_keys - a queue's staging keys, if it stages
 * @xbt: the transaction of the ring keys
 * @vif: the vif
 * @q: the queue
 *
 * Return: 0 or a negative errno from XenStore.
 */
int xnf_stg_write_keys(struct xenbus_transaction xbt, struct xnf_vif *vif,
		       struct xnf_queue *q)
{
	int err = 0;

	if (q->stg_tx.len)
		err = xnf_stg_write_dir(xbt, vif, q, &q->stg_tx, true);
	if (!err && q->stg_rx.len)
		err = xnf_stg_write_dir(xbt, vif, q, &q->stg_rx, false);
	return err;
}

/* On remove: a frontend loaded after us that knows no staging must not
 * leave our lengths in place for the backend to read (without a length a
 * direction is not staged).  Caller holds RTNL.
 */
void xnf_stg_forget_keys(struct xnf_vif *vif)
{
	char key[XNF_STG_KEY_LEN];
	unsigned int i, d;

	if (!vif->stg_len)
		return;
	for (i = 0; i < xnf_num_queues(vif); i++)
		for (d = 0; d < 2; d++)
			if (xnif_data_key(key, sizeof(key),
					  xnf_num_queues(vif), i, d == 0, 0,
					  -1) > 0)
				xenbus_rm(XBT_NIL, vif->xdev->nodename, key);
}
