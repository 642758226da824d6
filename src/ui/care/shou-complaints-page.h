/* shou-complaints-page.h: 投诉 — open complaints with the platform's
 * deadlines as live countdowns, what happens when each lapses, whether
 * the shop can still avoid a penalty by compensating within 24 h, and the
 * seller's steps (handled, compensate, the platform intervened, evidence,
 * finish). The buyer's words are shown as text, never as markup. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-care.h"

G_BEGIN_DECLS

#define SHOU_TYPE_COMPLAINTS_PAGE (shou_complaints_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouComplaintsPage, shou_complaints_page, SHOU, COMPLAINTS_PAGE, GtkWidget)

GtkWidget *shou_complaints_page_new     (ShouStore          *store);
void       shou_complaints_page_reload  (ShouComplaintsPage *self);
/* The time the countdowns count from (UTC µs); 0: the real time. */
void       shou_complaints_page_set_now (ShouComplaintsPage *self,
                                         gint64              now);
/* How many open complaints there are, as last shown (for the switcher). */
guint      shou_complaints_page_get_n_open (ShouComplaintsPage *self);

/* What happens when @deadline lapses, in words. */
const char *shou_complaint_deadline_lapse (ShouComplaintDeadline deadline);
/* Who must act by @deadline and what, in words ("卖家处理"). */
const char *shou_complaint_deadline_label (ShouComplaintDeadline deadline);

G_END_DECLS
