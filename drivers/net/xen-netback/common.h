/* SPDX-License-Identifier: GPL-2.0-only */
/* xen-netback private definitions, shared by the files of this module.
 * Include this first in every .c file: it sets pr_fmt.
 */
#ifndef _XEN_NETBACK_COMMON_H
#define _XEN_NETBACK_COMMON_H

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <xen/grant_table.h>
#include <xen/page.h>
#include <xen/xenbus.h>
#include <xen-netif/netif.h>
#include <xen-netif/ring.h>
#include <xen-netif/xnif.h>

/* The datapath splits and counts in units of XEN_PAGE_SIZE and of kernel
 * pages as if they were the same (grant copies of skb pages, slot counts
 * of linear areas): kernels with larger pages are not supported.
 */
#if PAGE_SHIFT != XEN_PAGE_SHIFT
#error "xen-netback assumes PAGE_SIZE == XEN_PAGE_SIZE (4 KiB pages)"
#endif

/* "vif<domid>.<handle>-q<N>": the vif name plus room for the suffix. */
#define XNB_QUEUE_NAME_LEN	(IFNAMSIZ + 8)
/* IRQ names: the queue name plus "-tx" / "-rx". */
#define XNB_IRQ_NAME_LEN	(XNB_QUEUE_NAME_LEN + 4)

/* The ring types (struct xnif_*_back_ring) are <xen-netif/ring.h>'s. */

/* Guest TX: slots copied per packet, packets and copy ops per batch. */
#define XNB_TX_FATAL_SLOTS	XNIF_TX_DEFAULT_FATAL_SLOTS
#define XNB_TX_CHAIN_MAX	XNIF_TX_MAX_CHAIN(XNB_TX_FATAL_SLOTS)
#define XNB_TX_BATCH		64
/* Bytes of each packet copied into the skb's linear area. */
#define XNB_TX_HLEN		128
/* Worst case per packet: every source slot and destination piece apart. */
/* Worst case per packet: every source slot and destination frame apart
 * (xnif_tx_copy_plan() proves it: XNIF_NR_SLOTS_MIN slots, a linear area
 * of XNB_TX_HLEN bytes in at most two frames, MAX_SKB_FRAGS single pages).
 */
#define XNB_TX_PIECES		(MAX_SKB_FRAGS + 1)
#define XNB_TX_PKT_OPS		XNIF_TX_COPY_OPS_MAX(XNIF_NR_SLOTS_MIN,	\
						     MAX_SKB_FRAGS + 2)
#define XNB_TX_OPS		(XNB_TX_BATCH * 8)

/* Guest RX: grant copies and packets per batch.  Each packet's copies
 * are planned (xnif_copy_plan()) and counted before it joins a batch:
 * an skb has a piece per frag plus its linear area, and at most
 * XNB_RX_PLAN_OPS operations, which an empty batch always holds.
 */
#define XNB_RX_OPS		256
#define XNB_RX_BATCH		64
/* Default of ethtool -C tx-usecs on a vif; at most XNB_RX_KICK_USECS_MAX. */
#define XNB_RX_KICK_USECS	250
#define XNB_RX_KICK_USECS_MAX	1000
#define XNB_RX_PIECES		(MAX_SKB_FRAGS + 1)
#define XNB_RX_PLAN_OPS		XNIF_COPY_OPS_MAX(XNB_RX_PIECES,	\
						  XNIF_NR_SLOTS_MIN)

/* Most XDP headroom we apply: a slot must keep room for a full frame. */
#define XNB_XDP_HEADROOM_USABLE	(XEN_PAGE_SIZE - 2048)

/* Guest TX credit: a window may bank at least this much (bytes). */
#define XNB_CREDIT_BURST_MIN	(128 * 1024)

/* Control ring requests handled per run of its work (then a tick off). */
#define XNB_CTRL_BUDGET		32

/* Longest guest-written string we quote in a log line (escaped). */
#define XNB_LOG_STR_MAX		32

/* Memory (skb->truesize) queued for one guest RX queue, per page of its
 * ring, and at most XNB_RX_QUEUE_MAX: the netdev queue stops there,
 * whatever still comes is dropped, and it wakes at half.  Half must hold
 * more minimum-size packets (1.25 KiB of truesize each) than an order-0
 * ring takes at once, or each pass of the kthread empties the queue and
 * the next packet wakes it again: with 512 KiB it woke every 5
 * packets and moved 0.45x what the stock netback does (RESULTS.md).
 * The stock netback counts 512 KiB of packet bytes instead: some 10 MiB
 * held for 60-byte packets.
 */
