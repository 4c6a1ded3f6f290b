// A statement as a card: the quote (a link to the article that first reported it), who
// said it, when, where, and a link to the original page.

import { h, day, count, speakerPath, articlePath, externalLink } from './dom.js';

/**
 * The words of `content`, with the words a search matched marked. The API's snippet marks
 * them `[like this]` but is cut to a few words; the card shows the whole statement, so the
 * marked words are found again in it.
 */
function withMatches(content, snippet) {
  const terms = [...(snippet ?? '').matchAll(/\[([^\[\]]+)\]/g)].map((m) => m[1].trim()).filter(Boolean);
  if (!terms.length || snippet === content) return [content];
  const escaped = [...new Set(terms)].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'gi');
  return content.split(pattern).map((part, i) => (i % 2 ? h('mark', { class: 'match' }, part) : part));
}

/** The card of one statement hit (`StatementHit` of the API). */
export function statementCard(hit) {
  const when = day(hit.published);
  return h('li', { class: 'card' },
    h('blockquote', { class: `quote ${hit.kind}` },
      h('a', { class: 'quote-link', href: articlePath(hit.article_id, hit.statement_id) },
        withMatches(hit.content, hit.snippet))),
    h('p', { class: 'card-meta' },
      hit.speaker
        ? hit.speaker_id !== null ? h('a', { class: 'speaker', href: speakerPath(hit.speaker) }, hit.speaker)
          : h('span', { class: 'speaker' }, hit.speaker)
        : h('span', { class: 'speaker muted' }, 'no known speaker'),
      h('span', { class: `kind ${hit.kind}` }, hit.kind),
      when ? h('time', { datetime: when }, when) : null,
      hit.outlet ? h('span', { class: 'outlet' }, hit.outlet) : null,
      hit.occurrences > 1 ? h('span', {}, `reported in ${count(hit.occurrences, 'article')}`) : null),
    h('p', { class: 'card-source' },
      h('a', { href: articlePath(hit.article_id) }, hit.headline || `Article ${hit.article_id}`),
      hit.url ? [' · ', externalLink(hit.url, 'original page')] : null),
  );
}
