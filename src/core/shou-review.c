/* shou-review.c: the follow-up rules of a bad review (shou-review.h). */
#include "config.h"

#include "shou-names-private.h"
#include "shou-review.h"

static const char *const rating_names[] = { "neutral", "bad" };
static const char *const reason_names[] = {
  "none", "quality", "not_as_described", "size", "logistics", "service", "price", "packaging", "other",
};
static const char *const remedy_names[] = {
  "gift", "first_weight_postage", "price_difference", "replacement", "partial_refund",
};
static const char *const action_names[] = { "contact", "offer_remedy", "mark_changed", "reply" };

G_STATIC_ASSERT (G_N_ELEMENTS (rating_names) == SHOU_N_REVIEW_RATINGS);
G_STATIC_ASSERT (G_N_ELEMENTS (reason_names) == SHOU_N_REVIEW_REASONS);
G_STATIC_ASSERT (G_N_ELEMENTS (remedy_names) == SHOU_N_REMEDIES);
G_STATIC_ASSERT (G_N_ELEMENTS (action_names) == SHOU_N_REVIEW_ACTIONS);

SHOU_DEFINE_NAMES (shou_review_rating, ShouReviewRating, rating_names)
SHOU_DEFINE_NAMES (shou_review_reason, ShouReviewReason, reason_names)
SHOU_DEFINE_NAMES (shou_remedy, ShouRemedyKind, remedy_names)
SHOU_DEFINE_NAMES (shou_review_action, ShouReviewAction, action_names)

const char *
shou_review_check_action (const ShouReviewState *state,
                          ShouReviewAction       action)
{
  g_return_val_if_fail (state != NULL, "wrong_status");

  switch (action)
    {
    case SHOU_REVIEW_ACTION_CONTACT:
      return state->settled ? "review_settled" : NULL;
    case SHOU_REVIEW_ACTION_OFFER_REMEDY:
    case SHOU_REVIEW_ACTION_MARK_CHANGED:
      if (state->settled)
        return "review_settled";
      return state->contacted ? NULL : "not_contacted";
    case SHOU_REVIEW_ACTION_REPLY:
      return state->replied ? "already_replied" : NULL;
    case SHOU_N_REVIEW_ACTIONS:
    default:
      return "unknown_action";
    }
}

gboolean
shou_remedy_needs_amount (ShouRemedyKind kind)
{
  return kind == SHOU_REMEDY_FIRST_WEIGHT_POSTAGE || kind == SHOU_REMEDY_PRICE_DIFFERENCE ||
         kind == SHOU_REMEDY_PARTIAL_REFUND;
}

const char *
shou_review_check_remedy (ShouRemedyKind kind,
                          gint64         amount_fen,
                          gint64         cap_fen,
                          guint          buyer_bad_reviews,
                          gint64         paid_fen)
{
  if (amount_fen < 0 || (guint) kind >= SHOU_N_REMEDIES)
    return "amount_out_of_range";
  if (shou_remedy_needs_amount (kind) && amount_fen == 0)
    return "amount_out_of_range";
  if (paid_fen > 0 && amount_fen > paid_fen)
    return "amount_out_of_range";
  if (kind == SHOU_REMEDY_PRICE_DIFFERENCE && amount_fen > cap_fen &&
      buyer_bad_reviews < SHOU_REVIEW_REPEAT_BUYER)
    return "over_remedy_cap";
  return NULL;
}

gboolean
shou_review_needs_chat_check (ShouReviewReason  reason,
                              const char       *text)
{
  if (reason != SHOU_REVIEW_REASON_NONE)
    return FALSE;
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_value (JsonObject *review,
           const char *name)
{
  JsonNode *node = json_object_get_member (review, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

ShouReviewState
shou_review_state_from_json (JsonObject *review)
{
  ShouReviewState s = { 0 };

  g_return_val_if_fail (review != NULL, s);
  s.contacted = has_value (review, "contacted_at");
  s.settled = has_value (review, "settled_at");
  s.replied = has_value (review, "reply");
  s.buyer_bad_reviews = MAX (json_object_get_int_member_with_default (review, "buyer_bad_reviews", 1), 0);
  return s;
}

void
shou_review_apply_step (JsonObject       *review,
                        ShouReviewAction  action,
                        JsonObject       *params,
                        gint64            now)
{
  JsonObject *part;

  g_return_if_fail (review != NULL && params != NULL);
  switch (action)
    {
    case SHOU_REVIEW_ACTION_CONTACT:
      json_object_set_int_member (review, "contacted_at", now);
      break;
    case SHOU_REVIEW_ACTION_OFFER_REMEDY:
      part = json_object_new ();
      json_object_set_string_member (part, "kind", json_object_get_string_member_with_default (params, "kind", ""));
      json_object_set_int_member (part, "amount_fen", json_object_get_int_member_with_default (params, "amount_fen", 0));
      json_object_set_int_member (part, "at", now);
      json_object_set_object_member (review, "remedy", part);
      break;
    case SHOU_REVIEW_ACTION_MARK_CHANGED:
      json_object_set_boolean_member (review, "changed",
                                      json_object_get_boolean_member_with_default (params, "changed", FALSE));
      json_object_set_int_member (review, "settled_at", now);
      break;
    case SHOU_REVIEW_ACTION_REPLY:
      part = json_object_new ();
      json_object_set_string_member (part, "text", json_object_get_string_member_with_default (params, "text", ""));
      json_object_set_int_member (part, "at", now);
      json_object_set_object_member (review, "reply", part);
      break;
    case SHOU_N_REVIEW_ACTIONS:
    default:
      g_return_if_reached ();
    }
}
