/* shou-sim-incidents.c: the demo's logistics incidents (shou-sim-incidents.h). */
#include "config.h"

#include "hub/shou-hub-incident.h"
#include "shou-sim-incidents.h"

/* A demo incident: its kind, when it was opened (hours before now), what
 * happened, and the seller's steps so far, in order. */
static const struct
{
  const char *kind;
  int         hours_ago;
  const char *text;
  const char *steps[5];
} incidents[] = {
  { "delayed", 5, "物流三天没有更新", { NULL } },
  { "lost", 30, "快递查无信息，网点说包裹丢了", { "contact_courier", "tell_buyer", NULL } },
  { "damaged", 50, "外箱压坏，商品碎了", { "tell_buyer", "claim", NULL } },
  { "signed_by_other", 70, "买家没收到，快递显示已签收", { "contact_courier", "tell_buyer", "claim",
                                                          "claim_result", "close" } },
};

static JsonObject *
params_of (const char *step)
{
  JsonObject *params = json_object_new ();

  if (g_str_equal (step, "claim"))
    json_object_set_int_member (params, "amount_fen", 6800);
  if (g_str_equal (step, "claim_result"))
    {
      json_object_set_string_member (params, "status", "paid");
      json_object_set_int_member (params, "recovered_fen", 6800);
    }
  return params;
}

gboolean
shou_sim_incidents_add_demo (ShouHubStore  *db,
                             const char    *merchant,
                             gint64         now,
                             GError       **error)
{
  g_autoptr(GPtrArray) ids = shou_hub_store_list_order_ids (db, merchant, 20);

  for (guint i = 0; i < G_N_ELEMENTS (incidents) && i + 12 < ids->len; i++)
    {
      g_autoptr(JsonObject) order = shou_hub_store_get_order (db, merchant, ids->pdata[i + 12]);
      g_autoptr(JsonObject) body = json_object_new ();
      g_autoptr(JsonObject) incident = NULL;
      g_autoptr(ShouHubFailure) failure = NULL;
      JsonObject *buyer = order ? json_object_get_object_member (order, "buyer") : NULL;
      gint64 at = now - incidents[i].hours_ago * SHOU_USEC_PER_HOUR;

      if (order == NULL)
        continue;
      json_object_set_string_member (body, "shop_id", json_object_get_string_member (order, "shop_id"));
      json_object_set_string_member (body, "order_id", json_object_get_string_member (order, "id"));
      json_object_set_string_member (body, "buyer_nick",
                                     buyer ? json_object_get_string_member_with_default (buyer, "nick", "买家")
                                           : "买家");
      json_object_set_string_member (body, "kind", incidents[i].kind);
      json_object_set_string_member (body, "text", incidents[i].text);
      json_object_set_int_member (body, "opened_at", at);
      incident = shou_hub_incident_create (db, merchant, body, "platform", at, &failure);
      for (guint s = 0; incident != NULL && s < G_N_ELEMENTS (incidents[i].steps) && incidents[i].steps[s]; s++)
        {
          g_autoptr(JsonObject) params = params_of (incidents[i].steps[s]);
          ShouIncidentAction action;

          shou_incident_action_from_string (incidents[i].steps[s], &action);
          if (!shou_hub_incident_apply (incident, action, params, at + (s + 1) * SHOU_USEC_PER_HOUR, &failure))
            g_clear_pointer (&incident, json_object_unref);
        }
      if (incident == NULL)
        {
          g_set_error (error, SHOU_HUB_ERROR, SHOU_HUB_ERROR_INTERNAL, "incident: %s", failure->message);
          return FALSE;
        }
      if (!shou_hub_store_put_care (db, merchant, "incident", incident, error))
        return FALSE;
    }
  return TRUE;
}