#define XNB_RX_QUEUE_BYTES	(2048 * 1024)
#define XNB_RX_QUEUE_MAX	(8 * 1024 * 1024)

struct xnb_vif;

/* One group of counters of a queue (see struct xnb_queue_stats). */
struct xnb_stats {
	u64_stats_t		packets;
	u64_stats_t		bytes;
	u64_stats_t		dropped;
	u64_stats_t		errors;
	struct u64_stats_sync	syncp;
};

/* Account a batch in one update of a queue's counters. */
static inline void xnb_stats_count(struct xnb_stats *s, unsigned int packets,
				   unsigned int bytes, unsigned int dropped,
				   unsigned int errors)
{
	u64_stats_update_begin(&s->syncp);
	u64_stats_add(&s->packets, packets);
	u64_stats_add(&s->bytes, bytes);
	u64_stats_add(&s->dropped, dropped);
	u64_stats_add(&s->errors, errors);
	u64_stats_update_end(&s->syncp);
}

/* Staging grants: the largest data length we accept from a frontend. */
#define XNB_STAGING_MAX_LEN	2048

/* Staging grants of one direction of a queue (staging.c): the frontend's
 * buffers, mapped at connect for the whole connection.  len == 0: the
 * direction is not staged and nothing is mapped.
 */
struct xnb_stg {
	unsigned int		len;		/* tx/rx-data-len */
	unsigned int		nr_ids;		/* entries of addr[] */
	unsigned int		nr_pages;	/* distinct grants mapped */
	u8			**addr;		/* per request id: its buffer */
	struct page		**pages;	/* [nr_pages], mapped grants */
	grant_handle_t		*handles;	/* [nr_pages] */
};

/* The grants a queue keeps mapped for the frontend's gref mapping
 * requests (gref.c); the arrays are NULL until its first ADD_GREF_MAPPING.
 */
struct xnb_gref {
	/* Held by the datapath across lookup and memcpy, by the control
	 * work across each table change: a grant is out of the table before
	 * it is unmapped, and no memcpy is then using it.
	 */
	spinlock_t		lock;
	struct xnif_gref_table	t;		/* slot[].idx indexes below */
	struct page		**pages;	/* [XNIF_GREF_QUEUE_MAX] */
	grant_handle_t		*handles;	/* [XNIF_GREF_QUEUE_MAX] */
	unsigned long		*used;		/* bitmap of idx in use */
};

/* Staged packets and the bytes that moved by memcpy, one direction. */
struct xnb_stg_stats {
	u64_stats_t		packets;
	u64_stats_t		bytes;
	struct u64_stats_sync	syncp;
};

static inline void xnb_stg_count(struct xnb_stg_stats *s, unsigned int bytes)
{
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->packets);
	u64_stats_add(&s->bytes, bytes);
	u64_stats_update_end(&s->syncp);
}

/* The work one direction of a queue asked of Xen: grant-copy ops,
 * the GNTTABOP_copy hypercalls that carried them (one per batch) and the
 * event notifications sent to the frontend.  Counts, not timings: the
 * benchmarks report them per packet.  One writer: the direction's NAPI
 * poll (guest TX) or kthread (guest RX).
 */
struct xnb_op_stats {
	u64_stats_t		copy_ops;
	u64_stats_t		copy_calls;
	u64_stats_t		notifies;
	struct u64_stats_sync	syncp;
};

static inline void xnb_op_count(struct xnb_op_stats *s, unsigned int ops,
				unsigned int calls, unsigned int notifies)
{
	if (!(ops | notifies))	/* an idle poll: nothing to add */
		return;
	u64_stats_update_begin(&s->syncp);
	u64_stats_add(&s->copy_ops, ops);
	u64_stats_add(&s->copy_calls, calls);
	u64_stats_add(&s->notifies, notifies);
	u64_stats_update_end(&s->syncp);
}

/* Guest RX stall events of one queue; its kthread is the one writer. */
struct xnb_stall_stats {
	u64_stats_t		stalls;		/* stall detected: carrier off */
	u64_stats_t		recoveries;	/* buffers posted again */
	u64_stats_t		drain_drops;	/* dropped at the drain timeout */
	struct u64_stats_sync	syncp;
};

