/* shou-store-queries.c: what the views, the detail pane and the statistics
 * read: counts per view, one request with its details, orders. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-store-private.h"

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

/* ---- reading ----------------------------------------------------------- */

guint
shou_store_count_view (ShouStore  *self,
                       ShouView    view,
                       const char *shop_id)
{
  return shou_store_count_view_at (self, view, shop_id, g_get_real_time ());
}

/* The urgent count sums urgent_buckets (schema 5) below the bucket that
 * @now + 24 h falls in, and counts rows only inside that bucket, so its
 * cost does not grow with the number of requests due. */
guint
shou_store_count_view_at (ShouStore  *self,
                          ShouView    view,
                          const char *shop_id,
                          gint64      now)
{
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);

  /* @shop_id is a shop's key: its counts are its account's. */
  if (shop_id != NULL && !shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    return 0;

  if (view == SHOU_VIEW_URGENT)
    {
      gint64 bound = now + SHOU_URGENT_WINDOW;

      stmt = shou_db_prepare (self->db,
                              shop_id ?
                              "SELECT (SELECT coalesce(sum(n), 0) FROM urgent_buckets"
                              "  WHERE account_id = ?3 AND shop_id = ?2 AND bucket < ?1 >> 32)"
                              " + (SELECT count(*) FROM requests WHERE view_mask & 32"
                              "  AND deadline_key >= (?1 >> 32) << 32 AND deadline_key < ?1"
                              "  AND +account_id = ?3 AND shop_id = ?2)" :
                              "SELECT (SELECT coalesce(sum(n), 0) FROM urgent_buckets"
                              "  WHERE bucket < ?1 >> 32)"
                              " + (SELECT count(*) FROM requests WHERE view_mask & 32"
                              "  AND deadline_key >= (?1 >> 32) << 32 AND deadline_key < ?1)", NULL);
      if (stmt == NULL)
        return 0;
      shou_db_bind_int (stmt, 1, bound);
    }
  else
    {
      stmt = shou_db_prepare (self->db,
                              shop_id ?
                              "SELECT coalesce(sum(n), 0) FROM view_counts WHERE bit = ?1"
                              " AND account_id = ?3 AND shop_id = ?2" :
                              "SELECT coalesce(sum(n), 0) FROM view_counts WHERE bit = ?1", NULL);
      if (stmt == NULL)
        return 0;
      shou_db_bind_int (stmt, 1, shou_view_get_bit (view));
    }
  if (shop_id)
    {
      shou_db_bind_text (stmt, 2, shop);
      shou_db_bind_text (stmt, 3, account_id);
    }
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The request's order, embedded as "order" (when cached). */
static gboolean
add_order (ShouStore   *self,
           JsonObject  *obj,
           const char  *account_id,
           GError     **error)
{
  const char *order_id = jstr (obj, "order_id");
  sqlite3_stmt *stmt;

  if (order_id == NULL)
    return TRUE;
  stmt = shou_db_prepare (self->db, "SELECT data FROM orders WHERE account_id = ?2 AND id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, order_id);
  shou_db_bind_text (stmt, 2, account_id);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *order = shou_store_json_parse (shou_db_column_text (stmt, 0));
      ShouProfiles *profiles = shou_profiles_get_default ();
      ShouPlatform platform;

      /* The order's own parcel stalled on a "not received" refund: the
       * platform's 物流断更 warning, whatever the server computed. */
      const ShouProfile *profile = NULL;

      if (profiles != NULL && shou_platform_from_string (jstr (obj, "platform"), &platform))
        profile = shou_profiles_get (profiles, platform);
      if (order != NULL && profile != NULL)
        shou_outbound_add_stall_risk (obj, order, profile, g_get_real_time ());
      if (order)
        json_object_set_object_member (obj, "order", order);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The request's queued and sending outbox entries as "pending_actions". */
static gboolean
add_pending_actions (ShouStore   *self,
                     JsonObject  *obj,
                     const char  *account_id,
                     const char  *server_id,
                     GError     **error)
{
  JsonArray *pending;
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (self->db,
                          "SELECT action, created_at, attempts, last_error, kind FROM outbox "
                          "WHERE account_id = ?2 AND request_id = ?1 "
                          "AND state IN ('queued', 'sending') ORDER BY id",
                          error);
  if (stmt == NULL)
    return FALSE;
  pending = json_array_new ();
  shou_db_bind_text (stmt, 1, server_id);
  shou_db_bind_text (stmt, 2, account_id);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *p = json_object_new ();
      const char *kind = shou_db_column_text (stmt, 4);

      json_object_set_string_member (p, "action",
                                     g_strcmp0 (kind, "evidence") == 0 ? "upload_evidence"
                                                                       : shou_db_column_text (stmt, 0));
      json_object_set_int_member (p, "created_at", sqlite3_column_int64 (stmt, 1));
      json_object_set_int_member (p, "attempts", sqlite3_column_int64 (stmt, 2));
      if (shou_db_column_text (stmt, 3))
        json_object_set_string_member (p, "last_error", shou_db_column_text (stmt, 3));
      else
        json_object_set_null_member (p, "last_error");
      json_array_add_object_element (pending, p);
    }
  sqlite3_reset (stmt);
  json_object_set_array_member (obj, "pending_actions", pending);
  return TRUE;
}

char *
shou_store_get_buyer_nick (ShouStore  *self,
                           const char *buyer)
{
  sqlite3_stmt *stmt;
  char *nick = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (buyer != NULL, NULL);

  stmt = shou_db_prepare (self->db, "SELECT buyer FROM requests WHERE buyer_id = ?1 AND buyer <> ''"
                          " ORDER BY rid DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return g_strdup (buyer);
  shou_db_bind_text (stmt, 1, buyer);
  if (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    nick = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return nick ? nick : g_strdup (buyer);
}

JsonObject *
shou_store_get_request (ShouStore   *self,
                        const char  *request_id,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) obj = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *server_id = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);

  stmt = shou_db_prepare (self->db,
                          "SELECT coalesce(d.local_data, d.server_data), r.conflict, r.account_id, "
                          "r.id, (SELECT s.key FROM shops s WHERE s.account_id = r.account_id "
                          "AND s.id = r.shop_id) FROM requests r "
                          "JOIN request_data d ON d.rid = r.rid WHERE r.key = ?1", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error), NULL;
  shou_db_bind_text (stmt, 1, request_id);
  rc = shou_db_step (self->db, stmt, &local_error);
  if (rc < 0)
    return PROPAGATE (local_error), NULL;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("The after-sales request %s is not in the cache"), request_id);
      return NULL;
    }
  obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
  if (obj == NULL)
    {
      sqlite3_reset (stmt);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_SQL,
                   _("The cached request %s is damaged"), request_id);
      return NULL;
    }
  {
    g_autoptr(JsonObject) conflict = shou_store_json_parse (shou_db_column_text (stmt, 1));
    if (conflict)
      json_object_set_object_member (obj, "conflict", g_steal_pointer (&conflict));
    else
      json_object_set_null_member (obj, "conflict");
  }
  account_id = g_strdup (shou_db_column_text (stmt, 2));
  server_id = g_strdup (shou_db_column_text (stmt, 3));
  json_object_set_string_member (obj, "key", request_id);
  json_object_set_string_member (obj, "account_id", account_id);
  if (shou_db_column_text (stmt, 4) != NULL)
    json_object_set_string_member (obj, "shop_key", shou_db_column_text (stmt, 4));
  else
    json_object_set_null_member (obj, "shop_key");
  sqlite3_reset (stmt);

  if (!add_order (self, obj, account_id, &local_error) ||
      !add_pending_actions (self, obj, account_id, server_id, &local_error))
    return PROPAGATE (local_error), NULL;
  return g_steal_pointer (&obj);
}

