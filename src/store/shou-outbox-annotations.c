/* shou-outbox-annotations.c: a tag or note step queued (optimistic, in the
 * transaction of its outbox entry), and the server's answer to it
 * (shou-store-annotations.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"
#include "shou-store-annotations.h"
#include "shou-store-private.h"

gboolean
shou_store_annotate (ShouStore         *self,
                     const char        *key,
                     ShouAnnotationOp   op,
                     const char        *value,
                     GError           **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *entry_id = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) by = json_object_new ();
  const char *refused;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) op < SHOU_N_ANNOTATION_OPS, FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;
  if (!shou_store_resolve_request (self, key, &account_id, &id))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such after-sales request"));
      return FALSE;
    }
  refused = shou_annotation_check_value (op, value);
  if (refused != NULL)
    return shou_outbox_invalid (error, g_str_equal (refused, "empty") ? _("Write the tag or note first")
                                : g_str_equal (refused, "too_long")
                                ? (op == SHOU_ANNOTATION_ADD_NOTE ? _("A note is at most 500 characters")
                                                                  : _("A tag is at most 16 characters"))
                                : _("A tag cannot start or end with a space, nor hold a line break"));

  /* What it would do to the copy shown: nothing queued for a no-op. */
  shown = shou_store_get_annotation (self, key);
  json_object_set_null_member (by, "staff_id");
  json_object_set_string_member (by, "name", "");
  if (!shou_annotation_apply (shown, op, value, by, g_get_real_time (), &refused))
    {
      if (refused == NULL)
        return TRUE;
      return shou_outbox_invalid (error, g_str_equal (refused, "too_many_tags")
                                  ? _("A request has at most 20 tags") : _("A request has at most 100 notes"));
    }

  json_object_set_string_member (params, "op", shou_annotation_op_to_string (op));
  json_object_set_string_member (params, op == SHOU_ANNOTATION_ADD_NOTE ? "text" : "tag", value);
  entry_id = g_strconcat (SHOU_ANNOTATION_ENTRY_PREFIX, id, NULL);
  db = shou_store_get_db (self);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (shou_outbox_insert (db, account_id, entry_id, SHOU_OUTBOX_ANNOTATION, shou_annotation_op_to_string (op),
                          params, 0, &local_error))
    shou_store_annotation_refresh (db, account_id, id, &local_error);
  return shou_outbox_commit (self, key, g_steal_pointer (&local_error), error);
}

guint
shou_store_annotate_many (ShouStore         *self,
                          const char *const *keys,
                          ShouAnnotationOp   op,
                          const char        *value,
                          GError           **error)
{
  guint queued = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (shou_store_annotate (self, keys[i], op, value, &local_error))
        queued++;
      else if (error != NULL && *error == NULL)
        *error = g_steal_pointer (&local_error);
    }
  return queued;
}

/* ---- the server's answers (shou-outbox.c, shou-outbox-conflicts.c) ---- */

gboolean
shou_store_annotation_complete (ShouStore       *self,
                                const EntryRow  *row,
                                JsonObject      *result,
                                GError         **error)
{
  ShouDb *db = shou_store_get_db (self);
  const char *id = row->request_id + strlen (SHOU_ANNOTATION_ENTRY_PREFIX);
  sqlite3_stmt *stmt;

  if (result != NULL && !shou_store_annotation_write_server (db, row->account_id, result, error))
    return FALSE;
  stmt = shou_db_prepare (db, "UPDATE annotations SET conflict = NULL WHERE account_id = ?1 AND aftersale_id = ?2",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, row->account_id);
  shou_db_bind_text (stmt, 2, id);
  return shou_db_run (db, stmt, error) && shou_store_annotation_refresh (db, row->account_id, id, error);
}

gboolean
shou_store_annotation_conflict (ShouStore       *self,
                                const EntryRow  *row,
                                const char      *code,
                                const char      *reason,
                                GError         **error)
{
  ShouDb *db = shou_store_get_db (self);
  const char *id = row->request_id + strlen (SHOU_ANNOTATION_ENTRY_PREFIX);
  g_autoptr(JsonObject) params = shou_store_json_parse (row->params);
  g_autoptr(JsonObject) conflict = json_object_new ();
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  json_object_set_string_member (conflict, "code", code ? code : "");
  if (reason != NULL)
    json_object_set_string_member (conflict, "reason", reason);
  json_object_set_string_member (conflict, "op", row->action);
  json_object_set_string_member (conflict, "value", jstr (params, "tag") ? jstr (params, "tag")
                                 : jstr (params, "text") ? jstr (params, "text") : "");
  text = shou_store_json_to_string (conflict);
  /* The refused step is no longer queued: the copy shown loses it. */
  if (!shou_store_annotation_refresh (db, row->account_id, id, error))
    return FALSE;
  stmt = shou_db_prepare (db, "UPDATE annotations SET conflict = ?3 WHERE account_id = ?1 AND aftersale_id = ?2",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, row->account_id);
  shou_db_bind_text (stmt, 2, id);
  shou_db_bind_text (stmt, 3, text);
  return shou_db_run (db, stmt, error);
}
