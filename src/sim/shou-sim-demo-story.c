/* shou-sim-demo-story.c: the demo's stories, a request's history made up
 * at random for its platform and replayed through core. */
#include "config.h"
#include <string.h>
#include "shou-sim-demo-texts.h"
#include "shou-sim-demo-private.h"
#include "shou-sim-demo-addresses.h"
#include "shou-sim-reviews.h"
#include "shou-sim-demo-parcels.h"
#include "shou-sim-outbound.h"


static void
story_add (ShouSimDemo   *self,
           Story         *story,
           ShouEventKind  kind,
           const char    *text)
{
  Step *step;
  gint64 prev = story->n_steps > 0 ? story->steps[story->n_steps - 1].offset : 0;

  g_assert (story->n_steps < G_N_ELEMENTS (story->steps));
  step = &story->steps[story->n_steps++];
  memset (step, 0, sizeof *step);
  step->kind = kind;
  step->text = text;
  step->offset = prev + g_rand_int_range (self->rand, 20, 16 * 60) * SHOU_USEC_PER_MINUTE;
}

/* A random story for @platform; the request ends wherever core lets it. */
void
shou_sim_demo_make_story (ShouSimDemo  *self,
            ShouPlatform  platform,
            Story        *story)
{
  int plot = g_rand_int_range (self->rand, 0, 14);
  g_autofree char *escalation = shou_sim_demo_pick_escalation (self, platform);

  memset (story, 0, sizeof *story);
  g_strlcpy (story->escalation, escalation, sizeof story->escalation);
  story->order_state = g_rand_boolean (self->rand) ? SHOU_ORDER_COMPLETED : SHOU_ORDER_SHIPPED;
  story->type = SHOU_REQUEST_RETURN_REFUND;

  switch (plot)
    {
    case 0: /* unshipped refund, waiting for the seller */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      story->order_state = SHOU_ORDER_PENDING_SHIPMENT;
      story->reason = g_rand_boolean (self->rand) ? "late_shipping" : "not_wanted";
      story->text = g_str_equal (story->reason, "late_shipping") ? "说好48小时内发货，到现在还没发"
                                                                 : "拍错规格了，麻烦退一下";
      break;
    case 1: /* return waiting for the seller */
      break;
    case 2: /* refund only after shipment, waiting */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      break;
    case 3: /* agreed, buyer must ship */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "请在7天内寄回，不要使用到付");
      break;
    case 4: /* shipped back, seller must confirm receipt */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_LOGISTICS_UPDATE, shou_sim_texts_pick_logistics (self->rand, 1));
      break;
    case 5: /* negotiation round 1 */
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，非常抱歉给您带来不便，能否提供一下商品问题的照片？我们核实后马上为您处理");
      story->steps[story->n_steps - 1].round = 1;
      break;
    case 6: /* round 1 answered; round 2 sent */
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，麻烦您提供一下问题照片，我们帮您核实");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, shou_sim_texts_pick_reply (self->rand));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "核实后为您补偿部分金额，商品无需退回，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_PARTIAL_REFUND;
      story->steps[story->n_steps - 1].amount_fen = 1000;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      break;
    case 7: /* refused by the seller */
      story->order_state = SHOU_ORDER_COMPLETED;
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，商品已经使用过，需要不影响二次销售才能办理退货，还请您理解");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, shou_sim_texts_pick_reply (self->rand));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "可以为您换一件新的，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_EXCHANGE;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, "不接受，我就要退货退款");
      story_add (self, story, SHOU_EVENT_REJECT, "退回商品有明显使用痕迹，影响二次销售");
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      break;
    case 8: /* escalated after a refusal */
      story->order_state = SHOU_ORDER_COMPLETED;
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "您好，商品已经使用过，需要不影响二次销售才能办理退货，还请您理解");
      story->steps[story->n_steps - 1].round = 1;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, shou_sim_texts_pick_reply (self->rand));
      story_add (self, story, SHOU_EVENT_NEGOTIATE, "可以为您补偿10元，您看可以吗？");
      story->steps[story->n_steps - 1].round = 2;
      story->steps[story->n_steps - 1].proposal = SHOU_PROPOSAL_COMPENSATION;
      story->steps[story->n_steps - 1].amount_fen = 1000;
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_REPLY, "不接受");
      story_add (self, story, SHOU_EVENT_REJECT, "商品经检测无质量问题，属于正常使用磨损");
      story->steps[story->n_steps - 1].with_evidence = TRUE;
      story_add (self, story, SHOU_EVENT_BUYER_ESCALATE, story->escalation);
      break;
    case 9: /* refunded */
      story->type = SHOU_REQUEST_REFUND_ONLY;
      story_add (self, story, SHOU_EVENT_AGREE_REFUND, NULL);
      break;
    case 10: /* return completed */
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    case 11: /* withdrawn */
      story_add (self, story, SHOU_EVENT_BUYER_CANCEL, NULL);
      break;
    case 12: /* exchange waiting for the seller to ship */
      story->type = SHOU_REQUEST_EXCHANGE;
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "收到后给您换大一码发出");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    case 13: /* cash on delivery, receipt confirmed: refund proof due */
    default:
      story_add (self, story, SHOU_EVENT_AGREE_RETURN, "");
      story_add (self, story, SHOU_EVENT_BUYER_SHIP_RETURN, NULL);
      story_add (self, story, SHOU_EVENT_CONFIRM_RECEIPT, NULL);
      break;
    }

  /* Platforms without the negotiation tool: a direct refusal or agreement. */
  if (plot >= 5 && plot <= 8 && platform != SHOU_PLATFORM_PDD)
    {
      if (plot == 5 || plot == 6)
        {
          story->n_steps = 0;
          story_add (self, story, SHOU_EVENT_MESSAGE, "您好，麻烦您提供一下商品问题的照片，我们核实后马上处理");
        }
      else
        {
          story->n_steps = 0;
          story_add (self, story, SHOU_EVENT_REJECT, "退回商品有明显使用痕迹，影响二次销售");
          story->steps[0].with_evidence = TRUE;
          if (plot == 8)
            story_add (self, story, SHOU_EVENT_BUYER_ESCALATE, story->escalation);
        }
    }
}

