/* shou-care-dialog-private.h: the small modal windows of the 售后关怀
 * page (reviews' and complaints'): a title, Cancel and one button, a
 * content box and a line for the store's refusal. */
#pragma once

#include <adwaita.h>

#include "store/shou-store.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWindow     *window;
  ShouStore     *store;
  char          *key;
  GtkLabel      *error;
  /* register (reviews and complaints) */
  AdwComboRow   *shop;
  AdwEntryRow   *nick;
  AdwComboRow   *rating;
  AdwComboRow   *reason;
  AdwEntryRow   *text;
  GPtrArray     *shop_keys;
  AdwComboRow   *channel;
  /* remedy, compensation */
  AdwComboRow   *remedy;
  GtkSpinButton *amount;
  /* reply, note */
  GtkTextView   *reply;
  AdwEntryRow   *note;
  AdwComboRow   *outcome;
  /* logistics incidents */
  AdwComboRow   *kind;
  AdwComboRow   *carrier;
  AdwEntryRow   *tracking;
  const char    *status;   /* a claim's result: "paid" */
} ShouCareDialog;

/* A modal window over @parent's window, freed with it; *@out_content is
 * where the fields go. @ok_cb gets the ShouCareDialog. */
ShouCareDialog *shou_care_dialog_new   (GtkWidget          *parent,
                                        ShouStore          *store,
                                        const char         *title,
                                        const char         *ok,
                                        GCallback           ok_cb,
                                        GtkBox            **out_content);
void            shou_care_dialog_error (ShouCareDialog     *d,
                                        const GError       *error);
/* The shop chooser (d->shop, d->shop_keys) as the first row of @list. */
void            shou_care_dialog_shops (ShouCareDialog     *d,
                                        GtkListBox         *list);
AdwComboRow    *shou_care_combo        (const char         *title,
                                        const char * const *items);
GtkWidget      *shou_care_group        (GtkBox             *content);
/* An entry row titled @title in @list. */
AdwEntryRow    *shou_care_entry        (GtkWidget          *list,
                                        const char         *title);
/* An amount in yuan (d->amount, 2 decimals) starting at @yuan, in @list. */
void            shou_care_amount_row   (ShouCareDialog     *d,
                                        GtkWidget          *list,
                                        double              yuan);
typedef char *(*ShouCareRegisterFunc) (ShouStore   *store,
                                       const char  *shop_key,
                                       JsonObject  *fields,
                                       GError     **error);
/* A register dialog's OK: @fields with the buyer's nickname and words
 * (d->nick, d->text) registered in the chosen shop by @func; the window
 * closes, or shows the refusal. */
void            shou_care_dialog_submit (ShouCareDialog      *d,
                                         JsonObject          *fields,
                                         ShouCareRegisterFunc func);
/* d->amount in fen. */
gint64          shou_care_amount_fen   (ShouCareDialog     *d);

G_END_DECLS