/* The counters of one queue, allocated with it at connect (in its
 * xnb_queue_bufs); at disconnect they are added to the vif's
 * stats_gone, so that the vif's totals count every connection.
 *
 * Named from the guest's view, like the rings: guest_tx counts what the
 * guest sent (the netdev's, and ethtool's, "rx"), guest_rx what was sent
 * to the guest (the netdev's "tx").  xmit counts the packets
 * ndo_start_xmit dropped before they reached a guest RX queue (netdev
 * "tx" drops too).  stg_tx/stg_rx: packets whose first bytes moved
 * through a staging buffer, and those bytes.  gref_tx/gref_rx: copies
 * done by memcpy through a grant the frontend had mapped (gref mapping)
 * instead of a grant copy, and their bytes (debugfs only: ethtool's
 * totals would grow struct xnb_vif past what the netdev may hold).
 * stall: guest RX stalls, their ends and the packets the drain timeout
 * dropped (also counted in guest_rx's dropped).  op_tx/op_rx: grant
 * copies, copy hypercalls and notifications of each direction.
 */
struct xnb_queue_stats {
	struct xnb_stats	guest_tx;
	struct xnb_stats	guest_rx;
	struct xnb_stats	xmit;
	struct xnb_stg_stats	stg_tx;
	struct xnb_stg_stats	stg_rx;
	struct xnb_stg_stats	gref_tx;	/* memcpys from mapped grefs */
	struct xnb_stg_stats	gref_rx;	/* memcpys into mapped grefs */
	struct xnb_stall_stats	stall;		/* guest RX stalls, drains */
	struct xnb_op_stats	op_tx;		/* guest TX: copies, notifies */
	struct xnb_op_stats	op_rx;		/* guest RX: copies, notifies */
};

/* A snapshot of one queue index's counters in the netdev's terms ("rx":
 * from the guest), as ethtool -S names them (q<N>_<field>); but the
 * rx_stall and rx_drain ones are the guest's RX, as in the parameters
 * rx_stall_timeout_msecs and rx_drain_timeout_msecs.
 */
struct xnb_qstats {
	u64	rx_packets;
	u64	rx_bytes;
	u64	rx_dropped;
	u64	rx_errors;
	u64	tx_packets;
	u64	tx_bytes;
	u64	tx_dropped;
	u64	tx_errors;
	u64	rx_staged_packets;
	u64	rx_staged_bytes;
	u64	tx_staged_packets;
	u64	tx_staged_bytes;
	u64	rx_stalls;
	u64	rx_stall_recoveries;
	u64	rx_drain_drops;
	u64	rx_copy_ops;
	u64	rx_copy_calls;
	u64	rx_notifies;
	u64	tx_copy_ops;
	u64	tx_copy_calls;
	u64	tx_notifies;
};

/* One guest TX packet whose data is being grant-copied. */
struct xnb_tx_pending {
	struct sk_buff		*skb;
	unsigned int		first_op;	/* in queue->tx_ops */
	unsigned int		nr_ops;
	struct xnif_tx_pkt	pkt;		/* what validation found */
	union xnif_tx_slot	slots[XNB_TX_CHAIN_MAX]; /* our copy */
};

/* One guest RX packet whose data is being grant-copied. */
struct xnb_rx_pending {
	struct sk_buff		*skb;		/* freed once copied */
	u32			first_idx;	/* ring index of first slot */
	unsigned int		nr_extras;	/* extra slots after the first */
	unsigned int		nr_slots;
	unsigned int		first_op;	/* in queue->rx_ops */
	unsigned int		nr_ops;
	bool			failed;		/* answer with errors */
};

/* Late EOI (XSA-332): the parts of a queue that still owe its event
 * channel(s) an EOI.  An interrupt handler sets the bit of each part it
 * hands work to; that part clears it once done and EOIs (on a shared
 * channel, the last of the two).  See xnb_queue_eoi().
 */
#define XNB_EOI_TX		BIT(0)	/* NAPI poll */
#define XNB_EOI_RX		BIT(1)	/* guest RX kthread */

/* The batch arrays of one queue (~59 KB), allocated with the queue at
 * connect; the queue's tx_ops..rx_plan point into them.
 */
