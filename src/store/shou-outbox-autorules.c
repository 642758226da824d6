/* shou-outbox-autorules.c: a lone desktop's runner of automatic
 * rules, their undo window and their log (shou-store-autorules.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"
#include "shou-store-annotations.h"
#include "shou-store-autorules-private.h"
#include "shou-store-private.h"
#include "shou-store-team.h"

void
shou_autorule_log_entry_free (ShouAutoruleLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->rule_id);
  g_free (entry->rule_name);
  g_free (entry->request_key);
  g_free (entry->order_no);
  g_free (entry);
}

GStrv
shou_store_get_request_tags (ShouStore  *self,
                             const char *request_key)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db, "SELECT tag FROM request_tags WHERE request_key = ?1 ORDER BY tag", NULL);
  if (stmt != NULL)
    {
      shou_db_bind_text (stmt, 1, request_key);
      while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        g_strv_builder_add (b, shou_db_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (b);
}

/* Whether the request's annotation as shown (the team's copy with the
 * seller's queued steps) holds an internal note: as in the hub's runner,
 * a note blocks every rule. */
static gboolean
has_note (ShouStore  *self,
          const char *key)
{
  g_autoptr(JsonObject) annotation = shou_store_get_annotation (self, key);
  JsonNode *notes = annotation ? json_object_get_member (annotation, "notes") : NULL;

  return notes != NULL && JSON_NODE_HOLDS_ARRAY (notes) &&
         json_array_get_length (json_node_get_array (notes)) > 0;
}

/* What the rule did today (Asia/Shanghai), cancelled actions aside. */
static void
today (ShouDb             *db,
       const char         *account_id,
       const ShouAutorule *rule,
       gint64              now,
       gint64             *count,
       gint64             *amount)
{
  sqlite3_stmt *stmt;

  *count = *amount = 0;
  stmt = shou_db_prepare (db,
                          "SELECT count(*), coalesce(sum(amount_fen), 0) FROM autorule_log "
                          "WHERE account_id = ?1 AND rule_id = ?2 AND at >= ?3 AND cancelled = 0", NULL);
  if (stmt == NULL)
    return;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, rule->id);
  shou_db_bind_int (stmt, 3, shou_autorule_day_start (now));
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      *count = sqlite3_column_int64 (stmt, 0);
      *amount = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
}

typedef struct
{
  const char         *account_id;
  const ShouAutorule *rule;
  const char         *request_key;
  const char         *key;
  gint64              amount_fen;
  gint64              now;
  gint64              send_at;
} LogRow;

static gboolean
insert_log (ShouDb    *db,
            gint64     entry_id,
            gpointer   data,
            GError   **error)
{
  const LogRow *l = data;
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db,
                          "INSERT INTO autorule_log (account_id, rule_id, rule_name, request_key, action, "
                          "amount_fen, at, send_at, entry_id, idempotency_key) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, nullif(?9, 0), ?10)", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, l->account_id);
  shou_db_bind_text (stmt, 2, l->rule->id);
  shou_db_bind_text (stmt, 3, l->rule->name);
  shou_db_bind_text (stmt, 4, l->request_key);
  shou_db_bind_text (stmt, 5, shou_autorule_action_to_string (l->rule->action));
  shou_db_bind_int (stmt, 6, l->amount_fen);
  shou_db_bind_int (stmt, 7, l->now);
  shou_db_bind_int (stmt, 8, l->send_at);
  shou_db_bind_int (stmt, 9, entry_id);
  shou_db_bind_text (stmt, 10, l->key);
  return shou_db_run (db, stmt, error);
}

/* Tag and notify act here and now, with their log row. */
static gboolean
act_locally (ShouStore  *self,
             LogRow     *l,
             GError    **error)
{
  ShouDb *db = shou_store_get_db (self);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!shou_db_begin (db, error))
    return FALSE;
  ok = insert_log (db, 0, l, &local_error);
  if (ok && l->rule->action == SHOU_AUTORULE_ADD_TAG)
    {
      stmt = shou_db_prepare (db, "INSERT OR IGNORE INTO request_tags (request_key, tag) VALUES (?1, ?2)",
                              &local_error);
      ok = stmt != NULL;
      if (ok)
        {
          shou_db_bind_text (stmt, 1, l->request_key);
          shou_db_bind_text (stmt, 2, l->rule->arg);
          ok = shou_db_run (db, stmt, &local_error);
        }
    }
  if (ok && shou_db_commit (db, &local_error))
    {
      shou_store_emit_changed (self, l->request_key);
      return TRUE;
    }
  shou_db_rollback (db);
  return shou_store_propagate (error, local_error);
}

