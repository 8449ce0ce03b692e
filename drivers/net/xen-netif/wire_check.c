// SPDX-License-Identifier: GPL-2.0-only
/*
 * Build-time proof that include/xen-netif/netif.h matches the Xen ABI.
 *
 * In the kernel the reference is <xen/interface/io/netif.h>; in the
 * user-space harness it is Xen's own public header <xen/io/netif.h> (from
 * libxen-dev), whose struct and flag names lack the "xen_"/"XEN_" prefix.
 * This file holds only static_asserts and generates no code.
 */
#include <linux/build_bug.h>
#include <linux/stddef.h>

#include <xen-netif/netif.h>
#include <xen-netif/ring.h>

#ifdef __KERNEL__
#include <xen/interface/io/netif.h>
#define REF(name)		xen_netif_##name
#define REF_TXF(name)		XEN_NETTXF_##name
#define REF_RXF(name)		XEN_NETRXF_##name
#define REF_RSP(name)		XEN_NETIF_RSP_##name
#else
#include <xen/io/netif.h>
#define REF(name)		netif_##name
#define REF_TXF(name)		NETTXF_##name
#define REF_RXF(name)		NETRXF_##name
#define REF_RSP(name)		NETIF_RSP_##name
#endif

/* Xen's grant page size, fixed by the ABI whatever PAGE_SIZE is. */
#define WC_GRANT_PAGE		4096

/* Expands @s before the ring macro pastes it into a struct name. */
#define WC_RING_SIZE(s, pages)	__CONST_RING_SIZE(s, (pages) * WC_GRANT_PAGE)

/* Same size. */
#define WC_SIZE(ours, ref)						\
	static_assert(sizeof(ours) == sizeof(ref),			\
		      "size of " #ours " differs from " #ref)

/* Field @f at the same offset and of the same size. */
#define WC_FIELD(ours, ref, f)						\
	static_assert(offsetof(ours, f) == offsetof(ref, f) &&		\
		      sizeof_field(ours, f) == sizeof_field(ref, f),		\
		      #ours "." #f " differs from " #ref)

/* Same value. */
#define WC_VAL(ours, ref)						\
	static_assert((ours) == (ref), #ours " differs from " #ref)

/* TX request and response. */
WC_SIZE(struct xnif_tx_request, struct REF(tx_request));
WC_FIELD(struct xnif_tx_request, struct REF(tx_request), gref);
WC_FIELD(struct xnif_tx_request, struct REF(tx_request), offset);
WC_FIELD(struct xnif_tx_request, struct REF(tx_request), flags);
WC_FIELD(struct xnif_tx_request, struct REF(tx_request), id);
WC_FIELD(struct xnif_tx_request, struct REF(tx_request), size);
WC_SIZE(struct xnif_tx_response, struct REF(tx_response));
WC_FIELD(struct xnif_tx_response, struct REF(tx_response), id);
WC_FIELD(struct xnif_tx_response, struct REF(tx_response), status);

/* RX request and response. */
WC_SIZE(struct xnif_rx_request, struct REF(rx_request));
WC_FIELD(struct xnif_rx_request, struct REF(rx_request), id);
WC_FIELD(struct xnif_rx_request, struct REF(rx_request), pad);
WC_FIELD(struct xnif_rx_request, struct REF(rx_request), gref);
WC_SIZE(struct xnif_rx_response, struct REF(rx_response));
WC_FIELD(struct xnif_rx_response, struct REF(rx_response), id);
WC_FIELD(struct xnif_rx_response, struct REF(rx_response), offset);
WC_FIELD(struct xnif_rx_response, struct REF(rx_response), flags);
WC_FIELD(struct xnif_rx_response, struct REF(rx_response), status);

/* Extra info: header, then every member of the union. */
WC_SIZE(struct xnif_extra_info, struct REF(extra_info));
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), type);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), flags);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.gso.size);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.gso.type);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.gso.pad);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.gso.features);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.mcast.addr);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.hash.type);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.hash.algorithm);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.hash.value);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.pad);
#ifdef __KERNEL__
/* The XDP extra is Linux's addition to its copy of the header: no Xen
 * release's public header has u.xdp (up to 4.22 and master, Xen's extras
 * end at HASH), so only the kernel's copy can check it.
 */
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.xdp.headroom);
WC_FIELD(struct xnif_extra_info, struct REF(extra_info), u.xdp.pad);
#endif

