/* shou-hub-review.c: making and following up a bad review (shou-hub-review.h). */
#include "config.h"

#include "hub/shou-hub-input.h"
#include "shou-hub-review.h"

const char *const shou_hub_review_fields[] = {
  "shop_id", "order_id", "aftersale_id", "buyer_nick", "rating", "text", "reason_code", "reviewed_at", NULL,
};

gboolean
shou_hub_care_check_text (const char       *field,
            const char       *text,
            gboolean          required,
            ShouHubFailure  **failure)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      *failure = shou_hub_failure_bad (field, "invalid_text", "The text is not UTF-8");
      return FALSE;
    }
  if (required)
    {
      g_autofree char *copy = g_strstrip (g_strdup (text));

      if (*copy == '\0')
        {
          *failure = shou_hub_failure_bad (field, "empty", "The text is empty");
          return FALSE;
        }
    }
  if (g_utf8_strlen (text, -1) > SHOU_REVIEW_TEXT_MAX)
    {
      *failure = shou_hub_failure_bad (field, "too_long", "At most %d characters are allowed",
                                       SHOU_REVIEW_TEXT_MAX);
      return FALSE;
    }
  return TRUE;
}

void
shou_hub_care_set_optional (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

gboolean
shou_hub_care_input (JsonObject          *body,
                     const char * const  *fields,
                     ShouHubCareInput    *in,
                     ShouHubFailure     **failure)
{
  return shou_hub_input_check_fields (body, fields, NULL, failure) &&
         shou_hub_input_string (body, "shop_id", TRUE, &in->shop_id, failure) &&
         shou_hub_input_string (body, "order_id", FALSE, &in->order_id, failure) &&
         shou_hub_input_string (body, "aftersale_id", FALSE, &in->aftersale_id, failure) &&
         shou_hub_input_string (body, "buyer_nick", TRUE, &in->nick, failure) &&
         shou_hub_care_check_text ("buyer_nick", in->nick, TRUE, failure) &&
         shou_hub_input_string (body, "text", FALSE, &in->text, failure) &&
         shou_hub_care_check_text ("text", in->text, FALSE, failure);
}

JsonObject *
shou_hub_care_new (ShouHubStore *store,
                   const char   *kind,
                   const char   *prefix,
                   const char   *shop_id,
                   JsonObject   *order,
                   const char   *aftersale_id,
                   const char   *nick)
{
  g_autofree char *id = g_strdup_printf ("%s-%" G_GINT64_FORMAT, prefix, shou_hub_store_next_id (store, kind));
  g_autofree char *owner = NULL;
  ShouPlatform platform = SHOU_PLATFORM_TAOBAO;
  JsonObject *object = json_object_new ();

  owner = shou_hub_store_get_shop (store, shop_id, &platform);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "shop_id", shop_id);
  json_object_set_string_member (object, "platform", shou_platform_to_string (platform));
  shou_hub_care_set_optional (object, "order_id", order ? json_object_get_string_member (order, "id") : NULL);
  shou_hub_care_set_optional (object, "order_no", order ? json_object_get_string_member (order, "order_no") : NULL);
  shou_hub_care_set_optional (object, "aftersale_id", aftersale_id);
  json_object_set_string_member (object, "buyer_nick", nick);
  return object;
}

void
shou_hub_care_set_times (JsonObject *object,
                         gint64      now)
{
  json_object_set_string_member (object, "note", "");
  json_object_set_int_member (object, "created_at", now);
  json_object_set_int_member (object, "updated_at", now);
  json_object_set_int_member (object, "version", 1);
}

gboolean
shou_hub_care_find_order (ShouHubStore     *store,
                          const char       *merchant,
                          const char       *shop_id,
                          const char       *order_id,
                          const char       *aftersale_id,
                          JsonObject      **order,
                          ShouHubFailure  **failure)
{
  if (aftersale_id != NULL)
    {
      g_autoptr(ShouHubAftersale) as = shou_hub_store_get_aftersale (store, merchant, aftersale_id);

      if (as == NULL || g_strcmp0 (as->shop_id, shop_id) != 0 ||
          (order_id != NULL && g_strcmp0 (as->order_id, order_id) != 0))
        {
          *failure = shou_hub_failure_bad ("aftersale_id", "unknown_aftersale",
                                           "No after-sales request %s on this shop's order", aftersale_id);
          return FALSE;
        }
      *order = shou_hub_store_get_order (store, merchant, as->order_id);
    }
  else if (order_id != NULL)
    {
      *order = shou_hub_store_get_order (store, merchant, order_id);
      if (*order == NULL || g_strcmp0 (json_object_get_string_member (*order, "shop_id"), shop_id) != 0)
        {
          *failure = shou_hub_failure_bad ("order_id", "unknown_order", "No order %s in this shop", order_id);
          return FALSE;
        }
    }

  return TRUE;
}

