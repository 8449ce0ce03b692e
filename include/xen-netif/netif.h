/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen PV network interface ("netif") wire format, as seen by our drivers.
 *
 * Written from the public protocol description.  Both ends of a vif share
 * rings of fixed-size slots in granted pages; the frontend (guest) posts
 * requests and the backend (driver domain) answers with responses in the
 * same slots.  All fields, including those of the staging data list, are
 * in the native byte order of the guest, which on every Xen architecture
 * running PV or PVH network guests today (x86, Arm) is little endian.
 *
 * This is a "Linux-extended" header: besides Xen's public io/netif.h it
 * has what Linux added to its own copy (the XDP extra and its headroom,
 * which no Xen release defines) and our own extensions (multi-page rings,
 * staging grants; Documentation/networking/xen-netif.rst, protocol 1.1).
 * drivers/net/xen-netif/wire_check.c proves at build time that the
 * structs and values here match Xen's public header (user-space harness)
 * and the kernel's copy (kernel build); the Linux additions can only be
 * checked against the kernel's copy.
 *
 * Terms used below:
 *   FE    frontend, the guest's netfront
 *   BE    backend, netback in the driver domain
 *   slot  one ring entry; one slot carries data from at most one 4 KiB
 *         granted page
 *   chain the slots that together describe one packet
 *
 * Only <linux/types.h> types and BIT() are used, so this header builds
 * in the kernel and in the user-space test harness (through its shim
 * headers).
 */
#ifndef _XEN_NETIF_NETIF_H
#define _XEN_NETIF_NETIF_H

#include <linux/bits.h>
#include <linux/types.h>

/*
 * Grant pages are always 4 KiB, whatever the kernel's PAGE_SIZE is.  An
 * unsigned int, not BIT()'s unsigned long: offsets and lengths are u32.
 */
#define XNIF_PAGE_SHIFT		12
#define XNIF_PAGE_SIZE		4096U

/* Bytes in an Ethernet header and in a MAC address. */
#define XNIF_ETH_HLEN		14
#define XNIF_ETH_ALEN		6

/*
 * Every backend must accept a packet spread over this many data slots: the
 * old Linux MAX_SKB_FRAGS, which most frontends were built against.
 */
#define XNIF_NR_SLOTS_MIN	18

/* Largest packet a TX chain can describe: the first slot's u16 size. */
#define XNIF_MAX_TX_SIZE	0xFFFF

/* Largest "xdp-headroom" value a frontend may ask for, in bytes. */
#define XNIF_MAX_XDP_HEADROOM	0x7FFF

/*
 * Slots needed by a 64 KiB packet in the worst case: 16 full pages plus
 * one more when the data does not start on a page boundary.
 */
#define XNIF_MAX_SLOTS_64K	(65536 / XNIF_PAGE_SIZE + 1)

/* ------------------------------------------------------------------ */
/* Shared rings                                                        */
/* ------------------------------------------------------------------ */

/* The ring types and slot counts are in <xen-netif/ring.h>. */

/* Most pages one ring may span (a XenBus limit on grants per ring). */
#define XNIF_RING_MAX_PAGES	16

/*
 * Multi-page rings (ours; no stock Linux end knows these keys).  A ring
 * spans 2^order granted pages, order 0..XNIF_RING_MAX_ORDER.
 *
 *   BE dir  "max-ring-page-order"  highest order the BE accepts; the BE
 *                                  writes it before every InitWait and
 *                                  deletes it when its device is removed;
 *                                  absent means 0
 *   FE dir  "ring-page-order"      order of every ring of every queue;
 *                                  absent or "0": order 0 (ours writes it
 *                                  only when above 0)
 *   FE (per queue: in the FE dir when "multi-queue-num-queues" is absent
 *       or 1, else under "queue-N/")
 *           "tx-ring-ref%u", "rx-ring-ref%u"
 *                                  when the order is above 0: one key per
 *                                  page, %u = 0 .. 2^order - 1, decimal
 *                                  without leading zeros, in place of the
 *                                  order-0 "tx-ring-ref" / "rx-ring-ref"
 *
 * The pages of a ring are consecutive in the ring's address space in key
 * order: page 0 holds the 64-byte header and the first slots.  Order 0
 * is exactly the single-page protocol.  The BE refuses (xenbus_dev_fatal,
 * vif not connected) an order above what it advertised, a malformed
 * order, a missing, malformed or extra ref key and a grant given twice.
 * One exception: an unnumbered "tx-ring-ref" of queue 0 beside a non-zero
 * order is a leftover of a frontend that knows no orders (a kernel
 * started by kexec after ours); the BE then uses order 0 and ignores the
 * staging keys.
 */
