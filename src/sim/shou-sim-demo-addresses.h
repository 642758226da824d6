/* shou-sim-demo-addresses.h
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/* Two return addresses for @shop_id of @merchant (the first one the
 * default); @out_first gets the first as stored. */
gboolean shou_sim_demo_add_addresses (ShouHubStore  *db,
                                      const char    *shop_id,
                                      const char    *merchant,
                                      JsonObject   **out_first,
                                      GError       **error);

G_END_DECLS
