/* shou-request-list-search.h: a ShouRequestList's search. The words
 * choose an index (FTS trigrams, the two-character pair index, the order
 * number index, or none: LIKE), and matches stream in newest first, a
 * window of rids at a time; the list keeps and sorts them itself. */
#pragma once

#include "shou-request-list-private.h"

G_BEGIN_DECLS

/* Adds the search's SQL (search_sql) to a query built by
 * shou_request_list_build_filters(); nothing without search text. */
void     shou_request_list_search_build  (ShouRequestList *self);
/* Finds the first page of matches now; TRUE ("searching") when more
 * steps are to come (the caller schedules them). */
gboolean shou_request_list_search_start  (ShouRequestList *self);
/* The next window of rids, at most @limit matches; the first position
 * that changed, G_MAXUINT if none. */
guint    shou_request_list_search_step   (ShouRequestList *self,
                                          gint64           limit,
                                          gboolean         with_items);
void     shou_request_list_search_stop   (ShouRequestList *self);
/* Reads the rows of the matches around @position that have none yet. */
void     shou_request_list_search_fill   (ShouRequestList *self,
                                          guint            position);
/* Position of @request_id (a key) among the matches, or -1. */
int      shou_request_list_search_find   (ShouRequestList *self,
                                          const char      *request_id);

G_END_DECLS