/* Control ring (same struct names in both headers). */
WC_SIZE(struct xnif_ctrl_request, struct xen_netif_ctrl_request);
WC_FIELD(struct xnif_ctrl_request, struct xen_netif_ctrl_request, id);
WC_FIELD(struct xnif_ctrl_request, struct xen_netif_ctrl_request, type);
WC_FIELD(struct xnif_ctrl_request, struct xen_netif_ctrl_request, data);
WC_SIZE(struct xnif_ctrl_response, struct xen_netif_ctrl_response);
WC_FIELD(struct xnif_ctrl_response, struct xen_netif_ctrl_response, id);
WC_FIELD(struct xnif_ctrl_response, struct xen_netif_ctrl_response, type);
WC_FIELD(struct xnif_ctrl_response, struct xen_netif_ctrl_response, status);
WC_FIELD(struct xnif_ctrl_response, struct xen_netif_ctrl_response, data);

/* Our slot unions and ring entries (<xen-netif/ring.h>) against the
 * rings' own entry unions.
 */
WC_SIZE(union xnif_tx_slot, union REF(tx_sring_entry));
WC_SIZE(union xnif_rx_slot, union REF(rx_sring_entry));
WC_SIZE(union xnif_tx_sring_entry, union REF(tx_sring_entry));
WC_SIZE(union xnif_rx_sring_entry, union REF(rx_sring_entry));
WC_SIZE(union xnif_ctrl_sring_entry, union xen_netif_ctrl_sring_entry);

/* The grant page. */
WC_VAL(XNIF_PAGE_SIZE, WC_GRANT_PAGE);
WC_VAL(XNIF_PAGE_SIZE, 1U << XNIF_PAGE_SHIFT);

/* Ring sizes for every ring size we can describe, ours and Xen's, go
 * through enum constants first: the kernel's static_assert() stringifies
 * its expression, and the fully expanded __CONST_RING_SIZE() is too long
 * for sparse.
 */
enum {
	wc_tx_1 = WC_RING_SIZE(REF(tx), 1),
	wc_rx_1 = WC_RING_SIZE(REF(rx), 1),
	wc_ctrl_1 = WC_RING_SIZE(xen_netif_ctrl, 1),
	wc_tx_2 = WC_RING_SIZE(REF(tx), 2),
	wc_rx_2 = WC_RING_SIZE(REF(rx), 2),
	wc_ctrl_2 = WC_RING_SIZE(xen_netif_ctrl, 2),
	wc_tx_3 = WC_RING_SIZE(REF(tx), 3),
	wc_rx_3 = WC_RING_SIZE(REF(rx), 3),
	wc_ctrl_3 = WC_RING_SIZE(xen_netif_ctrl, 3),
	wc_tx_4 = WC_RING_SIZE(REF(tx), 4),
	wc_rx_4 = WC_RING_SIZE(REF(rx), 4),
	wc_ctrl_4 = WC_RING_SIZE(xen_netif_ctrl, 4),
	wc_tx_8 = WC_RING_SIZE(REF(tx), 8),
	wc_rx_8 = WC_RING_SIZE(REF(rx), 8),
	wc_ctrl_8 = WC_RING_SIZE(xen_netif_ctrl, 8),
	wc_tx_16 = WC_RING_SIZE(REF(tx), 16),
	wc_rx_16 = WC_RING_SIZE(REF(rx), 16),
	wc_ctrl_16 = WC_RING_SIZE(xen_netif_ctrl, 16),
	wc_our_tx_1 = XNIF_TX_RING_ENTRIES(1),
	wc_our_rx_1 = XNIF_RX_RING_ENTRIES(1),
	wc_our_ctrl_1 = XNIF_CTRL_RING_ENTRIES(1),
	wc_our_tx_2 = XNIF_TX_RING_ENTRIES(2),
	wc_our_rx_2 = XNIF_RX_RING_ENTRIES(2),
	wc_our_ctrl_2 = XNIF_CTRL_RING_ENTRIES(2),
	wc_our_tx_3 = XNIF_TX_RING_ENTRIES(3),
	wc_our_rx_3 = XNIF_RX_RING_ENTRIES(3),
	wc_our_ctrl_3 = XNIF_CTRL_RING_ENTRIES(3),
	wc_our_tx_4 = XNIF_TX_RING_ENTRIES(4),
	wc_our_rx_4 = XNIF_RX_RING_ENTRIES(4),
	wc_our_ctrl_4 = XNIF_CTRL_RING_ENTRIES(4),
	wc_our_tx_8 = XNIF_TX_RING_ENTRIES(8),
	wc_our_rx_8 = XNIF_RX_RING_ENTRIES(8),
	wc_our_ctrl_8 = XNIF_CTRL_RING_ENTRIES(8),
	wc_our_tx_16 = XNIF_TX_RING_ENTRIES(16),
	wc_our_rx_16 = XNIF_RX_RING_ENTRIES(16),
	wc_our_ctrl_16 = XNIF_CTRL_RING_ENTRIES(16),
};