static gboolean
log_has (ShouDb     *db,
         const char *key)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "SELECT 1 FROM autorule_log WHERE idempotency_key = ?1", NULL);
  gboolean found;

  if (stmt == NULL)
    return TRUE;
  shou_db_bind_text (stmt, 1, key);
  found = shou_db_step (db, stmt, NULL) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

typedef enum
{
  JUDGED_NOTHING,   /* no rule acts on it as it stands */
  JUDGED_ACTED,
  JUDGED_AGAIN,     /* blocked (claim, conflict) or unreadable: judge it next run too */
} Judged;

/* Judges one request. */
static Judged
judge (ShouStore  *self,
       const char *account_id,
       GPtrArray  *rules,
       const char *key,
       const char *platform,
       const char *buyer,
       gint64      now,
       gint64      undo_window)
{
  ShouDb *db = shou_store_get_db (self);
  g_auto(RequestRow) row = { 0 };
  g_autoptr(ShouAftersale) a = NULL;
  g_autoptr(ShouClaim) claim = NULL;
  g_autoptr(GArray) history = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *idem = NULL;
  g_autoptr(GError) error = NULL;
  ShouAutoruleFacts facts;
  ShouAutoruleDecision d;
  const ShouAutorule *rule;
  gint64 count, amount;
  LogRow l;

  if (!shou_outbox_load_request_row (self, key, &row, NULL) ||
      (a = shou_aftersale_from_json (row.effective, NULL)) == NULL)
    return JUDGED_AGAIN;
  shou_autorule_facts_now (a, &facts);
  /* The tags shown (the annotation's, mirrored into request_tags, and the
   * ones this desktop's rules added): a tag a rule excludes blocks it. */
  tags = shou_store_get_request_tags (self, key);
  facts.tags = (const char * const *) tags;
  facts.has_note = has_note (self, key);
  facts.conflict = row.conflict != NULL;
  claim = shou_store_get_claim (self, key, now);
  facts.claimed_by_other = claim != NULL && !claim->mine;
  history = shou_store_autorule_history (self, account_id, platform, buyer, key, now);
  facts.history = (const gint64 *) (gpointer) history->data;
  facts.n_history = history->len;

  d = shou_autorule_decide (rules, &facts, now, FALSE);
  if (d.verdict == SHOU_AUTORULE_BLOCKED)
    return JUDGED_AGAIN;
  if (d.verdict != SHOU_AUTORULE_MATCH)
    return JUDGED_NOTHING;
  rule = rules->pdata[d.rule];
  idem = shou_autorule_idempotency_key (rule->id, row.id, facts.version);
  if (log_has (db, idem))
    return JUDGED_NOTHING;
  today (db, account_id, rule, now, &count, &amount);
  if (!shou_autorule_within_caps (rule, count, amount, a->amount_fen))
    return JUDGED_NOTHING;

  l = (LogRow) { account_id, rule, key, idem, a->amount_fen, now,
                 shou_autorule_send_at (now, undo_window, facts.deadline_at,
                                        SHOU_AUTORULE_DEADLINE_MARGIN) };
  if (shou_autorule_action_outbox (rule->action) == SHOU_N_ACTIONS)
    {
      l.send_at = now;
      if (!act_locally (self, &l, &error))
        g_debug ("rule %s on %s: %s", rule->id, key, error->message);
      /* A tag it added may let a later rule act: judged again next run. */
      return error == NULL ? JUDGED_ACTED : JUDGED_AGAIN;
    }
  {
    g_autoptr(JsonObject) params = shou_autorule_action_params (rule, a->amount_fen);
    ShouOutboxHold hold = { idem, l.send_at, insert_log, &l };

    if (!shou_outbox_enqueue_action (self, key, shou_autorule_action_outbox (rule->action), params,
                                     facts.version, &hold, NULL, &error))
      {
        g_debug ("rule %s on %s: %s", rule->id, key, error->message);
        return JUDGED_AGAIN;
      }
  }
  return JUDGED_ACTED;
}

guint
shou_store_run_autorules (ShouStore  *self,
                          const char *account_id,
                          gint64      now,
                          gint64      undo_window)
{
  return shou_store_run_autorules_changed (self, account_id, now, undo_window, NULL, NULL);
}

/* What a request was judged under: its version, the Asia/Shanghai day
 * (a cap may let it through tomorrow), the rules as they were, and its
 * tags and notes (a note or an excluded tag taken away lets a rule act,
 * though the request's version stays). */
static char *
judged_mark (gint64      version,
             gint64      day,
             const char *rules_sum,
             const char *tags,
             const char *annotation)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s:%u:%u", version, day, rules_sum,
                          g_str_hash (tags ? tags : ""), g_str_hash (annotation ? annotation : ""));
}

