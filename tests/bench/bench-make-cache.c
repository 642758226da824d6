/* bench-make-cache: writes a cache of N synthetic requests (the same rows
 * as bench-list's) to PATH, in the state the app reaches after a sync (the
 * search indexes merged), for benchmarks that start the real app on it.
 *   bench-make-cache PATH N */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "bench-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ShouStore) store = NULL;
  g_autofree char *dir = NULL;

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      g_printerr ("usage: %s PATH N\n", argv[0]);
      return 2;
    }
  dir = g_path_get_dirname (argv[1]);
  g_mkdir_with_parents (dir, 0700);
  store = bench_store_with (argv[1], (guint) atoi (argv[2]));
  shou_store_maintain_search_index (store);
  for (guint i = 0; i < 1000000 && shou_store_get_maintaining (store); i++)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
