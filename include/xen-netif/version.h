/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The version of xen-netif, xen-netfront and xen-netback: the one place it
 * is written.  MODULE_VERSION and ethtool -i show it; the top Makefile
 * reads it from here for make install, DKMS and the Debian package, so
 * keep the line below in this exact form.
 */
#ifndef _XEN_NETIF_VERSION_H
#define _XEN_NETIF_VERSION_H

#define XNIF_VERSION "0.1.0"

#endif /* _XEN_NETIF_VERSION_H */
