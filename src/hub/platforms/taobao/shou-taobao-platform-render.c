/* shou-taobao-platform-render.c: a Taobao/Tmall refund in the contract's
 * shape (API.md "aftersale"): core explains the deadline and the actions,
 * then TOP's own deadline (refund_remind_timeout) wins while the seller
 * must act, and the actions the adapter cannot carry are blocked with where
 * to do them instead. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hub/shou-hub-render.h"
#include "shou-taobao-platform-private.h"

const char *
shou_taobao_lacking_message (ShouAction action)
{
  if (action == SHOU_ACTION_NEGOTIATE)
    /* Translators: Taobao's negotiation goes through the Qianniu seller workbench */
    return _("Negotiate in the Qianniu seller workbench");
  /* Translators: an after-sales step the Taobao adapter does not carry */
  return _("Do this in the Qianniu seller workbench");
}

guint
shou_taobao_supported (ShouHubAftersale *as)
{
  return SHOU_TAOBAO_SUPPORTED;
}

/* TOP publishes no "other" company code (taobao.logistics.companies.get
 * lists real companies only); the exchange shipment
 * tmall.exchange.consigngoods names the company in a free
 * logistics_company_name ("卖家发货的快递公司", bububa/opentaobao
 * model/exchange/TmallExchangeConsigngoodsAPIRequest.go @3a362f9b), so the
 * name typed for "other" is what TOP gets. */
const char *
shou_taobao_carrier_code (const char *carrier,
                          const char *typed_name)
{
  if (carrier == NULL || !shou_carrier_is_other (carrier))
    return carrier;
  return typed_name != NULL && *typed_name != '\0' ? typed_name : NULL;
}

JsonObject *
shou_taobao_render (ShouTaobaoPlatform *self,
                    ShouHubAftersale   *as)
{
  const ShouRequestState *s = &as->state;
  JsonObject *raw = json_object_get_object_member (as->doc, "taobao");
  JsonObject *o = json_object_new ();
  gint64 timeout = json_object_get_int_member_with_default (raw, "timeout", 0);
  const ShouProfile *profile = shou_hub_platform_get_profile (SHOU_HUB_PLATFORM (self), s->platform);
  gint64 now = shou_platform_base_now (&self->base);
  ShouEvaluation eval;

  shou_taobao_parcel_fill (as);
  shou_rules_evaluate (profile, s, now, &eval);
  if (timeout > 0 && eval.deadline_actor == SHOU_ACTOR_SELLER)
    {
      eval.deadline_at = timeout;
      eval.deadline_rule_id = "taobao:refund_remind_timeout";
    }
  shou_hub_render_common (o, as, json_object_get_string_member_with_default (raw, "status", ""), &eval);
  shou_hub_render_risks (o, as, profile, now);
  shou_hub_render_actions (o, &eval, shou_taobao_supported (as), "platform_backend", shou_taobao_lacking_message);
  shou_platform_base_render_documents (o, as);
  return o;
}
