/* shou-pane-dialogs.h: the dialog of each action for the request a detail
 * pane shows, by name, for callers (tests) that take one without the pane's
 * action. Each calls shou_detail_pane_new_action_dialog (). */
#pragma once

#include <adwaita.h>

#include "shou-detail-pane.h"

G_BEGIN_DECLS

AdwMessageDialog *shou_agree_refund_dialog_new    (ShouDetailPane *pane);
AdwMessageDialog *shou_agree_return_dialog_new    (ShouDetailPane *pane);
AdwMessageDialog *shou_confirm_receipt_dialog_new (ShouDetailPane *pane);
AdwMessageDialog *shou_refuse_receipt_dialog_new  (ShouDetailPane *pane);
AdwMessageDialog *shou_reply_dialog_new           (ShouDetailPane *pane);
AdwMessageDialog *shou_refund_proof_dialog_new    (ShouDetailPane *pane);
AdwMessageDialog *shou_add_evidence_dialog_new    (ShouDetailPane *pane);

G_END_DECLS
