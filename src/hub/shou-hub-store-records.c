/* shou-hub-store-records.c: orders, return addresses and stored idempotent
 * answers, one implementation for both engines through
 * shou_hub_store_query(). Every lookup names the merchant: a table's key
 * starts with it (API.md "Scale"). */
#include "config.h"

#include "shou-hub-json.h"
#include "shou-hub-row.h"
#include "shou-hub-store-private.h"

#define I64 SHOU_HUB_I64

/* Orders */

gboolean
shou_hub_store_put_order (ShouHubStore  *self,
                          const char    *order_id,
                          const char    *shop_id,
                          const char    *merchant_id,
                          JsonObject    *data,
                          gint64         version,
                          gint64         updated_at,
                          GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(ShouHubRows) rows = NULL;
  char v[24], u[24], s[24];
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  seq = shou_hub_store_next_seq (self, merchant_id, error);
  if (seq <= 0)
    return FALSE;
  text = shou_hub_json_to_string (data);
  {
    const char *params[] = { merchant_id, order_id, shop_id, text, I64 (v, version), I64 (u, updated_at),
                             I64 (s, seq) };

    rows = shou_hub_store_query (self, "INSERT INTO orders (merchant_id, id, shop_id, data, version, updated_at,"
                                       " change_seq) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                                       " ON CONFLICT (merchant_id, id) DO UPDATE SET"
                                       " shop_id = EXCLUDED.shop_id, data = EXCLUDED.data,"
                                       " version = EXCLUDED.version, updated_at = EXCLUDED.updated_at,"
                                       " change_seq = EXCLUDED.change_seq", "ssssiii", params, error);
  }
  return rows != NULL;
}

char *
shou_hub_store_get_order_text (ShouHubStore *self,
                               const char   *merchant_id,
                               const char   *order_id)
{
  const char *params[] = { merchant_id, order_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT data, version, updated_at FROM orders"
                                    " WHERE merchant_id = $1 AND id = $2", "ss", params);
  if (shou_hub_rows_count (rows) == 0)
    return NULL;
  /* No parsing and serialising again. */
  return shou_hub_json_with_version (shou_hub_rows_text (rows, 0, 0), shou_hub_rows_text (rows, 0, 1),
                                     shou_hub_rows_text (rows, 0, 2));
}

GPtrArray *
shou_hub_store_list_order_ids (ShouHubStore *self,
                               const char   *merchant_id,
                               guint         limit)
{
  char l[24];
  const char *params[] = { merchant_id, I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), ids);
  rows = shou_hub_store_read (self, "SELECT id FROM orders WHERE merchant_id = $1 ORDER BY random() LIMIT $2",
                              "si", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    g_ptr_array_add (ids, g_strdup (shou_hub_rows_text (rows, i, 0)));
  return ids;
}

gboolean
shou_hub_store_set_order_lapse (ShouHubStore  *self,
                                const char    *merchant_id,
                                const char    *order_id,
                                gint64         lapse_at,
                                GError       **error)
{
  char l[24];
  const char *params[] = { merchant_id, order_id, lapse_at > 0 ? I64 (l, lapse_at) : NULL };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_query (self, "UPDATE orders SET lapse_at = $3 WHERE merchant_id = $1 AND id = $2",
                               "ssi", params, error);
  return rows != NULL;
}

GPtrArray *
shou_hub_store_list_due_orders (ShouHubStore *self,
                                gint64        cutoff,
                                guint         limit)
{
  char c[24], l[24];
  const char *params[] = { I64 (c, cutoff), I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), ids);
  rows = shou_hub_store_read (self, "SELECT merchant_id, id FROM orders WHERE lapse_at IS NOT NULL"
                                    " AND lapse_at <= $1 ORDER BY lapse_at LIMIT $2", "ii", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      g_ptr_array_add (ids, g_strdup (shou_hub_rows_text (rows, i, 0)));
      g_ptr_array_add (ids, g_strdup (shou_hub_rows_text (rows, i, 1)));
    }
  return ids;
}

/* After-sales requests (written by each engine: put_aftersale) */

static const char *
rows_text (gpointer rows,
           guint    column)
{
  return shou_hub_rows_text (rows, 0, column);
}

