/* test-platform-tokens.c: the shared adapter machinery: tokens encrypted
 * at rest, checkpoints, windows within a platform's limit, call spacing
 * and backoff on a virtual clock. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hub/platforms/shou-platform-checkpoint.h"
#include "hub/platforms/shou-platform-pace.h"
#include "hub/platforms/shou-platform-tokens.h"
#include "hub/platforms/shou-platform-window.h"

static char *
write_key (const char *dir,
           const char *name,
           const char *hex)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, hex, -1, NULL));
  return path;
}

static gboolean
contains (const char *haystack,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_tokens_encrypted (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-tokens-XXXXXX", NULL);
  g_autofree char *key = write_key (dir, "key", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
  g_autofree char *other = write_key (dir, "other", "ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
  g_autofree char *bad = write_key (dir, "bad", "too short");
  g_autofree char *store = g_build_filename (dir, "tokens.enc", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len;
  ShouPlatformToken token = {
    .access_token = (char *) "ACCESS-SECRET-0123456789",
    .refresh_token = (char *) "REFRESH-SECRET-9876543210",
    .expires_at = 1733558400,
    .owner_id = (char *) "7001",
  };

  {
    g_autoptr(ShouPlatformTokens) tokens = shou_platform_tokens_open (store, key, &error);

    g_assert_no_error (error);
    g_assert_null (shou_platform_tokens_get (tokens, "shop-1"));
    g_assert_true (shou_platform_tokens_put (tokens, "shop-1", &token, &error));
    g_assert_no_error (error);
  }
  /* Nothing readable on disk: neither token nor the shop's data. */
  g_assert_true (g_file_get_contents (store, &data, &len, NULL));
  g_assert_false (contains (data, len, "ACCESS-SECRET"));
  g_assert_false (contains (data, len, "REFRESH-SECRET"));
  g_assert_false (contains (data, len, "shop-1"));
  {
    g_autoptr(ShouPlatformTokens) tokens = shou_platform_tokens_open (store, key, &error);
    g_autoptr(ShouPlatformToken) back = NULL;

    g_assert_no_error (error);
    back = shou_platform_tokens_get (tokens, "shop-1");
    g_assert_cmpstr (back->access_token, ==, "ACCESS-SECRET-0123456789");
    g_assert_cmpstr (back->refresh_token, ==, "REFRESH-SECRET-9876543210");
    g_assert_cmpint (back->expires_at, ==, 1733558400);
    g_assert_false (back->lapsed);
    g_assert_true (shou_platform_tokens_set_lapsed (tokens, "shop-1", &error));
  }
  {
    g_autoptr(ShouPlatformTokens) tokens = shou_platform_tokens_open (store, key, &error);
    g_autoptr(ShouPlatformToken) back = shou_platform_tokens_get (tokens, "shop-1");

    g_assert_true (back->lapsed);
  }
  /* A wrong key, a bad key file and a changed byte are refused. */
  g_assert_null (shou_platform_tokens_open (store, other, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (shou_platform_tokens_open (store, bad, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_free (data);
  g_assert_true (g_file_get_contents (store, &data, &len, NULL));
  data[len - 1] ^= 0x01;
  g_assert_true (g_file_set_contents (store, data, len, NULL));
  g_assert_null (shou_platform_tokens_open (store, key, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_unlink (store);
  g_unlink (key);
  g_unlink (other);
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_checkpoints (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shou-cp-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "checkpoints.ini", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ShouPlatformCheckpoints) cp = shou_platform_checkpoints_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (shou_platform_checkpoints_get (cp, "s"), ==, 0);
    g_assert_true (shou_platform_checkpoints_commit (cp, "s", 1000, &error));
    /* Never backwards. */
    g_assert_true (shou_platform_checkpoints_commit (cp, "s", 900, &error));
    g_assert_cmpint (shou_platform_checkpoints_get (cp, "s"), ==, 1000);
  }
  {
    g_autoptr(ShouPlatformCheckpoints) cp = shou_platform_checkpoints_open (path, &error);

    g_assert_cmpint (shou_platform_checkpoints_get (cp, "s"), ==, 1000);
    g_assert_cmpint (shou_platform_checkpoints_get (cp, "other"), ==, 0);
  }
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_windows (void)
{
  const ShouPlatformWindowPolicy policy = { .max_length = 1800, .overlap = 120, .settle = 5, .first_from = 10000 };
  gint64 from, to;
  gint64 checkpoint = 0;
  gint64 covered = 10000;
  guint n = 0;

  /* From nothing to now: consecutive windows, each ≤ 30 min, each reaching
   * back 120 s over the last, together covering every second. */
  while (shou_platform_window_next (&policy, checkpoint, 20000, &from, &to))
    {
      g_assert_cmpint (to - from, <=, 1800);
      g_assert_cmpint (from, <=, covered);
      if (checkpoint > 0)
        g_assert_cmpint (from, ==, checkpoint - 120);
      covered = to;
      checkpoint = to;
      g_assert_cmpuint (++n, <, 100);
    }
  g_assert_cmpint (covered, ==, 20000 - 5);
  g_assert_cmpuint (n, ==, 6);
  g_assert_false (shou_platform_window_next (&policy, 19996, 20000, &from, &to));
  {
    /* With a minimum step the hub's frequent pulls call nothing until a
     * minute's changes wait. */
    const ShouPlatformWindowPolicy stepped = { .max_length = 1800, .overlap = 120, .settle = 5, .min_step = 60 };

    g_assert_false (shou_platform_window_next (&stepped, 19950, 20000, &from, &to));
    g_assert_true (shou_platform_window_next (&stepped, 19900, 20000, &from, &to));
    g_assert_cmpint (from, ==, 19780);
    g_assert_cmpint (to, ==, 19995);
  }
}

typedef struct
{
  gint64 now;
  guint  sleeps;
} VirtualClock;

static gint64
virtual_now (gpointer data)
{
  return ((VirtualClock *) data)->now;
}

static void
virtual_sleep (gpointer data,
               gint64   usec)
{
  ((VirtualClock *) data)->now += usec;
  ((VirtualClock *) data)->sleeps++;
}

static void
test_pace (void)
{
  VirtualClock vc = { 1000000, 0 };
  const ShouPlatformClock clock = { virtual_now, virtual_sleep, &vc };
  g_autoptr(ShouPlatformPace) pace = shou_platform_pace_new (10, 100, &clock);

  shou_platform_pace_wait (pace, "a");
  g_assert_cmpuint (vc.sleeps, ==, 0);
  /* Another shop waits only for the app's spacing; the same shop for its own. */
  shou_platform_pace_wait (pace, "b");
  g_assert_cmpint (vc.now, ==, 1000010);
  shou_platform_pace_wait (pace, "a");
  g_assert_cmpint (vc.now, ==, 1000100);
  /* Backoff doubles up to its cap. */
  vc.now = 2000000;
  shou_platform_pace_backoff (pace, 1, 1000, 5000);
  g_assert_cmpint (vc.now, ==, 2001000);
  shou_platform_pace_backoff (pace, 3, 1000, 5000);
  g_assert_cmpint (vc.now, ==, 2005000);
  shou_platform_pace_backoff (pace, 10, 1000, 5000);
  g_assert_cmpint (vc.now, ==, 2010000);
  g_assert_cmpint (shou_platform_pace_get_waited (pace), ==, 10 + 90 + 1000 + 4000 + 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/platform/tokens/encrypted-at-rest", test_tokens_encrypted);
  g_test_add_func ("/platform/checkpoints", test_checkpoints);
  g_test_add_func ("/platform/windows", test_windows);
  g_test_add_func ("/platform/pace", test_pace);
  return g_test_run ();
}
