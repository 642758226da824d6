/* shou-demo-server.c
 *
 * Runs `shouhou-sim --demo` as a child and reads its stdout for the URL and
 * the first merchant's token. The token is never logged.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "shou-demo-server.h"

struct _ShouDemoServer
{
  GObject           parent_instance;

  char             *db_path;
  guint             port;
  guint             timeout;
  gboolean          test_controls;

  GSubprocess      *subprocess;
  GDataInputStream *stdout_stream;
  /* Cancels the stdout reader of the current child only. */
  GCancellable     *read_cancellable;
  char             *url;
  char             *token;

  /* While starting */
  GTask            *start_task;
  GCancellable     *start_cancellable;
  gulong            start_cancelled_id;
  guint             timeout_id;
  guint             current_port;
};

G_DEFINE_FINAL_TYPE (ShouDemoServer, shou_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_PORT,
  PROP_TEST_CONTROLS,
  PROP_TIMEOUT,
  PROP_URL,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void     read_next_line      (ShouDemoServer *self);
static gboolean on_start_timeout_cb (gpointer        user_data);

static char *
find_sim_binary (void)
{
  const char *env = g_getenv ("SHOUHOU_SIM");
  g_autofree char *built = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  built = g_build_filename (BUILD_BINDIR, "shouhou-sim", NULL);
  if (g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&built);

  return g_build_filename (BINDIR, "shouhou-sim", NULL);
}

/* Runs in the forked child before exec: the kernel sends SIGTERM to the
 * simulator when the app dies, even by a crash or SIGKILL. */
static void
child_setup (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* The app may have died between fork and prctl. */
  if (getppid () != (pid_t) GPOINTER_TO_INT (user_data))
    _exit (1);
#endif
}

static void
on_wait_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
on_wait_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* SIGTERM, up to 2 s for a clean exit, then SIGKILL. Blocks: used on stop
 * and at quit, when the main loop may no longer run. */
static void
terminate_subprocess (GSubprocess *subprocess)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timeout = NULL;
  gboolean done = FALSE;
  gboolean timed_out = FALSE;
  gboolean killed = FALSE;

  if (g_subprocess_get_identifier (subprocess) == NULL)
    return;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  g_subprocess_send_signal (subprocess, SIGTERM);
  g_subprocess_wait_async (subprocess, NULL, on_wait_done_cb, &done);

  timeout = g_timeout_source_new (2000);
  g_source_set_callback (timeout, on_wait_timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, context);

  /* Loop until the wait finished, so its callback never outlives &done. */
  while (!done)
    {
      if (timed_out && !killed)
        {
          g_subprocess_force_exit (subprocess);
          killed = TRUE;
        }
      g_main_context_iteration (context, TRUE);
    }

  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
}

static void
clear_child (ShouDemoServer *self)
{
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  g_clear_object (&self->stdout_stream);

  if (self->subprocess != NULL)
    {
      terminate_subprocess (self->subprocess);
      g_clear_object (&self->subprocess);
    }
}

static void
end_start (ShouDemoServer *self,
           GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  g_assert (task != NULL);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->start_cancelled_id != 0)
    g_signal_handler_disconnect (self->start_cancellable, self->start_cancelled_id);
  self->start_cancelled_id = 0;
  g_clear_object (&self->start_cancellable);

  if (error != NULL)
    {
      clear_child (self);
      g_clear_pointer (&self->url, g_free);
      g_clear_pointer (&self->token, g_free);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_boolean (task, TRUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
spawn_child (ShouDemoServer  *self,
             guint            port,
             GError         **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_path_get_dirname (self->db_path);
  GInputStream *out;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder for the demo data: %s"),
                   g_strerror (saved_errno));
      return FALSE;
    }

  g_ptr_array_add (argv, find_sim_binary ());
  g_ptr_array_add (argv, g_strdup ("--demo"));
  if (self->test_controls)
    g_ptr_array_add (argv, g_strdup ("--test-controls"));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (self->db_path));
  /* SHOUHOU_DEMO_SPEED=10: buyers answer negotiation rounds in seconds. */
  if (g_getenv ("SHOUHOU_DEMO_SPEED") != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--demo-speed"));
      g_ptr_array_add (argv, g_strdup (g_getenv ("SHOUHOU_DEMO_SPEED")));
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup,
                                         GINT_TO_POINTER (getpid ()), NULL);

  g_debug ("Starting demo simulator %s on port %u", (char *) argv->pdata[0], port);
  self->subprocess = g_subprocess_launcher_spawnv (launcher,
                                                   (const char * const *) argv->pdata,
                                                   error);
  if (self->subprocess == NULL)
    return FALSE;

  self->current_port = port;
  out = g_subprocess_get_stdout_pipe (self->subprocess);
  self->stdout_stream = g_data_input_stream_new (out);
  self->read_cancellable = g_cancellable_new ();
  read_next_line (self);

  return TRUE;
}

