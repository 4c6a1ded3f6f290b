// Paste an article (text or HTML) and see what whosaid reads in it, through
// POST /api/analyze: nothing is stored.

import { h, replace, errorBox, count, readableTime } from './dom.js';
import { post } from './api.js';
import { highlight } from './highlight.js';

/**
 * A function turning a span of the record into a byte range of `article.body`. For plain
 * text the record's spans point into the input, debris included; `paragraphs` says where
 * each paragraph of the body sits in it (the body joins them with a blank line), which is
 * how the store does it too. A span outside every paragraph (in the headline) gives null.
 */
function toBody(record) {
  if (record.offsets !== 'input') return (span) => (span ? [span.start, span.end] : null);
  const separator = new TextEncoder().encode('\n\n').length;
  let at = 0;
  const paragraphs = (record.paragraphs ?? []).map((p) => {
    const placed = { start: p.start, end: p.end, at };
    at += p.end - p.start + separator;
    return placed;
  });
  return (span) => {
    if (!span) return null;
    const p = paragraphs.find((q) => q.start <= span.start && span.end <= q.end);
    return p ? [p.at + span.start - p.start, p.at + span.end - p.start] : null;
  };
}

/** The record's quote (FORMAT.md) in the shape `highlight` takes. */
function recordQuote(q, range) {
  return {
    content: range(q.content),
    parts: (q.parts ?? []).map(range),
    cue: range(q.cue),
    source: range(q.source),
    speaker: q.speaker?.name ?? null,
    speakerKey: q.speaker ? q.speaker.entity ?? `name:${q.speaker.name}` : null,
    kind: q.kind,
    // The speaker's words, as the store keeps them: without the narration between parts.
    contentText: q.parts?.length ? q.parts.map((p) => p.text).join(' … ') : q.content.text,
    cueText: q.cue?.text ?? null,
    sourceText: q.source?.text ?? null,
  };
}

/** Markup or not: a page that starts with a tag (after a BOM, blanks or a comment). */
function looksLikeHtml(page) {
  return /^\s*(<!doctype html|<html|<head|<body|<!--|<(p|div|article|main|section|h1)\b)/i.test(page);
}

export function analyzeView(root) {
  document.title = 'Analyze an article — whosaid';
  const page = h('textarea', { id: 'page', name: 'page', rows: 14, required: true, spellcheck: 'false', 'aria-describedby': 'page-hint' });
  const format = h('select', { id: 'format', name: 'format' },
    h('option', { value: 'auto' }, 'detect'),
    h('option', { value: 'text' }, 'plain text'),
    h('option', { value: 'html' }, 'HTML'));
  const address = h('input', { id: 'url', name: 'url', type: 'url', inputmode: 'url', autocomplete: 'off', placeholder: 'https://…' });
  const published = h('input', { id: 'published', name: 'published', type: 'date' });
  const button = h('button', { type: 'submit' }, 'Analyze');
  const output = h('section', { class: 'analysis', 'aria-labelledby': 'analysis-heading' });
  const form = h('form', { class: 'analyze' },
    h('div', { class: 'field' },
      h('label', { for: 'page' }, 'Article (plain text or HTML)'),
      page,
      h('small', { id: 'page-hint', class: 'hint' }, 'Paste a scraped page or its HTML source. Nothing is stored; up to 4 MiB.')),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: 'format' }, 'Read as'), format),
      h('div', { class: 'field' }, h('label', { for: 'url' }, 'Address (optional)'), address),
      h('div', { class: 'field' }, h('label', { for: 'published' }, 'Published (optional)'), published)),
    h('div', { class: 'actions' }, button));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = page.value;
    if (!text.trim()) {
      output.replaceChildren(errorBox('Paste an article first.'));
      return;
    }
    const asHtml = format.value === 'html' || (format.value === 'auto' && looksLikeHtml(text));
    const request = asHtml ? { html: text } : { text };
    if (address.value.trim()) request.url = address.value.trim();
    if (published.value) request.published = published.value;
    button.disabled = true;
    output.replaceChildren(h('p', { role: 'status' }, 'Reading…'));
    try {
      const record = await post('/api/analyze', request);
      replace(output, render(record));
    } catch (error) {
      output.replaceChildren(errorBox(error.message));
    } finally {
      button.disabled = false;
    }
    output.querySelector('h2')?.focus();
  });

  root.append(
    h('h1', { tabindex: -1 }, 'Analyze an article'),
    h('p', {}, 'See who said what in a page of your own, without storing it.'),
    form,
    output);
}

function render(record) {
  const article = record.article ?? {};
  const range = toBody(record);
  const quotes = record.quotes.map((q) => recordQuote(q, range));
  const shown = highlight(article.body ?? '', quotes);
  return [
    h('h2', { id: 'analysis-heading', tabindex: -1 }, article.headline || 'The article'),
    h('p', { class: 'summary', role: 'status' },
      `${count(quotes.length, 'quotation')} by ${count(shown.speakers.length, 'speaker')}`,
      article.published ? `; published ${readableTime(article.published)}` : '',
      article.site_name ? `; ${article.site_name}` : '', '.'),
    record.warnings?.length ? h('ul', { class: 'warnings' }, record.warnings.map((w) => h('li', {}, w))) : null,
    shown.legend,
    h('div', { class: 'article-layout' },
      h('section', { class: 'article-body', 'aria-label': 'The text with its quotations' }, shown.body),
      shown.detail),
    quotes.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'quotes' },
        h('caption', {}, 'Quotations in the order they appear'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Speaker'), h('th', { scope: 'col' }, 'Kind'),
          h('th', { scope: 'col' }, 'Quotation'), h('th', { scope: 'col' }, 'Cue'))),
        h('tbody', {}, quotes.map((q) => h('tr', {},
          h('td', {}, q.speaker ?? '—'), h('td', {}, q.kind),
          h('td', { class: 'quotation' }, q.contentText), h('td', {}, q.cueText ?? '—'))))))
      : h('p', {}, 'No quotation found.'),
  ];
}
