#include "config.h"

#include <glib/gi18n-lib.h>

#include "shou-reason-text.h"

/* The words are the platforms' (buyer-side reason lists); see po/GLOSSARY.md. */
static const ShouCodeText buyer_reasons[] = {
  /* Translators: a buyer's reason for an after-sales request, as platforms list it */
  { "size_mismatch", N_("Size does not fit") },
  { "quality_problem", N_("Quality problem") },
  { "no_reason_7d", N_("7-day return without reason") },
  { "not_as_described", N_("Not as described") },
  { "missing_items", N_("Items missing") },
  { "damaged_in_transit", N_("Damaged in transit") },
  { "wrong_item", N_("The seller sent the wrong item") },
  { "not_wanted", N_("No longer wanted / ordered by mistake") },
  { "not_received", N_("Goods not received") },
  { "late_shipping", N_("Not shipped by the agreed time") },
};

static const ShouCodeText reject_reasons[] = {
  /* Translators: a seller's reason for rejecting a request, as platforms list it */
  { "buyer_unreasonable", N_("The buyer’s demand is unreasonable") },
  { "goods_not_returned", N_("The returned goods have not arrived") },
  { "returned_damaged", N_("The returned goods cannot be resold") },
  { "wrong_item_returned", N_("The returned goods are not the goods sold") },
  { "already_shipped", N_("The goods have shipped; the buyer may apply after receiving them") },
  { "agreed_with_buyer", N_("Agreed with the buyer in negotiation") },
  { "buyer_agreed", N_("Agreed with the buyer in negotiation") },
  { "signed_normally", N_("Tracking shows a normal delivery") },
  { "not_quality_problem", N_("Inspection found no quality problem") },
  { "other", N_("Other") },
};

const char *
shou_code_text_lookup (const ShouCodeText *table,
                       gsize               n,
                       const char         *code)
{
  if (code == NULL)
    return NULL;
  for (gsize i = 0; i < n; i++)
    if (g_str_equal (table[i].code, code))
      return table[i].text;
  return NULL;
}

static const char *
lookup (const ShouCodeText *table,
        gsize               n,
        const char         *code)
{
  const char *text = shou_code_text_lookup (table, n, code);

  return text != NULL ? _(text) : NULL;
}

const char *
shou_buyer_reason_get_label (const char *code)
{
  return lookup (buyer_reasons, G_N_ELEMENTS (buyer_reasons), code);
}

const char *
shou_reject_reason_get_label (const char *code)
{
  return lookup (reject_reasons, G_N_ELEMENTS (reject_reasons), code);
}

const char *
shou_buyer_reason_text (const char *code,
                        const char *fallback)
{
  const char *label = shou_buyer_reason_get_label (code);
  return label != NULL ? label : fallback;
}

const char *
shou_reject_reason_text (const char *code,
                         const char *fallback)
{
  const char *label = shou_reject_reason_get_label (code);
  return label != NULL ? label : fallback;
}

const char * const *
shou_buyer_reason_codes (void)
{
  static const char *all[G_N_ELEMENTS (buyer_reasons) + 1];

  if (all[0] == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (buyer_reasons); i++)
      all[i] = buyer_reasons[i].code;
  return all;
}
