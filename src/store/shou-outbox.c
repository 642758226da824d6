/* shou-outbox.c: the seller's actions, evidence uploads and address edits
 * waiting for the server, and the optimistic state they imply. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "shou-outbox.h"
#include "shou-store-private.h"

#define PROPAGATE(err) shou_store_propagate (error, g_steal_pointer (&err))

static const char *outbox_kind_names[] = {
  "action", "evidence", "address_create", "address_update", "address_delete",
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

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
invalid_from (GError **error,
              GError  *cause)
{
  g_set_error_literal (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_INVALID, cause->message);
  g_error_free (cause);
  return FALSE;
}

/* ---- the optimistic overlay -------------------------------------------- */

static void
set_allowed (JsonObject *obj,
             guint       allowed)
{
  JsonArray *arr = json_array_new ();

  for (guint a = 0; a < SHOU_N_ACTIONS; a++)
    if (allowed & SHOU_ACTION_BIT (a))
      json_array_add_string_element (arr, shou_action_to_string (a));
  json_object_set_array_member (obj, "allowed_actions", arr);
  json_object_set_array_member (obj, "blocked_actions", json_array_new ());
}

static gboolean
state_from_json (JsonObject       *obj,
                 JsonObject       *order,
                 ShouRequestState *state)
{
  JsonObject *nego = jobj (obj, "negotiation");
  JsonArray *rounds = jarr (nego, "rounds");
  const char *s;
  gint64 v;

  memset (state, 0, sizeof *state);
  if (!shou_platform_from_string (jstr (obj, "platform"), &state->platform) ||
      !shou_request_type_from_string (jstr (obj, "type"), &state->type) ||
      !shou_status_from_string (jstr (obj, "status"), &state->status))
    return FALSE;

  state->order_state = SHOU_ORDER_SHIPPED;
  if ((s = jstr (order, "state")) != NULL)
    shou_order_state_from_string (s, &state->order_state);
  state->cod = order && json_object_has_member (order, "cod") &&
               json_object_get_boolean_member_with_default (order, "cod", FALSE);
  jint (obj, "opened_at", &state->opened_at);
  jint (obj, "updated_at", &state->status_since);
  jint (obj, "amount_fen", &state->amount_fen);
  if (!jint (order, "paid_fen", &state->paid_fen))
    state->paid_fen = state->amount_fen;
  shou_good_status_from_string (jstr (obj, "good_status"), &state->good_status);
  shou_nego_phase_from_string (jstr (nego, "phase"), &state->nego_phase);
  for (guint i = 0; rounds && i < json_array_get_length (rounds); i++)
    {
      JsonNode *node = json_array_get_element (rounds, i);
      if (JSON_NODE_HOLDS_OBJECT (node) && jint (json_node_get_object (node), "sent_at", &v))
        state->nego_sent_at = MAX (state->nego_sent_at, v);
    }
  state->return_shipped = jobj (obj, "return_shipment") != NULL;
  state->status_before_intervention = SHOU_STATUS_WAIT_SELLER;
  jint (obj, "version", &state->version);
  return TRUE;
}

static void
event_from_params (ShouAction  action,
                   JsonObject *params,
                   ShouEvent  *event)
{
  JsonArray *evidence = jarr (params, "evidence");
  gint64 v;

  memset (event, 0, sizeof *event);
  event->kind = shou_action_to_event (action);
  if (jint (params, "amount_fen", &v))
    event->amount_fen = v;
  if (jint (params, "round", &v))
    event->round = v;
  shou_proposal_from_string (jstr (params, "proposal"), &event->proposal);
  event->reason_code = jstr (params, "reason_code");
  if (event->reason_code == NULL)
    event->reason_code = jstr (params, "reason");
  event->text = jstr (params, "text");
  if (event->text == NULL)
    event->text = jstr (params, "explanation");
  event->n_evidence = evidence ? json_array_get_length (evidence) : 0;
  event->address_id = jstr (params, "address_id");
  event->carrier = jstr (params, "carrier");
  event->tracking_no = jstr (params, "tracking_no");
}

/* What the seller expects to see once the server applied @action: the
 * rules' answer when core can compute it, else the plain next status. */
