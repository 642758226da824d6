/* shou-test-hub.c: a shouhou-hub process for tests and benchmarks. */
#include "config.h"

#include <signal.h>

#include "shou-test-hub.h"

ShouTestHub
shou_test_hub_start (const char *database,
                     ...)
{
  const char *exe = g_getenv ("SHOUHOU_HUB");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  ShouTestHub hub = { 0 };
  const char *arg;
  va_list args;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  g_ptr_array_add (argv, (gpointer) "--quiet");
  va_start (args, database);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  hub.proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hub.proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (line != NULL && g_str_has_prefix (line, "listening on "));
  hub.url = g_strdup (line + strlen ("listening on "));
  return hub;
}

void
shou_test_hub_stop (ShouTestHub *hub)
{
  if (hub->proc != NULL)
    {
      g_subprocess_send_signal (hub->proc, SIGTERM);
      g_subprocess_wait (hub->proc, NULL, NULL);
    }
  g_clear_object (&hub->proc);
  g_clear_pointer (&hub->url, g_free);
}

SoupMessage *
shou_test_hub_message (const char *method,
                       const char *url,
                       const char *token,
                       const char *body,
                       const char *key)
{
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

  soup_message_headers_replace (headers, "Authorization", bearer);
  if (key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}
