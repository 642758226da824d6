/* shou-sniff.c: evidence type from the bytes; truncated files are refused */
#include "config.h"

#include <string.h>

#include "shou-sniff.h"

/* How far from the end a trailer may sit (padding, trailing newlines). */
#define TRAILER_SLACK 1024

static gboolean
has_near_end (const guint8 *data,
              gsize         length,
              const char   *needle,
              gsize         needle_len)
{
  gsize from = length > TRAILER_SLACK + needle_len ? length - TRAILER_SLACK - needle_len : 0;

  if (length < needle_len)
    return FALSE;
  for (gsize i = length - needle_len + 1; i-- > from;)
    if (memcmp (data + i, needle, needle_len) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_jpeg (const guint8 *data,
         gsize         length)
{
  if (length < 4 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF)
    return FALSE;
  /* End of image marker. */
  return has_near_end (data, length, "\xFF\xD9", 2);
}

static gboolean
is_png (const guint8 *data,
        gsize         length)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

  if (length < 8 + 25 + 12 || memcmp (data, signature, 8) != 0)
    return FALSE;
  if (memcmp (data + 12, "IHDR", 4) != 0)
    return FALSE;
  /* IEND chunk: length 0, type, CRC. */
  return memcmp (data + length - 12, "\0\0\0\0IEND", 8) == 0;
}

static gboolean
is_pdf (const guint8 *data,
        gsize         length)
{
  if (length < 5 + 5 || memcmp (data, "%PDF-", 5) != 0)
    return FALSE;
  return has_near_end (data, length, "%%EOF", 5);
}

const char *
shou_sniff_content_type (const guint8 *data,
                         gsize         length)
{
  if (data == NULL || length == 0)
    return NULL;
  if (is_jpeg (data, length))
    return "image/jpeg";
  if (is_png (data, length))
    return "image/png";
  if (is_pdf (data, length))
    return "application/pdf";
  return NULL;
}
