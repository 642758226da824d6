/* test-stats.c: the 统计 page (issue 27), in zh_CN, in a real window over a
 * cache synced from the real simulator's demo with 90 days of history: the
 * sidebar opens it, the figures it shows match a direct count of the cached
 * requests, the period switch and a custom range change them, the charts
 * say what they draw, a bar activates win.show-filtered with its reason or
 * SKU, the CSV and XLSX exports and the weekly report's PDF read back, and
 * a long export runs in a thread with progress and cancel. With
 * $SHOU_STATS_SHOTS set, saves light and dark screenshots and the PDF's
 * page as PNG. */
#include "config.h"

#include <glib/gi18n.h>
#include <poppler.h>

#include "core/shou-money.h"
#include "core/shou-reason-text.h"
#include "store/shou-store-private.h"
#include "store/shou-store-stats.h"
#include "ui/stats/shou-stats-figures.h"
#include "ui/stats/shou-stats-page.h"
#include "ui/window/shou-window.h"
#include "shou-ui-test-utils.h"

#define SYNC_TIMEOUT_MS 30000

/* Prints an XLSX's first sheet as CSV lines (no quoting needed here),
 * reading the package with the standard library only. */
#define XLSX_TO_CSV \
  "import sys, zipfile, xml.etree.ElementTree as ET\n" \
  "ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}\n" \
  "z = zipfile.ZipFile(sys.argv[1])\n" \
  "shared = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m']))\n" \
  "          for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]\n" \
  "sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))\n" \
  "out = []\n" \
  "for row in sheet.find('m:sheetData', ns).findall('m:row', ns):\n" \
  "    cells = []\n" \
  "    for c in row.findall('m:c', ns):\n" \
  "        v = c.find('m:v', ns).text\n" \
  "        cells.append(shared[int(v)] if c.get('t') == 's' else str(int(float(v))))\n" \
  "    out.append(','.join(cells))\n" \
  "sys.stdout.write('\\n'.join(out) + '\\n')\n"

static char           *dir;
static ShouTestSim    *sim;
static ShouStore      *store;
static ShouSyncEngine *engine;

static gboolean
mapped_cb (gpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

static gboolean
thirty_days_cb (gpointer page)
{
  return shou_stats_page_get_days (page) == 30;
}

/* Requests opened in the @days Shanghai days ending today, @back periods
 * earlier, counted straight from the requests table. */
static gint64
direct_count (guint       days,
              guint       back,
              const char *extra)
{
  gint64 to = shou_stats_day_start (g_get_real_time ()) + G_TIME_SPAN_DAY
              - (gint64) back * days * G_TIME_SPAN_DAY;
  gint64 from = to - (gint64) days * G_TIME_SPAN_DAY;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM requests WHERE opened_at >= %"
                                          G_GINT64_FORMAT " AND opened_at < %" G_GINT64_FORMAT "%s",
                                          from, to, extra ? extra : "");

  return shou_db_query_int (shou_store_get_db (store), sql, -1, NULL);
}

static gint64
count_between (gint64 from,
               gint64 to)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM requests WHERE opened_at >= %" G_GINT64_FORMAT
                                          " AND opened_at < %" G_GINT64_FORMAT, from, to);

  return shou_db_query_int (shou_store_get_db (store), sql, -1, NULL);
}

static gboolean
not_exporting_cb (gpointer page)
{
  return !shou_stats_page_is_exporting (page);
}

static gboolean
custom_range_cb (gpointer page)
{
  return shou_stats_page_get_days (page) == 0;
}

static gboolean
popover_visible_cb (gpointer popover)
{
  return gtk_widget_get_visible (GTK_WIDGET (popover));
}

/* Shows @t's Shanghai date in @calendar (whose dates are local). */
static void
select_day (GtkCalendar *calendar,
            gint64       t)
{
  g_autoptr(GDateTime) shanghai = g_date_time_new_from_unix_utc ((t + 8 * G_TIME_SPAN_HOUR) / G_USEC_PER_SEC);
  g_autoptr(GDateTime) noon = NULL;
  int y, m, d;

  g_date_time_get_ymd (shanghai, &y, &m, &d);
  noon = g_date_time_new_local (y, m, d, 12, 0, 0);
  gtk_calendar_select_day (calendar, noon);
}

static const char *row_value    (ShouStatsPage *page,
                                 const char    *title);
