/* shou-weekly-report.c: the weekly report's figures and its one printed
 * page (pango and cairo on GtkPrintOperation's context). */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-stats-figures.h"
#include "shou-weekly-report.h"

#define TOP_N      5
#define MARGIN     48.0
#define ROW_GAP    4.0
#define ACCENT_R   0.21
#define ACCENT_G   0.52
#define ACCENT_B   0.89

struct _ShouWeeklyReport
{
  ShouStats *cur;
  ShouStats *prev;
  GPtrArray *rows;        /* ShouStatsRow of the figures */
  GPtrArray *skus;        /* ShouStatsSku, this week */
  gint64     interventions;
  char      *scope;       /* 全部店铺 or the shop's name */
  char      *period;
  char      *generated;
};

void
shou_weekly_report_free (ShouWeeklyReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cur, shou_stats_free);
  g_clear_pointer (&self->prev, shou_stats_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->skus, g_ptr_array_unref);
  g_free (self->scope);
  g_free (self->period);
  g_free (self->generated);
  g_free (self);
}

static char *
format_day (gint64 t)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, tz);

  /* Translators: a date in the weekly report, e.g. 12月7日 */
  return g_date_time_format (local, _("%b %-d"));
}

ShouWeeklyReport *
shou_weekly_report_new (ShouStore   *store,
                        const char  *shop_key,
                        gint64       now,
                        GError     **error)
{
  g_autoptr(ShouWeeklyReport) self = g_new0 (ShouWeeklyReport, 1);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *today = NULL;
  gint64 from, to;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  if (now == 0)
    now = g_get_real_time ();
  to = shou_stats_day_start (now) + G_TIME_SPAN_DAY;
  from = to - 7 * G_TIME_SPAN_DAY;
  if ((self->cur = shou_store_get_stats (store, shop_key, from, to, error)) == NULL ||
      (self->prev = shou_store_get_stats (store, shop_key, from - 7 * G_TIME_SPAN_DAY, from, error)) == NULL ||
      (self->skus = shou_store_get_top_skus (store, shop_key, from, to, TOP_N, error)) == NULL ||
      (self->interventions = shou_store_count_open_interventions (store, shop_key, error)) < 0)
    return NULL;
  self->rows = shou_stats_figures_rows (self->cur, self->prev);

  self->scope = g_strdup (_("All shops"));
  if (shop_key != NULL)
    for (guint i = 0; i < self->cur->by[SHOU_STATS_BY_SHOP]->len; i++)
      {
        ShouStatsCount *c = self->cur->by[SHOU_STATS_BY_SHOP]->pdata[i];

        if (c->label != NULL)
          {
            g_free (self->scope);
            self->scope = g_strdup (c->label);
          }
      }
  first = format_day (from);
  last = format_day (to - 1);
  today = format_day (now);
  /* Translators: the statistics' period, first and last day */
  self->period = g_strdup_printf (_("%s – %s"), first, last);
  /* Translators: the weekly report's footer; %s is a date */
  self->generated = g_strdup_printf (_("Made by Shouhou on %s"), today);
  return g_steal_pointer (&self);
}

/* Draws @text at (@x, @y) in @width points (0: unbounded), aligned right
 * when @right; returns its height. */
static double
draw_text (cairo_t      *cr,
           PangoContext *context,
           const char   *font,
           const char   *text,
           double        x,
           double        y,
           double        width,
           gboolean      right)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (right)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  return h;
}

/* A section's heading with an accent rule under it; returns the y below. */
static double
draw_heading (cairo_t      *cr,
              PangoContext *context,
              const char   *text,
              double        x,
              double        y,
              double        width)
{
  y += 14;
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (cr, context, "Sans Bold 12", text, x, y, 0, FALSE) + 3;
  cairo_set_source_rgb (cr, ACCENT_R, ACCENT_G, ACCENT_B);
  cairo_rectangle (cr, x, y, width, 1.5);
  cairo_fill (cr);
  return y + 6;
}

