// The speakers: a list with their totals, and one speaker's page with the timeline of
// their statements, who they talk about and what they said most often.

import { h, append, errorBox, count, speakerPath } from './dom.js';
import { get } from './api.js';
import { statementCard } from './cards.js';
import { timeline } from './timeline.js';

/** How many speakers the list shows. */
const TOP = 200;

export async function speakersView(root) {
  document.title = 'Speakers — whosaid';
  const status = h('p', { role: 'status' }, 'Loading…');
  root.append(h('h1', { tabindex: -1 }, 'Speakers'), status);
  let list;
  try {
    list = await get('/api/speakers', { top: TOP });
  } catch (error) {
    status.replaceWith(errorBox(error.message));
    return;
  }
  status.textContent = !list.length ? 'No speaker yet: ingest some articles.'
    : list.length < TOP ? `${count(list.length, 'speaker')}, most statements first.`
      : `The ${TOP} speakers with the most statements.`;
  root.append(h('div', { class: 'table-wrap' }, h('table', { class: 'speakers' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Speaker'),
      h('th', { scope: 'col', class: 'number' }, 'Statements'),
      h('th', { scope: 'col', class: 'number' }, 'Articles'),
      h('th', { scope: 'col' }, 'First – last'))),
    h('tbody', {}, list.map((s) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: speakerPath(s.name) }, s.name)),
      h('td', { class: 'number' }, String(s.statements)),
      h('td', { class: 'number' }, String(s.articles)),
      h('td', {}, s.first === s.last ? s.first ?? '' : [s.first, s.last].filter(Boolean).join(' – '))))))));
}

export async function speakerView(root, { params }) {
  const name = params[0];
  document.title = `${name} — whosaid`;
  const heading = h('h1', { tabindex: -1 }, name);
  const status = h('p', { role: 'status' }, 'Loading…');
  root.append(heading, status);
  let profile;
  try {
    profile = await get(`/api/speakers/${encodeURIComponent(name)}`);
  } catch (error) {
    status.replaceWith(errorBox(error.message));
    return;
  }
  const s = profile.summary;
  heading.textContent = s.name;
  document.title = `${s.name} — whosaid`;
  status.remove();
  append(root, [
    profile.also_matching.length
      ? h('p', { class: 'notice' }, `“${name}” could also mean: `,
        profile.also_matching.map((other, i) => [i ? ', ' : '', h('a', { href: speakerPath(other) }, other)]))
      : null,
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Statements'), h('dd', {}, String(s.statements))),
      h('div', {}, h('dt', {}, 'Quotations'), h('dd', {}, String(s.quotes))),
      h('div', {}, h('dt', {}, 'Articles'), h('dd', {}, String(s.articles))),
      s.first ? h('div', {}, h('dt', {}, 'Quoted'), h('dd', {}, s.first === s.last ? s.first : `${s.first} – ${s.last}`)) : null,
      profile.titles.length ? h('div', {}, h('dt', {}, 'Titles'), h('dd', {}, profile.titles.join(', '))) : null,
      profile.aliases.length ? h('div', {}, h('dt', {}, 'Also named'), h('dd', {}, profile.aliases.join(', '))) : null),
    h('section', { 'aria-labelledby': 'timeline-heading' },
      h('h2', { id: 'timeline-heading' }, 'Statements per week'),
      timeline(profile.weeks)),
    profile.talks_about.length
      ? h('section', { 'aria-labelledby': 'about-heading' },
        h('h2', { id: 'about-heading' }, 'Talks about'),
        h('ul', { class: 'chips' }, profile.talks_about.map((t) =>
          h('li', { title: `${count(t.statements, 'statement')} mention ${t.name}` }, t.name,
            h('span', { class: 'muted' }, ` ${t.statements}`)))))
      : null,
    h('section', { 'aria-labelledby': 'repeated-heading' },
      h('h2', { id: 'repeated-heading' }, 'Most reported statements'),
      h('ol', { class: 'cards' }, profile.most_repeated.map(statementCard)),
      h('p', {}, h('a', { href: `/?${new URLSearchParams({ speaker: s.name, order: 'newest' })}` },
        `All ${count(s.statements, 'statement')} of ${s.name}, newest first`))),
  ]);
}
