/* shou-store-requests.c: writing server requests and orders into the cache:
 * their rows, children, batched pages and shou_store_apply_changes(). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-store-private.h"
#include "shou-store-care.h"
#include "shou-store-reviews.h"

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

/* ---- writing server objects -------------------------------------------- */

typedef struct
{
  const char *status;
  const char *phase;
  const char *deadline_actor;
  gint64      deadline_at;
  gboolean    has_deadline;
  gboolean    exchange_shipped;
  gboolean    approximate;
} ViewInputs;

static guint
compute_view_mask (const ViewInputs *in)
{
  const char *s = in->status ? in->status : "";
  gboolean finished = g_str_equal (s, "success") || g_str_equal (s, "closed");
  /* An exchange (or resend) that left waits for the buyer, no longer the seller. */
  gboolean shipped = g_str_equal (s, "wait_seller_ship") && in->exchange_shipped;
  guint mask = SHOU_VIEW_BIT_ALL;

  if (shipped)
    mask |= SHOU_VIEW_BIT_AWAIT_RETURN | SHOU_VIEW_BIT_EXCHANGE_SHIPPED;
  else if (g_str_equal (s, "wait_seller") || g_str_equal (s, "wait_seller_receipt") ||
      g_str_equal (s, "wait_seller_ship") || g_str_equal (s, "wait_refund_proof") ||
      (g_str_equal (s, "negotiating") &&
       (g_strcmp0 (in->phase, "round1_done") == 0 || g_strcmp0 (in->phase, "round2_done") == 0)))
    mask |= SHOU_VIEW_BIT_PENDING;
  if (g_str_equal (s, "negotiating"))
    mask |= SHOU_VIEW_BIT_NEGOTIATING;
  if (g_str_equal (s, "wait_buyer_return") || g_str_equal (s, "wait_seller_receipt"))
    mask |= SHOU_VIEW_BIT_AWAIT_RETURN;
  if (g_str_equal (s, "intervention"))
    mask |= SHOU_VIEW_BIT_INTERVENTION;
  if (finished)
    mask |= SHOU_VIEW_BIT_FINISHED;
  if (!finished && in->has_deadline && g_strcmp0 (in->deadline_actor, "seller") == 0)
    mask |= SHOU_VIEW_BIT_SELLER_DEADLINE;
  if (!finished && in->has_deadline && in->approximate)
    mask |= SHOU_VIEW_BIT_DEADLINE_APPROXIMATE;
  return mask;
}

static gint64
last_logistics_at (JsonObject *obj)
{
  JsonObject *ship = jobj (obj, "return_shipment");
  JsonArray *events = jarr (ship, "events");
  gint64 last = 0;

  if (events == NULL)
    return 0;
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      gint64 at;

      if (JSON_NODE_HOLDS_OBJECT (node) && jint (json_node_get_object (node), "at", &at))
        last = MAX (last, at);
    }
  return last;
}

/* Binds a request row's own columns to ?1..?27 of an insert into
 * requests (or the staging table): all but the order's, ?17..?20.
 * @server is the server's object, @effective what the seller sees (the
 * server's plus queued actions). */
static void
bind_request_row (sqlite3_stmt *stmt,
                  const char   *account_id,
                  JsonObject   *server,
                  JsonObject   *effective,
                  guint         pending,
                  const char   *conflict)
{
  ViewInputs in = { 0 };
  JsonObject *nego = jobj (effective, "negotiation");
  gint64 v;

  in.status = jstr (effective, "status");
  in.phase = jstr (nego, "phase");
  in.deadline_actor = jstr (effective, "deadline_actor");
  in.has_deadline = jint (effective, "deadline_at", &in.deadline_at);
  in.exchange_shipped = jobj (effective, "exchange_shipment") != NULL;
  in.approximate = json_object_get_boolean_member_with_default (effective, "deadline_approximate", FALSE);

  shou_db_bind_text (stmt, 1, jstr (server, "id"));
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, jstr (server, "shop_id"));
  shou_db_bind_text (stmt, 4, jstr (server, "order_id"));
  shou_db_bind_text (stmt, 5, jstr (server, "line_id"));
  shou_db_bind_text (stmt, 6, jstr (server, "platform") ? jstr (server, "platform") : "");
  shou_db_bind_text (stmt, 7, jstr (server, "type") ? jstr (server, "type") : "");
  shou_db_bind_text (stmt, 8, in.status ? in.status : "");
  shou_db_bind_text (stmt, 9, in.phase);
  if (in.has_deadline)
    shou_db_bind_int (stmt, 10, in.deadline_at);
  shou_db_bind_int (stmt, 11, in.has_deadline ? in.deadline_at : G_MAXINT64);
  shou_db_bind_text (stmt, 12, in.deadline_actor);
  shou_db_bind_text (stmt, 13, jstr (effective, "on_lapse"));
  v = 0;
  jint (server, "opened_at", &v);
  shou_db_bind_int (stmt, 14, v);
  if (jint (server, "updated_at", &v))
    shou_db_bind_int (stmt, 15, v);
  v = 0;
  jint (server, "amount_fen", &v);
  shou_db_bind_int (stmt, 16, v);
  shou_db_bind_text (stmt, 21, jstr (server, "reason_code"));
  shou_db_bind_text (stmt, 22, jstr (server, "reason_text"));
  v = last_logistics_at (effective);
  if (v)
    shou_db_bind_int (stmt, 23, v);
  shou_db_bind_int (stmt, 24, compute_view_mask (&in));
  v = 0;
  jint (server, "version", &v);
  shou_db_bind_int (stmt, 25, v);
  shou_db_bind_int (stmt, 26, pending);
  shou_db_bind_text (stmt, 27, conflict);
}

