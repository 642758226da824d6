/* shou-incidents-page.h: 物流异常 — logistics incidents (001 篇七): each
 * with the steps its kind suggests, the resend and the courier claim. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-care.h"

G_BEGIN_DECLS

#define SHOU_TYPE_INCIDENTS_PAGE (shou_incidents_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouIncidentsPage, shou_incidents_page, SHOU, INCIDENTS_PAGE, GtkWidget)

GtkWidget *shou_incidents_page_new    (ShouStore         *store);
void       shou_incidents_page_reload (ShouIncidentsPage *self);

G_END_DECLS