#define XNIF_RING_MAX_ORDER	4
#define XNIF_KEY_MAX_RING_ORDER	"max-ring-page-order"
#define XNIF_KEY_RING_ORDER	"ring-page-order"

/* ------------------------------------------------------------------ */
/* Guest transmit (TX ring): FE -> BE                                  */
/* ------------------------------------------------------------------ */

/*
 * TX request flags: bit numbers, then masks.  The first slot of a chain
 * carries the packet's flags; follow-on slots carry only MORE_DATA.
 *   CSUM_BLANK      the L4 checksum is not filled in; the BE must do it
 *   DATA_VALIDATED  the FE has already checked the checksum
 *   MORE_DATA       another data slot follows
 *   EXTRA_INFO      extra-info slot(s) follow this first slot
 */
#define XNIF_TXF_CSUM_BLANK_BIT		0
#define XNIF_TXF_DATA_VALIDATED_BIT	1
#define XNIF_TXF_MORE_DATA_BIT		2
#define XNIF_TXF_EXTRA_INFO_BIT		3

#define XNIF_TXF_CSUM_BLANK		BIT(XNIF_TXF_CSUM_BLANK_BIT)
#define XNIF_TXF_DATA_VALIDATED		BIT(XNIF_TXF_DATA_VALIDATED_BIT)
#define XNIF_TXF_MORE_DATA		BIT(XNIF_TXF_MORE_DATA_BIT)
#define XNIF_TXF_EXTRA_INFO		BIT(XNIF_TXF_EXTRA_INFO_BIT)
#define XNIF_TXF_KNOWN			(XNIF_TXF_CSUM_BLANK |		\
					 XNIF_TXF_DATA_VALIDATED |	\
					 XNIF_TXF_MORE_DATA |		\
					 XNIF_TXF_EXTRA_INFO)

/*
 * One TX request slot, written by the FE.
 *
 * A packet is sent as: first slot, then the extra-info slots if the first
 * slot has XNIF_TXF_EXTRA_INFO (each further one announced by
 * XNIF_EXTRA_FLAG_MORE on the previous), then the follow-on data slots, one
 * per XNIF_TXF_MORE_DATA.  Unlike RX, the first slot's size is the length
 * of the whole packet; its own data length is that minus the sizes of all
 * follow-on slots.
 */
struct xnif_tx_request {
	u32 gref;	/* grant reference of the page holding the data */
	u16 offset;	/* byte offset of the data within that page */
	u16 flags;	/* XNIF_TXF_* */
	u16 id;		/* FE's cookie, echoed in the response */
	u16 size;	/* first slot: packet length; others: bytes in slot */
};

/*
 * One TX response, written by the BE into the slot of the request it
 * answers.  Every slot of a chain gets a response: data slots get their
 * request's id and the packet status, extra-info slots get XNIF_RSP_NULL.
 */
struct xnif_tx_response {
	u16 id;		/* id of the request being answered */
	s16 status;	/* XNIF_RSP_* */
};

/* ------------------------------------------------------------------ */
/* Guest receive (RX ring): BE -> FE                                   */
/* ------------------------------------------------------------------ */

/*
 * RX response flags: bit numbers, then masks.  The first two bits are in
 * the opposite order to TX.  Set by the BE on the first slot, except
 * MORE_DATA, which any data slot may carry.
 *   DATA_VALIDATED  the checksum has been checked (by the BE or sender)
 *   CSUM_BLANK      the L4 checksum is not filled in
 *   MORE_DATA       another data slot follows
 *   EXTRA_INFO      extra-info slot(s) follow this first slot
 *   GSO_PREFIX      deprecated: a GSO prefix slot precedes the packet
 */
#define XNIF_RXF_DATA_VALIDATED_BIT	0
#define XNIF_RXF_CSUM_BLANK_BIT		1
#define XNIF_RXF_MORE_DATA_BIT		2
#define XNIF_RXF_EXTRA_INFO_BIT		3
#define XNIF_RXF_GSO_PREFIX_BIT		4