static void
overlay_action (ShouStore  *self,
                JsonObject *obj,
                JsonObject *order,
                ShouAction  action,
                JsonObject *params,
                gint64      created_at)
{
  ShouRequestState state;
  const ShouProfile *profile = NULL;
  JsonArray *timeline;
  JsonObject *entry;
  gboolean applied = FALSE;

  if (state_from_json (obj, order, &state))
    profile = shou_store_get_profile (self, state.platform);

  if (profile != NULL)
    {
      ShouEvent event;
      ShouEvaluation eval;

      event_from_params (action, params, &event);
      if (shou_rules_apply (profile, &state, &event, created_at, NULL))
        {
          JsonObject *nego = jobj (obj, "negotiation");

          shou_rules_evaluate (profile, &state, created_at, &eval);
          json_object_set_string_member (obj, "status", shou_status_to_string (eval.status));
          if (nego)
            json_object_set_string_member (nego, "phase", shou_nego_phase_to_string (state.nego_phase));
          if (eval.deadline_at > 0)
            {
              json_object_set_int_member (obj, "deadline_at", eval.deadline_at);
              json_object_set_string_member (obj, "deadline_actor", shou_actor_to_string (eval.deadline_actor));
            }
          else
            {
              json_object_set_null_member (obj, "deadline_at");
              json_object_set_null_member (obj, "deadline_actor");
            }
          json_object_set_string_member (obj, "on_lapse", shou_lapse_to_string (eval.on_lapse));
          set_allowed (obj, eval.allowed);
          applied = TRUE;
        }
    }

  if (!applied && action != SHOU_ACTION_MESSAGE)
    {
      const char *next = NULL;
      const char *status = jstr (obj, "status");

      switch (action)
        {
        case SHOU_ACTION_AGREE_REFUND:
          next = g_strcmp0 (status, "wait_refund_proof") == 0 ? "wait_refund_proof" : "success";
          break;
        case SHOU_ACTION_AGREE_RETURN:
          next = "wait_buyer_return";
          break;
        case SHOU_ACTION_NEGOTIATE:
          next = "negotiating";
          break;
        case SHOU_ACTION_REJECT:
          next = "refused";
          break;
        case SHOU_ACTION_CONFIRM_RECEIPT:
        case SHOU_ACTION_SHIP_EXCHANGE:
        case SHOU_ACTION_UPLOAD_REFUND_PROOF:
          next = "success";
          break;
        case SHOU_ACTION_REFUSE_RECEIPT:
          next = "intervention";
          break;
        case SHOU_ACTION_MESSAGE:
        case SHOU_N_ACTIONS:
        default:
          break;
        }
      if (next)
        json_object_set_string_member (obj, "status", next);
      if (action == SHOU_ACTION_NEGOTIATE)
        {
          JsonObject *nego = jobj (obj, "negotiation");
          gint64 round = 1;

          jint (params, "round", &round);
          if (nego)
            json_object_set_string_member (nego, "phase", round >= 2 ? "round2_wait" : "round1_wait");
        }
      json_object_set_null_member (obj, "deadline_at");
      json_object_set_null_member (obj, "deadline_actor");
      set_allowed (obj, SHOU_ACTION_BIT (SHOU_ACTION_MESSAGE));
    }

  timeline = jarr (obj, "timeline");
  if (timeline == NULL)
    {
      timeline = json_array_new ();
      json_object_set_array_member (obj, "timeline", timeline);
    }
  entry = json_object_new ();
  json_object_set_int_member (entry, "at", created_at);
  json_object_set_string_member (entry, "actor", "seller");
  json_object_set_string_member (entry, "kind", shou_action_to_string (action));
  if (jstr (params, "text"))
    json_object_set_string_member (entry, "text", jstr (params, "text"));
  else if (jstr (params, "explanation"))
    json_object_set_string_member (entry, "text", jstr (params, "explanation"));
  json_object_set_boolean_member (entry, "local", TRUE);
  json_array_add_object_element (timeline, entry);
  json_object_set_boolean_member (obj, "local_pending", TRUE);
}