static const char *row_previous (ShouStatsPage *page,
                                 const char    *title);

/* 自定义…: two calendars choose the first and last day; the figures are
 * those days' direct count, 上期 the as many days before, and the daily
 * lines have a point for each day, saying its count. */
static void
check_custom_range (ShouStatsPage *page)
{
  gint64 today = shou_stats_day_start (g_get_real_time ());
  gint64 first = today - 9 * G_TIME_SPAN_DAY, last = today - 4 * G_TIME_SPAN_DAY;
  GtkWidget *label = shou_test_find_label (GTK_WIDGET (page), _("Custom…"));
  GtkWidget *button = GTK_IS_TOGGLE_BUTTON (label) ? label : gtk_widget_get_ancestor (label, GTK_TYPE_TOGGLE_BUTTON);
  GtkWidget *popover, *apply, *calendar;
  ShouLineChart *counts, *rates;
  g_autofree char *expected = NULL;
  g_autofree char *day = NULL;
  g_autofree char *previous = NULL;
  gint64 n;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  popover = shou_test_find_widget (button, GTK_TYPE_POPOVER, NULL);
  g_assert_nonnull (popover);
  g_assert_true (shou_test_wait_until (popover_visible_cb, popover, 5000));
  calendar = shou_test_find_widget (popover, GTK_TYPE_CALENDAR, NULL);
  select_day (GTK_CALENDAR (calendar), first);
  calendar = gtk_widget_get_next_sibling (gtk_widget_get_parent (calendar));
  calendar = shou_test_find_widget (calendar, GTK_TYPE_CALENDAR, NULL);
  g_assert_nonnull (calendar);
  select_day (GTK_CALENDAR (calendar), last);
  if (g_getenv ("SHOU_STATS_SHOTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("SHOU_STATS_SHOTS"), "stats-custom-range.png", NULL);

      /* The popover is a surface of its own; it may take a few frames. */
      for (guint i = 0; i < 10; i++)
        {
          shou_test_iterate (200);
          if (shou_test_save_screenshot (popover, path, NULL))
            break;
        }
    }
  apply = shou_test_find_widget (popover, GTK_TYPE_BUTTON, "apply-range");
  g_assert_nonnull (apply);
  g_assert_true (gtk_widget_activate (apply));
  g_assert_true (shou_test_wait_until (custom_range_cb, page, 5000));

  n = count_between (first, last + G_TIME_SPAN_DAY);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  g_assert_cmpstr (row_value (page, _("Requests")), ==, expected);
  previous = g_strdup_printf (_("Previous period: %s"), "");
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s%" G_GINT64_FORMAT, previous,
                              count_between (first - 6 * G_TIME_SPAN_DAY, first));
  g_assert_cmpstr (row_previous (page, _("Requests")), ==, expected);

  /* Six days, six points; the first day's count as the tooltip says it. */
  counts = shou_stats_page_get_line_chart (page, 0);
  rates = shou_stats_page_get_line_chart (page, 1);
  g_assert_cmpuint (shou_line_chart_get_n_days (counts), ==, 6);
  g_assert_cmpuint (shou_line_chart_get_n_lines (counts), ==, 2);
  g_assert_cmpuint (shou_line_chart_get_n_lines (rates), ==, 3);
  day = shou_line_chart_describe_day (counts, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("%s %s"), _("Requests"), "");
  g_assert_nonnull (strstr (day, expected));
  g_clear_pointer (&expected, g_free);
  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, count_between (first, first + G_TIME_SPAN_DAY));
    g_autofree char *said = g_strdup_printf (_("%s %s"), _("Requests"), number);

    g_assert_nonnull (strstr (day, said));
  }
  /* The text alternative says every day; hovering finds the days. */
  g_assert_true (g_str_has_prefix (shou_line_chart_get_summary (counts), _("Requests and Orders by Day")));
  g_assert_nonnull (strstr (shou_line_chart_get_summary (counts), day));
  g_assert_cmpint (shou_line_chart_day_at (counts, 0), ==, -1);
  g_assert_cmpint (shou_line_chart_day_at (counts, gtk_widget_get_width (GTK_WIDGET (counts)) - 34), ==, 5);
}

static const char *
row_value (ShouStatsPage *page,
           const char    *title)
{
  GtkLabel *label = shou_stats_page_find_value (page, title, NULL);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  return gtk_label_get_text (label);
}

