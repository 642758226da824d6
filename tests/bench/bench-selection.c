/* bench-selection: the queue's selection at 200 and at 200,000 cached
 * requests: the selection bar's count and total after Ctrl+A (every row
 * of a view), after Ctrl+A and a few Ctrl-clicks (all but some), and for
 * 30 chosen rows; the keys a batch takes from Ctrl+A; a Shift-click range
 * of 1,000 rows. Reported beside each other, for the figures in the
 * issue; the count and total read no row into an item at any size, but a
 * count over every row of a view grows with the view. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bench-util.h"
#include "store/shou-request-list.h"

#define REPS 9

typedef struct
{
  double all, all_but, thirty, keys, range;
  guint  n_all;
} Timings;

static double
time_summarize (ShouRequestList *list,
                gboolean         all,
                GHashTable      *ids,
                guint           *n)
{
  double t[REPS];

  for (guint r = 0; r < REPS; r++)
    {
      gint64 total = 0;
      double t0 = bench_now ();

      *n = shou_request_list_summarize (list, all, ids, &total);
      t[r] = bench_now () - t0;
    }
  return bench_median (t, REPS);
}

static void
measure (ShouStore *store,
         Timings   *out)
{
  g_autoptr(ShouRequestList) list = shou_request_list_new (store);
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) some = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) first = NULL;
  double t[REPS];
  guint n;

  shou_request_list_set_view (list, SHOU_VIEW_PENDING);
  first = shou_request_list_keys_in_range (list, 0, 30);
  for (guint i = 0; i < first->len; i++)
    g_hash_table_add (some, g_strdup (first->pdata[i]));

  out->all = time_summarize (list, TRUE, none, &out->n_all);
  out->all_but = time_summarize (list, TRUE, some, &n);
  out->thirty = time_summarize (list, FALSE, some, &n);
  g_assert_cmpuint (n, ==, first->len);
  for (guint r = 0; r < REPS; r++)
    {
      double t0 = bench_now ();
      g_autoptr(GPtrArray) keys = shou_request_list_selected_keys (list, TRUE, none);

      t[r] = bench_now () - t0;
      g_assert_cmpuint (keys->len, ==, out->n_all);
    }
  out->keys = bench_median (t, REPS);
  for (guint r = 0; r < REPS; r++)
    {
      double t0 = bench_now ();
      g_autoptr(GPtrArray) keys = shou_request_list_keys_in_range (list, 0, 1000);

      t[r] = bench_now () - t0;
    }
  out->range = bench_median (t, REPS);
}

int
main (int   argc,
      char *argv[])
{
  const char *bench_dir = g_getenv ("SHOU_BENCH_DIR");
  const char *large_env = g_getenv ("SHOU_BENCH_LARGE");
  guint large = large_env ? atoi (large_env) : 200000;
  g_autofree char *dir = NULL;
  g_autofree char *small_path = NULL;
  g_autofree char *large_path = NULL;
  Timings ts, tl;
  guint test = 0;

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  dir = bench_dir ? g_strdup (bench_dir) : g_dir_make_tmp ("shou-bench-XXXXXX", NULL);
  small_path = g_build_filename (dir, "list-200", "shouhou.db", NULL);
  large_path = g_build_filename (dir, "list-large", "shouhou.db", NULL);
  printf ("1..5\n# data in %s\n", dir);
  {
    g_autoptr(ShouStore) small = bench_store_with (small_path, 200);
    measure (small, &ts);
  }
  {
    g_autoptr(ShouStore) big = bench_store_with (large_path, large);
    measure (big, &tl);
  }
  printf ("# pending view: %u rows at 200, %u at %u\n", ts.n_all, tl.n_all, large);

#define REPORT(name, s, l) \
  printf ("ok %u - %s: %.3f ms at 200, %.3f ms at %u\n", ++test, name, (s) * 1e3, (l) * 1e3, large)

  REPORT ("count and total of Ctrl+A (every row of the view)", ts.all, tl.all);
  REPORT ("count and total of Ctrl+A minus 30 rows", ts.all_but, tl.all_but);
  REPORT ("count and total of 30 chosen rows", ts.thirty, tl.thirty);
  REPORT ("keys of Ctrl+A, for a batch", ts.keys, tl.keys);
  REPORT ("keys of a Shift-click range of 1,000 rows", ts.range, tl.range);
  if (!bench_dir)
    g_test_message ("remove %s when done", dir);
  return 0;
}