struct xnb_queue_bufs {
	struct gnttab_copy	tx_ops[XNB_TX_OPS];
	struct xnb_tx_pending	tx_pending[XNB_TX_BATCH];
	union xnif_tx_slot	tx_slots[XNB_TX_CHAIN_MAX];
	struct gnttab_copy	rx_ops[XNB_RX_OPS];
	struct xnb_rx_pending	rx_pending[XNB_RX_BATCH];
	struct xnif_frag	rx_pieces[XNB_RX_PIECES];
	struct page		*rx_piece_pages[XNB_RX_PIECES];
	struct xnif_copy_op	rx_plan[XNB_RX_PLAN_OPS];
	struct xnb_queue_stats	stats;		/* the queue's counters */
	/* Wakes the guest-RX kthread, coalesced (xnb_rx_kick_soon()); here
	 * and not in struct xnb_queue, which it would take past 2 KiB.
	 */
	struct hrtimer		rx_kick_timer;
	struct xnb_queue	*q;		/* whose */
};

/* One TX/RX ring pair of a vif: rings, event channels, NAPI, kthread.
 * Allocated at connect for the queues the frontend asked for, freed at
 * disconnect (xnb_queues_alloc()/xnb_queues_free()).
 */
struct xnb_queue {
	struct xnb_vif		*vif;		/* owning vif */
	unsigned int		id;		/* index in vif->queues */
	struct xnb_queue_stats	*stats;		/* &bufs->stats */
	struct xnb_queue_bufs	*bufs;		/* the arrays below */
	char			name[XNB_QUEUE_NAME_LEN]; /* "vifD.H-qN" */
	char			tx_irq_name[XNB_IRQ_NAME_LEN];
	char			rx_irq_name[XNB_IRQ_NAME_LEN];
	bool			connected;
	atomic_t		eoi_pending;	/* XNB_EOI_* */
	/* events per channel, and those EOIed spurious (debugfs) */
	atomic_long_t		tx_events, tx_spurious;
	atomic_long_t		rx_events, rx_spurious;
	atomic_long_t		kicks;		/* debugfs "kick"s done */

	/* Guest TX (netdev rx): NAPI poll, grant copy from the guest. */
	struct napi_struct	napi;
	unsigned int		tx_irq;
	struct xnif_tx_back_ring tx;
	unsigned int		tx_nr_ops;
	unsigned int		tx_nr_pending;
	struct gnttab_copy	*tx_ops;	/* [XNB_TX_OPS] */
	struct xnb_tx_pending	*tx_pending;	/* [XNB_TX_BATCH] */
	union xnif_tx_slot	*tx_slots;	/* being checked */
	/* The packet being queued: its slots, pieces and copy plan. */
	struct xnif_frag	tx_src[XNIF_NR_SLOTS_MIN];
	struct xnif_frag	tx_dst[XNB_TX_PIECES];
	struct page		*tx_dst_pages[XNB_TX_PIECES];
	struct xnif_tx_copy_op	tx_plan[XNB_TX_PKT_OPS];
	struct xnif_tx_copy_plan tx_cost;
	struct xnb_stg		stg_tx;		/* guest TX staging buffers */
	/* "rate" limiting of guest TX: credit left in the current window. */
	u64			credit_left;
	unsigned long		credit_window;	/* jiffies it started */
	struct timer_list	credit_timer;	/* window end, when starved */

	/* Guest RX (netdev tx): skbs queued by ndo_start_xmit, kthread. */
	unsigned int		rx_irq;		/* == tx_irq if shared */
	struct xnif_rx_back_ring rx;
	struct sk_buff_head	rx_queue;	/* lock also covers rx_bytes */
	unsigned int		rx_bytes;
	wait_queue_head_t	rx_wq;
	struct task_struct	*rx_task;
	unsigned long		rx_drained_at;	/* jiffies a pass ran dry */
	unsigned long		rx_last_progress; /* jiffies */
	unsigned long		rx_last_packet;	/* jiffies, for stall checks */
	bool			rx_stalled;	/* counted in vif->rx_stalled */
	unsigned int		rx_nr_ops;
	unsigned int		rx_nr_pending;
	struct gnttab_copy	*rx_ops;	/* [XNB_RX_OPS] */
	struct xnb_rx_pending	*rx_pending;	/* [XNB_RX_BATCH] */
	/* The packet being taken: its pieces and their copy plan. */
	struct xnif_frag	*rx_pieces;	/* [XNB_RX_PIECES] */
	struct page		**rx_piece_pages; /* [XNB_RX_PIECES] */
	struct xnif_copy_op	*rx_plan;	/* [XNB_RX_PLAN_OPS] */
	struct xnif_copy_plan	rx_cost;
	struct xnb_stg		stg_rx;		/* guest RX staging buffers */
	struct xnb_gref		gref;		/* gref mapping (control ring) */
};

