/* shouhou-hub: the v1 contract (src/hub/API.md) for a shop team's
 * desktops, over SQLite or PostgreSQL, with the simulated platform as its
 * first upstream. See README "The hub". */
#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "hub/platforms/shou-platform-config.h"
#include "hub/shou-hub-autorules.h"
#include "hub/shou-hub-server.h"
#include "sim/shou-sim-demo.h"
#include "sim/shou-sim-platform.h"

typedef struct
{
  char     *config;
  char     *database;
  char     *listen;
  int       port;
  char     *tls_cert;
  char     *tls_key;
  gboolean  behind_proxy;
  gboolean  demo;
  int       scale;
  gboolean  quiet;
  char     *auth_url;
  char     *authorise;
} Options;

static void
options_clear (Options *opt)
{
  g_clear_pointer (&opt->config, g_free);
  g_clear_pointer (&opt->database, g_free);
  g_clear_pointer (&opt->listen, g_free);
  g_clear_pointer (&opt->tls_cert, g_free);
  g_clear_pointer (&opt->tls_key, g_free);
  g_clear_pointer (&opt->auth_url, g_free);
  g_clear_pointer (&opt->authorise, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* A file path from the configuration, relative to the file's folder. */
static char *
config_path (GKeyFile   *file,
             const char *config,
             const char *group,
             const char *key)
{
  g_autofree char *value = g_key_file_get_string (file, group, key, NULL);
  g_autofree char *dir = NULL;

  if (value == NULL || g_path_is_absolute (value))
    return g_steal_pointer (&value);
  dir = g_path_get_dirname (config);
  return g_build_filename (dir, value, NULL);
}

/* [hub] listen, port, database, tls-certificate, tls-key, behind-proxy;
 * [merchant ID] name, token-file; [staff ID] (see add_staff). The command line wins over the file.
 * Secrets are named by file, never written in it. */
static gboolean
load_config (Options   *opt,
             GKeyFile  *file,
             GError   **error)
{
  static const char *const inline_secrets[] = { "token", "app-secret", "client-secret", "password", NULL };
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_file (file, opt->config, G_KEY_FILE_NONE, error))
    return FALSE;
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    for (guint k = 0; inline_secrets[k] != NULL; k++)
      if (g_key_file_has_key (file, groups[i], inline_secrets[k], NULL))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[%s] %s: secrets are given as files (%s-file), never inline",
                       groups[i], inline_secrets[k], inline_secrets[k]);
          return FALSE;
        }
  if (opt->database == NULL)
    opt->database = config_path (file, opt->config, "hub", "database");
  if (opt->listen == NULL)
    opt->listen = g_key_file_get_string (file, "hub", "listen", NULL);
  if (opt->port == 0 && g_key_file_has_key (file, "hub", "port", NULL))
    {
      opt->port = g_key_file_get_integer (file, "hub", "port", NULL);
      if (opt->port == 0)
        opt->port = -2;  /* any free port */
    }
  if (opt->tls_cert == NULL)
    opt->tls_cert = config_path (file, opt->config, "hub", "tls-certificate");
  if (opt->tls_key == NULL)
    opt->tls_key = config_path (file, opt->config, "hub", "tls-key");
  if (!opt->behind_proxy)
    opt->behind_proxy = g_key_file_get_boolean (file, "hub", "behind-proxy", NULL);
  return TRUE;
}

/* [staff ID] merchant, name, role (owner|agent), token-file, and for
 * agents cap-action-fen and cap-day-fen. Added once; later starts keep it. */
