/* shou-outbox.c: the queue of the seller's actions, evidence uploads and
 * address edits waiting for the server: enqueueing, handing out the next
 * entry, completing it, and retrying or deferring it. The optimistic
 * state is in shou-outbox-overlay.c, conflicts in shou-outbox-conflicts.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-outbox-private.h"

static const char *outbox_kind_names[] = {
  "action", "evidence", "address_create", "address_update", "address_delete", "review_create", "review_action",
  "care_create", "care_action", "order_cancel", "annotation",
};

static ShouOutboxKind
outbox_kind_from_string (const char *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (outbox_kind_names); i++)
    if (g_strcmp0 (s, outbox_kind_names[i]) == 0)
      return i;
  return SHOU_OUTBOX_ACTION;
}


void
shou_outbox_entry_free (ShouOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->account_id);
  g_free (entry->request_id);
  g_free (entry->action);
  g_clear_pointer (&entry->params, json_object_unref);
  g_free (entry->idempotency_key);
  g_free (entry);
}

/* ---- enqueueing -------------------------------------------------------- */

gboolean
shou_outbox_insert (ShouDb          *db,
                    const char      *account_id,
                    const char      *request_id,
                    ShouOutboxKind   kind,
                    const char      *action,
                    JsonObject      *params,
                    gint64           expected_version,
                    GError         **error)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  if (params)
    text = shou_store_json_to_string (params);
  stmt = shou_db_prepare (db,
                          "INSERT INTO outbox (account_id, request_id, kind, action, params, "
                          "expected_version, idempotency_key, created_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_text (stmt, 2, request_id);
  shou_db_bind_text (stmt, 3, outbox_kind_names[kind]);
  shou_db_bind_text (stmt, 4, action);
  shou_db_bind_text (stmt, 5, text ? text : "{}");
  shou_db_bind_int (stmt, 6, expected_version);
  shou_db_bind_text (stmt, 7, key);
  shou_db_bind_int (stmt, 8, g_get_real_time ());
  return shou_db_run (db, stmt, error);
}

gboolean
shou_outbox_drop_conflicts (ShouDb      *db,
                            const char  *account_id,
                            const char  *request_id,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET state = 'dropped', done_at = ?2 "
                          "WHERE account_id = ?3 AND request_id = ?1 AND state = 'conflict' "
                          "AND kind = 'action'",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, request_id);
  shou_db_bind_int (stmt, 2, g_get_real_time ());
  shou_db_bind_text (stmt, 3, account_id);
  if (!shou_db_run (db, stmt, error))
    return FALSE;
  /* main.: also while a live migration shows the old table as a view. */
  stmt = shou_db_prepare (db, "UPDATE main.requests SET conflict = NULL WHERE account_id = ?2 AND id = ?1",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, request_id);
  shou_db_bind_text (stmt, 2, account_id);
  return shou_db_run (db, stmt, error);
}

gboolean
shou_store_enqueue_action (ShouStore   *self,
                           const char  *request_id,
                           ShouAction   action,
                           JsonObject  *params,
                           gint64       expected_version,
                           GError     **error)
{
  return shou_outbox_enqueue_action (self, request_id, action, params, expected_version, NULL, NULL, error);
}

/* An automatic action: its derived key, and its undo window as its first
 * attempt time, which "sync now" leaves alone (retry_all_now). */
