/* shou-store-autorules.c: the account's rules in order, their export and
 * import, and the dry run (shou-store-autorules.h). The runner is in
 * shou-outbox-autorules.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-store-autorules-private.h"
#include "shou-store-private.h"

#define DAY (G_GINT64_CONSTANT (24) * 3600 * G_USEC_PER_SEC)

void
shou_autorule_hit_free (ShouAutoruleHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->request_key);
  g_free (hit->order_no);
  g_free (hit);
}

void
shou_autorule_dry_run_free (ShouAutoruleDryRun *run)
{
  if (run == NULL)
    return;
  g_clear_pointer (&run->hits, g_ptr_array_unref);
  g_free (run);
}

/* What the rule does, without whether it is on: a dry run is of this. */
static char *
rule_text (const ShouAutorule *rule)
{
  g_autoptr(ShouAutorule) off = shou_autorule_copy (rule);
  g_autoptr(JsonObject) o = NULL;

  off->enabled = FALSE;
  o = shou_autorule_to_json (off);
  return shou_store_json_to_string (o);
}

GPtrArray *
shou_store_list_autorules (ShouStore  *self,
                           const char *account_id)
{
  ShouDb *db;
  sqlite3_stmt *stmt;
  GPtrArray *rules;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  rules = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_free);
  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db, "SELECT data, enabled FROM autorules WHERE account_id = ?1 "
                              "ORDER BY position", NULL);
  if (stmt == NULL)
    return rules;
  shou_db_bind_text (stmt, 1, account_id);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) o = shou_store_json_parse (shou_db_column_text (stmt, 0));
      ShouAutorule *rule = o ? shou_autorule_from_json (o, NULL) : NULL;

      if (rule == NULL)
        continue;
      rule->enabled = sqlite3_column_int (stmt, 1) != 0;
      g_ptr_array_add (rules, rule);
    }
  sqlite3_reset (stmt);
  return rules;
}

static gboolean
finish (ShouStore  *self,
        gboolean    ok,
        GError     *local_error,
        GError    **error)
{
  ShouDb *db = shou_store_get_db (self);

  if (ok && shou_db_commit (db, &local_error))
    return TRUE;
  shou_db_rollback (db);
  return shou_store_propagate (error, local_error);
}

/* One statement; in a transaction of its own unless one is open. */
static gboolean
run_sql (ShouStore   *self,
         const char  *sql,
         const char  *account_id,
         const char  *id,
         gint64       number,
         const char  *text,
         GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  gboolean own = !shou_db_in_transaction (db);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (own && !shou_db_begin (db, error))
    return FALSE;
  stmt = shou_db_prepare (db, sql, &local_error);
  ok = stmt != NULL;
  if (ok)
    {
      shou_db_bind_text (stmt, 1, account_id);
      shou_db_bind_text (stmt, 2, id);
      shou_db_bind_int (stmt, 3, number);
      shou_db_bind_text (stmt, 4, text);
      ok = shou_db_run (db, stmt, &local_error);
    }
  if (own)
    return finish (self, ok, local_error, error);
  if (!ok)
    g_propagate_error (error, local_error);
  return ok;
}

gboolean
shou_store_save_autorule (ShouStore          *self,
                          const char         *account_id,
                          const ShouAutorule *rule,
                          GError            **error)
{
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL && rule != NULL && rule->id != NULL, FALSE);

  name = g_strstrip (g_strdup (rule->name ? rule->name : ""));
  if (*name == '\0')
    {
      g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, _("Give the rule a name"));
      return FALSE;
    }
  text = rule_text (rule);
  /* A change to what the rule does turns it off: its dry run is stale. */
  return run_sql (self,
                  "INSERT INTO autorules (account_id, id, position, data) VALUES (?1, ?2, "
                  "  (SELECT coalesce(max(position) + 1, 0) FROM autorules WHERE account_id = ?1), ?4) "
                  "ON CONFLICT (account_id, id) DO UPDATE SET data = excluded.data, "
                  "  enabled = enabled AND coalesce(dry_run_data = excluded.data, 0)",
                  account_id, rule->id, 0, text, error);
}

gboolean
shou_store_delete_autorule (ShouStore  *self,
                            const char *account_id,
                            const char *rule_id,
                            GError    **error)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  return run_sql (self, "DELETE FROM autorules WHERE account_id = ?1 AND id = ?2",
                  account_id, rule_id, 0, NULL, error);
}

gboolean
shou_store_move_autorule (ShouStore  *self,
                          const char *account_id,
                          const char *rule_id,
                          guint       position,
                          GError    **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  ShouDb *db;
  GError *local_error = NULL;
  gboolean ok = TRUE;
  int from = -1;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  rules = shou_store_list_autorules (self, account_id);
  for (guint i = 0; i < rules->len; i++)
    if (g_strcmp0 (((ShouAutorule *) rules->pdata[i])->id, rule_id) == 0)
      from = i;
  if (from < 0)
    {
      g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, _("The rule no longer exists"));
      return FALSE;
    }
  g_ptr_array_insert (rules, MIN (position, rules->len - 1), g_ptr_array_steal_index (rules, from));
  db = shou_store_get_db (self);
  if (!shou_db_begin (db, error))
    return FALSE;
  for (guint i = 0; ok && i < rules->len; i++)
    ok = run_sql (self, "UPDATE autorules SET position = ?3 WHERE account_id = ?1 AND id = ?2",
                  account_id, ((ShouAutorule *) rules->pdata[i])->id, i, NULL, &local_error);
  return finish (self, ok, local_error, error);
}

