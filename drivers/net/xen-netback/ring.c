// SPDX-License-Identifier: GPL-2.0-only
/* xen-netback: multi-page rings. We advertise the highest ring order we
 * accept, read the order the frontend chose and the grant of every page
 * of every ring, and refuse anything that does not add up (see the keys
 * in include/xen-netif/netif.h). Order 0 is the one-page protocol, with
 * its own keys; xnb_ring_read_refs() reads the grants of either.
 */
#include "common.h"

#include <linux/err.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <xen-netif/param.h>
#include <xen-netif/xnif.h>

/* Read at each handshake (frontend Initialising/InitWait). */
unsigned int xnb_max_ring_page_order = XNIF_RING_MAX_ORDER;
xnif_param_uint(max_ring_page_order, xnb_max_ring_page_order, 0,
		XNIF_RING_MAX_ORDER, 0644);
MODULE_PARM_DESC(max_ring_page_order,
		 "Highest ring order (2^order pages per ring) offered, 0..4 (default 4)");

/* Longest relative key we build: "queue-NNNNN/tx-ring-ref15". */
#define XNB_RING_KEY_LEN	48

/**
 * xnb_ring_advertise - write max-ring-page-order for the next handshake
 * @vif: the vif
 *
 * The module parameter is read here, so a change applies from the next
 * frontend (re)connection on; the value checked at connect is the one
 * advertised.
 *
 * Return: 0 or a negative errno from XenStore.
 */
int xnb_ring_advertise(struct xnb_vif *vif)
{
	unsigned int max = READ_ONCE(xnb_max_ring_page_order);

	vif->max_ring_order = max;
	return xenbus_printf(XBT_NIL, vif->xdev->nodename,
			     XNIF_KEY_MAX_RING_ORDER, "%u", max);
}

/* Queue 0's unnumbered "tx-ring-ref", the one-page key, is there. */
static bool xnb_ring_has_flat_ref(struct xnb_vif *vif, unsigned int nq)
{
	char key[XNB_RING_KEY_LEN];

	if (xnif_ring_ref_key(key, sizeof(key), nq, 0, "tx-ring-ref", 0, 0) < 0)
		return false;
	return xenbus_exists(XBT_NIL, vif->xdev->otherend, key);
}

/**
 * xnb_ring_read_order - the order the frontend chose for all its rings
 * @vif: the vif
 * @nq: queues the frontend uses
 * @order: receives the order; 0 if the frontend wrote none
 *
 * A frontend that knows neither of our extensions (the stock one, booted
 * by kexec or kdump after ours) writes the one-page ring keys and leaves
 * our ring-page-order and staging keys behind: the one-page key wins, and
 * vif->fe_legacy tells staging to ignore its keys too.
 *
 * Return: 0, or a negative errno after xenbus_dev_fatal() said why.
 */
int xnb_ring_read_order(struct xnb_vif *vif, unsigned int nq,
			unsigned int *order)
{
	struct xenbus_device *xdev = vif->xdev;
	char *str;
	int err;

	*order = 0;
	vif->fe_legacy = false;
	str = xenbus_read(XBT_NIL, xdev->otherend, XNIF_KEY_RING_ORDER, NULL);
	if (IS_ERR(str))
		return 0;
	/* "0" is legal and means the one-page keys anyway */
	if (strcmp(str, "0") && xnb_ring_has_flat_ref(vif, nq)) {
		vif->fe_legacy = true;
		xnb_vif_log(vif, info,
			    "%s: frontend wrote the one-page tx-ring-ref: its %s=%*pE is left over, using order 0 and no staging\n",
			    vif->name, XNIF_KEY_RING_ORDER, xnb_log_len(str),
			    str);
		kfree(str);
		return 0;
	}
	err = xnif_parse_ring_order(str, vif->max_ring_order, order);
	if (err == -ERANGE)
		xnb_fe_fatal(vif, err,
			     "frontend %s=%*pE is above our max-ring-page-order %u",
			     XNIF_KEY_RING_ORDER, xnb_log_len(str), str,
			     vif->max_ring_order);
	else if (err)
		xnb_fe_fatal(vif, err, "frontend %s=\"%*pE\" is malformed",
			     XNIF_KEY_RING_ORDER, xnb_log_len(str), str);
	kfree(str);
	return err;
}

/* Queue @i's directory below the frontend's: "" or "queue-<i>". */
static int xnb_ring_queue_dir(char *buf, size_t size, unsigned int nq,
			      unsigned int i)
{
	int len;

	len = xnif_queue_prefix(buf, size, nq, i);
	if (len > 0)
		buf[len - 1] = '\0';	/* drop the trailing '/' */
	return len < 0 ? len : 0;
}

