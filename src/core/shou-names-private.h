/* shou-names-private.h: the stable API names of the domain's enums, in
 * tables indexed by value (shou-types.c and the care records use them). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of @text in @names (n of them); FALSE for NULL or unknown. */
gboolean shou_names_lookup (const char *const *names,
                            guint              n,
                            const char        *text,
                            int               *out);

/* prefix_to_string (Type) (NULL out of range) and prefix_from_string
 * (text, Type *) for the name table @names. */
#define SHOU_DEFINE_NAMES(prefix, Type, names)                              \
  const char *                                                              \
  prefix##_to_string (Type value)                                           \
  {                                                                         \
    return (guint) value < G_N_ELEMENTS (names) ? names[value] : NULL;      \
  }                                                                         \
                                                                            \
  gboolean                                                                  \
  prefix##_from_string (const char *text,                                   \
                        Type       *out)                                    \
  {                                                                         \
    int v_ = 0;                                                             \
    if (!shou_names_lookup (names, G_N_ELEMENTS (names), text, &v_))        \
      return FALSE;                                                         \
    if (out != NULL)                                                        \
      *out = (Type) v_;                                                     \
    return TRUE;                                                            \
  }

G_END_DECLS
