/* shou-test-fs.h: temporary directories for tests, shared by every test
 * folder (tests/ is on each test's include path). */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A new directory from @tmpl ("name-XXXXXX") under the temp dir; aborts
 * the test when it cannot be made. */
static inline char *
shou_test_fs_make_tmpdir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @path and everything below it; never follows a symlink out. */
static inline void
shou_test_fs_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      shou_test_fs_rm_rf (child);
    }
  g_remove (path);
}
