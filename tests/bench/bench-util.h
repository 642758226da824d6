/* bench-util.h: helpers shared by the store/sync benchmarks. */
#pragma once

#include <gio/gio.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *proc;
  char        *url;
  char        *token;   /* of the merchant named "scale", or the first */
} BenchSim;

/* Starts $SHOUHOU_SIM --scale @n on a database in @dir (reused if it
 * exists) and waits for "listening on". */
BenchSim   *bench_sim_start        (const char *dir,
                                    guint       n);
void        bench_sim_stop         (BenchSim   *sim);

double      bench_now              (void);
/* Median of @n doubles (sorts them). */
double      bench_median           (double     *values,
                                    guint       n);
/* Peak resident set of this process in KiB (VmHWM). */
gint64      bench_peak_rss_kib     (void);
/* The synthetic order number of row @i. */
char       *bench_order_no         (guint       i);
/* A page of @count synthetic orders + requests starting at @start. */
GPtrArray  *bench_make_changes     (guint       start,
                                    guint       count,
                                    gint64      now);
/* A store at @path filled with @n synthetic requests (skipped when the
 * file already holds them). */
ShouStore  *bench_store_with       (const char *path,
                                    guint       n);

G_END_DECLS