static const char *
row_previous (ShouStatsPage *page,
              const char    *title)
{
  GtkLabel *previous = NULL;

  g_assert_nonnull (shou_stats_page_find_value (page, title, &previous));
  return gtk_label_get_text (previous);
}

/* The first column of @sql's first row as text. */
static char *
query_text (const char *sql)
{
  ShouDb *db = shou_store_get_db (store);
  sqlite3_stmt *stmt = shou_db_prepare (db, sql, NULL);
  char *text;

  g_assert_nonnull (stmt);
  g_assert_cmpint (shou_db_step (db, stmt, NULL), ==, SQLITE_ROW);
  text = g_strdup (shou_db_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
on_show_filtered_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  GPtrArray *seen = data;

  g_ptr_array_add (seen, g_variant_dup_string (parameter, NULL));
}

/* The controller of @type that @widget has. */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
    }
  return NULL;
}

/* Clicking a bar, or Down then Enter on the chart, activates
 * win.show-filtered with the bar's reason or SKU (issue 27's agreed
 * interface with the queue's filters). */
static void
check_bar_activation (ShouStatsPage *page,
                      ShouBarChart  *chart,
                      const char    *prefix,
                      const char    *sql_top)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("show-filtered", G_VARIANT_TYPE_STRING);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first = NULL;
  g_autofree char *top = query_text (sql_top);
  GtkEventController *click, *key;
  gboolean handled = FALSE;

  g_assert_cmpuint (shou_bar_chart_get_n_bars (chart), >=, 2);
  g_signal_connect (action, "activate", G_CALLBACK (on_show_filtered_cb), seen);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (page), "win", G_ACTION_GROUP (group));

  /* The mouse on the first bar: its key, the largest in the period. */
  click = find_controller (GTK_WIDGET (chart), GTK_TYPE_GESTURE_CLICK);
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, 200.0, 5.0);
  g_assert_cmpuint (seen->len, ==, 1);
  first = g_strconcat (prefix, top, NULL);
  g_assert_true (g_str_has_prefix (seen->pdata[0], prefix));
  /* Ties are ordered by key, as the chart orders them. */
  g_assert_cmpstr (seen->pdata[0], ==, first);

  /* The keyboard: focus on the chart, Down to the second bar, Enter. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (chart)));
  key = find_controller (GTK_WIDGET (chart), GTK_TYPE_EVENT_CONTROLLER_KEY);
  g_assert_nonnull (key);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Home, 0, 0, &handled);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpint (shou_bar_chart_get_focused (chart), ==, 1);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (g_str_has_prefix (seen->pdata[1], prefix));
  g_assert_cmpstr (seen->pdata[1], !=, seen->pdata[0]);
  /* Between the bars, nothing. */
  g_signal_emit_by_name (click, "released", 1, 200.0, 22.0 + 4.0);
  g_assert_cmpuint (seen->len, ==, 2);

  gtk_widget_insert_action_group (GTK_WIDGET (page), "win", NULL);
}

static void
shot (ShouWindow *window,
      const char *name)
{
  const char *shots = g_getenv ("SHOU_STATS_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (shots == NULL)
    return;
  path = g_strdup_printf ("%s/%s.png", shots, name);
  /* The first frame after a change may not be drawn yet. */
  for (guint i = 0; i < 10; i++)
    {
      g_clear_error (&error);
      shou_test_iterate (400);
      if (shou_test_save_screenshot (GTK_WIDGET (window), path, &error))
        return;
    }
  g_test_message ("screenshot %s: %s", path, error->message);
}

typedef struct
{
  double    y;
  double    x;
  double    right;
  gunichar  c;
} Glyph;

static int
compare_glyphs (gconstpointer a,
                gconstpointer b)
{
  const Glyph *x = a, *y = b;

  if (ABS (x->y - y->y) > 3)
    return x->y < y->y ? -1 : 1;
  return (x->x > y->x) - (x->x < y->x);
}

/* The page's text line by line as a reader sees it: characters on one
 * baseline left to right, a space where there is a gap between them
 * (poppler's own text runs the table's cells together). */
static char *
page_lines (PopplerPage *page)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  GString *out = g_string_new (NULL);
  guint n_rects = 0, i = 0;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  for (const char *p = text; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      Glyph g = { rects[i].y2, rects[i].x1, rects[i].x2, g_utf8_get_char (p) };

      if (!g_unichar_isspace (g.c))
        g_array_append_val (glyphs, g);
    }
  g_array_sort (glyphs, compare_glyphs);
  for (i = 0; i < glyphs->len; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);
      Glyph *before = i ? &g_array_index (glyphs, Glyph, i - 1) : NULL;

      if (before != NULL && ABS (before->y - g->y) > 3)
        g_string_append_c (out, '\n');
      else if (before != NULL && g->x - before->right > 3)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, g->c);
    }
  return g_string_free (out, FALSE);
}

