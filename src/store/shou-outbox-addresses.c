/* shou-outbox-addresses.c: return addresses saved and deleted locally
 * and queued for the server. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"

static gboolean
check_address (JsonObject  *address,
               GError     **error)
{
  static const char * const required[] = { "name", "phone", "province", "city", "street" };
  GError *cause = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *v = jstr (address, required[i]);
      g_autofree char *stripped = v ? g_strstrip (g_strdup (v)) : NULL;

      if (stripped == NULL || *stripped == '\0')
        return shou_outbox_invalid (error, _("Fill in the name, phone, province, city and street"));
    }
  if (!shou_validate_phone (jstr (address, "phone"), &cause))
    return shou_outbox_invalid_from (error, cause);
  if (jstr (address, "postcode") && *jstr (address, "postcode") &&
      !shou_validate_postcode (jstr (address, "postcode"), &cause))
    return shou_outbox_invalid_from (error, cause);
  return TRUE;
}

static JsonObject *
address_fields (JsonObject *address)
{
  static const char * const skip[] = { "id", "shop_id", "version", "deleted", "pending" };
  JsonObject *ret = json_object_new ();
  GList *members = json_object_get_members (address);

  for (GList *l = members; l; l = l->next)
    {
      gboolean skipped = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (skip); i++)
        skipped |= g_str_equal (l->data, skip[i]);
      if (!skipped)
        json_object_set_member (ret, l->data,
                                json_node_copy (json_object_get_member (address, l->data)));
    }
  g_list_free (members);
  return ret;
}

/* Whether @account_id has address @id (in @shop and not deleted, when
 * @shop is given), with its version and whether it exists only here. */
static gboolean
find_address (ShouDb     *db,
              const char *account_id,
              const char *id,
              const char *shop,
              gint64     *version,
              gboolean   *local_only)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = shou_db_prepare (db,
                          shop != NULL
                          ? "SELECT version, local_state FROM addresses "
                            "WHERE account_id = ?2 AND id = ?1 AND shop_id = ?3 AND deleted = 0"
                          : "SELECT version, local_state FROM addresses "
                            "WHERE account_id = ?2 AND id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  if (shop != NULL)
    shou_db_bind_text (stmt, 3, shop);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      found = TRUE;
      *version = sqlite3_column_int64 (stmt, 0);
      *local_only = g_strcmp0 (shou_db_column_text (stmt, 1), "create") == 0;
    }
  sqlite3_reset (stmt);
  return found;
}

/* The address's row as the seller edited it; a shop has one default: the
 * server moves it when it takes this edit, the cache shows the same at
 * once. */
static gboolean
write_address_row (ShouDb      *db,
                   const char  *account_id,
                   const char  *shop,
                   const char  *id,
                   JsonObject  *address,
                   gint64       version,
                   gboolean     exists,
                   GError     **error)
{
  g_autoptr(JsonObject) row = address_fields (address);
  g_autofree char *text = NULL;
  gboolean is_default = json_object_get_boolean_member_with_default (address, "is_default", FALSE);
  sqlite3_stmt *stmt;

  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "shop_id", shop);
  json_object_set_int_member (row, "version", version);
  json_object_set_boolean_member (row, "deleted", FALSE);
  text = shou_store_json_to_string (row);

  stmt = shou_db_prepare (db,
                          "INSERT INTO addresses (id, account_id, shop_id, version, is_default, "
                          "local_state, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                          "ON CONFLICT(account_id, id) DO UPDATE SET is_default = excluded.is_default, "
                          "local_state = coalesce(addresses.local_state, excluded.local_state), "
                          "data = excluded.data", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, shop);
  shou_db_bind_int (stmt, 4, version);
  shou_db_bind_int (stmt, 5, is_default);
  shou_db_bind_text (stmt, 6, exists ? "update" : "create");
  shou_db_bind_text (stmt, 7, text);
  if (!shou_db_run (db, stmt, error))
    return FALSE;
  if (!is_default)
    return TRUE;

  stmt = shou_db_prepare (db,
                          "UPDATE addresses SET is_default = 0, "
                          "data = json_set(data, '$.is_default', json('false')) "
                          "WHERE account_id = ?3 AND shop_id = ?1 AND id != ?2 AND is_default = 1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, shop);
  shou_db_bind_text (stmt, 2, id);
  shou_db_bind_text (stmt, 3, account_id);
  return shou_db_run (db, stmt, error);
}

/* Queues the edit; an address not on the server yet amends its queued
 * creation if that has not left. */
