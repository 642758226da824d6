/* shou-store-accounts.h: who an account is (base URL + the merchant and
 * staff member the server reports for its token), whether it is the demo,
 * and the certificate the seller chose to trust for it. */
#pragma once

#include "shou-store.h"

G_BEGIN_DECLS

/* The label stored for the demo account, in English: shown translated
 * (shou_accounts_get_display_label), never stored translated. */
#define SHOU_STORE_DEMO_LABEL "Demo shops"

/* Adds an account with its identity. @merchant_id and @staff_id may be NULL
 * (not known: the server was not asked). @id NULL: a new random one (a
 * caller may choose it to save the token first). Emits "accounts-changed".
 * Returns: (transfer full): the new account id. */
char       *shou_store_add_account_full      (ShouStore   *self,
                                              const char  *id,
                                              const char  *base_url,
                                              const char  *label,
                                              const char  *merchant_id,
                                              const char  *staff_id,
                                              gboolean     is_demo,
                                              GError     **error);
/* (transfer full) {"id", "base_url", "label", "merchant_id", "staff_id"
 * (string or null), "is_demo" (boolean), "cert_sha256" (string or null)},
 * or NULL when there is no such account. */
JsonObject *shou_store_get_account           (ShouStore   *self,
                                              const char  *account_id);
/* The account at @base_url whose identity is @merchant_id and @staff_id
 * (NULL matches NULL only). Returns: (transfer full) (nullable): its id. */
char       *shou_store_find_account          (ShouStore   *self,
                                              const char  *base_url,
                                              const char  *merchant_id,
                                              const char  *staff_id);
/* The demo account (the oldest when there are several), or NULL. */
char       *shou_store_find_demo_account     (ShouStore   *self);
gboolean    shou_store_set_account_identity  (ShouStore   *self,
                                              const char  *account_id,
                                              const char  *merchant_id,
                                              const char  *staff_id,
                                              GError     **error);
/* The demo's simulator may listen on another port each run. */
gboolean    shou_store_set_account_base_url  (ShouStore   *self,
                                              const char  *account_id,
                                              const char  *base_url,
                                              GError     **error);
/* The SHA-256 (lowercase hex) of the certificate the seller trusts for
 * this account although no authority vouches for it; NULL: none. Emits
 * "accounts-changed" so the sync engine makes new connections. */
gboolean    shou_store_set_account_certificate (ShouStore *self,
                                              const char  *account_id,
                                              const char  *cert_sha256,
                                              GError     **error);

G_END_DECLS
