/* shou-store-annotations.c: tags and internal notes in the cache
 * (shou-store-annotations.h); the seller's steps are queued in
 * shou-outbox-annotations.c. A row keeps the server's copy and the
 * copy shown, which is the server's with the queued steps applied: any
 * change to either (a feed page, an answer, a new step) recomputes it, and
 * with it the request's synced rows of request_tags. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-store-annotations.h"
#include "shou-store-private.h"


static JsonObject *
read_row (ShouDb      *db,
          const char  *account_id,
          const char  *aftersale_id,
          const char  *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM annotations WHERE account_id = ?1 AND aftersale_id = ?2",
                                          column);
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, NULL);
  JsonObject *object = NULL;

  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, aftersale_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW && shou_db_column_text (stmt, 0) != NULL)
    object = shou_store_json_parse (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return object;
}

/* Runs @sql with ?1 the account, ?2 the aftersale and ?3 @text (if any). */
static gboolean
run_on_row (ShouDb      *db,
            const char  *sql,
            const char  *account_id,
            const char  *aftersale_id,
            const char  *text,
            GError     **error)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, aftersale_id);
  if (text != NULL)
    shou_db_bind_text (stmt, 3, text);
  return shou_db_run (db, stmt, error);
}

static char *
shop_of (ShouDb     *db,
         const char *account_id,
         const char *aftersale_id)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT shop_id FROM requests WHERE account_id = ?1 AND id = ?2", NULL);
  char *shop = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, aftersale_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    shop = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return shop ? shop : g_strdup ("");
}

/* Inside a transaction: the shown copy of (account, aftersale) from the
 * server's and the steps still queued, and the request's synced tags. */
gboolean
shou_store_annotation_refresh (ShouDb      *db,
         const char  *account_id,
         const char  *aftersale_id,
         GError     **error)
{
  g_autoptr(JsonObject) shown = read_row (db, account_id, aftersale_id, "server");
  g_autofree char *entry_id = g_strconcat (SHOU_ANNOTATION_ENTRY_PREFIX, aftersale_id, NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) by = json_object_new ();
  JsonArray *tags;
  sqlite3_stmt *stmt;
  guint steps = 0;

  json_object_set_null_member (by, "staff_id");
  json_object_set_string_member (by, "name", "");
  stmt = shou_db_prepare (db, "SELECT action, params, created_at FROM outbox WHERE account_id = ?1"
                              " AND request_id = ?2 AND kind = 'annotation' AND state IN ('queued', 'sending')"
                              " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, entry_id);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) params = shou_store_json_parse (shou_db_column_text (stmt, 1));
      ShouAnnotationOp op;
      const char *reason;

      if (!shou_annotation_op_from_string (shou_db_column_text (stmt, 0), &op))
        continue;
      if (shown == NULL)
        {
          g_autofree char *shop = shop_of (db, account_id, aftersale_id);

          shown = shou_annotation_new (aftersale_id, shop);
        }
      shou_annotation_apply (shown, op, jstr (params, op == SHOU_ANNOTATION_ADD_NOTE ? "text" : "tag"),
                             by, sqlite3_column_int64 (stmt, 2), &reason);
      steps++;
    }
  sqlite3_reset (stmt);
  if (shown == NULL)
    {
      g_autofree char *shop = shop_of (db, account_id, aftersale_id);

      shown = shou_annotation_new (aftersale_id, shop);
    }
  json_object_set_int_member (shown, "pending", steps);

  text = shou_store_json_to_string (shown);
  if (!run_on_row (db, "INSERT INTO annotations (account_id, aftersale_id, data) VALUES (?1, ?2, ?3)"
                       " ON CONFLICT (account_id, aftersale_id) DO UPDATE SET data = excluded.data",
                   account_id, aftersale_id, text, error) ||
      !run_on_row (db, "DELETE FROM request_tags WHERE synced = 1 AND request_key = coalesce ("
                       "(SELECT key FROM requests WHERE account_id = ?1 AND id = ?2), ?2)",
                   account_id, aftersale_id, NULL, error))
    return FALSE;
  tags = json_object_get_array_member (shown, "tags");
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      stmt = shou_db_prepare (db, "INSERT OR IGNORE INTO request_tags (request_key, tag, synced) VALUES (coalesce ("
                                  "(SELECT key FROM requests WHERE account_id = ?1 AND id = ?2), ?2), ?3, 1)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 1, account_id);
      shou_db_bind_text (stmt, 2, aftersale_id);
      shou_db_bind_text (stmt, 3, json_array_get_string_element (tags, i));
      if (!shou_db_run (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Inside a transaction: @annotation is the server's, unless it is older
 * than the copy held. */
gboolean
shou_store_annotation_write_server (ShouDb      *db,
              const char  *account_id,
              JsonObject  *annotation,
              GError     **error)
{
  const char *aftersale_id = jstr (annotation, "aftersale_id");
  g_autoptr(JsonObject) held = NULL;
  g_autofree char *text = NULL;
  gint64 version = 0, held_version = 0;

  if (aftersale_id == NULL || !jint (annotation, "version", &version))
    return TRUE;   /* not one this version can use: skipped */
  held = read_row (db, account_id, aftersale_id, "server");
  if (held != NULL && jint (held, "version", &held_version) && held_version > version)
    return TRUE;
  text = shou_store_json_to_string (annotation);
  return run_on_row (db, "INSERT INTO annotations (account_id, aftersale_id, server, data) VALUES (?1, ?2, ?3, ?3)"
                         " ON CONFLICT (account_id, aftersale_id) DO UPDATE SET server = excluded.server",
                     account_id, aftersale_id, text, error) &&
         shou_store_annotation_refresh (db, account_id, aftersale_id, error);
}

gboolean
shou_store_write_annotation (ShouStore   *self,
                             const char  *account_id,
                             JsonObject  *data,
                             GError     **error)
{
  return shou_store_annotation_write_server (shou_store_get_db (self), account_id, data, error);
}

JsonObject *
shou_store_get_annotation (ShouStore  *self,
                           const char *key)
{
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  JsonObject *shown;
  JsonObject *conflict;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (!shou_store_resolve_request (self, key, &account_id, &id))
    return NULL;
  shown = read_row (shou_store_get_db (self), account_id, id, "data");
  if (shown == NULL)
    {
      g_autofree char *shop = shop_of (shou_store_get_db (self), account_id, id);

      shown = shou_annotation_new (id, shop);
      json_object_set_int_member (shown, "pending", 0);
    }
  conflict = read_row (shou_store_get_db (self), account_id, id, "conflict");
  if (conflict != NULL)
    json_object_set_object_member (shown, "conflict", conflict);
  return shown;
}

gboolean
shou_store_dismiss_annotation_conflict (ShouStore   *self,
                                        const char  *key,
                                        GError     **error)
{
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (!shou_store_resolve_request (self, key, &account_id, &id))
    return TRUE;
  stmt = shou_db_prepare (shou_store_get_db (self), "UPDATE annotations SET conflict = NULL"
                                                    " WHERE account_id = ?1 AND aftersale_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, id);
  if (!shou_db_run (shou_store_get_db (self), stmt, error))
    return FALSE;
  shou_store_emit_changed (self, key);
  return TRUE;
}

GStrv
shou_store_list_tags (ShouStore *self)
{
  ShouDb *db;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db, "SELECT DISTINCT tag FROM request_tags ORDER BY tag LIMIT 500", NULL);
  if (stmt != NULL)
    {
      while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        g_strv_builder_add (b, shou_db_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (b);
}
