/* shou-group.h: group orders (拼团, seed 003 一):
 * "拼团订单不能直接申请退款,需要拼单成功后申请仅退款 … 或者等到拼单未成功24小时后系统自动退款".
 *
 * A group order is grouping (拼单中) from its payment until the group forms
 * (formed) or its time runs out (failed: the platform refunds it by itself).
 * No after-sales request can be opened before the group formed. Pure
 * functions over the order's group state and when it started; the number is
 * the profile's `group-unformed-refund` fact (Pinduoduo's).
 */
#pragma once

#include <glib.h>

#include "shou-profile.h"
#include "shou-types.h"

G_BEGIN_DECLS

typedef enum
{
  SHOU_GROUP_NONE,      /* not a group order */
  SHOU_GROUP_GROUPING,  /* 拼单中: paid, waiting for the group to form */
  SHOU_GROUP_FORMED,    /* 拼单成功 */
  SHOU_GROUP_FAILED,    /* 拼单未成功: refunded by the platform */
  SHOU_N_GROUP_STATES
} ShouGroupState;

/* Contract codes: "none", "grouping", "formed", "failed". */
const char    *shou_group_state_to_string   (ShouGroupState     state);
gboolean       shou_group_state_from_string (const char        *str,
                                             ShouGroupState    *out);
/* Translated 拼单中 / 拼单成功 / 拼单未成功; %NULL for none. */
const char    *shou_group_state_get_label   (ShouGroupState     state);
/* Whether @profile states the group rule (its group-unformed-refund fact). */
gboolean       shou_group_rule_known        (const ShouProfile *profile);

/**
 * shou_group_evaluate:
 * @recorded: the state last recorded for the order
 * @started_at: when the group started (the order's payment)
 * @out_refund_at: (out) (optional): while grouping, when the platform
 *   refunds the order if the group has not formed by then; else 0
 *
 * Returns: the group's state at @now: a group still grouping when its 24 h
 *   ran out has failed (and is refunded at *@out_refund_at).
 */
ShouGroupState shou_group_evaluate          (const ShouProfile *profile,
                                             ShouGroupState     recorded,
                                             gint64             started_at,
                                             gint64             now,
                                             gint64            *out_refund_at);
/* Whether a buyer may open an after-sales request of @type on an order whose
 * group is in @state: only once it formed (or for an order of no group). */
gboolean       shou_group_can_open          (const ShouProfile *profile,
                                             ShouGroupState     state,
                                             ShouRequestType    type);

G_END_DECLS