JsonObject *
shou_hub_review_create (ShouHubStore     *store,
                        const char       *merchant,
                        JsonObject       *body,
                        const char       *source,
                        gint64            now,
                        ShouHubFailure  **failure)
{
  const char *shop_id = NULL, *order_id = NULL, *aftersale_id = NULL, *nick = NULL;
  const char *rating_name = NULL, *text = NULL, *reason_name = NULL;
  gint64 reviewed_at = now;
  ShouReviewRating rating;
  ShouReviewReason reason = SHOU_REVIEW_REASON_NONE;
  g_autoptr(JsonObject) order = NULL;
  g_autofree char *id = NULL;
  JsonObject *review;

  if (!shou_hub_input_check_fields (body, shou_hub_review_fields, NULL, failure) ||
      !shou_hub_input_string (body, "shop_id", TRUE, &shop_id, failure) ||
      !shou_hub_input_string (body, "order_id", FALSE, &order_id, failure) ||
      !shou_hub_input_string (body, "aftersale_id", FALSE, &aftersale_id, failure) ||
      !shou_hub_input_string (body, "buyer_nick", TRUE, &nick, failure) ||
      !shou_hub_care_check_text ("buyer_nick", nick, TRUE, failure) ||
      !shou_hub_input_string (body, "rating", TRUE, &rating_name, failure) ||
      !shou_hub_input_string (body, "text", FALSE, &text, failure) ||
      !shou_hub_care_check_text ("text", text, FALSE, failure) ||
      !shou_hub_input_string (body, "reason_code", FALSE, &reason_name, failure) ||
      !shou_hub_input_int (body, "reviewed_at", FALSE, &reviewed_at, failure))
    return NULL;
  if (!shou_review_rating_from_string (rating_name, &rating))
    {
      *failure = shou_hub_failure_bad ("rating", "unknown_kind", "The rating is \"neutral\" or \"bad\"");
      return NULL;
    }
  if (reason_name != NULL && !shou_review_reason_from_string (reason_name, &reason))
    {
      *failure = shou_hub_failure_bad ("reason_code", "unknown_reason", "Unknown review reason \"%s\"",
                                       reason_name);
      return NULL;
    }
  if (reviewed_at <= 0 || reviewed_at > now)
    {
      *failure = shou_hub_failure_bad ("reviewed_at", "out_of_range", "The review cannot be in the future");
      return NULL;
    }
  if (!shou_hub_care_find_order (store, merchant, shop_id, order_id, aftersale_id, &order, failure))
    return NULL;

  id = g_strdup_printf ("rv-%" G_GINT64_FORMAT, shou_hub_store_next_id (store, "review"));
  review = json_object_new ();
  json_object_set_string_member (review, "id", id);
  json_object_set_string_member (review, "shop_id", shop_id);
  shou_hub_care_set_optional (review, "order_id", order ? json_object_get_string_member (order, "id") : NULL);
  shou_hub_care_set_optional (review, "order_no", order ? json_object_get_string_member (order, "order_no") : NULL);
  shou_hub_care_set_optional (review, "aftersale_id", aftersale_id);
  json_object_set_string_member (review, "buyer_nick", nick);
  json_object_set_string_member (review, "rating", shou_review_rating_to_string (rating));
  json_object_set_string_member (review, "text", text ? text : "");
  json_object_set_string_member (review, "reason_code", shou_review_reason_to_string (reason));
  json_object_set_string_member (review, "source", source);
  json_object_set_int_member (review, "reviewed_at", reviewed_at);
  /* This one included. */
  json_object_set_int_member (review, "buyer_bad_reviews",
                              shou_hub_store_count_bad_reviews (store, merchant, nick) +
                              (rating == SHOU_REVIEW_RATING_BAD ? 1 : 0));
  json_object_set_null_member (review, "contacted_at");
  json_object_set_null_member (review, "remedy");
  json_object_set_null_member (review, "changed");
  json_object_set_null_member (review, "settled_at");
  json_object_set_null_member (review, "reply");
  json_object_set_int_member (review, "created_at", now);
  json_object_set_int_member (review, "updated_at", now);
  json_object_set_int_member (review, "version", 1);
  return review;
}