/* The line of @text that starts with @label. */
static char *
line_of (const char *text,
         const char *label)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (g_strstrip (lines[i]), label))
      return g_strdup (lines[i]);
  g_test_message ("no line starts with %s in:\n%s", label, text);
  g_assert_not_reached ();
}

static void
assert_line_numbers (const char *text,
                     const char *label,
                     gint64      a,
                     gint64      b)
{
  g_autofree char *line = line_of (text, label);
  g_autofree char *expected = b < 0 ? g_strdup_printf (" %" G_GINT64_FORMAT, a)
                                    : g_strdup_printf (" %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, a, b);
  g_autofree char *rest = g_strdup (line + strlen (label));
  g_autofree char *squeezed = NULL;
  g_auto(GStrv) words = g_strsplit_set (rest, " \t", -1);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_string_append_printf (joined, " %s", words[i]);
  squeezed = g_string_free (joined, FALSE);
  g_assert_true (g_str_has_prefix (squeezed, expected) || (g_test_message ("%s: '%s'", label, squeezed), FALSE));
}

/* The weekly report saved as PDF (GtkPrintOperation's export) and read
 * back with poppler: one page, in Chinese, with this week's and last
 * week's figures as a direct count gives them. */
static void
check_weekly_report (ShouStatsPage *page)
{
  g_autofree char *pdf_path = g_build_filename (dir, "周报.pdf", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autofree char *uri = g_file_get_uri (pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) doc_object = NULL;
  PopplerDocument *doc;
  g_autoptr(GObject) page_object = NULL;
  PopplerPage *first;
  g_autofree char *text = NULL;
  g_autofree char *top = NULL;
  gint64 to = shou_stats_day_start (g_get_real_time ()) + G_TIME_SPAN_DAY;
  g_autofree char *range = g_strdup_printf (" opened_at >= %" G_GINT64_FORMAT " AND opened_at < %" G_GINT64_FORMAT,
                                            to - 7 * G_TIME_SPAN_DAY, to);
  g_autofree char *sql = NULL;
  const char *shots = g_getenv ("SHOU_STATS_SHOTS");

  g_assert_true (shou_stats_page_export_report (page, pdf, &error));
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  doc_object = G_OBJECT (doc);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  first = poppler_document_get_page (doc, 0);
  page_object = G_OBJECT (first);
  text = page_lines (first);
  g_test_message ("%s", text);

  /* zh_CN: the title as a mainland seller reads it. */
  g_assert_nonnull (strstr (text, "售后周报"));
  g_assert_nonnull (strstr (text, _("This Week Against Last Week")));
  assert_line_numbers (text, _("Requests"), direct_count (7, 0, NULL), direct_count (7, 1, NULL));

  /* The top reason of the week, by a direct count. */
  sql = g_strdup_printf ("SELECT coalesce(reason_code, '') AS k FROM requests WHERE%s"
                         " GROUP BY k ORDER BY count(*) DESC, k LIMIT 1", range);
  top = query_text (sql);
  g_assert_nonnull (strstr (text, shou_buyer_reason_get_label (top)));

  /* Lapsed deadlines this week, and interventions open now. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM requests r WHERE%s AND EXISTS (SELECT 1 FROM events e"
                         " WHERE e.rid = r.rid AND e.kind = 'lapse' AND e.actor = 'platform')", range);
  {
    g_autofree char *lapsed = g_strdup_printf ("%s", _("Decided by the platform after a deadline passed"));
    g_autofree char *line = NULL;

    /* The figures table has this row too; the last one is the section's. */
    line = line_of (strstr (text, _("Deadlines and Interventions")), lapsed);
    g_assert_nonnull (line);
    assert_line_numbers (strstr (text, _("Deadlines and Interventions")), lapsed,
                         shou_db_query_int (shou_store_get_db (store), sql, -1, NULL), -1);
  }
  assert_line_numbers (text, _("Platform interventions still open"),
                       shou_db_query_int (shou_store_get_db (store),
                                          "SELECT count(*) FROM requests WHERE status = 'intervention'", -1, NULL),
                       -1);

  if (shots != NULL)
    {
      double w, h;
      cairo_surface_t *surface;
      cairo_t *cr;
      g_autofree char *png = g_build_filename (shots, "weekly-report-pdf.png", NULL);

      poppler_page_get_size (first, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * 1.5), (int) (h * 1.5));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, 1.5, 1.5);
      poppler_page_render_for_printing (first, cr);
      cairo_destroy (cr);
      cairo_surface_write_to_png (surface, png);
      cairo_surface_destroy (surface);
    }
}

