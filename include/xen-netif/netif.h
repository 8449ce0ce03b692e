/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen PV network interface ("netif") wire format, as seen by our drivers.
 *
 * Written from the public protocol description.  Both ends of a vif share
 * rings of fixed-size slots in granted pages; the frontend (guest) posts
 * requests and the backend (driver domain) answers with responses in the
 * same slots.  All fields are in the native byte order of the guest, which
 * for x86 is little endian.  drivers/net/xen-netif/wire_check.c proves at
 * build time that every struct here matches the Xen public headers byte for
 * byte.
 *
 * Terms used below:
 *   FE    frontend, the guest's netfront
 *   BE    backend, netback in the driver domain
 *   slot  one ring entry; one slot carries data from at most one 4 KiB
 *         granted page
 *   chain the slots that together describe one packet
 *
 * Only <linux/types.h> types are used, so this header builds in the kernel
 * and in the user-space test harness (through its shim headers).
 */
#ifndef _XEN_NETIF_NETIF_H
#define _XEN_NETIF_NETIF_H

#include <linux/types.h>

/* Grant pages are always 4 KiB, whatever the kernel's PAGE_SIZE is. */
#define XNIF_PAGE_SHIFT		12
#define XNIF_PAGE_SIZE		(1U << XNIF_PAGE_SHIFT)

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

/*
 * A shared ring starts with a 64-byte header: four free-running u32 indexes
 * (req_prod, req_event, rsp_prod, rsp_event) and padding.  The rest of the
 * granted area holds the slots.  The slot count is the largest power of two
 * that fits, so an index is reduced to a slot with a simple mask.
 */
#define XNIF_SRING_HDR_SIZE	64

/* Bytes per slot: each ring slot is a union of its request and response. */
#define XNIF_TX_SLOT_SIZE	12	/* tx_request (12) / tx_response (4) */
#define XNIF_RX_SLOT_SIZE	8	/* rx_request (8) / rx_response (8) */
#define XNIF_CTRL_SLOT_SIZE	16	/* ctrl_request (16) / ctrl_response (12) */

/* Most pages one ring may span (a XenBus limit on grants per ring). */
#define XNIF_RING_MAX_PAGES	16

/*
 * Largest power of two not above @n, for 0 <= n < 0x10000, as a constant
 * expression (0 for 0).  Enough for XNIF_RING_MAX_PAGES of 8-byte slots.
 */
#define __XNIF_POW2_FLOOR(n)						\
	((n) >= 0x8000 ? 0x8000U : (n) >= 0x4000 ? 0x4000U :		\
	 (n) >= 0x2000 ? 0x2000U : (n) >= 0x1000 ? 0x1000U :		\
	 (n) >= 0x0800 ? 0x0800U : (n) >= 0x0400 ? 0x0400U :		\
	 (n) >= 0x0200 ? 0x0200U : (n) >= 0x0100 ? 0x0100U :		\
	 (n) >= 0x0080 ? 0x0080U : (n) >= 0x0040 ? 0x0040U :		\
	 (n) >= 0x0020 ? 0x0020U : (n) >= 0x0010 ? 0x0010U :		\
	 (n) >= 0x0008 ? 0x0008U : (n) >= 0x0004 ? 0x0004U :		\
	 (n) >= 0x0002 ? 0x0002U : (n) >= 0x0001 ? 0x0001U : 0U)

/*
 * Slots in a ring of @pages granted pages (1..XNIF_RING_MAX_PAGES) with
 * @slot_size bytes per slot.  xnif_ring_entries() is the run-time version.
 */
#define XNIF_RING_ENTRIES(pages, slot_size)				\
	__XNIF_POW2_FLOOR(((pages) * XNIF_PAGE_SIZE - XNIF_SRING_HDR_SIZE) / \
			  (slot_size))

#define XNIF_TX_RING_ENTRIES(pages)	XNIF_RING_ENTRIES(pages, XNIF_TX_SLOT_SIZE)
#define XNIF_RX_RING_ENTRIES(pages)	XNIF_RING_ENTRIES(pages, XNIF_RX_SLOT_SIZE)
#define XNIF_CTRL_RING_ENTRIES(pages)	XNIF_RING_ENTRIES(pages, XNIF_CTRL_SLOT_SIZE)