static gboolean
hold_entry (ShouDb                *db,
            gint64                 entry_id,
            const ShouOutboxHold  *hold,
            GError               **error)
{
  sqlite3_stmt *stmt = shou_db_prepare (db, "UPDATE outbox SET idempotency_key = ?2, next_attempt_at = ?3 "
                                            "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, entry_id);
  shou_db_bind_text (stmt, 2, hold->key);
  shou_db_bind_int (stmt, 3, hold->until);
  if (!shou_db_run (db, stmt, error))
    return FALSE;
  return hold->also == NULL || hold->also (db, entry_id, hold->data, error);
}

gboolean
shou_outbox_enqueue_action (ShouStore   *self,
                            const char  *request_id,
                            ShouAction   action,
                            JsonObject  *params,
                            gint64       expected_version,
                            const ShouOutboxHold *hold,
                            gint64      *entry_id,
                            GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_auto(RequestRow) row = { 0 };
  g_autoptr(JsonObject) empty = NULL;
  const ShouProfile *profile = NULL;
  ShouPlatform platform;
  gint64 inserted = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);
  g_return_val_if_fail (action < SHOU_N_ACTIONS, FALSE);

  db = shou_store_get_db (self);
  if (params == NULL)
    params = empty = json_object_new ();

  if (!shou_outbox_load_request_row (self, request_id, &row, error))
    return FALSE;

  /* With a conflict showing, the seller acts on the server's state. */
  if (row.conflict == NULL && !shou_outbox_check_allowed (row.effective, action, error))
    return FALSE;
  if (shou_platform_from_string (jstr (row.effective, "platform"), &platform))
    profile = shou_store_get_profile (self, platform);
  if (!shou_outbox_check_params (profile, row.effective, action, params, error))
    return FALSE;

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if ((row.conflict != NULL && !shou_outbox_drop_conflicts (db, row.account_id, row.id, &local_error)) ||
      !shou_outbox_insert (db, row.account_id, row.id, SHOU_OUTBOX_ACTION,
                           shou_action_to_string (action), params, expected_version, &local_error) ||
      ((inserted = shou_db_last_insert_rowid (db)), FALSE) ||
      (hold != NULL && !hold_entry (db, inserted, hold, &local_error)) ||
      !shou_store_refresh_request (self, row.account_id, row.id, &local_error) ||
      !shou_db_commit (db, &local_error))
    {
      shou_db_rollback (db);
      return PROPAGATE (local_error);
    }

  if (entry_id != NULL)
    *entry_id = inserted;
  shou_store_emit_changed (self, request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;
}

guint
shou_store_count_pending (ShouStore *self)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), 0);
  return shou_store_count_outbox (self, NULL);
}

guint
shou_store_count_outbox (ShouStore  *self,
                         const char *state)
{
  ShouDb *db = shou_store_get_db (self);
  sqlite3_stmt *stmt;
  guint n = 0;

  stmt = shou_db_prepare (db,
                          state ? "SELECT count(*) FROM outbox WHERE state = ?1"
                                : "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')",
                          NULL);
  if (stmt == NULL)
    return 0;
  if (state)
    shou_db_bind_text (stmt, 1, state);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Evidence and addresses wait when a live migration could not make the old
 * tables writable (shou_store_schema_add_live_views). */
gboolean
shou_outbox_refuse_while_migrating (ShouStore  *self,
                                    GError    **error)
{
  if (!shou_store_get_live_readonly (self))
    return FALSE;
  g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID,
                       _("The local cache is still being updated. Try again in a moment."));
  return TRUE;
}


/* ---- draining the outbox ----------------------------------------------- */

/* The entries that may be sent now: the oldest unsent entry of each
 * request, once every earlier one of that request is done and its own
 * retry time has come (an entry that failed holds back the later ones of
 * its request; other requests go ahead). ?3 limits them to one kind of
 * action ('' any entry); ?4 how many. */
#define OUTBOX_READY_SQL \
  "SELECT id, account_id, kind, request_id, action, params, " \
  "expected_version, idempotency_key, attempts, created_at FROM outbox o " \
  "WHERE account_id = ?1 AND state IN ('queued', 'sending') " \
  "AND next_attempt_at <= ?2 " \
  "AND (?3 = '' OR (kind = 'action' AND action = ?3)) " \
  "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.account_id = o.account_id " \
  "  AND p.request_id = o.request_id " \
  "  AND p.id < o.id AND (p.state IN ('queued', 'sending') " \
  "  OR (p.state = 'conflict' AND p.kind IN ('action', 'evidence')))) " \
  "ORDER BY id LIMIT ?4"

static GPtrArray *
outbox_ready (ShouStore  *self,
              const char *account_id,
              const char *action,
              guint       limit)
{
  ShouDb *db = shou_store_get_db (self);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_outbox_entry_free);
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db, OUTBOX_READY_SQL, NULL);
  if (stmt == NULL)
    return entries;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_int (stmt, 2, g_get_real_time ());
  shou_db_bind_text (stmt, 3, action);
  shou_db_bind_int (stmt, 4, limit);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      ShouOutboxEntry *entry = g_new0 (ShouOutboxEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->account_id = g_strdup (shou_db_column_text (stmt, 1));
      entry->kind = outbox_kind_from_string (shou_db_column_text (stmt, 2));
      entry->request_id = g_strdup (shou_db_column_text (stmt, 3));
      entry->action = g_strdup (shou_db_column_text (stmt, 4));
      entry->params = shou_store_json_parse (shou_db_column_text (stmt, 5));
      if (entry->params == NULL)
        entry->params = json_object_new ();
      entry->expected_version = sqlite3_column_int64 (stmt, 6);
      entry->idempotency_key = g_strdup (shou_db_column_text (stmt, 7));
      entry->attempts = sqlite3_column_int (stmt, 8);
      entry->created_at = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  return entries;
}

