// The search page: a form whose fields are the API's filters, kept in the address (so a
// search is a link and survives a reload), and a page of statement cards.

import { h, errorBox, count } from './dom.js';
import { get } from './api.js';
import { statementCard } from './cards.js';

const FIELDS = ['q', 'speaker', 'since', 'until', 'outlet', 'kind', 'order'];
const PAGE = 20;

function field(id, label, control, hint) {
  return h('div', { class: `field field-${id}` },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null);
}

function select(id, options, value) {
  return h('select', { id, name: id },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
}

/** The address of the search `params` (empty values left out). */
function searchHref(params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '' && !(name === 'offset' && Number(value) === 0)) {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text ? `/?${text}` : '/';
}

export async function searchView(root, { url, navigate }) {
  const params = Object.fromEntries(FIELDS.map((f) => [f, url.searchParams.get(f) ?? '']));
  const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit')) || PAGE));
  const offset = Math.max(0, Number(url.searchParams.get('offset')) || 0);
  document.title = params.q ? `${params.q} — whosaid` : 'whosaid — who said what';

  const speakers = h('datalist', { id: 'speaker-names' });
  const form = h('form', { class: 'search', role: 'search', 'aria-label': 'Search statements' },
    field('q', 'Words', h('input', {
      id: 'q', name: 'q', type: 'search', value: params.q, autocomplete: 'off',
      placeholder: 'end the war', 'aria-describedby': 'q-hint',
    }), 'A "phrase", OR, NOT and prefix* work too. Empty: the latest statements.'),
    h('fieldset', { class: 'filters' },
      h('legend', {}, 'Filters'),
      field('speaker', 'Speaker', h('input', { id: 'speaker', name: 'speaker', value: params.speaker, list: 'speaker-names', autocomplete: 'off' })),
      field('since', 'Since', h('input', { id: 'since', name: 'since', type: 'date', value: params.since })),
      field('until', 'Until', h('input', { id: 'until', name: 'until', type: 'date', value: params.until })),
      field('outlet', 'Outlet', h('input', { id: 'outlet', name: 'outlet', value: params.outlet, autocomplete: 'off' })),
      field('kind', 'Kind', select('kind', [['', 'any'], ['direct', 'direct'], ['mixed', 'mixed'], ['indirect', 'indirect']], params.kind)),
      field('order', 'Order', select('order', [['', 'best match'], ['newest', 'newest first']], params.order))),
    speakers,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'search-submit' }, 'Search'),
      h('a', { href: '/', class: 'reset' }, 'Clear')));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = Object.fromEntries(FIELDS.map((f) => [f, String(data.get(f) ?? '').trim()]));
    if (limit !== PAGE) next.limit = limit;
    navigate(searchHref(next), { keepFocus: true });
  });

  const heading = h('h2', { id: 'results-heading', tabindex: -1 }, 'Statements');
  const status = h('p', { class: 'status', role: 'status' }, 'Searching…');
  const results = h('section', { class: 'results', 'aria-labelledby': 'results-heading' }, heading, status);
  root.append(
    h('h1', { class: 'visually-hidden', tabindex: -1 }, 'Search statements'),
    form,
    results,
  );

  // Speaker names for the field's suggestions; the search works without them.
  get('/api/speakers', { top: 500 }).then((list) => {
    speakers.append(...list.map((s) => h('option', { value: s.name })));
  }).catch(() => {});

  let answer;
  try {
    answer = await get('/api/search', { ...params, limit, offset });
  } catch (error) {
    status.replaceWith(errorBox(error.message));
    heading.textContent = 'No results';
    return;
  }
  const hits = answer.hits;
  if (!hits.length) {
    status.textContent = offset ? 'No more statements.' : 'No statement matches.';
  } else {
    // Without words there is nothing to rank: the API lists the latest then.
    status.textContent = params.q && params.order !== 'newest' ? 'Best match first.' : 'Latest reported first.';
  }
  heading.textContent = hits.length ? `Statements ${offset + 1}–${offset + hits.length}` : 'Statements';
  results.append(h('ol', { class: 'cards', start: offset + 1 }, hits.map(statementCard)));

  const pages = [];
  if (offset > 0) {
    pages.push(h('a', { rel: 'prev', href: searchHref({ ...params, limit: limit === PAGE ? '' : limit, offset: Math.max(0, offset - limit) }) }, '← Previous'));
  }
  if (hits.length === limit) {
    pages.push(h('a', { rel: 'next', href: searchHref({ ...params, limit: limit === PAGE ? '' : limit, offset: offset + limit }) }, 'Next →'));
  }
  if (pages.length) results.append(h('nav', { class: 'pages', 'aria-label': 'Pages of results' }, pages));
}
