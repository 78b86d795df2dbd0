#pragma once
/*
 * RenderCV's words and date forms, read from a file's top level into
 * c->r->locale before `cv` is read, since every date needs them:
 *   locale:          (2.x) language, then per-field overrides:
 *                    month_names, month_abbreviations, present, year,
 *                    years, month, months, phrases.degree_with_area;
 *   locale_catalog:  (1.x) the same words under their 1.x names
 *                    (abbreviations_for_months, full_names_of_months),
 *                    `to` and the date template;
 *   design:          templates.single_date, date_range and time_span.
 * Everything else in `design` styles the PDF and is not read.
 */
#include "conv.h"

void load_locale(struct conv *c, struct node *root);

/* After the sections are read: RenderCV's time spans (entry.time_span)
 * in the sections design.sections.show_time_spans_in names (by default
 * `experience`, with the classic theme; none with RenderCV's other
 * themes), counted to settings.current_date ("today" by default). A
 * RenderCV 1.x file (locale_catalog, rendercv_settings) has them where
 * design.show_timespan_in names a section by its title, by default
 * nowhere. */
void load_time_spans(struct conv *c, struct node *root);