ShouOutboxEntry *
shou_store_outbox_next (ShouStore  *self,
                        const char *account_id)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  entries = outbox_ready (self, account_id, "", 1);
  return entries->len > 0 ? g_ptr_array_steal_index (entries, 0) : NULL;
}

GPtrArray *
shou_store_outbox_next_actions (ShouStore  *self,
                                const char *account_id,
                                const char *action,
                                guint       limit)
{
  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (action != NULL && *action != '\0', NULL);

  return outbox_ready (self, account_id, action, limit);
}

gboolean
shou_store_outbox_mark_sending (ShouStore   *self,
                                gint64       entry_id,
                                GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET state = 'sending', attempts = attempts + 1 "
                          "WHERE id = ?1 AND state IN ('queued', 'sending')", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error);
  shou_db_bind_int (stmt, 1, entry_id);
  if (!shou_db_run (db, stmt, &local_error))
    return PROPAGATE (local_error);
  return TRUE;
}

void
shou_outbox_entry_row_clear (EntryRow *row)
{
  g_free (row->account_id);
  g_free (row->request_id);
  g_free (row->kind);
  g_free (row->action);
  g_free (row->params);
}


gboolean
shou_outbox_load_entry (ShouDb    *db,
                        gint64     entry_id,
                        EntryRow  *row,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = shou_db_prepare (db,
                          "SELECT account_id, request_id, kind, action, params, expected_version "
                          "FROM outbox WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, entry_id);
  rc = shou_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, "no outbox entry %" G_GINT64_FORMAT, entry_id);
      return FALSE;
    }
  row->account_id = g_strdup (shou_db_column_text (stmt, 0));
  row->request_id = g_strdup (shou_db_column_text (stmt, 1));
  row->kind = g_strdup (shou_db_column_text (stmt, 2));
  row->action = g_strdup (shou_db_column_text (stmt, 3));
  row->params = g_strdup (shou_db_column_text (stmt, 4));
  row->expected_version = sqlite3_column_int64 (stmt, 5);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
shou_outbox_set_entry_state (ShouDb      *db,
                             gint64       entry_id,
                             const char  *state,
                             const char  *message,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET state = ?2, last_error = ?3, "
                          "done_at = CASE WHEN ?2 IN ('done', 'dropped') THEN ?4 ELSE done_at END "
                          "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, entry_id);
  shou_db_bind_text (stmt, 2, state);
  shou_db_bind_text (stmt, 3, message);
  shou_db_bind_int (stmt, 4, g_get_real_time ());
  return shou_db_run (db, stmt, error);
}

