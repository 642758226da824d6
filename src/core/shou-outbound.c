/* shou-outbound.c: the order's own parcel (states, JSON, steps) and the
 * shipping deadlines of a profile. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-domain.h"
#include "shou-outbound.h"

static const char * const state_names[SHOU_N_OUTBOUND_STATES] = {
  "shipped", "collected", "in_transit", "signed", "refused", "returning", "returned",
};

static const char * const state_labels[SHOU_N_OUTBOUND_STATES] = {
  N_("Shipped, not yet collected"), N_("Collected by the courier"), N_("In transit"),
  N_("Signed for"), N_("Refused by the buyer"), N_("Returning to the seller"),
  N_("Returned to the seller"),
};

/* The carrier's words for each step, as a platform's tracking shows them. */
static const char * const state_texts[SHOU_N_OUTBOUND_STATES] = {
  "商家已发货", "快递员已揽收", "快件已发出，运输中", "已签收", "收件人拒收",
  "快件退回中", "快件已退回寄件人",
};

/* The times in state order, as JSON members and struct offsets. */
static const char * const time_names[SHOU_N_OUTBOUND_STATES] = {
  "shipped_at", "collected_at", "first_event_at", "signed_at", "refused_at",
  "returning_at", "returned_at",
};

static gint64 *
state_time (ShouOutbound     *o,
            ShouOutboundState state)
{
  switch (state)
    {
    case SHOU_OUTBOUND_SHIPPED: return &o->shipped_at;
    case SHOU_OUTBOUND_COLLECTED: return &o->collected_at;
    case SHOU_OUTBOUND_IN_TRANSIT: return &o->first_event_at;
    case SHOU_OUTBOUND_SIGNED: return &o->signed_at;
    case SHOU_OUTBOUND_REFUSED: return &o->refused_at;
    case SHOU_OUTBOUND_RETURNING: return &o->returning_at;
    case SHOU_OUTBOUND_RETURNED: return &o->returned_at;
    case SHOU_N_OUTBOUND_STATES:
    default: g_assert_not_reached ();
    }
}

const char *
shou_outbound_state_to_string (ShouOutboundState state)
{
  g_return_val_if_fail (state < SHOU_N_OUTBOUND_STATES, NULL);
  return state_names[state];
}