static char *
rules_checksum (GPtrArray *rules)
{
  g_autofree char *text = shou_autorules_to_text (rules);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

guint
shou_store_run_autorules_changed (ShouStore  *self,
                                  const char *account_id,
                                  gint64      now,
                                  gint64      undo_window,
                                  GHashTable *judged,
                                  guint      *out_judged)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sum = NULL;
  ShouDb *db;
  sqlite3_stmt *stmt;
  gboolean any = FALSE;
  gint64 day;
  guint acted = 0;
  guint n_judged = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  g_return_val_if_fail (account_id != NULL, 0);

  if (out_judged != NULL)
    *out_judged = 0;
  rules = shou_store_list_autorules (self, account_id);
  for (guint i = 0; i < rules->len; i++)
    any |= ((ShouAutorule *) rules->pdata[i])->enabled;
  if (!any)
    return 0;
  sum = rules_checksum (rules);
  day = shou_autorule_day_start (now);

  db = shou_store_get_db (self);
  /* Open requests with nothing of ours in flight, oldest first (the
   * caps go to the ones that waited longest). */
  stmt = shou_db_prepare (db,
                          "SELECT key, platform, coalesce (buyer_id, buyer), version, "
                          "(SELECT group_concat (tag, char (31)) FROM request_tags t WHERE t.request_key = requests.key), "
                          "(SELECT data FROM annotations n WHERE n.account_id = requests.account_id "
                          "AND n.aftersale_id = requests.id) FROM requests WHERE account_id = ?1 "
                          "AND status NOT IN ('success', 'closed') AND pending = 0 "
                          "AND conflict IS NULL ORDER BY opened_at, rid", NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_text (stmt, 1, account_id);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      g_autofree char *mark = judged_mark (sqlite3_column_int64 (stmt, 3), day, sum,
                                                   shou_db_column_text (stmt, 4),
                                                   shou_db_column_text (stmt, 5));
      const char *key = shou_db_column_text (stmt, 0);

      /* Judged as it stands, under these rules, today: nothing new. */
      if (judged != NULL && g_strcmp0 (g_hash_table_lookup (judged, key), mark) == 0)
        continue;
      for (int c = 0; c < 3; c++)
        g_ptr_array_add (rows, g_strdup (shou_db_column_text (stmt, c)));
      g_ptr_array_add (rows, g_steal_pointer (&mark));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i + 3 < rows->len; i += 4)
    {
      Judged j = judge (self, account_id, rules, rows->pdata[i], rows->pdata[i + 1], rows->pdata[i + 2],
                        now, undo_window);

      n_judged++;
      if (j == JUDGED_ACTED)
        acted++;
      if (judged != NULL && j == JUDGED_NOTHING)
        g_hash_table_insert (judged, g_strdup (rows->pdata[i]), g_strdup (rows->pdata[i + 3]));
      else if (judged != NULL)
        g_hash_table_remove (judged, rows->pdata[i]);
    }
  if (out_judged != NULL)
    *out_judged = n_judged;
  return acted;
}

guint
shou_store_cancel_autorule_actions (ShouStore  *self,
                                    const char *account_id,
                                    gint64      log_id,
                                    gint64      now)
{
  ShouDb *db;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);

  db = shou_store_get_db (self);
  if (!shou_db_begin (db, &error))
    return 0;
  /* Only what is still held: once its window passed it may be on its way. */
  stmt = shou_db_prepare (db,
                          "SELECT l.id, o.id, o.request_id FROM autorule_log l "
                          "JOIN outbox o ON o.id = l.entry_id "
                          "WHERE l.account_id = ?1 AND (?2 = 0 OR l.id = ?2) AND l.cancelled = 0 "
                          "AND o.state = 'queued' AND o.attempts = 0 AND o.next_attempt_at > ?3", &error);
  if (stmt != NULL)
    {
      shou_db_bind_text (stmt, 1, account_id);
      shou_db_bind_int (stmt, 2, log_id);
      shou_db_bind_int (stmt, 3, now);
      while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        {
          g_ptr_array_add (held, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0)));
          g_ptr_array_add (held, g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1)));
          g_ptr_array_add (held, g_strdup (shou_db_column_text (stmt, 2)));
        }
      sqlite3_reset (stmt);
    }
  for (guint i = 0; error == NULL && i + 2 < held->len; i += 3)
    {
      sqlite3_stmt *u = shou_db_prepare (db, "UPDATE outbox SET state = 'dropped', done_at = ?2 WHERE id = ?1",
                                         &error);
      if (u == NULL)
        break;
      shou_db_bind_int (u, 1, g_ascii_strtoll (held->pdata[i + 1], NULL, 10));
      shou_db_bind_int (u, 2, now);
      if (!shou_db_run (db, u, &error))
        break;
      u = shou_db_prepare (db, "UPDATE autorule_log SET cancelled = 1 WHERE id = ?1", &error);
      if (u == NULL)
        break;
      shou_db_bind_int (u, 1, g_ascii_strtoll (held->pdata[i], NULL, 10));
      if (!shou_db_run (db, u, &error) ||
          !shou_store_refresh_request (self, account_id, held->pdata[i + 2], &error))
        break;
      n++;
    }
  if (!shou_outbox_commit (self, NULL, g_steal_pointer (&error), &error))
    {
      g_warning ("Automatic actions could not be cancelled: %s", error->message);
      return 0;
    }
  return n;
}

