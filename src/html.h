#pragma once
/*
 * The small HTML subset JSON Resume text often holds (themes render it),
 * turned into vitae's own inline markup (markup.h) when the résumé is
 * loaded:
 *
 *   <b> <strong>      **bold**         <i> <em>    *italic*
 *   <a href="URL">    [text](URL), only for the addresses markup links
 *                     (url_dest_ok); any other scheme keeps just the text
 *   <br> <p>          a new line (a paragraph in summaries)
 *   <ul> <ol> <li>    one line an item, "- " or "1. " before it
 *
 * Every other HTML element (div, span, code, h1, img, table...) is dropped
 * and its text kept; <script> and <style> lose their contents too, and
 * comments vanish. Angle brackets around anything else ("Vec<T>") are
 * text. Entities are decoded: a few
 * named ones (&amp; &lt; &gt; &quot; &apos; &nbsp; dashes, quotes...) and
 * every numeric one, &#NNN; and &#xHH;; an unknown one stays as written.
 *
 * Text is HTML only when it holds a tag ("<" or "</" and an element's
 * name, or "<!--", and a ">" later). HTML collapses white space, as browsers do, and all of
 * its text is literal: a '*', '[', ']' or '\' in it is escaped, so that
 * nothing becomes markup by accident. Text without a tag keeps its white
 * space and its own Markdown; only what its entities decode to is escaped.
 *
 * What entities decode to goes through text_sanitize() (utf8.h), as every
 * loaded string does, so an entity for a control, bidi or invisible
 * character cannot reach the terminal. One pass, linear in len, whatever
 * the nesting; the result is at most a small constant times len.
 */
#include <stddef.h>
#include "arena.h"

/*
 * The markup for s[0..len) (safe UTF-8, as text_sanitize makes it), in a,
 * NUL-terminated. Returns s itself when it has no '<' and no '&'. May be
 * "" when the HTML holds no text.
 */
const char *html_to_markup(struct arena *a, const char *s, size_t len);
