/* shou-sim-render.c: the simulated platform's requests in the contract's
 * shapes (API.md "aftersale"). */
#include "config.h"

#include "hub/shou-hub-render.h"
#include "shou-sim-parcel.h"
#include "shou-sim-render.h"
#include "shou-sim-subsidy.h"

static JsonObject *
ensure_object (JsonObject *parent,
               const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (parent, name, json_object_new ());
      node = json_object_get_member (parent, name);
    }
  return json_node_get_object (node);
}

static JsonArray *
ensure_array (JsonObject *parent,
              const char *name)
{
  JsonNode *node = json_object_get_member (parent, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (parent, name, json_array_new ());
      node = json_object_get_member (parent, name);
    }
  return json_node_get_array (node);
}

const char *
shou_sim_platform_status (ShouPlatform      platform,
                          ShouRequestType   type,
                          ShouRequestStatus status)
{
  gboolean goods = type == SHOU_REQUEST_RETURN_REFUND || type == SHOU_REQUEST_EXCHANGE;

  switch (platform)
    {
    case SHOU_PLATFORM_PDD:
      switch (status)
        {
        case SHOU_STATUS_WAIT_SELLER: return goods ? "3" : "2";
        case SHOU_STATUS_NEGOTIATING: return goods ? "3" : "2";
        case SHOU_STATUS_WAIT_BUYER_RETURN: return "7";
        case SHOU_STATUS_WAIT_SELLER_RECEIPT: return "4";
        case SHOU_STATUS_WAIT_SELLER_SHIP: return "14";
        case SHOU_STATUS_WAIT_REFUND_PROOF: return "4";
        case SHOU_STATUS_REFUSED: return "6";
        case SHOU_STATUS_INTERVENTION: return "8";
        case SHOU_STATUS_SUCCESS: return "10";
        case SHOU_STATUS_CLOSED: return "11";
        case SHOU_N_STATUSES:
        default: return "0";
        }
    case SHOU_PLATFORM_DOUYIN:
      switch (status)
        {
        case SHOU_STATUS_WAIT_SELLER: return "6";
        case SHOU_STATUS_NEGOTIATING: return "6";
        case SHOU_STATUS_WAIT_BUYER_RETURN: return "7";
        case SHOU_STATUS_WAIT_SELLER_RECEIPT: return "11";
        case SHOU_STATUS_WAIT_SELLER_SHIP: return "8";
        case SHOU_STATUS_WAIT_REFUND_PROOF: return "11";
        case SHOU_STATUS_REFUSED: return "27";
        case SHOU_STATUS_INTERVENTION: return "6";
        case SHOU_STATUS_SUCCESS: return type == SHOU_REQUEST_EXCHANGE ? "14" : "12";
        case SHOU_STATUS_CLOSED: return "28";
        case SHOU_N_STATUSES:
        default: return "0";
        }
    case SHOU_PLATFORM_JD:
      switch (status)
        {
        case SHOU_STATUS_WAIT_SELLER: return "待审核";
        case SHOU_STATUS_NEGOTIATING: return "待审核";
        case SHOU_STATUS_WAIT_BUYER_RETURN: return "待用户反馈";
        case SHOU_STATUS_WAIT_SELLER_RECEIPT: return "待收货";
        case SHOU_STATUS_WAIT_SELLER_SHIP: return "待处理";
        case SHOU_STATUS_WAIT_REFUND_PROOF: return "待处理";
        case SHOU_STATUS_REFUSED: return "审核不通过";
        case SHOU_STATUS_INTERVENTION: return "京东客服介入";
        case SHOU_STATUS_SUCCESS: return "完成";
        case SHOU_STATUS_CLOSED: return "取消";
        case SHOU_N_STATUSES:
        default: return "未知";
        }
    case SHOU_PLATFORM_TAOBAO:
    case SHOU_PLATFORM_TMALL:
    case SHOU_N_PLATFORMS:
    default:
      switch (status)
        {
        case SHOU_STATUS_WAIT_SELLER: return "WAIT_SELLER_AGREE";
        case SHOU_STATUS_NEGOTIATING: return "WAIT_SELLER_AGREE";
        case SHOU_STATUS_WAIT_BUYER_RETURN: return "WAIT_BUYER_RETURN_GOODS";
        case SHOU_STATUS_WAIT_SELLER_RECEIPT: return "WAIT_SELLER_CONFIRM_GOODS";
        case SHOU_STATUS_WAIT_SELLER_SHIP: return "WAIT_SELLER_CONSIGN_GOODS";
        case SHOU_STATUS_WAIT_REFUND_PROOF: return "WAIT_SELLER_CONFIRM_GOODS";
        case SHOU_STATUS_REFUSED: return "SELLER_REFUSE_BUYER";
        case SHOU_STATUS_INTERVENTION: return "WAIT_SELLER_AGREE";
        case SHOU_STATUS_SUCCESS: return "SUCCESS";
        case SHOU_STATUS_CLOSED: return "CLOSED";
        case SHOU_N_STATUSES:
        default: return "CLOSED";
        }
    }
}

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *name,
             gboolean    null_default)
{
  JsonNode *node = json_object_get_member (from, name);

  if (node != NULL)
    json_object_set_member (to, name, json_node_copy (node));
  else if (null_default)
    json_object_set_null_member (to, name);
}