gboolean
shou_outbound_state_from_string (const char        *str,
                                 ShouOutboundState *out)
{
  for (guint i = 0; str != NULL && i < SHOU_N_OUTBOUND_STATES; i++)
    if (g_str_equal (str, state_names[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
shou_outbound_state_get_label (ShouOutboundState state)
{
  g_return_val_if_fail (state < SHOU_N_OUTBOUND_STATES, NULL);
  return _(state_labels[state]);
}

static void
event_free (ShouOutboundEvent *e)
{
  g_free (e->text);
  g_free (e);
}

void
shou_outbound_free (ShouOutbound *outbound)
{
  if (outbound == NULL)
    return;
  g_free (outbound->carrier);
  g_free (outbound->tracking_no);
  g_clear_pointer (&outbound->events, g_ptr_array_unref);
  g_free (outbound);
}

ShouOutboundState
shou_outbound_get_state (const ShouOutbound *outbound)
{
  g_return_val_if_fail (outbound != NULL, SHOU_OUTBOUND_SHIPPED);

  for (int s = SHOU_OUTBOUND_RETURNED; s > SHOU_OUTBOUND_SHIPPED; s--)
    if (*state_time ((ShouOutbound *) outbound, s) > 0)
      return s;
  return SHOU_OUTBOUND_SHIPPED;
}

static gboolean
fail (GError    **error,
      const char *path,
      const char *what)
{
  g_set_error (error, SHOU_DOMAIN_ERROR, SHOU_DOMAIN_ERROR_INVALID, "%s: %s", path, what);
  return FALSE;
}

/* A time member: absent or null is 0. */
static gboolean
read_time (JsonObject  *o,
           const char  *path,
           const char  *name,
           gint64      *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (o, name);

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      return fail (error, p, "expected a time");
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
read_string (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static ShouOutbound *
outbound_from_json (JsonObject  *o,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(ShouOutbound) out = g_new0 (ShouOutbound, 1);
  JsonNode *events;

  out->carrier = g_strdup (read_string (o, "carrier"));
  out->tracking_no = g_strdup (read_string (o, "tracking_no"));
  if (out->carrier == NULL || out->tracking_no == NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, out->carrier == NULL ? "carrier" : "tracking_no");
      fail (error, p, "expected a string");
      return NULL;
    }
  for (guint s = 0; s < SHOU_N_OUTBOUND_STATES; s++)
    if (!read_time (o, path, time_names[s], state_time (out, s), error))
      return NULL;

  out->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  events = json_object_get_member (o, "events");
  if (events != NULL && JSON_NODE_HOLDS_ARRAY (events))
    {
      JsonArray *array = json_node_get_array (events);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          g_autofree char *p = g_strdup_printf ("%s.events[%u]", path, i);
          ShouOutboundEvent *e;
          gint64 at;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              fail (error, p, "expected an object");
              return NULL;
            }
          if (!read_time (json_node_get_object (node), p, "at", &at, error))
            return NULL;
          e = g_new0 (ShouOutboundEvent, 1);
          e->at = at;
          e->text = g_strdup (read_string (json_node_get_object (node), "text"));
          if (e->text == NULL)
            e->text = g_strdup ("");
          g_ptr_array_add (out->events, e);
        }
    }
  return g_steal_pointer (&out);
}

GPtrArray *
shou_outbound_list_from_json (JsonObject  *order,
                              GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_outbound_free);
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (order != NULL, NULL);

  node = json_object_get_member (order, "shipments");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&list);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, "shipments", "expected an array");
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("shipments[%u]", i);
      ShouOutbound *o;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          fail (error, path, "expected an object");
          return NULL;
        }
      o = outbound_from_json (json_node_get_object (e), path, error);
      if (o == NULL)
        return NULL;
      g_ptr_array_add (list, o);
    }
  return g_steal_pointer (&list);
}

JsonObject *
shou_outbound_to_json (const ShouOutbound *outbound)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (outbound != NULL, o);

  json_object_set_string_member (o, "carrier", outbound->carrier);
  json_object_set_string_member (o, "tracking_no", outbound->tracking_no);
  json_object_set_string_member (o, "state", state_names[shou_outbound_get_state (outbound)]);
  for (guint s = 0; s < SHOU_N_OUTBOUND_STATES; s++)
    {
      gint64 t = *state_time ((ShouOutbound *) outbound, s);

      if (t > 0)
        json_object_set_int_member (o, time_names[s], t);
      else
        json_object_set_null_member (o, time_names[s]);
    }
  json_object_set_array_member (o, "events", shou_shipment_events_to_json (outbound->events));
  return o;
}

