/* shou-complaint-dialogs.h: the 投诉 tab's small windows: register a
 * complaint by hand (also one from outside the platform), compensate,
 * give evidence, finish. Each queues its step through the store (the
 * outbox) and reports a refusal in the window. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-care.h"

G_BEGIN_DECLS

void        shou_complaint_dialog_register   (GtkWidget  *parent,
                                              ShouStore  *store);
void        shou_complaint_dialog_compensate (GtkWidget  *parent,
                                              ShouStore  *store,
                                              const char *key);
void        shou_complaint_dialog_evidence   (GtkWidget  *parent,
                                              ShouStore  *store,
                                              const char *key);
void        shou_complaint_dialog_finish     (GtkWidget  *parent,
                                              ShouStore  *store,
                                              const char *key);

/* The words for a channel code ("12315") and an outcome code. */
const char *shou_complaint_channel_label     (const char *channel);
const char *shou_complaint_outcome_label     (const char *outcome);

G_END_DECLS
