/* shou-stats-figures.h: the statistics in the seller's words — each figure
 * of a period beside the period before, as text, for the page and for
 * export. */
#pragma once

#include <gio/gio.h>

#include "store/shou-store-stats.h"

G_BEGIN_DECLS

typedef struct
{
  char *category;   /* "指标", "原因", "SKU"… */
  char *item;       /* "退款率", "质量问题"… */
  char *current;
  char *previous;
} ShouStatsRow;

/* The figures (category "Figure") and the counts by reason, SKU, shop,
 * platform and type of @current, each with @previous's value. */
GPtrArray  *shou_stats_figures_rows      (const ShouStats *current,
                                          const ShouStats *previous);
/* The label of a count's key: a reason, type or platform in the UI's
 * language, a shop's name, "No SKU" for an empty SKU. */
const char *shou_stats_figures_key_label (ShouStatsBy         by,
                                          const ShouStatsCount *count);
/* Writes @rows as CSV (UTF-8 with a BOM, so that Excel reads it as such;
 * Chinese headers through gettext) to @file. */
gboolean    shou_stats_figures_write_csv (GPtrArray  *rows,
                                          GFile      *file,
                                          GError    **error);

/* Whether this build writes XLSX (libxlsxwriter). */
gboolean    shou_stats_figures_can_write_xlsx (void);
/* Writes @rows as one XLSX sheet (counts as numbers, the rest as text) to
 * the local file @file. */
gboolean    shou_stats_figures_write_xlsx (GPtrArray  *rows,
                                           GFile      *file,
                                           GError    **error);

/* How far a write is, from 0 to 1. */
typedef void (*ShouStatsProgress) (double   fraction,
                                   gpointer data);

/* Writes @rows as XLSX (@xlsx) or CSV in a thread, checking @cancellable
 * and calling @progress in the caller's main context every 512 rows. A
 * cancelled XLSX leaves no file; a cancelled CSV leaves the old one. */
void        shou_stats_figures_write_async  (GPtrArray           *rows,
                                             GFile               *file,
                                             gboolean             xlsx,
                                             GCancellable        *cancellable,
                                             ShouStatsProgress    progress,
                                             gpointer             progress_data,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    shou_stats_figures_write_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
