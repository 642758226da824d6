/* shou-logistics-dialog.h: logistics entry for an exchange or resend.
 * shou_logistics_dialog_new() is declared in shou-logistics.h. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_LOGISTICS_DIALOG (shou_logistics_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ShouLogisticsDialog, shou_logistics_dialog, SHOU, LOGISTICS_DIALOG, AdwWindow)

/* Signals: "shipped": the action is durable in the outbox; the window closes. */

/* Picks the carrier by code ("SF"); FALSE for an unknown code. */
gboolean    shou_logistics_dialog_select_carrier (ShouLogisticsDialog *self,
                                                  const char          *code);
const char *shou_logistics_dialog_get_carrier    (ShouLogisticsDialog *self);
/* Types into the tracking number field, as the seller would. */
/* 其他快递: the carrier name entry, shown only when SHOU_CARRIER_OTHER is chosen. */
void        shou_logistics_dialog_set_carrier_name (ShouLogisticsDialog *self,
                                                  const char          *text);
gboolean    shou_logistics_dialog_get_carrier_name_visible (ShouLogisticsDialog *self);
void        shou_logistics_dialog_set_tracking_number (ShouLogisticsDialog *self,
                                                  const char          *text);
/* Why the entry cannot be shipped now, or NULL. */
const char *shou_logistics_dialog_get_error      (ShouLogisticsDialog *self);
gboolean    shou_logistics_dialog_get_can_ship   (ShouLogisticsDialog *self);

G_END_DECLS
