/* shou-nego-page.h: what the negotiation dialog's pages share: the request
 * they show (ShouNegoContext), reading its JSON, the problem line under a
 * send button, toasts, and queueing an action through the store's outbox.
 * A page reaches the dialog through its "nego." actions only:
 *   nego.continue       the seller went past the risk check
 *   nego.reveal-phone   show the buyer's phone on every page
 *   nego.reject         go to the rejection form
 *   nego.sync           ask the main window to sync now
 *   nego.sent (s)       an action (its API name) was queued
 *   nego.close          close the dialog */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "shou-negotiation-state.h"

G_BEGIN_DECLS

/* What every page reads; a page keeps its own copy (with references). */
typedef struct
{
  ShouStore    *store;
  char         *request_id;
  JsonObject   *request;
  ShouProfile  *profile;
  ShouPlatform  platform;
} ShouNegoContext;

void         shou_nego_context_set       (ShouNegoContext       *self,
                                          const ShouNegoContext *from);
void         shou_nego_context_clear     (ShouNegoContext       *self);

/* Shows @text under a send button (hidden when NULL or empty). */
void         shou_nego_set_problem       (GtkLabel    *label,
                                          const char  *text);
/* A toast in the dialog's overlay, found among @widget's ancestors. */
void         shou_nego_toast             (GtkWidget   *widget,
                                          const char  *text);
/* Every send goes through the store's outbox: it works offline and the
 * store checks the rules before anything is queued. On failure the message
 * goes to @problem_label (if any) and a toast; on success a toast says it
 * is saved and "nego.sent" is activated with @action's name. */
gboolean     shou_nego_enqueue           (GtkWidget             *widget,
                                          const ShouNegoContext *ctx,
                                          ShouAction             action,
                                          JsonObject            *params,
                                          GtkLabel              *problem_label);

/* The buyer's phone as a phone row shows it; @can_reveal: a Reveal button
 * would tell more. */
char        *shou_nego_describe_phone    (JsonObject  *request,
                                          gboolean     revealed,
                                          gboolean    *can_reveal);
/* A round as the seller sent it plus how the buyer answered. */
char        *shou_nego_describe_round    (JsonObject  *round);

JsonArray   *shou_nego_strv_to_json      (char       **strv);

/* Clears @list's rows. */
void         shou_nego_clear_list        (GtkListBox  *list);

G_END_DECLS