static void
handle_line (ShouDemoServer *self,
             const char     *line)
{
  const char *p;

  if ((p = strstr (line, "listening on ")) != NULL && self->url == NULL)
    {
      g_autofree char *url = g_strstrip (g_strdup (p + strlen ("listening on ")));
      gsize len = strlen (url);

      while (len > 0 && url[len - 1] == '/')
        url[--len] = '\0';
      if (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"))
        self->url = g_steal_pointer (&url);
    }
  else if (g_str_has_prefix (line, "token ") && self->token == NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (line, " \t", -1);
      guint n = 0;

      /* "token MERCHANT TOKEN": the last non-empty field */
      for (guint i = 1; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          n = i;
      if (n >= 2)
        self->token = g_strdup (parts[n]);
    }
}

static void
on_line_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ShouDemoServer) self = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                    result, NULL, &error);
  /* Cancelled means the server was stopped or disposed: do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The start callback may drop the last other reference. */
  self = g_object_ref (SHOU_DEMO_SERVER (user_data));
  if (G_DATA_INPUT_STREAM (source) != self->stdout_stream)
    return;

  if (line == NULL)
    {
      if (self->start_task == NULL)
        {
          /* Exited after being ready: nothing serves the URL any more. */
          g_debug ("Demo simulator closed its output");
          clear_child (self);
          g_clear_pointer (&self->url, g_free);
          g_clear_pointer (&self->token, g_free);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
          return;
        }

      clear_child (self);
      /* Most likely the fixed port is taken: any free port will do. */
      if (self->current_port != 0)
        {
          g_autoptr(GError) spawn_error = NULL;

          g_clear_pointer (&self->url, g_free);
          g_clear_pointer (&self->token, g_free);
          if (!spawn_child (self, 0, &spawn_error))
            {
              end_start (self, g_steal_pointer (&spawn_error));
              return;
            }
          /* The failed try may have used most of the time. */
          g_clear_handle_id (&self->timeout_id, g_source_remove);
          self->timeout_id = g_timeout_add_seconds (self->timeout, on_start_timeout_cb, self);
          return;
        }

      if (error != NULL)
        g_debug ("Demo simulator output: %s", error->message);
      end_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                            _("The demo shops stopped before they were ready.")));
      return;
    }

  handle_line (self, line);

  if (self->start_task != NULL && self->url != NULL && self->token != NULL)
    end_start (self, NULL);

  /* Keep draining stdout so the child never blocks on a full pipe. */
  if (self->stdout_stream == G_DATA_INPUT_STREAM (source))
    read_next_line (self);
}

static void
read_next_line (ShouDemoServer *self)
{
  g_data_input_stream_read_line_async (self->stdout_stream,
                                       G_PRIORITY_DEFAULT,
                                       self->read_cancellable,
                                       on_line_read_cb,
                                       self);
}

static gboolean
on_start_timeout_cb (gpointer user_data)
{
  g_autoptr(ShouDemoServer) self = g_object_ref (SHOU_DEMO_SERVER (user_data));

  self->timeout_id = 0;
  end_start (self, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The demo shops did not start within %u second.",
                                             "The demo shops did not start within %u seconds.",
                                             self->timeout),
                                self->timeout));
  return G_SOURCE_REMOVE;
}

static void
on_start_cancelled_cb (GCancellable   *cancellable,
                       ShouDemoServer *self)
{
  if (self->start_task != NULL)
    end_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                          _("Starting the demo shops was cancelled.")));
}

static void
shou_demo_server_dispose (GObject *object)
{
  ShouDemoServer *self = (ShouDemoServer *) object;

  /* A pending start holds a reference, so none is running here. */
  g_assert (self->start_task == NULL);
  clear_child (self);

  G_OBJECT_CLASS (shou_demo_server_parent_class)->dispose (object);
}

