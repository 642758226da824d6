/* shou-hub-store-autorules.c: the hub's automatic rules and their log
 * (shou-hub-store-autorules.h), one implementation for both engines
 * through shou_hub_store_query(). Every lookup names the merchant. */
#include "config.h"

#include "shou-hub-json.h"
#include "shou-hub-store-autorules.h"
#include "shou-hub-store-private.h"

#define I64 SHOU_HUB_I64

void
shou_hub_autorule_log_free (ShouHubAutoruleLog *log)
{
  if (log == NULL)
    return;
  g_free (log->merchant_id);
  g_free (log->key);
  g_free (log->rule_id);
  g_free (log->rule_name);
  g_free (log->aftersale_id);
  g_free (log->action);
  g_free (log->params);
  g_free (log->state);
  g_free (log);
}

GPtrArray *
shou_hub_store_list_autorules (ShouHubStore *self,
                               const char   *merchant_id)
{
  const char *params[] = { merchant_id };
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), rules);
  rows = shou_hub_store_read (self, "SELECT data FROM autorules WHERE merchant_id = $1 ORDER BY ord",
                              "s", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      g_autoptr(JsonObject) object = shou_hub_json_from_string (shou_hub_rows_text (rows, i, 0));
      g_autoptr(GError) error = NULL;
      ShouAutorule *rule = object ? shou_autorule_from_json (object, &error) : NULL;

      if (rule != NULL)
        g_ptr_array_add (rules, rule);
      else
        g_warning ("shouhou-hub: an automatic rule of %s is unreadable", merchant_id);
    }
  return rules;
}

gboolean
shou_hub_store_set_autorules (ShouHubStore  *self,
                              const char    *merchant_id,
                              GPtrArray     *rules,
                              GError       **error)
{
  const char *params[] = { merchant_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_query (self, "DELETE FROM autorules WHERE merchant_id = $1", "s", params, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rules->len; i++)
    {
      const ShouAutorule *rule = rules->pdata[i];
      g_autoptr(JsonObject) object = shou_autorule_to_json (rule);
      g_autofree char *text = shou_hub_json_to_string (object);
      g_autoptr(ShouHubRows) done = NULL;
      char ord[24];
      const char *p[] = { merchant_id, rule->id, I64 (ord, i), text };

      done = shou_hub_store_query (self, "INSERT INTO autorules (merchant_id, id, ord, data) VALUES ($1, $2, $3, $4)",
                                   "ssis", p, error);
      if (done == NULL)
        return FALSE;
    }
  return TRUE;
}

char *
shou_hub_store_get_autorule_dry_run (ShouHubStore *self,
                                     const char   *merchant_id,
                                     const char   *rule_id)
{
  const char *params[] = { merchant_id, rule_id };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), NULL);
  rows = shou_hub_store_read (self, "SELECT text FROM autorule_dry_runs WHERE merchant_id = $1 AND rule_id = $2",
                              "ss", params);
  return g_strdup (shou_hub_rows_text (rows, 0, 0));
}

gboolean
shou_hub_store_put_autorule_dry_run (ShouHubStore *self,
                                     const char   *merchant_id,
                                     const char   *rule_id,
                                     const char   *text,
                                     GError      **error)
{
  const char *params[] = { merchant_id, rule_id, text };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_query (self, "INSERT INTO autorule_dry_runs (merchant_id, rule_id, text) VALUES ($1, $2, $3)"
                                     " ON CONFLICT (merchant_id, rule_id) DO UPDATE SET text = EXCLUDED.text",
                               "sss", params, error);
  return rows != NULL;
}

GPtrArray *
shou_hub_store_autorule_merchants (ShouHubStore *self)
{
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), ids);
  rows = shou_hub_store_read (self, "SELECT DISTINCT merchant_id FROM autorules ORDER BY merchant_id", NULL, NULL);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    g_ptr_array_add (ids, g_strdup (shou_hub_rows_text (rows, i, 0)));
  return ids;
}

gint64
shou_hub_store_get_autorule_cursor (ShouHubStore *self,
                                    const char   *merchant_id,
                                    gint64        day)
{
  char d[24];
  const char *params[] = { merchant_id, I64 (d, day) };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), 0);
  rows = shou_hub_store_read (self, "SELECT seq FROM autorule_cursors WHERE merchant_id = $1 AND day = $2",
                              "si", params);
  return shou_hub_rows_count (rows) > 0 ? shou_hub_rows_int (rows, 0, 0) : 0;
}

