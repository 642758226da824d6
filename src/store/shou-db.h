/* shou-db.h: a small GObject wrapper around one sqlite3 connection, in the
 * spirit of Epiphany's EphySQLiteConnection: its own GError domain, cached
 * prepared statements with bound parameters only, and transactions as
 * begin/commit/rollback helpers. */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SHOU_DB_ERROR (shou_db_error_quark ())

typedef enum
{
  SHOU_DB_ERROR_OPEN,
  SHOU_DB_ERROR_SQL,
  SHOU_DB_ERROR_BUSY,
  SHOU_DB_ERROR_CONSTRAINT,
  SHOU_DB_ERROR_CORRUPT,
} ShouDbError;

GQuark shou_db_error_quark (void);

#define SHOU_TYPE_DB (shou_db_get_type ())
G_DECLARE_FINAL_TYPE (ShouDb, shou_db, SHOU, DB, GObject)

ShouDb       *shou_db_open              (const char  *path,
                                         GError     **error);
const char   *shou_db_get_path          (ShouDb      *self);
sqlite3      *shou_db_get_handle        (ShouDb      *self);

/* Runs SQL without parameters (schema changes, pragmas). */
gboolean      shou_db_exec              (ShouDb      *self,
                                         const char  *sql,
                                         GError     **error);
/* (transfer none): a cached, reset statement with no bindings. */
sqlite3_stmt *shou_db_prepare           (ShouDb      *self,
                                         const char  *sql,
                                         GError     **error);
/* Steps @stmt: SQLITE_ROW or SQLITE_DONE, or -1 with @error set. */
int           shou_db_step              (ShouDb       *self,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
/* Steps to completion and resets. */
gboolean      shou_db_run               (ShouDb       *self,
                                         sqlite3_stmt *stmt,
                                         GError      **error);

/* Connections to one file in one process that share @waiting count in it
 * the writers waiting in shou_db_begin(); a long run of transactions on one
 * calls shou_db_yield_to_writers() between them, so that a writer on
 * another (the window's) gets the lock at once instead of polling for it
 * until the run ends. */
void          shou_db_share_waiting_writers (ShouDb    *self,
                                           gint        *waiting);
void          shou_db_yield_to_writers  (ShouDb      *self);
gboolean      shou_db_begin             (ShouDb      *self,
                                         GError     **error);
gboolean      shou_db_commit            (ShouDb      *self,
                                         GError     **error);
void          shou_db_rollback          (ShouDb      *self);
gboolean      shou_db_in_transaction    (ShouDb      *self);

int           shou_db_get_user_version  (ShouDb      *self,
                                         GError     **error);
gboolean      shou_db_set_user_version  (ShouDb      *self,
                                         int          version,
                                         GError     **error);
gint64        shou_db_last_insert_rowid (ShouDb      *self);
int           shou_db_changes           (ShouDb      *self);
/* Convenience: first column of the first row as int64, @fallback when none. */
gint64        shou_db_query_int         (ShouDb      *self,
                                         const char  *sql,
                                         gint64       fallback,
                                         GError     **error);
/* "ok" when the file is sound. */
char         *shou_db_integrity_check   (ShouDb      *self,
                                         GError     **error);

/* Bind helpers; @str NULL binds NULL. */
void          shou_db_bind_text         (sqlite3_stmt *stmt,
                                         int           idx,
                                         const char   *str);
void          shou_db_bind_int          (sqlite3_stmt *stmt,
                                         int           idx,
                                         gint64        value);
/* (transfer none) column text, NULL for NULL. */
const char   *shou_db_column_text       (sqlite3_stmt *stmt,
                                         int           col);

G_END_DECLS