/* One table row of up to four cells: the first left, the rest right. */
static double
draw_row (cairo_t      *cr,
          PangoContext *context,
          const char   *font,
          const char   *cells[4],
          double        x,
          double        y,
          double        width)
{
  double col = width * 0.16;
  double h = 0;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  h = draw_text (cr, context, font, cells[0], x, y, width - 3 * col, FALSE);
  for (guint i = 1; i < 4; i++)
    if (cells[i] != NULL)
      h = MAX (h, draw_text (cr, context, font, cells[i], x + width - (4 - i) * col, y, col, TRUE));
  return y + h + ROW_GAP;
}

static char *
format_share (guint num,
              guint den)
{
  if (den == 0)
    return g_strdup ("—");
  /* Translators: a rate in percent, e.g. "12.5%" */
  return g_strdup_printf (_("%.1f%%"), 100.0 * num / den);
}

static double
draw_figures (ShouWeeklyReport *self,
              cairo_t          *cr,
              PangoContext     *context,
              double            x,
              double            y,
              double            width)
{
  const char *head[4] = { _("Figure"), _("This week"), _("Last week"), NULL };

  y = draw_heading (cr, context, _("This Week Against Last Week"), x, y, width);
  y = draw_row (cr, context, "Sans Bold 9", head, x, y, width);
  for (guint i = 0; i < self->rows->len; i++)
    {
      ShouStatsRow *row = self->rows->pdata[i];
      const char *cells[4] = { row->item, row->current, row->previous, NULL };

      if (!g_str_equal (row->category, _("Figure")))
        break;
      y = draw_row (cr, context, "Sans 9", cells, x, y, width);
    }
  return y;
}

static double
draw_reasons (ShouWeeklyReport *self,
              cairo_t          *cr,
              PangoContext     *context,
              double            x,
              double            y,
              double            width)
{
  const char *head[4] = { _("Reason"), _("Requests"), _("Share"), _("Last week") };
  GPtrArray *reasons = self->cur->by[SHOU_STATS_BY_REASON];

  y = draw_heading (cr, context, _("Top Reasons"), x, y, width);
  y = draw_row (cr, context, "Sans Bold 9", head, x, y, width);
  for (guint i = 0; i < MIN (reasons->len, TOP_N); i++)
    {
      ShouStatsCount *c = reasons->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", c->n);
      g_autofree char *share = format_share (c->n, self->cur->requests);
      g_autofree char *before = NULL;
      const char *cells[4] = { shou_stats_figures_key_label (SHOU_STATS_BY_REASON, c), n, share, NULL };
      guint prev_n = 0;

      for (guint j = 0; j < self->prev->by[SHOU_STATS_BY_REASON]->len; j++)
        {
          ShouStatsCount *p = self->prev->by[SHOU_STATS_BY_REASON]->pdata[j];

          if (g_str_equal (p->key, c->key))
            prev_n = p->n;
        }
      before = g_strdup_printf ("%u", prev_n);
      cells[3] = before;
      /* A bar of the share, under the reason's name. */
      cairo_set_source_rgba (cr, ACCENT_R, ACCENT_G, ACCENT_B, 0.25);
      cairo_rectangle (cr, x, y, (width * 0.52) * c->n / MAX (self->cur->requests, 1), 13);
      cairo_fill (cr);
      y = draw_row (cr, context, "Sans 9", cells, x + 2, y, width - 2);
    }
  if (reasons->len == 0)
    y = draw_row (cr, context, "Sans 9", (const char *[4]) { _("No requests this week"), }, x, y, width);
  return y;
}

static double
draw_skus (ShouWeeklyReport *self,
           cairo_t          *cr,
           PangoContext     *context,
           double            x,
           double            y,
           double            width)
{
  const char *head[4] = { _("SKU"), _("Requests"), _("Quality problems"), _("Quality share") };

  y = draw_heading (cr, context, _("Top SKUs"), x, y, width);
  y = draw_row (cr, context, "Sans Bold 9", head, x, y, width);
  for (guint i = 0; i < self->skus->len; i++)
    {
      ShouStatsSku *sku = self->skus->pdata[i];
      g_autofree char *n = g_strdup_printf ("%u", sku->n);
      g_autofree char *q = g_strdup_printf ("%u", sku->quality);
      g_autofree char *share = format_share (sku->quality, sku->n);
      const char *cells[4] = { sku->sku[0] ? sku->sku : _("No SKU"), n, q, share };

      y = draw_row (cr, context, "Sans 9", cells, x, y, width);
    }
  if (self->skus->len == 0)
    y = draw_row (cr, context, "Sans 9", (const char *[4]) { _("No requests this week"), }, x, y, width);
  return y;
}