JsonObject *
shou_sim_world_render_aftersale (ShouSimWorld     *self,
                                 ShouHubAftersale *as)
{
  const ShouProfile *profile = shou_sim_world_request_profile (self, as);
  const ShouRequestState *s = &as->state;
  JsonObject *o = json_object_new ();
  JsonObject *nego = json_object_new ();
  JsonObject *doc_nego;
  ShouEvaluation eval;

  shou_sim_parcel_fill (shou_sim_world_get_db (self), as);
  shou_rules_evaluate (profile, s, shou_sim_world_now (self), &eval);

  shou_hub_render_common (o, as, shou_sim_platform_status (s->platform, s->type, s->status), &eval);

  /* The platform's warnings before a rejection (API.md "risks") and the
   * profile version the request runs under. */
  json_object_set_array_member (o, "risks",
                                shou_rules_risks_to_json (profile, s, shou_sim_world_now (self), NULL));
  json_object_set_string_member (o, "profile_version",
                                 shou_hub_aftersale_get_profile_version (as) != NULL
                                   ? shou_hub_aftersale_get_profile_version (as)
                                   : shou_profile_get_version (profile));
  shou_hub_render_actions (o, &eval, ~0u, NULL, NULL);

  doc_nego = ensure_object (as->doc, "negotiation");
  json_object_set_string_member (nego, "phase", shou_nego_phase_to_string (s->nego_phase));
  if (eval.nego_wait_until > 0)
    json_object_set_int_member (nego, "wait_until", eval.nego_wait_until);
  else
    json_object_set_null_member (nego, "wait_until");
  json_object_set_string_member (nego, "buyer_phone",
                                 json_object_get_string_member_with_default (doc_nego, "buyer_phone", ""));
  json_object_set_array_member (nego, "rounds",
                                json_array_ref (ensure_array (doc_nego, "rounds")));
  json_object_set_object_member (o, "negotiation", nego);

  shou_sim_parcel_render (o, s);
  shou_sim_subsidy_render (o, as);
  copy_member (o, as->doc, "return_address", TRUE);
  copy_member (o, as->doc, "return_shipment", TRUE);
  copy_member (o, as->doc, "exchange_shipment", TRUE);
  copy_member (o, as->doc, "rejection", TRUE);
  copy_member (o, as->doc, "line", TRUE);
  copy_member (o, as->doc, "buyer_nick", FALSE);
  copy_member (o, as->doc, "buyer_id", FALSE);
  json_object_set_array_member (o, "evidence", json_array_ref (ensure_array (as->doc, "evidence")));
  json_object_set_array_member (o, "timeline", json_array_ref (ensure_array (as->doc, "timeline")));
  return o;
}
