/* shou-action-dialogs.h: confirmation dialogs for the seller's actions on
 * one request. A dialog gets the request and the store it needs, and hands
 * the confirmed action to its target's queue (the detail pane's). Money
 * actions (agree refund, confirm receipt) default to Cancel; confirming
 * receipt while the return is still in transit asks a second time. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

/* Response ids, for tests that answer a dialog. */
#define SHOU_RESPONSE_CANCEL "cancel"
#define SHOU_RESPONSE_OK     "ok"

/* What a dialog acts on, and where it sends the result. The dialog copies
 * it; @store and @user_data must outlive the dialog. */
typedef struct
{
  GtkWindow  *parent;      /* nullable */
  ShouStore  *store;
  const char *request_id;  /* the request's store key */
  JsonObject *request;     /* as shou_store_get_request () gives it */
  gint64      now;         /* the window's clock (the platform's time), 0: the system's */
  /* Queues @action with @params for the request (and says so in a toast). */
  void      (*queue)   (gpointer    user_data,
                        ShouAction  action,
                        JsonObject *params);
  /* Shows a dialog that follows this one (a second confirmation). */
  void      (*present) (gpointer    user_data,
                        GtkWindow  *dialog);
  gpointer    user_data;
} ShouActionTarget;

/* @name: the action, as the pane's "request.<name>": agree-refund,
 * agree-refund-code (again, with the platform's SMS verification code, in
 * params "verification_code"), agree-return, confirm-receipt, refuse-receipt, reply,
 * upload-refund-proof (cash on delivery: the proof of the refund), or
 * add-evidence (under intervention: evidence for the platform's ticket,
 * each file sent as it is added). */
AdwMessageDialog *shou_action_dialog_new (const char             *name,
                                          const ShouActionTarget *target);

G_END_DECLS
