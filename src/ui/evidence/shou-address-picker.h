/* shou-address-picker.h: choose a shop's return address; the default is
 * preselected; "manage…" opens the address book (shou-address-book.h).
 * The picker uses the book; the book knows nothing of the picker. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_ADDRESS_PICKER (shou_address_picker_get_type ())
G_DECLARE_FINAL_TYPE (ShouAddressPicker, shou_address_picker, SHOU, ADDRESS_PICKER, GtkWidget)

GtkWidget  *shou_address_picker_new             (ShouStore         *store,
                                                 const char        *shop_id);
const char *shou_address_picker_get_selected_id (ShouAddressPicker *self);

G_END_DECLS