#define XNIF_RXF_DATA_VALIDATED		BIT(XNIF_RXF_DATA_VALIDATED_BIT)
#define XNIF_RXF_CSUM_BLANK		BIT(XNIF_RXF_CSUM_BLANK_BIT)
#define XNIF_RXF_MORE_DATA		BIT(XNIF_RXF_MORE_DATA_BIT)
#define XNIF_RXF_EXTRA_INFO		BIT(XNIF_RXF_EXTRA_INFO_BIT)
#define XNIF_RXF_GSO_PREFIX		BIT(XNIF_RXF_GSO_PREFIX_BIT)
#define XNIF_RXF_KNOWN			(XNIF_RXF_DATA_VALIDATED |	\
					 XNIF_RXF_CSUM_BLANK |		\
					 XNIF_RXF_MORE_DATA |		\
					 XNIF_RXF_EXTRA_INFO |		\
					 XNIF_RXF_GSO_PREFIX)

/* One RX request, written by the FE: an empty page for the BE to fill. */
struct xnif_rx_request {
	u16 id;		/* FE's cookie, echoed in the response */
	u16 pad;	/* unused, zero */
	u32 gref;	/* grant reference of the page to fill */
};

/*
 * One RX response, written by the BE into the same ring slot as the
 * request whose page it filled (FEs rely on the slot, not on id, because
 * extra-info slots overwrite the id field).  Unlike TX, every data slot's
 * status is the number of bytes in that slot; the packet length is the sum.
 */
struct xnif_rx_response {
	u16 id;		/* id of the request whose page was used */
	u16 offset;	/* where the data starts within that page */
	u16 flags;	/* XNIF_RXF_* */
	s16 status;	/* >= 0: bytes in this slot; < 0: XNIF_RSP_* error */
};

/*
 * Response status codes (TX status, negative RX status).
 *   DROPPED  the packet was dropped, e.g. for lack of space
 *   ERROR    the packet was refused as malformed
 *   OKAY     the packet was handled
 *   NULL     no result: the answer to an extra-info slot
 */
#define XNIF_RSP_DROPPED	(-2)
#define XNIF_RSP_ERROR		(-1)
#define XNIF_RSP_OKAY		0
#define XNIF_RSP_NULL		1

/* ------------------------------------------------------------------ */
/* Extra-info slots (both rings)                                       */
/* ------------------------------------------------------------------ */

/*
 * Extra-info types; the type says which member of the union is used.
 *   NONE       never valid on the wire
 *   GSO        u.gso: the packet is to be segmented (both rings)
 *   MCAST_ADD  u.mcast: add a multicast filter (TX only)
 *   MCAST_DEL  u.mcast: remove a multicast filter (TX only)
 *   HASH       u.hash: flow hash of the packet (both rings)
 *   XDP        u.xdp: headroom left before the data (RX only); Linux's
 *              addition, in no Xen release's header (whose MAX is 5), sent
 *              only to a FE that wrote "xdp-headroom"
 *   MAX        one past the last valid type
 */
#define XNIF_EXTRA_TYPE_NONE		0
#define XNIF_EXTRA_TYPE_GSO		1
#define XNIF_EXTRA_TYPE_MCAST_ADD	2
#define XNIF_EXTRA_TYPE_MCAST_DEL	3
#define XNIF_EXTRA_TYPE_HASH		4
#define XNIF_EXTRA_TYPE_XDP		5
#define XNIF_EXTRA_TYPE_MAX		6

/* Extra-info flags. */
#define XNIF_EXTRA_FLAG_MORE_BIT	0 /* another extra-info slot follows */
#define XNIF_EXTRA_FLAG_MORE		BIT(XNIF_EXTRA_FLAG_MORE_BIT)

/* u.gso.type: the protocol the packet is to be segmented as. */
#define XNIF_GSO_TYPE_NONE		0
#define XNIF_GSO_TYPE_TCPV4		1
#define XNIF_GSO_TYPE_TCPV6		2

/*
 * An extra-info slot.  It takes the place of a request (TX) or response
 * (RX) and so must fit in 8 bytes; on TX the last 4 bytes of the 12-byte
 * slot are unused.  It is written by the producer of the ring (FE on TX,
 * BE on RX) right after the first data slot of a packet.
 */
