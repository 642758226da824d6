/* shou-sim-world-lapse.c: what the simulated platform does by itself when a
 * deadline passes, and saving a request with its rendered form and its next
 * lapse time. */
#include "config.h"

#include "shou-sim-world-private.h"
#include "shou-sim-words.h"

#include "hub/shou-hub-json.h"

static gint64
next_due (const ShouEvaluation *eval)
{
  gint64 due = 0;

  /* Milestones (none, evidence_closed) change nothing when they pass. */
  if (eval->deadline_at > 0 && eval->on_lapse != SHOU_LAPSE_NONE &&
      eval->on_lapse != SHOU_LAPSE_EVIDENCE_CLOSED)
    due = eval->deadline_at;
  if (eval->nego_wait_until > 0 && (due == 0 || eval->nego_wait_until < due))
    due = eval->nego_wait_until;
  return due;
}

guint
shou_sim_world_lapse_request (ShouSimWorld     *self,
                              ShouHubAftersale *as,
                              gint64            cutoff)
{
  const ShouProfile *profile = shou_sim_world_request_profile (self, as);
  guint applied = 0;

  /* Bounded: a chain of steps is a handful long. */
  for (guint step = 0; step < 8; step++)
    {
      g_autoptr(GArray) lapses = g_array_new (FALSE, TRUE, sizeof (ShouLapse));
      ShouRequestStatus before = as->state.status;
      ShouEvaluation eval;
      gint64 due;
      guint n;

      shou_rules_evaluate (profile, &as->state, cutoff, &eval);
      due = next_due (&eval);
      if (due == 0 || due > cutoff)
        break;
      n = shou_rules_lapse (profile, &as->state, due, lapses);
      if (n == 0)
        break;
      for (guint i = 0; i < lapses->len; i++)
        {
          ShouLapse lapse = g_array_index (lapses, ShouLapse, i);

          JsonObject *entry = shou_hub_doc_add_timeline (as, due,
                                                           lapse == SHOU_LAPSE_NEXT_ROUND ? SHOU_ACTOR_SYSTEM
                                                                                          : SHOU_ACTOR_PLATFORM,
                                                           shou_event_kind_to_string (SHOU_EVENT_LAPSE),
                                                           shou_sim_lapse_text (lapse, before));
          JsonObject *params = json_object_new ();

          json_object_set_string_member (params, "lapse", shou_lapse_to_string (lapse));
          json_object_set_string_member (params, "before", shou_status_to_string (before));
          shou_hub_doc_set_timeline_params (entry, params);
        }
      as->updated_at = MAX (as->updated_at, due);
      applied += n;
      self->events_applied += n;
    }

  /* An auto-agreed return goes to the shop's default return address. */
  if (applied > 0 && as->state.status == SHOU_STATUS_WAIT_BUYER_RETURN && as->return_address_id == NULL)
    {
      g_autoptr(JsonArray) addresses = shou_hub_store_list_addresses (self->db, as->merchant_id, as->shop_id);

      for (guint i = 0; i < json_array_get_length (addresses); i++)
        {
          JsonObject *a = json_array_get_object_element (addresses, i);

          if (i == 0 || json_object_get_boolean_member_with_default (a, "is_default", FALSE))
            {
              json_object_set_object_member (as->doc, "return_address", json_object_ref (a));
              g_free (as->return_address_id);
              as->return_address_id = g_strdup (json_object_get_string_member (a, "id"));
            }
        }
    }
  return applied;
}

static gint64
compute_lapse_at (ShouSimWorld     *self,
                  ShouHubAftersale *as)
{
  const ShouProfile *profile = shou_sim_world_request_profile (self, as);
  ShouEvaluation eval;
  gint64 due;

  gint64 now = shou_sim_clock_now (self->clock);
  gint64 at;

  if (shou_status_is_finished (as->state.status))
    return 0;
  shou_rules_evaluate (profile, &as->state, now, &eval);
  due = next_due (&eval);
  at = due > 0 ? due + self->lapse_grace : 0;
  /* A milestone changes nothing by itself, but the request reads
   * differently once it passed (the next rule runs, evidence closes): visit
   * it then, so that the change feed carries the new reading. */
  if (eval.deadline_at > now &&
      (eval.on_lapse == SHOU_LAPSE_NONE || eval.on_lapse == SHOU_LAPSE_EVIDENCE_CLOSED) &&
      (at == 0 || eval.deadline_at < at))
    at = eval.deadline_at;
  /* The risks change with the clock too (物流断更 after the stall). */
  {
    g_autoptr(JsonArray) risks = NULL;
    gint64 risks_at = 0;

    risks = shou_rules_risks_to_json (profile, &as->state, now, &risks_at);
    if (risks_at > now && (at == 0 || risks_at < at))
      at = risks_at;
  }
  return at;
}