/* A hub's step (API.md "autorule") as the hub last said it: the hub's
 * clock, not ours, ends its undo window, and its next step comes in the
 * feed. */
static ShouAutoruleLogState
hub_log_state (const char *state)
{
  if (g_strcmp0 (state, "held") == 0)
    return SHOU_AUTORULE_LOG_HELD;
  if (g_strcmp0 (state, "sending") == 0)
    return SHOU_AUTORULE_LOG_SENDING;
  if (g_strcmp0 (state, "done") == 0)
    return SHOU_AUTORULE_LOG_DONE;
  if (g_strcmp0 (state, "undone") == 0)
    return SHOU_AUTORULE_LOG_CANCELLED;
  return SHOU_AUTORULE_LOG_FAILED;
}

static ShouAutoruleLogState
log_state (const char *outbox_state,
           gboolean    has_entry,
           gboolean    cancelled,
           gint64      hold_until,
           gint64      now)
{
  if (cancelled)
    return SHOU_AUTORULE_LOG_CANCELLED;
  if (!has_entry || g_strcmp0 (outbox_state, "done") == 0)
    return SHOU_AUTORULE_LOG_DONE;
  if (g_strcmp0 (outbox_state, "queued") == 0 || g_strcmp0 (outbox_state, "sending") == 0)
    return hold_until > now ? SHOU_AUTORULE_LOG_HELD : SHOU_AUTORULE_LOG_SENDING;
  return SHOU_AUTORULE_LOG_FAILED;
}

GPtrArray *
shou_store_list_autorule_log (ShouStore  *self,
                              const char *account_id,
                              const char *request_key,
                              guint       limit,
                              gint64      now)
{
  GPtrArray *log;
  ShouDb *db;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  log = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_log_entry_free);
  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db,
                          "SELECT l.id, l.rule_id, l.rule_name, l.request_key, r.order_no, l.action, "
                          "l.amount_fen, l.at, l.send_at, l.entry_id IS NOT NULL, l.cancelled, o.state, "
                          "CASE WHEN o.attempts = 0 THEN o.next_attempt_at ELSE 0 END, l.hub_state FROM autorule_log l "
                          "LEFT JOIN outbox o ON o.id = l.entry_id "
                          "LEFT JOIN requests r ON r.key = l.request_key "
                          "WHERE (?1 IS NULL OR l.account_id = ?1) AND (?3 IS NULL OR l.request_key = ?3) "
                          "AND (?3 IS NOT NULL OR l.hub_state IS NULL) "
                          "ORDER BY l.id DESC LIMIT ?2", NULL);
  if (stmt == NULL)
    return log;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_int (stmt, 2, limit);
  shou_db_bind_text (stmt, 3, request_key);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      ShouAutoruleLogEntry *e = g_new0 (ShouAutoruleLogEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->rule_id = g_strdup (shou_db_column_text (stmt, 1));
      e->rule_name = g_strdup (shou_db_column_text (stmt, 2));
      e->request_key = g_strdup (shou_db_column_text (stmt, 3));
      e->order_no = g_strdup (shou_db_column_text (stmt, 4));
      if (!shou_autorule_action_from_string (shou_db_column_text (stmt, 5), &e->action))
        e->action = SHOU_AUTORULE_NOTIFY;
      e->amount_fen = sqlite3_column_int64 (stmt, 6);
      e->at = sqlite3_column_int64 (stmt, 7);
      e->send_at = sqlite3_column_int64 (stmt, 8);
      if (shou_db_column_text (stmt, 13) != NULL && !sqlite3_column_int (stmt, 9))
        e->state = hub_log_state (shou_db_column_text (stmt, 13));
      else
        e->state = log_state (shou_db_column_text (stmt, 11), sqlite3_column_int (stmt, 9),
                              sqlite3_column_int (stmt, 10), sqlite3_column_int64 (stmt, 12), now);
      g_ptr_array_add (log, e);
    }
  sqlite3_reset (stmt);
  return log;
}
