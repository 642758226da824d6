/* shou-test-pg.c: a private PostgreSQL server for tests. */
#include "config.h"

#include <gio/gio.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "shou-test-fs.h"
#include "shou-test-pg.h"

static char *dir;
static char *base_url;
static GSubprocess *server;
static guint n_databases;

const char *
shou_test_pg_bindir (void)
{
  static const char *const candidates[] = {
    "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin",
  };
  const char *env = g_getenv ("SHOU_TEST_PG_BINDIR");

  if (env != NULL)
    return env;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *initdb = g_build_filename (candidates[i], "initdb", NULL);

      if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
        return candidates[i];
    }
  return NULL;
}

/* initdb refuses root: as root, the server runs as the postgres user. */
static void
add_user (GPtrArray *argv)
{
  if (getuid () == 0)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) local = NULL;

  if (socket == NULL || !g_socket_bind (socket, address, TRUE, NULL) ||
      (local = g_socket_get_local_address (socket, NULL)) == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

static gboolean
run (GPtrArray  *argv,
     GError    **error)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s",
                   (const char *) argv->pdata[0], err ? err : "");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  uid_t uid;
  gid_t gid;
  pid_t parent;
} Child;

/* In the server's process before exec: as root, become postgres (initdb
 * and postgres refuse root); then die with the test (SIGQUIT: immediate
 * shutdown), set after the change of user, which would clear it. */
static void
child_setup (gpointer data)
{
  Child *child = data;

  if (child->uid != 0 &&
      (setgroups (0, NULL) != 0 || setgid (child->gid) != 0 || setuid (child->uid) != 0))
    _exit (126);
  prctl (PR_SET_PDEATHSIG, SIGQUIT);
  if (getppid () != child->parent)
    _exit (125);
}

static void
stop_at_exit (void)
{
  shou_test_pg_stop ();
}

void
shou_test_pg_stop (void)
{
  if (server != NULL)
    {
      /* Immediate shutdown: nothing to keep in a throwaway cluster. */
      g_subprocess_send_signal (server, SIGQUIT);
      g_subprocess_wait (server, NULL, NULL);
      g_clear_object (&server);
    }
  if (dir != NULL)
    {
      shou_test_fs_rm_rf (dir);
      g_clear_pointer (&dir, g_free);
    }
  g_clear_pointer (&base_url, g_free);
}

static gboolean
wait_ready (const char *url)
{
  /* Bounded: 20 s at most. */
  for (guint i = 0; i < 400; i++)
    {
      if (PQping (url) == PQPING_OK)
        return TRUE;
      if (g_subprocess_get_identifier (server) == NULL)
        return FALSE;
      g_usleep (50 * 1000);
    }
  return FALSE;
}