/* Writes the indexed row for a request: @server is the server's object,
 * @effective what the seller sees (the server's plus queued actions). */
static gboolean
write_request_row (ShouStore   *self,
                   const char  *account_id,
                   JsonObject  *server,
                   const char  *server_text,
                   JsonObject  *effective,
                   guint        pending,
                   const char  *conflict,
                   gint64      *out_rid,
                   GError     **error)
{
  g_autofree char *local_text = NULL;
  const char *order_id = jstr (server, "order_id");
  const char *line_id = jstr (server, "line_id");
  const char *order_no = NULL, *buyer = NULL, *title = NULL, *sku = NULL;
  sqlite3_stmt *order_stmt = NULL;
  sqlite3_stmt *stmt;
  gint64 rid = 0;
  int rc;

  if (effective != server)
    local_text = shou_store_json_to_string (effective);

  if (order_id != NULL)
    {
      order_stmt = shou_db_prepare (self->db,
                                    "SELECT o.order_no, o.buyer, l.title, l.sku FROM orders o "
                                    "LEFT JOIN order_lines l ON l.account_id = o.account_id "
                                    "AND l.order_id = o.id AND l.id = ?2 "
                                    "WHERE o.account_id = ?3 AND o.id = ?1", error);
      if (order_stmt == NULL)
        return FALSE;
      shou_db_bind_text (order_stmt, 1, order_id);
      shou_db_bind_text (order_stmt, 2, line_id);
      shou_db_bind_text (order_stmt, 3, account_id);
      rc = shou_db_step (self->db, order_stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          order_no = shou_db_column_text (order_stmt, 0);
          buyer = shou_db_column_text (order_stmt, 1);
          title = shou_db_column_text (order_stmt, 2);
          sku = shou_db_column_text (order_stmt, 3);
        }
    }

  /* Reading a version 6 cache through views (shou_store_new_live): the
   * row exists (an action on a cached request) and is updated in the old
   * table, whose changed rows the migration copies again. */
  if (self->live_views)
    stmt = shou_db_prepare (self->db,
                            "UPDATE main.requests SET "
                            "shop_id = ?3, order_id = ?4, line_id = ?5, platform = ?6, type = ?7, "
                            "status = ?8, nego_phase = ?9, deadline_at = ?10, deadline_key = ?11, "
                            "deadline_actor = ?12, on_lapse = ?13, opened_at = ?14, updated_at = ?15, "
                            "amount_fen = ?16, order_no = ?17, buyer = ?18, goods_title = ?19, "
                            "sku = ?20, reason_code = ?21, reason_text = ?22, last_logistics_at = ?23, "
                            "view_mask = ?24, version = ?25, pending = ?26, conflict = ?27 "
                            "WHERE account_id = ?2 AND id = ?1 RETURNING rid",
                            error);
  else
    stmt = shou_db_prepare (self->db,
                          "INSERT INTO requests (key, id, account_id, shop_id, order_id, line_id, "
                          "platform, type, status, nego_phase, deadline_at, deadline_key, "
                          "deadline_actor, on_lapse, opened_at, updated_at, amount_fen, order_no, "
                          "buyer, goods_title, sku, reason_code, reason_text, last_logistics_at, "
                          "view_mask, version, pending, conflict) "
                          "VALUES (" SHOU_KEY_SQL ("requests", "?1", "?2") ", "
                          "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                          "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27) "
                          "ON CONFLICT(account_id, id) DO UPDATE SET "
                          "shop_id = excluded.shop_id, order_id = excluded.order_id, "
                          "line_id = excluded.line_id, platform = excluded.platform, "
                          "type = excluded.type, status = excluded.status, "
                          "nego_phase = excluded.nego_phase, deadline_at = excluded.deadline_at, "
                          "deadline_key = excluded.deadline_key, "
                          "deadline_actor = excluded.deadline_actor, on_lapse = excluded.on_lapse, "
                          "opened_at = excluded.opened_at, updated_at = excluded.updated_at, "
                          "amount_fen = excluded.amount_fen, order_no = excluded.order_no, "
                          "buyer = excluded.buyer, goods_title = excluded.goods_title, "
                          "sku = excluded.sku, reason_code = excluded.reason_code, "
                          "reason_text = excluded.reason_text, "
                          "last_logistics_at = excluded.last_logistics_at, "
                          "view_mask = excluded.view_mask, version = excluded.version, "
                          "pending = excluded.pending, conflict = excluded.conflict "
                          "RETURNING rid",
                          error);
  if (stmt == NULL)
    {
      if (order_stmt)
        sqlite3_reset (order_stmt);
      return FALSE;
    }

  bind_request_row (stmt, account_id, server, effective, pending, conflict);
  shou_db_bind_text (stmt, 17, order_no ? order_no : "");
  shou_db_bind_text (stmt, 18, buyer ? buyer : "");
  shou_db_bind_text (stmt, 19, title);
  shou_db_bind_text (stmt, 20, sku);
  rc = shou_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    rid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (order_stmt)
    sqlite3_reset (order_stmt);
  if (rc == SQLITE_DONE)
    /* Live: the row to update is not in the old table. */
    g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                 _("The after-sales request %s is not in the cache"), jstr (server, "id"));
  if (rc != SQLITE_ROW)
    return FALSE;

  /* The JSON lives apart from the indexed row, so that list pages, counts
   * and searches touch small rows only. */
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO request_data (rid, server_data, local_data) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(rid) DO UPDATE SET server_data = excluded.server_data, "
                          "local_data = excluded.local_data", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, rid);
  shou_db_bind_text (stmt, 2, server_text);
  shou_db_bind_text (stmt, 3, local_text);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  if (out_rid)
    *out_rid = rid;
  return TRUE;
}

