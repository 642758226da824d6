/* shou-review.h: bad reviews (中差评) and what a shop does about them
 * (seed 001 篇一, 003): contact the buyer, offer a remedy, learn whether
 * the review changed, and reply in public (评价解释). Pure rules: which
 * follow-up step is allowed now, and which remedy amounts are. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_REVIEW_RATING_NEUTRAL,   /* 中评 */
  SHOU_REVIEW_RATING_BAD,       /* 差评 */
  SHOU_N_REVIEW_RATINGS
} ShouReviewRating;

/* Why the buyer was unhappy, as the shop counts it. */
typedef enum
{
  SHOU_REVIEW_REASON_NONE,              /* no reason written: check the chat first */
  SHOU_REVIEW_REASON_QUALITY,
  SHOU_REVIEW_REASON_NOT_AS_DESCRIBED,
  SHOU_REVIEW_REASON_SIZE,
  SHOU_REVIEW_REASON_LOGISTICS,
  SHOU_REVIEW_REASON_SERVICE,
  SHOU_REVIEW_REASON_PRICE,
  SHOU_REVIEW_REASON_PACKAGING,
  SHOU_REVIEW_REASON_OTHER,
  SHOU_N_REVIEW_REASONS
} ShouReviewReason;

typedef enum
{
  SHOU_REMEDY_GIFT,                  /* a small gift with the next order */
  SHOU_REMEDY_FIRST_WEIGHT_POSTAGE,  /* 包邮首重: the postage of the first weight unit */
  SHOU_REMEDY_PRICE_DIFFERENCE,      /* 补差价, at most the cap (¥5 by default) */
  SHOU_REMEDY_REPLACEMENT,
  SHOU_REMEDY_PARTIAL_REFUND,
  SHOU_N_REMEDIES
} ShouRemedyKind;

typedef enum
{
  SHOU_REVIEW_ACTION_CONTACT,        /* the buyer was contacted */
  SHOU_REVIEW_ACTION_OFFER_REMEDY,
  SHOU_REVIEW_ACTION_MARK_CHANGED,   /* the review changed, or did not: settled */
  SHOU_REVIEW_ACTION_REPLY,          /* the seller's public reply, once */
  SHOU_N_REVIEW_ACTIONS
} ShouReviewAction;

/* The default cap of a price-difference refund, in fen (¥5). */
#define SHOU_REVIEW_PRICE_DIFFERENCE_CAP_FEN 500
/* A buyer with this many bad reviews may be offered more than the cap. */
#define SHOU_REVIEW_REPEAT_BUYER 6
/* Longest reply and note, in characters. */
#define SHOU_REVIEW_TEXT_MAX 500

typedef struct
{
  gboolean contacted;
  gboolean settled;           /* the change question has been answered */
  gboolean replied;
  guint    buyer_bad_reviews; /* the buyer's bad reviews in the merchant's shops, this one included */
} ShouReviewState;

const char *shou_review_rating_to_string  (ShouReviewRating  rating);
gboolean    shou_review_rating_from_string (const char       *text,
                                            ShouReviewRating *out);
const char *shou_review_reason_to_string  (ShouReviewReason  reason);
gboolean    shou_review_reason_from_string (const char       *text,
                                            ShouReviewReason *out);
const char *shou_remedy_to_string         (ShouRemedyKind    kind);
gboolean    shou_remedy_from_string       (const char       *text,
                                           ShouRemedyKind   *out);
const char *shou_review_action_to_string  (ShouReviewAction  action);
gboolean    shou_review_action_from_string (const char       *text,
                                            ShouReviewAction *out);

/* %NULL when @action is allowed in @state, else the reason code the API
 * answers with 422: "review_settled", "not_contacted", "already_replied". */
const char *shou_review_check_action      (const ShouReviewState *state,
                                           ShouReviewAction       action);

/* Checks a remedy's amount. Returns %NULL when it may be offered, else
 * "amount_out_of_range" (bad input: zero where an amount is needed,
 * above @paid_fen, or negative) or "over_remedy_cap" (a price difference
 * above @cap_fen for a buyer with fewer than SHOU_REVIEW_REPEAT_BUYER bad
 * reviews: the shop's policy, 422). @paid_fen 0 means unknown (no bound). */
const char *shou_review_check_remedy      (ShouRemedyKind  kind,
                                           gint64          amount_fen,
                                           gint64          cap_fen,
                                           guint           buyer_bad_reviews,
                                           gint64          paid_fen);
/* Whether the remedy needs an amount (refunds and postage). */
gboolean    shou_remedy_needs_amount      (ShouRemedyKind  kind);

/* TRUE when the review says nothing the shop can act on: the seller checks
 * the chat with the buyer before contacting them (001 篇一). */
gboolean    shou_review_needs_chat_check  (ShouReviewReason  reason,
                                           const char       *text);

/* A review as the contract has it (API.md "review"): where its follow-up
 * stands, for shou_review_check_action(). */
ShouReviewState shou_review_state_from_json (JsonObject       *review);
/* Applies a checked step to @review (its contacted_at, remedy, changed and
 * settled_at, or reply) at @now; @params as POST /v1/reviews/{id}/actions
 * takes them. The version is the caller's. */
void        shou_review_apply_step        (JsonObject       *review,
                                           ShouReviewAction  action,
                                           JsonObject       *params,
                                           gint64            now);

G_END_DECLS