gboolean
shou_store_set_autorule_enabled (ShouStore  *self,
                                 const char *account_id,
                                 const char *rule_id,
                                 gboolean    enabled,
                                 GError    **error)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  if (!run_sql (self,
                "UPDATE autorules SET enabled = ?3 WHERE account_id = ?1 AND id = ?2 "
                "AND (?3 = 0 OR dry_run_data = data)",
                account_id, rule_id, enabled ? 1 : 0, NULL, error))
    return FALSE;
  if (shou_db_changes (shou_store_get_db (self)) == 0)
    {
      g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                           _("Run a dry run of the rule as it is now before turning it on"));
      return FALSE;
    }
  return TRUE;
}

gboolean
shou_store_import_autorules (ShouStore  *self,
                             const char *account_id,
                             const char *text,
                             GError    **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) cause = NULL;
  ShouDb *db;
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  rules = shou_autorules_from_text (text, &cause);
  if (rules == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                   _("The file is not a rules export: %s"), cause->message);
      return FALSE;
    }
  db = shou_store_get_db (self);
  if (!shou_db_begin (db, error))
    return FALSE;
  ok = run_sql (self, "DELETE FROM autorules WHERE account_id = ?1", account_id, NULL, 0, NULL, &local_error);
  for (guint i = 0; ok && i < rules->len; i++)
    {
      g_autofree char *data = rule_text (rules->pdata[i]);

      ok = run_sql (self, "INSERT INTO autorules (account_id, id, position, data) VALUES (?1, ?2, ?3, ?4)",
                    account_id, ((ShouAutorule *) rules->pdata[i])->id, i, data, &local_error);
    }
  return finish (self, ok, local_error, error);
}

/* ---- a hub's actions (the feed's kind "autorule") ------------------------ */

/* Kept as rows of autorule_log with the hub's state and no outbox entry:
 * the request's timeline shows them (shou_store_list_autorule_log()). */
gboolean
shou_store_write_hub_autorule (ShouStore   *self,
                               const char  *account_id,
                               JsonObject  *data,
                               GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  const char *key = jstr (data, "key");
  const char *aftersale_id = jstr (data, "aftersale_id");
  const char *state = jstr (data, "state");
  g_autofree char *request_key = NULL;
  ShouAutoruleAction action;
  sqlite3_stmt *stmt;
  gint64 amount = 0, queued_at = 0, send_at = 0;

  if (key == NULL || aftersale_id == NULL || state == NULL || jstr (data, "rule_id") == NULL ||
      !shou_autorule_action_from_string (jstr (data, "action"), &action) ||
      !jint (data, "queued_at", &queued_at))
    return TRUE;   /* not one this version can show: skipped */
  jint (data, "amount_fen", &amount);
  jint (data, "send_at", &send_at);
  request_key = shou_store_request_key (self, account_id, aftersale_id);
  if (request_key == NULL)
    {
      g_debug ("automatic action %s on %s: no such request here", key, aftersale_id);
      return TRUE;
    }
  stmt = shou_db_prepare (db,
                          "INSERT INTO autorule_log (account_id, rule_id, rule_name, request_key, action, amount_fen, "
                          "at, send_at, idempotency_key, cancelled, hub_state) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 = 'undone', ?10) "
                          "ON CONFLICT (idempotency_key) DO UPDATE SET rule_name = excluded.rule_name, "
                          "send_at = excluded.send_at, cancelled = excluded.cancelled, hub_state = excluded.hub_state "
                          "WHERE autorule_log.entry_id IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, jstr (data, "rule_id"));
  shou_db_bind_text (stmt, 3, jstr (data, "rule_name") ? jstr (data, "rule_name") : "");
  shou_db_bind_text (stmt, 4, request_key);
  shou_db_bind_text (stmt, 5, shou_autorule_action_to_string (action));
  shou_db_bind_int (stmt, 6, amount);
  shou_db_bind_int (stmt, 7, queued_at);
  shou_db_bind_int (stmt, 8, send_at);
  shou_db_bind_text (stmt, 9, key);
  shou_db_bind_text (stmt, 10, state);
  return shou_db_run (db, stmt, error);
}

/* ---- dry run -------------------------------------------------------------- */

/* The buyer's other requests (on one platform, across the account's shops)
 * opened in the 90 days before @at. @buyer is the platform's buyer id, or
 * the nick where the server sends no id. */
GArray *
shou_store_autorule_history (ShouStore  *self,
                             const char *account_id,
                             const char *platform,
                             const char *buyer,
                             const char *request_key,
                             gint64      at)
{
  ShouDb *db = shou_store_get_db (self);
  GArray *history = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  if (buyer == NULL || *buyer == '\0')
    return history;
  stmt = shou_db_prepare (db,
                          "SELECT opened_at FROM requests WHERE account_id = ?1 AND platform = ?2 "
                          "AND (buyer_id = ?3 OR (buyer_id IS NULL AND buyer = ?3)) AND key != ?4 "
                          "AND opened_at <= ?5 AND opened_at > ?6", NULL);
  if (stmt == NULL)
    return history;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, platform);
  shou_db_bind_text (stmt, 3, buyer);
  shou_db_bind_text (stmt, 4, request_key);
  shou_db_bind_int (stmt, 5, at);
  shou_db_bind_int (stmt, 6, at - SHOU_AUTORULE_HISTORY_DAYS * DAY);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      gint64 t = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (history, t);
    }
  sqlite3_reset (stmt);
  return history;
}