gboolean
shou_store_refresh_request (ShouStore   *self,
                            const char  *account_id,
                            const char  *request_id,
                            GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autofree char *server_text = NULL;
  g_autofree char *conflict = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(JsonObject) effective = NULL;
  g_autoptr(JsonObject) order = NULL;
  sqlite3_stmt *stmt;
  guint pending = 0;
  int rc;

  stmt = shou_db_prepare (db,
                          "SELECT r.account_id, d.server_data, r.conflict, "
                          "(SELECT data FROM orders o WHERE o.account_id = r.account_id "
                          "AND o.id = r.order_id) "
                          "FROM requests r JOIN request_data d ON d.rid = r.rid "
                          "WHERE r.account_id = ?2 AND r.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, request_id);
  shou_db_bind_text (stmt, 2, account_id);
  rc = shou_db_step (db, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  server_text = g_strdup (shou_db_column_text (stmt, 1));
  conflict = g_strdup (shou_db_column_text (stmt, 2));
  order = shou_store_json_parse (shou_db_column_text (stmt, 3));
  sqlite3_reset (stmt);

  server = shou_store_json_parse (server_text);
  if (server == NULL)
    return TRUE;

  stmt = shou_db_prepare (db,
                          "SELECT kind, action, params, created_at FROM outbox "
                          "WHERE account_id = ?2 AND request_id = ?1 "
                          "AND state IN ('queued', 'sending') ORDER BY id",
                          error);
  if (stmt == NULL)
    return FALSE;
  shou_db_bind_text (stmt, 1, request_id);
  shou_db_bind_text (stmt, 2, account_id);
  while ((rc = shou_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      ShouAction action;

      pending++;
      if (g_strcmp0 (shou_db_column_text (stmt, 0), "action") != 0 ||
          !shou_action_from_string (shou_db_column_text (stmt, 1), &action))
        continue;
      if (effective == NULL)
        effective = shou_store_json_parse (server_text);
      {
        g_autoptr(JsonObject) params = shou_store_json_parse (shou_db_column_text (stmt, 2));
        overlay_action (self, effective, order, action, params, sqlite3_column_int64 (stmt, 3));
      }
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  return shou_store_write_request_row (self, account_id, server, server_text,
                                       effective ? effective : server,
                                       pending, conflict, error);
}

/* ---- enqueueing -------------------------------------------------------- */

static gboolean
check_params (const ShouProfile *profile,
              JsonObject        *effective,
              ShouAction         action,
              JsonObject        *params,
              GError           **error)
{
  GError *cause = NULL;
  const char *text;
  gint64 v, amount = 0;

  switch (action)
    {
    case SHOU_ACTION_AGREE_REFUND:
      jint (effective, "amount_fen", &amount);
      if (!jint (params, "amount_fen", &v) || v <= 0 || (amount > 0 && v > amount))
        return invalid (error, shou_reason_get_message (SHOU_REASON_AMOUNT_INVALID));
      break;
    case SHOU_ACTION_AGREE_RETURN:
      if (jstr (params, "address_id") == NULL || *jstr (params, "address_id") == '\0')
        return invalid (error, _("Choose a return address"));
      if ((text = jstr (params, "message")) != NULL &&
          !shou_validate_no_sensitive (text, &cause))
        return invalid_from (error, cause);
      break;
    case SHOU_ACTION_NEGOTIATE:
      if (!jint (params, "round", &v) || v < 1 || v > 2)
        return invalid (error, _("The negotiation round must be 1 or 2"));
      text = jstr (params, "text");
      if (text != NULL && !shou_validate_no_sensitive (text, &cause))
        return invalid_from (error, cause);
      if (text != NULL && profile != NULL && !shou_validate_message (profile, text, &cause))
        return invalid_from (error, cause);
      break;
    case SHOU_ACTION_REJECT:
      if (jstr (params, "reason_code") == NULL || *jstr (params, "reason_code") == '\0')
        return invalid (error, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
      text = jstr (params, "explanation");
      if (text == NULL || *text == '\0')
        return invalid (error, shou_reason_get_message (SHOU_REASON_EXPLANATION_REQUIRED));
      if (!shou_validate_no_sensitive (text, &cause))
        return invalid_from (error, cause);
      break;
    case SHOU_ACTION_REFUSE_RECEIPT:
      if ((text = jstr (params, "reason")) == NULL || *text == '\0')
        return invalid (error, shou_reason_get_message (SHOU_REASON_REASON_REQUIRED));
      break;
    case SHOU_ACTION_SHIP_EXCHANGE:
      if (!shou_validate_tracking_number (jstr (params, "carrier"),
                                          jstr (params, "tracking_no"), &cause))
        return invalid_from (error, cause);
      break;
    case SHOU_ACTION_UPLOAD_REFUND_PROOF:
      if (jarr (params, "evidence") == NULL || json_array_get_length (jarr (params, "evidence")) == 0)
        return invalid (error, shou_reason_get_message (SHOU_REASON_EVIDENCE_REQUIRED));
      break;
    case SHOU_ACTION_MESSAGE:
      text = jstr (params, "text");
      if (text == NULL || *text == '\0')
        return invalid (error, _("Write a message first"));
      if (!shou_validate_no_sensitive (text, &cause))
        return invalid_from (error, cause);
      if (profile != NULL && !shou_validate_message (profile, text, &cause))
        return invalid_from (error, cause);
      break;
    case SHOU_ACTION_CONFIRM_RECEIPT:
    case SHOU_N_ACTIONS:
    default:
      break;
    }
  return TRUE;
}

static gboolean
check_allowed (JsonObject  *effective,
               ShouAction   action,
               GError     **error)
{
  const char *name = shou_action_to_string (action);
  JsonArray *allowed = jarr (effective, "allowed_actions");
  JsonArray *blocked = jarr (effective, "blocked_actions");

  if (allowed == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (allowed); i++)
    if (g_strcmp0 (json_array_get_string_element (allowed, i), name) == 0)
      return TRUE;

  for (guint i = 0; blocked && i < json_array_get_length (blocked); i++)
    {
      JsonNode *node = json_array_get_element (blocked, i);
      JsonObject *b;
      ShouReason reason;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      b = json_node_get_object (node);
      if (g_strcmp0 (jstr (b, "action"), name) != 0)
        continue;
      if (shou_reason_from_string (jstr (b, "reason"), &reason) && reason != SHOU_REASON_NONE)
        return invalid (error, shou_reason_get_message (reason));
      if (jstr (b, "message"))
        return invalid (error, jstr (b, "message"));
    }
  return invalid (error, _("This action is not possible at this step"));
}

static gboolean
insert_outbox (ShouDb          *db,
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

typedef struct
{
  char       *account_id;
  char       *id;               /* the server's */
  JsonObject *effective;
  char       *conflict;
} RequestRow;

static void
request_row_clear (RequestRow *row)
{
  g_clear_pointer (&row->account_id, g_free);
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->effective, json_object_unref);
  g_clear_pointer (&row->conflict, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RequestRow, request_row_clear)

/* @request_id is the request's key. */
static gboolean
load_request_row (ShouStore   *self,
                  const char  *request_id,
                  RequestRow  *row,
                  GError     **error)
{
  ShouDb *db = shou_store_get_db (self);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = shou_db_prepare (db,
                          "SELECT r.account_id, coalesce(d.local_data, d.server_data), r.conflict, r.id "
                          "FROM requests r JOIN request_data d ON d.rid = r.rid WHERE r.key = ?1",
                          &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error);
  shou_db_bind_text (stmt, 1, request_id);
  rc = shou_db_step (db, stmt, &local_error);
  if (rc < 0)
    return PROPAGATE (local_error);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("The after-sales request %s is not in the cache"), request_id);
      return FALSE;
    }
  row->account_id = g_strdup (shou_db_column_text (stmt, 0));
  row->effective = shou_store_json_parse (shou_db_column_text (stmt, 1));
  row->conflict = g_strdup (shou_db_column_text (stmt, 2));
  row->id = g_strdup (shou_db_column_text (stmt, 3));
  sqlite3_reset (stmt);
  if (row->effective == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_SQL,
                   _("The cached request %s is damaged"), request_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
drop_conflicts (ShouDb      *db,
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
  stmt = shou_db_prepare (db, "UPDATE requests SET conflict = NULL WHERE account_id = ?2 AND id = ?1",
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
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_auto(RequestRow) row = { 0 };
  g_autoptr(JsonObject) empty = NULL;
  const ShouProfile *profile = NULL;
  ShouPlatform platform;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);
  g_return_val_if_fail (action < SHOU_N_ACTIONS, FALSE);

  db = shou_store_get_db (self);
  if (params == NULL)
    params = empty = json_object_new ();

  if (!load_request_row (self, request_id, &row, error))
    return FALSE;

  /* With a conflict showing, the seller acts on the server's state. */
  if (row.conflict == NULL && !check_allowed (row.effective, action, error))
    return FALSE;
  if (shou_platform_from_string (jstr (row.effective, "platform"), &platform))
    profile = shou_store_get_profile (self, platform);
  if (!check_params (profile, row.effective, action, params, error))
    return FALSE;

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if ((row.conflict != NULL && !drop_conflicts (db, row.account_id, row.id, &local_error)) ||
      !insert_outbox (db, row.account_id, row.id, SHOU_OUTBOX_ACTION,
                      shou_action_to_string (action), params, expected_version, &local_error) ||
      !shou_store_refresh_request (self, row.account_id, row.id, &local_error) ||
      !shou_db_commit (db, &local_error))
    {
      shou_db_rollback (db);
      return PROPAGATE (local_error);
    }

  shou_store_emit_changed (self, request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;
}

gboolean
shou_store_resolve_conflict (ShouStore   *self,
                             const char  *request_id,
                             GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);
  g_return_val_if_fail (request_id != NULL, FALSE);

  db = shou_store_get_db (self);
  if (!shou_store_resolve_request (self, request_id, &account_id, &id))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("The after-sales request %s is not in the cache"), request_id);
      return FALSE;
    }
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (!drop_conflicts (db, account_id, id, &local_error) ||
      !shou_store_refresh_request (self, account_id, id, &local_error) ||
      !shou_db_commit (db, &local_error))
    {
      shou_db_rollback (db);
      return PROPAGATE (local_error);
    }
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

/* ---- evidence ---------------------------------------------------------- */

char *
shou_store_import_evidence (ShouStore         *self,
                            const char        *request_id,
                            GFile             *file,
                            ShouEvidenceKind   kind,
                            GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_IO,
                   _("Could not read the file: %s"), local_error->message);
      return NULL;
    }
  return shou_store_import_evidence_bytes (self, request_id, bytes, kind, error);
}

static gboolean
not_found (GError    **error,
           const char *request_id)
{
  g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
               _("The after-sales request %s is not in the cache"), request_id);
  return FALSE;
}

static guint
count_evidence (ShouStore  *self,
                JsonObject *effective,
                const char *account_id,
                const char *request_id)
{
  ShouDb *db = shou_store_get_db (self);
  JsonArray *server = jarr (effective, "evidence");
  sqlite3_stmt *stmt;
  guint n = server ? json_array_get_length (server) : 0;

  stmt = shou_db_prepare (db,
                          "SELECT count(*) FROM evidence WHERE account_id = ?2 AND request_id = ?1 "
                          "AND state != 'uploaded'", NULL);
  if (stmt == NULL)
    return n;
  shou_db_bind_text (stmt, 1, request_id);
  shou_db_bind_text (stmt, 2, account_id);
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    n += sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

char *
shou_store_import_evidence_bytes (ShouStore         *self,
                                  const char        *request_id,
                                  GBytes            *bytes,
                                  ShouEvidenceKind   kind,
                                  GError           **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_auto(RequestRow) row = { 0 };
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) params = NULL;
  const ShouProfile *profile = NULL;
  const char *content_type = NULL;
  const guint8 *data;
  ShouPlatform platform;
  sqlite3_stmt *stmt;
  gsize len;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
  g_return_val_if_fail (request_id != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  db = shou_store_get_db (self);
  if (!load_request_row (self, request_id, &row, error))
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  if (shou_platform_from_string (jstr (row.effective, "platform"), &platform))
    profile = shou_store_get_profile (self, platform);
  if (profile != NULL)
    {
      if (!shou_validate_evidence (profile, data, len,
                                   count_evidence (self, row.effective, row.account_id, row.id),
                                   &content_type, &local_error))
        return invalid_from (error, g_steal_pointer (&local_error)), NULL;
    }
  else
    content_type = shou_sniff_content_type (data, len);
  if (content_type == NULL || len == 0)
    return invalid (error, _("This file is not a picture (JPEG, PNG) or a PDF")), NULL;

  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  {
    g_autofree char *dir = shou_store_get_evidence_dir (self);

    if (g_mkdir_with_parents (dir, 0700) != 0)
      {
        g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_IO,
                     _("Could not create the folder “%s”"), dir);
        return NULL;
      }
    path = g_build_filename (dir, sha, NULL);
  }
  /* Copied in, named by content, and durable before the upload is queued:
   * the original may be deleted or edited afterwards. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
      !g_file_set_contents_full (path, (const char *) data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_IO,
                   _("Could not save the evidence file: %s"), local_error->message);
      return NULL;
    }

  params = json_object_new ();
  json_object_set_string_member (params, "sha256", sha);
  json_object_set_string_member (params, "kind", shou_evidence_kind_to_string (kind));
  json_object_set_string_member (params, "content_type", content_type);
  json_object_set_int_member (params, "size", len);

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error), NULL;
  stmt = shou_db_prepare (db,
                          "INSERT OR IGNORE INTO evidence (request_id, sha256, content_type, size, "
                          "kind, by, state, created_at, account_id) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, 'seller', 'queued', ?6, ?7)",
                          &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, row.id);
  shou_db_bind_text (stmt, 7, row.account_id);
  shou_db_bind_text (stmt, 2, sha);
  shou_db_bind_text (stmt, 3, content_type);
  shou_db_bind_int (stmt, 4, len);
  shou_db_bind_text (stmt, 5, shou_evidence_kind_to_string (kind));
  shou_db_bind_int (stmt, 6, g_get_real_time ());
  if (!shou_db_run (db, stmt, &local_error))
    goto fail;
  if (shou_db_changes (db) > 0 &&
      (!insert_outbox (db, row.account_id, row.id, SHOU_OUTBOX_EVIDENCE, "upload",
                       params, 0, &local_error) ||
       !shou_store_refresh_request (self, row.account_id, row.id, &local_error)))
    goto fail;
  if (!shou_db_commit (db, &local_error))
    goto fail;

  shou_store_emit_changed (self, request_id);
  shou_store_emit_outbox_changed (self);
  return g_steal_pointer (&sha);

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error), NULL;
}

GPtrArray *
shou_store_list_evidence (ShouStore  *self,
                          const char *request_id)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(RequestRow) row = { 0 };
  ShouDb *db;
  JsonArray *server;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), ret);

  db = shou_store_get_db (self);
  if (!load_request_row (self, request_id, &row, NULL))
    return ret;
  stmt = shou_db_prepare (db,
                          "SELECT sha256, content_type, size, kind, state, error FROM evidence "
                          "WHERE account_id = ?2 AND request_id = ?1 ORDER BY created_at, sha256", NULL);
  if (stmt == NULL)
    return ret;
  shou_db_bind_text (stmt, 1, row.id);
  shou_db_bind_text (stmt, 2, row.account_id);
  while (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      JsonObject *obj = json_object_new ();
      const char *sha = shou_db_column_text (stmt, 0);
      g_autofree char *path = shou_store_get_evidence_path (self, sha);

      json_object_set_string_member (obj, "sha256", sha);
      json_object_set_string_member (obj, "content_type", shou_db_column_text (stmt, 1));
      json_object_set_int_member (obj, "size", sqlite3_column_int64 (stmt, 2));
      json_object_set_string_member (obj, "kind", shou_db_column_text (stmt, 3));
      if (path)
        json_object_set_string_member (obj, "path", path);
      else
        json_object_set_null_member (obj, "path");
      json_object_set_string_member (obj, "state", shou_db_column_text (stmt, 4));
      if (shou_db_column_text (stmt, 5))
        json_object_set_string_member (obj, "error", shou_db_column_text (stmt, 5));
      else
        json_object_set_null_member (obj, "error");
      g_hash_table_add (seen, g_strdup (sha));
      g_ptr_array_add (ret, obj);
    }
  sqlite3_reset (stmt);

  server = jarr (row.effective, "evidence");
  for (guint i = 0; server && i < json_array_get_length (server); i++)
    {
      JsonNode *node = json_array_get_element (server, i);
      JsonObject *ev, *obj;
      const char *sha;
      g_autofree char *path = NULL;
      gint64 size = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      ev = json_node_get_object (node);
      sha = jstr (ev, "id");
      if (sha == NULL || g_hash_table_contains (seen, sha))
        continue;
      path = shou_store_get_evidence_path (self, sha);
      obj = json_object_new ();
      json_object_set_string_member (obj, "sha256", sha);
      json_object_set_string_member (obj, "content_type", jstr (ev, "content_type"));
      jint (ev, "size", &size);
      json_object_set_int_member (obj, "size", size);
      json_object_set_string_member (obj, "kind", jstr (ev, "kind"));
      if (path)
        json_object_set_string_member (obj, "path", path);
      else
        json_object_set_null_member (obj, "path");
      json_object_set_string_member (obj, "state", "uploaded");
      json_object_set_null_member (obj, "error");
      if (jstr (ev, "by"))
        json_object_set_string_member (obj, "by", jstr (ev, "by"));
      g_ptr_array_add (ret, obj);
    }
  return ret;
}

gboolean
shou_store_remove_evidence (ShouStore   *self,
                            const char  *request_id,
                            const char  *sha256,
                            GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;
  gint64 left = 1;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  if (!shou_store_resolve_request (self, request_id, &account_id, &id))
    return not_found (error, request_id);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  stmt = shou_db_prepare (db,
                          "DELETE FROM evidence WHERE account_id = ?3 AND request_id = ?1 "
                          "AND sha256 = ?2 AND state != 'uploaded'", &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, sha256);
  shou_db_bind_text (stmt, 3, account_id);
  if (!shou_db_run (db, stmt, &local_error))
    goto fail;
  if (shou_db_changes (db) == 0)
    {
      shou_db_rollback (db);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("This evidence is already uploaded or was never added"));
      return FALSE;
    }
  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET state = 'dropped', done_at = ?3 WHERE account_id = ?4 "
                          "AND request_id = ?1 "
                          "AND kind = 'evidence' AND json_extract(params, '$.sha256') = ?2 "
                          "AND state IN ('queued', 'conflict')", &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, sha256);
  shou_db_bind_int (stmt, 3, g_get_real_time ());
  shou_db_bind_text (stmt, 4, account_id);
  if (!shou_db_run (db, stmt, &local_error) ||
      !shou_store_refresh_request (self, account_id, id, &local_error) ||
      !shou_db_commit (db, &local_error))
    goto fail;

  stmt = shou_db_prepare (db, "SELECT count(*) FROM evidence WHERE sha256 = ?1", NULL);
  if (stmt != NULL)
    {
      shou_db_bind_text (stmt, 1, sha256);
      if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        left = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (left == 0)
    {
      g_autofree char *path = shou_store_get_evidence_path (self, sha256);
      if (path)
        g_unlink (path);
    }
  shou_store_emit_changed (self, request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error);
}

gboolean
shou_store_retry_evidence (ShouStore   *self,
                           const char  *request_id,
                           const char  *sha256,
                           GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  if (!shou_store_resolve_request (self, request_id, &account_id, &id))
    return not_found (error, request_id);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  stmt = shou_db_prepare (db,
                          "UPDATE outbox SET state = 'queued', last_error = NULL WHERE account_id = ?3 "
                          "AND request_id = ?1 "
                          "AND kind = 'evidence' AND json_extract(params, '$.sha256') = ?2 "
                          "AND state = 'conflict'", &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, sha256);
  shou_db_bind_text (stmt, 3, account_id);
  if (!shou_db_run (db, stmt, &local_error))
    goto fail;
  if (shou_db_changes (db) == 0)
    {
      shou_db_rollback (db);
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND,
                   _("This evidence has no failed upload to retry"));
      return FALSE;
    }
  stmt = shou_db_prepare (db,
                          "UPDATE evidence SET state = 'queued', error = NULL "
                          "WHERE account_id = ?3 AND request_id = ?1 AND sha256 = ?2", &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, sha256);
  shou_db_bind_text (stmt, 3, account_id);
  if (!shou_db_run (db, stmt, &local_error) ||
      !shou_store_refresh_request (self, account_id, id, &local_error) ||
      !shou_db_commit (db, &local_error))
    goto fail;
  shou_store_emit_changed (self, request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error);
}

/* ---- addresses --------------------------------------------------------- */

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
        return invalid (error, _("Fill in the name, phone, province, city and street"));
    }
  if (!shou_validate_phone (jstr (address, "phone"), &cause))
    return invalid_from (error, cause);
  if (jstr (address, "postcode") && *jstr (address, "postcode") &&
      !shou_validate_postcode (jstr (address, "postcode"), &cause))
    return invalid_from (error, cause);
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
  g_autofree char *shop_key = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) row = NULL;
  const char *given_id;
  gint64 version = 0;
  gboolean exists = FALSE, local_only = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);
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
  if (given_id)
    {
      stmt = shou_db_prepare (db, "SELECT version, local_state FROM addresses "
                              "WHERE account_id = ?2 AND id = ?1", NULL);
      if (stmt)
        {
          shou_db_bind_text (stmt, 1, given_id);
          shou_db_bind_text (stmt, 2, account_id);
          if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
            {
              exists = TRUE;
              version = sqlite3_column_int64 (stmt, 0);
              local_only = g_strcmp0 (shou_db_column_text (stmt, 1), "create") == 0;
            }
          sqlite3_reset (stmt);
        }
    }
  if (exists)
    id = g_strdup (given_id);
  else
    {
      g_autofree char *uuid = g_uuid_string_random ();
      id = g_strconcat ("local-", uuid, NULL);
    }

  fields = address_fields (address);
  row = address_fields (address);
  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "shop_id", shop);
  json_object_set_int_member (row, "version", version);
  json_object_set_boolean_member (row, "deleted", FALSE);
  text = shou_store_json_to_string (row);
  shop_key = g_strconcat ("shop:", shop, NULL);

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error), NULL;
  stmt = shou_db_prepare (db,
                          "INSERT INTO addresses (id, account_id, shop_id, version, is_default, "
                          "local_state, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                          "ON CONFLICT(account_id, id) DO UPDATE SET is_default = excluded.is_default, "
                          "local_state = coalesce(addresses.local_state, excluded.local_state), "
                          "data = excluded.data", &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, id);
  shou_db_bind_text (stmt, 2, account_id);
  shou_db_bind_text (stmt, 3, shop);
  shou_db_bind_int (stmt, 4, version);
  shou_db_bind_int (stmt, 5, json_object_get_boolean_member_with_default (address, "is_default", FALSE));
  shou_db_bind_text (stmt, 6, exists ? "update" : "create");
  shou_db_bind_text (stmt, 7, text);
  if (!shou_db_run (db, stmt, &local_error))
    goto fail;

  /* A shop has one default: the server moves it when it takes this edit,
   * the cache shows the same at once. */
  if (json_object_get_boolean_member_with_default (address, "is_default", FALSE))
    {
      stmt = shou_db_prepare (db,
                              "UPDATE addresses SET is_default = 0, "
                              "data = json_set(data, '$.is_default', json('false')) "
                              "WHERE account_id = ?3 AND shop_id = ?1 AND id != ?2 AND is_default = 1",
                              &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, shop);
      shou_db_bind_text (stmt, 2, id);
      shou_db_bind_text (stmt, 3, account_id);
      if (!shou_db_run (db, stmt, &local_error))
        goto fail;
    }

  if (local_only)
    {
      /* Not on the server yet: amend the queued creation if it has not left. */
      g_autofree char *ptext = shou_store_json_to_string (fields);
      stmt = shou_db_prepare (db,
                              "UPDATE outbox SET params = ?2 WHERE kind = 'address_create' "
                              "AND account_id = ?3 AND action = ?1 AND state = 'queued'", &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, id);
      shou_db_bind_text (stmt, 2, ptext);
      shou_db_bind_text (stmt, 3, account_id);
      if (!shou_db_run (db, stmt, &local_error))
        goto fail;
      if (shou_db_changes (db) == 0 &&
          !insert_outbox (db, account_id, shop_key, SHOU_OUTBOX_ADDRESS_UPDATE, id, fields,
                          version, &local_error))
        goto fail;
    }
  else if (!insert_outbox (db, account_id, shop_key,
                           exists ? SHOU_OUTBOX_ADDRESS_UPDATE : SHOU_OUTBOX_ADDRESS_CREATE,
                           id, fields, version, &local_error))
    goto fail;

  if (!shou_db_commit (db, &local_error))
    goto fail;
  shou_store_emit_changed (self, NULL);
  shou_store_emit_outbox_changed (self);
  return g_steal_pointer (&id);

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error), NULL;
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
  g_autofree char *shop_key = NULL;
  gint64 version = 0;
  gboolean found = FALSE, local_only = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  stmt = shou_store_resolve_shop (self, shop_id, &account_id, &shop) ?
         shou_db_prepare (db,
                          "SELECT version, local_state FROM addresses "
                          "WHERE account_id = ?3 AND id = ?1 AND shop_id = ?2 AND deleted = 0", NULL) :
         NULL;
  if (stmt)
    {
      shou_db_bind_text (stmt, 1, address_id);
      shou_db_bind_text (stmt, 2, shop);
      shou_db_bind_text (stmt, 3, account_id);
      if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
        {
          found = TRUE;
          version = sqlite3_column_int64 (stmt, 0);
          local_only = g_strcmp0 (shou_db_column_text (stmt, 1), "create") == 0;
        }
      sqlite3_reset (stmt);
    }
  if (!found)
    {
      g_set_error (error, SHOU_STORE_ERROR, SHOU_STORE_ERROR_NOT_FOUND, _("No such address"));
      return FALSE;
    }

  /* An agreed return not yet sent will tell the buyer to ship there. */
  stmt = shou_db_prepare (db,
                          "SELECT 1 FROM outbox WHERE kind = 'action' AND action = 'agree_return' "
                          "AND account_id = ?2 AND state IN ('queued', 'sending', 'conflict') "
                          "AND json_extract(params, '$.address_id') = ?1 LIMIT 1", &local_error);
  if (stmt == NULL)
    return PROPAGATE (local_error);
  shou_db_bind_text (stmt, 1, address_id);
  shou_db_bind_text (stmt, 2, account_id);
  found = shou_db_step (db, stmt, NULL) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (found)
    return invalid (error, _("This address is used by a return you agreed that has not been sent yet"));

  shop_key = g_strconcat ("shop:", shop, NULL);

  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (local_only)
    {
      stmt = shou_db_prepare (db,
                              "UPDATE outbox SET state = 'dropped' WHERE kind = 'address_create' "
                              "AND account_id = ?2 AND action = ?1 AND state = 'queued'", &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, address_id);
      shou_db_bind_text (stmt, 2, account_id);
      if (!shou_db_run (db, stmt, &local_error))
        goto fail;
      local_only = shou_db_changes (db) > 0;
    }
  if (local_only)
    stmt = shou_db_prepare (db, "DELETE FROM addresses WHERE account_id = ?2 AND id = ?1",
                            &local_error);
  else
    stmt = shou_db_prepare (db,
                            "UPDATE addresses SET deleted = 1, local_state = 'delete' "
                            "WHERE account_id = ?2 AND id = ?1", &local_error);
  if (stmt == NULL)
    goto fail;
  shou_db_bind_text (stmt, 1, address_id);
  shou_db_bind_text (stmt, 2, account_id);
  if (!shou_db_run (db, stmt, &local_error))
    goto fail;
  if (!local_only &&
      !insert_outbox (db, account_id, shop_key, SHOU_OUTBOX_ADDRESS_DELETE, address_id,
                      NULL, version, &local_error))
    goto fail;
  if (!shou_db_commit (db, &local_error))
    goto fail;
  shou_store_emit_changed (self, NULL);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error);
}

