/* shou-divisions.h: China's administrative divisions (GB/T 2260: 省/市/区)
 * for the return-address picker; the table is data/divisions/divisions.tsv. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SHOU_DIVISIONS_RESOURCE "/io/github/shouhou/Shouhou/divisions/divisions.tsv"

typedef struct _ShouDivisions ShouDivisions;

typedef enum
{
  SHOU_DIVISION_NONE,
  SHOU_DIVISION_PROVINCE,        /* 2-digit code, e.g. "44" 广东省 */
  SHOU_DIVISION_CITY,            /* 4 digits, e.g. "4403" 深圳市 */
  SHOU_DIVISION_AREA,            /* 6 digits (GB/T 2260), e.g. "440305" 南山区 */
} ShouDivisionLevel;

/**
 * shou_divisions_new_from_bytes:
 * @bytes: lines of "code<TAB>name"; lines starting with '#' are ignored
 *
 * A parent must come before its children.
 * Returns: (transfer full): the table, or %NULL with @error set
 * (G_IO_ERROR_INVALID_DATA) on a malformed line.
 */
ShouDivisions     *shou_divisions_new_from_bytes (GBytes         *bytes,
                                                  GError        **error);
/**
 * shou_divisions_get_default:
 *
 * Returns: (transfer none): the table from SHOU_DIVISIONS_RESOURCE, loaded
 * once; %NULL when that resource is not registered.
 */
ShouDivisions     *shou_divisions_get_default    (void);
ShouDivisions     *shou_divisions_ref            (ShouDivisions  *self);
void               shou_divisions_unref          (ShouDivisions  *self);

guint              shou_divisions_get_size       (ShouDivisions  *self);
ShouDivisionLevel  shou_divisions_level          (const char     *code);
/* The name of @code as the data gives it, or %NULL. */
const char        *shou_divisions_lookup         (ShouDivisions  *self,
                                                  const char     *code);
/**
 * shou_divisions_children:
 * @parent: a province or city code, or %NULL for the provinces
 *
 * Returns: (transfer none) (element-type utf8): the children's codes in
 * code order; empty, never %NULL, for an unknown @parent.
 */
GPtrArray         *shou_divisions_children       (ShouDivisions  *self,
                                                  const char     *parent);
/* The city as an address writes it: the province's name for the
 * placeholders 市辖区/县 under a municipality (北京市 for "1101"). */
const char        *shou_divisions_city_text      (ShouDivisions  *self,
                                                  const char     *city);
/**
 * shou_divisions_resolve:
 * @area: a 6-digit area code
 * @province: (out) (optional) (transfer none)
 * @city: (out) (optional) (transfer none): as shou_divisions_city_text()
 * @district: (out) (optional) (transfer none)
 *
 * Returns: %TRUE when @area is in the table.
 */
gboolean           shou_divisions_resolve        (ShouDivisions  *self,
                                                  const char     *area,
                                                  const char    **province,
                                                  const char    **city,
                                                  const char    **district);
/**
 * shou_divisions_match:
 *
 * Finds the area of an address written as text (one saved before it kept
 * a code): @city may be the municipality's name, as shou_divisions_city_text()
 * writes it.
 * Returns: (transfer none): the area code, or %NULL when the text names no
 * single area.
 */
const char        *shou_divisions_match          (ShouDivisions  *self,
                                                  const char     *province,
                                                  const char     *city,
                                                  const char     *district);

/**
 * shou_divisions_search:
 * @text: part of an area's name, e.g. "南山"
 * @max: at most this many
 *
 * Areas whose name starts with @text come first, then those that contain
 * it, each in code order.
 * Returns: (transfer container) (element-type utf8): area codes; empty for
 * empty @text.
 */
GPtrArray         *shou_divisions_search         (ShouDivisions  *self,
                                                  const char     *text,
                                                  guint           max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShouDivisions, shou_divisions_unref)

G_END_DECLS
