/* shou-stats-page.c: the 统计 page. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-line-chart.h"
#include "shou-stats-care.h"
#include "shou-stats-figures.h"
#include "shou-stats-page.h"
#include "shou-weekly-report.h"

struct _ShouStatsPage
{
  GtkWidget      parent_instance;

  ShouStore     *store;
  char          *shop_id;
  guint          days;        /* 0: the custom range */
  gint64         custom_from; /* the custom range's first and last day */
  gint64         custom_last;
  gint64         now;
  guint          reload_id;

  GtkWidget     *scroller;
  GtkToggleButton *period_buttons[3];
  GtkToggleButton *custom_button;
  GtkPopover    *range_popover;
  GtkCalendar   *calendars[2]; /* from, to */
  GtkLabel      *period_label;
  GtkFlowBox    *figures_box;
  GHashTable    *values;      /* title -> GtkLabel, the figure's value */
  GHashTable    *previous;    /* title -> GtkLabel, the period before */
  ShouBarChart  *charts[2];   /* reasons, SKUs */
  ShouLineChart *lines[2];    /* daily counts, daily rates */
  GtkWidget     *care;        /* 售后关怀: reviews and complaints */
  GPtrArray     *shown_rows;  /* ShouStatsRow, for export */
  GtkRevealer   *progress_revealer;
  GtkProgressBar *progress_bar;
  GCancellable  *export_cancellable; /* while an export runs */
};

G_DEFINE_FINAL_TYPE (ShouStatsPage, shou_stats_page, GTK_TYPE_WIDGET)

static const guint period_days[] = { 1, 7, 30 };

static void
period_bounds (ShouStatsPage *self,
               gint64        *from,
               gint64        *to)
{
  gint64 now = self->now ? self->now : g_get_real_time ();

  if (self->days == 0)
    {
      *from = shou_stats_day_start (self->custom_from);
      *to = shou_stats_day_start (self->custom_last) + G_TIME_SPAN_DAY;
      return;
    }
  *to = shou_stats_day_start (now) + G_TIME_SPAN_DAY;
  *from = *to - (gint64) self->days * G_TIME_SPAN_DAY;
}

/* The card of figure @title: its name, its value, the period before. */
static GtkLabel *
figure_value (ShouStatsPage *self,
              const char    *title,
              GtkLabel     **previous)
{
  GtkLabel *value = g_hash_table_lookup (self->values, title);
  GtkWidget *card, *name;

  if (value != NULL)
    {
      *previous = g_hash_table_lookup (self->previous, title);
      return value;
    }
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (card, "card");
  name = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (card), name);
  value = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (value), "value");
  gtk_label_set_xalign (value, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (value), "title-2");
  gtk_widget_add_css_class (GTK_WIDGET (value), "numeric");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (value));
  *previous = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (*previous, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (*previous), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (*previous), "dim-label");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (*previous));
  for (GtkWidget *child = gtk_widget_get_first_child (card); child; child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_margin_start (child, 12);
      gtk_widget_set_margin_end (child, 12);
    }
  gtk_widget_set_margin_top (name, 10);
  gtk_widget_set_margin_bottom (GTK_WIDGET (*previous), 10);
  gtk_flow_box_append (self->figures_box, card);
  g_hash_table_insert (self->values, g_strdup (title), value);
  g_hash_table_insert (self->previous, g_strdup (title), *previous);
  return value;
}

static void
set_chart (ShouBarChart    *chart,
           const ShouStats *stats,
           ShouStatsBy      by)
{
  GPtrArray *counts = stats->by[by];
  g_autofree const char **labels = g_new0 (const char *, counts->len + 1);
  g_autofree guint *values = g_new0 (guint, counts->len + 1);
  g_auto(GStrv) targets = g_new0 (char *, counts->len + 1);

  for (guint i = 0; i < counts->len; i++)
    {
      ShouStatsCount *count = counts->pdata[i];

      labels[i] = shou_stats_figures_key_label (by, count);
      values[i] = count->n;
      targets[i] = g_strconcat (by == SHOU_STATS_BY_REASON ? "reason:" : "sku:", count->key ? count->key : "", NULL);
    }
  shou_bar_chart_set_bars (chart, labels, values, (const char **) targets, counts->len);
}

