/* shou-store-accounts.c: accounts (identity, the demo mark, trusted
 * certificates), their shops and sync state, and removing an account. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-store-private.h"
#include "shou-store-accounts.h"

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

static gboolean
valid_base_url (const char  *base_url,
                GError     **error)
{
  g_autoptr(GUri) uri = base_url != NULL ? g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   _("“%s” is not a web address (http:// or https://)"),
                   base_url != NULL ? base_url : "");
      return FALSE;
    }
  return TRUE;
}

char *
shou_store_add_account_full (ShouStore   *self,
                             const char  *account_id,
                             const char  *base_url,
                             const char  *label,
                             const char  *merchant_id,
                             const char  *staff_id,
                             gboolean     is_demo,
                             GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  if (!valid_base_url (base_url, error))
    return NULL;

  db = shou_store_get_db (self);
  id = account_id != NULL ? g_strdup (account_id) : g_uuid_string_random ();
  stmt = shou_db_prepare (db,
                          "INSERT INTO accounts (id, base_url, label, created_at, merchant_id, "
                          "staff_id, is_demo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &local_error);
  if (stmt == NULL)
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, base_url);
  shou_db_bind_text (stmt, 3, is_demo ? SHOU_STORE_DEMO_LABEL : (label != NULL ? label : base_url));
  shou_db_bind_int (stmt, 4, g_get_real_time ());
  shou_db_bind_text (stmt, 5, merchant_id);
  shou_db_bind_text (stmt, 6, staff_id);
  shou_db_bind_int (stmt, 7, is_demo ? 1 : 0);
  if (!shou_db_run (db, stmt, &local_error))
    return shou_store_propagate (error, g_steal_pointer (&local_error)), NULL;

  g_signal_emit_by_name (self, "accounts-changed");
  return g_steal_pointer (&id);
}

static void
set_nullable (JsonObject   *object,
              const char   *name,
              const char   *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

JsonObject *
shou_store_get_account (ShouStore  *self,
                        const char *account_id)
{
  ShouDb *db;
  JsonObject *ret = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  if (account_id == NULL)
    return NULL;
  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db,
                          "SELECT id, base_url, label, merchant_id, staff_id, is_demo, cert_sha256 "
                          "FROM accounts WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      ret = json_object_new ();
      json_object_set_string_member (ret, "id", shou_db_column_text (stmt, 0));
      json_object_set_string_member (ret, "base_url", shou_db_column_text (stmt, 1));
      json_object_set_string_member (ret, "label", shou_db_column_text (stmt, 2));
      set_nullable (ret, "merchant_id", shou_db_column_text (stmt, 3));
      set_nullable (ret, "staff_id", shou_db_column_text (stmt, 4));
      json_object_set_boolean_member (ret, "is_demo", sqlite3_column_int (stmt, 5) != 0);
      set_nullable (ret, "cert_sha256", shou_db_column_text (stmt, 6));
    }
  sqlite3_reset (stmt);
  return ret;
}

char *
shou_store_find_account (ShouStore  *self,
                         const char *base_url,
                         const char *merchant_id,
                         const char *staff_id)
{
  ShouDb *db;
  char *ret = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  db = shou_store_get_db (self);
  /* IS compares NULL with NULL as equal. */
  stmt = shou_db_prepare (db,
                          "SELECT id FROM accounts WHERE base_url = ?1 AND merchant_id IS ?2 "
                          "AND staff_id IS ?3 ORDER BY created_at, id LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, base_url);
  shou_db_bind_text (stmt, 2, merchant_id);
  shou_db_bind_text (stmt, 3, staff_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

char *
shou_store_find_demo_account (ShouStore *self)
{
  ShouDb *db;
  char *ret = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db,
                          "SELECT id FROM accounts WHERE is_demo ORDER BY created_at, id LIMIT 1",
                          NULL);
  if (stmt == NULL)
    return NULL;
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

static gboolean
update_account (ShouStore   *self,
                const char  *sql,
                const char  *account_id,
                const char  *a,
                const char  *b,
                GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db, sql, &local_error);
  if (stmt == NULL)
    return shou_store_propagate (error, g_steal_pointer (&local_error));
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, a);
  shou_db_bind_text (stmt, 3, b);
  if (!shou_db_run (db, stmt, &local_error))
    return shou_store_propagate (error, g_steal_pointer (&local_error));
  if (shou_db_changes (db) == 0)
    {
      g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                           _("No such account"));
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_store_set_account_identity (ShouStore   *self,
                                 const char  *account_id,
                                 const char  *merchant_id,
                                 const char  *staff_id,
                                 GError     **error)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  return update_account (self, "UPDATE accounts SET merchant_id = ?2, staff_id = ?3 WHERE id = ?1",
                         account_id, merchant_id, staff_id, error);
}

