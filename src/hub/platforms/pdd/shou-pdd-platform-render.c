/* shou-pdd-platform-render.c: a Pinduoduo request in the contract's shape
 * (API.md "aftersale"): core explains the deadline and the actions, then
 * Pinduoduo's own deadline (expire_time) wins and the actions its API
 * lacks are blocked with where to do them instead. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hub/shou-hub-render.h"
#include "shou-pdd-platform-private.h"

const char *
shou_pdd_lacking_message (ShouAction action)
{
  if (action == SHOU_ACTION_NEGOTIATE || action == SHOU_ACTION_REJECT)
    /* Translators: Pinduoduo's rejection-negotiation tool has no public API */
    return _("Negotiate in the Pinduoduo merchant backend");
  /* Translators: an after-sales step Pinduoduo's public API does not offer */
  return _("Do this in the Pinduoduo merchant backend");
}

const char *
shou_pdd_carrier_code (const char *carrier,
                       const char *typed_name)
{
  return carrier != NULL && shou_carrier_is_other (carrier) ? NULL : carrier;
}

JsonObject *
shou_pdd_render (ShouPddPlatform  *self,
                 ShouHubAftersale *as)
{
  const ShouRequestState *s = &as->state;
  JsonObject *raw = json_object_get_object_member (as->doc, "pdd");
  JsonObject *o = json_object_new ();
  gint64 expire = json_object_get_int_member_with_default (raw, "expire_time", 0);
  g_autofree char *raw_status = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 json_object_get_int_member_with_default (raw, "after_sales_status", 0));
  const ShouProfile *profile = shou_hub_platform_get_profile (SHOU_HUB_PLATFORM (self), SHOU_PLATFORM_PDD);
  gint64 now = shou_platform_base_now (&self->base);
  ShouEvaluation eval;

  shou_rules_evaluate (profile, s, now, &eval);
  /* expire_time is given only while the merchant must act. */
  if (expire > 0 && s->status == SHOU_STATUS_WAIT_SELLER)
    {
      eval.deadline_at = expire;
      eval.deadline_actor = SHOU_ACTOR_SELLER;
      eval.deadline_rule_id = "pdd:expire_time";
    }
  shou_hub_render_common (o, as, raw_status, &eval);
  shou_hub_render_risks (o, as, profile, now);
  shou_hub_render_actions_full (o, &eval, SHOU_PDD_SUPPORTED, SHOU_PDD_NO_CALL, "platform_backend",
                                shou_pdd_lacking_message);
  shou_platform_base_render_documents (o, as);
  return o;
}