gboolean
shou_hub_store_set_autorule_cursor (ShouHubStore *self,
                                    const char   *merchant_id,
                                    gint64        seq,
                                    gint64        day,
                                    GError      **error)
{
  char s[24], d[24];
  const char *params[] = { merchant_id, I64 (s, seq), I64 (d, day) };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_query (self, "INSERT INTO autorule_cursors (merchant_id, seq, day) VALUES ($1, $2, $3)"
                                     " ON CONFLICT (merchant_id) DO UPDATE SET seq = EXCLUDED.seq, day = EXCLUDED.day",
                               "sii", params, error);
  return rows != NULL;
}

GPtrArray *
shou_hub_store_changed_aftersales (ShouHubStore *self,
                                   const char   *merchant_id,
                                   gint64        after,
                                   guint         limit)
{
  char a[24], l[24];
  const char *params[] = { merchant_id, I64 (a, after), I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), out);
  rows = shou_hub_store_read (self, "SELECT id, change_seq FROM aftersales WHERE merchant_id = $1"
                                    " AND change_seq > $2 ORDER BY change_seq LIMIT $3", "sii", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      g_ptr_array_add (out, g_strdup (shou_hub_rows_text (rows, i, 0)));
      g_ptr_array_add (out, g_strdup (shou_hub_rows_text (rows, i, 1)));
    }
  return out;
}

GPtrArray *
shou_hub_store_autorule_recent (ShouHubStore *self,
                                const char   *merchant_id,
                                gint64        since,
                                guint         limit)
{
  char a[24], l[24];
  const char *params[] = { merchant_id, I64 (a, since), I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), out);
  rows = shou_hub_store_read (self, "SELECT id FROM aftersales WHERE merchant_id = $1 AND opened_at >= $2"
                                    " ORDER BY opened_at, id LIMIT $3", "sii", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    g_ptr_array_add (out, g_strdup (shou_hub_rows_text (rows, i, 0)));
  return out;
}

gboolean
shou_hub_store_put_autorule_buyer (ShouHubStore *self,
                                   const char   *merchant_id,
                                   const char   *aftersale_id,
                                   const char   *platform,
                                   const char   *buyer,
                                   gint64        opened_at,
                                   GError      **error)
{
  char o[24];
  const char *params[] = { merchant_id, aftersale_id, platform, buyer, I64 (o, opened_at) };
  g_autoptr(ShouHubRows) rows = NULL;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  rows = shou_hub_store_query (self, "INSERT INTO autorule_buyers (merchant_id, aftersale_id, platform, buyer,"
                                     " opened_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (merchant_id, aftersale_id)"
                                     " DO UPDATE SET buyer = EXCLUDED.buyer, opened_at = EXCLUDED.opened_at",
                               "ssssi", params, error);
  return rows != NULL;
}

GArray *
shou_hub_store_autorule_history (ShouHubStore *self,
                                 const char   *merchant_id,
                                 const char   *platform,
                                 const char   *buyer,
                                 const char   *except_id,
                                 gint64        since)
{
  char s[24];
  const char *params[] = { merchant_id, platform, buyer, except_id, I64 (s, since) };
  g_autoptr(ShouHubRows) rows = NULL;
  GArray *history = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), history);
  if (buyer == NULL || *buyer == '\0')
    return history;
  rows = shou_hub_store_read (self, "SELECT opened_at FROM autorule_buyers WHERE merchant_id = $1"
                                    " AND platform = $2 AND buyer = $3 AND aftersale_id <> $4 AND opened_at >= $5",
                              "ssssi", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      gint64 at = shou_hub_rows_int (rows, i, 0);

      g_array_append_val (history, at);
    }
  return history;
}

void
shou_hub_store_autorule_done_since (ShouHubStore *self,
                                    const char   *merchant_id,
                                    const char   *rule_id,
                                    gint64        since,
                                    gint64       *out_count,
                                    gint64       *out_amount_fen)
{
  char s[24];
  const char *params[] = { merchant_id, rule_id, I64 (s, since) };
  g_autoptr(ShouHubRows) rows = NULL;

  *out_count = *out_amount_fen = 0;
  g_return_if_fail (SHOU_IS_HUB_STORE (self));
  rows = shou_hub_store_read (self, "SELECT count(*), coalesce(sum(amount_fen), 0) FROM autorule_log"
                                    " WHERE merchant_id = $1 AND rule_id = $2 AND queued_at >= $3"
                                    " AND state <> 'undone'", "ssi", params);
  if (shou_hub_rows_count (rows) > 0)
    {
      *out_count = shou_hub_rows_int (rows, 0, 0);
      *out_amount_fen = shou_hub_rows_int (rows, 0, 1);
    }
}

