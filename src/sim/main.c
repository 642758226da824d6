/* shouhou-sim: the remote after-sales API for the demo, the tests and
 * adapter authors. See src/sim/API.md. */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "sim/shou-sim-server.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShouSimServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  gboolean demo = FALSE;
  gboolean test_controls = FALSE;
  gboolean no_buyers = FALSE;
  gboolean quiet = FALSE;
  int port = 0;
  int scale = 0;
  int seed = 20261111;
  int buyer_interval = 0;
  double demo_speed = 1;
  double lapse_grace = -1;
  ShouSimFlags flags = SHOU_SIM_FLAG_NONE;
  guint bound;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0: any free port)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "SQLite database file (default: in memory)", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Fill an empty database with demo shops and start simulated buyers", NULL },
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale, "Generate N orders with a request each (benchmarks)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed for generated data", "N" },
    { "test-controls", 0, 0, G_OPTION_ARG_NONE, &test_controls, "Serve /v1/test/ (clock, buyer, faults)", NULL },
    { "no-buyers", 0, 0, G_OPTION_ARG_NONE, &no_buyers, "Do not run simulated buyers in --demo", NULL },
    { "buyer-interval", 0, 0, G_OPTION_ARG_INT, &buyer_interval, "Milliseconds between simulated buyers' moves (default 4000 / demo speed)", "MS" },
    { "demo-speed", 0, 0, G_OPTION_ARG_DOUBLE, &demo_speed, "How fast demo buyers move and answer negotiation rounds (default 1: an answer 90 s after a round; 10: 9 s)", "N" },
    { "lapse-grace", 0, 0, G_OPTION_ARG_DOUBLE, &lapse_grace, "Seconds a deadline stays overdue before it lapses (default 0, --demo 10800)", "S" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "Serve HTTPS with this PEM certificate", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "PEM private key for --tls-cert", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not log requests", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);

  context = g_option_context_new ("- simulated after-sales platform API");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("shouhou-sim: %s\n", error->message);
      return 2;
    }
  if (buyer_interval == 0 && demo_speed > 0)
    buyer_interval = (int) MAX (4000 / demo_speed, 50);
  if (port < 0 || port > 65535 || scale < 0 || buyer_interval < 50 || !(demo_speed > 0 && demo_speed <= 1000) ||
      (tls_cert != NULL) != (tls_key != NULL))
    {
      g_printerr ("shouhou-sim: invalid arguments (see --help)\n");
      return 2;
    }

  if (test_controls)
    flags |= SHOU_SIM_FLAG_TEST_CONTROLS;
  if (quiet)
    flags |= SHOU_SIM_FLAG_QUIET;

  server = shou_sim_server_new (db_path ? db_path : ":memory:", flags, &error);
  if (server == NULL)
    {
      g_printerr ("shouhou-sim: %s\n", error->message);
      return 1;
    }
  if (lapse_grace < 0)
    lapse_grace = demo ? 3 * 3600 : 0;
  shou_sim_server_set_lapse_grace (server, (gint64) (lapse_grace * G_USEC_PER_SEC));

  /* Three months, so that the statistics' 上期 says something. */
  if (demo)
    shou_sim_server_set_demo_history_days (server, 90);
  if (demo && !shou_sim_server_add_demo (server, (guint32) seed, &error))
    {
      g_printerr ("shouhou-sim: demo data: %s\n", error->message);
      return 1;
    }
  if (scale > 0)
    {
      gint64 start = g_get_monotonic_time ();

      if (!shou_sim_server_add_scale (server, scale, (guint32) seed, &error))
        {
          g_printerr ("shouhou-sim: scale data: %s\n", error->message);
          return 1;
        }
      g_printerr ("shouhou-sim: generated %d orders and requests in %.2f s\n", scale,
                  (g_get_monotonic_time () - start) / 1e6);
    }
  if (tls_cert != NULL &&
      !shou_sim_server_set_tls_files (server, tls_cert, tls_key, &error))
    {
      g_printerr ("shouhou-sim: TLS: %s\n", error->message);
      return 1;
    }

  bound = shou_sim_server_listen (server, port, &error);
  if (bound == 0)
    {
      g_printerr ("shouhou-sim: cannot listen: %s\n", error->message);
      return 1;
    }

  printf ("listening on %s\n", shou_sim_server_get_url (server));
  tokens = shou_sim_server_dup_tokens (server);
  for (guint i = 0; tokens[i] != NULL; i++)
    printf ("token %s\n", tokens[i]);
  fflush (stdout);

  shou_sim_server_set_demo_speed (server, demo_speed);
  if (demo && !no_buyers)
    shou_sim_server_set_buyers (server, TRUE, buyer_interval);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