static gboolean
complete_address (ShouStore   *self,
                  EntryRow    *row,
                  JsonObject  *result,
                  GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  sqlite3_stmt *stmt;

  if (g_str_equal (row->kind, "address_delete"))
    {
      stmt = shou_db_prepare (db, "DELETE FROM addresses WHERE account_id = ?2 AND id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 1, row->action);
      shou_db_bind_text (stmt, 2, row->account_id);
      return shou_db_run (db, stmt, error);
    }
  if (result == NULL || jstr (result, "id") == NULL)
    return TRUE;

  if (g_str_equal (row->kind, "address_create"))
    {
      const char *new_id = jstr (result, "id");

      stmt = shou_db_prepare (db, "DELETE FROM addresses WHERE account_id = ?2 AND id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 1, row->action);
      shou_db_bind_text (stmt, 2, row->account_id);
      if (!shou_db_run (db, stmt, error))
        return FALSE;
      /* Later entries named the address by its local id. */
      stmt = shou_db_prepare (db,
                              "UPDATE outbox SET action = ?2 WHERE account_id = ?3 AND action = ?1 "
                              "AND kind LIKE 'address_%' AND state IN ('queued', 'sending')", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 1, row->action);
      shou_db_bind_text (stmt, 2, new_id);
      shou_db_bind_text (stmt, 3, row->account_id);
      if (!shou_db_run (db, stmt, error))
        return FALSE;
      stmt = shou_db_prepare (db,
                              "UPDATE outbox SET params = json_set(params, '$.address_id', ?2) "
                              "WHERE account_id = ?3 AND kind = 'action' AND state IN ('queued', 'sending') "
                              "AND json_extract(params, '$.address_id') = ?1", error);
      if (stmt == NULL)
        return FALSE;
      shou_db_bind_text (stmt, 1, row->action);
      shou_db_bind_text (stmt, 2, new_id);
      shou_db_bind_text (stmt, 3, row->account_id);
      if (!shou_db_run (db, stmt, error))
        return FALSE;
    }
  return shou_store_write_address (self, row->account_id, result, TRUE, error);
}

/* Ends a transaction that queued or changed entries: without @local_error
 * it is committed and "changed" (for the request with key @changed, NULL:
 * all) and "outbox-changed" emitted, else rolled back and @local_error
 * passed on. */
gboolean
shou_outbox_commit (ShouStore  *self,
                    const char *changed,
                    GError     *local_error,
                    GError    **error)
{
  ShouDb *db = shou_store_get_db (self);

  if (local_error == NULL && shou_db_commit (db, &local_error))
    {
      shou_store_emit_changed (self, changed);
      shou_store_emit_outbox_changed (self);
      return TRUE;
    }
  shou_db_rollback (db);
  return shou_store_propagate (error, local_error);
}

/* Ends the transaction that changed entry @row: when @ok it is committed
 * and the change announced (a "shop:" entry changes the shop's requests),
 * else rolled back and @local_error passed on. */
gboolean
shou_outbox_end_entry (ShouStore      *self,
                       const EntryRow *row,
                       gboolean        ok,
                       GError         *local_error,
                       GError        **error)
{
  ShouDb *db = shou_store_get_db (self);

  if (ok && shou_db_commit (db, &local_error))
    {
      if (g_str_has_prefix (row->request_id, "shop:") || g_str_has_prefix (row->request_id, "review:") ||
          g_str_has_prefix (row->kind, "care_") || g_str_has_prefix (row->kind, "order_"))
        shou_store_emit_changed (self, NULL);
      else if (g_str_equal (row->kind, "annotation"))
        shou_store_emit_request_changed (self, row->account_id, strchr (row->request_id, ':') + 1);
      else
        shou_store_emit_request_changed (self, row->account_id, row->request_id);
      shou_store_emit_outbox_changed (self);
      return TRUE;
    }
  shou_db_rollback (db);
  return shou_store_propagate (error, local_error);
}

gboolean
shou_store_outbox_complete (ShouStore   *self,
                            gint64       entry_id,
                            JsonObject  *result,
                            GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_auto(EntryRow) row = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (!shou_outbox_load_entry (db, entry_id, &row, &local_error) ||
      !shou_outbox_set_entry_state (db, entry_id, "done", NULL, &local_error))
    goto out;

  if (g_str_equal (row.kind, "action"))
    {
      gint64 new_version;

      if (result != NULL && jint (result, "version", &new_version))
        {
          /* Actions queued after this one were based on the seller's view,
           * which already included this one: move them to the new version. */
          sqlite3_stmt *stmt = shou_db_prepare (db,
                                                "UPDATE outbox SET expected_version = ?3 "
                                                "WHERE account_id = ?5 AND request_id = ?1 "
                                                "AND kind = 'action' "
                                                "AND state = 'queued' AND expected_version = ?2 "
                                                "AND id > ?4", &local_error);
          if (stmt == NULL)
            goto out;
          shou_db_bind_text (stmt, 1, row.request_id);
          shou_db_bind_text (stmt, 5, row.account_id);
          shou_db_bind_int (stmt, 2, row.expected_version);
          shou_db_bind_int (stmt, 3, new_version);
          shou_db_bind_int (stmt, 4, entry_id);
          if (!shou_db_run (db, stmt, &local_error))
            goto out;
          ok = shou_store_write_aftersale (self, row.account_id, result, NULL, &local_error);
        }
      ok = ok && shou_store_refresh_request (self, row.account_id, row.request_id, &local_error);
    }
  else if (g_str_equal (row.kind, "evidence"))
    {
      g_autoptr(JsonObject) params = shou_store_json_parse (row.params);
      sqlite3_stmt *stmt = shou_db_prepare (db,
                                            "UPDATE evidence SET state = 'uploaded', error = NULL "
                                            "WHERE account_id = ?3 AND request_id = ?1 AND sha256 = ?2",
                                            &local_error);
      if (stmt == NULL)
        goto out;
      shou_db_bind_text (stmt, 1, row.request_id);
      shou_db_bind_text (stmt, 2, jstr (params, "sha256"));
      shou_db_bind_text (stmt, 3, row.account_id);
      ok = shou_db_run (db, stmt, &local_error) &&
           shou_store_refresh_request (self, row.account_id, row.request_id, &local_error);
    }
  else if (g_str_has_prefix (row.kind, "review_"))
    ok = shou_store_review_complete (self, &row, result, &local_error);
  else if (g_str_has_prefix (row.kind, "care_"))
    ok = shou_store_care_complete (self, &row, result, &local_error);
  else if (g_str_has_prefix (row.kind, "order_"))
    ok = shou_store_order_complete (self, &row, result, &local_error);
  else if (g_str_equal (row.kind, "annotation"))
    ok = shou_store_annotation_complete (self, &row, result, &local_error);
  else
    ok = complete_address (self, &row, result, &local_error);

out:
  return shou_outbox_end_entry (self, &row, ok && local_error == NULL,
                                g_steal_pointer (&local_error), error);
}

gboolean
shou_store_outbox_retry_later (ShouStore   *self,
                               gint64       entry_id,
                               const char  *message,
                               GError     **error)
{
  /* Due at once: it waits for the next run, not for a time. */
  return shou_store_outbox_defer (self, entry_id, message, 0, error);
}

gboolean
shou_store_outbox_defer (ShouStore   *self,
                         gint64       entry_id,
                         const char  *message,
                         gint64       next_attempt_at,
                         GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET state = 'queued', last_error = ?2, next_attempt_at = ?3 "
                          "WHERE id = ?1 AND state IN ('queued', 'sending')", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error);
  shou_db_bind_int (stmt, 1, entry_id);
  shou_db_bind_text (stmt, 2, message);
  shou_db_bind_int (stmt, 3, next_attempt_at);
  if (!shou_db_run (db, stmt, &local_error))
    return PROPAGATE (local_error);
  shou_store_emit_outbox_changed (self);
  return TRUE;
}

gboolean
shou_store_outbox_retry_all_now (ShouStore  *self,
                                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  if (!shou_db_exec (shou_store_get_db (self),
                     "UPDATE outbox SET next_attempt_at = 0 "
                     "WHERE state IN ('queued', 'sending') AND next_attempt_at > 0 "
                     "AND NOT (attempts = 0 AND idempotency_key LIKE 'rule-%')", &local_error))
    return PROPAGATE (local_error);
  return TRUE;
}

gint64
shou_store_outbox_next_attempt_at (ShouStore *self,
                                   gint64     after)
{
  ShouDb *db;
  sqlite3_stmt *stmt;
  gint64 at = 0;

  g_return_val_if_fail (SHOU_IS_STORE (self), 0);

  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db,
                          "SELECT MIN(next_attempt_at) FROM outbox "
                          "WHERE state IN ('queued', 'sending') AND next_attempt_at > ?1", NULL);
  if (stmt == NULL)
    return 0;
  shou_db_bind_int (stmt, 1, after);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    at = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return at;
}

gboolean
shou_store_outbox_get_retry (ShouStore  *self,
                             gint64      entry_id,
                             char      **state,
                             guint      *attempts,
                             gint64     *next_attempt_at)
{
  ShouDb *db;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  stmt = shou_db_prepare (db, "SELECT state, attempts, next_attempt_at FROM outbox WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_int (stmt, 1, entry_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      found = TRUE;
      if (state)
        *state = g_strdup (shou_db_column_text (stmt, 0));
      if (attempts)
        *attempts = sqlite3_column_int (stmt, 1);
      if (next_attempt_at)
        *next_attempt_at = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return found;
}