static const char *
first_reason_code (ShouSimDemo  *self,
                   ShouPlatform  platform)
{
  guint n = 0;
  const ShouRejectReason *reasons =
    shou_profile_get_reject_reasons (shou_sim_world_get_profile (self->world, platform), &n);

  return n > 0 ? reasons[g_rand_int_range (self->rand, 0, n)].code : NULL;
}

/* Replays @story on a fresh request at @base; stops at the first step core
 * refuses (the request stays where it is). */
ShouHubAftersale *
shou_sim_demo_play_story (ShouSimDemo *self,
            const Story *story,
            JsonObject  *order,
            const char  *merchant,
            const char  *line_id,
            gint64       amount_fen,
            JsonObject  *address,
            gint64       base,
            const char  *evidence_sha,
            gint64      *out_last)
{
  ShouHubAftersale *as;
  ShouPlatform platform;
  gint64 last = base;

  as = shou_sim_world_open_on (self->world, order, merchant, TRUE, line_id, story->type, amount_fen, -1,
                               story->reason, story->text, NULL, base, NULL);
  if (as == NULL)
    return NULL;
  platform = as->state.platform;

  for (guint i = 0; i < story->n_steps; i++)
    {
      const Step *step = &story->steps[i];
      g_autoptr(JsonObject) params = json_object_new ();
      g_autofree char *tracking = NULL;
      g_autofree char *explanation = NULL;
      ShouEvent event = { 0 };
      gint64 at = base + step->offset;
      const char *carrier = NULL;

      event.kind = step->kind;
      event.text = step->text;
      event.round = step->round;
      event.proposal = step->proposal;
      event.amount_fen = step->amount_fen;
      if (step->with_evidence && evidence_sha != NULL)
        {
          JsonArray *list = json_array_new ();

          g_autoptr(GBytes) png = shou_sim_texts_tiny_png ();

          shou_hub_doc_attach_evidence (as, evidence_sha, "image/png", g_bytes_get_size (png),
                                        "product_photo", SHOU_ACTOR_SELLER, at);
          json_array_add_string_element (list, evidence_sha);
          json_object_set_array_member (params, "evidence", list);
          event.n_evidence = 1;
        }
      switch (step->kind)
        {
        case SHOU_EVENT_AGREE_REFUND:
          event.amount_fen = as->state.amount_fen;
          break;
        case SHOU_EVENT_AGREE_RETURN:
          event.address_id = json_object_get_string_member (address, "id");
          json_object_set_object_member (params, "address", json_object_ref (address));
          break;
        case SHOU_EVENT_NEGOTIATE:
          {
            JsonArray *scripts = json_array_new ();

            json_array_add_string_element (scripts, shou_sim_texts_pick_r1_script (self->rand));
            json_object_set_array_member (params, "scripts", scripts);
          }
          break;
        case SHOU_EVENT_REJECT:
          {
            const ShouRejectReason *reason;

            event.reason_code = first_reason_code (self, platform);
            reason = event.reason_code
              ? shou_profile_find_reject_reason (shou_sim_world_get_profile (self->world, platform),
                                                 event.reason_code)
              : NULL;
            if (reason != NULL)
              {
                explanation = g_strdup_printf ("经核实：%s。已与买家沟通并附上凭证，请平台知悉。", reason->text);
                event.text = explanation;
              }
          }
          break;
        case SHOU_EVENT_BUYER_SHIP_RETURN:
          carrier = shou_sim_texts_pick_carrier (self->rand);
          tracking = shou_sim_demo_make_tracking (self, carrier);
          event.carrier = carrier;
          event.tracking_no = tracking;
          break;
        case SHOU_EVENT_OPEN:
        case SHOU_EVENT_BUYER_REPLY:
        case SHOU_EVENT_BUYER_ACCEPT:
        case SHOU_EVENT_BUYER_CANCEL:
        case SHOU_EVENT_BUYER_ESCALATE:
        case SHOU_EVENT_BUYER_MODIFY:
        case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE:
        case SHOU_EVENT_CONFIRM_RECEIPT:
        case SHOU_EVENT_REFUSE_RECEIPT:
        case SHOU_EVENT_SHIP_EXCHANGE:
        case SHOU_EVENT_UPLOAD_REFUND_PROOF:
        case SHOU_EVENT_MESSAGE:
        case SHOU_EVENT_LOGISTICS_UPDATE:
        case SHOU_EVENT_LAPSE:
        case SHOU_EVENT_PLATFORM_REFUND:
        case SHOU_EVENT_PLATFORM_CLOSE:
        case SHOU_EVENT_INTERCEPT:
        case SHOU_EVENT_AWAIT_RETURN:
        case SHOU_EVENT_APPEAL:
        case SHOU_N_EVENTS:
        default:
          break;
        }
      if (!shou_sim_world_apply (self->world, as, &event, params, at, NULL))
        break;
      last = at;
    }
  *out_last = last;
  return as;
}

