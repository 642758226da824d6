/* shou-hub-schema.h: the store's migrations, each expressed for both
 * engines. Version N of the schema is what migrations 1..N leave. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *sqlite;
  const char *postgresql;
} ShouHubMigration;

/* (transfer none): migrations[0] takes an empty database to version 1. */
const ShouHubMigration *shou_hub_schema_get_migrations (guint *n);

G_END_DECLS
