/* shou-autorule-text.c: automatic rules in the seller's words. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/shou-money.h"
#include "core/shou-reason-text.h"
#include "shou-autorule-text.h"

const char * const shou_autorule_order_words[SHOU_AUTORULE_N_ORDER_WORDS] = {
  "unshipped", "shipped", "signed",
};

const char * const shou_autorule_logistics_words[SHOU_AUTORULE_N_LOGISTICS_WORDS] = {
  "none", "delivered",
};

const char *
shou_autorule_action_get_label (ShouAutoruleAction action)
{
  switch (action)
    {
    case SHOU_AUTORULE_AGREE_REFUND: return _("Agree to refund");
    case SHOU_AUTORULE_AGREE_RETURN: return _("Agree to return");
    case SHOU_AUTORULE_NEGOTIATE:    return _("Send negotiation round 1");
    case SHOU_AUTORULE_ADD_TAG:      return _("Add a tag");
    case SHOU_AUTORULE_NOTIFY:       return _("Notify me");
    case SHOU_N_AUTORULE_ACTIONS:
    default:
      return "";
    }
}

const char *
shou_autorule_order_word_get_label (const char *word)
{
  if (g_strcmp0 (word, "unshipped") == 0)
    return _("Not shipped");
  if (g_strcmp0 (word, "shipped") == 0)
    return _("Shipped");
  if (g_strcmp0 (word, "signed") == 0)
    return _("Signed for");
  return "";
}

const char *
shou_autorule_logistics_get_label (const char *word)
{
  if (g_strcmp0 (word, "none") == 0)
    return _("No return shipment yet");
  if (g_strcmp0 (word, "delivered") == 0)
    return _("Return delivered");
  return "";
}

const char *
shou_autorule_log_state_get_label (ShouAutoruleLogState state)
{
  switch (state)
    {
    case SHOU_AUTORULE_LOG_HELD:      return _("Waiting, can be undone");
    case SHOU_AUTORULE_LOG_SENDING:   return _("Sending");
    case SHOU_AUTORULE_LOG_DONE:      return _("Done");
    case SHOU_AUTORULE_LOG_FAILED:    return _("Failed");
    case SHOU_AUTORULE_LOG_CANCELLED: return _("Undone");
    case SHOU_N_AUTORULE_LOG_STATES:
    default:
      return "";
    }
}

static char *
describe_cond (const ShouAutoruleCond *c)
{
  ShouPlatform platform;
  ShouRequestType type;

  switch (c->kind)
    {
    case SHOU_AUTORULE_COND_PLATFORM:
      return g_strdup (shou_platform_from_string (c->text, &platform) ? shou_platform_get_label (platform) : c->text);
    case SHOU_AUTORULE_COND_SHOP:
      return g_strdup_printf (_("Shop %s"), c->text);
    case SHOU_AUTORULE_COND_TYPE:
      return g_strdup (shou_request_type_from_string (c->text, &type) ? shou_request_type_get_label (type) : c->text);
    case SHOU_AUTORULE_COND_ORDER_STATE:
      return g_strdup (shou_autorule_order_word_get_label (c->text));
    case SHOU_AUTORULE_COND_AMOUNT_MAX:
      {
        g_autofree char *money = shou_money_format (c->number);
        return g_strdup_printf (_("Amount at most %s"), money);
      }
    case SHOU_AUTORULE_COND_REASON:
      return g_strdup (shou_buyer_reason_text (c->text, c->text));
    case SHOU_AUTORULE_COND_SKU:
      return g_strdup_printf (_("SKU %s"), c->text);
    case SHOU_AUTORULE_COND_TAG:
      return g_strdup_printf (_("Tagged %s"), c->text);
    case SHOU_AUTORULE_COND_HISTORY_MAX:
      return g_strdup_printf (_("Buyer had at most %d requests in 90 days"), (int) c->number);
    case SHOU_AUTORULE_COND_LOGISTICS:
      return g_strdup (shou_autorule_logistics_get_label (c->text));
    case SHOU_AUTORULE_COND_TIME_LEFT_MIN:
      return g_strdup_printf (_("At least %d min to the deadline"), (int) c->number);
    case SHOU_AUTORULE_COND_TIME_LEFT_MAX:
      return g_strdup_printf (_("At most %d min to the deadline"), (int) c->number);
    case SHOU_N_AUTORULE_CONDS:
    default:
      return g_strdup ("");
    }
}

char *
shou_autorule_describe (const ShouAutorule *rule)
{
  GString *s = g_string_new (NULL);
  g_autofree char *cap = shou_money_format (rule->cap_amount_fen);

  for (guint i = 0; i < rule->conds->len; i++)
    {
      g_autofree char *part = describe_cond (g_ptr_array_index (rule->conds, i));

      if (s->len > 0)
        g_string_append (s, " · ");
      g_string_append (s, part);
    }
  if (s->len == 0)
    g_string_append (s, _("Every request"));
  g_string_append (s, " → ");
  g_string_append (s, shou_autorule_action_get_label (rule->action));
  g_string_append (s, " · ");
  g_string_append_printf (s, _("at most %d a day, %s a day"), (int) rule->cap_count, cap);
  return g_string_free (s, FALSE);
}