gboolean
shou_hub_store_add_autorule_log (ShouHubStore              *self,
                                 const ShouHubAutoruleLog  *l,
                                 gboolean                  *out_added,
                                 GError                   **error)
{
  char v[24], a[24], q[24], s[24], st[24], c[24];
  const char *params[] = {
    l->merchant_id, l->key, l->rule_id, l->rule_name, l->aftersale_id, I64 (v, l->version),
    l->action, l->params, I64 (a, l->amount_fen), I64 (q, l->queued_at), I64 (s, l->send_at),
    l->state, I64 (st, l->status), NULL,
  };
  g_autoptr(ShouHubRows) rows = NULL;
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  /* Each row and each of its steps is a feed entry (API.md "autorule"). */
  seq = shou_hub_store_next_seq (self, l->merchant_id, error);
  if (seq <= 0)
    return FALSE;
  params[13] = I64 (c, seq);
  rows = shou_hub_store_query (self, "INSERT INTO autorule_log (merchant_id, key, rule_id, rule_name, aftersale_id,"
                                     " version, action, params, amount_fen, queued_at, send_at, state, status,"
                                     " change_seq)"
                                     " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
                                     " ON CONFLICT (merchant_id, key) DO NOTHING RETURNING key",
                               "sssssisssiisii", params, error);
  if (rows == NULL)
    return FALSE;
  *out_added = shou_hub_rows_count (rows) > 0;
  return TRUE;
}

#define LOG_COLUMNS "merchant_id, key, rule_id, rule_name, aftersale_id, action, params, state," \
                    " version, amount_fen, queued_at, send_at, status"

static ShouHubAutoruleLog *
log_from_row (ShouHubRows *rows,
              guint        i)
{
  ShouHubAutoruleLog *l = g_new0 (ShouHubAutoruleLog, 1);

  l->merchant_id = g_strdup (shou_hub_rows_text (rows, i, 0));
  l->key = g_strdup (shou_hub_rows_text (rows, i, 1));
  l->rule_id = g_strdup (shou_hub_rows_text (rows, i, 2));
  l->rule_name = g_strdup (shou_hub_rows_text (rows, i, 3));
  l->aftersale_id = g_strdup (shou_hub_rows_text (rows, i, 4));
  l->action = g_strdup (shou_hub_rows_text (rows, i, 5));
  l->params = g_strdup (shou_hub_rows_text (rows, i, 6));
  l->state = g_strdup (shou_hub_rows_text (rows, i, 7));
  l->version = shou_hub_rows_int (rows, i, 8);
  l->amount_fen = shou_hub_rows_int (rows, i, 9);
  l->queued_at = shou_hub_rows_int (rows, i, 10);
  l->send_at = shou_hub_rows_int (rows, i, 11);
  l->status = shou_hub_rows_int (rows, i, 12);
  return l;
}

GPtrArray *
shou_hub_store_due_autorule_log (ShouHubStore *self,
                                 gint64        now,
                                 gint64        stale_before,
                                 guint         limit)
{
  char n[24], st[24], l[24];
  const char *params[] = { I64 (n, now), I64 (l, limit), I64 (st, stale_before) };
  g_autoptr(ShouHubRows) rows = NULL;
  GPtrArray *due = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_hub_autorule_log_free);

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), due);
  rows = shou_hub_store_read (self, "SELECT " LOG_COLUMNS " FROM autorule_log WHERE (state = 'held'"
                                    " AND send_at <= $1) OR (state = 'sending' AND send_at <= $3)"
                                    " ORDER BY send_at, key LIMIT $2", "iii", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    g_ptr_array_add (due, log_from_row (rows, i));
  return due;
}

