/* shou-outbox-evidence.c: evidence files imported into the cache and
 * queued for upload, listed, removed and retried. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-outbox-private.h"

char *
shou_store_import_evidence (ShouStore         *self,
                            const char        *request_id,
                            GFile             *file,
                            ShouEvidenceKind   kind,
                            GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_IO,
                   _("Could not read the file: %s"), local_error->message);
      return NULL;
    }
  return shou_store_import_evidence_bytes (self, request_id, bytes, kind, error);
}

static gboolean
not_found (GError    **error,
           const char *request_id)
{
  g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
               _("The after-sales request %s is not in the cache"), request_id);
  return FALSE;
}

static guint
count_evidence (ShouStore  *self,
                JsonObject *effective,
                const char *account_id,
                const char *request_id)
{
  ShouDb *db = shou_store_get_db (self);
  JsonArray *server = jarr (effective, "evidence");
  sqlite3_stmt *stmt;
  guint n = server ? json_array_get_length (server) : 0;

  stmt = shou_db_prepare (db,
                          "SELECT count(*) FROM evidence WHERE account_id = ?2 AND request_id = ?1 "
                          "AND state != 'uploaded'", NULL);
  if (stmt == NULL)
    return n;
  shou_db_bind_text (stmt, 1, request_id);
  shou_db_bind_text (stmt, 2, account_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    n += sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The file's content type, checked against the request's profile (or only
 * sniffed without one); NULL (and @error set) if it cannot be evidence. */
static const char *
check_evidence (ShouStore        *self,
                const RequestRow *row,
                const guint8     *data,
                gsize             len,
                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  const ShouProfile *profile = NULL;
  const char *content_type = NULL;
  ShouPlatform platform;

  if (shou_platform_from_string (jstr (row->effective, "platform"), &platform))
    profile = shou_store_get_profile (self, platform);
  if (profile != NULL)
    {
      if (!shou_validate_evidence (profile, data, len,
                                   count_evidence (self, row->effective, row->account_id, row->id),
                                   &content_type, &local_error))
        return shou_outbox_invalid_from (error, g_steal_pointer (&local_error)), NULL;
    }
  else
    content_type = shou_sniff_content_type (data, len);
  if (content_type == NULL || len == 0)
    return shou_outbox_invalid (error, _("This file is not a picture (JPEG, PNG) or a PDF")), NULL;
  return content_type;
}

/* Copied in, named by content (@sha), and durable before the upload is
 * queued: the original may be deleted or edited afterwards. */
