/* shou-sim-demo-parcels.c: the demo's outbound parcels. */
#include "config.h"

#include "shou-sim-demo-parcels.h"

/* An order of @shop_id paid @paid_ago before @now; its parcel moved through
 * @steps (NULL-terminated shipment states, one every few hours after it was
 * shipped @shipped_ago before @now; none: not shipped). (transfer full) id */
static char *
add_parcel_order (ShouSimWorld      *world,
                  ShouSimAddOrder    add_order,
                  gpointer           demo,
                  const char        *shop_id,
                  const char        *merchant,
                  gint64             now,
                  gint64             paid_ago,
                  gint64             shipped_ago,
                  const char *const *steps,
                  GError           **error)
{
  ShouHubStore *db = shou_sim_world_get_db (world);
  g_autofree char *id = add_order (demo, shop_id, SHOU_ORDER_PENDING_SHIPMENT, now, error);
  g_autoptr(JsonObject) order = id ? shou_hub_store_get_order (db, merchant, id) : NULL;

  if (order == NULL)
    return NULL;
  json_object_set_int_member (order, "created_at", now - paid_ago - 5 * SHOU_USEC_PER_MINUTE);
  json_object_set_int_member (order, "paid_at", now - paid_ago);
  if (shipped_ago > 0)
    {
      g_autoptr(ShouOutbound) o = g_new0 (ShouOutbound, 1);
      JsonArray *list = json_array_new ();
      gint64 at = now - shipped_ago;

      o->carrier = g_strdup ("ZTO");
      o->tracking_no = g_strdup_printf ("7310%010" G_GINT64_FORMAT, shou_hub_store_next_id (db, "order"));
      shou_outbound_advance (o, SHOU_OUTBOUND_SHIPPED, at, NULL, NULL);
      for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
        {
          ShouOutboundState state = SHOU_OUTBOUND_SHIPPED;

          shou_outbound_state_from_string (steps[i], &state);
          at += 6 * SHOU_USEC_PER_HOUR;
          shou_outbound_advance (o, state, at, NULL, NULL);
        }
      json_array_add_object_element (list, shou_outbound_to_json (o));
      json_object_set_array_member (order, "shipments", list);
      json_object_set_string_member (order, "state", shou_order_state_to_string (SHOU_ORDER_SHIPPED));
      json_object_set_int_member (order, "shipped_at", now - shipped_ago);
    }
  if (!shou_hub_store_put_order (db, id, shop_id, merchant, order, 1, now, error))
    return NULL;
  return g_steal_pointer (&id);
}

/* Orders that wait to be shipped, some close to or past their deadline, and
 * parcels a buyer refused while a refund-only request waits for them (issue
 * 25). Made after every random story, so that those stay as they were. */
gboolean
shou_sim_demo_add_parcels (ShouSimWorld    *world,
                           ShouSimAddOrder  add_order,
                           gpointer         demo,
                           gint64           now,
                           GError         **error)
{
  static const char *const in_transit[] = { "collected", "in_transit", NULL };
  static const char *const refused[] = { "collected", "in_transit", "refused", "returning", NULL };
  static const char *const returned[] = { "collected", "in_transit", "refused", "returning", "returned", NULL };
  static const char *const collected[] = { "collected", NULL };
  static const struct { const char *shop; gint64 paid_h, shipped_h; const char *const *steps; gboolean refund; } rows[] = {
    { "shop-pdd", 51, 0, NULL, FALSE },        /* 48 h passed: ¥5 */
    { "shop-pdd", 43, 0, NULL, FALSE },        /* 5 h left */
    { "shop-pdd", 20, 0, NULL, FALSE },
    { "shop-pdd", 40, 30, NULL, FALSE },       /* shipped, not collected */
    { "shop-pdd", 30, 26, collected, FALSE },  /* collected, no event for 20 h */
    { "shop-taobao", 70, 0, NULL, FALSE },     /* 2 h left of 72 */
    { "shop-taobao", 12, 0, NULL, FALSE },
    { "shop-tmall", 80, 0, NULL, FALSE },      /* the promise passed */
    { "shop-pdd", 90, 80, refused, TRUE },
    { "shop-taobao", 100, 90, returned, TRUE },
    { "shop-pdd", 30, 20, in_transit, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *id = add_parcel_order (world, add_order, demo, rows[i].shop, "demo", now,
                                              rows[i].paid_h * SHOU_USEC_PER_HOUR,
                                              rows[i].shipped_h * SHOU_USEC_PER_HOUR, rows[i].steps, error);
      g_autoptr(ShouHubFailure) failure = NULL;
      g_autoptr(ShouHubAftersale) as = NULL;
      g_autofree char *line_id = NULL;
      g_autoptr(JsonObject) order = NULL;
      JsonObject *line;

      if (id == NULL)
        return FALSE;
      if (!rows[i].refund)
        continue;
      order = shou_hub_store_get_order (shou_sim_world_get_db (world), "demo", id);
      line = json_array_get_object_element (json_object_get_array_member (order, "lines"), 0);
      line_id = g_strdup (json_object_get_string_member (line, "id"));
      as = shou_sim_world_open (world, id, line_id, SHOU_REQUEST_REFUND_ONLY,
                                json_object_get_int_member (line, "price_fen"), -1, "not_received",
                                "快递一直没送到，我拒收了，麻烦退款", NULL, now - 2 * SHOU_USEC_PER_HOUR, &failure);
      if (as == NULL)
        {
          g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_NOT_FOUND, "%s", failure->message);
          return FALSE;
        }
      if (!shou_sim_world_save (world, as, error))
        return FALSE;
    }
  return TRUE;
}

