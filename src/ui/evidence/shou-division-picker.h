/* shou-division-picker.h: the 省/市/区 of an address, chosen in three
 * dependent rows from the GB/T 2260 table (core/shou-divisions.h); the
 * area's code is kept with the text. An address saved before it had a code
 * is matched by its text, or kept as written until the seller chooses. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHOU_TYPE_DIVISION_PICKER (shou_division_picker_get_type ())
G_DECLARE_FINAL_TYPE (ShouDivisionPicker, shou_division_picker, SHOU, DIVISION_PICKER, AdwPreferencesGroup)

GtkWidget  *shou_division_picker_new         (void);
/* Shows an address's region: by @code when the table has it, else by the
 * text. Any of the arguments may be %NULL or empty. */
void        shou_division_picker_set_address (ShouDivisionPicker *self,
                                              const char         *province,
                                              const char         *city,
                                              const char         *district,
                                              const char         *code);
/* Selects the area @code (6 digits) as the seller would; %FALSE if unknown. */
gboolean    shou_division_picker_select      (ShouDivisionPicker *self,
                                              const char         *code);
/* The chosen area's code, or %NULL (nothing chosen, or text kept as written). */
const char *shou_division_picker_get_code    (ShouDivisionPicker *self);
/**
 * shou_division_picker_get_text:
 * @province: (out) (transfer none)
 * @city: (out) (transfer none)
 * @district: (out) (transfer none)
 *
 * Returns: %TRUE when a region is chosen or kept as written.
 */
gboolean    shou_division_picker_get_text    (ShouDivisionPicker *self,
                                              const char        **province,
                                              const char        **city,
                                              const char        **district);
/* Marks the rows as missing (the form's check on saving). */
void        shou_division_picker_set_error   (ShouDivisionPicker *self,
                                              gboolean            error);

G_END_DECLS
