/* shou-money.c: integer fen, formatted and parsed without floating point */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "shou-money.h"

G_DEFINE_QUARK (shou-money-error-quark, shou_money_error)

char *
shou_money_format_plain (gint64 fen)
{
  guint64 abs_fen;

  /* Negate through unsigned so G_MININT64 does not overflow. */
  abs_fen = fen < 0 ? (guint64) 0 - (guint64) fen : (guint64) fen;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          fen < 0 ? "-" : "",
                          abs_fen / 100,
                          (guint) (abs_fen % 100));
}

char *
shou_money_format (gint64 fen)
{
  g_autofree char *plain = shou_money_format_plain (fen);

  if (plain[0] == '-')
    return g_strconcat ("-¥", plain + 1, NULL);
  return g_strconcat ("¥", plain, NULL);
}

gboolean
shou_money_parse (const char  *text,
                  gint64      *out_fen,
                  GError     **error)
{
  g_autofree char *copy = NULL;
  const char *p;
  gint64 yuan = 0;
  gint64 cents = 0;
  guint n_int = 0;
  guint n_dec = 0;

  g_return_val_if_fail (out_fen != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  copy = g_strstrip (g_strdup (text));
  p = copy;

  if (g_str_has_prefix (p, "¥"))
    p += strlen ("¥");
  else if (g_str_has_prefix (p, "￥"))
    p += strlen ("￥");

  while (*p == ' ')
    p++;

  if (*p == '\0')
    {
      g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_EMPTY,
                   _("Enter an amount"));
      return FALSE;
    }

  if (*p == '-')
    {
      g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_NEGATIVE,
                   _("The amount cannot be negative"));
      return FALSE;
    }

  for (; g_ascii_isdigit (*p); p++)
    {
      n_int++;
      if (yuan > SHOU_MONEY_MAX_FEN / 100)
        {
          g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_OVERFLOW,
                       _("The amount is too large"));
          return FALSE;
        }
      yuan = yuan * 10 + (*p - '0');
    }

  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          n_dec++;
          if (n_dec <= 2)
            cents = cents * 10 + (*p - '0');
        }
      if (n_dec == 0)
        {
          g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_SYNTAX,
                       _("Write the amount in yuan, e.g. 12.30"));
          return FALSE;
        }
      if (n_dec == 1)
        cents *= 10;
    }

  if (*p != '\0' || n_int == 0)
    {
      g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_SYNTAX,
                   _("Write the amount in yuan, e.g. 12.30"));
      return FALSE;
    }

  if (n_dec > 2)
    {
      g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_PRECISION,
                   _("Use at most two decimals (fen)"));
      return FALSE;
    }

  if (yuan > SHOU_MONEY_MAX_FEN / 100 ||
      yuan * 100 + cents > SHOU_MONEY_MAX_FEN)
    {
      g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_OVERFLOW,
                   _("The amount is too large"));
      return FALSE;
    }

  *out_fen = yuan * 100 + cents;
  return TRUE;
}

gboolean
shou_money_refund_from_keep (gint64   paid_fen,
                             gint64   keep_fen,
                             gint64  *out_refund_fen,
                             GError **error)
{
  g_return_val_if_fail (out_refund_fen != NULL, FALSE);

  if (keep_fen < 0)
    {
      g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_NEGATIVE,
                   "The amount kept by the seller cannot be negative");
      return FALSE;
    }
  if (paid_fen <= 0 || paid_fen > SHOU_MONEY_MAX_FEN || keep_fen >= paid_fen)
    {
      g_set_error (error, SHOU_MONEY_ERROR, SHOU_MONEY_ERROR_RANGE,
                   "The amount kept by the seller must be below the %" G_GINT64_FORMAT " fen paid",
                   paid_fen);
      return FALSE;
    }
  *out_refund_fen = paid_fen - keep_fen;
  return TRUE;
}

gint64
shou_money_keep_from_refund (gint64 paid_fen,
                             gint64 refund_fen)
{
  g_return_val_if_fail (refund_fen >= 0 && refund_fen <= paid_fen, 0);
  return paid_fen - refund_fen;
}