ShouHubAftersale *
shou_hub_store_get_aftersale (ShouHubStore *self,
                              const char   *merchant_id,
                              const char   *aftersale_id)
{
  const char *params[] = { merchant_id, aftersale_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  /* In a PostgreSQL transaction the row is the writer's until it commits
   * (SQLite's BEGIN IMMEDIATE already made it the only writer). */
  if (shou_hub_store_is_pg (self) && shou_hub_store_in_transaction (self))
    rows = shou_hub_store_read (self, "SELECT " SHOU_HUB_AFTERSALE_COLUMNS " FROM aftersales"
                                      " WHERE merchant_id = $1 AND id = $2 FOR UPDATE", "ss", params);
  else
    rows = shou_hub_store_read (self, "SELECT " SHOU_HUB_AFTERSALE_COLUMNS " FROM aftersales"
                                      " WHERE merchant_id = $1 AND id = $2", "ss", params);
  return shou_hub_rows_count (rows) > 0 ? shou_hub_row_to_aftersale (rows_text, rows) : NULL;
}

static GPtrArray *
first_column (ShouHubRows *rows)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    g_ptr_array_add (ids, g_strdup (shou_hub_rows_text (rows, i, 0)));
  return ids;
}

char *
shou_hub_store_find_line_request (ShouHubStore *self,
                                  const char   *merchant_id,
                                  const char   *line_id)
{
  const char *params[] = { merchant_id, line_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT id FROM aftersales WHERE merchant_id = $1 AND line_id = $2"
                                    " ORDER BY opened_at DESC LIMIT 1", "ss", params);
  return g_strdup (shou_hub_rows_text (rows, 0, 0));
}

GPtrArray *
shou_hub_store_list_due (ShouHubStore *self,
                         gint64        cutoff,
                         guint         limit)
{
  char c[24], l[24];
  const char *params[] = { I64 (c, cutoff), I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  /* The platform's housekeeping (any merchant's due deadlines). */
  rows = shou_hub_store_read (self, "SELECT id FROM aftersales WHERE lapse_at IS NOT NULL AND lapse_at <= $1"
                                    " ORDER BY lapse_at LIMIT $2", "ii", params);
  return first_column (rows);
}

GPtrArray *
shou_hub_store_sample_aftersales (ShouHubStore *self,
                                  int           status,
                                  guint         limit)
{
  char s[24], l[24];
  const char *params[] = { I64 (s, status), I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT id FROM aftersales WHERE CAST ($1 AS INTEGER) < 0"
                                    " OR status = CAST ($1 AS INTEGER) ORDER BY random() LIMIT $2", "ii", params);
  return first_column (rows);
}

JsonObject *
shou_hub_store_get_order (ShouHubStore *self,
                          const char   *merchant_id,
                          const char   *order_id)
{
  g_autofree char *text = shou_hub_store_get_order_text (self, merchant_id, order_id);

  return text ? shou_hub_json_from_string (text) : NULL;
}

/* Return addresses */

gboolean
shou_hub_store_put_address (ShouHubStore  *self,
                            const char    *address_id,
                            const char    *shop_id,
                            const char    *merchant_id,
                            JsonObject    *data,
                            gint64         version,
                            gboolean       deleted,
                            GError       **error)
{
  g_autofree char *text = NULL;
  g_autoptr(ShouHubRows) rows = NULL;
  char v[24], s[24];
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  seq = shou_hub_store_next_seq (self, merchant_id, error);
  if (seq <= 0)
    return FALSE;
  text = shou_hub_json_to_string (data);
  {
    const char *params[] = { merchant_id, address_id, shop_id, text, I64 (v, version), deleted ? "1" : "0",
                             I64 (s, seq) };

    rows = shou_hub_store_query (self, "INSERT INTO addresses (merchant_id, id, shop_id, data, version, deleted,"
                                       " change_seq) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                                       " ON CONFLICT (merchant_id, id) DO UPDATE SET"
                                       " shop_id = EXCLUDED.shop_id, data = EXCLUDED.data,"
                                       " version = EXCLUDED.version, deleted = EXCLUDED.deleted,"
                                       " change_seq = EXCLUDED.change_seq", "ssssiii", params, error);
  }
  return rows != NULL;
}

static JsonObject *
address_from_row (ShouHubRows *rows,
                  guint        row)
{
  JsonObject *address = shou_hub_json_from_string (shou_hub_rows_text (rows, row, 2));

  json_object_set_string_member (address, "id", shou_hub_rows_text (rows, row, 0));
  json_object_set_string_member (address, "shop_id", shou_hub_rows_text (rows, row, 1));
  json_object_set_int_member (address, "version", shou_hub_rows_int (rows, row, 3));
  json_object_set_boolean_member (address, "deleted", shou_hub_rows_int (rows, row, 4) != 0);
  if (!json_object_has_member (address, "is_default"))
    json_object_set_boolean_member (address, "is_default", FALSE);
  return address;
}

JsonObject *
shou_hub_store_get_address (ShouHubStore *self,
                            const char   *merchant_id,
                            const char   *address_id)
{
  const char *params[] = { merchant_id, address_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT id, shop_id, data, version, deleted FROM addresses"
                                    " WHERE merchant_id = $1 AND id = $2", "ss", params);
  return shou_hub_rows_count (rows) > 0 ? address_from_row (rows, 0) : NULL;
}

JsonArray *
shou_hub_store_list_addresses (ShouHubStore *self,
                               const char   *merchant_id,
                               const char   *shop_id)
{
  const char *params[] = { merchant_id, shop_id };
  g_autoptr(ShouHubRows) rows = NULL;
  JsonArray *array = json_array_new ();

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), array);
  /* In the order they were added. */
  if (shou_hub_store_is_pg (self))
    rows = shou_hub_store_read (self, "SELECT id, shop_id, data, version, deleted FROM addresses"
                                      " WHERE merchant_id = $1 AND shop_id = $2 AND deleted = 0 ORDER BY ord",
                                "ss", params);
  else
    rows = shou_hub_store_read (self, "SELECT id, shop_id, data, version, deleted FROM addresses"
                                      " WHERE merchant_id = $1 AND shop_id = $2 AND deleted = 0 ORDER BY rowid",
                                "ss", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    json_array_add_object_element (array, address_from_row (rows, i));
  return array;
}