/* Single-page rings, the only kind upstream Linux uses: 256, 256, 128. */
#define XNIF_TX_RING_SIZE	XNIF_TX_RING_ENTRIES(1)
#define XNIF_RX_RING_SIZE	XNIF_RX_RING_ENTRIES(1)
#define XNIF_CTRL_RING_SIZE	XNIF_CTRL_RING_ENTRIES(1)

/* ------------------------------------------------------------------ */
/* Guest transmit (TX ring): FE -> BE                                  */
/* ------------------------------------------------------------------ */

/*
 * TX request flags.  In a chain, the first slot carries the packet flags;
 * follow-on slots carry only XNIF_TXF_MORE_DATA.
 */
#define XNIF_TXF_CSUM_BLANK_BIT		0 /* L4 checksum left for BE to fill */
#define XNIF_TXF_DATA_VALIDATED_BIT	1 /* FE already checked the csum */
#define XNIF_TXF_MORE_DATA_BIT		2 /* another data slot follows */
#define XNIF_TXF_EXTRA_INFO_BIT		3 /* extra-info slot(s) follow */

#define XNIF_TXF_CSUM_BLANK		(1U << XNIF_TXF_CSUM_BLANK_BIT)
#define XNIF_TXF_DATA_VALIDATED		(1U << XNIF_TXF_DATA_VALIDATED_BIT)
#define XNIF_TXF_MORE_DATA		(1U << XNIF_TXF_MORE_DATA_BIT)
#define XNIF_TXF_EXTRA_INFO		(1U << XNIF_TXF_EXTRA_INFO_BIT)
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

/* RX response flags.  Note the first two bits are swapped against TX. */
#define XNIF_RXF_DATA_VALIDATED_BIT	0 /* BE (or sender) checked csum */
#define XNIF_RXF_CSUM_BLANK_BIT		1 /* L4 checksum not filled in */
#define XNIF_RXF_MORE_DATA_BIT		2 /* another data slot follows */
#define XNIF_RXF_EXTRA_INFO_BIT		3 /* extra-info slot(s) follow */
#define XNIF_RXF_GSO_PREFIX_BIT		4 /* deprecated GSO prefix slot */

#define XNIF_RXF_DATA_VALIDATED		(1U << XNIF_RXF_DATA_VALIDATED_BIT)
#define XNIF_RXF_CSUM_BLANK		(1U << XNIF_RXF_CSUM_BLANK_BIT)
#define XNIF_RXF_MORE_DATA		(1U << XNIF_RXF_MORE_DATA_BIT)
#define XNIF_RXF_EXTRA_INFO		(1U << XNIF_RXF_EXTRA_INFO_BIT)
#define XNIF_RXF_GSO_PREFIX		(1U << XNIF_RXF_GSO_PREFIX_BIT)
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
 * Response status codes (TX status, negative RX status).  XNIF_RSP_NULL
 * marks a response to an extra-info slot, which carries no result.
 */
#define XNIF_RSP_DROPPED	(-2)	/* packet dropped (e.g. no space) */
#define XNIF_RSP_ERROR		(-1)	/* packet rejected as malformed */
#define XNIF_RSP_OKAY		0	/* packet handled */
#define XNIF_RSP_NULL		1	/* no result: extra-info slot */

/* ------------------------------------------------------------------ */
/* Extra-info slots (both rings)                                       */
/* ------------------------------------------------------------------ */

/* Extra-info types; each type says which member of the union is used. */
#define XNIF_EXTRA_TYPE_NONE		0 /* never valid on the wire */
#define XNIF_EXTRA_TYPE_GSO		1 /* u.gso: segmentation offload */
#define XNIF_EXTRA_TYPE_MCAST_ADD	2 /* u.mcast: TX only, add filter */
#define XNIF_EXTRA_TYPE_MCAST_DEL	3 /* u.mcast: TX only, drop filter */
#define XNIF_EXTRA_TYPE_HASH		4 /* u.hash: flow hash of the packet */
#define XNIF_EXTRA_TYPE_XDP		5 /* u.xdp: RX only, XDP headroom */
#define XNIF_EXTRA_TYPE_MAX		6 /* one past the last valid type */