static double
daily_rate (guint num,
            guint den)
{
  return shou_stats_rate (num, den);
}

/* The line charts: each day of the period, counts and rates. */
static void
set_lines (ShouStatsPage *self,
           gint64         from,
           gint64         to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = shou_store_get_stats_daily (self->store, self->shop_id, from, to, &error);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  double *v[5] = { NULL, };

  if (days == NULL)
    {
      g_debug ("Daily statistics could not be read: %s", error->message);
      return;
    }
  /* The for loop below frees them. */
  for (guint k = 0; k < G_N_ELEMENTS (v); k++)
    v[k] = g_new0 (double, MAX (days->len, 1));
  for (guint i = 0; i < days->len; i++)
    {
      ShouStatsDay *d = &g_array_index (days, ShouStatsDay, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (d->day_start / G_USEC_PER_SEC);
      g_autoptr(GDateTime) day = g_date_time_to_timezone (utc, tz);

      g_ptr_array_add (labels, g_date_time_format (day, _("%b %-d")));
      v[0][i] = d->requests;
      v[1][i] = d->orders;
      /* A day without cached orders has no refund rate. */
      v[2][i] = daily_rate (d->requests, d->orders);
      v[3][i] = daily_rate (d->quality, d->orders);
      v[4][i] = daily_rate (d->intervened, d->requests);
    }
  shou_line_chart_set_days (self->lines[0], (const char **) labels->pdata, labels->len);
  shou_line_chart_add_line (self->lines[0], _("Requests"), v[0]);
  shou_line_chart_add_line (self->lines[0], _("Orders"), v[1]);
  shou_line_chart_done (self->lines[0]);
  shou_line_chart_set_days (self->lines[1], (const char **) labels->pdata, labels->len);
  shou_line_chart_add_line (self->lines[1], _("Refund rate"), v[2]);
  shou_line_chart_add_line (self->lines[1], _("Quality refund rate"), v[3]);
  shou_line_chart_add_line (self->lines[1], _("Platform intervention rate"), v[4]);
  shou_line_chart_done (self->lines[1]);
  for (guint k = 0; k < G_N_ELEMENTS (v); k++)
    g_clear_pointer (&v[k], g_free);
}

void
shou_stats_page_reload (ShouStatsPage *self)
{
  g_autoptr(ShouStats) cur = NULL;
  g_autoptr(ShouStats) prev = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *period = NULL;
  gint64 from, to;

  g_return_if_fail (SHOU_IS_STATS_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  period_bounds (self, &from, &to);
  cur = shou_store_get_stats (self->store, self->shop_id, from, to, &error);
  if (cur != NULL)
    prev = shou_store_get_stats (self->store, self->shop_id, from - (to - from), from, &error);
  /* While a version 6 cache is updated (read through views), there are
   * no statistics yet: the page stays as it was. */
  if (prev == NULL)
    {
      g_debug ("Statistics could not be read: %s", error->message);
      return;
    }

  first = g_date_time_new_from_unix_local (from / G_USEC_PER_SEC);
  last = g_date_time_new_from_unix_local ((to - 1) / G_USEC_PER_SEC);
  /* xgettext:no-c-format */
  /* Translators: a date in the statistics' period, e.g. 12月7日 */
  first_text = g_date_time_format (first, _("%b %-d"));
  last_text = g_date_time_format (last, _("%b %-d"));
  period = self->days == 1 || (self->days == 0 && to - from == G_TIME_SPAN_DAY) ? g_strdup (first_text)
                           /* Translators: the statistics' period, first and last day */
                           : g_strdup_printf (_("%s – %s"), first_text, last_text);
  gtk_label_set_text (self->period_label, period);

  g_clear_pointer (&self->shown_rows, g_ptr_array_unref);
  self->shown_rows = shou_stats_figures_rows (cur, prev);
  for (guint i = 0; i < self->shown_rows->len; i++)
    {
      ShouStatsRow *row = self->shown_rows->pdata[i];
      g_autofree char *before = NULL;
      GtkLabel *previous = NULL;
      GtkLabel *value;

      if (!g_str_equal (row->category, _("Figure")))
        break;
      value = figure_value (self, row->item, &previous);
      /* Translators: the same figure in the period before */
      before = g_strdup_printf (_("Previous period: %s"), row->previous);
      gtk_label_set_text (previous, before);
      gtk_label_set_text (value, row->current);
    }
  set_chart (self->charts[0], cur, SHOU_STATS_BY_REASON);
  set_chart (self->charts[1], cur, SHOU_STATS_BY_SKU);
  set_lines (self, from, to);
  shou_stats_care_update (self->care, self->store, self->shop_id, from, to);
}

static gboolean
reload_idle_cb (gpointer data)
{
  ShouStatsPage *self = data;

  self->reload_id = 0;
  shou_stats_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
queue_reload (ShouStatsPage *self)
{
  if (self->reload_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->reload_id = g_timeout_add_seconds (1, reload_idle_cb, self);
}

static void
on_period_toggled_cb (GtkToggleButton *button,
                      ShouStatsPage   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (period_days); i++)
    if (self->period_buttons[i] == button && self->days != period_days[i])
      {
        self->days = period_days[i];
        shou_stats_page_reload (self);
      }
}

/* Shanghai midnight (UTC µs) of the day a calendar shows. */
static gint64
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) day = g_date_time_new (tz, g_date_time_get_year (date), g_date_time_get_month (date),
                                              g_date_time_get_day_of_month (date), 0, 0, 0);

  return g_date_time_to_unix (day) * G_USEC_PER_SEC;
}

static void
select_calendar_day (GtkCalendar *calendar,
                     gint64       t)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
  g_autoptr(GDateTime) day = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) local = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day), 12, 0, 0);

  gtk_calendar_select_day (calendar, local);
}

