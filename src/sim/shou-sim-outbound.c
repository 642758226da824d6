/* shou-sim-outbound.c: outbound parcels of the simulated platform. */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "shou-sim-outbound.h"

static const char * const carriers[] = { "ZTO", "YTO", "STO", "YUNDA", "SF", "JTSD" };

void
shou_sim_outbound_fill (JsonObject *order)
{
  g_autoptr(ShouOutbound) o = NULL;
  JsonArray *list;
  ShouOrderState state;
  gint64 shipped, completed;
  guint h;

  if (json_object_has_member (order, "shipments"))
    return;
  json_object_set_array_member (order, "shipments", json_array_new ());
  if (!shou_order_state_from_string (json_object_get_string_member_with_default (order, "state", ""), &state) ||
      (state != SHOU_ORDER_SHIPPED && state != SHOU_ORDER_COMPLETED))
    return;
  shipped = json_object_get_int_member_with_default (order, "shipped_at", 0);
  completed = json_object_get_int_member_with_default (order, "completed_at", 0);
  if (shipped <= 0)
    return;

  h = g_str_hash (json_object_get_string_member_with_default (order, "id", ""));
  o = g_new0 (ShouOutbound, 1);
  o->carrier = g_strdup (carriers[h % G_N_ELEMENTS (carriers)]);
  /* Contract carrier codes, numbers as their waybills print them (J&T:
   * JT and 13 digits). */
  if (g_str_equal (o->carrier, "JTSD"))
    o->tracking_no = g_strdup_printf ("JT%013u", h % 1000000000u + 100000000u);
  else
    o->tracking_no = g_strdup_printf ("%s%012u", g_str_equal (o->carrier, "SF") ? "SF" : "7",
                                      h % 1000000000u + 100000000u);
  if (g_str_equal (o->carrier, "ZTO") || g_str_equal (o->carrier, "YTO") || g_str_equal (o->carrier, "STO") ||
      g_str_equal (o->carrier, "YUNDA"))
    {
      g_free (o->tracking_no);
      o->tracking_no = g_strdup_printf ("%s%010u", g_str_equal (o->carrier, "YTO") ? "YT" :
                                        g_str_equal (o->carrier, "ZTO") ? "73" :
                                        g_str_equal (o->carrier, "STO") ? "77" : "43", h % 1000000000u);
    }
  shou_outbound_advance (o, SHOU_OUTBOUND_SHIPPED, shipped, NULL, NULL);
  shou_outbound_advance (o, SHOU_OUTBOUND_COLLECTED, shipped + 2 * SHOU_USEC_PER_HOUR, NULL, NULL);
  shou_outbound_advance (o, SHOU_OUTBOUND_IN_TRANSIT, shipped + 7 * SHOU_USEC_PER_HOUR, NULL, NULL);
  if (state == SHOU_ORDER_COMPLETED && completed > shipped + SHOU_USEC_PER_DAY)
    shou_outbound_advance (o, SHOU_OUTBOUND_SIGNED, completed - SHOU_USEC_PER_DAY, NULL, NULL);
  list = json_object_get_array_member (order, "shipments");
  json_array_add_object_element (list, shou_outbound_to_json (o));
}

JsonObject *
shou_sim_outbound_step (ShouHubStore    *store,
                        JsonObject      *body,
                        gint64           now,
                        ShouHubFailure **failure)
{
  return shou_sim_outbound_step_full (store, body, now, NULL, NULL, failure);
}

JsonObject *
shou_sim_outbound_step_full (ShouHubStore       *store,
                             JsonObject         *body,
                             gint64              now,
                             ShouSimParcelMoved  moved,
                             gpointer            data,
                             ShouHubFailure    **failure)
{
  static const char *const fields[] = { "order_id", "state", "carrier", "tracking_no", "text", NULL };
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *merchant = NULL;
  const char *id = NULL, *state_name = NULL, *carrier = NULL, *tracking_no = NULL, *text = NULL;
  const char *reason = NULL;
  ShouOutboundState to;
  ShouOrderState order_state;
  ShouOutbound *o;
  JsonArray *array;

  if (!shou_hub_input_check_fields (body, fields, NULL, failure) ||
      !shou_hub_input_string (body, "order_id", TRUE, &id, failure) ||
      !shou_hub_input_string (body, "state", TRUE, &state_name, failure) ||
      !shou_hub_input_string (body, "carrier", FALSE, &carrier, failure) ||
      !shou_hub_input_string (body, "tracking_no", FALSE, &tracking_no, failure) ||
      !shou_hub_input_string (body, "text", FALSE, &text, failure))
    return NULL;
  if (!shou_outbound_state_from_string (state_name, &to))
    {
      *failure = shou_hub_failure_bad ("state", "unknown_state", "Unknown parcel state \"%s\"", state_name);
      return NULL;
    }
  merchant = shou_hub_store_find_owner (store, "orders", id);
  order = merchant ? shou_hub_store_get_order (store, merchant, id) : NULL;
  if (order == NULL)
    {
      *failure = shou_hub_failure_new (404, "not_found", "No order %s", id);
      return NULL;
    }
  list = shou_outbound_list_from_json (order, &error);
  if (list == NULL)
    {
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  if (!shou_order_state_from_string (json_object_get_string_member_with_default (order, "state", ""),
                                     &order_state))
    order_state = SHOU_ORDER_COMPLETED;

  if (to == SHOU_OUTBOUND_SHIPPED && list->len == 0)
    {
      if (carrier == NULL || tracking_no == NULL)
        {
          *failure = shou_hub_failure_bad (carrier == NULL ? "carrier" : "tracking_no", "missing",
                                           "A first parcel needs its carrier and tracking number");
          return NULL;
        }
      /* A cash-on-delivery order ships from 备货中 (seed 004 §1). */
      if (order_state != SHOU_ORDER_PENDING_SHIPMENT && order_state != SHOU_ORDER_STOCKING)
        reason = "not_pending_shipment";
      else
        {
          o = g_new0 (ShouOutbound, 1);
          o->carrier = g_strdup (carrier);
          o->tracking_no = g_strdup (tracking_no);
          g_ptr_array_add (list, o);
        }
    }
  if (reason == NULL && list->len == 0)
    reason = "not_shipped";
  if (reason == NULL)
    {
      o = g_ptr_array_index (list, list->len - 1);
      shou_outbound_advance (o, to, now, text, &reason);
    }
  if (reason != NULL)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "The parcel cannot move to %s: %s", state_name, reason);
      (*failure)->reason = g_strdup (reason);
      return NULL;
    }

  array = json_array_new ();
  for (guint i = 0; i < list->len; i++)
    json_array_add_object_element (array, shou_outbound_to_json (g_ptr_array_index (list, i)));
  json_object_set_array_member (order, "shipments", array);
  if (to == SHOU_OUTBOUND_SHIPPED)
    {
      json_object_set_string_member (order, "state", shou_order_state_to_string (SHOU_ORDER_SHIPPED));
      json_object_set_int_member (order, "shipped_at", now);
    }
  if (!shou_hub_store_begin (store, &error) ||
      !shou_hub_store_put_order (store, id, json_object_get_string_member (order, "shop_id"), merchant, order,
                                 json_object_get_int_member (order, "version") + 1, now, &error) ||
      (moved != NULL && !moved (order, merchant, data, &error)) ||
      !shou_hub_store_commit (store, &error))
    {
      shou_hub_store_rollback (store);
      *failure = shou_hub_failure_new (500, "internal", "%s", error->message);
      return NULL;
    }
  return shou_hub_store_get_order (store, merchant, id);
}
