#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-event-text.h"
#include "shou-money.h"
#include "shou-reason-text.h"
#include "shou-types.h"
#include "shou-validate.h"

static const char *
get_str (JsonObject *o,
         const char *name)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *o,
         const char *name,
         gint64     *out)
{
  JsonNode *node = o != NULL ? json_object_get_member (o, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

char *
shou_event_text_lapse (const char *lapse,
                       const char *before)
{
  ShouLapse value = SHOU_LAPSE_NONE;

  if (lapse == NULL || !shou_lapse_from_string (lapse, &value))
    value = SHOU_LAPSE_NONE;

  switch (value)
    {
    case SHOU_LAPSE_AUTO_AGREE:
      return g_strdup (_("The seller did not respond in time: the request was agreed automatically"));
    case SHOU_LAPSE_AUTO_REFUND:
      if (g_strcmp0 (before, "wait_seller_receipt") == 0)
        return g_strdup (_("The seller did not confirm receipt in time: the buyer was refunded automatically"));
      return g_strdup (_("The seller did not respond in time: the buyer was refunded automatically"));
    case SHOU_LAPSE_AUTO_CLOSE:
      if (g_strcmp0 (before, "wait_buyer_return") == 0)
        return g_strdup (_("The buyer did not ship the return in time: the request closed"));
      return g_strdup (_("Nobody acted in time: the request closed"));
    case SHOU_LAPSE_AUTO_CONFIRM:
      return g_strdup (_("The seller did not confirm receipt in time: receipt was confirmed automatically"));
    case SHOU_LAPSE_INTERVENTION:
      return g_strdup (_("The deadline passed: the platform stepped in"));
    case SHOU_LAPSE_PLATFORM_COMPENSATES:
      return g_strdup (_("The seller did not upload the refund proof in time: the platform paid the buyer first"));
    case SHOU_LAPSE_NEXT_ROUND:
      return g_strdup (_("The negotiation wait ended without a reply from the buyer"));
    case SHOU_LAPSE_EVIDENCE_CLOSED:
      return g_strdup (_("The evidence period ended"));
    case SHOU_LAPSE_NONE:
    case SHOU_N_LAPSES:
    default:
      return g_strdup (shou_event_kind_get_label (SHOU_EVENT_LAPSE));
    }
}

/* 其他快递: the name the sender typed (text), or "other carrier". */
static const char *
carrier_name (const char *code,
              const char *typed)
{
  const ShouCarrier *carrier = shou_carrier_find (code);

  if (shou_carrier_is_other (code))
    return typed != NULL && *typed != '\0' ? typed : _("Other carrier");
  return carrier != NULL ? carrier->name : (code != NULL ? code : "");
}

/* The sentence for a known kind, without the person's words. */
static char *
sentence (ShouEventKind  kind,
          JsonObject    *params)
{
  gint64 n;

  switch (kind)
    {
    case SHOU_EVENT_OPEN:
      {
        const char *type = get_str (params, "type");
        const char *reason = shou_buyer_reason_get_label (get_str (params, "reason_code"));
        ShouRequestType type_value;

        if (type != NULL && shou_request_type_from_string (type, &type_value))
          {
            if (reason != NULL)
              /* Translators: %s: the request type (退货退款), %s: the buyer's reason */
              return g_strdup_printf (_("Buyer opened a %s request (%s)"),
                                      shou_request_type_get_label (type_value), reason);
            /* Translators: %s: the request type (退货退款) */
            return g_strdup_printf (_("Buyer opened a %s request"),
                                    shou_request_type_get_label (type_value));
          }
      }
      break;

    case SHOU_EVENT_BUYER_REPLY:
      if (get_int (params, "round", &n) && n > 0)
        /* Translators: %u: the negotiation round (1 or 2) */
        return g_strdup_printf (_("Buyer replied to negotiation round %u"), (guint) n);
      break;

    case SHOU_EVENT_BUYER_SHIP_RETURN:
    case SHOU_EVENT_SHIP_EXCHANGE:
      {
        const char *carrier = get_str (params, "carrier");
        const char *tracking = get_str (params, "tracking_no");

        if (carrier != NULL && tracking != NULL)
          return g_strdup_printf (kind == SHOU_EVENT_BUYER_SHIP_RETURN
                                  /* Translators: %s: carrier (顺丰速运), %s: tracking number */
                                  ? _("Buyer shipped the return: %s %s")
                                  /* Translators: %s: carrier (顺丰速运), %s: tracking number */
                                  : _("Seller shipped the exchange: %s %s"),
                                  carrier_name (carrier, get_str (params, "carrier_name")), tracking);
      }
      break;

    case SHOU_EVENT_AGREE_REFUND:
      if (get_int (params, "amount_fen", &n) && n > 0)
        {
          g_autofree char *money = shou_money_format (n);

          /* Translators: %s: an amount of money (¥12.30) */
          return g_strdup_printf (_("Seller agreed to refund %s"), money);
        }
      break;

    case SHOU_EVENT_NEGOTIATE:
      if (get_int (params, "round", &n) && n > 0)
        {
          const char *proposal = get_str (params, "proposal");
          ShouProposal value = SHOU_PROPOSAL_NONE;
          gint64 fen = 0;

          if (proposal == NULL || !shou_proposal_from_string (proposal, &value))
            value = SHOU_PROPOSAL_NONE;
          if (value == SHOU_PROPOSAL_NONE)
            /* Translators: %u: the negotiation round (1 or 2) */
            return g_strdup_printf (_("Seller sent negotiation round %u"), (guint) n);
          if (get_int (params, "amount_fen", &fen) && fen > 0)
            {
              g_autofree char *money = shou_money_format (fen);

              /* Translators: %u: the round, %s: the proposal (部分退款), %s: an amount (¥12.30) */
              return g_strdup_printf (_("Seller sent negotiation round %u: %s, %s"), (guint) n,
                                      shou_proposal_get_label (value), money);
            }
          /* Translators: %u: the round, %s: the proposal (换货) */
          return g_strdup_printf (_("Seller sent negotiation round %u: %s"), (guint) n,
                                  shou_proposal_get_label (value));
        }
      break;

    case SHOU_EVENT_REJECT:
    case SHOU_EVENT_REFUSE_RECEIPT:
      {
        const char *reason = shou_reject_reason_get_label (get_str (params, "reason_code"));

        if (reason != NULL)
          return g_strdup_printf (kind == SHOU_EVENT_REJECT
                                  /* Translators: %s: the seller's reason (a platform's list) */
                                  ? _("Seller rejected the request: %s")
                                  /* Translators: %s: the seller's reason (a platform's list) */
                                  : _("Seller refused the returned goods: %s"),
                                  reason);
      }
      break;

    case SHOU_EVENT_LAPSE:
      return shou_event_text_lapse (get_str (params, "lapse"), get_str (params, "before"));

    case SHOU_EVENT_INTERCEPT:
      if (g_strcmp0 (get_str (params, "outcome"), "intercepted") == 0)
        return g_strdup (_("Seller had the parcel intercepted: it is coming back"));
      break;

    case SHOU_EVENT_BUYER_ACCEPT:
    case SHOU_EVENT_BUYER_CANCEL:
    case SHOU_EVENT_BUYER_ESCALATE:
    case SHOU_EVENT_BUYER_MODIFY:
    case SHOU_EVENT_BUYER_CONFIRM_EXCHANGE:
    case SHOU_EVENT_AGREE_RETURN:
    case SHOU_EVENT_CONFIRM_RECEIPT:
    case SHOU_EVENT_UPLOAD_REFUND_PROOF:
    case SHOU_EVENT_MESSAGE:
    case SHOU_EVENT_LOGISTICS_UPDATE:
    case SHOU_EVENT_PLATFORM_REFUND:
    case SHOU_EVENT_PLATFORM_CLOSE:
    case SHOU_EVENT_AWAIT_RETURN:
    case SHOU_EVENT_APPEAL:
    case SHOU_N_EVENTS:
    default:
      break;
    }
  return g_strdup (shou_event_kind_get_label (kind));
}

char *
shou_event_text_format (JsonObject *event)
{
  const char *kind = get_str (event, "kind");
  const char *text = get_str (event, "text");
  JsonNode *node = event != NULL ? json_object_get_member (event, "params") : NULL;
  JsonObject *params = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autofree char *said = NULL;
  const char *note;
  ShouEventKind value;

  if (kind == NULL || !shou_event_kind_from_string (kind, &value))
    return g_strdup (text != NULL ? text : "");

  said = sentence (value, params);
  /* The person's own words: sent as params "note"; an entry the app added
   * for an action still in the outbox carries the seller's text itself. */
  note = get_str (params, "note");
  if (note == NULL && json_object_get_boolean_member_with_default (event, "local", FALSE))
    note = text;
  if (note != NULL && *note != '\0')
    /* Translators: %s: what happened, %s: the words a buyer or the seller wrote */
    return g_strdup_printf (_("%s: “%s”"), said, note);
  return g_steal_pointer (&said);
}