/* ---- draining the outbox ----------------------------------------------- */

ShouOutboxEntry *
shou_store_outbox_next (ShouStore  *self,
                        const char *account_id)
{
  ShouDb *db;
  ShouOutboxEntry *entry = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SHOU_IS_STORE (self), NULL);

  db = shou_store_get_db (self);
  /* In order per request: an entry waits while an earlier one of the same
   * request is unsent or in conflict (it was based on that one). An entry
   * that failed waits for its own next attempt time, and so do the later
   * entries of its request; other requests go ahead. */
  stmt = shou_db_prepare (db,
                          "SELECT id, account_id, kind, request_id, action, params, "
                          "expected_version, idempotency_key, attempts, created_at FROM outbox o "
                          "WHERE account_id = ?1 AND state IN ('queued', 'sending') "
                          "AND next_attempt_at <= ?2 "
                          "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.account_id = o.account_id "
                          "  AND p.request_id = o.request_id "
                          "  AND p.id < o.id AND (p.state IN ('queued', 'sending') "
                          "  OR (p.state = 'conflict' AND p.kind IN ('action', 'evidence')))) "
                          "ORDER BY id LIMIT 1", NULL);
  if (stmt == NULL)
    return NULL;
  shou_db_bind_text (stmt, 1, account_id);
  shou_db_bind_int (stmt, 2, g_get_real_time ());
  if (shou_db_step (db, stmt, NULL) == SQLITE_ROW)
    {
      entry = g_new0 (ShouOutboxEntry, 1);
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
    }
  sqlite3_reset (stmt);
  return entry;
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