void
shou_stats_page_set_range (ShouStatsPage *self,
                           gint64         first_day,
                           gint64         last_day)
{
  g_return_if_fail (SHOU_IS_STATS_PAGE (self));

  self->custom_from = shou_stats_day_start (MIN (first_day, last_day));
  self->custom_last = shou_stats_day_start (MAX (first_day, last_day));
  self->days = 0;
  if (!gtk_toggle_button_get_active (self->custom_button))
    gtk_toggle_button_set_active (self->custom_button, TRUE);
  shou_stats_page_reload (self);
}

static void
on_range_apply_cb (ShouStatsPage *self)
{
  shou_stats_page_set_range (self, calendar_day (self->calendars[0]), calendar_day (self->calendars[1]));
  gtk_popover_popdown (self->range_popover);
}

/* Leaving the range unapplied goes back to the period shown. */
static void
on_range_closed_cb (ShouStatsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (period_days); i++)
    if (self->days == period_days[i])
      gtk_toggle_button_set_active (self->period_buttons[i], TRUE);
}

static void
on_custom_toggled_cb (GtkToggleButton *button,
                      ShouStatsPage   *self)
{
  gint64 from, to;

  if (!gtk_toggle_button_get_active (button) || self->days == 0)
    return;
  /* The chooser starts from the period shown. */
  period_bounds (self, &from, &to);
  select_calendar_day (self->calendars[0], from);
  select_calendar_day (self->calendars[1], to - G_TIME_SPAN_DAY);
  gtk_popover_popup (self->range_popover);
}

static GtkWidget *
range_chooser (ShouStatsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *apply = gtk_button_new_with_mnemonic (_("_Apply"));
  const char *names[2] = { _("From"), _("To") };

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new (names[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "heading");
      self->calendars[i] = GTK_CALENDAR (gtk_calendar_new ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendars[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      names[i], -1);
      gtk_box_append (GTK_BOX (column), label);
      gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->calendars[i]));
      gtk_box_append (GTK_BOX (row), column);
    }
  gtk_box_append (GTK_BOX (box), row);
  gtk_widget_set_name (apply, "apply-range");
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_widget_set_halign (apply, GTK_ALIGN_END);
  g_signal_connect_swapped (apply, "clicked", G_CALLBACK (on_range_apply_cb), self);
  gtk_box_append (GTK_BOX (box), apply);

  self->range_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->range_popover, box);
  gtk_popover_set_default_widget (self->range_popover, apply);
  g_signal_connect_swapped (self->range_popover, "closed", G_CALLBACK (on_range_closed_cb), self);
  return GTK_WIDGET (self->range_popover);
}

static gboolean
is_xlsx (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".xlsx");
}

