/* shou-request-list-diff.h: the edits that turn the rows a list showed
 * into the rows it has now, so that a refresh after a store change tells
 * a list view of the rows that changed and not of every row. */
#pragma once

#include "shou-request-item-private.h"

G_BEGIN_DECLS

/* One items-changed: at @position, @removed rows go and @added rows come
 * (the rows of the new list from @position on). */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} ShouListEdit;

/* The edits, in order, from @old_items to @new_items (both of
 * ShouRequestItem). A row of the same key and content is kept; the same
 * key with other content is replaced where it is; a row that moved goes
 * and comes again. Consecutive edits are merged. */
GArray *shou_request_list_diff (GPtrArray *old_items,
                                GPtrArray *new_items);

G_END_DECLS
