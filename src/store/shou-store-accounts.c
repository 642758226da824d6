/* shou-store-accounts.c: account identity, the demo mark and trusted
 * certificates (schema 7's columns of the accounts table). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-store-private.h"
#include "shou-store-accounts.h"

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