static double
draw_attention (ShouWeeklyReport *self,
                cairo_t          *cr,
                PangoContext     *context,
                double            x,
                double            y,
                double            width)
{
  g_autofree char *lapsed = g_strdup_printf ("%u", self->cur->lapsed);
  g_autofree char *lapsed_before = g_strdup_printf ("%u", self->prev->lapsed);
  g_autofree char *open = g_strdup_printf ("%" G_GINT64_FORMAT, self->interventions);
  const char *head[4] = { _("Needs attention"), _("This week"), _("Last week"), NULL };

  y = draw_heading (cr, context, _("Deadlines and Interventions"), x, y, width);
  y = draw_row (cr, context, "Sans Bold 9", head, x, y, width);
  y = draw_row (cr, context, "Sans 9",
                (const char *[4]) { _("Decided by the platform after a deadline passed"), lapsed, lapsed_before },
                x, y, width);
  /* Open now, whatever week they were opened in: no last week's figure. */
  y = draw_row (cr, context, "Sans 9", (const char *[4]) { _("Platform interventions still open"), open, "—" },
                x, y, width);
  return y;
}

void
shou_weekly_report_draw (ShouWeeklyReport *self,
                         cairo_t          *cr,
                         PangoContext     *context,
                         double            width,
                         double            height)
{
  double x = MARGIN, y = MARGIN, w = width - 2 * MARGIN;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (self != NULL);

  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (cr, context, "Sans Bold 20", _("Weekly After-Sales Report"), x, y, 0, FALSE) + 4;
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  /* Translators: under the weekly report's title: the shops and the week */
  subtitle = g_strdup_printf (_("%s · %s"), self->scope, self->period);
  y += draw_text (cr, context, "Sans 11", subtitle, x, y, 0, FALSE);

  y = draw_figures (self, cr, context, x, y, w);
  y = draw_reasons (self, cr, context, x, y, w);
  y = draw_skus (self, cr, context, x, y, w);
  draw_attention (self, cr, context, x, y, w);

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  draw_text (cr, context, "Sans 8", self->generated, x, height - MARGIN + 12, w, TRUE);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 ShouWeeklyReport  *self)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  shou_weekly_report_draw (self, gtk_print_context_get_cairo_context (context), pango,
                           gtk_print_context_get_width (context), gtk_print_context_get_height (context));
  g_object_unref (pango);
}

static GtkPrintOperation *
new_operation (ShouWeeklyReport *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  /* The report draws its own margins. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Weekly After-Sales Report"));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  return operation;
}

gboolean
shou_weekly_report_export_pdf (ShouWeeklyReport  *self,
                               GFile             *pdf,
                               GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (pdf), FALSE);

  operation = new_operation (self);
  path = g_file_get_path (pdf);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            gpointer                 data)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      g_warning ("The weekly report could not be printed: %s", error ? error->message : "");
    }
  /* Run in the background: the last reference is this one's. */
  if (g_object_get_data (G_OBJECT (operation), "shou-async") != NULL)
    g_object_unref (operation);
}

void
shou_weekly_report_print (ShouWeeklyReport *self,
                          GtkWindow        *parent)
{
  GtkPrintOperation *operation;

  g_return_if_fail (self != NULL);

  operation = new_operation (self);
  /* The operation owns the report until it is done. */
  g_object_set_data_full (G_OBJECT (operation), "shou-report", self,
                          (GDestroyNotify) shou_weekly_report_free);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_done_cb), NULL);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, NULL)
      == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_object_set_data (G_OBJECT (operation), "shou-async", GINT_TO_POINTER (1));
  else
    g_object_unref (operation);
}
