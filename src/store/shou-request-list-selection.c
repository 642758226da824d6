/* shou-request-list-selection.c: the rows a selection of the list holds,
 * counted, summed and listed in SQL over the list's own filter, so that
 * selecting every row of a large view reads none of them. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "shou-request-list-query.h"

#define IDS_PARAM 30
#define RIDS_PARAM 31

static char *
keys_to_json (GHashTable *ids)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    json_array_add_string_element (array, key);
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

/* A search's rows are its matches (at most SEARCH_CAP), by rid. */
static char *
matches_to_json (ShouRequestList *self)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < self->matches->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            g_array_index (self->matches, Match, i).rid);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* The rows of the list (its filter, or a search's matches) that the
 * selection holds: with @all every one but @ids, else those among @ids. */
static sqlite3_stmt *
prepare_selected (ShouRequestList *self,
                  const char      *columns,
                  const char      *tail,
                  gboolean         all,
                  GHashTable      *ids)
{
  g_autofree char *sql = NULL;
  g_autofree char *ids_json = NULL;
  g_autofree char *rids_json = NULL;
  sqlite3_stmt *stmt;
  gboolean with_ids = ids != NULL && g_hash_table_size (ids) > 0;

  sql = g_strdup_printf ("SELECT %s FROM requests r WHERE %s%s %s",
                         columns,
                         self->search_sql ? "r.rid IN (SELECT value FROM json_each(?31))" : self->where,
                         !with_ids ? "" : all ? " AND r.key NOT IN (SELECT value FROM json_each(?30))"
                                             : " AND r.key IN (SELECT value FROM json_each(?30))",
                         tail);
  stmt = shou_db_prepare (shou_store_get_db (self->store), sql, NULL);
  if (stmt == NULL)
    return NULL;
  if (!self->search_sql)
    shou_request_list_bind_query (self, stmt);
  else
    {
      rids_json = matches_to_json (self);
      sqlite3_bind_text (stmt, RIDS_PARAM, rids_json, -1, SQLITE_TRANSIENT);
    }
  if (with_ids)
    {
      ids_json = keys_to_json (ids);
      sqlite3_bind_text (stmt, IDS_PARAM, ids_json, -1, SQLITE_TRANSIENT);
    }
  return stmt;
}

guint
shou_request_list_summarize (ShouRequestList *self,
                             gboolean         all,
                             GHashTable      *ids,
                             gint64          *total_fen)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  gint64 total = 0;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), 0);

  if (self->store != NULL && self->where != NULL && (all || (ids != NULL && g_hash_table_size (ids) > 0)) &&
      (stmt = prepare_selected (self, "count(*), coalesce(sum(r.amount_fen), 0)", "", all, ids)) != NULL)
    {
      if (shou_db_step (shou_store_get_db (self->store), stmt, NULL) == SQLITE_ROW)
        {
          n = sqlite3_column_int (stmt, 0);
          total = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  if (total_fen != NULL)
    *total_fen = total;
  return n;
}

GPtrArray *
shou_request_list_selected_keys (ShouRequestList *self,
                                 gboolean         all,
                                 GHashTable      *ids)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *order = NULL;
  g_autofree char *tail = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), keys);

  if (self->store == NULL || self->where == NULL || (!all && (ids == NULL || g_hash_table_size (ids) == 0)))
    return keys;
  /* In the order the list shows them (a search's: its matches' order). */
  order = shou_request_list_order_by (self);
  tail = g_strdup_printf ("ORDER BY %s", self->search_sql ? "(SELECT j.key FROM json_each(?31) j WHERE j.value = r.rid)"
                                                          : order);
  stmt = prepare_selected (self, "r.key", tail, all, ids);
  if (stmt == NULL)
    return keys;
  while (shou_db_step (shou_store_get_db (self->store), stmt, NULL) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return keys;
}

GPtrArray *
shou_request_list_keys_in_range (ShouRequestList *self,
                                 guint            position,
                                 guint            n)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_REQUEST_LIST (self), keys);

  /* A search's rows are in memory already. */
  if (self->search_sql)
    {
      for (guint i = position; i < position + n && i < self->n_items; i++)
        {
          g_autoptr(ShouRequestItem) item = g_list_model_get_item (G_LIST_MODEL (self), i);

          if (item != NULL)
            g_ptr_array_add (keys, g_strdup (shou_request_item_get_id (item)));
        }
      return keys;
    }
  if (self->store == NULL || self->where == NULL)
    return keys;
  /* Only the keys: a long Shift-click range makes no items. */
  order = shou_request_list_order_by (self);
  sql = g_strdup_printf ("SELECT r.key FROM requests r WHERE %s ORDER BY %s LIMIT %u OFFSET %u",
                         self->where, order, n, position);
  stmt = shou_db_prepare (shou_store_get_db (self->store), sql, NULL);
  if (stmt == NULL)
    return keys;
  shou_request_list_bind_query (self, stmt);
  while (shou_db_step (shou_store_get_db (self->store), stmt, NULL) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return keys;
}
