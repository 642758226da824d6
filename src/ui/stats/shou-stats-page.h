/* shou-stats-page.h: 统计 — a shop's (or all shops') after-sales figures for
 * today, 7 or 30 days, beside the period before, with bar charts of the
 * reasons and SKUs, and their export as CSV. */
#pragma once

#include <adwaita.h>

#include "store/shou-store-stats.h"
#include "shou-bar-chart.h"
#include "shou-line-chart.h"

G_BEGIN_DECLS

/* The sidebar's view name of the page. */
#define SHOU_STATS_VIEW_NAME "stats"

#define SHOU_TYPE_STATS_PAGE (shou_stats_page_get_type ())
G_DECLARE_FINAL_TYPE (ShouStatsPage, shou_stats_page, SHOU, STATS_PAGE, GtkWidget)

GtkWidget    *shou_stats_page_new          (ShouStore     *store);
void          shou_stats_page_set_shop_id  (ShouStatsPage *self,
                                            const char    *shop_id);
/* The days from @first_day to @last_day (UTC µs of any time in them;
 * Shanghai days, both included), beside as many days before them. */
void          shou_stats_page_set_range    (ShouStatsPage *self,
                                            gint64         first_day,
                                            gint64         last_day);
/* 1 (today), 7 or 30 days ending today. */
void          shou_stats_page_set_days     (ShouStatsPage *self,
                                            guint          days);
/* 1, 7, 30, or 0 for a custom range. */
guint         shou_stats_page_get_days     (ShouStatsPage *self);
/* The time "today" is taken from (UTC µs); 0: the real time. */
void          shou_stats_page_set_now      (ShouStatsPage *self,
                                            gint64         now);
/* Reads the figures again now. */
void          shou_stats_page_reload       (ShouStatsPage *self);
/* The label that shows figure @title's value (and in @previous, if not
 * NULL, the one that shows the period before), or NULL. */
GtkLabel     *shou_stats_page_find_value   (ShouStatsPage *self,
                                            const char    *title,
                                            GtkLabel     **previous);
ShouBarChart *shou_stats_page_get_chart    (ShouStatsPage *self,
                                            ShouStatsBy    by);
/* The daily lines: 0 counts, 1 rates. */
ShouLineChart *shou_stats_page_get_line_chart (ShouStatsPage *self,
                                               guint          i);
/* Writes the page's figures as CSV to @file. */
gboolean      shou_stats_page_export_csv   (ShouStatsPage *self,
                                            GFile         *file,
                                            GError       **error);
/* Writes the figures to @file (XLSX by its name, else CSV) in a thread,
 * showing its progress and a cancel button on the page until done. */
void          shou_stats_page_start_export (ShouStatsPage *self,
                                            GFile         *file);
gboolean      shou_stats_page_is_exporting (ShouStatsPage *self);
/* Saves the weekly report (the last seven days of the page's shop) as PDF
 * to the local file @pdf. */
gboolean      shou_stats_page_export_report (ShouStatsPage *self,
                                             GFile         *pdf,
                                             GError       **error);

/* Shows a page in @flap's content instead of the queue while @sidebar's
 * view is SHOU_STATS_VIEW_NAME, for @sidebar's shop. Returns the page
 * (owned by the flap or @sidebar). */
ShouStatsPage *shou_stats_page_attach      (AdwFlap       *flap,
                                            GObject       *sidebar,
                                            ShouStore     *store);

G_END_DECLS
