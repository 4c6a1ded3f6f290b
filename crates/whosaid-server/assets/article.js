// One stored article: its text with every quotation highlighted in its speaker's colour,
// the cue and source of the focused quotation, and where else the story ran.

import { h, append, errorBox, day, readableTime, count, speakerPath, articlePath, externalLink } from './dom.js';
import { get } from './api.js';
import { highlight } from './highlight.js';

/** The API's `QuoteView` in the shape `highlight` takes. */
export function storedQuote(q) {
  return {
    content: q.content_span,
    parts: q.part_spans,
    cue: q.cue_span,
    source: q.source_span,
    speaker: q.speaker,
    // Speakers known to the store are one colour by id; a group ("officials") by name.
    speakerKey: q.speaker_id ?? q.speaker ?? null,
    speakerHref: q.speaker && q.speaker_id !== null ? speakerPath(q.speaker) : null,
    kind: q.kind,
    contentText: q.content,
    cueText: q.cue,
    sourceText: q.source,
    statementId: q.statement_id,
  };
}

export async function articleView(root, { params, url }) {
  const selector = params[0];
  document.title = `Article ${selector} — whosaid`;
  const heading = h('h1', { tabindex: -1 }, `Article ${selector}`);
  const status = h('p', { role: 'status' }, 'Loading…');
  root.append(heading, status);
  let article;
  try {
    article = await get(`/api/articles/${encodeURIComponent(selector)}`);
  } catch (error) {
    status.replaceWith(errorBox(error.message));
    return;
  }
  status.remove();
  heading.textContent = article.headline || `Article ${article.id}`;
  document.title = `${heading.textContent} — whosaid`;

  const quotes = article.quotes.map(storedQuote);
  const shown = highlight(article.body, quotes);
  const outside = article.quotes.filter((q, i) => !shown.marks.some((m) => Number(m.dataset.quote) === i));
  const when = day(article.published);

  append(root, [
    h('p', { class: 'article-meta' },
      article.outlet ? h('span', { class: 'outlet' }, article.outlet) : null,
      when ? h('time', { datetime: when }, readableTime(article.published)) : null,
      article.byline ? h('span', {}, `By ${article.byline}`) : null,
      article.dateline ? h('span', {}, article.dateline) : null,
      article.section ? h('span', {}, article.section) : null,
      article.url ? externalLink(article.url, 'original page') : h('span', { class: 'muted' }, article.path)),
    h('p', { class: 'summary' },
      `${count(article.quotes.length, 'quotation')} by ${count(shown.speakers.length, 'speaker')}. `,
      shown.marks.length ? 'Tab through the highlights to see who said each one, the cue and the source.' : ''),
    shown.speakers.length || quotes.length ? shown.legend : null,
    h('div', { class: 'article-layout' },
      h('section', { class: 'article-body', 'aria-label': 'Article text' }, shown.body),
      shown.detail),
    outside.length
      ? h('section', { 'aria-labelledby': 'outside-heading' },
        h('h2', { id: 'outside-heading' }, 'Quotations not marked in the text (in the headline, for example)'),
        h('ul', {}, outside.map((q) => h('li', {}, `“${q.content}” — ${q.speaker ?? 'no known speaker'}`))))
      : null,
    article.same_story.length
      ? h('section', { 'aria-labelledby': 'story-heading' },
        h('h2', { id: 'story-heading' }, 'The same story elsewhere'),
        h('ul', {}, article.same_story.map((other) => h('li', {},
          h('a', { href: articlePath(other.id) }, [other.outlet ?? `Article ${other.id}`, other.published ? `, ${day(other.published)}` : ''].join(''))))))
      : null,
    article.entities.length
      ? h('section', { 'aria-labelledby': 'named-heading' },
        h('h2', { id: 'named-heading' }, 'Named in the article'),
        h('ul', { class: 'chips' }, article.entities.map((e) =>
          h('li', { class: e.kind, title: `${e.kind}, ${count(e.statements, 'mention')}` }, e.name,
            h('span', { class: 'muted' }, ` ${e.statements}`)))))
      : null,
  ]);

  // A link from a statement card points at the statement: bring its first highlight into
  // view and give it focus, which also shows its cue and source.
  const statement = url.searchParams.get('statement');
  const target = statement && shown.marks.find((m) => m.dataset.statement === statement);
  if (target) return { focus: target };
  return undefined;
}
