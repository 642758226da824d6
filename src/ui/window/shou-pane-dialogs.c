/* shou-pane-dialogs.c
 *
 * Copyright 2026 The Shouhou authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "shou-pane-dialogs.h"

#define ACTION_DIALOG_NEW(function, name) \
  AdwMessageDialog *function (ShouDetailPane *pane) \
  {                                                    \
    return shou_detail_pane_new_action_dialog (pane, name); \
  }

ACTION_DIALOG_NEW (shou_agree_refund_dialog_new, "agree-refund")
ACTION_DIALOG_NEW (shou_agree_return_dialog_new, "agree-return")
ACTION_DIALOG_NEW (shou_confirm_receipt_dialog_new, "confirm-receipt")
ACTION_DIALOG_NEW (shou_refuse_receipt_dialog_new, "refuse-receipt")
ACTION_DIALOG_NEW (shou_reply_dialog_new, "reply")
ACTION_DIALOG_NEW (shou_refund_proof_dialog_new, "upload-refund-proof")
ACTION_DIALOG_NEW (shou_add_evidence_dialog_new, "add-evidence")
