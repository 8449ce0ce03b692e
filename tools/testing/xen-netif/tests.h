/* SPDX-License-Identifier: GPL-2.0-only */
/* The test groups of the xen-netif harness, one per shared source file. */
#ifndef _XNIF_TESTS_H
#define _XNIF_TESTS_H

#include <string.h>

#include "tap.h"

extern const struct xt_test ring_tests[];
extern const struct xt_test slots_tests[];
extern const struct xt_test tx_tests[];
extern const struct xt_test rx_tests[];
extern const struct xt_test xenstore_tests[];
extern const struct xt_test wire_tests[];
extern const struct xt_test staging_tests[];
extern const struct xt_test order_tests[];
extern const struct xt_test ctrl_tests[];
extern const struct xt_test copy_tests[];

#endif /* _XNIF_TESTS_H */
