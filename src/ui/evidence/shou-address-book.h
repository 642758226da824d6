/* shou-address-book.h: a shop's return addresses (退货地址): list, create,
 * edit, delete, set default. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_ADDRESS_BOOK (shou_address_book_get_type ())
G_DECLARE_FINAL_TYPE (ShouAddressBook, shou_address_book, SHOU, ADDRESS_BOOK, AdwWindow)

/* The address book of a shop (create, edit, delete, set default). */
GtkWindow  *shou_address_book_new        (GtkWindow       *parent,
                                          ShouStore       *store,
                                          const char      *shop_id);

/* The book opened from the main menu: a list of the store's shops in the
 * header chooses whose addresses are shown; @shop_id (a shop key, may be
 * %NULL) is chosen first. %NULL when the store has no shop. */
GtkWindow  *shou_address_book_new_any_shop (GtkWindow     *parent,
                                            ShouStore     *store,
                                            const char    *shop_id);
const char *shou_address_book_get_shop_id (ShouAddressBook *self);

/* One line for an address: "张三 13800138000 · 浙江省杭州市余杭区 文一西路1号". */
char       *shou_address_format          (JsonObject      *address);

void        shou_address_book_reload     (ShouAddressBook *self);
guint       shou_address_book_get_n_addresses (ShouAddressBook *self);
/* Opens the form for @address_id, or an empty one when %NULL. */
void        shou_address_book_edit       (ShouAddressBook *self,
                                          const char      *address_id);
/* Types @address's fields into the open form, as the seller would. */
void        shou_address_book_fill_form  (ShouAddressBook *self,
                                          JsonObject      *address);
/* The form's current validation message, or %NULL when it is valid. */
const char *shou_address_book_get_form_error (ShouAddressBook *self);
/* The message of the last toast (saved, deleted, refused), for tests. */
const char *shou_address_book_get_last_message (ShouAddressBook *self);

G_END_DECLS
