/* shou-autorule.c: automatic rules, their evaluation and their JSON. */
#include "config.h"

#include <string.h>

#include "shou-autorule.h"
#include "shou-domain.h"

static const char * const cond_names[SHOU_N_AUTORULE_CONDS] = {
  "platform", "shop", "type", "order_state", "amount_max", "reason", "sku", "tag",
  "history_max", "logistics", "time_left_min", "time_left_max",
};

static const char * const action_names[SHOU_N_AUTORULE_ACTIONS] = {
  "agree_refund", "agree_return", "negotiate", "add_tag", "notify",
};

#define MINUTE (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define DAY (MINUTE * 60 * 24)

const char *
shou_autorule_cond_kind_to_string (ShouAutoruleCondKind kind)
{
  g_return_val_if_fail (kind < SHOU_N_AUTORULE_CONDS, NULL);
  return cond_names[kind];
}

gboolean
shou_autorule_cond_kind_from_string (const char           *str,
                                     ShouAutoruleCondKind *out)
{
  for (guint i = 0; str != NULL && i < SHOU_N_AUTORULE_CONDS; i++)
    if (strcmp (str, cond_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
shou_autorule_cond_is_number (ShouAutoruleCondKind kind)
{
  return kind == SHOU_AUTORULE_COND_AMOUNT_MAX || kind == SHOU_AUTORULE_COND_HISTORY_MAX ||
         kind == SHOU_AUTORULE_COND_TIME_LEFT_MIN || kind == SHOU_AUTORULE_COND_TIME_LEFT_MAX;
}

const char *
shou_autorule_action_to_string (ShouAutoruleAction action)
{
  g_return_val_if_fail (action < SHOU_N_AUTORULE_ACTIONS, NULL);
  return action_names[action];
}

gboolean
shou_autorule_action_from_string (const char         *str,
                                  ShouAutoruleAction *out)
{
  for (guint i = 0; str != NULL && i < SHOU_N_AUTORULE_ACTIONS; i++)
    if (strcmp (str, action_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

ShouAction
shou_autorule_action_outbox (ShouAutoruleAction action)
{
  switch (action)
    {
    case SHOU_AUTORULE_AGREE_REFUND: return SHOU_ACTION_AGREE_REFUND;
    case SHOU_AUTORULE_AGREE_RETURN: return SHOU_ACTION_AGREE_RETURN;
    case SHOU_AUTORULE_NEGOTIATE:    return SHOU_ACTION_NEGOTIATE;
    case SHOU_AUTORULE_ADD_TAG:
    case SHOU_AUTORULE_NOTIFY:
    case SHOU_N_AUTORULE_ACTIONS:
    default:
      return SHOU_N_ACTIONS;
    }
}

ShouAutoruleCond *
shou_autorule_cond_new (ShouAutoruleCondKind  kind,
                        const char           *text,
                        gint64                number)
{
  ShouAutoruleCond *cond = g_new0 (ShouAutoruleCond, 1);

  cond->kind = kind;
  cond->text = g_strdup (text);
  cond->number = number;
  return cond;
}

void
shou_autorule_cond_free (ShouAutoruleCond *cond)
{
  if (cond == NULL)
    return;
  g_free (cond->text);
  g_free (cond);
}

ShouAutorule *
shou_autorule_new (const char         *name,
                   ShouAutoruleAction  action,
                   const char         *arg)
{
  ShouAutorule *rule = g_new0 (ShouAutorule, 1);

  rule->id = g_uuid_string_random ();
  rule->name = g_strdup (name);
  rule->conds = g_ptr_array_new_with_free_func ((GDestroyNotify) shou_autorule_cond_free);
  rule->action = action;
  rule->arg = g_strdup (arg);
  rule->cap_count = 50;
  rule->cap_amount_fen = 500000;
  return rule;
}

void
shou_autorule_free (ShouAutorule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->id);
  g_free (rule->name);
  g_ptr_array_unref (rule->conds);
  g_free (rule->arg);
  g_strfreev (rule->exclude_tags);
  g_free (rule);
}

ShouAutorule *
shou_autorule_copy (const ShouAutorule *rule)
{
  ShouAutorule *copy;

  g_return_val_if_fail (rule != NULL, NULL);
  copy = shou_autorule_new (rule->name, rule->action, rule->arg);
  g_free (copy->id);
  copy->id = g_strdup (rule->id);
  copy->enabled = rule->enabled;
  for (guint i = 0; i < rule->conds->len; i++)
    {
      const ShouAutoruleCond *c = g_ptr_array_index (rule->conds, i);
      g_ptr_array_add (copy->conds, shou_autorule_cond_new (c->kind, c->text, c->number));
    }
  copy->exclude_tags = g_strdupv (rule->exclude_tags);
  copy->cap_count = rule->cap_count;
  copy->cap_amount_fen = rule->cap_amount_fen;
  return copy;
}

static gboolean
has_tag (const ShouAutoruleFacts *facts,
         const char              *tag)
{
  for (guint i = 0; facts->tags != NULL && facts->tags[i] != NULL; i++)
    if (g_strcmp0 (facts->tags[i], tag) == 0)
      return TRUE;
  return FALSE;
}

/* The order as the buyer sees it: not shipped yet, on its way, or signed for. */
static const char *
order_state_word (const ShouAutoruleFacts *facts)
{
  if (facts->order_state == SHOU_ORDER_COMPLETED || facts->good_status != SHOU_GOOD_NOT_RECEIVED)
    return "signed";
  if (facts->order_state == SHOU_ORDER_SHIPPED)
    return "shipped";
  return "unshipped";
}

static guint
history_count (const ShouAutoruleFacts *facts,
               gint64                   now)
{
  guint n = 0;

  for (guint i = 0; i < facts->n_history; i++)
    if (facts->history[i] <= now && facts->history[i] > now - SHOU_AUTORULE_HISTORY_DAYS * DAY)
      n++;
  return n;
}

gboolean
shou_autorule_cond_matches (const ShouAutoruleCond  *cond,
                            const ShouAutoruleFacts *facts,
                            gint64                   now)
{
  g_return_val_if_fail (cond != NULL && facts != NULL, FALSE);

  switch (cond->kind)
    {
    case SHOU_AUTORULE_COND_PLATFORM:
      return g_strcmp0 (cond->text, shou_platform_to_string (facts->platform)) == 0;
    case SHOU_AUTORULE_COND_SHOP:
      return g_strcmp0 (cond->text, facts->shop_id) == 0;
    case SHOU_AUTORULE_COND_TYPE:
      return g_strcmp0 (cond->text, shou_request_type_to_string (facts->type)) == 0;
    case SHOU_AUTORULE_COND_ORDER_STATE:
      return g_strcmp0 (cond->text, order_state_word (facts)) == 0;
    case SHOU_AUTORULE_COND_AMOUNT_MAX:
      return facts->amount_fen <= cond->number;
    case SHOU_AUTORULE_COND_REASON:
      return g_strcmp0 (cond->text, facts->reason_code) == 0;
    case SHOU_AUTORULE_COND_SKU:
      return facts->sku != NULL && g_strcmp0 (cond->text, facts->sku) == 0;
    case SHOU_AUTORULE_COND_TAG:
      return has_tag (facts, cond->text);
    case SHOU_AUTORULE_COND_HISTORY_MAX:
      return history_count (facts, now) <= cond->number;
    case SHOU_AUTORULE_COND_LOGISTICS:
      if (g_strcmp0 (cond->text, "none") == 0)
        return !facts->has_return_shipment;
      if (g_strcmp0 (cond->text, "delivered") == 0)
        return facts->has_return_shipment && facts->return_delivered;
      return FALSE;
    case SHOU_AUTORULE_COND_TIME_LEFT_MIN:
      /* No deadline: all the time in the world. */
      return facts->deadline_at == 0 || facts->deadline_at - now >= cond->number * MINUTE;
    case SHOU_AUTORULE_COND_TIME_LEFT_MAX:
      return facts->deadline_at != 0 && facts->deadline_at - now <= cond->number * MINUTE;
    case SHOU_N_AUTORULE_CONDS:
    default:
      return FALSE;
    }
}

gboolean
shou_autorule_matches (const ShouAutorule      *rule,
                       const ShouAutoruleFacts *facts,
                       gint64                   now)
{
  ShouAction action;

  g_return_val_if_fail (rule != NULL && facts != NULL, FALSE);

  for (guint i = 0; rule->exclude_tags != NULL && rule->exclude_tags[i] != NULL; i++)
    if (has_tag (facts, rule->exclude_tags[i]))
      return FALSE;
  action = shou_autorule_action_outbox (rule->action);
  if (action != SHOU_N_ACTIONS && (facts->allowed & SHOU_ACTION_BIT (action)) == 0)
    return FALSE;
  if (rule->action == SHOU_AUTORULE_ADD_TAG && has_tag (facts, rule->arg))
    return FALSE;
  if (shou_status_is_finished (facts->status))
    return FALSE;
  for (guint i = 0; i < rule->conds->len; i++)
    if (!shou_autorule_cond_matches (g_ptr_array_index (rule->conds, i), facts, now))
      return FALSE;
  return TRUE;
}

ShouAutoruleDecision
shou_autorule_decide (GPtrArray               *rules,
                      const ShouAutoruleFacts *facts,
                      gint64                   now,
                      gboolean                 include_disabled)
{
  ShouAutoruleDecision d = { SHOU_AUTORULE_NO_MATCH, -1 };

  g_return_val_if_fail (rules != NULL && facts != NULL, d);

  if (facts->conflict || facts->has_note || facts->claimed_by_other)
    {
      d.verdict = SHOU_AUTORULE_BLOCKED;
      return d;
    }
  for (guint i = 0; i < rules->len; i++)
    {
      const ShouAutorule *rule = g_ptr_array_index (rules, i);

      if (!rule->enabled && !include_disabled)
        continue;
      if (shou_autorule_matches (rule, facts, now))
        {
          d.verdict = SHOU_AUTORULE_MATCH;
          d.rule = i;
          return d;
        }
    }
  return d;
}

char *
shou_autorule_idempotency_key (const char *rule_id,
                               const char *request_id,
                               gint64      version)
{
  g_autofree char *text = NULL;
  g_autofree char *sum = NULL;

  g_return_val_if_fail (rule_id != NULL && request_id != NULL, NULL);
  /* NUL-free separators that neither id contains. */
  text = g_strdup_printf ("%s\n%s\n%" G_GINT64_FORMAT, rule_id, request_id, version);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  return g_strdup_printf ("rule-%.32s", sum);
}

gint64
shou_autorule_send_at (gint64 queued_at,
                       gint64 undo_window,
                       gint64 deadline_at,
                       gint64 margin)
{
  gint64 at = queued_at + MAX (undo_window, 0);

  if (deadline_at > 0 && deadline_at - margin < at)
    at = deadline_at - margin;
  return MAX (at, queued_at);
}

gint64
shou_autorule_day_start (gint64 now)
{
  /* China keeps UTC+8 all year. */
  const gint64 offset = 8 * 60 * MINUTE;
  gint64 local = now + offset;
  gint64 day = local / DAY - (local % DAY < 0 ? 1 : 0);

  return day * DAY - offset;
}

gboolean
shou_autorule_within_caps (const ShouAutorule *rule,
                           gint64              count,
                           gint64              amount_total_fen,
                           gint64              amount_fen)
{
  g_return_val_if_fail (rule != NULL, FALSE);
  if (count + 1 > rule->cap_count)
    return FALSE;
  /* Only money actions count against the amount cap. */
  if (shou_autorule_action_outbox (rule->action) == SHOU_ACTION_AGREE_REFUND ||
      shou_autorule_action_outbox (rule->action) == SHOU_ACTION_AGREE_RETURN)
    return amount_total_fen + amount_fen <= rule->cap_amount_fen;
  return TRUE;
}