struct xnif_extra_info {
	u8 type;		/* XNIF_EXTRA_TYPE_* */
	u8 flags;		/* XNIF_EXTRA_FLAG_* */
	union {
		struct {
			u16 size;	/* payload bytes per segment (MSS) */
			u8 type;	/* XNIF_GSO_TYPE_* */
			u8 pad;		/* unused, zero */
			u16 features;	/* no feature bits defined; zero */
		} gso;
		struct {
			u8 addr[XNIF_ETH_ALEN];	/* the multicast MAC */
		} mcast;
		struct {
			u8 type;	/* XNIF_CTRL_HASH_TYPE_*_BIT */
			u8 algorithm;	/* XNIF_CTRL_HASH_ALGORITHM_* */
			u8 value[4];	/* the hash, LSB first */
		} hash;
		struct {
			u16 headroom;	/* bytes BE left before the data */
			u16 pad[2];	/* unused, zero */
		} xdp;
		u16 pad[3];		/* sets the size of the union */
	} u;
};

/* A TX ring slot as the BE reads it: a data request or an extra-info. */
union xnif_tx_slot {
	struct xnif_tx_request req;
	struct xnif_extra_info extra;
};

/* An RX ring slot as the FE reads it: a data response or an extra-info. */
union xnif_rx_slot {
	struct xnif_rx_response rsp;
	struct xnif_extra_info extra;
};

/* ------------------------------------------------------------------ */
/* Control ring: FE -> BE requests, BE -> FE responses                 */
/* ------------------------------------------------------------------ */

/*
 * Request types.  data[] of the request and data of the response, by type:
 *   INVALID                never valid
 *   GET_HASH_FLAGS         rsp data: the hash types the BE supports
 *   SET_HASH_FLAGS         data[0]: the hash types to use (0: no hashing)
 *   SET_HASH_KEY           data[0]: gref of the key, data[1]: key bytes
 *   GET_HASH_MAPPING_SIZE  rsp data: most mapping table entries supported
 *   SET_HASH_MAPPING_SIZE  data[0]: mapping table entries to use
 *   SET_HASH_MAPPING       data[0]: gref of u32 queue numbers, data[1]:
 *                          how many, data[2]: first table entry to set
 *   SET_HASH_ALGORITHM     data[0]: an XNIF_CTRL_HASH_ALGORITHM_* value
 *   MAX                    one past the last hash type; the gref types
 *                          below follow it.  Our BE answers NOT_SUPPORTED
 *                          to INVALID and to every type above
 *                          DEL_GREF_MAPPING
 */
#define XNIF_CTRL_TYPE_INVALID			0
#define XNIF_CTRL_TYPE_GET_HASH_FLAGS		1
#define XNIF_CTRL_TYPE_SET_HASH_FLAGS		2
#define XNIF_CTRL_TYPE_SET_HASH_KEY		3
#define XNIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE	4
#define XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE	5
#define XNIF_CTRL_TYPE_SET_HASH_MAPPING		6
#define XNIF_CTRL_TYPE_SET_HASH_ALGORITHM	7
#define XNIF_CTRL_TYPE_MAX			8

/*
 * Xen's gref-mapping requests (Xen's io/netif.h since 4.10, same names and
 * numbers; xen.git docs/misc/netif-staging-grants.pandoc): the FE asks the
 * BE to keep grants of its buffer pages mapped.  Our BE implements them
 * (Documentation/networking/xen-netif.rst, "Gref mapping"):
 *   GET_GREF_MAPPING_SIZE  data[0]: queue; rsp data: most grefs the BE
 *                          keeps mapped for that queue
 *   ADD_GREF_MAPPING       data[0]: queue, data[1]: gref of a page holding
 *                          struct xnif_gref entries from byte 0 (writable:
 *                          the BE writes each entry's status), data[2]:
 *                          how many.  All entries are mapped or none.
 *   DEL_GREF_MAPPING       same arguments; rsp data: entries unmapped, and
 *                          each entry's status says whether it was
 */
#define XNIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE	8
#define XNIF_CTRL_TYPE_ADD_GREF_MAPPING		9
#define XNIF_CTRL_TYPE_DEL_GREF_MAPPING		10

/*
 * Response status values.
 *   NOT_SUPPORTED      the BE does not implement this request type
 *   INVALID_PARAMETER  a value in data[] is not acceptable
 *   BUFFER_OVERFLOW    the key or mapping table is larger than supported
 */
