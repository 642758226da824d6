/* shou-api-fetch.c: a bounded, timed HTTP exchange. */
#include "config.h"

#include "shou-api-fetch.h"

#define CHUNK_BYTES (64 * 1024)
#define TICK_MS 100

typedef enum
{
  STAGE_WAITING,      /* sent (or sending), no headers yet */
  STAGE_CONNECTING,   /* resolving or connecting */
  STAGE_BODY,
} Stage;

typedef struct
{
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *buf;
  gsize            max_bytes;
  gsize            limit;       /* for this answer: max_bytes, or the error cap */
  gboolean         cut_ok;      /* an error answer is cut, not refused */
  GCancellable    *cancellable; /* ours: cancelled on a timeout */
  GCancellable    *outer;
  gulong           outer_id;
  gulong           event_id;
  ShouApiTimeouts  timeouts;
  gint64           started;
  gint64           connect_started;
  Stage            stage;
  const char      *timed_out;   /* which stage, when it did */
  guint            tick;
} Fetch;

static void
fetch_stop (Fetch *f)
{
  g_clear_handle_id (&f->tick, g_source_remove);
  if (f->outer_id != 0)
    {
      g_cancellable_disconnect (f->outer, f->outer_id);
      f->outer_id = 0;
    }
  g_clear_signal_handler (&f->event_id, f->msg);
}

static void
fetch_free (gpointer data)
{
  Fetch *f = data;

  fetch_stop (f);
  /* An answer not read to its end must not be read to its end now (an
   * endless body): the cancelled exchange closes its connection. */
  if (f->stream != NULL)
    {
      g_cancellable_cancel (f->cancellable);
      g_input_stream_close (f->stream, f->cancellable, NULL);
    }
  g_clear_object (&f->stream);
  g_clear_pointer (&f->buf, g_byte_array_unref);
  g_clear_object (&f->msg);
  g_clear_object (&f->cancellable);
  g_clear_object (&f->outer);
  g_free (f);
}

static void
return_error (GTask  *task,
              GError *error)
{
  Fetch *f = g_task_get_task_data (task);

  fetch_stop (f);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && f->timed_out != NULL &&
      !g_cancellable_is_cancelled (f->outer))
    {
      g_error_free (error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No answer in time (%s)", f->timed_out);
    }
  g_task_return_error (task, error);
}

static void
return_body (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  fetch_stop (f);
  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&f->buf)),
                         (GDestroyNotify) g_bytes_unref);
}

static void
on_outer_cancelled_cb (GCancellable *outer,
                       gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Fetch *f = user_data;
  gint64 now = g_get_monotonic_time ();

  if (f->stage == STAGE_CONNECTING &&
      now - f->connect_started > (gint64) f->timeouts.connect_s * G_USEC_PER_SEC)
    f->timed_out = "connect";
  else if (f->stage != STAGE_BODY &&
           now - f->started > (gint64) f->timeouts.header_s * G_USEC_PER_SEC)
    f->timed_out = "headers";
  else if (now - f->started > (gint64) f->timeouts.total_s * G_USEC_PER_SEC)
    f->timed_out = "total";
  if (f->timed_out == NULL)
    return G_SOURCE_CONTINUE;
  f->tick = 0;
  g_cancellable_cancel (f->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_network_event_cb (SoupMessage        *msg,
                     GSocketClientEvent  event,
                     GIOStream          *connection,
                     Fetch              *f)
{
  if (event == G_SOCKET_CLIENT_RESOLVING && f->stage == STAGE_WAITING)
    {
      f->stage = STAGE_CONNECTING;
      f->connect_started = g_get_monotonic_time ();
    }
  else if (event == G_SOCKET_CLIENT_COMPLETE && f->stage == STAGE_CONNECTING)
    f->stage = STAGE_WAITING;
}

static void read_next (GTask *task);

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      return_error (task, error);
      return;
    }
  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      g_input_stream_close (f->stream, NULL, NULL);
      g_clear_object (&f->stream);
      return_body (task);
      return;
    }
  if (f->buf->len + size > f->limit)
    {
      if (f->cut_ok)
        {
          g_byte_array_append (f->buf, g_bytes_get_data (chunk, NULL), (guint) (f->limit - f->buf->len));
          return_body (task);
        }
      else
        return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                         "The answer is larger than %" G_GSIZE_FORMAT " bytes", f->limit));
      return;
    }
  g_byte_array_append (f->buf, g_bytes_get_data (chunk, NULL), (guint) size);
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Fetch *f = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (f->stream, CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                   f->cancellable, on_read_cb, task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  GError *error = NULL;
  guint status;
  goffset length;

  f->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (f->stream == NULL)
    {
      return_error (task, error);
      return;
    }
  f->stage = STAGE_BODY;
  status = soup_message_get_status (f->msg);
  f->cut_ok = status < 200 || status >= 300;
  f->limit = f->cut_ok ? MIN (f->max_bytes, SHOU_API_MAX_ERROR_BYTES) : f->max_bytes;
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (f->msg));
  if (!f->cut_ok && length > 0 && (guint64) length > f->limit)
    {
      return_error (task, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                       "The answer announces %" G_GINT64_FORMAT " bytes", (gint64) length));
      return;
    }
  read_next (g_steal_pointer (&task));
}

void
shou_api_fetch_async (SoupSession           *session,
                      SoupMessage           *msg,
                      gsize                  max_bytes,
                      const ShouApiTimeouts *timeouts,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *f;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (timeouts != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_api_fetch_async);
  f = g_new0 (Fetch, 1);
  f->msg = g_object_ref (msg);
  f->buf = g_byte_array_new ();
  f->max_bytes = max_bytes;
  f->limit = max_bytes;
  f->timeouts = *timeouts;
  f->cancellable = g_cancellable_new ();
  f->outer = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  f->started = g_get_monotonic_time ();
  g_task_set_task_data (task, f, fetch_free);

  f->outer_id = g_cancellable_connect (f->outer, G_CALLBACK (on_outer_cancelled_cb),
                                       g_object_ref (f->cancellable), g_object_unref);
  f->event_id = g_signal_connect (msg, "network-event", G_CALLBACK (on_network_event_cb), f);
  f->tick = g_timeout_add (TICK_MS, on_tick_cb, f);
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, f->cancellable,
                           on_sent_cb, g_steal_pointer (&task));
}

GBytes *
shou_api_fetch_finish (SoupSession   *session,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, session), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