gboolean
shou_hub_store_address_in_use (ShouHubStore *self,
                               const char   *merchant_id,
                               const char   *address_id)
{
  const char *params[] = { merchant_id, address_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_read (self, "SELECT status FROM aftersales WHERE merchant_id = $1"
                                    " AND return_address_id = $2", "ss", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    if (!shou_status_is_finished (shou_hub_rows_int (rows, i, 0)))
      return TRUE;
  return FALSE;
}

gboolean
shou_hub_store_clear_default (ShouHubStore  *self,
                              const char    *merchant_id,
                              const char    *shop_id,
                              const char    *except_id,
                              GError       **error)
{
  g_autoptr(JsonArray) list = shou_hub_store_list_addresses (self, merchant_id, shop_id);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);
      const char *id = json_object_get_string_member (a, "id");

      if (g_strcmp0 (id, except_id) == 0 ||
          !json_object_get_boolean_member_with_default (a, "is_default", FALSE))
        continue;
      json_object_set_boolean_member (a, "is_default", FALSE);
      if (!shou_hub_store_put_address (self, id, shop_id, merchant_id, a,
                                       json_object_get_int_member (a, "version") + 1, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

/* Idempotency */

gboolean
shou_hub_store_get_idempotent (ShouHubStore  *self,
                               const char    *merchant_id,
                               const char    *key,
                               char         **out_body_hash,
                               guint         *out_status,
                               char         **out_response)
{
  const char *params[] = { merchant_id, key };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_read (self, "SELECT body_hash, status, response FROM idempotency"
                                    " WHERE merchant_id = $1 AND key = $2", "ss", params);
  if (shou_hub_rows_count (rows) == 0)
    return FALSE;
  *out_body_hash = g_strdup (shou_hub_rows_text (rows, 0, 0));
  *out_status = shou_hub_rows_int (rows, 0, 1);
  *out_response = g_strdup (shou_hub_rows_text (rows, 0, 2));
  return TRUE;
}

gboolean
shou_hub_store_put_idempotent (ShouHubStore  *self,
                               const char    *merchant_id,
                               const char    *key,
                               const char    *body_hash,
                               guint          status,
                               const char    *response,
                               gint64         now,
                               GError       **error)
{
  char s[24], n[24];
  const char *params[] = { merchant_id, key, body_hash, I64 (s, status), response, I64 (n, now) };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_query (self, "INSERT INTO idempotency (merchant_id, key, body_hash, status, response,"
                                     " created_at) VALUES ($1, $2, $3, $4, $5, $6)"
                                     " ON CONFLICT (merchant_id, key) DO UPDATE SET"
                                     " body_hash = EXCLUDED.body_hash, status = EXCLUDED.status,"
                                     " response = EXCLUDED.response, created_at = EXCLUDED.created_at",
                               "sssisi", params, error);
  return rows != NULL;
}

/* The change feed */

typedef struct
{
  ShouHubChangeFunc func;
  gpointer          user_data;
} EachChange;

static gint64
cell_int (const char *text)
{
  return text ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* The care table's kind as the feed's k (5, 6, 7: complaint, visit, incident). */
#define CARE_KIND "CASE kind WHEN 'complaint' THEN 5 WHEN 'visit' THEN 6 ELSE 7 END"

static const ShouHubChangeKind feed_kinds[] = {
  SHOU_HUB_CHANGE_ORDER, SHOU_HUB_CHANGE_AFTERSALE, SHOU_HUB_CHANGE_ADDRESS, SHOU_HUB_CHANGE_CLAIM,
  SHOU_HUB_CHANGE_REVIEW, SHOU_HUB_CHANGE_COMPLAINT, SHOU_HUB_CHANGE_VISIT, SHOU_HUB_CHANGE_INCIDENT,
  SHOU_HUB_CHANGE_ANNOTATION, SHOU_HUB_CHANGE_AUTORULE,
};

/* An automatic action as the feed serves it (API.md "autorule"): codes
 * and numbers, and the rule's name as the seller wrote it. */
#define AUTORULE_FIELDS "'key', key, 'rule_id', rule_id, 'rule_name', rule_name," \
  " 'aftersale_id', aftersale_id, 'action', action, 'version', version, 'amount_fen', amount_fen," \
  " 'queued_at', queued_at, 'send_at', send_at, 'state', state, 'status', status"

static void
each_change_row (const char * const *cells,
                 const gsize        *lengths,
                 gpointer            user_data)
{
  EachChange *each = user_data;
  gint64 k = cell_int (cells[0]);
  ShouHubChange change = {
    .kind = feed_kinds[CLAMP (k, 0, (gint64) G_N_ELEMENTS (feed_kinds) - 1)],
    .id = cells[1],
    .seq = cell_int (cells[2]),
  };

  if (k == 0)
    {
      /* As stored: the feed writes them into its page. */
      change.text = cells[3];
      change.text_len = lengths[3];
      change.version = cells[4];
      change.updated_at = cells[5];
    }
  else if (k == 1 || k >= 4)
    {
      change.text = cells[3];
      change.text_len = lengths[3];
      change.until = cell_int (cells[4]);
    }
  each->func (&change, each->user_data);
}

gint64
shou_hub_store_each_change (ShouHubStore       *self,
                            const char         *merchant_id,
                            gint64              after,
                            guint               limit,
                            ShouHubChangeFunc   func,
                            gpointer            user_data,
                            GError            **error)
{
  char a[24], l[24];
  const char *params[] = { merchant_id, SHOU_HUB_I64 (a, after), SHOU_HUB_I64 (l, limit) };
  EachChange each = { func, user_data };

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), -1);

  /* One statement, so one snapshot of the eight tables (reviews the fifth, care the sixth, annotations the seventh, the automatic actions the eighth). Each table is read
   * in feed order through its (merchant_id, change_seq) index and the
   * engine merges them, stopping at @limit: a page reads its own rows,
   * with the text it serves (an order's data, a request's rendering),
   * handed on row by row without a copy. SQLite merges the four ordered
   * reads by itself. PostgreSQL's planner, once a table is large, reads
   * every later row of the four and sorts them (a whole feed's rows per
   * page, so the feed cost grew with its square): there each table's read
   * is bounded by @limit, and at most 4 × @limit rows are merged. */
  if (shou_hub_store_is_pg (self))
    return shou_hub_store_each_row (self, "SELECT * FROM (SELECT 0 AS k, id, change_seq, data AS t,"
                                          " version AS n1, updated_at AS n2 FROM orders"
                                          " WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS o"
                                          " UNION ALL SELECT * FROM (SELECT 1, id, change_seq, rendered,"
                                          " rendered_until, 0 FROM aftersales"
                                          " WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS a"
                                          " UNION ALL SELECT * FROM (SELECT 2, id, change_seq, NULL, 0, 0"
                                          " FROM addresses WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS d"
                                          " UNION ALL SELECT * FROM (SELECT 3, aftersale_id, change_seq,"
                                          " NULL, 0, 0 FROM claims WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS c"
                                          " UNION ALL SELECT * FROM (SELECT 4, id, change_seq, data, 0, 0"
                                          " FROM reviews WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS r"
                                          " UNION ALL SELECT * FROM (SELECT " CARE_KIND ", id, change_seq,"
                                          " data, 0, 0 FROM care WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS e"
                                          " UNION ALL SELECT * FROM (SELECT 8, aftersale_id, change_seq, data,"
                                          " 0, 0 FROM annotations WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS n"
                                          " UNION ALL SELECT * FROM (SELECT 9, key, change_seq,"
                                          " json_build_object (" AUTORULE_FIELDS ")::text, 0, 0"
                                          " FROM autorule_log WHERE merchant_id = $1 AND change_seq > $2"
                                          " ORDER BY change_seq LIMIT $3) AS l"
                                          " ORDER BY change_seq LIMIT $3", "sii", params,
                                    each_change_row, &each, error);
  return shou_hub_store_each_row (self, "SELECT 0 AS k, id, change_seq, data AS t, version AS n1, updated_at AS n2"
                                        " FROM orders WHERE merchant_id = $1 AND change_seq > $2"
                                        " UNION ALL SELECT 1, id, change_seq, rendered, rendered_until, 0"
                                        " FROM aftersales WHERE merchant_id = $1 AND change_seq > $2"
                                        " UNION ALL SELECT 2, id, change_seq, NULL, 0, 0"
                                        " FROM addresses WHERE merchant_id = $1 AND change_seq > $2"
                                        " UNION ALL SELECT 3, aftersale_id, change_seq, NULL, 0, 0"
                                        " FROM claims WHERE merchant_id = $1 AND change_seq > $2"
                                        " UNION ALL SELECT 4, id, change_seq, data, 0, 0"
                                        " FROM reviews WHERE merchant_id = $1 AND change_seq > $2"
                                        " UNION ALL SELECT " CARE_KIND ", id, change_seq, data, 0, 0"
                                        " FROM care WHERE merchant_id = $1 AND change_seq > $2"
                                        " UNION ALL SELECT 8, aftersale_id, change_seq, data, 0, 0"
                                        " FROM annotations WHERE merchant_id = $1 AND change_seq > $2"
                                        " UNION ALL SELECT 9, key, change_seq, json_object (" AUTORULE_FIELDS "),"
                                        " 0, 0 FROM autorule_log WHERE merchant_id = $1 AND change_seq > $2"
                                        " ORDER BY change_seq LIMIT $3", "sii", params,
                                  each_change_row, &each, error);
}

/* The simulated platform's lookup */

char *
shou_hub_store_find_owner (ShouHubStore *self,
                           const char   *table,
                           const char   *id)
{
  const char *params[] = { id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  if (g_str_equal (table, "aftersales"))
    rows = shou_hub_store_read (self, "SELECT merchant_id FROM aftersales WHERE id = $1", "s", params);
  else if (g_str_equal (table, "orders"))
    rows = shou_hub_store_read (self, "SELECT merchant_id FROM orders WHERE id = $1", "s", params);
  else if (g_str_equal (table, "shops"))
    rows = shou_hub_store_read (self, "SELECT merchant_id FROM shops WHERE id = $1", "s", params);
  else
    g_return_val_if_reached (NULL);
  return g_strdup (shou_hub_rows_text (rows, 0, 0));
}