#define XNIF_CTRL_STATUS_SUCCESS		0
#define XNIF_CTRL_STATUS_NOT_SUPPORTED		1
#define XNIF_CTRL_STATUS_INVALID_PARAMETER	2
#define XNIF_CTRL_STATUS_BUFFER_OVERFLOW	3

/*
 * Hash types: which header fields go into the hash.  The bit numbers are
 * also the values of struct xnif_extra_info u.hash.type.
 *   IPV4      IPv4 source and destination addresses
 *   IPV4_TCP  the same plus the TCP source and destination ports
 *   IPV6      IPv6 source and destination addresses
 *   IPV6_TCP  the same plus the TCP source and destination ports
 */
#define XNIF_CTRL_HASH_TYPE_IPV4_BIT		0
#define XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT	1
#define XNIF_CTRL_HASH_TYPE_IPV6_BIT		2
#define XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT	3

#define XNIF_CTRL_HASH_TYPE_IPV4	BIT(XNIF_CTRL_HASH_TYPE_IPV4_BIT)
#define XNIF_CTRL_HASH_TYPE_IPV4_TCP	BIT(XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT)
#define XNIF_CTRL_HASH_TYPE_IPV6	BIT(XNIF_CTRL_HASH_TYPE_IPV6_BIT)
#define XNIF_CTRL_HASH_TYPE_IPV6_TCP	BIT(XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT)
#define XNIF_CTRL_HASH_TYPE_KNOWN	(XNIF_CTRL_HASH_TYPE_IPV4 |	\
					 XNIF_CTRL_HASH_TYPE_IPV4_TCP |	\
					 XNIF_CTRL_HASH_TYPE_IPV6 |	\
					 XNIF_CTRL_HASH_TYPE_IPV6_TCP)

/*
 * Hash algorithms.  With NONE the BE picks queues as it likes; TOEPLITZ
 * is the keyed Toeplitz hash, its key set with SET_HASH_KEY.
 */
#define XNIF_CTRL_HASH_ALGORITHM_NONE		0
#define XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ	1

/* A control request, written by the FE. */
struct xnif_ctrl_request {
	u16 id;		/* FE's cookie, echoed in the response */
	u16 type;	/* XNIF_CTRL_TYPE_* */
	u32 data[3];	/* arguments by type; unused ones zero */
};

/*
 * A control response, written by the BE.  Responses may come back in any
 * order; match them by id.
 */
struct xnif_ctrl_response {
	u16 id;		/* id of the request being answered */
	u16 type;	/* type of the request being answered */
	u32 status;	/* XNIF_CTRL_STATUS_* */
	u32 data;	/* result, meaning set by type; zero if none */
};

/*
 * One entry of an ADD/DEL_GREF_MAPPING table (Xen's struct xen_netif_gref):
 * 8 bytes, XNIF_GREFS_PER_PAGE of them in the table's page.  status is
 * written by the BE (an XNIF_CTRL_STATUS_*); the FE need not clear it.
 */
struct xnif_gref {
	u32 ref;	/* grant of a FE page to map (IN) */
	u16 flags;	/* XNIF_CTRLF_GREF_* (IN) */
	u16 status;	/* XNIF_CTRL_STATUS_* of this entry (OUT) */
};

#define XNIF_CTRLF_GREF_READONLY_BIT	0
#define XNIF_CTRLF_GREF_READONLY	BIT(XNIF_CTRLF_GREF_READONLY_BIT)
#define XNIF_GREFS_PER_PAGE		(XNIF_PAGE_SIZE / 8)

/* ------------------------------------------------------------------ */
/* Staging grants (our extension; see Documentation/networking/        */
/* xen-netif.rst, "Staging grants")                                    */
/* ------------------------------------------------------------------ */

