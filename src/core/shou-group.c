/* shou-group.c: group orders (拼团, seed 003 一) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-group.h"

#define UNFORMED_REFUND_FACT "group-unformed-refund"

static const char * const state_names[] = { "none", "grouping", "formed", "failed" };
G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == SHOU_N_GROUP_STATES);
static const char * const state_labels[] = {
  NULL, N_("Grouping"), N_("Group formed"), N_("Group not formed"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (state_labels) == SHOU_N_GROUP_STATES);

const char *
shou_group_state_get_label (ShouGroupState state)
{
  g_return_val_if_fail ((guint) state < SHOU_N_GROUP_STATES, NULL);
  /* 拼单中 / 拼单成功 / 拼单未成功; none: not a group order, no label. */
  return state_labels[state] != NULL ? g_dgettext (GETTEXT_PACKAGE, state_labels[state]) : NULL;
}

const char *
shou_group_state_to_string (ShouGroupState state)
{
  g_return_val_if_fail ((guint) state < SHOU_N_GROUP_STATES, NULL);
  return state_names[state];
}

gboolean
shou_group_state_from_string (const char     *str,
                              ShouGroupState *out)
{
  for (guint i = 0; str != NULL && i < SHOU_N_GROUP_STATES; i++)
    if (g_str_equal (str, state_names[i]))
      {
        *out = (ShouGroupState) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
shou_group_rule_known (const ShouProfile *profile)
{
  const ShouProfileFact *fact;

  g_return_val_if_fail (profile != NULL, FALSE);

  fact = shou_profile_find_fact (profile, UNFORMED_REFUND_FACT);
  return fact != NULL && fact->duration > 0;
}

ShouGroupState
shou_group_evaluate (const ShouProfile *profile,
                     ShouGroupState     recorded,
                     gint64             started_at,
                     gint64             now,
                     gint64            *out_refund_at)
{
  gint64 refund_at;

  g_return_val_if_fail (profile != NULL, recorded);
  g_return_val_if_fail ((guint) recorded < SHOU_N_GROUP_STATES, recorded);

  if (out_refund_at != NULL)
    *out_refund_at = 0;
  if (recorded != SHOU_GROUP_GROUPING || !shou_group_rule_known (profile))
    return recorded;

  /* 拼单未成功24小时后系统自动退款: at the 24th hour the group has failed. */
  refund_at = started_at + shou_profile_find_fact (profile, UNFORMED_REFUND_FACT)->duration;
  if (now >= refund_at)
    return SHOU_GROUP_FAILED;
  if (out_refund_at != NULL)
    *out_refund_at = refund_at;
  return SHOU_GROUP_GROUPING;
}

gboolean
shou_group_can_open (const ShouProfile *profile,
                     ShouGroupState     state,
                     ShouRequestType    type)
{
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail ((guint) type < SHOU_N_REQUEST_TYPES, FALSE);

  /* 拼团订单不能直接申请退款,需要拼单成功后申请仅退款: nothing before the group
   * formed; a failed group is refunded by the platform itself. */
  if (!shou_group_rule_known (profile))
    return TRUE;
  return state == SHOU_GROUP_NONE || state == SHOU_GROUP_FORMED;
}