static gboolean
add_staff (ShouHubStore  *store,
           GKeyFile      *file,
           const char    *config,
           const char    *group,
           GError       **error)
{
  g_autofree char *token_file = config_path (file, config, group, "token-file");
  g_autofree char *token = NULL;
  g_autofree char *merchant = g_key_file_get_string (file, group, "merchant", NULL);
  g_autofree char *name = g_key_file_get_string (file, group, "name", NULL);
  g_autofree char *role = g_key_file_get_string (file, group, "role", NULL);
  g_autoptr(ShouHubStaff) known = NULL;
  ShouHubStaff staff = { 0 };

  if (merchant == NULL || token_file == NULL ||
      (role != NULL && !g_str_equal (role, "owner") && !g_str_equal (role, "agent")))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] needs merchant, token-file and role owner or agent", group);
      return FALSE;
    }
  if (!g_file_get_contents (token_file, &token, NULL, error))
    return FALSE;
  g_strstrip (token);
  staff.merchant_id = merchant;
  staff.staff_id = (char *) group + strlen ("staff ");
  staff.name = name ? name : staff.staff_id;
  staff.role = role ? role : (char *) "agent";
  staff.cap_action_fen = g_key_file_get_int64 (file, group, "cap-action-fen", NULL);
  staff.cap_day_fen = g_key_file_get_int64 (file, group, "cap-day-fen", NULL);
  known = shou_hub_store_get_staff (store, merchant, staff.staff_id);
  if (known != NULL)
    return TRUE;
  if (!shou_hub_store_begin (store, error) ||
      !shou_hub_store_add_staff (store, &staff, token, error) ||
      !shou_hub_store_commit (store, error))
    {
      shou_hub_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_merchants (ShouHubStore  *store,
               GKeyFile      *file,
               const char    *config,
               GError       **error)
{
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *token_file = NULL;
      g_autofree char *token = NULL;
      g_autofree char *known = NULL;
      const char *id;

      if (g_str_has_prefix (groups[i], "staff "))
        {
          if (!add_staff (store, file, config, groups[i], error))
            return FALSE;
          continue;
        }
      if (!g_str_has_prefix (groups[i], "merchant "))
        continue;
      id = groups[i] + strlen ("merchant ");
      name = g_key_file_get_string (file, groups[i], "name", NULL);
      token_file = config_path (file, config, groups[i], "token-file");
      if (token_file == NULL || !g_file_get_contents (token_file, &token, NULL, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                         "[%s] needs a token-file", groups[i]);
          return FALSE;
        }
      g_strstrip (token);
      known = shou_hub_store_get_token (store, id);
      if (known != NULL)
        continue;
      if (!shou_hub_store_begin (store, error) ||
          !shou_hub_store_add_merchant (store, id, name ? name : id, token, error) ||
          !shou_hub_store_commit (store, error))
        {
          shou_hub_store_rollback (store);
          return FALSE;
        }
    }
  return TRUE;
}

/* --auth-url and --authorise: the seller's authorisation of a shop, which
 * the platform redirects to a registered public URL the hub may not have. */
