/* shou-outbox-orders.c: an order's own steps through the outbox (the
 * seller's cancellation, shou-store-orders.h) and the server's answers. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"
#include "shou-store-orders.h"

typedef struct
{
  char       *account_id;
  char       *id;
  char       *shop_id;
  gint64      version;
  JsonObject *data;
} OrderRow;

static void
order_row_clear (OrderRow *row)
{
  g_free (row->account_id);
  g_free (row->id);
  g_free (row->shop_id);
  g_clear_pointer (&row->data, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OrderRow, order_row_clear)

static gboolean
find_order (ShouDb     *db,
            const char *key,
            OrderRow   *row)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT account_id, id, shop_id, version, data FROM orders WHERE key = ?1",
                                        NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, key);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      row->account_id = g_strdup (shou_db_column_text (stmt, 0));
      row->id = g_strdup (shou_db_column_text (stmt, 1));
      row->shop_id = g_strdup (shou_db_column_text (stmt, 2));
      row->version = sqlite3_column_int64 (stmt, 3);
      row->data = shou_store_json_parse (shou_db_column_text (stmt, 4));
      found = row->data != NULL;
    }
  sqlite3_reset (stmt);
  return found;
}

static const ShouProfile *
order_profile (ShouStore      *self,
               const OrderRow *row)
{
  ShouDb *db = shou_store_get_db (self);
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT platform FROM shops WHERE account_id = ?1 AND id = ?2", NULL);
  ShouPlatform platform = SHOU_N_PLATFORMS;

  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, row->account_id);
  shou_db_bind_text (stmt, 2, row->shop_id);
  if (shou_db_step (db, stmt, NULL) != SQLITE_ROW ||
      !shou_platform_from_string (shou_db_column_text (stmt, 0), &platform))
    platform = SHOU_N_PLATFORMS;
  sqlite3_reset (stmt);
  return platform == SHOU_N_PLATFORMS ? NULL : shou_store_get_profile (self, platform);
}

/* A cancellation of the order still waiting for the server. */
static gboolean
cancel_queued (ShouDb         *db,
               const OrderRow *row,
               const char     *request_id)
{
  sqlite3_stmt *stmt = shou_db_prepare (db,
                                        "SELECT 1 FROM outbox WHERE account_id = ?1 AND request_id = ?2 "
                                        "AND kind = 'order_cancel' AND state IN ('queued', 'sending')", NULL);
  gboolean queued;

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, row->account_id);
  shou_db_bind_text (stmt, 2, request_id);
  queued = shou_db_step (db, stmt, NULL) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return queued;
}

gboolean
shou_store_cancel_order (ShouStore   *self,
                         const char  *order_key,
                         gboolean     buyer_consulted,
                         GError     **error)
{
  ShouDb *db;
  g_auto(OrderRow) row = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autofree char *request_id = NULL;
  const ShouProfile *profile;
  ShouOrderState state;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (order_key != NULL, FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;

  db = shou_store_get_db (self);
  if (!find_order (db, order_key, &row) ||
      !shou_order_state_from_string (jstr (row.data, "state"), &state))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such order"));
      return FALSE;
    }
  if ((profile = order_profile (self, &row)) == NULL)
    return shou_outbox_invalid (error, shou_reason_get_message (SHOU_REASON_NOT_FOR_PLATFORM));
  request_id = g_strconcat ("order:", row.id, NULL);
  if (cancel_queued (db, &row, request_id))
    return shou_outbox_invalid (error, _("The cancellation is already waiting to be sent"));
  /* Checked against the cached order as the platform will check it. */
  if (!shou_order_merchant_can_cancel (profile, state,
                                       json_object_get_boolean_member_with_default (row.data, "cod", FALSE),
                                       buyer_consulted, &local_error))
    return shou_outbox_invalid_from (error, g_steal_pointer (&local_error));

  json_object_set_boolean_member (params, "buyer_consulted", buyer_consulted);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  /* Trying again replaces an earlier refusal. */
  stmt = shou_db_prepare (db,
                          "DELETE FROM outbox WHERE account_id = ?1 AND request_id = ?2 "
                          "AND kind = 'order_cancel' AND state = 'conflict'", &local_error);
  if (stmt != NULL)
    {
      shou_db_bind_text (stmt, 1, row.account_id);
      shou_db_bind_text (stmt, 2, request_id);
      if (shou_db_run (db, stmt, &local_error))
        shou_outbox_insert (db, row.account_id, request_id, SHOU_OUTBOX_ORDER_CANCEL, "cancel", params,
                            row.version, &local_error);
    }
  return shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error);
}

gboolean
shou_store_order_complete (ShouStore       *self,
                           const EntryRow  *row,
                           JsonObject      *result,
                           GError         **error)
{
  /* The server's order (closed, with its close_reason) replaces the cached one. */
  if (result == NULL)
    return TRUE;
  return shou_store_write_order (self, row->account_id, result, NULL, error);
}

gboolean
shou_store_order_conflict (ShouStore   *self,
                           gint64       entry_id,
                           const char  *code,
                           const char  *reason,
                           GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  sqlite3_stmt *stmt = shou_db_prepare (db, "UPDATE outbox SET last_error = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, entry_id);
  /* A code the UI says in its own words, never the server's message. */
  shou_db_bind_text (stmt, 2, reason != NULL && *reason != '\0' ? reason : code ? code : "conflict");
  return shou_db_run (db, stmt, error);
}