/*
 * With staging grants the FE gives the BE, per queue and direction, one
 * small buffer for every request id, granted once at connect time.  The
 * first bytes of a packet travel through that buffer by memcpy instead of
 * a grant copy.
 *
 * XenStore keys:
 *   BE  feature-staging-grants   "1" when the BE understands the keys below
 *   BE  staging-max-data-len     largest {tx,rx}-data-len it accepts
 *                                (1..XNIF_STAGING_MAX_LEN)
 *       (both written before every InitWait, deleted when the BE device
 *       is removed)
 *   FE  tx-data-len, rx-data-len bytes in each staging buffer
 *                                (1..staging-max-data-len); 0 or absent:
 *                                no staging in that direction, and its ref
 *                                keys are ignored
 *   FE  tx-data-ref, rx-data-ref at ring order 0: grant of the one page
 *                                of the data list
 *   FE  tx-data-ref%u, rx-data-ref%u
 *                                above order 0: grants of list pages
 *                                0 .. n - 1, n = ceil(ring entries /
 *                                XNIF_DATA_ENTRIES_PER_PAGE), numbered
 *                                even when n is 1
 * The FE keys are per queue: in the FE dir with one queue, else under
 * queue-N/.  A length above 0 requires every ref key of its direction: a
 * missing or bad one, or a length above staging-max-data-len, is refused.
 *
 * The data list has exactly one entry per request id of its ring (ids
 * 0..ring entries - 1), XNIF_DATA_ENTRIES_PER_PAGE entries per list page,
 * with no terminating entry; entry i describes the buffer of request id
 * i.  So a FE that stages must number its request ids of that direction
 * from 0 to ring entries - 1, never beyond.  RX buffers are granted
 * writable; TX buffers and the list pages need only be readable.  Every
 * buffer lies inside one 4 KiB grant (offset + len <= 4096), buffers of
 * one list never overlap, a list names no more grants than
 * xnif_staging_buf_pages() and grant reference 0 is never valid.  A BE
 * refuses a list that breaks any of these rules and does not connect.
 */
#define XNIF_KEY_FEATURE_STAGING	"feature-staging-grants"
#define XNIF_KEY_STAGING_MAX_LEN	"staging-max-data-len"
/* "tx-data-len", "rx-data-ref", "tx-data-ref3", ...: see xnif_data_key() */
#define XNIF_KEY_DATA_LEN		"data-len"
#define XNIF_KEY_DATA_REF		"data-ref"

#define XNIF_STAGING_MAX_LEN		XNIF_PAGE_SIZE
#define XNIF_DATA_ENTRIES_PER_PAGE	(XNIF_PAGE_SIZE / 8)

/* Most ids a list may describe: the largest ring we negotiate. */
#define XNIF_DATA_MAX_IDS		4096

/* One data list entry: 8 bytes, little endian, 512 per list page. */
struct xnif_data_entry {
	u32 gref;	/* byte 0: grant of the page holding the buffer */
	u16 offset;	/* byte 4: where the buffer starts in that page */
	u16 flags;	/* byte 6: reserved, must be 0 */
};

/*
 * How staged bytes relate to the ring requests, per packet:
 *
 * TX: let first = bytes held by the first request's own buffer (its size
 * minus the sizes of the following data requests) and
 * staged = min(first, tx-data-len).  The FE copies the first "staged"
 * bytes of the packet into the buffer of the first request's id.  The
 * first request keeps describing the whole packet (size is the packet
 * length, as always); the BE takes bytes [0, staged) from the staging
 * buffer and bytes [staged, first) from the request's grant at
 * offset + staged.  When staged == first the first request's gref is not
 * used at all and the FE may leave it 0.  Later requests are unchanged.
 * The BE copies the staged bytes out of the buffer once, into its own
 * memory, and parses only that copy: the FE may rewrite the buffer at any
 * time.
 *
 * RX: for the first response of a packet (whose length is status), let
 * staged = min(status, rx-data-len).  The BE copies the first "staged"
 * bytes into the buffer of that response's id and the rest of that
 * slot's data into the granted page at offset + staged; the FE copies the
 * staged bytes back to offset, using only its own idea of "staged" (never
 * a length found in the buffer).  Later responses are unchanged.
 *
 * With XDP headroom h (the XDP extra's headroom) the BE still answers
 * offset 0 and a status that counts the headroom, as without staging, but
 * the buffer holds data only: staged = min(status - h, rx-data-len), the
 * BE puts the packet's first "staged" bytes in the buffer and the rest of
 * the slot's data in the page at offset + h + staged, and the FE copies
 * the staged bytes back to offset + h.  Buffer byte i is always byte i of
 * the packet, in both directions.
 *
 * Both ends keep their buffers for the whole connection: the FE ends the
 * grants (and frees the list and buffers) only after the BE left
 * Connected; the BE unmaps them when it disconnects.  A staging buffer
 * belongs to the BE from the moment its id is posted (RX) or pushed (TX)
 * until its response is seen, like the id's granted page.
 */

#endif /* _XEN_NETIF_NETIF_H */
