/* shou-welcome-page.c: the two ways in on first run. */
#include "config.h"

#include <glib/gi18n.h>

#include "shou-welcome-page.h"

struct _ShouWelcomePage
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwStatusPage  *status_page;
  GtkButton      *demo_button;
  GtkButton      *connect_button;
  GtkWidget      *busy_box;
  GtkSpinner     *spinner;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (ShouWelcomePage, shou_welcome_page, ADW_TYPE_BIN)

enum {
  DEMO_REQUESTED,
  CONNECT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_demo_button_clicked_cb (GtkButton       *button,
                           ShouWelcomePage *self)
{
  shou_welcome_page_set_error (self, NULL);
  g_signal_emit (self, signals[DEMO_REQUESTED], 0);
}

static void
on_connect_button_clicked_cb (GtkButton       *button,
                              ShouWelcomePage *self)
{
  shou_welcome_page_set_error (self, NULL);
  g_signal_emit (self, signals[CONNECT_REQUESTED], 0);
}

static void
shou_welcome_page_realize (GtkWidget *widget)
{
  ShouWelcomePage *self = SHOU_WELCOME_PAGE (widget);
  GtkIconTheme *theme;

  GTK_WIDGET_CLASS (shou_welcome_page_parent_class)->realize (widget);

  /* Uninstalled runs have no app icon in the theme; avoid the broken image. */
  theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  if (gtk_icon_theme_has_icon (theme, APP_ID))
    adw_status_page_set_icon_name (self->status_page, APP_ID);
  else if (!gtk_icon_theme_has_icon (theme, BASE_ID))
    adw_status_page_set_icon_name (self->status_page, "mail-send-receive-symbolic");
}

static void
shou_welcome_page_class_init (ShouWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->realize = shou_welcome_page_realize;

  /**
   * ShouWelcomePage::demo-requested:
   * The seller wants to try the bundled demo shops.
   */
  signals[DEMO_REQUESTED] =
    g_signal_new ("demo-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /**
   * ShouWelcomePage::connect-requested:
   * The seller wants to connect a real account.
   */
  signals[CONNECT_REQUESTED] =
    g_signal_new ("connect-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/shouhou/Shouhou/accounts/shou-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ShouWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, ShouWelcomePage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, ShouWelcomePage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, ShouWelcomePage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, ShouWelcomePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ShouWelcomePage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_button_clicked_cb);
}

static void
shou_welcome_page_init (ShouWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
shou_welcome_page_new (void)
{
  return g_object_new (SHOU_TYPE_WELCOME_PAGE, NULL);
}

void
shou_welcome_page_set_busy (ShouWelcomePage *self,
                            gboolean         busy)
{
  g_return_if_fail (SHOU_IS_WELCOME_PAGE (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->demo_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  gtk_widget_set_visible (self->busy_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    shou_welcome_page_set_error (self, NULL);
}

void
shou_welcome_page_set_error (ShouWelcomePage *self,
                             const char      *message)
{
  g_return_if_fail (SHOU_IS_WELCOME_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL && *message != '\0');
}