static gboolean
save_evidence_file (ShouStore     *self,
                    const char    *sha,
                    const guint8  *data,
                    gsize          len,
                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = shou_store_get_evidence_dir (self);
  g_autofree char *path = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_IO,
                   _("Could not create the folder “%s”"), dir);
      return FALSE;
    }
  path = g_build_filename (dir, sha, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
      !g_file_set_contents_full (path, (const char *) data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_IO,
                   _("Could not save the evidence file: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
shou_store_import_evidence_bytes (ShouStore         *self,
                                  const char        *request_id,
                                  GBytes            *bytes,
                                  ShouEvidenceKind   kind,
                                  GError           **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_auto(RequestRow) row = { 0 };
  g_autofree char *sha = NULL;
  g_autoptr(JsonObject) params = NULL;
  const char *content_type;
  const guint8 *data;
  sqlite3_stmt *stmt;
  gsize len;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (shou_outbox_refuse_while_migrating (self, error))
    return NULL;
  g_return_val_if_fail (request_id != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  db = shou_store_get_db (self);
  if (!shou_outbox_load_request_row (self, request_id, &row, error))
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  content_type = check_evidence (self, &row, data, len, error);
  if (content_type == NULL)
    return NULL;
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!save_evidence_file (self, sha, data, len, error))
    return NULL;

  params = json_object_new ();
  json_object_set_string_member (params, "sha256", sha);
  json_object_set_string_member (params, "kind", shou_evidence_kind_to_string (kind));
  json_object_set_string_member (params, "content_type", content_type);
  json_object_set_int_member (params, "size", len);

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error), NULL;
  stmt = shou_db_prepare (db,
                          "INSERT OR IGNORE INTO evidence (request_id, sha256, content_type, size, "
                          "kind, by, state, created_at, account_id) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, 'seller', 'queued', ?6, ?7)",
                          &local_error);
  if (stmt == NULL)
    goto out;
  shou_db_bind_text (stmt, 1, row.id);
  shou_db_bind_text (stmt, 7, row.account_id);
  shou_db_bind_text (stmt, 2, sha);
  shou_db_bind_text (stmt, 3, content_type);
  shou_db_bind_int (stmt, 4, len);
  shou_db_bind_text (stmt, 5, shou_evidence_kind_to_string (kind));
  shou_db_bind_int (stmt, 6, g_get_real_time ());
  if (!shou_db_run (db, stmt, &local_error))
    goto out;
  if (shou_db_changes (db) > 0 &&
      shou_outbox_insert (db, row.account_id, row.id, SHOU_OUTBOX_EVIDENCE, "upload",
                          params, 0, &local_error))
    shou_store_refresh_request (self, row.account_id, row.id, &local_error);

out:
  if (!shou_outbox_commit (self, request_id, g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&sha);
}

GPtrArray *
shou_store_list_evidence (ShouStore  *self,
                          const char *request_id)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(RequestRow) row = { 0 };
  ShouDb *db;
  JsonArray *server;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  db = shou_store_get_db (self);
  if (!shou_outbox_load_request_row (self, request_id, &row, NULL))
    return ret;
  stmt = shou_db_prepare (db,
                          "SELECT sha256, content_type, size, kind, state, error FROM evidence "
                          "WHERE account_id = ?2 AND request_id = ?1 ORDER BY created_at, sha256", NULL);
  if (stmt == NULL)
    return ret;
  shou_db_bind_text (stmt, 1, row.id);
  shou_db_bind_text (stmt, 2, row.account_id);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = json_object_new ();
      const char *sha = shou_db_column_text (stmt, 0);
      g_autofree char *path = shou_store_get_evidence_path (self, sha);

      json_object_set_string_member (obj, "sha256", sha);
      json_object_set_string_member (obj, "content_type", shou_db_column_text (stmt, 1));
      json_object_set_int_member (obj, "size", sqlite3_column_int64 (stmt, 2));
      json_object_set_string_member (obj, "kind", shou_db_column_text (stmt, 3));
      if (path)
        json_object_set_string_member (obj, "path", path);
      else
        json_object_set_null_member (obj, "path");
      json_object_set_string_member (obj, "state", shou_db_column_text (stmt, 4));
      if (shou_db_column_text (stmt, 5))
        json_object_set_string_member (obj, "error", shou_db_column_text (stmt, 5));
      else
        json_object_set_null_member (obj, "error");
      g_hash_table_add (seen, g_strdup (sha));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);

  server = jarr (row.effective, "evidence");
  for (guint i = 0; server && i < json_array_get_length (server); i++)
    {
      JsonNode *node = json_array_get_element (server, i);
      JsonObject *ev, *obj;
      const char *sha;
      g_autofree char *path = NULL;
      gint64 size = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      ev = json_node_get_object (node);
      sha = jstr (ev, "id");
      if (sha == NULL || g_hash_table_contains (seen, sha))
        continue;
      path = shou_store_get_evidence_path (self, sha);
      obj = json_object_new ();
      json_object_set_string_member (obj, "sha256", sha);
      json_object_set_string_member (obj, "content_type", jstr (ev, "content_type"));
      jint (ev, "size", &size);
      json_object_set_int_member (obj, "size", size);
      json_object_set_string_member (obj, "kind", jstr (ev, "kind"));
      if (path)
        json_object_set_string_member (obj, "path", path);
      else
        json_object_set_null_member (obj, "path");
      json_object_set_string_member (obj, "state", "uploaded");
      json_object_set_null_member (obj, "error");
      if (jstr (ev, "by"))
        json_object_set_string_member (obj, "by", jstr (ev, "by"));
      g_ptr_array_add (ret, obj);
    }
  return ret;
}

/* Runs @sql (?1 the request's server id, ?2 the file's SHA-256, ?3 the
 * account) on one evidence entry. Returns the rows it changed, or -1 with
 * @error set. */
static int
run_on_entry (ShouDb      *db,
              const char  *sql,
              const char  *id,
              const char  *sha256,
              const char  *account_id,
              GError     **error)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, error);

  if (stmt == NULL)
    return -1;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, sha256);
  shou_db_bind_text (stmt, 3, account_id);
  if (!shou_db_run (db, stmt, error))
    return -1;
  return shou_db_changes (db);
}

