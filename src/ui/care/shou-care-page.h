/* shou-care-page.h: 售后关怀 (Alt+9) — after-sales care beyond requests,
 * one sidebar view with a switcher: 中差评 (bad reviews, shou-reviews-page),
 * 投诉 (complaints, shou-complaints-page) and 回访 (return visits,
 * shou-visits-page). A desktop notification says when visits fall due. */
#pragma once

#include <adwaita.h>

#include "shou-complaints-page.h"
#include "shou-incidents-page.h"
#include "shou-reviews-page.h"
#include "shou-visits-page.h"

G_BEGIN_DECLS

/* The sidebar's view name of the page. */
#define SHOU_CARE_VIEW_NAME "reviews"

#define SHOU_TYPE_CARE_PAGE (shou_care_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouCarePage, shou_care_page, SHOU, CARE_PAGE, GtkWidget)

GtkWidget          *shou_care_page_new            (ShouStore    *store);
ShouReviewsPage    *shou_care_page_get_reviews    (ShouCarePage *self);
ShouComplaintsPage *shou_care_page_get_complaints (ShouCarePage *self);
ShouVisitsPage     *shou_care_page_get_visits     (ShouCarePage *self);
ShouIncidentsPage  *shou_care_page_get_incidents  (ShouCarePage *self);
/* Shows the tab @name: "reviews", "complaints", "visits" or "incidents". */
void                shou_care_page_show           (ShouCarePage *self,
                                                   const char   *name);

/* Shows a page in @flap's content instead of the queue while @sidebar's
 * view is SHOU_CARE_VIEW_NAME. Attach it before any other page that
 * takes the flap's content (it shows itself after their handlers ran). */
ShouCarePage *shou_care_page_attach (AdwFlap   *flap,
                                     GObject   *sidebar,
                                     ShouStore *store);

G_END_DECLS