gboolean
shou_store_set_account_base_url (ShouStore   *self,
                                 const char  *account_id,
                                 const char  *base_url,
                                 GError     **error)
{
  g_autofree char *old = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  if (!valid_base_url (base_url, error))
    return FALSE;
  old = shou_store_get_account_base_url (self, account_id);
  if (g_strcmp0 (old, base_url) == 0)
    return TRUE;
  if (!update_account (self, "UPDATE accounts SET base_url = ?2 WHERE id = ?1",
                       account_id, base_url, NULL, error))
    return FALSE;
  g_signal_emit_by_name (self, "accounts-changed");
  return TRUE;
}

gboolean
shou_store_set_account_certificate (ShouStore   *self,
                                    const char  *account_id,
                                    const char  *cert_sha256,
                                    GError     **error)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  if (!update_account (self, "UPDATE accounts SET cert_sha256 = ?2 WHERE id = ?1",
                       account_id, cert_sha256, NULL, error))
    return FALSE;
  g_signal_emit_by_name (self, "accounts-changed");
  return TRUE;
}

/* ---- accounts and shops ------------------------------------------------ */

char *
shou_store_add_account (ShouStore   *self,
                        const char  *base_url,
                        const char  *label,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GUri) uri = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   _("“%s” is not a web address (http:// or https://)"), base_url);
      return NULL;
    }

  id = g_uuid_string_random ();
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO accounts (id, base_url, label, created_at) "
                          "VALUES (?1, ?2, ?3, ?4)", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error), NULL;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, base_url);
  shou_db_bind_text (stmt, 3, label ? label : base_url);
  shou_db_bind_int (stmt, 4, g_get_real_time ());
  if (!shou_db_run (self->db, stmt, &local_error))
    return PROPAGATE (local_error), NULL;

  shou_store_emit_accounts_changed (self);
  return g_steal_pointer (&id);
}

GPtrArray *
shou_store_list_accounts (ShouStore *self)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  stmt = shou_db_prepare (self->db,
                          "SELECT id, base_url, label FROM accounts ORDER BY created_at, id",
                          NULL);
  if (stmt == NULL)
    return ret;
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = json_object_new ();
      json_object_set_string_member (obj, "id", shou_db_column_text (stmt, 0));
      json_object_set_string_member (obj, "base_url", shou_db_column_text (stmt, 1));
      json_object_set_string_member (obj, "label", shou_db_column_text (stmt, 2));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}

char *
shou_store_get_account_base_url (ShouStore  *self,
                                 const char *account_id)
{
  sqlite3_stmt *stmt;
  char *ret = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  stmt = shou_db_prepare (self->db, "SELECT base_url FROM accounts WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

guint
shou_store_count_account_pending (ShouStore  *self,
                                  const char *account_id)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);

  stmt = shou_db_prepare (self->db,
                          "SELECT count(*) FROM outbox WHERE account_id = ?1 "
                          "AND state IN ('queued', 'sending')", NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
run_with_text (ShouDb      *db,
               const char  *sql,
               const char  *arg,
               GError     **error)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, arg);
  return shou_db_run (db, stmt, error);
}

static void
delete_unreferenced_evidence (ShouStore *self,
                              GPtrArray *shas)
{
  for (guint i = 0; i < shas->len; i++)
    {
      sqlite3_stmt *stmt = shou_db_prepare (self->db,
                                            "SELECT count(*) FROM evidence WHERE sha256 = ?1",
                                            NULL);
      gint64 n = 1;

      if (stmt == NULL)
        continue;
      shou_db_bind_text (stmt, 1, shas->pdata[i]);
      if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (n == 0)
        {
          g_autofree char *path = g_build_filename (self->evidence_dir, shas->pdata[i], NULL);
          g_unlink (path);
        }
    }
}

gboolean
shou_store_remove_account (ShouStore   *self,
                           const char  *account_id,
                           GError     **error)
{
  static const char * const statements[] = {
    "DELETE FROM evidence WHERE account_id = ?1",
    "DELETE FROM requests WHERE account_id = ?1",
    "DELETE FROM order_lines WHERE account_id = ?1",
    "DELETE FROM orders WHERE account_id = ?1",
    "DELETE FROM addresses WHERE account_id = ?1",
    "DELETE FROM reviews WHERE account_id = ?1",
    "DELETE FROM care WHERE account_id = ?1",
    "DELETE FROM annotations WHERE account_id = ?1",
    "DELETE FROM outbox WHERE account_id = ?1",
    "DELETE FROM sync_state WHERE account_id = ?1",
    "DELETE FROM shops WHERE account_id = ?1",
    "DELETE FROM accounts WHERE id = ?1",
  };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);

  stmt = shou_db_prepare (self->db,
                          "SELECT DISTINCT sha256 FROM evidence WHERE account_id = ?1",
                          &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, account_id);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    g_ptr_array_add (shas, g_strdup (shou_db_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!run_with_text (self->db, statements[i], account_id, &local_error))
      goto fail;
  if (shou_db_changes (self->db) == 0)
    {
      shou_db_rollback (self->db);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("No such account"));
      return FALSE;
    }
  if (!shou_db_commit (self->db, &local_error))
    goto fail;

  delete_unreferenced_evidence (self, shas);
  shou_store_emit_accounts_changed (self);
  shou_store_emit_changed (self, NULL);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (self->db);
  return PROPAGATE (local_error);
}

