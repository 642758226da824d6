/* shou-test-pg.h: a private PostgreSQL server for tests, started by the
 * test itself (initdb + postgres from Debian's postgresql package, in a
 * temporary folder, on a free port of 127.0.0.1) and stopped when the test
 * ends, even when it is killed (the server gets SIGQUIT as its parent
 * dies). Where the package is missing, a test that needs it prints one
 * clear skip line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder with initdb and postgres, or %NULL when not installed. */
const char *shou_test_pg_bindir        (void);
/* Starts the server once per process. Returns: (transfer none) the base URL
 * "postgresql://postgres@127.0.0.1:PORT", or %NULL with @error. */
const char *shou_test_pg_start         (GError **error);
/* A fresh empty database on the server. (transfer full): its URL */
char       *shou_test_pg_new_database  (void);
/* Empties every table of the database at @url but schema_version and
 * restarts its sequences, as if it were new (its schema stays). */
void        shou_test_pg_empty_database (const char *url);
/* Stops the server now (also done at exit). */
void        shou_test_pg_stop          (void);

G_END_DECLS