typedef struct
{
  char  *account_id;
  char  *request_id;
  char  *kind;
  char  *action;
  char  *params;
  gint64 expected_version;
} EntryRow;

static void
entry_row_clear (EntryRow *row)
{
  g_free (row->account_id);
  g_free (row->request_id);
  g_free (row->kind);
  g_free (row->action);
  g_free (row->params);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EntryRow, entry_row_clear)

static gboolean
load_entry (ShouDb    *db,
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

static gboolean
set_entry_state (ShouDb      *db,
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
  if (!load_entry (db, entry_id, &row, &local_error) ||
      !set_entry_state (db, entry_id, "done", NULL, &local_error))
    goto fail;

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
            goto fail;
          shou_db_bind_text (stmt, 1, row.request_id);
          shou_db_bind_text (stmt, 5, row.account_id);
          shou_db_bind_int (stmt, 2, row.expected_version);
          shou_db_bind_int (stmt, 3, new_version);
          shou_db_bind_int (stmt, 4, entry_id);
          if (!shou_db_run (db, stmt, &local_error))
            goto fail;
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
        goto fail;
      shou_db_bind_text (stmt, 1, row.request_id);
      shou_db_bind_text (stmt, 2, jstr (params, "sha256"));
      shou_db_bind_text (stmt, 3, row.account_id);
      ok = shou_db_run (db, stmt, &local_error) &&
           shou_store_refresh_request (self, row.account_id, row.request_id, &local_error);
    }
  else
    ok = complete_address (self, &row, result, &local_error);

  if (!ok || !shou_db_commit (db, &local_error))
    goto fail;
  if (g_str_has_prefix (row.request_id, "shop:"))
    shou_store_emit_changed (self, NULL);
  else
    shou_store_emit_request_changed (self, row.account_id, row.request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error);
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
                     "WHERE state IN ('queued', 'sending') AND next_attempt_at > 0", &local_error))
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

