/* shou-store-team.h: what a team's hub adds to the cache: claims (which
 * staff member handles a request) and the changes of kinds this version
 * does not know yet, kept until a later version learns them. */
#pragma once

#include "shou-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *staff_id;    /* NULL: the merchant's own token */
  char     *name;        /* the holder's name, as the hub says it (text) */
  gint64    expires_at;  /* UTC usec */
  gboolean  mine;        /* held by this account's own token */
} ShouClaim;

void       shou_claim_free                (ShouClaim   *claim);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouClaim, shou_claim_free)

/* The unexpired claim on the request with key @request_key at @now (UTC
 * usec), or NULL when nobody holds it. */
ShouClaim *shou_store_get_claim           (ShouStore   *self,
                                           const char  *request_key,
                                           gint64       now);
/* Records what the hub answered about a claim (a POST claim, or a 409
 * "claimed" naming the holder); @name NULL or @expires_at 0: released.
 * Emits "changed" for the request when another staff member's claim on it
 * appears, changes hands or ends (not for renewals or our own claim). */
gboolean   shou_store_set_claim           (ShouStore   *self,
                                           const char  *request_key,
                                           const char  *staff_id,
                                           const char  *name,
                                           gint64       expires_at,
                                           GError     **error);
/* The staff id of the account that owns the request (NULL: the merchant's
 * own token or unknown). */
char      *shou_store_get_request_staff_id (ShouStore  *self,
                                           const char  *request_key);
/* The window shows @request_key (NULL: none) and wants its claim (taken
 * over from its holder with @take_over, after asking the seller): emits
 * "claim-wanted" (string key or NULL, boolean take_over); the sync engine
 * takes, renews and releases the claims on the hub. */
void       shou_store_want_claim          (ShouStore   *self,
                                           const char  *request_key,
                                           gboolean     take_over);
/* The account and server id of the request with key @request_key. */
gboolean   shou_store_get_request_ids     (ShouStore   *self,
                                           const char  *request_key,
                                           char       **account_id,
                                           char       **request_id);
/* How many changes of kinds this version does not know are kept. */
guint      shou_store_count_unknown_changes (ShouStore *self,
                                           const char  *kind);

G_END_DECLS
