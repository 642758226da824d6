/* shou-annotation.h: tags and internal notes on an after-sales request
 * (API.md "annotation"). They are the merchant's own: a buyer never sees
 * them. Pure rules, shared by the hub and the desktop's optimistic copy:
 * which tags and notes are acceptable, and what one step (add or remove a
 * tag, add a note) does to the annotation's JSON, with who did it and when
 * kept in its log (the audit timeline). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  SHOU_ANNOTATION_ADD_TAG,
  SHOU_ANNOTATION_REMOVE_TAG,
  SHOU_ANNOTATION_ADD_NOTE,
  SHOU_N_ANNOTATION_OPS
} ShouAnnotationOp;

/* A tag is 1 to this many characters; a request has at most MAX_TAGS. */
#define SHOU_ANNOTATION_TAG_CHARS 16
#define SHOU_ANNOTATION_MAX_TAGS 20
/* A note is 1 to this many characters; a request has at most MAX_NOTES. */
#define SHOU_ANNOTATION_NOTE_CHARS 500
#define SHOU_ANNOTATION_MAX_NOTES 100

const char *shou_annotation_op_to_string   (ShouAnnotationOp  op);
gboolean    shou_annotation_op_from_string (const char       *name,
                                            ShouAnnotationOp *op);

/* NULL when @value may be the op's value (a tag, or a note's text), else
 * the reason code: "empty", "too_long", "bad_characters" (control
 * characters; a tag also no spaces at its ends or line breaks). */
const char *shou_annotation_check_value    (ShouAnnotationOp  op,
                                            const char       *value);

/* (transfer full): an annotation with no tags and no notes, version 0. */
JsonObject *shou_annotation_new            (const char       *aftersale_id,
                                            const char       *shop_id);
/* Applies one checked step: @by is {"staff_id"|null, "name"} (copied).
 * Adding a tag that is there, or removing one that is not, changes
 * nothing and returns FALSE with *@reason NULL. A full list returns FALSE
 * with *@reason "too_many_tags" or "too_many_notes". Otherwise the step is
 * logged, "version" goes up by one, "updated_at" is @now, and TRUE. */
gboolean    shou_annotation_apply          (JsonObject       *annotation,
                                            ShouAnnotationOp  op,
                                            const char       *value,
                                            JsonObject       *by,
                                            gint64            now,
                                            const char      **reason);
/* Whether @annotation's "tags" holds @tag. */
gboolean    shou_annotation_has_tag        (JsonObject       *annotation,
                                            const char       *tag);

G_END_DECLS
