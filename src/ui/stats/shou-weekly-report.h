/* shou-weekly-report.h: 周报 — one page that sums up a shop's (or all
 * shops') last seven days against the seven before: the figures, the top
 * reasons, the top SKUs with their quality-problem share, the requests the
 * platform decided after a deadline lapsed and the open interventions.
 * Printed, or saved as PDF, through GtkPrintOperation. */
#pragma once

#include <gtk/gtk.h>

#include "store/shou-store-stats.h"

G_BEGIN_DECLS

typedef struct _ShouWeeklyReport ShouWeeklyReport;

/* The week of @shop_key (NULL: all shops) that ends with the Shanghai day
 * of @now (UTC µs; 0: now), read from @store. */
ShouWeeklyReport *shou_weekly_report_new    (ShouStore         *store,
                                             const char        *shop_key,
                                             gint64             now,
                                             GError           **error);
void              shou_weekly_report_free   (ShouWeeklyReport  *self);
/* Draws the report on @cr in a page of @width × @height points. */
void              shou_weekly_report_draw   (ShouWeeklyReport  *self,
                                             cairo_t           *cr,
                                             PangoContext      *context,
                                             double             width,
                                             double             height);
/* Saves the report as a one-page PDF at the local file @pdf, without a
 * dialog. */
gboolean          shou_weekly_report_export_pdf (ShouWeeklyReport *self,
                                                 GFile            *pdf,
                                                 GError          **error);
/* Shows the print dialog over @parent (which offers printers and 打印到
 * 文件 as PDF) and prints; takes @self. */
void              shou_weekly_report_print  (ShouWeeklyReport  *self,
                                             GtkWindow         *parent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouWeeklyReport, shou_weekly_report_free)

G_END_DECLS
