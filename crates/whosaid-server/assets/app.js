// The page's router: each address (/, /speakers, /speakers/NAME, /articles/ID, /analyze)
// is a view drawn from the API. The server answers every one of these addresses with this
// same page, so a link or a reload lands on the right view; links inside the page change
// the address with the History API instead of reloading.

import { h } from './dom.js';
import { searchView } from './search.js';
import { speakersView, speakerView } from './speakers.js';
import { articleView } from './article.js';
import { analyzeView } from './analyze.js';

const ROUTES = [
  [/^\/$/, searchView],
  [/^\/speakers\/?$/, speakersView],
  [/^\/speakers\/([^/]+)\/?$/, speakerView],
  [/^\/articles\/([^/]+)\/?$/, articleView],
  [/^\/analyze\/?$/, analyzeView],
];

const main = document.getElementById('main');
let drawing = 0;

function notFound(root) {
  document.title = 'No such page — whosaid';
  root.append(h('h1', { tabindex: -1 }, 'No such page'),
    h('p', {}, 'This address is not a page of whosaid. ', h('a', { href: '/' }, 'Search statements'), ' instead.'));
}

function currentNav() {
  for (const link of document.querySelectorAll('header nav a')) {
    const path = link.getAttribute('href');
    const here = path === '/' ? location.pathname === '/' : location.pathname.startsWith(path);
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** Draw the view of the current address. `focus`: move focus to the new view's heading. */
async function draw({ focus, keepFocusId } = {}) {
  const url = new URL(location.href);
  const ticket = ++drawing;
  let view = notFound;
  let params = [];
  for (const [pattern, candidate] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (match) {
      view = candidate;
      try {
        params = match.slice(1).map(decodeURIComponent);
      } catch {
        view = notFound;
      }
      break;
    }
  }
  currentNav();
  const root = h('div', { class: 'view' });
  main.replaceChildren(root);
  main.setAttribute('aria-busy', 'true');
  const finished = view(root, { url, params, navigate });
  if (keepFocusId) document.getElementById(keepFocusId)?.focus();
  else if (focus) root.querySelector('h1')?.focus();
  let result;
  try {
    result = await finished;
  } finally {
    if (ticket === drawing) main.removeAttribute('aria-busy');
  }
  if (ticket === drawing && result?.focus) {
    result.focus.focus();
    result.focus.scrollIntoView({ block: 'center' });
  }
}

/** Go to `href` inside the page. `keepFocus`: a form resubmitted, focus stays where it was. */
export function navigate(href, { keepFocus = false, replace = false } = {}) {
  const keepFocusId = keepFocus ? document.activeElement?.id || null : null;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.scrollTo(0, 0);
  draw({ focus: !keepFocus, keepFocusId });
}

// Links to the page's own views are followed without a reload; anything else (another
// site, a new tab, a download, the API's JSON) is left to the browser.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('a[href]');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});

window.addEventListener('popstate', () => draw({ focus: true }));
draw();