const char *
shou_test_pg_start (GError **error)
{
  const char *bindir = shou_test_pg_bindir ();
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) initdb = NULL;
  static Child child;
  g_autofree char *template = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *version = NULL;
  g_autofree char *version_file = NULL;

  if (base_url != NULL)
    return base_url;
  if (bindir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "PostgreSQL is not installed (apt-get install postgresql)");
      return NULL;
    }
  child.parent = getpid ();
  if (getuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "There is no postgres user");
          return NULL;
        }
      child.uid = pw->pw_uid;
      child.gid = pw->pw_gid;
    }
  dir = shou_test_fs_make_tmpdir ("shou-pg-XXXXXX");
  data = g_build_filename (dir, "data", NULL);
  if (getuid () == 0)
    {
      g_autoptr(GPtrArray) chown_argv = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (chown_argv, g_strdup ("chown"));
      g_ptr_array_add (chown_argv, g_strdup ("postgres:postgres"));
      g_ptr_array_add (chown_argv, g_strdup (dir));
      if (!run (chown_argv, error))
        return NULL;
    }
  initdb = g_ptr_array_new_with_free_func (g_free);
  add_user (initdb);
  g_ptr_array_add (initdb, g_build_filename (bindir, "initdb", NULL));
  g_ptr_array_add (initdb, g_strdup ("-D"));
  g_ptr_array_add (initdb, g_strdup (data));
  g_ptr_array_add (initdb, g_strdup ("-U"));
  g_ptr_array_add (initdb, g_strdup ("postgres"));
  g_ptr_array_add (initdb, g_strdup ("-A"));
  g_ptr_array_add (initdb, g_strdup ("trust"));
  g_ptr_array_add (initdb, g_strdup ("-E"));
  g_ptr_array_add (initdb, g_strdup ("UTF8"));
  g_ptr_array_add (initdb, g_strdup ("--no-locale"));
  g_ptr_array_add (initdb, g_strdup ("--no-sync"));
  g_ptr_array_add (initdb, g_strdup ("--no-instructions"));
  /* initdb once per machine: later test programs copy the cluster it made
   * (published by an atomic rename, so a half copy is never used). */
  parent = g_path_get_dirname (bindir);
  version = g_path_get_basename (parent);
  template = g_strdup_printf ("%s/shou-pg-cluster-%u-%s", g_get_tmp_dir (), (guint) getuid (), version);
  version_file = g_build_filename (template, "PG_VERSION", NULL);
  if (g_file_test (version_file, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GPtrArray) cp = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cp, g_strdup ("cp"));
      g_ptr_array_add (cp, g_strdup ("-a"));
      g_ptr_array_add (cp, g_strdup (template));
      g_ptr_array_add (cp, g_strdup (data));
      if (!run (cp, error))
        return NULL;
    }
  else
    {
      g_autoptr(GPtrArray) cp = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *staging = g_strdup_printf ("%s.%u", template, (guint) getpid ());

      if (!run (initdb, error))
        return NULL;
      g_ptr_array_add (cp, g_strdup ("cp"));
      g_ptr_array_add (cp, g_strdup ("-a"));
      g_ptr_array_add (cp, g_strdup (data));
      g_ptr_array_add (cp, g_strdup (staging));
      if (run (cp, NULL) && rename (staging, template) != 0)
        shou_test_fs_rm_rf (staging);
    }

  /* A port found free can be taken before the server binds it: retry. */
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autofree char *url = NULL;
      guint port = free_port ();

      g_ptr_array_add (argv, g_build_filename (bindir, "postgres", NULL));
      g_ptr_array_add (argv, g_strdup ("-D"));
      g_ptr_array_add (argv, g_strdup (data));
      g_ptr_array_add (argv, g_strdup ("-k"));
      g_ptr_array_add (argv, g_strdup (dir));
      g_ptr_array_add (argv, g_strdup ("-p"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", port));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup ("listen_addresses=127.0.0.1"));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup ("fsync=off"));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup ("synchronous_commit=off"));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup ("full_page_writes=off"));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup ("max_connections=200"));
      g_ptr_array_add (argv, NULL);
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_subprocess_launcher_set_child_setup (launcher, child_setup, &child, NULL);
      server = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
      if (server == NULL)
        return NULL;
      url = g_strdup_printf ("postgresql://postgres@127.0.0.1:%u/postgres", port);
      if (wait_ready (url))
        {
          base_url = g_strdup_printf ("postgresql://postgres@127.0.0.1:%u", port);
          atexit (stop_at_exit);
          return base_url;
        }
      g_subprocess_force_exit (server);
      g_subprocess_wait (server, NULL, NULL);
      g_clear_object (&server);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The PostgreSQL server did not start");
  return NULL;
}

char *
shou_test_pg_new_database (void)
{
  g_autoptr(GError) error = NULL;
  const char *base = shou_test_pg_start (&error);
  g_autofree char *admin = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn;
  PGresult *res;

  g_assert_no_error (error);
  admin = g_strdup_printf ("%s/postgres", base);
  name = g_strdup_printf ("t%u", ++n_databases);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
  conn = PQconnectdb (admin);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);
  return g_strdup_printf ("%s/%s", base, name);
}

void
shou_test_pg_empty_database (const char *url)
{
  static const char sql[] =
    "DO $$ DECLARE t text; BEGIN"
    " FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    "   AND tablename <> 'schema_version' LOOP"
    "   EXECUTE 'DELETE FROM ' || quote_ident (t);"
    " END LOOP;"
    " FOR t IN SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' LOOP"
    "   EXECUTE 'ALTER SEQUENCE ' || quote_ident (t) || ' RESTART';"
    " END LOOP;"
    " END $$";
  PGconn *conn = PQconnectdb (url);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("emptying %s: %s", url, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);
}