gboolean
shou_outbound_advance (ShouOutbound      *outbound,
                       ShouOutboundState  to,
                       gint64             at,
                       const char        *text,
                       const char       **reason)
{
  const char *why = NULL;
  ShouOutboundEvent *e;

  g_return_val_if_fail (outbound != NULL, FALSE);
  g_return_val_if_fail (to < SHOU_N_OUTBOUND_STATES, FALSE);

  switch (to)
    {
    case SHOU_OUTBOUND_SHIPPED:
      if (outbound->shipped_at > 0)
        why = "already_shipped";
      break;
    case SHOU_OUTBOUND_COLLECTED:
      if (outbound->collected_at > 0)
        why = "already_collected";
      break;
    case SHOU_OUTBOUND_IN_TRANSIT:
      if (outbound->collected_at == 0)
        why = "not_collected";
      else if (outbound->first_event_at > 0)
        why = "already_in_transit";
      break;
    case SHOU_OUTBOUND_SIGNED:
    case SHOU_OUTBOUND_REFUSED:
      if (outbound->collected_at == 0)
        why = "not_collected";
      else if (outbound->signed_at > 0)
        why = "already_signed";
      else if (outbound->refused_at > 0 || outbound->returning_at > 0)
        why = "already_refused";
      break;
    case SHOU_OUTBOUND_RETURNING:
      /* Refused at the door, or intercepted on the way (not yet signed). */
      if (outbound->signed_at > 0)
        why = "already_signed";
      else if (outbound->collected_at == 0)
        why = "not_collected";
      else if (outbound->returning_at > 0)
        why = "already_returning";
      break;
    case SHOU_OUTBOUND_RETURNED:
      if (outbound->returned_at > 0)
        why = "already_returned";
      else if (outbound->returning_at == 0)
        why = "not_returning";
      break;
    case SHOU_N_OUTBOUND_STATES:
    default:
      g_assert_not_reached ();
    }
  if (reason != NULL)
    *reason = why;
  if (why != NULL)
    return FALSE;

  if (to == SHOU_OUTBOUND_COLLECTED && outbound->shipped_at == 0)
    outbound->shipped_at = at;
  *state_time (outbound, to) = at;
  if (outbound->events == NULL)
    outbound->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  e = g_new0 (ShouOutboundEvent, 1);
  e->at = at;
  e->text = g_strdup (text != NULL ? text : state_texts[to]);
  g_ptr_array_add (outbound->events, e);
  return TRUE;
}

