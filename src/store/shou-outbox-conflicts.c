/* shou-outbox-conflicts.c: recording a refused entry's conflict on its
 * request (or evidence, or address) and the seller resolving it. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"

gboolean
shou_store_resolve_conflict (ShouStore   *self,
                             const char  *request_id,
                             GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  db = shou_store_get_db (self);
  if (!shou_store_resolve_request (self, request_id, &account_id, &id))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("The after-sales request %s is not in the cache"), request_id);
      return FALSE;
    }
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (!shou_outbox_drop_conflicts (db, account_id, id, &local_error) ||
      !shou_store_refresh_request (self, account_id, id, &local_error) ||
      !shou_db_commit (db, &local_error))
    {
      shou_db_rollback (db);
      return PROPAGATE (local_error);
    }
  shou_store_emit_changed (self, request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;
}

gboolean
shou_store_outbox_conflict (ShouStore   *self,
                            gint64       entry_id,
                            const char  *code,
                            const char  *message,
                            GError     **error)
{
  return shou_store_outbox_conflict_full (self, entry_id, code, message, NULL, error);
}

/* The server refused a queued action: the request keeps the refusal
 * (code, message, the rules' reason) until the seller resolves it. */
static gboolean
record_action_conflict (ShouStore      *self,
                        const EntryRow *row,
                        const char     *code,
                        const char     *message,
                        const char     *reason,
                        GError        **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(JsonObject) conflict = json_object_new ();
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  json_object_set_string_member (conflict, "code", code ? code : "conflict");
  json_object_set_string_member (conflict, "message", message ? message : "");
  json_object_set_string_member (conflict, "action", row->action);
  /* The rules' reason code, which the UI can say in the seller's
   * language where the server's message is English. */
  if (reason != NULL && *reason != '\0')
    json_object_set_string_member (conflict, "reason", reason);
  text = shou_store_json_to_string (conflict);
  stmt = shou_db_prepare (db, "UPDATE requests SET conflict = ?2 WHERE account_id = ?3 AND id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, row->request_id);
  shou_db_bind_text (stmt, 2, text);
  shou_db_bind_text (stmt, 3, row->account_id);
  return shou_db_run (db, stmt, error) &&
         shou_store_refresh_request (self, row->account_id, row->request_id, error);
}

/* The server refused an upload: the evidence shows as failed. */
static gboolean
record_evidence_failure (ShouStore      *self,
                         const EntryRow *row,
                         const char     *message,
                         GError        **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(JsonObject) params = shou_store_json_parse (row->params);
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db,
                          "UPDATE evidence SET state = 'failed', error = ?3 "
                          "WHERE account_id = ?4 AND request_id = ?1 AND sha256 = ?2", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, row->request_id);
  shou_db_bind_text (stmt, 2, jstr (params, "sha256"));
  shou_db_bind_text (stmt, 3, message);
  shou_db_bind_text (stmt, 4, row->account_id);
  return shou_db_run (db, stmt, error) &&
         shou_store_refresh_request (self, row->account_id, row->request_id, error);
}

/* The address edit was refused: show the server's copy again on the next
 * change; a local-only address goes away. */
static gboolean
undo_address_edit (ShouStore      *self,
                   const EntryRow *row,
                   GError        **error)
{
  ShouDb *db = shou_store_get_db (self);
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db,
                          g_str_equal (row->kind, "address_create") ?
                          "DELETE FROM addresses WHERE account_id = ?2 AND id = ?1" :
                          "UPDATE addresses SET local_state = NULL, deleted = 0 "
                          "WHERE account_id = ?2 AND id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, row->action);
  shou_db_bind_text (stmt, 2, row->account_id);
  return shou_db_run (db, stmt, error);
}

gboolean
shou_store_outbox_conflict_full (ShouStore   *self,
                                 gint64       entry_id,
                                 const char  *code,
                                 const char  *message,
                                 const char  *reason,
                                 GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_auto(EntryRow) row = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (shou_outbox_load_entry (db, entry_id, &row, &local_error) &&
      shou_outbox_set_entry_state (db, entry_id, "conflict", message, &local_error))
    {
      if (g_str_equal (row.kind, "action"))
        ok = record_action_conflict (self, &row, code, message, reason, &local_error);
      else if (g_str_equal (row.kind, "evidence"))
        ok = record_evidence_failure (self, &row, message, &local_error);
      else if (g_str_has_prefix (row.kind, "review_"))
        ok = shou_store_review_conflict (self, &row, code, message, reason, &local_error);
      else if (g_str_has_prefix (row.kind, "care_"))
        ok = shou_store_care_conflict (self, &row, code, message, reason, &local_error);
      else if (g_str_has_prefix (row.kind, "order_"))
        ok = shou_store_order_conflict (self, entry_id, code, reason, &local_error);
      else if (g_str_equal (row.kind, "annotation"))
        ok = shou_store_annotation_conflict (self, &row, code, reason, &local_error);
      else
        ok = undo_address_edit (self, &row, &local_error);
    }
  return shou_outbox_end_entry (self, &row, ok && local_error == NULL,
                                g_steal_pointer (&local_error), error);
}