static void
on_export_progress_cb (double   fraction,
                       gpointer data)
{
  ShouStatsPage *self = data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(ShouStatsPage) self = data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->export_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  if (!shou_stats_figures_write_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && gtk_widget_get_root (GTK_WIDGET (self)))
    {
      GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
      GtkWidget *message = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   _("Could Not Export"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
}

void
shou_stats_page_start_export (ShouStatsPage *self,
                              GFile         *file)
{
  g_return_if_fail (SHOU_IS_STATS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->shown_rows == NULL)
    shou_stats_page_reload (self);
  if (self->shown_rows == NULL)
    return;
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  shou_stats_figures_write_async (self->shown_rows, file, is_xlsx (file), self->export_cancellable,
                                  on_export_progress_cb, self, on_export_done_cb, g_object_ref (self));
}

gboolean
shou_stats_page_is_exporting (ShouStatsPage *self)
{
  g_return_val_if_fail (SHOU_IS_STATS_PAGE (self), FALSE);
  return self->export_cancellable != NULL;
}

static void
on_export_cancel_cb (ShouStatsPage *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ShouStatsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        shou_stats_page_start_export (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* 正在导出… with its progress and 取消, under the page's title. */
static GtkWidget *
export_progress (ShouStatsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Exporting…"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Exporting…"), -1);
  gtk_widget_set_name (cancel, "cancel-export");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_export_cancel_cb), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (box), cancel);
  self->progress_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->progress_revealer, box);
  return GTK_WIDGET (self->progress_revealer);
}

static void
add_filter (GtkFileChooserNative *chooser,
            const char           *name,
            const char           *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
}

static void
on_export_clicked_cb (ShouStatsPage *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Statistics"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the file name an export suggests */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("statistics.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (chooser, _("CSV (UTF-8)"), "*.csv");
  if (shou_stats_figures_can_write_xlsx ())
    add_filter (chooser, _("Excel workbook (XLSX)"), "*.xlsx");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
shou_stats_page_export_csv (ShouStatsPage  *self,
                            GFile          *file,
                            GError        **error)
{
  g_return_val_if_fail (SHOU_IS_STATS_PAGE (self), FALSE);

  if (self->shown_rows == NULL)
    shou_stats_page_reload (self);
  if (is_xlsx (file))
    return shou_stats_figures_write_xlsx (self->shown_rows, file, error);
  return shou_stats_figures_write_csv (self->shown_rows, file, error);
}

static void
on_report_clicked_cb (ShouStatsPage *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(GError) error = NULL;
  ShouWeeklyReport *report = shou_weekly_report_new (self->store, self->shop_id, self->now, &error);

  if (report == NULL)
    {
      g_warning ("The weekly report could not be read: %s", error->message);
      return;
    }
  shou_weekly_report_print (report, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

gboolean
shou_stats_page_export_report (ShouStatsPage  *self,
                               GFile          *pdf,
                               GError        **error)
{
  g_autoptr(ShouWeeklyReport) report = NULL;

  g_return_val_if_fail (SHOU_IS_STATS_PAGE (self), FALSE);

  report = shou_weekly_report_new (self->store, self->shop_id, self->now, error);
  return report != NULL && shou_weekly_report_export_pdf (report, pdf, error);
}

/* A titled group with @chart in a view-coloured frame. */
static GtkWidget *
framed (const char *title,
        GtkWidget  *chart)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_frame_set_child (GTK_FRAME (frame), chart);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  return group;
}

static GtkWidget *
chart_group (const char    *title,
             ShouBarChart **chart)
{
  *chart = SHOU_BAR_CHART (shou_bar_chart_new (title));
  return framed (title, GTK_WIDGET (*chart));
}

static void
on_store_changed_cb (ShouStatsPage *self)
{
  queue_reload (self);
}

static void
shou_stats_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (shou_stats_page_parent_class)->map (widget);
  shou_stats_page_reload (SHOU_STATS_PAGE (widget));
}

static void
shou_stats_page_dispose (GObject *object)
{
  ShouStatsPage *self = SHOU_STATS_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->range_popover != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->range_popover, self);
      gtk_widget_unparent (GTK_WIDGET (self->range_popover));
      self->range_popover = NULL;
    }
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (shou_stats_page_parent_class)->dispose (object);
}

