/* shou-request-list.h: a GListModel of ShouRequestItem over the cache.
 * Filtering, sorting and searching happen in SQL; rows are materialised a
 * page at a time, so the cost of opening, scrolling and filtering does not
 * grow with the cache. A search keeps the keys of its (capped) matches and
 * sorts them itself, finding them newest first in bounded steps. */
#pragma once

#include <gio/gio.h>

#include "shou-request-filter.h"
#include "shou-request-item.h"
#include "shou-view.h"

G_BEGIN_DECLS

#define SHOU_TYPE_REQUEST_LIST (shou_request_list_get_type ())
G_DECLARE_FINAL_TYPE (ShouRequestList, shou_request_list, SHOU, REQUEST_LIST, GObject)

typedef struct _ShouStore ShouStore;

/* Properties: "store", "view", "shop-id" (NULL = all shops), "search",
 * "sort-key", "sort-descending". Setting any of them re-queries and emits
 * items-changed. The list also follows the store's "changed" signal.
 * Read-only: "n-items", "searching", "capped". */
ShouRequestList *shou_request_list_new             (ShouStore       *store);
void             shou_request_list_set_view        (ShouRequestList *self,
                                                    ShouView         view);
ShouView         shou_request_list_get_view        (ShouRequestList *self);
void             shou_request_list_set_shop_id     (ShouRequestList *self,
                                                    const char      *shop_id);
const char      *shou_request_list_get_shop_id     (ShouRequestList *self);
void             shou_request_list_set_search      (ShouRequestList *self,
                                                    const char      *search);
const char      *shou_request_list_get_search      (ShouRequestList *self);
void             shou_request_list_set_sort        (ShouRequestList *self,
                                                    ShouSortKey      key,
                                                    gboolean         descending);
/* A team's queue: every request, those this account's token handles
 * ("mine") or those another staff member handles ("others'"). */
typedef enum
{
  SHOU_CLAIM_FILTER_ALL,
  SHOU_CLAIM_FILTER_MINE,
  SHOU_CLAIM_FILTER_OTHERS,
} ShouClaimFilter;
void             shou_request_list_set_claim_filter (ShouRequestList *self,
                                                     ShouClaimFilter  filter);
/* The queue's filters (shou-request-filter.h), copied; NULL or empty: none. */
void             shou_request_list_set_filter      (ShouRequestList         *self,
                                                    const ShouRequestFilter *filter);
const ShouRequestFilter *shou_request_list_get_filter (ShouRequestList   *self);
/* With @everywhere a search looks in every account, shop and view, past
 * the team and queue filters (the window's default); else within them.
 * Without a search it changes nothing. */
void             shou_request_list_set_search_everywhere (ShouRequestList *self,
                                                          gboolean         everywhere);
gboolean         shou_request_list_get_search_everywhere (ShouRequestList *self);
/* A search shows at most this many matches (the newest). */
#define SHOU_REQUEST_LIST_SEARCH_CAP 1000
/* TRUE when a search matched more rows than the list shows ("capped"). */
gboolean         shou_request_list_get_capped      (ShouRequestList *self);
/* A search finds the newest page of matches at once and the rest from an
 * idle source, emitting items-changed as they arrive (each change leaves
 * the positions before it alone). TRUE ("searching") until it is done:
 * an empty list is not "no results" yet. */
gboolean         shou_request_list_get_searching   (ShouRequestList *self);
/* A refresh replaces the rows in two items-changed: the old rows leave,
 * then the new ones come, at once. TRUE during the first: a handler that
 * reacts to what the list shows waits for the second. */
gboolean         shou_request_list_is_replacing    (ShouRequestList *self);
/* With a reveal step, a re-query (not a search) shows its first @step
 * rows and the rest as shou_request_list_reveal_more() is called (the
 * view calls it once a frame): a view switch paints its first screenful
 * without waiting for the widgets of every row GTK would make. TRUE
 * ("revealing") until every row is in. reveal_more() shows at least
 * @at_least rows and returns whether more remain. */
void             shou_request_list_set_reveal_step (ShouRequestList *self,
                                                    guint            step);
gboolean         shou_request_list_get_revealing   (ShouRequestList *self);
gboolean         shou_request_list_reveal_more     (ShouRequestList *self,
                                                    guint            at_least);
/* Position of a request in the current list, or -1. While revealing, it
 * may be at or past "n-items". */
int              shou_request_list_find            (ShouRequestList *self,
                                                    const char      *request_id);

/* A selection of the list's rows, by key: with @all every row of the
 * list (its view, shop, filter and search) except the keys in @ids, else
 * the rows among @ids (a set of keys; keys not in the list count for
 * nothing). Counted, summed and listed in SQL: selecting all of a large
 * view materialises none of its rows. Returns the count. */
guint            shou_request_list_summarize       (ShouRequestList *self,
                                                    gboolean         all,
                                                    GHashTable      *ids,
                                                    gint64          *total_fen);
/* The selection's keys in the list's order (element-type utf8). */
GPtrArray       *shou_request_list_selected_keys   (ShouRequestList *self,
                                                    gboolean         all,
                                                    GHashTable      *ids);
/* The keys of the rows at @position..@position+@n-1, without making
 * their items (a Shift-click range). */
GPtrArray       *shou_request_list_keys_in_range   (ShouRequestList *self,
                                                    guint            position,
                                                    guint            n);

G_END_DECLS