GPtrArray *
shou_store_list_shops (ShouStore *self)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  stmt = shou_db_prepare (self->db,
                          "SELECT data, account_id, key FROM shops ORDER BY platform, name, key",
                          NULL);
  if (stmt == NULL)
    return ret;
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      if (obj == NULL)
        continue;
      json_object_set_string_member (obj, "account_id", shou_db_column_text (stmt, 1));
      json_object_set_string_member (obj, "key", shou_db_column_text (stmt, 2));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}

gboolean
shou_store_upsert_shops (ShouStore   *self,
                         const char  *account_id,
                         GPtrArray   *shops,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);

  for (guint i = 0; i < shops->len; i++)
    {
      JsonObject *shop = shops->pdata[i];
      g_autofree char *data = shou_store_json_to_string (shop);
      sqlite3_stmt *stmt;

      stmt = shou_db_prepare (self->db,
                              "INSERT INTO shops (key, id, account_id, platform, name, merchant_id, data) "
                              "VALUES (" SHOU_KEY_SQL ("shops", "?1", "?2") ", ?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT(account_id, id) DO UPDATE SET "
                              "platform = excluded.platform, "
                              "name = excluded.name, merchant_id = excluded.merchant_id, "
                              "data = excluded.data WHERE data IS NOT excluded.data",
                              &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, jstr (shop, "id"));
      shou_db_bind_text (stmt, 2, account_id);
      shou_db_bind_text (stmt, 3, jstr (shop, "platform"));
      shou_db_bind_text (stmt, 4, jstr (shop, "name") ? jstr (shop, "name") : "");
      shou_db_bind_text (stmt, 5, jstr (shop, "merchant_id"));
      shou_db_bind_text (stmt, 6, data);
      if (!shou_db_run (self->db, stmt, &local_error))
        goto fail;
      changed |= shou_db_changes (self->db) > 0;
    }
  if (!shou_db_commit (self->db, &local_error))
    goto fail;
  if (changed)
    shou_store_emit_accounts_changed (self);
  return TRUE;

fail:
  shou_db_rollback (self->db);
  return PROPAGATE (local_error);
}

/* ---- sync state -------------------------------------------------------- */

char *
shou_store_get_cursor (ShouStore  *self,
                       const char *account_id)
{
  sqlite3_stmt *stmt;
  char *ret = NULL;

  stmt = shou_db_prepare (self->db, "SELECT cursor FROM sync_state WHERE account_id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return ret;
}

static gint64
sync_state_int (ShouStore  *self,
                const char *sql,
                const char *account_id)
{
  sqlite3_stmt *stmt = shou_db_prepare (self->db, sql, NULL);
  gint64 ret = 0;

  if (stmt == NULL)
    return 0;
  shou_db_bind_text (stmt, 1, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    ret = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ret;
}

gint64
shou_store_get_last_success (ShouStore  *self,
                             const char *account_id)
{
  return sync_state_int (self, "SELECT last_success FROM sync_state WHERE account_id = ?1",
                         account_id);
}

gint64
shou_store_get_clock_offset (ShouStore  *self,
                             const char *account_id)
{
  return sync_state_int (self, "SELECT clock_offset FROM sync_state WHERE account_id = ?1",
                         account_id);
}

gboolean
shou_store_set_sync_success (ShouStore   *self,
                             const char  *account_id,
                             gint64       when,
                             gint64       clock_offset,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (self->db,
                          "INSERT INTO sync_state (account_id, last_success, clock_offset) "
                          "VALUES (?1, ?2, ?3) ON CONFLICT(account_id) DO UPDATE SET "
                          "last_success = excluded.last_success, "
                          "clock_offset = excluded.clock_offset, last_error = NULL",
                          &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error);
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_int (stmt, 2, when);
  shou_db_bind_int (stmt, 3, clock_offset);
  if (!shou_db_run (self->db, stmt, &local_error))
    return PROPAGATE (local_error);
  return TRUE;
}
