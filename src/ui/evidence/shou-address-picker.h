/* shou-address-picker.h: choose a shop's return address; the default is
 * preselected; "manage…" opens the address book. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

#define SHOU_TYPE_ADDRESS_PICKER (shou_address_picker_get_type ())
G_DECLARE_FINAL_TYPE (ShouAddressPicker, shou_address_picker, SHOU, ADDRESS_PICKER, GtkWidget)

GtkWidget  *shou_address_picker_new             (ShouStore         *store,
                                                 const char        *shop_id);
const char *shou_address_picker_get_selected_id (ShouAddressPicker *self);

/* The address book of a shop (create, edit, delete, set default). */
GtkWindow  *shou_address_book_new               (GtkWindow         *parent,
                                                 ShouStore         *store,
                                                 const char        *shop_id);

G_END_DECLS
