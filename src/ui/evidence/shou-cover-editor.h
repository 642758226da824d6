/* shou-cover-editor.h: cover areas of a screenshot (names, phone numbers,
 * addresses, other platforms) before it is sent (platform-rules §6). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SHOU_TYPE_COVER_EDITOR (shou_cover_editor_get_type ())
G_DECLARE_FINAL_TYPE (ShouCoverEditor, shou_cover_editor, SHOU, COVER_EDITOR, AdwWindow)

/* Signals:
 *   "applied" (GBytes *png): the covered image; emitted by "Apply", then the
 *     window closes. With no areas drawn it is the image as shown. */
ShouCoverEditor *shou_cover_editor_new         (GtkWindow       *parent,
                                                GdkTexture      *texture);
/* Areas in image pixels. */
void             shou_cover_editor_add_area    (ShouCoverEditor *self,
                                                double           x,
                                                double           y,
                                                double           width,
                                                double           height);
guint            shou_cover_editor_get_n_areas (ShouCoverEditor *self);
void             shou_cover_editor_undo        (ShouCoverEditor *self);
/* (transfer full): the image with every area filled black, as PNG. */
GBytes          *shou_cover_editor_render      (ShouCoverEditor *self);

/* (transfer full): @texture with @areas filled black, as PNG. */
GBytes          *shou_cover_render_png         (GdkTexture              *texture,
                                                const graphene_rect_t   *areas,
                                                guint                    n_areas);

G_END_DECLS
