/* shou-hub-store-private.h: what the engines give the storage interface's
 * shared code (shou-hub-store-team.c and later ones): statements in one SQL
 * text for both engines ($1…$N placeholders; SQLite reads them as ?N),
 * parameters as text, results as text cells. */
#pragma once

#include "hub/shou-hub-rows.h"
#include "hub/shou-hub-store.h"

G_BEGIN_DECLS

/**
 * shou_hub_store_query:
 * @sql: a string literal (engines cache statements by its address), with
 *   $1…$N placeholders
 * @types: one character per parameter: 's' text, 'i' integer (given as
 *   decimal text); %NULL when there are none
 * @params: the parameters as text; %NULL is SQL NULL
 *
 * Runs @sql inside the current transaction, if any.
 *
 * Returns: (transfer full): the rows (none for a command), or %NULL with
 *   @error
 */
ShouHubRows *shou_hub_store_query    (ShouHubStore        *self,
                                      const char          *sql,
                                      const char          *types,
                                      const char * const  *params,
                                      GError             **error);
/**
 * shou_hub_store_each_row:
 *
 * Runs @sql (as shou_hub_store_query() does) and hands each row to @func
 * as the engine reads it, without copying its cells. @func may run other
 * reads on the store, never writes.
 *
 * Returns: the number of rows, or -1 with @error
 */
gint64       shou_hub_store_each_row (ShouHubStore        *self,
                                      const char          *sql,
                                      const char          *types,
                                      const char * const  *params,
                                      ShouHubRowFunc       func,
                                      gpointer             user_data,
                                      GError             **error);
/* The same for reads that cannot report failure: logs it and returns no
 * rows. (transfer full) */
ShouHubRows *shou_hub_store_read     (ShouHubStore        *self,
                                      const char          *sql,
                                      const char          *types,
                                      const char * const  *params);
/* Inside a transaction: the merchant's next feed position (0 on error). */
gint64       shou_hub_store_next_seq (ShouHubStore        *self,
                                      const char          *merchant_id,
                                      GError             **error);
gboolean     shou_hub_store_is_pg    (ShouHubStore        *self);
gboolean     shou_hub_store_in_transaction (ShouHubStore  *self);

G_END_DECLS
