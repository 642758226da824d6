/* shou-stats-figures.c: figures as text, and their CSV export. */
#include "config.h"

#include <glib/gi18n.h>
#if HAVE_XLSXWRITER
#include <xlsxwriter.h>
#endif

#include "core/shou-core.h"
#include "core/shou-reason-text.h"
#include "shou-stats-figures.h"

static void
row_free (gpointer data)
{
  ShouStatsRow *row = data;

  g_free (row->category);
  g_free (row->item);
  g_free (row->current);
  g_free (row->previous);
  g_free (row);
}

static void
add_row (GPtrArray  *rows,
         const char *category,
         const char *item,
         char       *current,
         char       *previous)
{
  ShouStatsRow *row = g_new0 (ShouStatsRow, 1);

  row->category = g_strdup (category);
  row->item = g_strdup (item);
  row->current = current;
  row->previous = previous;
  g_ptr_array_add (rows, row);
}

static char *
format_rate (double rate)
{
  if (rate < 0)
    return g_strdup ("—");
  /* Translators: a rate in percent, e.g. "12.5%" */
  return g_strdup_printf (_("%.1f%%"), rate * 100);
}

/* A rate over the orders: unknown without an order count. */
static char *
format_order_rate (guint            num,
                   const ShouStats *s)
{
  if (!s->orders_known)
    return g_strdup (_("Unknown (no order count)"));
  return format_rate (shou_stats_rate (num, s->orders));
}

static char *
format_duration (gint64 us)
{
  gint64 minutes = us / G_TIME_SPAN_MINUTE;

  if (us <= 0)
    return g_strdup ("—");
  if (minutes < 60)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
}

static char *
format_count (guint n)
{
  return g_strdup_printf ("%u", n);
}

const char *
shou_stats_figures_key_label (ShouStatsBy           by,
                              const ShouStatsCount *count)
{
  ShouRequestType type;
  ShouPlatform platform;
  const char *label;

  switch (by)
    {
    case SHOU_STATS_BY_REASON:
      if (count->key[0] == '\0')
        return _("No reason given");
      label = shou_buyer_reason_get_label (count->key);
      return label ? label : count->key;
    case SHOU_STATS_BY_SKU:
      return count->key[0] ? count->key : _("No SKU");
    case SHOU_STATS_BY_SHOP:
      return count->label ? count->label : count->key;
    case SHOU_STATS_BY_PLATFORM:
      return shou_platform_from_string (count->key, &platform) ? shou_platform_get_label (platform)
                                                               : count->key;
    case SHOU_STATS_BY_TYPE:
      return shou_request_type_from_string (count->key, &type) ? shou_request_type_get_label (type)
                                                               : count->key;
    case SHOU_STATS_N_BY:
    default:
      return count->key;
    }
}

static guint
count_of (const ShouStats *s,
          ShouStatsBy      by,
          const char      *key)
{
  for (guint i = 0; i < s->by[by]->len; i++)
    {
      const ShouStatsCount *c = s->by[by]->pdata[i];

      if (g_str_equal (c->key, key))
        return c->n;
    }
  return 0;
}

GPtrArray *
shou_stats_figures_rows (const ShouStats *cur,
                         const ShouStats *prev)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  const char *figure = _("Figure");
  const char *by_names[SHOU_STATS_N_BY] = {
    _("Reason"), _("SKU"), _("Shop"), _("Platform"), _("Request type"),
  };

  g_return_val_if_fail (cur != NULL && prev != NULL, rows);

  add_row (rows, figure, _("Requests"), format_count (cur->requests), format_count (prev->requests));
  add_row (rows, figure, _("Orders"),
           cur->orders_known ? format_count (cur->orders) : g_strdup (_("Unknown")),
           prev->orders_known ? format_count (prev->orders) : g_strdup (_("Unknown")));
  add_row (rows, figure, _("Refund rate"), format_order_rate (cur->requests, cur),
           format_order_rate (prev->requests, prev));
  add_row (rows, figure, _("Quality refund rate"), format_order_rate (cur->quality, cur),
           format_order_rate (prev->quality, prev));
  add_row (rows, figure, _("Platform intervention rate"),
           format_rate (shou_stats_rate (cur->intervened, cur->requests)),
           format_rate (shou_stats_rate (prev->intervened, prev->requests)));
  add_row (rows, figure, _("Negotiations accepted or withdrawn"),
           format_rate (shou_stats_nego_success (cur)), format_rate (shou_stats_nego_success (prev)));
  add_row (rows, figure, _("Handled before the deadline"),
           format_rate (shou_stats_rate (cur->before_deadline, cur->decided)),
           format_rate (shou_stats_rate (prev->before_deadline, prev->decided)));
  add_row (rows, figure, _("Decided by the platform after a deadline passed"),
           format_count (cur->lapsed), format_count (prev->lapsed));
  add_row (rows, figure, _("Refunded"), shou_money_format (cur->refunded_fen),
           shou_money_format (prev->refunded_fen));
  add_row (rows, figure, _("Compensated"), shou_money_format (cur->compensated_fen),
           shou_money_format (prev->compensated_fen));
  add_row (rows, figure, _("Return shipping borne"), shou_money_format (cur->shipping_fen),
           shou_money_format (prev->shipping_fen));
  add_row (rows, figure, _("Average handling time"), format_duration (cur->handled_avg_us),
           format_duration (prev->handled_avg_us));
  add_row (rows, figure, _("90% handled within"), format_duration (cur->handled_p90_us),
           format_duration (prev->handled_p90_us));

  for (guint by = 0; by < SHOU_STATS_N_BY; by++)
    for (guint i = 0; i < cur->by[by]->len; i++)
      {
        const ShouStatsCount *c = cur->by[by]->pdata[i];

        add_row (rows, by_names[by], shou_stats_figures_key_label (by, c), format_count (c->n),
                 format_count (count_of (prev, by, c->key)));
      }
  return rows;
}