/* What the frontend said it can do (its feature-* keys). */
struct xnb_fe_features {
	bool			sg;
	bool			gso_tcpv4;
	bool			gso_tcpv6;
	bool			ip_csum;
	bool			ipv6_csum;
	bool			rx_notify;
};

/* One backend vif: one xenbus device, i.e. one NIC of one guest.
 * Allocated in probe, freed in remove; the xenbus device's drvdata.
 */
struct xnb_vif {
	struct xenbus_device	*xdev;		/* our backend device */
	struct net_device	*dev;		/* holds us as its priv */
	domid_t			domid;		/* frontend's domain */
	/* "xdp-headroom": bytes left free before guest RX data. */
	u16			xdp_headroom;
	u32			handle;		/* backend "handle" key */
	char			name[IFNAMSIZ];	/* "vif<domid>.<handle>" */
	char			*hotplug_script; /* "script" key, or NULL */

	/* num_queues entries, allocated at connect and freed at disconnect;
	 * ndo_start_xmit reads num_queues (acquire) before queues, and
	 * xnb_queues_free() waits for it after clearing num_queues.
	 */
	struct xnb_queue	*queues;
	unsigned int		max_queues;
	unsigned int		num_queues;

	struct xnb_fe_features	fe;
	bool			data_connected;	/* rings mapped, irqs bound */
	bool			hotplug_connected; /* script said "connected" */
	bool			disabled;	/* fatal peer error; set under
						 * rx_stall_lock, read locklessly
						 */
	bool			mcast_ctrl;	/* multicast filter asked for */
	bool			fe_legacy;	/* our ring/staging keys stale */
	/* Counters (xnb_vif_stats_read()): stats_gone holds those of the
	 * queues of earlier connections, stats_nq says how many queues to
	 * add to them; both change under stats_seq (xnb_queues_free()).
	 */
	seqcount_t		stats_seq;

	/* Log lines and fatal errors a frontend can cause by reconnecting. */
	struct ratelimit_state	log_rs;

	struct xenbus_watch	hotplug_watch;

	/* Multi-page rings: what we advertised, what the frontend chose. */
	unsigned int		max_ring_order;
	unsigned int		ring_order;
	/* Staging: the data length we advertised; 0: no staging offered. */
	unsigned int		stg_max_len;

	/* "rate" key: guest TX credit per interval; 0 bytes = unlimited. */
	u64			credit_bytes;
	u32			credit_usec;
	unsigned int		stats_nq;	/* see stats_seq */
	struct xenbus_watch	rate_watch;

	struct dentry		*debugfs;	/* xen-netback/<vif>/ */

	/* Guest RX stall detection (frontends with feature-rx-notify). */
	unsigned long		rx_stall_timeout; /* jiffies; 0: off */
	u32			rx_kick_usecs;	/* ethtool -C tx-usecs */
	spinlock_t		rx_stall_lock;
	unsigned int		rx_stalled;	/* queues stalled now */
	/* rx_stall_lock also orders "disabled" against carrier changes. */

	/* Control ring (feature-ctrl-ring), if the frontend set one up. */
	struct xnif_ctrl_back_ring ctrl;
	unsigned int		ctrl_irq;	/* 0: no control ring */
	/* Staging grants mapped for all queues (staging.c's lock). */
	unsigned int		stg_maps;
	struct delayed_work	ctrl_work;	/* serves it, then EOIs */
	void			*ctrl_page;	/* grant copy target */
	spinlock_t		hash_lock;	/* hash, read at xmit */
	struct xnif_hash_state	hash;

	/* Multicast filter (feature-multicast-control). */
	spinlock_t		mcast_lock;
	struct xnif_mcast_list	mcast;
	struct xenbus_watch	mcast_watch;