gboolean
shou_hub_review_apply (JsonObject       *review,
                       ShouReviewAction  action,
                       JsonObject       *params,
                       gint64            now,
                       ShouHubFailure  **failure)
{
  static const char *const contact_fields[] = { NULL };
  static const char *const remedy_fields[] = { "kind", "amount_fen", NULL };
  static const char *const changed_fields[] = { "changed", NULL };
  static const char *const reply_fields[] = { "text", NULL };
  static const char *const *const fields[] = { contact_fields, remedy_fields, changed_fields, reply_fields };
  ShouReviewState state = shou_review_state_from_json (review);
  const char *kind_name = NULL, *text = NULL, *reason;
  ShouRemedyKind kind = SHOU_REMEDY_GIFT;
  gint64 amount = 0;
  gboolean changed = FALSE;

  g_return_val_if_fail ((guint) action < SHOU_N_REVIEW_ACTIONS, FALSE);
  /* Input first (400), then the rules (422), as for requests. */
  if (!shou_hub_input_check_fields (params, fields[action], "params", failure))
    return FALSE;
  switch (action)
    {
    case SHOU_REVIEW_ACTION_CONTACT:
      break;
    case SHOU_REVIEW_ACTION_OFFER_REMEDY:
      if (!shou_hub_input_string (params, "kind", TRUE, &kind_name, failure) ||
          !shou_hub_input_amount (params, "amount_fen", FALSE, &amount, failure))
        return FALSE;
      if (!shou_remedy_from_string (kind_name, &kind))
        {
          *failure = shou_hub_failure_bad ("kind", "unknown_kind", "Unknown remedy \"%s\"", kind_name);
          return FALSE;
        }
      break;
    case SHOU_REVIEW_ACTION_MARK_CHANGED:
      if (!json_object_has_member (params, "changed"))
        {
          *failure = shou_hub_failure_bad ("changed", "missing_field", "The field \"changed\" is required");
          return FALSE;
        }
      if (!shou_hub_input_bool (params, "changed", &changed, failure))
        return FALSE;
      break;
    case SHOU_REVIEW_ACTION_REPLY:
      if (!shou_hub_input_string (params, "text", TRUE, &text, failure) ||
          !shou_hub_care_check_text ("text", text, TRUE, failure))
        return FALSE;
      if (!shou_validate_no_sensitive (text, NULL))
        {
          *failure = shou_hub_failure_bad ("text", "sensitive_word",
                                           "The reply mentions a third-party platform or payment channel");
          return FALSE;
        }
      break;
    case SHOU_N_REVIEW_ACTIONS:
    default:
      g_assert_not_reached ();
    }

  if (action == SHOU_REVIEW_ACTION_OFFER_REMEDY)
    {
      reason = shou_review_check_remedy (kind, amount, SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN,
                                         state.buyer_bad_reviews, 0);
      if (g_strcmp0 (reason, "amount_out_of_range") == 0)
        {
          *failure = shou_hub_failure_bad ("amount_fen", "amount_out_of_range",
                                           "This remedy needs an amount of at least 1 fen");
          return FALSE;
        }
    }
  reason = shou_review_check_action (&state, action);
  if (reason == NULL && action == SHOU_REVIEW_ACTION_OFFER_REMEDY)
    reason = shou_review_check_remedy (kind, amount, SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN,
                                       state.buyer_bad_reviews, 0);
  if (reason != NULL)
    {
      *failure = shou_hub_failure_new (422, "not_allowed", "Not allowed now (%s)", reason);
      (*failure)->reason = g_strdup (reason);
      return FALSE;
    }

  {
    /* The step as checked (the amount 0 when none was given). */
    g_autoptr(JsonObject) checked = json_object_new ();

    if (kind_name != NULL)
      json_object_set_string_member (checked, "kind", shou_remedy_to_string (kind));
    json_object_set_int_member (checked, "amount_fen", amount);
    json_object_set_boolean_member (checked, "changed", changed);
    if (text != NULL)
      json_object_set_string_member (checked, "text", text);
    shou_review_apply_step (review, action, checked, now);
  }
  json_object_set_int_member (review, "updated_at", now);
  json_object_set_int_member (review, "version", json_object_get_int_member (review, "version") + 1);
  return TRUE;
}