gboolean
shou_store_write_request_row (ShouStore   *self,
                              const char  *account_id,
                              JsonObject  *server,
                              const char  *server_text,
                              JsonObject  *effective,
                              guint        pending,
                              const char  *conflict,
                              GError     **error)
{
  return write_request_row (self, account_id, server, server_text, effective,
                            pending, conflict, NULL, error);
}

static gboolean
write_children (ShouStore   *self,
                gint64       rid,
                JsonObject  *obj,
                gboolean     fresh,
                GError     **error)
{
  static const char * const roles[] = { "return_shipment", "exchange_shipment" };
  JsonArray *timeline = jarr (obj, "timeline");
  JsonArray *rounds = jarr (jobj (obj, "negotiation"), "rounds");
  sqlite3_stmt *stmt;

  if (!fresh)
    {
      static const char * const deletes[] = {
        "DELETE FROM events WHERE rid = ?1",
        "DELETE FROM nego_rounds WHERE rid = ?1",
        "DELETE FROM shipments WHERE rid = ?1",
      };

      for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
        {
          stmt = shou_db_prepare (self->db, deletes[i], error);
          if (stmt == NULL)
            return FALSE;
          shou_db_bind_int (stmt, 1, rid);
          if (!shou_db_run (self->db, stmt, error))
            return FALSE;
        }
    }
  /* Prepared once per request, not per event: the statement cache hashes
   * the SQL text on every lookup. */
  stmt = NULL;
  for (guint i = 0; timeline && i < json_array_get_length (timeline); i++)
    {
      JsonObject *ev = jarr_obj (timeline, i);
      gint64 at;

      if (ev == NULL)
        continue;
      if (stmt == NULL &&
          (stmt = shou_db_prepare (self->db,
                                   "INSERT INTO events (rid, seq, at, actor, kind, text) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)) == NULL)
        return FALSE;
      sqlite3_clear_bindings (stmt);
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_int (stmt, 2, i);
      if (jint (ev, "at", &at))
        shou_db_bind_int (stmt, 3, at);
      shou_db_bind_text (stmt, 4, jstr (ev, "actor"));
      shou_db_bind_text (stmt, 5, jstr (ev, "kind"));
      shou_db_bind_text (stmt, 6, jstr (ev, "text"));
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; rounds && i < json_array_get_length (rounds); i++)
    {
      JsonObject *r = jarr_obj (rounds, i);
      gint64 v;

      if (r == NULL)
        continue;
      if (!jint (r, "round", &v))
        continue;
      stmt = shou_db_prepare (self->db,
                              "INSERT OR REPLACE INTO nego_rounds (rid, round, text, proposal, "
                              "amount_fen, sent_at, reply, replied_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_int (stmt, 2, v);
      shou_db_bind_text (stmt, 3, jstr (r, "text"));
      shou_db_bind_text (stmt, 4, jstr (r, "proposal"));
      if (jint (r, "amount_fen", &v))
        shou_db_bind_int (stmt, 5, v);
      if (jint (r, "sent_at", &v))
        shou_db_bind_int (stmt, 6, v);
      shou_db_bind_text (stmt, 7, jstr (r, "reply"));
      if (jint (r, "replied_at", &v))
        shou_db_bind_int (stmt, 8, v);
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      JsonObject *ship = jobj (obj, roles[i]);
      gint64 v;

      if (ship == NULL)
        continue;
      stmt = shou_db_prepare (self->db,
                              "INSERT INTO shipments (rid, role, carrier, tracking_no, shipped_at, "
                              "last_event_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_text (stmt, 2, i == 0 ? "return" : "exchange");
      shou_db_bind_text (stmt, 3, jstr (ship, "carrier"));
      shou_db_bind_text (stmt, 4, jstr (ship, "tracking_no"));
      if (jint (ship, "shipped_at", &v))
        shou_db_bind_int (stmt, 5, v);
      if (i == 0 && (v = last_logistics_at (obj)) != 0)
        shou_db_bind_int (stmt, 6, v);
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }
  return shou_store_stats_refresh_request (self, rid, error);
}

/* New requests of a page, written together at its end: each statement
 * that adds rows to requests_fts flushes them to a new FTS segment, and a
 * segment (with the merges it brings) per request cost a fifth of a
 * page's write. One insert for the page flushes once. */
typedef struct
{
  const char *account_id;
  GHashTable *ids;        /* id -> its index + 1 in objects */
  GPtrArray  *objects;    /* JsonObject, borrowed from the page */
  GPtrArray  *texts;      /* their server_data, borrowed or in owned */
  GPtrArray  *owned;
} Batch;

static void
batch_init (Batch      *batch,
            const char *account_id)
{
  batch->account_id = account_id;
  batch->ids = g_hash_table_new (g_str_hash, g_str_equal);
  batch->objects = g_ptr_array_new ();
  batch->texts = g_ptr_array_new ();
  batch->owned = g_ptr_array_new_with_free_func (g_free);
}

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->ids, g_hash_table_unref);
  g_clear_pointer (&batch->objects, g_ptr_array_unref);
  g_clear_pointer (&batch->texts, g_ptr_array_unref);
  g_clear_pointer (&batch->owned, g_ptr_array_unref);
}

static gboolean
batch_stage (ShouStore   *self,
             Batch       *batch,
             JsonObject  *aftersale,
             const char  *text,
             char        *owned_text,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (batch->objects->len == 0 &&
      !shou_db_exec (self->db,
                     "CREATE TEMP TABLE IF NOT EXISTS stage_requests (seq INTEGER PRIMARY KEY, "
                     "id, account_id, shop_id, order_id, line_id, platform, type, status, "
                     "nego_phase, deadline_at, deadline_key, deadline_actor, on_lapse, opened_at, "
                     "updated_at, amount_fen, order_no, buyer, goods_title, sku, reason_code, "
                     "reason_text, last_logistics_at, view_mask, version, pending, conflict);"
                     "DELETE FROM temp.stage_requests;", error))
    {
      g_free (owned_text);
      return FALSE;
    }
  if (owned_text != NULL)
    g_ptr_array_add (batch->owned, owned_text);
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO temp.stage_requests VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, "
                          "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
                          "?22, ?23, ?24, ?25, ?26, ?27)", error);
  if (stmt == NULL)
    return FALSE;
  bind_request_row (stmt, batch->account_id, aftersale, aftersale, 0, NULL);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  g_ptr_array_add (batch->objects, aftersale);
  g_ptr_array_add (batch->texts, (gpointer) text);
  g_hash_table_insert (batch->ids, (gpointer) jstr (aftersale, "id"),
                       GUINT_TO_POINTER (batch->objects->len));
  return TRUE;
}

static gboolean
batch_flush (ShouStore  *self,
             Batch      *batch,
             GError    **error)
{
  g_autoptr(GArray) rids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (batch->objects->len == 0)
    return TRUE;

  /* The order's columns are joined here: an order later in the page
   * than its requests is already written. */
  stmt = shou_db_prepare (self->db,
                          "INSERT INTO requests (key, id, account_id, shop_id, order_id, line_id, "
                          "platform, type, status, nego_phase, deadline_at, deadline_key, "
                          "deadline_actor, on_lapse, opened_at, updated_at, amount_fen, order_no, "
                          "buyer, goods_title, sku, reason_code, reason_text, last_logistics_at, "
                          "view_mask, version, pending, conflict) "
                          "SELECT iif(EXISTS (SELECT 1 FROM requests k WHERE k.key = s.id), "
                          "s.id || '~' || s.account_id, s.id), s.id, s.account_id, s.shop_id, s.order_id, s.line_id, s.platform, "
                          "s.type, s.status, s.nego_phase, s.deadline_at, s.deadline_key, "
                          "s.deadline_actor, s.on_lapse, s.opened_at, s.updated_at, s.amount_fen, "
                          "coalesce(o.order_no, ''), coalesce(o.buyer, ''), l.title, l.sku, "
                          "s.reason_code, s.reason_text, s.last_logistics_at, s.view_mask, "
                          "s.version, s.pending, s.conflict "
                          "FROM temp.stage_requests s "
                          "LEFT JOIN orders o ON o.account_id = s.account_id AND o.id = s.order_id "
                          "LEFT JOIN order_lines l ON l.account_id = s.account_id "
                          "AND l.order_id = s.order_id AND l.id = s.line_id "
                          "ORDER BY s.seq RETURNING rid, id", error);
  if (stmt == NULL)
    return FALSE;
  rids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), batch->objects->len);
  g_array_set_size (rids, batch->objects->len);
  while ((rc = shou_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (batch->ids, sqlite3_column_text (stmt, 1)));

      if (index > 0)
        g_array_index (rids, gint64, index - 1) = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  for (guint i = 0; i < batch->objects->len; i++)
    {
      gint64 rid = g_array_index (rids, gint64, i);

      stmt = shou_db_prepare (self->db,
                              "INSERT INTO request_data (rid, server_data, local_data) "
                              "VALUES (?1, ?2, NULL)", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_int (stmt, 1, rid);
      shou_db_bind_text (stmt, 2, batch->texts->pdata[i]);
      if (!shou_db_run (self->db, stmt, error) ||
          !write_children (self, rid, batch->objects->pdata[i], TRUE, error))
        return FALSE;
    }

  g_hash_table_remove_all (batch->ids);
  g_ptr_array_set_size (batch->objects, 0);
  g_ptr_array_set_size (batch->texts, 0);
  g_ptr_array_set_size (batch->owned, 0);
  return shou_db_exec (self->db, "DELETE FROM temp.stage_requests", error);
}

/* @batch: NULL, or new requests wait there for batch_flush(). */
static gboolean
write_aftersale (ShouStore   *self,
                 const char  *account_id,
                 JsonObject  *aftersale,
                 const char  *given_text,
                 Batch       *batch,
                 GError     **error)
{
  g_autofree char *owned_text = NULL;
  const char *text;
  const char *id = jstr (aftersale, "id");
  sqlite3_stmt *stmt;
  gint64 version = 0, old_version = -1, pending = 0, rid = 0;
  int rc;

  if (id == NULL || jstr (aftersale, "shop_id") == NULL || jstr (aftersale, "status") == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   "aftersale without id, shop_id or status");
      return FALSE;
    }
  jint (aftersale, "version", &version);
  /* The same request twice in a page: the first copy must be in place
   * for the version check. */
  if (batch != NULL && g_hash_table_contains (batch->ids, id) &&
      !batch_flush (self, batch, error))
    return FALSE;

  stmt = shou_db_prepare (self->db,
                          "SELECT version, pending FROM requests WHERE account_id = ?2 AND id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  rc = shou_db_step (self->db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      old_version = sqlite3_column_int64 (stmt, 0);
      pending = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  /* Upsert by id and version: a page applied twice, or an older copy
   * arriving after a newer one, changes nothing. */
  if (version < old_version)
    return TRUE;

  text = given_text ? given_text : (owned_text = shou_store_json_to_string (aftersale));
  if (pending > 0 || old_version >= 0)
    {
      /* Keep the conflict and queued actions on top of the new state. */
      sqlite3_stmt *upd = shou_db_prepare (self->db,
                                           "UPDATE requests SET version = ?2 "
                                           "WHERE account_id = ?3 AND id = ?1 RETURNING rid", error);
      if (upd == NULL)
        return FALSE;
      shou_db_bind_text (upd, 1, id);
      shou_db_bind_text (upd, 3, account_id);
      shou_db_bind_int (upd, 2, version);
      rc = shou_db_step (self->db, upd, error);
      if (rc == SQLITE_ROW)
        rid = sqlite3_column_int64 (upd, 0);
      sqlite3_reset (upd);
      if (rc < 0)
        return FALSE;
      upd = shou_db_prepare (self->db, "UPDATE request_data SET server_data = ?2 WHERE rid = ?1", error);
      if (upd == NULL)
        return FALSE;
      shou_db_bind_int (upd, 1, rid);
      shou_db_bind_text (upd, 2, text);
      if (!shou_db_run (self->db, upd, error) ||
          !shou_store_refresh_request (self, account_id, id, error))
        return FALSE;
    }
  else if (batch != NULL)
    return batch_stage (self, batch, aftersale, text, g_steal_pointer (&owned_text), error);
  else if (!write_request_row (self, account_id, aftersale, text, aftersale, 0, NULL, &rid, error))
    return FALSE;

  return write_children (self, rid, aftersale, old_version < 0, error);
}

gboolean
shou_store_write_aftersale (ShouStore   *self,
                            const char  *account_id,
                            JsonObject  *aftersale,
                            const char  *given_text,
                            GError     **error)
{
  return write_aftersale (self, account_id, aftersale, given_text, NULL, error);
}

gboolean
shou_store_write_order (ShouStore   *self,
             const char  *account_id,
             JsonObject  *order,
             const char  *given_text,
             GError     **error)
{
  g_autofree char *owned_text = NULL;
  const char *text;
  const char *id = jstr (order, "id");
  JsonArray *lines = jarr (order, "lines");
  JsonObject *buyer = jobj (order, "buyer");
  sqlite3_stmt *stmt;
  gint64 version = 0, created = 0;

  if (id == NULL || jstr (order, "shop_id") == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, "order without id");
      return FALSE;
    }
  jint (order, "version", &version);
  jint (order, "created_at", &created);
  text = given_text ? given_text : (owned_text = shou_store_json_to_string (order));

  stmt = shou_db_prepare (self->db,
                          "INSERT INTO orders (key, id, account_id, shop_id, order_no, state, buyer, "
                          "created_at, version, data) VALUES (" SHOU_KEY_SQL ("orders", "?1", "?2") ", "
                          "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                          "ON CONFLICT(account_id, id) DO UPDATE SET "
                          "shop_id = excluded.shop_id, order_no = excluded.order_no, "
                          "state = excluded.state, buyer = excluded.buyer, "
                          "created_at = excluded.created_at, version = excluded.version, "
                          "data = excluded.data WHERE excluded.version >= orders.version",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, jstr (order, "shop_id"));
  shou_db_bind_text (stmt, 4, jstr (order, "order_no") ? jstr (order, "order_no") : "");
  shou_db_bind_text (stmt, 5, jstr (order, "state") ? jstr (order, "state") : "");
  shou_db_bind_text (stmt, 6, jstr (buyer, "nick"));
  shou_db_bind_int (stmt, 7, created);
  shou_db_bind_int (stmt, 8, version);
  shou_db_bind_text (stmt, 9, text);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  if (shou_db_changes (self->db) == 0)
    return TRUE;

  stmt = shou_db_prepare (self->db, "DELETE FROM order_lines WHERE account_id = ?2 AND order_id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  if (!shou_db_run (self->db, stmt, error))
    return FALSE;
  for (guint i = 0; lines && i < json_array_get_length (lines); i++)
    {
      JsonObject *line = jarr_obj (lines, i);
      gint64 v;

      if (line == NULL)
        continue;
      if (jstr (line, "id") == NULL)
        continue;
      stmt = shou_db_prepare (self->db,
                              "INSERT OR REPLACE INTO order_lines (order_id, id, title, sku, "
                              "quantity, price_fen, account_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 7, account_id);
      shou_db_bind_text (stmt, 1, id);
      shou_db_bind_text (stmt, 2, jstr (line, "id"));
      shou_db_bind_text (stmt, 3, jstr (line, "title"));
      shou_db_bind_text (stmt, 4, jstr (line, "sku"));
      if (jint (line, "quantity", &v))
        shou_db_bind_int (stmt, 5, v);
      if (jint (line, "price_fen", &v))
        shou_db_bind_int (stmt, 6, v);
      if (!shou_db_run (self->db, stmt, error))
        return FALSE;
    }

  /* The order may arrive after its requests (an order that changed later
   * moves to a later place in the feed). */
  stmt = shou_db_prepare (self->db,
                          "UPDATE requests SET order_no = coalesce(?2, ''), buyer = coalesce(?3, ''), "
                          "goods_title = (SELECT title FROM order_lines l WHERE l.account_id = ?4 "
                          "AND l.order_id = ?1 AND l.id = requests.line_id), "
                          "sku = (SELECT sku FROM order_lines l WHERE l.account_id = ?4 "
                          "AND l.order_id = ?1 AND l.id = requests.line_id) "
                          "WHERE account_id = ?4 AND order_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 4, account_id);
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, jstr (order, "order_no"));
  shou_db_bind_text (stmt, 3, jstr (buyer, "nick"));
  return shou_db_run (self->db, stmt, error);
}

gboolean
shou_store_apply_changes (ShouStore   *self,
                          const char  *account_id,
                          GPtrArray   *changes,
                          const char  *next_cursor,
                          GError     **error)
{
  return shou_store_apply_changes_full (self, account_id, changes, NULL, next_cursor, error);
}

/* The page and its cursor in one transaction, announcing nothing (it may
 * run on a worker's connection: shou_store_apply_changes_async()). */
gboolean
shou_store_apply_changes_txn (ShouStore   *self,
                              const char  *account_id,
                              GPtrArray   *changes,
                              GPtrArray   *data_texts,
                              const char  *next_cursor,
                              gboolean     known_account,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Batch batch;
  sqlite3_stmt *stmt;
  gboolean bulk;

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);
  /* A page written on a worker may come after its account was removed:
   * then it writes nothing (no orphan rows). */
  if (known_account)
    {
      stmt = shou_db_prepare (self->db, "SELECT 1 FROM accounts WHERE id = ?1", &local_error);
      if (stmt == NULL)
        {
          shou_db_rollback (self->db);
          return PROPAGATE (local_error);
        }
      shou_db_bind_text (stmt, 1, account_id);
      if (shou_db_step (self->db, stmt, NULL) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          shou_db_rollback (self->db);
          return TRUE;
        }
      sqlite3_reset (stmt);
    }
  batch_init (&batch, account_id);
  /* A bulk page (the initial sync) dirties thousands of index pages; at the
   * default autocheckpoint (1,000 frames) every commit copied them all back
   * into the database and synced it, a third of writing a page at 100,000
   * requests. Checkpoint every ~40 MB of WAL instead, while pulling only. */
  bulk = changes->len >= SHOU_STORE_BULK_CHANGES;
  if (bulk)
    shou_db_exec (self->db, "PRAGMA wal_autocheckpoint=10000", NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      JsonObject *change = changes->pdata[i];
      const char *kind = jstr (change, "kind");
      JsonObject *data = jobj (change, "data");
      const char *text = data_texts && i < data_texts->len ? data_texts->pdata[i] : NULL;
      gboolean ok = TRUE;

      if (kind == NULL || data == NULL)
        continue;
      if (!shou_store_kind_known (kind) || g_str_equal (kind, "claim"))
        ok = shou_store_apply_other_change (self, account_id, change, text, &local_error);
      else if (g_str_equal (kind, "order"))
        ok = shou_store_write_order (self, account_id, data, text, &local_error);
      else if (g_str_equal (kind, "aftersale"))
        ok = write_aftersale (self, account_id, data, text, &batch, &local_error);
      else if (g_str_equal (kind, "address"))
        ok = shou_store_write_address (self, account_id, data, FALSE, &local_error);
      else if (g_str_equal (kind, "review"))
        ok = shou_store_write_review (self, account_id, data, &local_error);
      else if (g_str_equal (kind, "complaint") || g_str_equal (kind, "visit") || g_str_equal (kind, "incident"))
        ok = shou_store_write_care (self, account_id, kind, data, &local_error);
      else if (g_str_equal (kind, "annotation"))
        ok = shou_store_write_annotation (self, account_id, data, &local_error);
      if (!ok)
        goto fail;
    }
  if (!batch_flush (self, &batch, &local_error))
    goto fail;
  batch_clear (&batch);
  /* A hub's automatic actions once the page's requests are written: each
   * names the request it acted on. */
  for (guint i = 0; i < changes->len; i++)
    {
      JsonObject *change = changes->pdata[i];
      JsonObject *data = jobj (change, "data");

      if (data != NULL && g_strcmp0 (jstr (change, "kind"), "autorule") == 0 &&
          shou_store_kind_known ("autorule") &&
          !shou_store_write_hub_autorule (self, account_id, data, &local_error))
        goto fail;
    }

  stmt = shou_db_prepare (self->db,
                          "INSERT INTO sync_state (account_id, cursor) VALUES (?1, ?2) "
                          "ON CONFLICT(account_id) DO UPDATE SET cursor = excluded.cursor",
                          &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, next_cursor);
  if (!shou_db_run (self->db, stmt, &local_error))
    goto fail;

  if (!shou_db_commit (self->db, &local_error))
    goto fail;
  if (bulk)
    shou_db_exec (self->db, "PRAGMA wal_autocheckpoint=1000", NULL);
  return TRUE;

fail:
  batch_clear (&batch);
  shou_db_rollback (self->db);
  if (bulk)
    shou_db_exec (self->db, "PRAGMA wal_autocheckpoint=1000", NULL);
  return PROPAGATE (local_error);
}

ShouStoreAnnounce
shou_store_changes_announcement (GPtrArray  *changes,
                                 char      **request_id)
{
  *request_id = NULL;
  if (changes->len >= SHOU_STORE_BULK_CHANGES)
    return SHOU_STORE_ANNOUNCE_BULK;
  if (changes->len == 1 && g_strcmp0 (jstr (changes->pdata[0], "kind"), "aftersale") == 0)
    {
      *request_id = g_strdup (jstr (changes->pdata[0], "id"));
      return SHOU_STORE_ANNOUNCE_REQUEST;
    }
  return changes->len > 0 ? SHOU_STORE_ANNOUNCE_ALL : SHOU_STORE_ANNOUNCE_NONE;
}

void
shou_store_announce (ShouStore         *self,
                     const char        *account_id,
                     ShouStoreAnnounce  what,
                     const char        *request_id)
{
  switch (what)
    {
    case SHOU_STORE_ANNOUNCE_BULK:
      shou_store_emit_bulk_changed (self);
      break;
    case SHOU_STORE_ANNOUNCE_REQUEST:
      shou_store_emit_request_changed (self, account_id, request_id);
      break;
    case SHOU_STORE_ANNOUNCE_ALL:
      shou_store_emit_changed (self, NULL);
      break;
    case SHOU_STORE_ANNOUNCE_NONE:
    default:
      break;
    }
}

gboolean
shou_store_apply_changes_full (ShouStore   *self,
                               const char  *account_id,
                               GPtrArray   *changes,
                               GPtrArray   *data_texts,
                               const char  *next_cursor,
                               GError     **error)
{
  g_autofree char *request_id = NULL;
  ShouStoreAnnounce what;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  if (!shou_store_apply_changes_txn (self, account_id, changes, data_texts, next_cursor, FALSE,
                                     error))
    return FALSE;
  what = shou_store_changes_announcement (changes, &request_id);
  shou_store_announce (self, account_id, what, request_id);
  return TRUE;
}

gboolean
shou_store_apply_aftersale (ShouStore   *self,
                            const char  *account_id,
                            JsonObject  *aftersale,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!shou_db_begin (self->db, &local_error))
    return PROPAGATE (local_error);
  if (!shou_store_write_aftersale (self, account_id, aftersale, NULL, &local_error) ||
      !shou_db_commit (self->db, &local_error))
    {
      shou_db_rollback (self->db);
      return PROPAGATE (local_error);
    }
  shou_store_emit_request_changed (self, account_id, jstr (aftersale, "id"));
  return TRUE;
}