gboolean
shou_hub_store_move_autorule_log (ShouHubStore *self,
                                  const char   *merchant_id,
                                  const char   *key,
                                  const char   *from,
                                  const char   *to,
                                  gint64        status)
{
  char s[24], c[24];
  const char *params[] = { merchant_id, key, from, to, I64 (s, status), NULL };
  g_autoptr(ShouHubRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean own;
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), FALSE);
  /* The feed position and the step in one transaction: the feed never
   * serves a later position before this one is written. */
  own = !shou_hub_store_in_transaction (self);
  if (own && !shou_hub_store_begin (self, &error))
    goto done;
  seq = shou_hub_store_next_seq (self, merchant_id, &error);
  params[5] = I64 (c, seq);
  if (seq > 0)
    rows = shou_hub_store_query (self, "UPDATE autorule_log SET state = $4, status = $5, change_seq = $6"
                                       " WHERE merchant_id = $1 AND key = $2 AND state = $3 RETURNING key",
                                 "ssssii", params, &error);
  if (own && (rows == NULL || !shou_hub_store_commit (self, &error)))
    {
      shou_hub_store_rollback (self);
      g_clear_pointer (&rows, shou_hub_rows_free);
    }
done:
  if (rows == NULL)
    g_warning ("shouhou-hub: automatic action %s: %s", key, error->message);
  return rows != NULL && shou_hub_rows_count (rows) > 0;
}

guint
shou_hub_store_undo_autorule_log (ShouHubStore *self,
                                  const char   *merchant_id,
                                  const char   *key,
                                  gint64        now)
{
  char n[24], c[24];
  const char *params[] = { merchant_id, key, I64 (n, now), NULL };
  g_autoptr(ShouHubRows) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint undone = 0;
  gboolean own;
  gint64 seq;

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), 0);
  if (key == NULL)
    {
      /* One by one: each undone row is a feed entry of its own position. */
      rows = shou_hub_store_read (self, "SELECT key FROM autorule_log WHERE merchant_id = $1"
                                        " AND state = 'held' AND send_at > $2 ORDER BY key",
                                  "si", (const char *[]) { merchant_id, n });
      for (guint i = 0; i < shou_hub_rows_count (rows); i++)
        undone += shou_hub_store_undo_autorule_log (self, merchant_id, shou_hub_rows_text (rows, i, 0), now);
      return undone;
    }
  own = !shou_hub_store_in_transaction (self);
  if (own && !shou_hub_store_begin (self, &error))
    goto done;
  seq = shou_hub_store_next_seq (self, merchant_id, &error);
  params[3] = I64 (c, seq);
  if (seq > 0)
    rows = shou_hub_store_query (self, "UPDATE autorule_log SET state = 'undone', change_seq = $4"
                                       " WHERE merchant_id = $1 AND key = $2 AND state = 'held' AND send_at > $3"
                                       " RETURNING key", "ssii", params, &error);
  if (own && (rows == NULL || !shou_hub_store_commit (self, &error)))
    {
      shou_hub_store_rollback (self);
      g_clear_pointer (&rows, shou_hub_rows_free);
    }
done:
  if (rows == NULL)
    g_warning ("shouhou-hub: undoing automatic actions: %s", error->message);
  return rows ? shou_hub_rows_count (rows) : 0;
}

JsonArray *
shou_hub_store_list_autorule_log (ShouHubStore *self,
                                  const char   *merchant_id,
                                  guint         limit)
{
  char l[24];
  const char *params[] = { merchant_id, I64 (l, limit) };
  g_autoptr(ShouHubRows) rows = NULL;
  JsonArray *log = json_array_new ();

  g_return_val_if_fail (SHOU_IS_HUB_STORE (self), log);
  rows = shou_hub_store_read (self, "SELECT " LOG_COLUMNS " FROM autorule_log WHERE merchant_id = $1"
                                    " ORDER BY queued_at DESC, key LIMIT $2", "si", params);
  for (guint i = 0; i < shou_hub_rows_count (rows); i++)
    {
      g_autoptr(ShouHubAutoruleLog) e = log_from_row (rows, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "key", e->key);
      json_object_set_string_member (o, "rule_id", e->rule_id);
      json_object_set_string_member (o, "rule_name", e->rule_name);
      json_object_set_string_member (o, "aftersale_id", e->aftersale_id);
      json_object_set_string_member (o, "action", e->action);
      json_object_set_int_member (o, "version", e->version);
      json_object_set_int_member (o, "amount_fen", e->amount_fen);
      json_object_set_int_member (o, "queued_at", e->queued_at);
      json_object_set_int_member (o, "send_at", e->send_at);
      json_object_set_string_member (o, "state", e->state);
      json_object_set_int_member (o, "status", e->status);
      json_array_add_object_element (log, o);
    }
  return log;
}