static void
test_stats_page (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autofree char *csv_path = g_build_filename (dir, "统计.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_row = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  ShouWindow *window;
  ShouStatsPage *page;
  ShouBarChart *reasons;
  gint64 week, before, month;

  g_settings_set_string (settings, "last-view", "pending");
  window = g_object_ref_sink (shou_window_new (NULL, store, engine));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 860);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (shou_test_wait_until (mapped_cb, window, 5000));
  g_assert_cmpstr (shou_window_get_main_page (window), ==, "queue");

  /* Alt+8, the sidebar's 统计, shows the page instead of the queue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "u", 8));
  page = SHOU_STATS_PAGE (shou_test_find_widget (GTK_WIDGET (window), SHOU_TYPE_STATS_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_true (shou_test_wait_until (mapped_cb, page, 5000));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (shou_window_get_queue_view (window))));
  g_assert_cmpuint (shou_stats_page_get_days (page), ==, 7);

  /* The demo has requests this week; the figure is the direct count, and
   * the period before is shown beside it. */
  week = direct_count (7, 0, NULL);
  before = direct_count (7, 1, NULL);
  g_assert_cmpint (week, >, 0);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, week);
  g_assert_cmpstr (row_value (page, _("Requests")), ==, expected);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("Previous period: %s"), "");
  g_assert_true (g_str_has_prefix (row_previous (page, _("Requests")),
                                   expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, before);
  g_assert_true (g_str_has_suffix (row_previous (page, _("Requests")),
                                   expected));
  shot (window, "stats-light");
  check_weekly_report (page);

  /* 30 天: the button switches the period. */
  g_clear_pointer (&expected, g_free);
  month = direct_count (30, 0, NULL);
  {
    GtkWidget *label = shou_test_find_label (GTK_WIDGET (page), _("30 Days"));
    GtkWidget *button = GTK_IS_TOGGLE_BUTTON (label) ? label
                        : gtk_widget_get_ancestor (label, GTK_TYPE_TOGGLE_BUTTON);

    g_assert_nonnull (button);
    /* A button's activation clicks it after a short press (250 ms). */
    g_assert_true (gtk_widget_activate (button));
  }
  g_assert_true (shou_test_wait_until (thirty_days_cb, page, 5000));
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, month);
  g_assert_cmpstr (row_value (page, _("Requests")), ==, expected);

  /* The reasons chart: its bars are the reasons of the period, the
   * largest first, and its text alternative says each. */
  reasons = shou_stats_page_get_chart (page, SHOU_STATS_BY_REASON);
  {
    gint64 n_reasons;
    g_autofree char *sql = NULL;
    gint64 to = shou_stats_day_start (g_get_real_time ()) + G_TIME_SPAN_DAY;
    g_autofree char *first = NULL;

    sql = g_strdup_printf ("SELECT count(DISTINCT coalesce(reason_code, '')) FROM requests"
                           " WHERE opened_at >= %" G_GINT64_FORMAT " AND opened_at < %" G_GINT64_FORMAT,
                           to - 30 * G_TIME_SPAN_DAY, to);
    n_reasons = shou_db_query_int (shou_store_get_db (store), sql, -1, NULL);
    g_assert_cmpuint (shou_bar_chart_get_n_bars (reasons), ==, MIN (n_reasons, 10));
    first = shou_bar_chart_describe_bar (reasons, 0);
    g_assert_nonnull (strstr (shou_bar_chart_get_summary (reasons), first));
    g_assert_true (g_str_has_prefix (shou_bar_chart_get_summary (reasons), _("Reasons")));
    /* The first bar is under the pointer at the chart's top. */
    g_assert_cmpint (shou_bar_chart_bar_at (reasons, 5), ==, 0);
    g_assert_cmpint (shou_bar_chart_bar_at (reasons, -1), ==, -1);

    g_clear_pointer (&sql, g_free);
    sql = g_strdup_printf ("SELECT coalesce(reason_code, '') AS k FROM requests"
                           " WHERE opened_at >= %" G_GINT64_FORMAT " AND opened_at < %" G_GINT64_FORMAT
                           " GROUP BY k ORDER BY count(*) DESC, k LIMIT 1",
                           to - 30 * G_TIME_SPAN_DAY, to);
    check_bar_activation (page, reasons, "reason:", sql);
  }
  shot (window, "stats-light-30");

  /* The export: UTF-8 with a BOM, the headers, one line per figure and count. */
  g_assert_true (shou_stats_page_export_csv (page, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  lines = g_strsplit (contents + 3, "\r\n", -1);
  expected_row = g_strdup_printf ("%s,%s,%s,%s", _("Category"), _("Item"), _("This period"),
                                  _("Previous period"));
  g_assert_cmpstr (lines[0], ==, expected_row);
  g_clear_pointer (&expected_row, g_free);
  expected_row = g_strdup_printf ("%s,%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, _("Figure"),
                                  _("Requests"), month, direct_count (30, 1, NULL));
  g_assert_cmpstr (lines[1], ==, expected_row);
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "");

  /* The same as XLSX, read back with Python's zipfile and xml modules:
   * every row as the CSV has it (counts as numbers). */
  if (shou_stats_figures_can_write_xlsx ())
    {
      g_autofree char *xlsx_path = g_build_filename (dir, "统计.xlsx", NULL);
      g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
      g_autofree char *out = NULL;
      g_autofree char *csv_body = NULL;
      const char *argv[] = { "python3", "-c", XLSX_TO_CSV, xlsx_path, NULL };
      int status = 0;

      g_assert_true (shou_stats_page_export_csv (page, xlsx, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      csv_body = g_strjoinv ("\n", lines);
      g_assert_cmpstr (out, ==, csv_body);
    }

  /* The page's own export runs in the background behind a progress bar. */
  {
    g_autofree char *path = g_build_filename (dir, "页面.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *body = NULL;
    GtkWidget *cancel;

    shou_stats_page_start_export (page, file);
    g_assert_true (shou_stats_page_is_exporting (page));
    cancel = shou_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "cancel-export");
    g_assert_nonnull (cancel);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (cancel,
                                                                                          GTK_TYPE_REVEALER))));
    g_assert_true (shou_test_wait_until (not_exporting_cb, page, 10000));
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (cancel,
                                                                                           GTK_TYPE_REVEALER))));
    g_assert_true (g_file_get_contents (path, &body, NULL, NULL));
    g_assert_true (g_str_has_prefix (body, "\xEF\xBB\xBF"));
    g_assert_nonnull (strstr (body, _("Requests")));
  }

  check_custom_range (page);

  if (g_getenv ("SHOU_STATS_SHOTS") != NULL)
    {
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (shou_test_find_widget (GTK_WIDGET (page),
                                                                                GTK_TYPE_SCROLLED_WINDOW,
                                                                                NULL));
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
      graphene_point_t chart_at;

      shou_stats_page_set_days (page, 30);
      g_assert_true (shou_test_wait_until (thirty_days_cb, page, 5000));
      shou_test_iterate (200);
      g_assert_true (gtk_widget_compute_point (GTK_WIDGET (shou_stats_page_get_line_chart (page, 0)),
                                               gtk_scrolled_window_get_child (scroller),
                                               &GRAPHENE_POINT_INIT (0, 0), &chart_at));
      shot (window, "stats-light");
      gtk_adjustment_set_value (adjustment, chart_at.y - 60);
      shot (window, "stats-light-lines");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      shot (window, "stats-dark-lines");
      gtk_adjustment_set_value (adjustment, 0);
      shot (window, "stats-dark");
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      shot (window, "stats-dark-charts");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
      shot (window, "stats-light-charts");
      gtk_adjustment_set_value (adjustment, 0);
    }

  /* Back to a request view: the queue again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "u", 1));
  shou_test_iterate (50);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (shou_window_get_queue_view (window))));
  g_assert_cmpstr (shou_window_get_list_page (window), !=, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  shou_test_iterate (50);
}

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_at_first;
  GAsyncResult *result;
} Progress;

static void
on_progress_cb (double   fraction,
                gpointer data)
{
  Progress *p = data;

  g_array_append_val (p->fractions, fraction);
  if (p->cancel_at_first != NULL)
    g_cancellable_cancel (p->cancel_at_first);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Progress *p = data;

  p->result = g_object_ref (result);
}

static gboolean
written_cb (gpointer data)
{
  return ((Progress *) data)->result != NULL;
}

static void
free_row (gpointer data)
{
  ShouStatsRow *row = data;

  g_free (row->item);
  g_free (row);
}

/* Under AddressSanitizer (CI's second pass) fewer rows: still over a
 * hundred progress steps, one each 512 rows. */
