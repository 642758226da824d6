/* shou-autorule.h: automatic handling rules (自动处理规则). A rule is an
 * ordered list of conditions and one action; given the facts of one
 * request (as it stands now, or as it stood when it arrived for a dry run),
 * the buyer's earlier requests and the ordered rules, the first rule that
 * matches acts. Pure: no clock, no storage. The runner (desktop or hub)
 * gathers the facts, keeps the caps and the undo window. */
#pragma once

#include <json-glib/json-glib.h>

#include "shou-domain.h"
#include "shou-profile.h"
#include "shou-types.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_AUTORULE_COND_PLATFORM,        /* text: "taobao" */
  SHOU_AUTORULE_COND_SHOP,            /* text: shop id */
  SHOU_AUTORULE_COND_TYPE,            /* text: "refund_only" */
  SHOU_AUTORULE_COND_ORDER_STATE,     /* text: "unshipped" | "shipped" | "signed" */
  SHOU_AUTORULE_COND_AMOUNT_MAX,      /* number: fen, at most */
  SHOU_AUTORULE_COND_REASON,          /* text: reason code */
  SHOU_AUTORULE_COND_SKU,             /* text: exact SKU */
  SHOU_AUTORULE_COND_TAG,             /* text: the request has this tag */
  SHOU_AUTORULE_COND_HISTORY_MAX,     /* number: buyer's other requests in 90 days, at most */
  SHOU_AUTORULE_COND_LOGISTICS,       /* text: "none" (no return shipment) | "delivered" */
  SHOU_AUTORULE_COND_TIME_LEFT_MIN,   /* number: minutes to the deadline, at least */
  SHOU_AUTORULE_COND_TIME_LEFT_MAX,   /* number: minutes to the deadline, at most */
  SHOU_N_AUTORULE_CONDS
} ShouAutoruleCondKind;

typedef enum
{
  SHOU_AUTORULE_AGREE_REFUND,
  SHOU_AUTORULE_AGREE_RETURN,         /* arg: return address id */
  SHOU_AUTORULE_NEGOTIATE,            /* arg: script id, round 1 */
  SHOU_AUTORULE_ADD_TAG,              /* arg: the tag */
  SHOU_AUTORULE_NOTIFY,
  SHOU_N_AUTORULE_ACTIONS
} ShouAutoruleAction;

typedef struct
{
  ShouAutoruleCondKind  kind;
  char                 *text;
  gint64                number;
} ShouAutoruleCond;

typedef struct
{
  char               *id;
  char               *name;
  gboolean            enabled;
  GPtrArray          *conds;           /* element-type ShouAutoruleCond, all must hold */
  ShouAutoruleAction  action;
  char               *arg;
  char              **exclude_tags;    /* nullable */
  gint64              cap_count;       /* per Asia/Shanghai day; 0: no actions */
  gint64              cap_amount_fen;  /* per day */
} ShouAutorule;

/* What a rule may look at, gathered by the runner. */
typedef struct
{
  const char         *request_id;
  gint64              version;
  ShouPlatform        platform;
  const char         *shop_id;
  ShouRequestType     type;
  ShouRequestStatus   status;
  ShouOrderState      order_state;
  ShouGoodStatus      good_status;
  gint64              amount_fen;
  const char         *reason_code;
  const char         *sku;
  const char * const *tags;            /* nullable, NULL-terminated */
  gboolean            has_return_shipment;
  gboolean            return_delivered;
  gint64              deadline_at;     /* 0: none */
  guint               allowed;         /* SHOU_ACTION_BIT mask */
  gboolean            conflict;
  gboolean            has_note;
  gboolean            claimed_by_other;
  const gint64       *history;         /* opened_at of the buyer's other requests */
  guint               n_history;
} ShouAutoruleFacts;

typedef enum
{
  SHOU_AUTORULE_NO_MATCH,      /* no enabled rule matches */
  SHOU_AUTORULE_MATCH,         /* rule (index) acts */
  SHOU_AUTORULE_BLOCKED,       /* conflict, note or claim: no rule acts */
} ShouAutoruleVerdict;

typedef struct
{
  ShouAutoruleVerdict verdict;
  int                 rule;    /* index into the rules, -1 unless MATCH */
} ShouAutoruleDecision;

#define SHOU_AUTORULE_HISTORY_DAYS 90

void              shou_autorule_cond_free    (ShouAutoruleCond *cond);
ShouAutoruleCond *shou_autorule_cond_new     (ShouAutoruleCondKind kind,
                                              const char          *text,
                                              gint64               number);
