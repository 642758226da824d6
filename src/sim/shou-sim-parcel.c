/* shou-sim-parcel.c: the seller's parcel actions on the simulated platform. */
#include "config.h"

#include "shou-sim-parcel.h"

static GPtrArray *
order_parcels (ShouHubStore     *store,
               ShouHubAftersale *as,
               JsonObject      **out_order)
{
  g_autoptr(JsonObject) order = NULL;
  GPtrArray *list;

  if (as->order_id == NULL || as->merchant_id == NULL)
    return NULL;
  order = shou_hub_store_get_order (store, as->merchant_id, as->order_id);
  if (order == NULL)
    return NULL;
  list = shou_outbound_list_from_json (order, NULL);
  if (out_order != NULL)
    *out_order = g_steal_pointer (&order);
  return list;
}

void
shou_sim_parcel_fill (ShouHubStore     *store,
                      ShouHubAftersale *as)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_if_fail (as != NULL);

  as->state.parcel_step = 0;
  if (as->state.type != SHOU_REQUEST_REFUND_ONLY)
    return;
  list = order_parcels (store, as, NULL);
  if (list != NULL && list->len > 0)
    as->state.parcel_step = 1 + shou_outbound_get_state (g_ptr_array_index (list, list->len - 1));
}

gboolean
shou_sim_parcel_intercept (ShouHubStore     *store,
                           ShouHubAftersale *as,
                           gint64            at,
                           GError          **error)
{
  g_autoptr(JsonObject) order = NULL;
  g_autoptr(GPtrArray) list = order_parcels (store, as, &order);
  ShouOutbound *parcel;
  JsonArray *array;

  if (list == NULL || list->len == 0)
    return TRUE;
  parcel = g_ptr_array_index (list, list->len - 1);
  if (parcel->collected_at == 0)
    shou_outbound_advance (parcel, SHOU_OUTBOUND_COLLECTED, at, NULL, NULL);
  if (!shou_outbound_advance (parcel, SHOU_OUTBOUND_RETURNING, at,
                              "【拦截】快件已被拦截成功，正在退回寄件人", NULL))
    return TRUE;
  array = json_array_new ();
  for (guint i = 0; i < list->len; i++)
    json_array_add_object_element (array, shou_outbound_to_json (g_ptr_array_index (list, i)));
  json_object_set_array_member (order, "shipments", array);
  as->state.parcel_step = 1 + SHOU_OUTBOUND_RETURNING;
  return shou_hub_store_put_order (store, as->order_id, json_object_get_string_member (order, "shop_id"),
                                   as->merchant_id, order,
                                   json_object_get_int_member (order, "version") + 1, at, error);
}

void
shou_sim_parcel_render (JsonObject             *o,
                        const ShouRequestState *state)
{
  if (state->parcel_wait != SHOU_PARCEL_WAIT_NONE)
    {
      JsonObject *wait = json_object_new ();

      json_object_set_string_member (wait, "mode", shou_parcel_wait_to_string (state->parcel_wait));
      json_object_set_int_member (wait, "since", state->parcel_wait_at);
      json_object_set_object_member (o, "parcel_wait", wait);
    }
  else
    json_object_set_null_member (o, "parcel_wait");

  if (state->express_paid)
    {
      JsonObject *express = json_object_new ();

      json_object_set_int_member (express, "paid_at", state->express_paid_at);
      json_object_set_boolean_member (express, "appealed", state->appealed);
      json_object_set_object_member (o, "express_refund", express);
    }
  else
    json_object_set_null_member (o, "express_refund");
}