#if defined(__SANITIZE_ADDRESS__)
#define LONG_ROWS 60000
#else
#define LONG_ROWS 200000
#endif

/* A long export (200,000 SKUs) runs in a thread: its progress reaches the
 * main loop in steps, cancelling stops it without a file, and when left to
 * run it writes every row. */
static void
test_long_export (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  g_autofree char *csv_path = g_build_filename (dir, "long.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "long.xlsx", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *last_line = g_strdup_printf ("\r\nSKU,SKU-%06u,3,1\r\n", LONG_ROWS - 1);
  Progress p = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, NULL };
  guint n_lines = 0;

  for (guint i = 0; i < LONG_ROWS; i++)
    {
      ShouStatsRow *row = g_new0 (ShouStatsRow, 1);

      row->category = (char *) "SKU";
      row->item = g_strdup_printf ("SKU-%06u", i);
      row->current = (char *) "3";
      row->previous = (char *) "1";
      g_ptr_array_add (rows, row);
    }

  /* Cancelled at the first report: cancelled, and no file. */
  p.cancel_at_first = cancellable;
  shou_stats_figures_write_async (rows, shou_stats_figures_can_write_xlsx () ? xlsx : csv,
                                  shou_stats_figures_can_write_xlsx (), cancellable, on_progress_cb, &p,
                                  on_written_cb, &p);
  g_assert_true (shou_test_wait_until (written_cb, &p, 20000));
  g_assert_false (shou_stats_figures_write_finish (p.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_query_exists (xlsx, NULL));
  g_assert_false (g_file_query_exists (csv, NULL));
  g_clear_error (&error);
  g_clear_object (&p.result);

  /* Left to run: rising steps, and every row in the file. */
  g_array_set_size (p.fractions, 0);
  p.cancel_at_first = NULL;
  shou_stats_figures_write_async (rows, csv, FALSE, NULL, on_progress_cb, &p, on_written_cb, &p);
  g_assert_true (shou_test_wait_until (written_cb, &p, 20000));
  g_assert_true (shou_stats_figures_write_finish (p.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p.fractions->len, >, 100);
  for (guint i = 1; i < p.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (p.fractions, double, i), >, g_array_index (p.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (p.fractions, double, p.fractions->len - 1), >, 0.99);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  for (const char *c = contents; (c = strstr (c, "\r\n")) != NULL; c += 2)
    n_lines++;
  g_assert_cmpuint (n_lines, ==, LONG_ROWS + 1);
  g_assert_nonnull (strstr (contents, last_line));
  g_clear_object (&p.result);
  g_array_unref (p.fractions);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* In Chinese, as a mainland seller sees the page and the report. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  shou_test_ui_init (&argc, &argv);
  dir = shou_test_make_tmpdir ();
  sim = shou_test_sim_new_demo_history (dir, 7, 90);
  store = shou_test_store_new_connected (dir, sim);
  engine = shou_sync_engine_new (store);
  g_assert_true (shou_test_sync (engine, SYNC_TIMEOUT_MS));

  g_test_add_func ("/ui/stats/page", test_stats_page);
  g_test_add_func ("/ui/stats/long-export", test_long_export);
  ret = g_test_run ();

  shou_sync_engine_stop (engine);
  shou_test_finalize_object (engine);
  shou_test_finalize_object (store);
  g_clear_pointer (&sim, shou_test_sim_free);
  shou_test_rm_rf (dir);
  g_free (dir);
  return ret;
}