static gboolean
queue_address_edit (ShouDb      *db,
                    const char  *account_id,
                    const char  *shop,
                    const char  *id,
                    JsonObject  *fields,
                    gint64       version,
                    gboolean     exists,
                    gboolean     local_only,
                    GError     **error)
{
  g_autofree char *shop_key = g_strconcat ("shop:", shop, NULL);
  g_autofree char *ptext = NULL;
  sqlite3_stmt *stmt;

  if (!local_only)
    return shou_outbox_insert (db, account_id, shop_key,
                               exists ? SHOU_OUTBOX_ADDRESS_UPDATE : SHOU_OUTBOX_ADDRESS_CREATE,
                               id, fields, version, error);

  ptext = shou_store_json_to_string (fields);
  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET params = ?2 WHERE kind = 'address_create' "
                          "AND account_id = ?3 AND action = ?1 AND state = 'queued'", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, ptext);
  shou_db_bind_text (stmt, 3, account_id);
  if (!shou_db_run (db, stmt, error))
    return FALSE;
  return shou_db_changes (db) > 0 ||
         shou_outbox_insert (db, account_id, shop_key, SHOU_OUTBOX_ADDRESS_UPDATE, id, fields,
                             version, error);
}

char *
shou_store_save_address (ShouStore   *self,
                         const char  *shop_id,
                         JsonObject  *address,
                         GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) fields = NULL;
  const char *given_id;
  gint64 version = 0;
  gboolean exists = FALSE, local_only = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  if (shou_outbox_refuse_while_migrating (self, error))
    return NULL;
  g_return_val_if_fail (shop_id != NULL && address != NULL, NULL);

  db = shou_store_get_db (self);
  if (!check_address (address, error))
    return NULL;
  /* @shop_id is the shop's key; rows and the outbox use the server's. */
  if (!shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such shop"));
      return NULL;
    }

  given_id = jstr (address, "id");
  exists = given_id != NULL && find_address (db, account_id, given_id, NULL, &version, &local_only);
  if (exists)
    id = g_strdup (given_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();
      id = g_strconcat ("local-", uuid, NULL);
    }
  fields = address_fields (address);

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error), NULL;
  if (write_address_row (db, account_id, shop, id, address, version, exists, &local_error))
    queue_address_edit (db, account_id, shop, id, fields, version, exists, local_only, &local_error);
  if (!shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&id);
}

/* An agreed return not yet sent will tell the buyer to ship to @address_id. */
static gboolean
used_by_queued_return (ShouDb      *db,
                       const char  *account_id,
                       const char  *address_id,
                       gboolean    *used,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db,
                          "SELECT 1 FROM outbox WHERE kind = 'action' AND action = 'agree_return' "
                          "AND account_id = ?2 AND state IN ('queued', 'sending', 'conflict') "
                          "AND json_extract(params, '$.address_id') = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, address_id);
  shou_db_bind_text (stmt, 2, account_id);
  *used = shou_db_step (db, stmt, NULL) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Drops the address: a local-only one whose creation has not left goes
 * with its queued creation, any other is marked deleted and the deletion
 * queued. */
static gboolean
drop_address (ShouDb      *db,
              const char  *account_id,
              const char  *shop,
              const char  *address_id,
              gint64       version,
              gboolean     local_only,
              GError     **error)
{
  g_autofree char *shop_key = g_strconcat ("shop:", shop, NULL);
  sqlite3_stmt *stmt;

  if (local_only)
    {
      stmt = shou_db_prepare (db,
                              "UPDATE outbox SET state = 'dropped' WHERE kind = 'address_create' "
                              "AND account_id = ?2 AND action = ?1 AND state = 'queued'", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 1, address_id);
      shou_db_bind_text (stmt, 2, account_id);
      if (!shou_db_run (db, stmt, error))
        return FALSE;
      local_only = shou_db_changes (db) > 0;
    }
  if (local_only)
    stmt = shou_db_prepare (db, "DELETE FROM addresses WHERE account_id = ?2 AND id = ?1", error);
  else
    stmt = shou_db_prepare (db,
                            "UPDATE addresses SET deleted = 1, local_state = 'delete' "
                            "WHERE account_id = ?2 AND id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, address_id);
  shou_db_bind_text (stmt, 2, account_id);
  if (!shou_db_run (db, stmt, error))
    return FALSE;
  return local_only ||
         shou_outbox_insert (db, account_id, shop_key, SHOU_OUTBOX_ADDRESS_DELETE, address_id,
                             NULL, version, error);
}

gboolean
shou_store_delete_address (ShouStore   *self,
                           const char  *shop_id,
                           const char  *address_id,
                           GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  gint64 version = 0;
  gboolean local_only = FALSE, used = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (shou_outbox_refuse_while_migrating (self, error))
    return FALSE;

  db = shou_store_get_db (self);
  if (!shou_store_resolve_shop (self, shop_id, &account_id, &shop) ||
      !find_address (db, account_id, address_id, shop, &version, &local_only))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such address"));
      return FALSE;
    }
  if (!used_by_queued_return (db, account_id, address_id, &used, &local_error))
    return PROPAGATE (local_error);
  if (used)
    return shou_outbox_invalid (error, _("This address is used by a return you agreed that has not been sent yet"));

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  drop_address (db, account_id, shop, address_id, version, local_only, &local_error);
  return shou_outbox_commit (self, NULL, g_steal_pointer (&local_error), error);
}