void
shou_shipping_rules_from_profile (const ShouProfile *profile,
                                  ShouShippingRules *out)
{
  const ShouProfileFact *f;

  g_return_if_fail (profile != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  /* Pinduoduo's is fixed (ship-after-group, 003); Taobao's is the seller's
   * own promise (shipping-promise, 发货合约, 001 篇二). */
  if (((f = shou_profile_find_fact (profile, "ship-after-group")) != NULL ||
       (f = shou_profile_find_fact (profile, "shipping-promise")) != NULL) && f->duration > 0)
    {
      out->ship_within_us = f->duration;
      out->ship_seed = f->seed;
    }
  if ((f = shou_profile_find_fact (profile, "first-tracking-event")) != NULL && f->duration > 0)
    {
      out->first_event_within_us = f->duration;
      out->first_event_seed = f->seed;
    }
  if ((f = shou_profile_find_fact (profile, "late-shipment-deduction")) != NULL && f->amount_fen > 0)
    {
      out->late_penalty_fen = f->amount_fen;
      out->penalty_seed = f->seed;
    }
  if ((f = shou_profile_find_fact (profile, "never-shipped-refund-review")) != NULL)
    {
      out->late_refund_is_review = TRUE;
      out->review_seed = f->seed;
    }
}

void
shou_shipping_due (const ShouShippingRules *rules,
                   ShouOrderState           state,
                   gint64                   start_at,
                   const ShouOutbound      *outbound,
                   gint64                   now,
                   ShouShipDue             *out)
{
  g_return_if_fail (rules != NULL && out != NULL);

  memset (out, 0, sizeof *out);
  if (state != SHOU_ORDER_PENDING_SHIPMENT && state != SHOU_ORDER_SHIPPED)
    return;
  if (start_at <= 0 || rules->ship_within_us <= 0)
    return;

  /* Shipped counts once the courier collected the parcel (003: 48小时内发货揽收). */
  if (outbound == NULL || outbound->collected_at == 0)
    {
      if (outbound == NULL && state != SHOU_ORDER_PENDING_SHIPMENT)
        return;
      out->kind = SHOU_SHIP_DUE_SHIP;
      out->due_at = start_at + rules->ship_within_us;
      out->late = now > out->due_at;
      out->seed = rules->ship_seed;
    }
  else if (rules->first_event_within_us > 0 && outbound->first_event_at == 0 &&
           outbound->signed_at == 0 && outbound->refused_at == 0 && outbound->returning_at == 0)
    {
      /* 揽收之后物流信息需24小时内有记录 (003); a late collection stays late. */
      out->kind = SHOU_SHIP_DUE_FIRST_EVENT;
      out->due_at = outbound->collected_at + rules->first_event_within_us;
      out->late = now > out->due_at || outbound->collected_at > start_at + rules->ship_within_us;
      out->seed = rules->first_event_seed;
    }
  else
    return;
  if (out->late)
    out->penalty_fen = rules->late_penalty_fen;
}

ShouActor
shou_return_postage_payer (ShouRequestType  type,
                           const char      *reason_code)
{
  static const char * const seller_pays[] = {
    "quality_problem", "wrong_item", NULL,
  };

  if (type != SHOU_REQUEST_RETURN_REFUND && type != SHOU_REQUEST_EXCHANGE && type != SHOU_REQUEST_REPAIR)
    return SHOU_ACTOR_SYSTEM;
  if (reason_code != NULL && g_strv_contains (seller_pays, reason_code))
    return SHOU_ACTOR_SELLER;
  return SHOU_ACTOR_BUYER;
}

gboolean
shou_outbound_stalled (const ShouOutbound *parcel,
                       ShouRequestType     type,
                       const char         *reason_code,
                       gint64              stall_us,
                       gint64              now,
                       gint64             *out_last)
{
  gint64 last;

  g_return_val_if_fail (parcel != NULL, FALSE);

  last = parcel->shipped_at;
  for (guint i = 0; parcel->events != NULL && i < parcel->events->len; i++)
    last = MAX (last, ((ShouOutboundEvent *) g_ptr_array_index (parcel->events, i))->at);
  if (out_last != NULL)
    *out_last = last;
  if (type != SHOU_REQUEST_REFUND_ONLY || g_strcmp0 (reason_code, "not_received") != 0 || stall_us <= 0)
    return FALSE;
  if (parcel->signed_at > 0 || parcel->refused_at > 0 || parcel->returning_at > 0 || parcel->returned_at > 0)
    return FALSE;
  return last > 0 && now - last >= stall_us;
}

void
shou_outbound_add_stall_risk (JsonObject        *aftersale,
                              JsonObject        *order,
                              const ShouProfile *profile,
                              gint64             now)
{
  g_autoptr(GPtrArray) list = NULL;
  ShouRequestType type;
  ShouRequestStatus status;
  JsonNode *node;
  JsonArray *risks;
  JsonObject *item, *params;
  gint64 last = 0;

  g_return_if_fail (aftersale != NULL && profile != NULL);

  if (order == NULL ||
      !shou_request_type_from_string (json_object_get_string_member_with_default (aftersale, "type", ""), &type) ||
      !shou_status_from_string (json_object_get_string_member_with_default (aftersale, "status", ""), &status) ||
      shou_status_is_finished (status))
    return;
  list = shou_outbound_list_from_json (order, NULL);
  if (list == NULL || list->len == 0 ||
      !shou_outbound_stalled (g_ptr_array_index (list, list->len - 1), type,
                              json_object_get_string_member_with_default (aftersale, "reason_code", NULL),
                              shou_profile_get_logistics_stall (profile), now, &last))
    return;

  node = json_object_get_member (aftersale, "risks");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (aftersale, "risks", json_array_new ());
      node = json_object_get_member (aftersale, "risks");
    }
  risks = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (risks); i++)
    {
      JsonObject *r = json_array_get_object_element (risks, i);

      if (r != NULL && g_strcmp0 (json_object_get_string_member_with_default (r, "code", ""),
                                  "logistics_stalled") == 0)
        return;
    }
  item = json_object_new ();
  params = json_object_new ();
  json_object_set_string_member (item, "code", "logistics_stalled");
  json_object_set_int_member (params, "last_event_at", last);
  json_object_set_int_member (params, "stall_us", shou_profile_get_logistics_stall (profile));
  json_object_set_boolean_member (params, "outbound", TRUE);
  json_object_set_object_member (item, "params", params);
  json_array_add_object_element (risks, item);
}