static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Rows between two looks at the cancellable and two progress reports. */
#define CHUNK 512

typedef struct
{
  ShouStatsProgress  progress;
  gpointer           data;
  GCancellable      *cancellable;
  guint              total;
} Run;

/* FALSE (with @error set) when the run was cancelled. */
static gboolean
run_step (Run     *run,
          guint    done,
          GError **error)
{
  if (done % CHUNK != 0 || run == NULL)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  if (run->progress != NULL)
    run->progress (run->total ? (double) done / run->total : 1.0, run->data);
  return TRUE;
}

static gboolean
write_csv (GPtrArray  *rows,
           GFile      *file,
           Run        *run,
           GError    **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  const char *headers[] = { _("Category"), _("Item"), _("This period"), _("Previous period") };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, headers[i]);
    }
  g_string_append (out, "\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      ShouStatsRow *row = rows->pdata[i];
      const char *fields[] = { row->category, row->item, row->current, row->previous };

      if (!run_step (run, i, error))
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          if (k > 0)
            g_string_append_c (out, ',');
          append_field (out, fields[k]);
        }
      g_string_append (out, "\r\n");
    }
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  run ? run->cancellable : NULL, error);
}

gboolean
shou_stats_figures_write_csv (GPtrArray  *rows,
                              GFile      *file,
                              GError    **error)
{
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return write_csv (rows, file, NULL, error);
}

gboolean
shou_stats_figures_can_write_xlsx (void)
{
  return HAVE_XLSXWRITER;
}

/* A cell's text as a number when it is a plain count. */
static gboolean
parse_count (const char *text,
             double     *value)
{
  guint64 n;

  if (text[0] == '\0' || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &n, NULL))
    return FALSE;
  *value = (double) n;
  return TRUE;
}

static gboolean
write_xlsx (GPtrArray  *rows,
            GFile      *file,
            Run        *run,
            GError    **error)
{
#if HAVE_XLSXWRITER
  g_autofree char *path = g_file_get_path (file);
  const char *headers[] = { _("Category"), _("Item"), _("This period"), _("Previous period") };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error rc;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be written"));
      return FALSE;
    }
  workbook = workbook_new (path);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, _("Statistics"));
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  for (guint k = 0; k < G_N_ELEMENTS (headers); k++)
    worksheet_write_string (sheet, 0, k, headers[k], bold);
  worksheet_set_column (sheet, 0, 0, 12, NULL);
  worksheet_set_column (sheet, 1, 1, 36, NULL);
  worksheet_set_column (sheet, 2, 3, 18, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      ShouStatsRow *row = rows->pdata[i];
      const char *fields[] = { row->category, row->item, row->current, row->previous };

      if (!run_step (run, i, error))
        {
          /* Nothing half-written is left behind. */
          workbook_close (workbook);
          g_file_delete (file, NULL, NULL);
          return FALSE;
        }
      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        {
          double value;

          if (k >= 2 && parse_count (fields[k], &value))
            worksheet_write_number (sheet, i + 1, k, value, NULL);
          else
            worksheet_write_string (sheet, i + 1, k, fields[k], NULL);
        }
    }
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path,
                   lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
#else
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("This build of Shouhou cannot write XLSX files"));
  return FALSE;
#endif
}

gboolean
shou_stats_figures_write_xlsx (GPtrArray  *rows,
                               GFile      *file,
                               GError    **error)
{
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  return write_xlsx (rows, file, NULL, error);
}

/* ---- in a thread, with progress ----------------------------------------- */

typedef struct
{
  GPtrArray         *rows;
  GFile             *file;
  gboolean           xlsx;
  ShouStatsProgress  progress;
  gpointer           progress_data;
  GMainContext      *context;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_ptr_array_unref (job->rows);
  g_object_unref (job->file);
  g_main_context_unref (job->context);
  g_free (job);
}

typedef struct
{
  GTask  *task;   /* keeps the job and its caller alive */
  double  fraction;
} Report;

static gboolean
report_cb (gpointer data)
{
  Report *report = data;
  Job *job = g_task_get_task_data (report->task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (report->task)))
    job->progress (report->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  Report *report = data;

  g_object_unref (report->task);
  g_free (report);
}

/* In the thread: hands the fraction to the caller's main context. */
static void
thread_progress (double   fraction,
                 gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  Report *report = g_new0 (Report, 1);
  GSource *idle = g_idle_source_new ();

  report->task = g_object_ref (task);
  report->fraction = fraction;
  /* Always through a source: g_main_context_invoke() would call back in
   * this thread whenever it can acquire the caller's (default) context. */
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, report_cb, report, report_free);
  g_source_attach (idle, job->context);
  g_source_unref (idle);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  Run run = { job->progress ? thread_progress : NULL, task, cancellable, job->rows->len };
  GError *error = NULL;
  gboolean ok = job->xlsx ? write_xlsx (job->rows, job->file, &run, &error)
                          : write_csv (job->rows, job->file, &run, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
shou_stats_figures_write_async (GPtrArray           *rows,
                                GFile               *file,
                                gboolean             xlsx,
                                GCancellable        *cancellable,
                                ShouStatsProgress    progress,
                                gpointer             progress_data,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (rows != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_stats_figures_write_async);
  job = g_new0 (Job, 1);
  job->rows = g_ptr_array_ref (rows);
  job->file = g_object_ref (file);
  job->xlsx = xlsx;
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, job, job_free);
  /* The result only: a cancelled run reports cancelled, not its error. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, write_thread);
}

gboolean
shou_stats_figures_write_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
