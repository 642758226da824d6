/* bench-filter: the queue's filters at 200 and at 200,000 cached requests:
 * the time from setting a filter to its first page of rows (the list's
 * count and 64 rows), for each kind and a combination, and for a SKU that
 * matches a handful of rows. The generated requests all share one reason
 * and SKU; they are varied here (10 reasons, 500 SKUs) so that a filter
 * keeps a realistic share of the view. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "bench-util.h"
#include "store/shou-request-list.h"
#include "store/shou-store-private.h"

#define REPS 7

static const char * const cases[][2] = {
  { "platform (one of five)",             "platform:pdd" },
  { "reason (one of ten)",                "reason:wrong_item" },
  { "SKU (one of 500)",                   "sku:SKU-7" },
  { "SKU with no row",                    "sku:none" },
  { "amount ¥100–¥200",                   "min:10000\nmax:20000" },
  { "deadline within 24 h",               "due:24" },
  { "platform + reason + amount ≥ ¥50",   "platform:taobao\nreason:wrong_item\nmin:5000" },
};
#define N_CASES G_N_ELEMENTS (cases)

static void
vary (ShouStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (shou_db_exec (shou_store_get_db (store),
                               "UPDATE requests SET"
                               " reason_code = CASE rid % 10 WHEN 3 THEN 'wrong_item' WHEN 5 THEN 'not_wanted'"
                               "   ELSE 'quality_problem' END,"
                               " sku = 'SKU-' || (rid % 500)"
                               " WHERE sku IS NOT 'SKU-' || (rid % 500)", &error));
  g_assert_no_error (error);
}

static void
measure (ShouStore *store,
         double    *out,
         guint     *rows)
{
  for (guint c = 0; c < N_CASES; c++)
    {
      g_autoptr(ShouRequestFilter) filter = shou_request_filter_from_string (cases[c][1]);
      double t[REPS];

      for (guint r = 0; r < REPS; r++)
        {
          g_autoptr(ShouRequestList) list = shou_request_list_new (store);
          g_autoptr(GObject) first = NULL;
          g_autoptr(GObject) last = NULL;
          double t0;
          guint n;

          shou_request_list_set_view (list, SHOU_VIEW_ALL);
          t0 = bench_now ();
          shou_request_list_set_filter (list, filter);
          n = g_list_model_get_n_items (G_LIST_MODEL (list));
          first = g_list_model_get_item (G_LIST_MODEL (list), 0);
          last = g_list_model_get_item (G_LIST_MODEL (list), MIN (n, 64) - 1);
          t[r] = bench_now () - t0;
          rows[c] = n;
        }
      out[c] = bench_median (t, REPS);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *bench_dir = g_getenv ("SHOU_BENCH_DIR");
  const char *large_env = g_getenv ("SHOU_BENCH_LARGE");
  guint large = large_env ? (guint) g_ascii_strtoull (large_env, NULL, 10) : 200000;
  g_autofree char *dir = NULL;
  g_autofree char *small_path = NULL;
  g_autofree char *large_path = NULL;
  double ts[N_CASES], tl[N_CASES];
  guint ns[N_CASES], nl[N_CASES];

  setlocale (LC_ALL, "");
  setvbuf (stdout, NULL, _IOLBF, 0);
  dir = bench_dir ? g_strdup (bench_dir) : g_dir_make_tmp ("shou-bench-XXXXXX", NULL);
  small_path = g_build_filename (dir, "filter-200", "shouhou.db", NULL);
  large_path = g_build_filename (dir, "filter-large", "shouhou.db", NULL);
  printf ("1..%u\n# data in %s\n", (guint) N_CASES, dir);
  {
    g_autoptr(ShouStore) small = bench_store_with (small_path, 200);
    vary (small);
    measure (small, ts, ns);
  }
  {
    g_autoptr(ShouStore) big = bench_store_with (large_path, large);
    vary (big);
    measure (big, tl, nl);
  }
  for (guint c = 0; c < N_CASES; c++)
    printf ("ok %u - %s: %.3f ms at 200 (%u rows), %.3f ms at %u (%u rows)\n", c + 1, cases[c][0],
            ts[c] * 1e3, ns[c], tl[c] * 1e3, large, nl[c]);
  if (!bench_dir)
    g_test_message ("remove %s when done", dir);
  return 0;
}
