/*
 * template.h - `spcomm new FORM`: a complete, commented case-file template
 * generated from the form model, so that it cannot drift from the form.
 */
#ifndef SPCOMM_TEMPLATE_H
#define SPCOMM_TEMPLATE_H

#include <stdbool.h>
#include <stdio.h>

#include "catalog.h"
#include "form.h"

/*
 * Write the template of form f (labels and help from cat) to out.
 * Returns false only when writing fails.
 */
bool template_write(const struct form *f, const struct form_set *fs,
    const struct catalog *cat, FILE *out);

#endif
