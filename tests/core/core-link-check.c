/* core-link-check.c: core works in a program linked with nothing but GLib,
 * GIO and json-glib, and no GTK, SQLite or libsoup symbol is present. */
#define _GNU_SOURCE
#include "config.h"

#include <dlfcn.h>

#include "core/shou-core.h"

static void
test_no_forbidden_symbols (void)
{
  static const char * const forbidden[] = {
    "gtk_init", "gtk_widget_get_type", "adw_init",
    "sqlite3_open_v2", "sqlite3_prepare_v2",
    "soup_session_new", "soup_server_new",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (dlsym (RTLD_DEFAULT, forbidden[i]) != NULL)
      g_error ("%s is linked into a core-only program", forbidden[i]);
}

static void
test_core_works (void)
{
  ShouProfiles *profiles = shou_profiles_get_default ();
  ShouProfile *profile = shou_profiles_get (profiles, SHOU_PLATFORM_TAOBAO);
  ShouRequestState state;
  ShouEvaluation eval;

  g_assert_true (shou_request_state_init (&state, profile, SHOU_REQUEST_REFUND_ONLY,
                                          SHOU_ORDER_PENDING_SHIPMENT, FALSE, 100, 100,
                                          0, NULL));
  shou_rules_evaluate (profile, &state, 0, &eval);
  g_assert_cmpint (eval.deadline_at, ==, 2 * SHOU_USEC_PER_DAY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/link/no-gtk-sqlite-soup", test_no_forbidden_symbols);
  g_test_add_func ("/core/link/core-works", test_core_works);

  return g_test_run ();
}
