/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User-space stand-in for the kernel's <xen/interface/io/ring.h>: the
 * kernel's file is its copy of Xen's public ring.h, so here we take Xen's
 * own, from libxen-dev (the same package wire_check.c's reference netif.h
 * comes from, which includes it too).  Only the types and the sizing are
 * used in user space; the push and check macros need the kernel.
 */
#ifndef _XNIF_SHIM_XEN_INTERFACE_IO_RING_H
#define _XNIF_SHIM_XEN_INTERFACE_IO_RING_H

#include <stddef.h>
#include <stdint.h>
#include <xen/io/ring.h>

#endif
