// SPDX-License-Identifier: GPL-2.0-only
/* Shared logic from drivers/net/xen-netif/, built into xen-netback. */
#include "../xen-netif/copy.c"
#include "../xen-netif/ctrl.c"
#include "../xen-netif/extra.c"
#include "../xen-netif/order.c"
#include "../xen-netif/ring.c"
#include "../xen-netif/rx.c"
#include "../xen-netif/slots.c"
#include "../xen-netif/staging.c"
#include "../xen-netif/tx.c"
#include "../xen-netif/txcopy.c"
#include "../xen-netif/wire_check.c"
#include "../xen-netif/xenstore.c"
