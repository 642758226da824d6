/* shou-store-overlay.c: the optimistic state the queued outbox entries
 * imply: a request's effective data is its server data with its queued
 * actions applied. The store rewrites it whenever the server data or the
 * queue changes; the outbox calls it through the private header. */
#include "config.h"

#include "shou-store-private.h"

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

/* The order's parcel and the seller's choice about it, and the express
 * refund (API.md "parcel_wait", "express_refund"). */
static void
parcel_state_from_json (JsonObject       *obj,
                        JsonObject       *order,
                        ShouRequestState *state)
{
  g_autoptr(GPtrArray) parcels = order != NULL ? shou_outbound_list_from_json (order, NULL) : NULL;
  JsonObject *wait = jobj (obj, "parcel_wait");
  JsonObject *express = jobj (obj, "express_refund");

  if (parcels != NULL && parcels->len > 0)
    state->parcel_step = 1 + shou_outbound_get_state (g_ptr_array_index (parcels, parcels->len - 1));
  if (wait != NULL && shou_parcel_wait_from_string (jstr (wait, "mode"), &state->parcel_wait))
    jint (wait, "since", &state->parcel_wait_at);
  if (express != NULL)
    {
      state->express_paid = TRUE;
      jint (express, "paid_at", &state->express_paid_at);
      state->appealed = json_object_get_boolean_member_with_default (express, "appealed", FALSE);
    }
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
  state->exchange_shipped = jobj (obj, "exchange_shipment") != NULL;
  state->status_before_intervention = SHOU_STATUS_WAIT_SELLER;
  jint (obj, "version", &state->version);
  parcel_state_from_json (obj, order, state);
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
  event->carrier_name = jstr (params, "carrier_name");
}

/* The rules' answer to @action, written into @obj; FALSE when core cannot
 * compute it (no profile, or the rules refuse the event). */
static gboolean
apply_rules (ShouStore  *self,
             JsonObject *obj,
             JsonObject *order,
             ShouAction  action,
             JsonObject *params,
             gint64      created_at)
{
  ShouRequestState state;
  const ShouProfile *profile;
  ShouEvent event;
  ShouEvaluation eval;
  JsonObject *nego = jobj (obj, "negotiation");

  if (!state_from_json (obj, order, &state) ||
      (profile = shou_store_get_profile (self, state.platform)) == NULL)
    return FALSE;
  event_from_params (action, params, &event);
  if (!shou_rules_apply (profile, &state, &event, created_at, NULL))
    return FALSE;

  shou_rules_evaluate (profile, &state, created_at, &eval);
  json_object_set_string_member (obj, "status", shou_status_to_string (eval.status));
  if (nego)
    json_object_set_string_member (nego, "phase", shou_nego_phase_to_string (state.nego_phase));
  if (eval.deadline_at > 0)
    {
      json_object_set_int_member (obj, "deadline_at", eval.deadline_at);
      json_object_set_string_member (obj, "deadline_actor", shou_actor_to_string (eval.deadline_actor));
      json_object_set_boolean_member (obj, "deadline_approximate", eval.deadline_approximate);
    }
  else
    {
      json_object_set_null_member (obj, "deadline_at");
      json_object_set_null_member (obj, "deadline_actor");
    }
  json_object_set_string_member (obj, "on_lapse", shou_lapse_to_string (eval.on_lapse));
  set_allowed (obj, eval.allowed);
  return TRUE;
}

/* Without the rules: the plain next status, and only messages allowed
 * until the server answers. */
static void
apply_next_status (JsonObject *obj,
                   ShouAction  action,
                   JsonObject *params)
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
    case SHOU_ACTION_SHIP_EXCHANGE:
      next = "wait_seller_ship";
      break;
    case SHOU_ACTION_CONFIRM_RECEIPT:
    case SHOU_ACTION_UPLOAD_REFUND_PROOF:
      next = "success";
      break;
    case SHOU_ACTION_REFUSE_RECEIPT:
      next = "intervention";
      break;
    case SHOU_ACTION_MESSAGE:
    case SHOU_ACTION_INTERCEPT:
    case SHOU_ACTION_AWAIT_RETURN:
    case SHOU_ACTION_APPEAL:
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

/* The seller's own entry at the end of the timeline, marked local. */
static void
add_timeline_entry (JsonObject *obj,
                    ShouAction  action,
                    JsonObject *params,
                    gint64      created_at)
{
  JsonArray *timeline = jarr (obj, "timeline");
  JsonObject *entry;

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
  if (params != NULL)
    json_object_set_object_member (entry, "params", json_object_ref (params));
  json_object_set_boolean_member (entry, "local", TRUE);
  json_array_add_object_element (timeline, entry);
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
  if (!apply_rules (self, obj, order, action, params, created_at) &&
      action != SHOU_ACTION_MESSAGE)
    apply_next_status (obj, action, params);

  /* The seller sees the parcel they sent at once, before the server's
   * events: carrier and tracking number, shipped now. */
  if (action == SHOU_ACTION_SHIP_EXCHANGE && jobj (obj, "exchange_shipment") == NULL)
    {
      JsonObject *ship = json_object_new ();

      if (jstr (params, "carrier") != NULL)
        json_object_set_string_member (ship, "carrier", jstr (params, "carrier"));
      if (jstr (params, "carrier_name") != NULL)
        json_object_set_string_member (ship, "carrier_name", jstr (params, "carrier_name"));
      if (jstr (params, "tracking_no") != NULL)
        json_object_set_string_member (ship, "tracking_no", jstr (params, "tracking_no"));
      json_object_set_int_member (ship, "shipped_at", created_at);
      json_object_set_array_member (ship, "events", json_array_new ());
      json_object_set_object_member (obj, "exchange_shipment", ship);
    }

  /* The seller's choice about the parcel shows at once. */
  if (action == SHOU_ACTION_INTERCEPT || action == SHOU_ACTION_AWAIT_RETURN)
    {
      JsonObject *wait = json_object_new ();

      json_object_set_string_member (wait, "mode", action == SHOU_ACTION_INTERCEPT ? "intercept" : "await");
      json_object_set_int_member (wait, "since", created_at);
      json_object_set_object_member (obj, "parcel_wait", wait);
    }
  if (action == SHOU_ACTION_APPEAL && jobj (obj, "express_refund") != NULL)
    json_object_set_boolean_member (jobj (obj, "express_refund"), "appealed", TRUE);

  add_timeline_entry (obj, action, params, created_at);
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