/* Extra-info flags. */
#define XNIF_EXTRA_FLAG_MORE_BIT	0 /* another extra-info slot follows */
#define XNIF_EXTRA_FLAG_MORE		(1U << XNIF_EXTRA_FLAG_MORE_BIT)

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
			u8 addr[XNIF_ETH_ALEN];	/* multicast MAC to add/del */
		} mcast;
		struct {
			u8 type;	/* XNIF_CTRL_HASH_TYPE_*_BIT: fields hashed */
			u8 algorithm;	/* XNIF_CTRL_HASH_ALGORITHM_* */
			u8 value[4];	/* the hash, least significant byte first */
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

/* Request types; data[] below is per type. */
#define XNIF_CTRL_TYPE_INVALID			0 /* never valid */
#define XNIF_CTRL_TYPE_GET_HASH_FLAGS		1 /* rsp data: supported hash types */
#define XNIF_CTRL_TYPE_SET_HASH_FLAGS		2 /* data[0]: hash types to use */
#define XNIF_CTRL_TYPE_SET_HASH_KEY		3 /* data[0]: gref, [1]: key bytes */
#define XNIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE	4 /* rsp data: max table entries */
#define XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE	5 /* data[0]: table entries */
#define XNIF_CTRL_TYPE_SET_HASH_MAPPING		6 /* data[0]: gref, [1]: entries, [2]: first entry */
#define XNIF_CTRL_TYPE_SET_HASH_ALGORITHM	7 /* data[0]: XNIF_CTRL_HASH_ALGORITHM_* */
#define XNIF_CTRL_TYPE_MAX			8 /* one past the last known type */

/* Response status values. */
#define XNIF_CTRL_STATUS_SUCCESS		0
#define XNIF_CTRL_STATUS_NOT_SUPPORTED		1 /* BE does not do this type */
#define XNIF_CTRL_STATUS_INVALID_PARAMETER	2 /* bad value in data[] */
#define XNIF_CTRL_STATUS_BUFFER_OVERFLOW	3 /* key or table too large */

/*
 * Hash types: which header fields go into the hash.  The bit numbers are
 * also the values of struct xnif_extra_info u.hash.type.
 */
#define XNIF_CTRL_HASH_TYPE_IPV4_BIT		0 /* IPv4 src + dst address */
#define XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT	1 /* ... plus TCP ports */
#define XNIF_CTRL_HASH_TYPE_IPV6_BIT		2 /* IPv6 src + dst address */
#define XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT	3 /* ... plus TCP ports */

#define XNIF_CTRL_HASH_TYPE_IPV4	(1U << XNIF_CTRL_HASH_TYPE_IPV4_BIT)
#define XNIF_CTRL_HASH_TYPE_IPV4_TCP	(1U << XNIF_CTRL_HASH_TYPE_IPV4_TCP_BIT)
#define XNIF_CTRL_HASH_TYPE_IPV6	(1U << XNIF_CTRL_HASH_TYPE_IPV6_BIT)
#define XNIF_CTRL_HASH_TYPE_IPV6_TCP	(1U << XNIF_CTRL_HASH_TYPE_IPV6_TCP_BIT)
#define XNIF_CTRL_HASH_TYPE_KNOWN	(XNIF_CTRL_HASH_TYPE_IPV4 |	\
					 XNIF_CTRL_HASH_TYPE_IPV4_TCP |	\
					 XNIF_CTRL_HASH_TYPE_IPV6 |	\
					 XNIF_CTRL_HASH_TYPE_IPV6_TCP)

/* Hash algorithms. */
#define XNIF_CTRL_HASH_ALGORITHM_NONE		0 /* BE steers as it likes */
#define XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ	1 /* keyed Toeplitz hash */

/* A control request, written by the FE. */
struct xnif_ctrl_request {
	u16 id;		/* FE's cookie, echoed in the response */
	u16 type;	/* XNIF_CTRL_TYPE_* */
	u32 data[3];	/* arguments, meaning set by type; unused ones zero */
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

#endif /* _XEN_NETIF_NETIF_H */
