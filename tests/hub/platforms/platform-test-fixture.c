/* platform-test-fixture.c: see platform-test-fixture.h. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "hub/platforms/shou-platform-checkpoint.h"
#include "platform-test-fixture.h"

gint64
fixture_now (gpointer data)
{
  return ((Fixture *) data)->now * G_USEC_PER_SEC;
}

static gint64
mono_now (gpointer data)
{
  return ((Fixture *) data)->mono;
}

static void
mono_sleep (gpointer data,
            gint64   usec)
{
  ((Fixture *) data)->mono += usec;
}

void
fixture_set_now (Fixture *f,
                 gint64   now)
{
  f->now = now;
  platform_fake_set_now (f->fake, now);
}

void
fixture_open (Fixture      *f,
              const char   *shop,
              ShouPlatform  which,
              const char   *shop_name,
              PlatformFake *fake)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("shou-platform-XXXXXX", &error);
  g_assert_no_error (error);
  f->key = g_build_filename (f->dir, "token.key", NULL);
  f->tokens = g_build_filename (f->dir, "tokens.enc", NULL);
  f->checkpoints = g_build_filename (f->dir, "checkpoints.ini", NULL);
  db = g_build_filename (f->dir, "hub.db", NULL);
  g_assert_true (g_file_set_contents (f->key, "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0", -1, NULL));
  f->store = shou_hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (shou_hub_store_begin (f->store, &error) &&
                 shou_hub_store_add_merchant (f->store, MERCHANT, "店主", "merchant-token-0001", &error) &&
                 shou_hub_store_add_shop (f->store, shop, MERCHANT, which, shop_name, &error) &&
                 shou_hub_store_commit (f->store, &error));
  f->fake = fake;
  fixture_set_now (f, T0);
  f->mono = 1;
  f->clock = (ShouPlatformClock) { mono_now, mono_sleep, f };
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
fixture_close (Fixture *f)
{
  g_clear_object (&f->platform);
  g_clear_object (&f->store);
  g_clear_pointer (&f->fake, platform_fake_free);
  remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->key);
  g_free (f->tokens);
  g_free (f->checkpoints);
}

void
fixture_pull_all (Fixture *f)
{
  gint64 before = -1;
  gint64 after = 0;

  for (guint i = 0; i < 50 && after != before; i++)
    {
      g_autoptr(GError) error = NULL;

      before = after;
      after = shou_hub_platform_pull_changes (SHOU_HUB_PLATFORM (f->platform), 0, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (after, ==, before);
}

static void
add_request_id (const ShouHubChange *c,
                gpointer             user_data)
{
  if (c->kind == SHOU_HUB_CHANGE_AFTERSALE)
    g_hash_table_add (user_data, g_strdup (c->id));
}

guint
fixture_count_requests (Fixture *f)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;

  shou_hub_store_each_change (f->store, MERCHANT, 0, 100000, add_request_id, ids, &error);
  g_assert_no_error (error);
  return g_hash_table_size (ids);
}

gint64
fixture_checkpoint (Fixture    *f,
                    const char *key)
{
  g_autoptr(ShouPlatformCheckpoints) cp = shou_platform_checkpoints_open (f->checkpoints, NULL);

  return shou_platform_checkpoints_get (cp, key);
}

ShouHubAftersale *
fixture_stored (Fixture    *f,
                const char *prefix,
                gint64      platform_id)
{
  g_autofree char *id = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, platform_id);

  return shou_hub_store_get_aftersale (f->store, MERCHANT, id);
}

ShouHubFailure *
fixture_act (Fixture         *f,
             const char      *prefix,
             gint64           platform_id,
             const ShouEvent *event,
             JsonObject      *params)
{
  g_autoptr(ShouHubAftersale) as = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s%" G_GINT64_FORMAT, prefix, platform_id);
  ShouHubFailure *failure = NULL;

  g_assert_true (shou_hub_store_begin (f->store, &error));
  as = shou_hub_platform_fetch_request (SHOU_HUB_PLATFORM (f->platform), MERCHANT, id);
  g_assert_nonnull (as);
  if (shou_hub_platform_perform_action (SHOU_HUB_PLATFORM (f->platform), as, event, params,
                                        f->now * G_USEC_PER_SEC, &failure))
    g_assert_true (shou_hub_store_commit (f->store, &error));
  else
    shou_hub_store_rollback (f->store);
  return failure;
}

gboolean
fixture_has_string (JsonArray  *array,
                    const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

JsonObject *
fixture_blocked (JsonObject *rendered,
                 const char *action)
{
  JsonArray *blocked = json_object_get_array_member (rendered, "blocked_actions");

  for (guint i = 0; i < json_array_get_length (blocked); i++)
    {
      JsonObject *b = json_array_get_object_element (blocked, i);

      if (g_str_equal (json_object_get_string_member (b, "action"), action))
        return b;
    }
  return NULL;
}

void
fixture_assert_last_call (Fixture    *f,
                          const char *type,
                          const char *fragment)
{
  g_autofree char *got_type = NULL;
  g_autofree char *request = platform_fake_last_action (f->fake, &got_type);

  g_assert_cmpstr (got_type, ==, type);
  g_assert_nonnull (strstr (request, fragment));
}

gboolean
fixture_has_risk (JsonObject *rendered,
                  const char *code)
{
  JsonArray *risks = json_object_get_array_member (rendered, "risks");

  for (guint i = 0; i < json_array_get_length (risks); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (risks, i), "code"), code) == 0)
      return TRUE;
  return FALSE;
}

void
fixture_init_locale (void)
{
  const char *localedir = g_getenv ("SHOU_TEST_LOCALEDIR");

  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_setenv ("LANG", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

ShouPlatformOptions
fixture_options (Fixture    *f,
                 const char *client_id,
                 const char *secret)
{
  return (ShouPlatformOptions) {
    .client_id = client_id,
    .client_secret = secret,
    .endpoint = platform_fake_get_url (f->fake),
    .token_store = f->tokens,
    .token_key_file = f->key,
    .checkpoint_file = f->checkpoints,
    .pace_clock = &f->clock,
    .now = fixture_now,
    .user_data = f,
    .windows_per_pull = 500,
    .first_from = T0 - 3 * 86400,
  };
}
