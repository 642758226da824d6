/* shou-evidence-tile.h: the tile of one evidence item in the picker's strip:
 * thumbnail, kind, upload state, remove / retry / cover buttons. */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What the tile's controls call; each control carries the item's SHA-256
 * as its "sha256" data. */
typedef struct
{
  GCallback remove_clicked;   /* GtkButton::clicked */
  GCallback retry_clicked;    /* GtkButton::clicked */
  GCallback cover_clicked;    /* GtkButton::clicked */
  GCallback kind_selected;    /* GtkDropDown::notify::selected */
} ShouEvidenceTileHandlers;

/* The kinds of evidence, by ShouEvidenceKind, for drop-downs. */
GtkStringList *shou_evidence_kind_model_new (void);

/* @texture: the item's thumbnail, or NULL for an icon. */
GtkWidget *shou_evidence_tile_new (JsonObject                     *item,
                                   GdkTexture                     *texture,
                                   const ShouEvidenceTileHandlers *handlers,
                                   gpointer                        user_data);

G_END_DECLS
