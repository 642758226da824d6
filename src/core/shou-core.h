/* shou-core.h: everything in src/core. GLib/GIO/json-glib only. */
#pragma once

#include "shou-types.h"
#include "shou-domain.h"
#include "shou-money.h"
#include "shou-outbound.h"
#include "shou-time.h"
#include "shou-profile.h"
#include "shou-reason-text.h"
#include "shou-event-text.h"
#include "shou-rules.h"
#include "shou-autorule.h"
#include "shou-complaint.h"
#include "shou-group.h"
#include "shou-validate.h"
#include "shou-evidence-prep.h"
#include "shou-review.h"
#include "shou-visit.h"