static void
shou_stats_page_finalize (GObject *object)
{
  ShouStatsPage *self = SHOU_STATS_PAGE (object);

  g_clear_object (&self->store);
  g_free (self->shop_id);
  g_hash_table_unref (self->values);
  g_hash_table_unref (self->previous);
  g_clear_pointer (&self->shown_rows, g_ptr_array_unref);
  g_clear_object (&self->export_cancellable);
  G_OBJECT_CLASS (shou_stats_page_parent_class)->finalize (object);
}

static void
shou_stats_page_class_init (ShouStatsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = shou_stats_page_dispose;
  object_class->finalize = shou_stats_page_finalize;
  widget_class->map = shou_stats_page_map;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
shou_stats_page_init (ShouStatsPage *self)
{
  const char *period_names[] = { _("Today"), _("7 Days"), _("30 Days") };
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *periods = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title = gtk_label_new (_("Statistics"));
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  GtkWidget *report = gtk_button_new_from_icon_name ("printer-symbolic");

  self->days = 7;
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (bar), title);
  self->period_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->period_label), "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (self->period_label), TRUE);
  gtk_label_set_xalign (self->period_label, 0.0f);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->period_label));

  gtk_widget_add_css_class (periods, "linked");
  gtk_accessible_update_property (GTK_ACCESSIBLE (periods), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Period"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (period_days); i++)
    {
      self->period_buttons[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (period_names[i]));
      if (i > 0)
        gtk_toggle_button_set_group (self->period_buttons[i], self->period_buttons[0]);
      gtk_toggle_button_set_active (self->period_buttons[i], period_days[i] == self->days);
      g_signal_connect (self->period_buttons[i], "toggled", G_CALLBACK (on_period_toggled_cb), self);
      gtk_box_append (GTK_BOX (periods), GTK_WIDGET (self->period_buttons[i]));
    }
  self->custom_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Custom…")));
  gtk_toggle_button_set_group (self->custom_button, self->period_buttons[0]);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->custom_button), _("Choose the first and last day"));
  g_signal_connect (self->custom_button, "toggled", G_CALLBACK (on_custom_toggled_cb), self);
  gtk_box_append (GTK_BOX (periods), GTK_WIDGET (self->custom_button));
  gtk_widget_set_parent (range_chooser (self), GTK_WIDGET (self->custom_button));
  gtk_box_append (GTK_BOX (bar), periods);
  gtk_widget_set_tooltip_text (export, shou_stats_figures_can_write_xlsx () ? _("Export as CSV or XLSX…")
                                                                             : _("Export as CSV…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_widget_get_tooltip_text (export), -1);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), export);
  gtk_widget_set_tooltip_text (report, _("Print the Weekly Report…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (report), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Print the Weekly Report…"), -1);
  g_signal_connect_swapped (report, "clicked", G_CALLBACK (on_report_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), report);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), export_progress (self));

  self->figures_box = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->figures_box, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->figures_box, TRUE);
  gtk_flow_box_set_min_children_per_line (self->figures_box, 2);
  gtk_flow_box_set_max_children_per_line (self->figures_box, 4);
  gtk_flow_box_set_row_spacing (self->figures_box, 12);
  gtk_flow_box_set_column_spacing (self->figures_box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figures_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Figures"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->figures_box));
  self->lines[0] = SHOU_LINE_CHART (shou_line_chart_new (_("Requests and Orders by Day"), SHOU_LINE_CHART_COUNTS));
  self->lines[1] = SHOU_LINE_CHART (shou_line_chart_new (_("Rates by Day"), SHOU_LINE_CHART_RATES));
  for (guint i = 0; i < G_N_ELEMENTS (self->lines); i++)
    gtk_box_append (GTK_BOX (box), framed (i == 0 ? _("Requests and Orders by Day") : _("Rates by Day"),
                                           GTK_WIDGET (self->lines[i])));
  gtk_box_append (GTK_BOX (box), chart_group (_("Reasons"), &self->charts[0]));
  gtk_box_append (GTK_BOX (box), chart_group (_("SKUs"), &self->charts[1]));
  self->care = shou_stats_care_new ();
  gtk_box_append (GTK_BOX (box), self->care);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
shou_stats_page_new (ShouStore *store)
{
  ShouStatsPage *self;

  g_return_val_if_fail (SHOU_IS_STORE (store), NULL);

  self = g_object_new (SHOU_TYPE_STATS_PAGE, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
shou_stats_page_set_shop_id (ShouStatsPage *self,
                             const char    *shop_id)
{
  g_return_if_fail (SHOU_IS_STATS_PAGE (self));

  if (g_strcmp0 (self->shop_id, shop_id) == 0)
    return;
  g_free (self->shop_id);
  self->shop_id = g_strdup (shop_id);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    shou_stats_page_reload (self);
}

void
shou_stats_page_set_days (ShouStatsPage *self,
                          guint          days)
{
  g_return_if_fail (SHOU_IS_STATS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (period_days); i++)
    if (period_days[i] == days)
      gtk_toggle_button_set_active (self->period_buttons[i], TRUE);
}

guint
shou_stats_page_get_days (ShouStatsPage *self)
{
  g_return_val_if_fail (SHOU_IS_STATS_PAGE (self), 0);
  return self->days;
}

void
shou_stats_page_set_now (ShouStatsPage *self,
                         gint64         now)
{
  g_return_if_fail (SHOU_IS_STATS_PAGE (self));
  self->now = now;
}

GtkLabel *
shou_stats_page_find_value (ShouStatsPage  *self,
                            const char     *title,
                            GtkLabel      **previous)
{
  g_return_val_if_fail (SHOU_IS_STATS_PAGE (self), NULL);

  if (previous != NULL)
    *previous = g_hash_table_lookup (self->previous, title);
  return g_hash_table_lookup (self->values, title);
}

ShouBarChart *
shou_stats_page_get_chart (ShouStatsPage *self,
                           ShouStatsBy    by)
{
  g_return_val_if_fail (SHOU_IS_STATS_PAGE (self), NULL);
  g_return_val_if_fail (by <= SHOU_STATS_BY_SKU, NULL);
  return self->charts[by];
}

ShouLineChart *
shou_stats_page_get_line_chart (ShouStatsPage *self,
                                guint          i)
{
  g_return_val_if_fail (SHOU_IS_STATS_PAGE (self), NULL);
  g_return_val_if_fail (i < G_N_ELEMENTS (self->lines), NULL);
  return self->lines[i];
}

/* ---- shown in the window instead of the queue ------------------------- */

typedef struct
{
  AdwFlap       *flap;
  ShouStatsPage *page;
  GtkWidget     *queue;   /* the flap's content while the page shows */
} Attachment;

static void
attachment_free (gpointer data)
{
  Attachment *a = data;

  g_clear_object (&a->page);
  g_clear_object (&a->queue);
  g_free (a);
}

static void
on_sidebar_notify_cb (GObject    *sidebar,
                      GParamSpec *pspec,
                      Attachment *a)
{
  g_autofree char *view = NULL;
  g_autofree char *shop = NULL;
  gboolean shown = a->queue != NULL;

  g_object_get (sidebar, "view-name", &view, "shop-id", &shop, NULL);
  shou_stats_page_set_shop_id (a->page, shop);
  if (g_strcmp0 (view, SHOU_STATS_VIEW_NAME) == 0 && !shown)
    {
      a->queue = g_object_ref (adw_flap_get_content (a->flap));
      adw_flap_set_content (a->flap, GTK_WIDGET (a->page));
    }
  else if (g_strcmp0 (view, SHOU_STATS_VIEW_NAME) != 0 && shown)
    {
      adw_flap_set_content (a->flap, a->queue);
      g_clear_object (&a->queue);
    }
}

ShouStatsPage *
shou_stats_page_attach (AdwFlap   *flap,
                        GObject   *sidebar,
                        ShouStore *store)
{
  Attachment *a = g_new0 (Attachment, 1);

  g_return_val_if_fail (ADW_IS_FLAP (flap), NULL);

  a->flap = flap;
  a->page = g_object_ref_sink (SHOU_STATS_PAGE (shou_stats_page_new (store)));
  g_object_set_data_full (sidebar, "shou-stats-page", a, attachment_free);
  g_signal_connect (sidebar, "notify::view-name", G_CALLBACK (on_sidebar_notify_cb), a);
  g_signal_connect (sidebar, "notify::shop-id", G_CALLBACK (on_sidebar_notify_cb), a);
  on_sidebar_notify_cb (sidebar, NULL, a);
  return a->page;
}