/* Returns: (transfer full): a disabled rule without conditions, with a new id. */
ShouAutorule     *shou_autorule_new          (const char          *name,
                                              ShouAutoruleAction   action,
                                              const char          *arg);
void              shou_autorule_free         (ShouAutorule        *rule);
ShouAutorule     *shou_autorule_copy         (const ShouAutorule  *rule);

const char       *shou_autorule_cond_kind_to_string   (ShouAutoruleCondKind kind);
gboolean          shou_autorule_cond_kind_from_string (const char           *str,
                                                       ShouAutoruleCondKind *out);
gboolean          shou_autorule_cond_is_number        (ShouAutoruleCondKind kind);
const char       *shou_autorule_action_to_string      (ShouAutoruleAction   action);
gboolean          shou_autorule_action_from_string    (const char           *str,
                                                       ShouAutoruleAction   *out);
/* The outbox action an automatic action sends, or SHOU_N_ACTIONS for the
 * local ones (tag, notify). */
ShouAction        shou_autorule_action_outbox         (ShouAutoruleAction   action);

/* Returns: TRUE when @cond holds for @facts at @now. */
gboolean          shou_autorule_cond_matches (const ShouAutoruleCond  *cond,
                                              const ShouAutoruleFacts *facts,
                                              gint64                   now);
/* Returns: TRUE when every condition holds, no excluded tag is on the
 * request and its action is allowed now (enabled or not). */
gboolean          shou_autorule_matches      (const ShouAutorule      *rule,
                                              const ShouAutoruleFacts *facts,
                                              gint64                   now);
/* The first enabled rule of @rules (element-type ShouAutorule) that
 * matches acts. With @include_disabled (a dry run) disabled rules count too. */
ShouAutoruleDecision shou_autorule_decide    (GPtrArray               *rules,
                                              const ShouAutoruleFacts *facts,
                                              gint64                   now,
                                              gboolean                 include_disabled);

/* Returns: (transfer full): "rule-" and 32 hex digits from (rule, request,
 * version): two runners deriving it queue the same action once. */
char             *shou_autorule_idempotency_key (const char *rule_id,
                                                 const char *request_id,
                                                 gint64      version);
/* When an action queued at @queued_at goes: after @undo_window, or
 * @margin before the deadline if that is earlier, never before @queued_at. */
gint64            shou_autorule_send_at      (gint64 queued_at,
                                              gint64 undo_window,
                                              gint64 deadline_at,
                                              gint64 margin);
/* The start (UTC usec) of the Asia/Shanghai day holding @now. */
gint64            shou_autorule_day_start    (gint64 now);
/* TRUE when one more action of @amount_fen stays within the caps after
 * @count actions of @amount_total_fen today. */
gboolean          shou_autorule_within_caps  (const ShouAutorule *rule,
                                              gint64              count,
                                              gint64              amount_total_fen,
                                              gint64              amount_fen);

/* The facts of @aftersale as it stands now (pointers borrowed from it);
 * the caller adds tags, conflict, note, claim and history. */
void              shou_autorule_facts_now    (const ShouAftersale *aftersale,
                                              ShouAutoruleFacts   *facts);
/* The facts of @aftersale as it stood when it arrived: waiting for the
 * seller at version 1, no return shipment, with the deadline and the
 * allowed actions @profile gives a new request. Returns: the arrival
 * time, or 0 when @profile would not let such a request open. */
gint64            shou_autorule_facts_at_arrival (const ShouAftersale *aftersale,
                                                  const ShouProfile   *profile,
                                                  ShouAutoruleFacts   *facts);

/* Returns: (transfer full): {"id", "name", "enabled", "conds": [{"kind",
 * "text"|"number"}], "action", "arg", "exclude_tags", "cap_count",
 * "cap_amount_fen"}. */
JsonObject       *shou_autorule_to_json      (const ShouAutorule *rule);
/* Returns: (transfer full): the rule, or NULL with a SHOU_DOMAIN_ERROR. */
ShouAutorule     *shou_autorule_from_json    (JsonObject         *object,
                                              GError            **error);
/* Returns: (transfer full): the params of the outbox action @rule sends
 * for a request of @amount_fen (API.md "POST /v1/aftersales/{id}/actions");
 * empty for the local actions. */
JsonObject       *shou_autorule_action_params (const ShouAutorule *rule,
                                               gint64              amount_fen);
/* An export file: {"autorules": [rule…]} in order. */
char             *shou_autorules_to_text     (GPtrArray          *rules);
GPtrArray        *shou_autorules_from_text   (const char         *text,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouAutoruleCond, shou_autorule_cond_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouAutorule, shou_autorule_free)

G_END_DECLS