typedef struct
{
  gint64 day;
  gint64 count;
  gint64 amount;
} DayCaps;

ShouAutoruleDryRun *
shou_store_autorule_dry_run (ShouStore          *self,
                             const char         *account_id,
                             const ShouAutorule *rule,
                             gint64              now)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  ShouAutoruleDryRun *run;
  ShouDb *db;
  sqlite3_stmt *stmt;
  DayCaps caps = { 0, 0, 0 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (account_id != NULL && rule != NULL, NULL);

  run = g_new0 (ShouAutoruleDryRun, 1);
  run->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_hit_free);
  g_ptr_array_add (one, (gpointer) rule);
  db = shou_store_get_db (self);
  /* Oldest first, so that the day caps count as a runner would have. */
  stmt = shou_db_prepare (db,
                          "SELECT r.key, r.order_no, r.platform, coalesce (r.buyer_id, r.buyer), d.server_data FROM requests r "
                          "JOIN request_data d ON d.rid = r.rid "
                          "WHERE r.account_id = ?1 AND r.opened_at > ?2 AND r.opened_at <= ?3 "
                          "ORDER BY r.opened_at, r.rid", NULL);
  if (stmt == NULL)
    return run;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_int (stmt, 2, now - SHOU_AUTORULE_DRY_RUN_DAYS * DAY);
  shou_db_bind_int (stmt, 3, now);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    for (int c = 0; c < 5; c++)
      g_ptr_array_add (rows, g_strdup (shou_db_column_text (stmt, c)));
  sqlite3_reset (stmt);

  for (guint i = 0; i + 4 < rows->len; i += 5)
    {
      const char *key = rows->pdata[i], *platform = rows->pdata[i + 2];
      g_autoptr(JsonObject) o = shou_store_json_parse (rows->pdata[i + 4]);
      g_autoptr(ShouAftersale) a = o ? shou_aftersale_from_json (o, NULL) : NULL;
      g_autoptr(GArray) history = NULL;
      const ShouProfile *profile;
      ShouAutoruleFacts facts;
      ShouAutoruleHit *hit;
      gint64 at, day;

      if (a == NULL || (profile = shou_store_get_profile (self, a->platform)) == NULL)
        continue;
      at = shou_autorule_facts_at_arrival (a, profile, &facts);
      if (at == 0)
        continue;
      history = shou_store_autorule_history (self, account_id, platform, rows->pdata[i + 3], key, at);
      facts.history = (const gint64 *) (gpointer) history->data;
      facts.n_history = history->len;
      if (shou_autorule_decide (one, &facts, at, TRUE).verdict != SHOU_AUTORULE_MATCH)
        continue;
      day = shou_autorule_day_start (at);
      if (day != caps.day)
        caps = (DayCaps) { day, 0, 0 };
      hit = g_new0 (ShouAutoruleHit, 1);
      hit->request_key = g_strdup (key);
      hit->order_no = g_strdup (rows->pdata[i + 1]);
      hit->amount_fen = a->amount_fen;
      hit->arrived_at = at;
      hit->capped = !shou_autorule_within_caps (rule, caps.count, caps.amount, a->amount_fen);
      if (hit->capped)
        run->capped++;
      else
        {
          caps.count++;
          caps.amount += a->amount_fen;
          run->handled++;
          run->total_fen += a->amount_fen;
        }
      g_ptr_array_insert (run->hits, 0, hit);
    }

  {
    g_autofree char *text = rule_text (rule);
    g_autoptr(GError) error = NULL;

    if (!shou_db_begin (db, &error) ||
        !run_sql (self, "UPDATE autorules SET dry_run_data = ?4 WHERE account_id = ?1 AND id = ?2 "
                      "AND data = ?4", account_id, rule->id, 0, text, &error) ||
        !shou_db_commit (db, &error))
      {
        shou_db_rollback (db);
        g_warning ("The dry run could not be recorded: %s", error->message);
      }
  }
  return run;
}
