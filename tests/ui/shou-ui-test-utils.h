/* shou-ui-test-utils.h: helpers for widget tests under Xvfb: translations,
 * resources, an in-process simulator on 127.0.0.1, a real store in a
 * temporary folder, bounded main-loop waits and screenshots. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"
#include "sync/shou-sync-engine.h"

G_BEGIN_DECLS

/* setlocale, gettext bound to $SHOU_TEST_LOCALEDIR (or the build's po/),
 * gtk_test_init, adw_init, the app's resources and style. */
GPid         shou_test_private_x_server    (void);
void         shou_test_ui_init             (int          *argc,
                                            char       ***argv);

typedef gboolean (*ShouTestCondition) (gpointer user_data);

/* Iterates the default main context until @condition is true or
 * @timeout_ms passed. Returns the condition's last value. */
gboolean     shou_test_wait_until          (ShouTestCondition condition,
                                            gpointer          user_data,
                                            guint             timeout_ms);
/* Iterates the main context for @ms milliseconds. */
void         shou_test_iterate             (guint         ms);
/* A ShouTestCondition: @window (a ShouWindow) is mapped and shows its queue. */
gboolean     shou_test_window_shows_queue  (gpointer      window);
/* A ShouWindow (ShouWindow *, as gpointer: this header knows no window
 * type) on @store and @engine, 1400 x 900, presented and showing its queue.
 * (transfer full) */
gpointer     shou_test_window_present      (gpointer      store,
                                            gpointer      engine);
/* Drops the caller's reference to @object and runs the main context until
 * the object is finalised (a cancelled request it started still answers
 * in the loop), for at most 10 s; fails the test if it is alive then. */
void         shou_test_finalize_object     (gpointer      object);

/* A temporary folder, removed with everything in it by shou_test_rm_rf (). */
char        *shou_test_make_tmpdir         (void);
void         shou_test_rm_rf               (const char   *path);

typedef struct _ShouTestSim ShouTestSim;

/* The simulator in this process, with demo data (fixed @seed) and the test
 * controls, listening on 127.0.0.1:0. */
ShouTestSim *shou_test_sim_new_demo        (const char   *dir,
                                            guint32       seed);
/* The same with @days of history, as `shouhou-sim --demo` has (90). */
ShouTestSim *shou_test_sim_new_demo_history (const char  *dir,
                                             guint32      seed,
                                             guint        days);
/* @n generated requests for benchmarks (plus nothing else). */
ShouTestSim *shou_test_sim_new_scale       (const char   *dir,
                                            guint         n);
const char  *shou_test_sim_get_url         (ShouTestSim  *sim);
/* The simulator itself (ShouSimServer *), for its fixtures (staff…). */
gpointer     shou_test_sim_get_server      (ShouTestSim  *sim);
const char  *shou_test_sim_get_token       (ShouTestSim  *sim);
gint64       shou_test_sim_now             (ShouTestSim  *sim);
void         shou_test_sim_advance         (ShouTestSim  *sim,
                                            gint64        usec);
/* Stops listening: the client sees the server as unreachable. */
void         shou_test_sim_free            (ShouTestSim  *sim);

/* A store in @dir connected to @sim (account + token in the memory keyring). */
ShouStore   *shou_test_store_new_connected (const char   *dir,
                                            ShouTestSim  *sim);
/* Runs one sync to the end. Returns whether it succeeded. */
gboolean     shou_test_sync                (ShouSyncEngine *engine,
                                            guint         timeout_ms);

/* The first descendant of @root (itself included) of @type whose widget
 * name is @name (any name when NULL). */
GtkWidget   *shou_test_find_widget         (GtkWidget    *root,
                                            GType         type,
                                            const char   *name);
/* The first descendant of @type whose label/title text contains @text. */
GtkWidget   *shou_test_find_label          (GtkWidget    *root,
                                            const char   *text);

/* Renders @widget's window as it is on screen to a PNG at @path. */
gboolean     shou_test_save_screenshot     (GtkWidget    *widget,
                                            const char   *path,
                                            GError      **error);

/* With $SHOU_SCREENSHOT_DIR set, saves the X screen there as @name once the
 * window had time to present (software GL on a loaded machine is slow);
 * for a person to look at, never asserted. */
void         shou_test_screenshot_screen   (const char   *name);

/* Destroys @window and waits until it is gone. */
void         shou_test_close_window        (GtkWindow    *window);

G_END_DECLS
