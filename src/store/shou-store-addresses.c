/* shou-store-addresses.c: the return addresses cached from the server. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-store-private.h"

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

gboolean
shou_store_write_address (ShouStore   *self,
                          const char  *account_id,
                          JsonObject  *address,
                          gboolean     force,
                          GError     **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 version = 0;
  JsonNode *def;

  if (jstr (address, "id") == NULL || jstr (address, "shop_id") == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, "address without id");
      return FALSE;
    }
  jint (address, "version", &version);
  def = json_object_get_member (address, "is_default");
  text = shou_store_json_to_string (address);

  /* A local edit waiting to be sent wins until the server answers it. */
  stmt = shou_db_prepare (self->db,
                          force ?
                          "INSERT INTO addresses (id, account_id, shop_id, version, is_default, deleted, data) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(account_id, id) DO UPDATE SET "
                          "version = excluded.version, is_default = excluded.is_default, "
                          "deleted = excluded.deleted, data = excluded.data, local_state = NULL"
                          :
                          "INSERT INTO addresses (id, account_id, shop_id, version, is_default, deleted, data) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(account_id, id) DO UPDATE SET "
                          "version = excluded.version, is_default = excluded.is_default, "
                          "deleted = excluded.deleted, data = excluded.data "
                          "WHERE addresses.local_state IS NULL AND excluded.version >= addresses.version",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, jstr (address, "id"));
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, jstr (address, "shop_id"));
  shou_db_bind_int (stmt, 4, version);
  shou_db_bind_int (stmt, 5, def && JSON_NODE_HOLDS_VALUE (def) &&
                              json_node_get_value_type (def) == G_TYPE_BOOLEAN &&
                              json_node_get_boolean (def));
  shou_db_bind_int (stmt, 6, json_object_has_member (address, "deleted") &&
                              json_object_get_boolean_member_with_default (address, "deleted", FALSE));
  shou_db_bind_text (stmt, 7, text);
  return shou_db_run (self->db, stmt, error);
}

GPtrArray *
shou_store_list_addresses (ShouStore  *self,
                           const char *shop_id)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  if (!shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    return ret;
  stmt = shou_db_prepare (self->db,
                          "SELECT data, local_state FROM addresses WHERE account_id = ?2 "
                          "AND shop_id = ?1 AND deleted = 0 ORDER BY is_default DESC, id", NULL);
  if (stmt == NULL)
    return ret;
  shou_db_bind_text (stmt, 1, shop);
  shou_db_bind_text (stmt, 2, account_id);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      if (obj == NULL)
        continue;
      json_object_set_boolean_member (obj, "pending", shou_db_column_text (stmt, 1) != NULL);
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}