	struct xnb_qstats	stats_gone;	/* see stats_seq */
	/* Packets ndo_start_xmit dropped with no queue to count them. */
	atomic_long_t		xmit_no_queue;
};

/* main.c: module parameters */
extern bool xnb_separate_tx_rx_irq;
extern unsigned int xnb_max_queues;
extern unsigned int xnb_rx_drain_timeout_msecs;
extern unsigned int xnb_rx_stall_timeout_msecs;
extern bool xnb_provides_xdp_headroom;
extern unsigned int xnb_staging_max_grants;
extern unsigned int xnb_staging_max_len;
extern unsigned int xnb_staging_max_grants_per_vif;
extern unsigned int xnb_fatal_skb_slots;

/* main.c: per-vif state lifetime */
struct xnb_vif *xnb_vif_alloc(struct xenbus_device *xdev);
void xnb_vif_free(struct xnb_vif *vif);
int xnb_queues_alloc(struct xnb_vif *vif, unsigned int nq);
void xnb_queues_free(struct xnb_vif *vif);

/* The vif behind one of our netdevs: its priv (xnb_vif_alloc()). */
static inline struct xnb_vif *xnb_netdev_vif(struct net_device *dev)
{
	return netdev_priv(dev);
}

/* interface.c: the netdev and the per-queue resources */
int xnb_netdev_register(struct xnb_vif *vif);
void xnb_netdev_unregister(struct xnb_vif *vif);
int xnb_queue_connect(struct xnb_queue *q, unsigned int nq,
		      const grant_ref_t *tx_refs, const grant_ref_t *rx_refs,
		      unsigned int order, evtchn_port_t tx_evtchn,
		      evtchn_port_t rx_evtchn);
void xnb_queue_disconnect(struct xnb_queue *q);
void xnb_vif_carrier_on(struct xnb_vif *vif);
void xnb_vif_carrier_off(struct xnb_vif *vif);
void xnb_vif_fatal(struct xnb_queue *q, const char *what);
void xnb_queue_eoi(struct xnb_queue *q, unsigned int part);
int xnb_queue_kick(struct xnb_queue *q);
void xnb_vif_stats_read(struct xnb_vif *vif, struct xnb_qstats *total,
			void (*each)(void *arg, unsigned int q,
				     const struct xnb_qstats *v),
			void *arg);
void xnb_vif_stats_fold(struct xnb_vif *vif, unsigned int nq);

/* xenbus_dev_fatal() for errors a frontend can cause at will (bad keys,
 * reconnected in a loop): the device still goes to Closing every time,
 * but the log line (and the XenStore error node) is rate limited per vif.
 */
