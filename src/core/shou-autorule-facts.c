/* shou-autorule-facts.c: what a rule sees of a request, now or as it
 * stood when it arrived (a dry run judges the past by then). */
#include "config.h"

#include <string.h>

#include "shou-autorule.h"
#include "shou-rules.h"

static gboolean
return_delivered (const ShouAftersale *a)
{
  const ShouShipment *s = a->return_shipment;

  if (a->good_status == SHOU_GOOD_RETURNED)
    return TRUE;
  if (s == NULL || s->events == NULL)
    return FALSE;
  /* Couriers write "已签收" in their last event. */
  for (guint i = 0; i < s->events->len; i++)
    {
      const ShouShipmentEvent *e = g_ptr_array_index (s->events, i);

      if (e->text != NULL && strstr (e->text, "签收") != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
common (const ShouAftersale *a,
        ShouAutoruleFacts   *f)
{
  memset (f, 0, sizeof *f);
  f->request_id = a->id;
  f->platform = a->platform;
  f->shop_id = a->shop_id;
  f->type = a->type;
  f->order_state = a->order_state;
  f->good_status = a->good_status;
  f->amount_fen = a->amount_fen;
  f->reason_code = a->reason_code;
  f->sku = a->line ? a->line->sku : NULL;
}

void
shou_autorule_facts_now (const ShouAftersale *aftersale,
                         ShouAutoruleFacts   *facts)
{
  g_return_if_fail (aftersale != NULL && facts != NULL);

  common (aftersale, facts);
  facts->version = aftersale->version;
  facts->status = aftersale->status;
  facts->has_return_shipment = aftersale->return_shipment != NULL;
  facts->return_delivered = facts->has_return_shipment && return_delivered (aftersale);
  facts->deadline_at = aftersale->deadline_at;
  facts->allowed = aftersale->allowed;
}

gint64
shou_autorule_facts_at_arrival (const ShouAftersale *aftersale,
                                const ShouProfile   *profile,
                                ShouAutoruleFacts   *facts)
{
  ShouRequestState state;
  ShouEvaluation eval;
  gint64 at = aftersale->opened_at;

  g_return_val_if_fail (aftersale != NULL && profile != NULL && facts != NULL, 0);

  for (guint i = 0; aftersale->timeline != NULL && i < aftersale->timeline->len; i++)
    {
      const ShouTimelineEvent *e = g_ptr_array_index (aftersale->timeline, i);

      if (g_strcmp0 (e->kind, "open") == 0)
        {
          at = e->at;
          break;
        }
    }
  common (aftersale, facts);
  if (at <= 0 ||
      !shou_request_state_init (&state, profile, aftersale->type, aftersale->order_state,
                                aftersale->cod, aftersale->amount_fen,
                                MAX (aftersale->paid_fen, aftersale->amount_fen), at, NULL))
    return 0;
  state.good_status = aftersale->good_status;
  shou_rules_evaluate (profile, &state, at, &eval);
  facts->version = state.version;
  facts->status = eval.status;
  facts->deadline_at = eval.deadline_at;
  facts->allowed = eval.allowed;
  return at;
}
