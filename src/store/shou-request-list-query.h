/* shou-request-list-query.h: the SQL of a ShouRequestList that filters
 * (view, shop), sorts and counts, and reads its rows a page at a time. */
#pragma once

#include "shou-request-list-private.h"

G_BEGIN_DECLS

/* The column a sort key orders by ("r.…"), NULL for the deadline. */
const char      *shou_request_list_sort_column     (ShouSortKey      key);
/* The ORDER BY of the list's rows. */
char            *shou_request_list_order_by        (ShouRequestList *self);
/* Appends the view's and the shop's conditions on table alias @t. */
void             shou_request_list_append_filters  (ShouRequestList *self,
                                                    GString         *where,
                                                    const char      *t);
void             shou_request_list_clear_query     (ShouRequestList *self);
/* Clears the query and builds the WHERE of the view and shop (no search). */
void             shou_request_list_build_filters   (ShouRequestList *self);
/* Binds ?1..?4, ?12, ?13 and ?15.. of the query (see build_filters). */
void             shou_request_list_bind_query      (ShouRequestList *self,
                                                    sqlite3_stmt    *stmt);
/* A row of ITEM_COLUMNS to an item. */
ShouRequestItem *shou_request_list_read_item       (ShouRequestList *self,
                                                    sqlite3_stmt    *stmt);
GPtrArray       *shou_request_list_load_page       (ShouRequestList *self,
                                                    guint            page);
/* How many rows the view and shop hold (no search). */
guint            shou_request_list_count_rows      (ShouRequestList *self);
/* Position of @request_id (a key) among the rows, or -1 (no search). */
int              shou_request_list_rank            (ShouRequestList *self,
                                                    const char      *request_id);

G_END_DECLS