/* Every page of @base has exactly one key, nothing beyond the order. */
static int xnb_ring_check_names(struct xnb_vif *vif, unsigned int nq,
				unsigned int i, unsigned int order)
{
	static const char * const bases[] = { "tx-ring-ref", "rx-ring-ref" };
	struct xenbus_device *xdev = vif->xdev;
	enum xnif_refs_err res = XNIF_REFS_OK;
	char dir[XNB_RING_KEY_LEN];
	unsigned int n, b, bad = 0;
	char **names;
	int err;

	err = xnb_ring_queue_dir(dir, sizeof(dir), nq, i);
	if (err)
		return err;
	names = xenbus_directory(XBT_NIL, xdev->otherend, dir, &n);
	if (IS_ERR(names)) {
		err = PTR_ERR(names);
		xnb_fe_fatal(vif, err, "listing %s/%s", xdev->otherend, dir);
		return err;
	}
	for (b = 0; b < ARRAY_SIZE(bases) && res == XNIF_REFS_OK; b++)
		res = xnif_ring_refs_names(bases[b], order,
					   (const char * const *)names, n,
					   &bad);
	if (res == XNIF_REFS_MISSING)
		xnb_fe_fatal(vif, -EINVAL, "queue %u, ring order %u: %s: %s%u",
			     i, order, xnif_refs_err_str(res), bases[b - 1],
			     bad);
	else if (res != XNIF_REFS_OK)
		xnb_fe_fatal(vif, -EINVAL, "queue %u, ring order %u: %s: %*pE",
			     i, order, xnif_refs_err_str(res),
			     xnb_log_len(names[bad]), names[bad]);
	kfree(names);
	return res == XNIF_REFS_OK ? 0 : -EINVAL;
}

/* Read the value of page @p of ring @base into @vals[@slot]. */
static int xnb_ring_read_ref(struct xnb_vif *vif, unsigned int nq,
			     unsigned int i, const char *base,
			     unsigned int order, unsigned int p, char **val)
{
	char key[XNB_RING_KEY_LEN];
	char *str;
	int err;

	err = xnif_ring_ref_key(key, sizeof(key), nq, i, base, order, p);
	if (err < 0)
		return err;
	str = xenbus_read(XBT_NIL, vif->xdev->otherend, key, NULL);
	if (IS_ERR(str)) {
		err = PTR_ERR(str);
		xnb_fe_fatal(vif, err, "reading %s/%s", vif->xdev->otherend,
			     key);
		return err;
	}
	*val = str;
	return 0;
}

/* Order 0: one page per ring, "tx-ring-ref" and "rx-ring-ref". */
static int xnb_ring_read_refs0(struct xnb_vif *vif, unsigned int nq,
			       unsigned int i, grant_ref_t *tx_refs,
			       grant_ref_t *rx_refs)
{
	u32 tx_ref, rx_ref;
	int err;

	err = xnb_read_queue_key(vif, nq, i, "tx-ring-ref", &tx_ref);
	if (!err)
		err = xnb_read_queue_key(vif, nq, i, "rx-ring-ref", &rx_ref);
	if (err == -ENOENT)
		xnb_fe_fatal(vif, err, "no ring refs for queue %u", i);
	if (err)
		return err;
	/* two rings in one page would overwrite each other's entries */
	if (tx_ref == rx_ref) {
		xnb_fe_fatal(vif, -EINVAL,
			     "queue %u: tx-ring-ref and rx-ring-ref are both grant %u",
			     i, tx_ref);
		return -EINVAL;
	}
	tx_refs[0] = tx_ref;
	rx_refs[0] = rx_ref;
	return 0;
}

/**
 * xnb_ring_read_refs - grants of every page of queue @i's two rings
 * @vif: the vif
 * @nq: queues the frontend uses
 * @i: the queue
 * @order: the ring order, 0..XNIF_RING_MAX_ORDER
 * @tx_refs: receives 2^@order grants of the TX ring
 * @rx_refs: receives 2^@order grants of the RX ring
 *
 * Return: 0, or a negative errno after xenbus_dev_fatal() said why.
 */
int xnb_ring_read_refs(struct xnb_vif *vif, unsigned int nq, unsigned int i,
		       unsigned int order, grant_ref_t *tx_refs,
		       grant_ref_t *rx_refs)
{
	char *vals[2 * XNIF_RING_MAX_PAGES] = { };
	u32 refs[2 * XNIF_RING_MAX_PAGES];
	unsigned int p, n = 1U << order, bad = 0;
	enum xnif_refs_err res;
	int err;

	if (!order)
		return xnb_ring_read_refs0(vif, nq, i, tx_refs, rx_refs);
	err = xnb_ring_check_names(vif, nq, i, order);
	for (p = 0; p < n && !err; p++) {
		err = xnb_ring_read_ref(vif, nq, i, "tx-ring-ref", order, p,
					&vals[p]);
		if (!err)
			err = xnb_ring_read_ref(vif, nq, i, "rx-ring-ref",
						order, p, &vals[n + p]);
	}
	if (err)
		goto out_free;

	res = xnif_ring_refs_values((const char * const *)vals, 2 * n, refs,
				    &bad);
	if (res != XNIF_REFS_OK) {
		err = -EINVAL;
		xnb_fe_fatal(vif, err,
			     "queue %u, ring order %u: %s: %s-ring-ref%u=%*pE",
			     i, order, xnif_refs_err_str(res),
			     bad < n ? "tx" : "rx", bad % n,
			     xnb_log_len(vals[bad]), vals[bad] ?: "");
		goto out_free;
	}
	for (p = 0; p < n; p++) {
		tx_refs[p] = refs[p];
		rx_refs[p] = refs[n + p];
	}
out_free:
	for (p = 0; p < 2 * n; p++)
		kfree(vals[p]);
	return err;
}
