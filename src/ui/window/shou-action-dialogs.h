/* shou-action-dialogs.h: confirmation dialogs for the seller's actions on
 * the request shown in a ShouDetailPane. Each queues its action through
 * shou_detail_pane_enqueue () when the seller confirms. Money actions
 * (agree refund, confirm receipt) default to Cancel; confirming receipt
 * while the return is still in transit asks a second time. */
#pragma once

#include <adwaita.h>

#include "shou-detail-pane.h"

G_BEGIN_DECLS

/* Response ids, for tests that answer a dialog. */
#define SHOU_RESPONSE_CANCEL "cancel"
#define SHOU_RESPONSE_OK     "ok"

AdwMessageDialog *shou_agree_refund_dialog_new    (ShouDetailPane *pane);
AdwMessageDialog *shou_agree_return_dialog_new    (ShouDetailPane *pane);
AdwMessageDialog *shou_confirm_receipt_dialog_new (ShouDetailPane *pane);
AdwMessageDialog *shou_refuse_receipt_dialog_new  (ShouDetailPane *pane);
AdwMessageDialog *shou_reply_dialog_new           (ShouDetailPane *pane);
/* Cash on delivery: the seller refunded the buyer and attaches the proof. */
AdwMessageDialog *shou_refund_proof_dialog_new    (ShouDetailPane *pane);
/* Under intervention: evidence for the platform's ticket, each file sent as
 * it is added. */
AdwMessageDialog *shou_add_evidence_dialog_new    (ShouDetailPane *pane);

G_END_DECLS
