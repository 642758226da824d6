/* shou-douyin-platform-render.c: a 抖店 after-sales request in the
 * contract's shape (API.md "aftersale"): core explains the deadline and the
 * actions, then the platform's own status_deadline ("当前节点逾期时间") wins
 * while the seller must act, and the actions the adapter cannot carry are
 * blocked with where to do them instead. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hub/shou-hub-render.h"
#include "shou-douyin-platform-private.h"

const char *
shou_douyin_lacking_message (ShouAction action)
{
  if (action == SHOU_ACTION_NEGOTIATE)
    /* Translators: negotiation with a Douyin shop (抖店) buyer goes through its merchant backend */
    return _("Negotiate in the Douyin merchant backend");
  /* afterSale/operate 102/202/112 needs a reject_reason_code and, for every
   * reason the profile lists, evidence as picture URLs of the shop's
   * material centre (open/binaryupload, material/uploadImageSync, audited
   * later): the hub has no such URL to give. */
  if (action == SHOU_ACTION_REJECT || action == SHOU_ACTION_REFUSE_RECEIPT)
    /* Translators: a Douyin shop (抖店) refusal needs evidence the hub cannot upload there */
    return _("Refuse and upload the evidence in the Douyin merchant backend");
  /* The doudian SDK publishes no after-sales message to the buyer
   * (afterSale/addOrderRemark is the seller's own remark). */
  if (action == SHOU_ACTION_MESSAGE)
    /* Translators: Feige (飞鸽) is the Douyin shop's customer service chat */
    return _("Message the buyer in Feige, the Douyin shop's customer service chat");
  /* Translators: an after-sales step the Douyin shop (抖店) adapter does not carry */
  return _("Do this in the Douyin merchant backend");
}

/* afterSale/operate's logistics.company_code comes from
 * /order/logisticsCompanyList (api/afterSale_operate/request, zsmhub/
 * doudian-sdk @b020c051), which publishes no "other" company: the
 * "other" carrier has no code on 抖店. */
const char *
shou_douyin_carrier_code (const char *carrier,
                          const char *typed_name)
{
  return carrier != NULL && shou_carrier_is_other (carrier) ? NULL : carrier;
}

JsonObject *
shou_douyin_render (ShouDouyinPlatform *self,
                    ShouHubAftersale   *as)
{
  const ShouRequestState *s = &as->state;
  JsonObject *raw = json_object_get_object_member (as->doc, "douyin");
  JsonObject *o = json_object_new ();
  gint64 deadline = json_object_get_int_member_with_default (raw, "status_deadline", 0);
  const ShouProfile *profile = shou_hub_platform_get_profile (SHOU_HUB_PLATFORM (self), s->platform);
  g_autofree char *status = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             json_object_get_int_member_with_default (raw, "aftersale_status", 0));
  gint64 now = shou_platform_base_now (&self->base);
  ShouEvaluation eval;

  shou_douyin_parcel_fill (as);
  shou_rules_evaluate (profile, s, now, &eval);
  if (deadline > 0 && eval.deadline_actor == SHOU_ACTOR_SELLER)
    {
      eval.deadline_at = deadline * G_USEC_PER_SEC;
      eval.deadline_rule_id = "douyin:status_deadline";
    }
  shou_hub_render_common (o, as, status, &eval);
  shou_hub_render_risks (o, as, profile, now);
  shou_hub_render_actions (o, &eval, SHOU_DOUYIN_SUPPORTED, "platform_backend", shou_douyin_lacking_message);
  shou_platform_base_render_documents (o, as);
  return o;
}

const char *
shou_douyin_evidence_message (void)
{
  /* Translators: evidence on a Douyin shop (抖店) request is uploaded in its merchant backend */
  return _("Upload the evidence in the Douyin merchant backend");
}
