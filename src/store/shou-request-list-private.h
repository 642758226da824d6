/* shou-request-list-private.h: the state of a ShouRequestList, shared by
 * its model (shou-request-list.c), the SQL that filters, counts and sorts
 * (shou-request-list-query.c) and the search (shou-request-list-search.c).
 * Not a unit of its own: no functions, only the struct and its limits. */
#pragma once

#include <sqlite3.h>

#include "shou-request-filter.h"
#include "shou-request-list.h"
#include "shou-request-item-private.h"
#include "shou-store-private.h"

G_BEGIN_DECLS

#define PAGE_SIZE 64
#define MAX_PAGES 32
/* A search keeps at most this many matches, the newest, so a keystroke
 * costs about the same whatever the size of the cache; the UI says
 * "1,000+" and the seller refines the search. */
#define SEARCH_CAP SHOU_REQUEST_LIST_SEARCH_CAP
/* Placeholder of the first LIKE term; one per short word, all ANDed. */
#define FIRST_LIKE_PARAM 15
/* A search runs newest first over windows of rids. The keystroke itself
 * looks at the newest FIRST_WINDOW requests for up to a page of matches;
 * an idle source then goes on a window at a time, so no step's cost grows
 * with the cache. A LIKE window reads every row in it; an FTS window only
 * the rows that hold the trigrams, so it grows. */
#define FIRST_WINDOW 1024
#define LIKE_WINDOW 2048
#define FTS_FIRST_WINDOW 4096
#define FTS_WINDOW_MAX (1 << 18)
#define CHUNK_LIMIT 256
/* A trigram whose doclist spans at most this many leaf pages (about
 * 3,000 rows) may lead a search alone; its rows are checked with LIKE. */
#define DRIVER_PAGES 4

/* What a row of the list shows; read by read_item(). */
#define ITEM_COLUMNS \
  "r.key, coalesce(s.key, r.shop_id), s.name, r.platform, r.type, r.status, " \
  "r.order_no, r.goods_title, r.sku, r.buyer, r.amount_fen, r.reason_text, " \
  "r.deadline_at, r.on_lapse, r.pending, json_extract(r.conflict, '$.message'), " \
  "r.last_logistics_at, r.deadline_key, r.rid, r.reason_code, " \
  "json_extract(r.conflict, '$.code'), json_extract(r.conflict, '$.reason'), r.view_mask, " \
  CLAIM_HOLDER_SQL ", " TAGS_SQL " "
/* The request's tags as shown (request_tags: the server's, the seller's
 * queued steps and the rules'), sorted, joined by U+001F. */
#define TAGS_SQL \
  "(SELECT group_concat(tag, char(31)) FROM " \
  "(SELECT tag FROM request_tags WHERE request_key = r.key ORDER BY tag))"
/* The name of another staff member whose claim on the row is not over
 * (NULL: nobody, or this account's own token holds it). */
#define CLAIM_HOLDER_SQL \
  "(SELECT c.name FROM claims c WHERE c.account_id = r.account_id AND c.aftersale_id = r.id " \
  "AND c.expires_at > CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER) " \
  "AND c.staff_id IS NOT (SELECT a.staff_id FROM accounts a WHERE a.id = r.account_id))"
#define COL_DEADLINE_KEY 17
#define COL_RID 18
#define COL_REASON_CODE 19
#define COL_CONFLICT_CODE 20
#define COL_CONFLICT_REASON 21
#define COL_VIEW_MASK 22
#define COL_CLAIM_HOLDER 23
#define COL_TAGS 24
#define COL_SORT_KEY 25

struct _ShouRequestList
{
  GObject      parent_instance;

  ShouStore   *store;
  gulong       changed_id;

  ShouView     view;
  char        *shop_id;
  char        *search;
  ShouSortKey  sort_key;
  gboolean     sort_descending;
  ShouClaimFilter claim_filter;
  ShouRequestFilter *filter;   /* NULL: none */
  gboolean     search_everywhere; /* a search ignores view, shop, filters */

  /* query state */
  char        *where;          /* SQL with ?N placeholders, no user text */
  char        *fts_query;
  char        *gram_query;     /* two-character words, requests_grams */
  char        *search_sql;     /* one window of a search's matches */
  char        *order_lo;       /* a pasted order number: prefix range */
  char        *order_hi;
  char        *tracking;       /* a return or exchange tracking number, ?14 */
  GPtrArray   *like_terms;     /* of char *, bound to ?15..: LIKE or instr() */
  gint64       now;
  guint        n_items;
  gboolean     capped;
  gboolean     replacing;      /* emitting a refresh's signal that is not its last */
  GPtrArray   *shown;          /* during a refresh's edits: the rows from the
                                * top as the list view has been told of them */
  guint        total;          /* rows of the query; n_items while revealing */
  guint        reveal_step;    /* 0: every row at once */

  /* a search: the matches found so far, in the order the list shows */
  GArray      *matches;        /* of Match */
  gint64       scan_hi;        /* rids below this are still to search */
  gint64       scan_min;       /* the lowest rid in the cache */
  gint64       window;         /* rids the next step looks at */
  guint        search_id;      /* idle source continuing the search */
  guint        generation;     /* bumped by every re-query */
  gboolean     searching;
  gboolean     filtered;       /* the search has conditions beyond its index */
  gboolean     rare_driver;    /* led by one rare trigram: no windows */
  char        *rare_for;       /* the search rare_trigram() last looked at */
  char        *rare;           /* and its answer (NULL: none rare enough) */

  GHashTable  *pages;          /* page number -> GPtrArray of items */
  GQueue       lru;            /* page numbers, most recent first */
  GHashTable  *page_last;      /* page number -> last (deadline_key, rid) */
};

typedef struct
{
  gint64  rid;
  gint64  deadline_key;
  int     type;                /* of the sort column; SQLITE_NULL if none */
  gint64  ival;
  char   *sval;
  ShouRequestItem *item;
} Match;

typedef struct
{
  gint64 key;
  gint64 rid;
} PageEnd;

G_END_DECLS