/* Our ring sizes for @pages granted pages against those. */
#define WC_RING(pages)							\
	static_assert(wc_our_tx_##pages == wc_tx_##pages &&		\
		      wc_our_rx_##pages == wc_rx_##pages &&		\
		      wc_our_ctrl_##pages == wc_ctrl_##pages,		\
		      "ring sizes of " #pages " pages differ from Xen's")

WC_RING(1);
WC_RING(2);
WC_RING(3);
WC_RING(4);
WC_RING(8);
WC_RING(16);

/* The single-page rings every Linux end uses. */
static_assert(wc_our_tx_1 == 256 && wc_our_rx_1 == 256 &&
	      wc_our_ctrl_1 == 128, "single-page ring sizes changed");

/* Flag bits. */
WC_VAL(XNIF_TXF_CSUM_BLANK, REF_TXF(csum_blank));
WC_VAL(XNIF_TXF_DATA_VALIDATED, REF_TXF(data_validated));
WC_VAL(XNIF_TXF_MORE_DATA, REF_TXF(more_data));
WC_VAL(XNIF_TXF_EXTRA_INFO, REF_TXF(extra_info));
WC_VAL(XNIF_RXF_DATA_VALIDATED, REF_RXF(data_validated));
WC_VAL(XNIF_RXF_CSUM_BLANK, REF_RXF(csum_blank));
WC_VAL(XNIF_RXF_MORE_DATA, REF_RXF(more_data));
WC_VAL(XNIF_RXF_EXTRA_INFO, REF_RXF(extra_info));
WC_VAL(XNIF_RXF_GSO_PREFIX, REF_RXF(gso_prefix));
WC_VAL(XNIF_EXTRA_FLAG_MORE, XEN_NETIF_EXTRA_FLAG_MORE);

/* Extra-info and GSO types. */
WC_VAL(XNIF_EXTRA_TYPE_NONE, XEN_NETIF_EXTRA_TYPE_NONE);
WC_VAL(XNIF_EXTRA_TYPE_GSO, XEN_NETIF_EXTRA_TYPE_GSO);
WC_VAL(XNIF_EXTRA_TYPE_MCAST_ADD, XEN_NETIF_EXTRA_TYPE_MCAST_ADD);
WC_VAL(XNIF_EXTRA_TYPE_MCAST_DEL, XEN_NETIF_EXTRA_TYPE_MCAST_DEL);
WC_VAL(XNIF_EXTRA_TYPE_HASH, XEN_NETIF_EXTRA_TYPE_HASH);
#ifdef __KERNEL__
WC_VAL(XNIF_EXTRA_TYPE_XDP, XEN_NETIF_EXTRA_TYPE_XDP);
WC_VAL(XNIF_EXTRA_TYPE_MAX, XEN_NETIF_EXTRA_TYPE_MAX);
WC_VAL(XNIF_MAX_XDP_HEADROOM, XEN_NETIF_MAX_XDP_HEADROOM);
#endif
WC_VAL(XNIF_GSO_TYPE_NONE, XEN_NETIF_GSO_TYPE_NONE);
WC_VAL(XNIF_GSO_TYPE_TCPV4, XEN_NETIF_GSO_TYPE_TCPV4);
WC_VAL(XNIF_GSO_TYPE_TCPV6, XEN_NETIF_GSO_TYPE_TCPV6);

/* Status codes and limits. */
WC_VAL(XNIF_RSP_DROPPED, REF_RSP(DROPPED));
WC_VAL(XNIF_RSP_ERROR, REF_RSP(ERROR));
WC_VAL(XNIF_RSP_OKAY, REF_RSP(OKAY));
WC_VAL(XNIF_RSP_NULL, REF_RSP(NULL));
WC_VAL(XNIF_NR_SLOTS_MIN, XEN_NETIF_NR_SLOTS_MIN);
WC_VAL(XNIF_MAX_TX_SIZE, XEN_NETIF_MAX_TX_SIZE);

/* Control ring types, statuses, hash types and algorithms. */
WC_VAL(XNIF_CTRL_TYPE_INVALID, XEN_NETIF_CTRL_TYPE_INVALID);
WC_VAL(XNIF_CTRL_TYPE_GET_HASH_FLAGS, XEN_NETIF_CTRL_TYPE_GET_HASH_FLAGS);
WC_VAL(XNIF_CTRL_TYPE_SET_HASH_FLAGS, XEN_NETIF_CTRL_TYPE_SET_HASH_FLAGS);
WC_VAL(XNIF_CTRL_TYPE_SET_HASH_KEY, XEN_NETIF_CTRL_TYPE_SET_HASH_KEY);
WC_VAL(XNIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE, XEN_NETIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE);
WC_VAL(XNIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE, XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE);
WC_VAL(XNIF_CTRL_TYPE_SET_HASH_MAPPING, XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING);
WC_VAL(XNIF_CTRL_TYPE_SET_HASH_ALGORITHM, XEN_NETIF_CTRL_TYPE_SET_HASH_ALGORITHM);
#ifndef __KERNEL__
/* Xen's gref-mapping types (Xen 4.10 on); the kernel's copy stops at 7. */
WC_VAL(XNIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE, XEN_NETIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE);
WC_VAL(XNIF_CTRL_TYPE_ADD_GREF_MAPPING, XEN_NETIF_CTRL_TYPE_ADD_GREF_MAPPING);
WC_VAL(XNIF_CTRL_TYPE_DEL_GREF_MAPPING, XEN_NETIF_CTRL_TYPE_DEL_GREF_MAPPING);
/* ... and their table entry, also missing from the kernel's copy. */
WC_SIZE(struct xnif_gref, struct xen_netif_gref);
WC_FIELD(struct xnif_gref, struct xen_netif_gref, ref);
WC_FIELD(struct xnif_gref, struct xen_netif_gref, flags);
WC_FIELD(struct xnif_gref, struct xen_netif_gref, status);
WC_VAL(XNIF_CTRLF_GREF_READONLY_BIT, _XEN_NETIF_CTRLF_GREF_readonly);
WC_VAL(XNIF_CTRLF_GREF_READONLY, XEN_NETIF_CTRLF_GREF_readonly);
#endif
/* Whatever the reference: the table entry is 8 bytes, ref at 0. */
static_assert(sizeof(struct xnif_gref) == 8 &&
	      offsetof(struct xnif_gref, ref) == 0 &&
	      offsetof(struct xnif_gref, flags) == 4 &&
	      offsetof(struct xnif_gref, status) == 6,
	      "struct xnif_gref is not Xen's 8-byte entry");
WC_VAL(XNIF_CTRL_STATUS_SUCCESS, XEN_NETIF_CTRL_STATUS_SUCCESS);
WC_VAL(XNIF_CTRL_STATUS_NOT_SUPPORTED, XEN_NETIF_CTRL_STATUS_NOT_SUPPORTED);
WC_VAL(XNIF_CTRL_STATUS_INVALID_PARAMETER, XEN_NETIF_CTRL_STATUS_INVALID_PARAMETER);
WC_VAL(XNIF_CTRL_STATUS_BUFFER_OVERFLOW, XEN_NETIF_CTRL_STATUS_BUFFER_OVERFLOW);
WC_VAL(XNIF_CTRL_HASH_TYPE_IPV4, XEN_NETIF_CTRL_HASH_TYPE_IPV4);
WC_VAL(XNIF_CTRL_HASH_TYPE_IPV4_TCP, XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP);
WC_VAL(XNIF_CTRL_HASH_TYPE_IPV6, XEN_NETIF_CTRL_HASH_TYPE_IPV6);
WC_VAL(XNIF_CTRL_HASH_TYPE_IPV6_TCP, XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP);
WC_VAL(XNIF_CTRL_HASH_ALGORITHM_NONE, XEN_NETIF_CTRL_HASH_ALGORITHM_NONE);
WC_VAL(XNIF_CTRL_HASH_ALGORITHM_TOEPLITZ, XEN_NETIF_CTRL_HASH_ALGORITHM_TOEPLITZ);