gboolean
shou_store_remove_evidence (ShouStore   *self,
                            const char  *request_id,
                            const char  *sha256,
                            GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  gint64 left = 1;
  int n;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;

  db = shou_store_get_db (self);
  if (!shou_store_resolve_request (self, request_id, &account_id, &id))
    return not_found (error, request_id);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  n = run_on_entry (db, "DELETE FROM evidence WHERE account_id = ?3 AND request_id = ?1 "
                    "AND sha256 = ?2 AND state != 'uploaded'", id, sha256, account_id, &local_error);
  if (n < 0)
    goto fail;
  if (n == 0)
    {
      shou_db_rollback (db);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("This evidence is already uploaded or was never added"));
      return FALSE;
    }
  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET state = 'dropped', done_at = ?3 WHERE account_id = ?4 "
                          "AND request_id = ?1 "
                          "AND kind = 'evidence' AND json_extract(params, '$.sha256') = ?2 "
                          "AND state IN ('queued', 'conflict')", &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, sha256);
  shou_db_bind_int (stmt, 3, g_get_real_time ());
  shou_db_bind_text (stmt, 4, account_id);
  if (!shou_db_run (db, stmt, &local_error) ||
      !shou_store_refresh_request (self, account_id, id, &local_error) ||
      !shou_db_commit (db, &local_error))
    goto fail;

  stmt = shou_db_prepare (db, "SELECT count(*) FROM evidence WHERE sha256 = ?1", NULL);
  if (stmt != NULL)
    {
      shou_db_bind_text (stmt, 1, sha256);
      if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        left = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (left == 0)
    {
      g_autofree char *path = shou_store_get_evidence_path (self, sha256);
      if (path)
        g_unlink (path);
    }
  shou_store_emit_changed (self, request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error);
}

gboolean
shou_store_retry_evidence (ShouStore   *self,
                           const char  *request_id,
                           const char  *sha256,
                           GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  int n;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;

  db = shou_store_get_db (self);
  if (!shou_store_resolve_request (self, request_id, &account_id, &id))
    return not_found (error, request_id);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  n = run_on_entry (db, "UPDATE outbox SET state = 'queued', last_error = NULL WHERE account_id = ?3 "
                    "AND request_id = ?1 "
                    "AND kind = 'evidence' AND json_extract(params, '$.sha256') = ?2 "
                    "AND state = 'conflict'", id, sha256, account_id, &local_error);
  if (n < 0)
    goto out;
  if (n == 0)
    {
      shou_db_rollback (db);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("This evidence has no failed upload to retry"));
      return FALSE;
    }
  if (run_on_entry (db, "UPDATE evidence SET state = 'queued', error = NULL "
                    "WHERE account_id = ?3 AND request_id = ?1 AND sha256 = ?2",
                    id, sha256, account_id, &local_error) >= 0)
    shou_store_refresh_request (self, account_id, id, &local_error);

out:
  return shou_outbox_commit (self, request_id, g_steal_pointer (&local_error), error);
}