char *
shou_store_like_pattern (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

GPtrArray *
shou_store_list_orders (ShouStore  *self,
                        const char *shop_id,
                        const char *search,
                        guint       offset,
                        guint       limit)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *pattern = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  if (shop_id != NULL && !shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    return ret;
  if (search && *search)
    pattern = shou_store_like_pattern (search);
  /* "aftersales" comes from the cached requests of each order (their
   * effective state, queued actions included), not from the order's data. */
  stmt = shou_db_prepare (self->db,
                          "SELECT o.data, (SELECT json_group_array (json_object ("
                          "  'id', r.id, 'key', r.key, 'line_id', r.line_id, 'type', r.type, 'status', r.status,"
                          "  'opened_at', r.opened_at, 'updated_at', r.updated_at,"
                          "  'exchange_shipped', json (CASE WHEN r.view_mask & 128 THEN 'true' ELSE 'false' END)))"
                          "  FROM (SELECT * FROM requests WHERE order_id = o.id AND account_id = o.account_id"
                          "        ORDER BY opened_at, id) r), o.key, o.account_id, "
                          "(SELECT b.state || ' ' || coalesce (b.last_error, '') FROM outbox b "
                          " WHERE b.account_id = o.account_id AND b.request_id = 'order:' || o.id "
                          " AND b.kind = 'order_cancel' AND b.state != 'done' ORDER BY b.id DESC LIMIT 1) "
                          "FROM orders o WHERE (?1 IS NULL OR (o.account_id = ?5 AND o.shop_id = ?1)) "
                          "AND (?2 IS NULL OR o.order_no LIKE ?2 ESCAPE '\\' OR o.buyer LIKE ?2 ESCAPE '\\' "
                          "OR EXISTS (SELECT 1 FROM order_lines l WHERE l.account_id = o.account_id "
                          "AND l.order_id = o.id AND l.title LIKE ?2 ESCAPE '\\')) "
                          "ORDER BY o.created_at DESC, o.key LIMIT ?3 OFFSET ?4", NULL);
  if (stmt == NULL)
    return ret;
  shou_db_bind_text (stmt, 1, shop);
  shou_db_bind_text (stmt, 5, account_id);
  shou_db_bind_text (stmt, 2, pattern);
  shou_db_bind_int (stmt, 3, limit ? limit : 100);
  shou_db_bind_int (stmt, 4, offset);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = shou_store_json_parse (shou_db_column_text (stmt, 0));
      const char *text = shou_db_column_text (stmt, 1);
      const char *cancel;
      g_autoptr(JsonNode) requests = NULL;

      if (obj == NULL)
        continue;
      if (text != NULL)
        requests = json_from_string (text, NULL);
      if (requests != NULL && JSON_NODE_HOLDS_ARRAY (requests))
        json_object_set_array_member (obj, "aftersales", json_array_ref (json_node_get_array (requests)));
      else
        json_object_set_array_member (obj, "aftersales", json_array_new ());
      json_object_set_string_member (obj, "key", shou_db_column_text (stmt, 2));
      json_object_set_string_member (obj, "account_id", shou_db_column_text (stmt, 3));
      cancel = shou_db_column_text (stmt, 4);
      /* The seller's cancellation (shou-store-orders.h): waiting, or refused and why. */
      json_object_set_boolean_member (obj, "cancel_pending",
                                      cancel != NULL && !g_str_has_prefix (cancel, "conflict "));
      if (cancel != NULL && g_str_has_prefix (cancel, "conflict "))
        json_object_set_string_member (obj, "cancel_refused", cancel + strlen ("conflict "));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}

GPtrArray *
shou_store_list_shipping_orders (ShouStore  *self,
                                 const char *shop_id,
                                 guint       limit)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *account_id = NULL;
  g_autofree char *shop = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  if (shop_id != NULL && !shou_store_resolve_shop (self, shop_id, &account_id, &shop))
    return ret;
  /* Paid and not yet on its way: no parcel has a first event, a signature
   * or a refusal. */
  stmt = shou_db_prepare (self->db,
                          "SELECT o.data, o.key, o.account_id, s.platform FROM orders o "
                          "JOIN shops s ON s.account_id = o.account_id AND s.id = o.shop_id "
                          "WHERE o.state IN ('pending_shipment', 'shipped') "
                          "AND (?1 IS NULL OR (o.account_id = ?3 AND o.shop_id = ?1)) "
                          "AND NOT EXISTS (SELECT 1 FROM json_each (o.data, '$.shipments') p "
                          "  WHERE json_extract (p.value, '$.first_event_at') IS NOT NULL "
                          "  OR json_extract (p.value, '$.signed_at') IS NOT NULL "
                          "  OR json_extract (p.value, '$.returning_at') IS NOT NULL) "
                          "ORDER BY o.created_at, o.key LIMIT ?2", NULL);
  if (stmt == NULL)
    return ret;
  shou_db_bind_text (stmt, 1, shop);
  shou_db_bind_int (stmt, 2, limit ? limit : 500);
  shou_db_bind_text (stmt, 3, account_id);
  while (shou_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = shou_store_json_parse (shou_db_column_text (stmt, 0));

      if (obj == NULL)
        continue;
      json_object_set_string_member (obj, "key", shou_db_column_text (stmt, 1));
      json_object_set_string_member (obj, "account_id", shou_db_column_text (stmt, 2));
      json_object_set_string_member (obj, "platform", shou_db_column_text (stmt, 3));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);
  return ret;
}
