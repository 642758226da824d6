/* pdd-fake-main.c: the Pinduoduo protocol fake (pdd-fake.c) as a process,
 * for the end-to-end test of 授权店铺 (tests/e2e/): a real shouhou-hub with
 * `[platform] kind = pdd` pulls from it over 127.0.0.1.
 *
 *   shou-pdd-fake CLIENT_ID SECRET_FILE
 *
 * Prints one line, {"url": …, "refund": ID, "return": ID}: the gateway and
 * two cases waiting for the seller (a 1-fen refund only, a return). Then
 * reads commands on stdin, one a line, and answers each with one line:
 *   expire         every token stops working (the shop's session lapsed)
 *   count TYPE     accepted calls of the API TYPE
 *   status ID      the case's after_sales_status
 * and exits at the end of stdin. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pdd-fake.h"

static gboolean
on_tick_cb (gpointer data)
{
  platform_fake_set_now (data, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_line_cb (GIOChannel   *channel,
            GIOCondition  condition,
            gpointer      data)
{
  PlatformFake *fake = g_object_get_data (data, "fake");
  g_autofree char *line = NULL;
  gsize length = 0;

  if (g_io_channel_read_line (channel, &line, &length, NULL, NULL) != G_IO_STATUS_NORMAL)
    {
      g_main_loop_quit (g_object_get_data (data, "loop"));
      return G_SOURCE_REMOVE;
    }
  g_strstrip (line);
  if (g_str_equal (line, "expire"))
    {
      platform_fake_expire_tokens (fake);
      printf ("ok\n");
    }
  else if (g_str_has_prefix (line, "count "))
    printf ("%u\n", platform_fake_count (fake, line + strlen ("count ")));
  else if (g_str_has_prefix (line, "status "))
    printf ("%d\n", platform_fake_get_status (fake, g_ascii_strtoll (line + strlen ("status "), NULL, 10)));
  else
    printf ("unknown command\n");
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PlatformFake) fake = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GObject) holder = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  g_autofree char *secret = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 refund, ret;

  if (argc != 3 || !g_file_get_contents (argv[2], &secret, NULL, NULL))
    {
      g_printerr ("usage: shou-pdd-fake CLIENT_ID SECRET_FILE\n");
      return 2;
    }
  fake = pdd_fake_new (argv[1], g_strstrip (secret));
  platform_fake_set_now (fake, now);
  refund = platform_fake_add_case (fake, 1, 2, "0.01", now - 600);
  ret = platform_fake_add_case (fake, 2, 3, "25.50", now - 500);
  printf ("{\"url\": \"%s\", \"refund\": %" G_GINT64_FORMAT ", \"return\": %" G_GINT64_FORMAT "}\n",
          platform_fake_get_url (fake), refund, ret);
  fflush (stdout);
  g_object_set_data (holder, "fake", fake);
  g_object_set_data (holder, "loop", loop);
  g_timeout_add_seconds (1, on_tick_cb, fake);
  g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, on_line_cb, holder);
  g_main_loop_run (loop);
  return 0;
}