static void
shou_demo_server_finalize (GObject *object)
{
  ShouDemoServer *self = (ShouDemoServer *) object;

  g_free (self->db_path);
  g_free (self->url);
  g_free (self->token);

  G_OBJECT_CLASS (shou_demo_server_parent_class)->finalize (object);
}

static void
shou_demo_server_constructed (GObject *object)
{
  ShouDemoServer *self = (ShouDemoServer *) object;

  G_OBJECT_CLASS (shou_demo_server_parent_class)->constructed (object);

  if (self->db_path == NULL)
    self->db_path = g_build_filename (g_get_user_data_dir (), "shouhou", "demo-sim.db", NULL);
}

static void
shou_demo_server_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ShouDemoServer *self = SHOU_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_TEST_CONTROLS:
      g_value_set_boolean (value, self->test_controls);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_URL:
      g_value_set_string (value, shou_demo_server_get_url (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, shou_demo_server_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_demo_server_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ShouDemoServer *self = SHOU_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case PROP_TEST_CONTROLS:
      self->test_controls = g_value_get_boolean (value);
      break;
    case PROP_TIMEOUT:
      if (self->timeout != g_value_get_uint (value))
        {
          self->timeout = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
shou_demo_server_class_init (ShouDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = shou_demo_server_dispose;
  object_class->finalize = shou_demo_server_finalize;
  object_class->constructed = shou_demo_server_constructed;
  object_class->get_property = shou_demo_server_get_property;
  object_class->set_property = shou_demo_server_set_property;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, SHOU_DEMO_SERVER_DEFAULT_PORT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEST_CONTROLS] =
    g_param_spec_boolean ("test-controls", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, 600, 10,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
shou_demo_server_init (ShouDemoServer *self)
{
  self->port = SHOU_DEMO_SERVER_DEFAULT_PORT;
  self->timeout = 10;
}

ShouDemoServer *
shou_demo_server_new (void)
{
  return g_object_new (SHOU_TYPE_DEMO_SERVER, NULL);
}

void
shou_demo_server_start_async (ShouDemoServer      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SHOU_IS_DEMO_SERVER (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, shou_demo_server_start_async);

  if (self->start_task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The demo shops are already starting."));
      return;
    }

  if (shou_demo_server_get_running (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  clear_child (self);
  self->start_task = g_steal_pointer (&task);

  if (!spawn_child (self, self->port, &error))
    {
      end_start (self, g_steal_pointer (&error));
      return;
    }

  self->timeout_id = g_timeout_add_seconds (self->timeout, on_start_timeout_cb, self);
  if (cancellable != NULL)
    {
      self->start_cancellable = g_object_ref (cancellable);
      self->start_cancelled_id = g_signal_connect (cancellable, "cancelled",
                                                   G_CALLBACK (on_start_cancelled_cb),
                                                   self);
    }
}

gboolean
shou_demo_server_start_finish (ShouDemoServer  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (SHOU_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
shou_demo_server_get_url (ShouDemoServer *self)
{
  g_return_val_if_fail (SHOU_IS_DEMO_SERVER (self), NULL);

  return self->start_task == NULL ? self->url : NULL;
}

const char *
shou_demo_server_get_token (ShouDemoServer *self)
{
  g_return_val_if_fail (SHOU_IS_DEMO_SERVER (self), NULL);

  return self->start_task == NULL ? self->token : NULL;
}

gboolean
shou_demo_server_get_running (ShouDemoServer *self)
{
  g_return_val_if_fail (SHOU_IS_DEMO_SERVER (self), FALSE);

  return self->start_task == NULL && self->subprocess != NULL && self->url != NULL;
}

const char *
shou_demo_server_get_identifier (ShouDemoServer *self)
{
  g_return_val_if_fail (SHOU_IS_DEMO_SERVER (self), NULL);

  if (self->subprocess == NULL)
    return NULL;

  return g_subprocess_get_identifier (self->subprocess);
}

void
shou_demo_server_stop (ShouDemoServer *self)
{
  gboolean was_running;

  g_return_if_fail (SHOU_IS_DEMO_SERVER (self));

  if (self->start_task != NULL)
    {
      end_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("Starting the demo shops was cancelled.")));
      return;
    }

  was_running = shou_demo_server_get_running (self);
  clear_child (self);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, g_free);

  if (was_running)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}
