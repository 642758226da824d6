/* shou-global-search.h: the search's scope and its results. A search looks
 * in every account, shop and view by default, or in the shown view only
 * (the toggle 仅此视图 beside the entry); the results then say each
 * request's view and shop, and opening one (Enter, double click) leaves the
 * search for that view and shop with the request chosen.
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "shou-window-private.h"

G_BEGIN_DECLS

/* Puts the toggle beside the window's search entry and follows the queue. */
void shou_global_search_attach (ShouWindow *window);

G_END_DECLS
