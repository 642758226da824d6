/* shou-autorule-text.h: automatic rules in the seller's words. */
#pragma once

#include "core/shou-autorule.h"
#include "store/shou-store-autorules.h"

G_BEGIN_DECLS

/* Order states a condition names ("unshipped", "shipped", "signed"). */
#define SHOU_AUTORULE_N_ORDER_WORDS 3
extern const char * const shou_autorule_order_words[SHOU_AUTORULE_N_ORDER_WORDS];
#define SHOU_AUTORULE_N_LOGISTICS_WORDS 2
extern const char * const shou_autorule_logistics_words[SHOU_AUTORULE_N_LOGISTICS_WORDS];

const char *shou_autorule_action_get_label     (ShouAutoruleAction    action);
const char *shou_autorule_order_word_get_label (const char           *word);
const char *shou_autorule_logistics_get_label  (const char           *word);
const char *shou_autorule_log_state_get_label  (ShouAutoruleLogState  state);
/* Returns: (transfer full): "仅退款 · 未发货 · 金额不超过 ¥50.00 → 同意退款". */
char       *shou_autorule_describe             (const ShouAutorule   *rule);

G_END_DECLS
