/* store-test-util.h: temporary data dirs and hand-made API objects for the
 * store tests (real SQLite files, no server). */
#pragma once

#include "store/shou-request-list.h"
#include "store/shou-store.h"

G_BEGIN_DECLS

char       *st_make_tmpdir      (void);
void        st_rm_rf            (const char *path);

JsonObject *st_order            (const char *id,
                                 const char *shop_id,
                                 const char *order_no,
                                 const char *buyer,
                                 const char *title,
                                 gint64      version);
JsonObject *st_aftersale        (const char *id,
                                 const char *shop_id,
                                 const char *order_id,
                                 const char *status,
                                 gint64      deadline_at,
                                 gint64      version);
/* Wraps @data (transfer full) as a change of @kind. */
JsonObject *st_change           (const char *kind,
                                 JsonObject *data);
/* A store with one account "acct" (returned id) and one shop. */
/* A temporary folder with a store of one account, for g_test_add (). */
typedef struct
{
  char      *dir;
  ShouStore *store;
  char      *account;
} StFixture;
void        st_fixture_open     (StFixture  *f);
/* Checks the store is finalized, and removes the folder. */
void        st_fixture_close    (StFixture  *f);
ShouStore  *st_store_new        (const char *dir,
                                 char      **out_account_id);
void        st_apply            (ShouStore  *store,
                                 const char *account_id,
                                 GPtrArray  *changes);
/* The ids of the list's rows, in order, separated by spaces. */
char       *st_list_ids         (ShouRequestList *list);

G_END_DECLS