/* A refund before shipment ends the order, as on the platforms. */
static gboolean
close_refunded_order (ShouSimWorld     *self,
                      ShouHubAftersale *as,
                      GError          **error)
{
  g_autoptr(JsonObject) order = NULL;
  ShouOrderState state;

  if (as->state.status != SHOU_STATUS_SUCCESS ||
      (as->state.order_state != SHOU_ORDER_PENDING_SHIPMENT &&
       as->state.order_state != SHOU_ORDER_PENDING_PAYMENT))
    return TRUE;
  order = shou_hub_store_get_order (self->db, as->merchant_id, as->order_id);
  if (order == NULL ||
      !shou_order_state_from_string (json_object_get_string_member (order, "state"), &state) ||
      state == SHOU_ORDER_CLOSED)
    return TRUE;
  json_object_set_string_member (order, "state", shou_order_state_to_string (SHOU_ORDER_CLOSED));
  /* The buyer's cancel of an unpaid order, or a refund before shipment. */
  json_object_set_string_member (order, "close_reason",
                                 as->state.type == SHOU_REQUEST_CANCEL ? "buyer_cancelled" : "refunded");
  json_object_set_int_member (order, "closed_at", as->updated_at);
  return shou_hub_store_put_order (self->db, as->order_id, as->shop_id, as->merchant_id, order,
                                json_object_get_int_member (order, "version") + 1,
                                as->updated_at, error);
}

/* The request as the contract renders it, stored with its row for the
 * change feed: valid until its running deadline passes or its risks change
 * (core's evaluation changes with the clock only there), else until the
 * next write. */
static void
render_for_feed (ShouSimWorld     *self,
                 ShouHubAftersale *as)
{
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonArray) risks = NULL;
  JsonNode *deadline;
  gint64 risks_at = 0;
  gint64 at;

  g_clear_pointer (&as->rendered, g_free);
  if (self->render == NULL)
    return;
  o = self->render (self, as);
  deadline = json_object_get_member (o, "deadline_at");
  at = deadline != NULL && !JSON_NODE_HOLDS_NULL (deadline) ? json_node_get_int (deadline) : 0;
  /* The risks change with the clock too (a stall, a near deadline). */
  g_clear_pointer (&risks, json_array_unref);
  risks = shou_rules_risks_to_json (shou_sim_world_request_profile (self, as), &as->state,
                                    shou_sim_world_now (self), &risks_at);
  if (risks_at > shou_sim_world_now (self) && (at <= shou_sim_world_now (self) || risks_at < at))
    at = risks_at;
  as->rendered = shou_hub_json_to_string (o);
  as->rendered_until = at > shou_sim_world_now (self) ? at : 0;
}

gboolean
shou_sim_world_save (ShouSimWorld     *self,
                     ShouHubAftersale *as,
                     GError          **error)
{
  render_for_feed (self, as);
  return shou_hub_store_put_aftersale (self->db, as, compute_lapse_at (self, as), error) &&
         close_refunded_order (self, as, error);
}

guint
shou_sim_world_process_lapses (ShouSimWorld *self)
{
  gint64 now = shou_sim_clock_now (self->clock);
  gint64 cutoff = now - self->lapse_grace;
  guint total = 0;

  /* Bounded batches so one call cannot run away. One transaction per
   * request, each read locked: hub processes sharing a database lapse
   * each request once, and never wait on each other's locks in a circle. */
  for (guint batch = 0; batch < 100; batch++)
    {
      g_autoptr(GPtrArray) due = shou_hub_store_list_due (self->db, now, 200);

      if (due->len == 0)
        break;
      for (guint i = 0; i < due->len; i++)
        {
          g_autoptr(ShouHubAftersale) as = NULL;
          g_autoptr(GError) error = NULL;
          guint n;
          gint64 lapse_at;

          if (!shou_hub_store_begin (self->db, &error))
            {
              g_warning ("shouhou-sim: lapse: %s", error->message);
              return total;
            }
          as = shou_sim_world_find_request (self, due->pdata[i]);
          if (as == NULL)
            {
              shou_hub_store_rollback (self->db);
              continue;
            }
          n = shou_sim_world_lapse_request (self, as, cutoff);
          lapse_at = compute_lapse_at (self, as);
          /* Nothing could lapse although due: core says nothing happens by
           * itself here; stop looking at it until the next event. */
          if (n == 0 && lapse_at > 0 && lapse_at <= now)
            lapse_at = 0;
          render_for_feed (self, as);
          if (!shou_hub_store_put_aftersale (self->db, as, lapse_at, &error) ||
              !close_refunded_order (self, as, &error) ||
              !shou_hub_store_commit (self->db, &error))
            {
              g_warning ("shouhou-sim: lapse: %s", error->message);
              shou_hub_store_rollback (self->db);
              return total;
            }
          total += n;
        }
    }
  return total;
}