gboolean
shou_store_outbox_conflict (ShouStore   *self,
                            gint64       entry_id,
                            const char  *code,
                            const char  *message,
                            GError     **error)
{
  return shou_store_outbox_conflict_full (self, entry_id, code, message, NULL, error);
}

gboolean
shou_store_outbox_conflict_full (ShouStore   *self,
                                 gint64       entry_id,
                                 const char  *code,
                                 const char  *message,
                                 const char  *reason,
                                 GError     **error)
{
  ShouDb *db;
  g_autoptr(GError) local_error = NULL;
  g_auto(EntryRow) row = { 0 };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  g_return_val_if_fail (SHOU_IS_STORE (self), FALSE);

  db = shou_store_get_db (self);
  if (!shou_db_begin (db, &local_error))
    return PROPAGATE (local_error);
  if (!load_entry (db, entry_id, &row, &local_error) ||
      !set_entry_state (db, entry_id, "conflict", message, &local_error))
    goto fail;

  if (g_str_equal (row.kind, "action"))
    {
      g_autoptr(JsonObject) conflict = json_object_new ();
      g_autofree char *text = NULL;

      json_object_set_string_member (conflict, "code", code ? code : "conflict");
      json_object_set_string_member (conflict, "message", message ? message : "");
      json_object_set_string_member (conflict, "action", row.action);
      /* The rules' reason code, which the UI can say in the seller's
       * language where the server's message is English. */
      if (reason != NULL && *reason != '\0')
        json_object_set_string_member (conflict, "reason", reason);
      text = shou_store_json_to_string (conflict);
      stmt = shou_db_prepare (db, "UPDATE requests SET conflict = ?2 WHERE account_id = ?3 AND id = ?1",
                              &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, row.request_id);
      shou_db_bind_text (stmt, 2, text);
      shou_db_bind_text (stmt, 3, row.account_id);
      ok = shou_db_run (db, stmt, &local_error) &&
           shou_store_refresh_request (self, row.account_id, row.request_id, &local_error);
    }
  else if (g_str_equal (row.kind, "evidence"))
    {
      g_autoptr(JsonObject) params = shou_store_json_parse (row.params);
      stmt = shou_db_prepare (db,
                              "UPDATE evidence SET state = 'failed', error = ?3 "
                              "WHERE account_id = ?4 AND request_id = ?1 AND sha256 = ?2", &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, row.request_id);
      shou_db_bind_text (stmt, 2, jstr (params, "sha256"));
      shou_db_bind_text (stmt, 3, message);
      shou_db_bind_text (stmt, 4, row.account_id);
      ok = shou_db_run (db, stmt, &local_error) &&
           shou_store_refresh_request (self, row.account_id, row.request_id, &local_error);
    }
  else
    {
      /* The address edit was refused: show the server's copy again on the
       * next change; a local-only address goes away. */
      stmt = shou_db_prepare (db,
                              g_str_equal (row.kind, "address_create") ?
                              "DELETE FROM addresses WHERE account_id = ?2 AND id = ?1" :
                              "UPDATE addresses SET local_state = NULL, deleted = 0 "
                              "WHERE account_id = ?2 AND id = ?1",
                              &local_error);
      if (stmt == NULL)
        goto fail;
      shou_db_bind_text (stmt, 1, row.action);
      shou_db_bind_text (stmt, 2, row.account_id);
      ok = shou_db_run (db, stmt, &local_error);
    }

  if (!ok || !shou_db_commit (db, &local_error))
    goto fail;
  if (g_str_has_prefix (row.request_id, "shop:"))
    shou_store_emit_changed (self, NULL);
  else
    shou_store_emit_request_changed (self, row.account_id, row.request_id);
  shou_store_emit_outbox_changed (self);
  return TRUE;

fail:
  shou_db_rollback (db);
  return PROPAGATE (local_error);
}
