/* shou-receipt-check-dialog.h: the seller's checks of a returned parcel.
 * shou_receipt_check_dialog_new() is declared in shou-logistics.h. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_RECEIPT_CHECK_DIALOG (shou_receipt_check_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShouReceiptCheckDialog, shou_receipt_check_dialog, SHOU, RECEIPT_CHECK_DIALOG, AdwWindow)

/* Signals: "done" (int ShouAction): confirm_receipt or refuse_receipt is
 * durable in the outbox; the window closes. */

void        shou_receipt_check_dialog_set_checks (ShouReceiptCheckDialog *self,
                                                  gboolean                received,
                                                  gboolean                damaged,
                                                  gboolean                missing_parts);
GtkWidget  *shou_receipt_check_dialog_get_evidence_picker (ShouReceiptCheckDialog *self);
const char *shou_receipt_check_dialog_get_error  (ShouReceiptCheckDialog *self);

G_END_DECLS