static int
authorise (ShouHubPlatform *platform,
           const Options   *opt)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pair = NULL;

  if (opt->auth_url != NULL)
    {
      g_autofree char *state = g_uuid_string_random ();
      g_autofree char *url = shou_hub_platform_auth_url (platform, opt->auth_url, state);

      printf ("%s\n", url);
      return 0;
    }
  pair = g_strsplit (opt->authorise, "=", 2);
  if (pair[0] == NULL || pair[1] == NULL ||
      !shou_hub_platform_authorise (platform, pair[0], pair[1], &error))
    {
      g_printerr ("shouhou-hub: --authorise %s: %s\n", pair[0] ? pair[0] : "",
                  error ? error->message : "give SHOP=CODE");
      return 1;
    }
  printf ("shop %s authorised\n", pair[0]);
  return 0;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) inet = host ? g_inet_address_new_from_string (host) : NULL;

  return host == NULL || (inet != NULL && g_inet_address_get_is_loopback (inet));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(ShouHubStore) store = NULL;
  g_autoptr(ShouSimClock) clock = NULL;
  g_autoptr(ShouSimWorld) world = NULL;
  g_autoptr(ShouSimPlatform) sim_platform = NULL;
  g_autoptr(ShouHubPlatform) platform = NULL;
  g_autoptr(ShouHubServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(Options) opt = { 0 };
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &opt.config, "Configuration file (see README \"The hub\")", "FILE" },
    { "database", 'd', 0, G_OPTION_ARG_STRING, &opt.database, "SQLite file or postgresql:// URL (default: shouhou-hub.db)", "DB" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt.listen, "IP address to listen on (default 127.0.0.1)", "ADDRESS" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &opt.port, "Port (default 8640; 0: any free port)", "N" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt.tls_cert, "Serve HTTPS with this PEM certificate", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt.tls_key, "PEM private key for --tls-cert", "FILE" },
    { "behind-proxy", 0, 0, G_OPTION_ARG_NONE, &opt.behind_proxy, "Plain HTTP on a non-loopback address: a TLS proxy is in front", NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &opt.demo, "Fill an empty database with the simulated platform's demo shops", NULL },
    { "scale", 0, 0, G_OPTION_ARG_INT, &opt.scale, "Add merchant \"scale\" with N generated requests (load tests), once", "N" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt.quiet, "Do not log requests", NULL },
    { "auth-url", 0, 0, G_OPTION_ARG_STRING, &opt.auth_url, "Print the platform's shop authorisation page for this registered redirect URL, then exit", "URL" },
    { "authorise", 0, 0, G_OPTION_ARG_STRING, &opt.authorise, "Exchange the code (or the whole redirect URL) the seller pasted for SHOP's tokens, then exit", "SHOP=CODE" },
    { NULL }
  };
  guint bound;
  int port;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  opt.port = -1;

  context = g_option_context_new ("- after-sales hub for a shop team");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("shouhou-hub: %s\n", error->message);
      return 2;
    }
  if (opt.port == -1)
    opt.port = 0;
  else if (opt.port == 0)
    opt.port = -2;  /* any free port, asked for */
  if (opt.config != NULL && !load_config (&opt, file, &error))
    {
      g_printerr ("shouhou-hub: %s: %s\n", opt.config, error->message);
      return 2;
    }
  port = opt.port == -2 ? 0 : opt.port == 0 ? 8640 : opt.port;
  if (port < 0 || port > 65535 || (opt.tls_cert != NULL) != (opt.tls_key != NULL))
    {
      g_printerr ("shouhou-hub: invalid arguments (see --help)\n");
      return 2;
    }
  /* Tokens cross the network in their headers: plain HTTP only where
   * nobody else can listen, or behind a TLS proxy the admin named. */
  if (!is_loopback (opt.listen) && opt.tls_cert == NULL && !opt.behind_proxy)
    {
      g_printerr ("shouhou-hub: listening on %s needs --tls-cert and --tls-key, or --behind-proxy\n",
                  opt.listen);
      return 2;
    }

  store = shou_hub_store_open (opt.database ? opt.database : "shouhou-hub.db", &error);
  if (store == NULL)
    {
      g_printerr ("shouhou-hub: database: %s\n", error->message);
      return 1;
    }
  if (opt.config != NULL && !add_merchants (store, file, opt.config, &error))
    {
      g_printerr ("shouhou-hub: %s: %s\n", opt.config, error->message);
      return 1;
    }
  if (opt.config != NULL)
    platform = shou_platform_config_create (file, opt.config, store, &error);
  if (error != NULL)
    {
      g_printerr ("shouhou-hub: %s: [platform]: %s\n", opt.config, error->message);
      return 1;
    }
  if (platform != NULL && (opt.auth_url != NULL || opt.authorise != NULL))
    return authorise (platform, &opt);
  if (platform != NULL && (opt.demo || opt.scale > 0))
    {
      g_printerr ("shouhou-hub: --demo and --scale are for the simulated platform\n");
      return 2;
    }
  if (platform == NULL && (opt.auth_url != NULL || opt.authorise != NULL))
    {
      g_printerr ("shouhou-hub: --auth-url and --authorise need a [platform] kind in --config\n");
      return 2;
    }
  if (platform == NULL)
    {
      clock = shou_sim_clock_new ();
      world = shou_sim_world_new (store, clock);
      sim_platform = shou_sim_platform_new (world);
      platform = g_object_ref (SHOU_HUB_PLATFORM (sim_platform));
    }
  if (opt.demo && shou_hub_store_is_empty (store))
    {
      g_autoptr(ShouSimDemo) demo = shou_sim_demo_new (world, 20261111);

      if (!shou_sim_demo_populate (demo, &error))
        {
          g_printerr ("shouhou-hub: demo data: %s\n", error->message);
          return 1;
        }
    }
  if (opt.scale > 0)
    {
      g_autoptr(ShouSimDemo) demo = shou_sim_demo_new (world, 7);
      g_autofree char *existing = shou_hub_store_get_token (store, "scale");

      if (existing == NULL && !shou_sim_demo_scale (demo, opt.scale, &error))
        {
          g_printerr ("shouhou-hub: scale data: %s\n", error->message);
          return 1;
        }
    }

  server = shou_hub_server_new (store, platform,
                                opt.quiet ? SHOU_HUB_SERVER_QUIET : SHOU_HUB_SERVER_NONE);
  /* A team's hub runs the merchants' automatic rules (its desktops leave
   * them to it). */
  shou_hub_server_set_autorules (server, TRUE, SHOU_HUB_AUTORULE_UNDO_WINDOW);
  if (opt.tls_cert != NULL &&
      !shou_hub_server_set_tls_files (server, opt.tls_cert, opt.tls_key, &error))
    {
      g_printerr ("shouhou-hub: TLS: %s\n", error->message);
      return 1;
    }
  bound = shou_hub_server_listen (server, opt.listen, port, &error);
  if (bound == 0)
    {
      g_printerr ("shouhou-hub: cannot listen: %s\n", error->message);
      return 1;
    }
  printf ("listening on %s\n", shou_hub_server_get_url (server));
  printf ("database %s\n", shou_hub_store_get_engine (store));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