#define xnb_fe_fatal(vif, err, fmt, ...)				\
do {									\
	struct xnb_vif *__xnb_vif = (vif);				\
									\
	if (__ratelimit(&__xnb_vif->log_rs))				\
		xenbus_dev_fatal(__xnb_vif->xdev, err, fmt,		\
				 ##__VA_ARGS__);			\
	else								\
		xenbus_switch_state(__xnb_vif->xdev,			\
				    XenbusStateClosing);		\
} while (0)

/* Log lines about a vif's (re)connections, rate limited per vif. */
#define xnb_vif_log(vif, level, fmt, ...)				\
do {									\
	struct xnb_vif *__xnb_vif = (vif);				\
									\
	if (__ratelimit(&__xnb_vif->log_rs))				\
		dev_##level(&__xnb_vif->xdev->dev, fmt, ##__VA_ARGS__);	\
} while (0)

/* For "%*pE": print at most XNB_LOG_STR_MAX bytes of a guest string. */
static inline int xnb_log_len(const char *s)
{
	return s ? strnlen(s, XNB_LOG_STR_MAX) : 0;
}

static inline bool xnb_vif_disabled(const struct xnb_vif *vif)
{
	return READ_ONCE(vif->disabled);
}

/* True if every grant copy of a batch slice succeeded. */
static inline bool xnb_copy_ops_ok(const struct gnttab_copy *ops,
				   unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (ops[i].status != GNTST_okay)
			return false;
	return true;
}

/* tx.c: guest TX, NAPI */
void xnb_tx_init_limits(void);
int xnb_tx_poll(struct napi_struct *napi, int budget);
void xnb_tx_credit_timer(struct timer_list *t);
void xnb_tx_credit_reset(struct xnb_queue *q);

/* rx.c: guest RX, one kthread per queue */
netdev_tx_t xnb_start_xmit(struct sk_buff *skb, struct net_device *dev);
int xnb_rx_thread(void *data);
void xnb_rx_kick(struct xnb_queue *q);
enum hrtimer_restart xnb_rx_kick_timer(struct hrtimer *t);
void xnb_rx_purge(struct xnb_queue *q);
bool xnb_rx_event_work(struct xnb_queue *q);

/* hash.c: control ring, Toeplitz queue selection, multicast filter */
int xnb_ctrl_connect(struct xnb_vif *vif, grant_ref_t ref,
		     evtchn_port_t evtchn);
void xnb_ctrl_work(struct work_struct *work);
void xnb_ctrl_disconnect(struct xnb_vif *vif);
int xnb_ctrl_copy_in(struct xnb_vif *vif, u32 gref, u32 len);
u16 xnb_select_queue(struct net_device *dev, struct sk_buff *skb,
		     struct net_device *sb_dev);
bool xnb_hash_extra(struct xnb_vif *vif, const struct sk_buff *skb,
		    struct xnif_extra_info *ex);
void xnb_mcast_reset(struct xnb_vif *vif);
int xnb_mcast_add(struct xnb_vif *vif, const u8 *addr);
void xnb_mcast_del(struct xnb_vif *vif, const u8 *addr);
bool xnb_mcast_pass(struct xnb_vif *vif, const struct sk_buff *skb);

/* debugfs.c */
void xnb_debugfs_add(struct xnb_vif *vif);
void xnb_debugfs_del(struct xnb_vif *vif);
void xnb_debugfs_init(void);
void xnb_debugfs_exit(void);

/* ethtool.c */
extern const struct ethtool_ops xnb_ethtool_ops;

/* ring.c: multi-page rings */
extern unsigned int xnb_max_ring_page_order;
int xnb_ring_advertise(struct xnb_vif *vif);
int xnb_ring_read_order(struct xnb_vif *vif, unsigned int nq,
			unsigned int *order);
int xnb_ring_read_refs(struct xnb_vif *vif, unsigned int nq, unsigned int i,
		       unsigned int order, grant_ref_t *tx_refs,
		       grant_ref_t *rx_refs);

/* Memory (skb truesize, so tiny packets count what they really hold)
 * queued for guest RX before the netdev queue stops and further packets
 * are dropped: grows with the ring, which holds as many more, up to
 * XNB_RX_QUEUE_MAX (order 2).
 */
static inline unsigned int xnb_rx_queue_limit(const struct xnb_queue *q)
{
	return min_t(unsigned int, XNB_RX_QUEUE_MAX, XNB_RX_QUEUE_BYTES *
		     (RING_SIZE(&q->rx) / XNIF_RX_RING_SIZE));
}

/* staging.c: staging grants, connected and disconnected with the queue */
int xnb_stg_write_features(struct xenbus_transaction xbt,
			   struct xnb_vif *vif);
int xnb_stg_connect(struct xnb_queue *q, unsigned int nq, unsigned int order);
void xnb_stg_disconnect(struct xnb_queue *q);
unsigned int xnb_stg_maps_total(void);
int xnb_maps_take(struct xnb_vif *vif, unsigned int nr);
void xnb_maps_put(struct xnb_vif *vif, unsigned int nr);

/* gref.c: Xen's gref mapping control requests */
void xnb_gref_ctrl(struct xnb_vif *vif, const struct xnif_ctrl_request *req,
		   struct xnif_ctrl_response *rsp);
void xnb_gref_disconnect(struct xnb_vif *vif);
bool xnb_gref_copy(struct xnb_queue *q, u32 ref, unsigned int off,
		   void *buf, unsigned int len, bool to_guest);
void xnb_gref_stats(const struct xnb_queue *q, u64 *tx_copies, u64 *tx_bytes,
		    u64 *rx_copies, u64 *rx_bytes);

/* xenbus.c: the xenbus driver */
int xnb_read_queue_key(struct xnb_vif *vif, unsigned int nq, unsigned int i,
		       const char *key, u32 *val);
int xnb_xenbus_register(void);
void xnb_xenbus_unregister(void);

#endif /* _XEN_NETBACK_COMMON_H */
