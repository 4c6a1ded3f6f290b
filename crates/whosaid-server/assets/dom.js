// Building the page from data without ever parsing data as HTML: every string becomes a
// text node, so article text, quotes and names show literally whatever they contain.

/**
 * An element: `h('a', {href: '/x', class: 'y'}, 'text', child)`. Attributes named `on…`
 * with a function become listeners; `null`, `undefined` and `false` attributes and
 * children are skipped; strings and numbers are text.
 */
export function h(tag, attributes = {}, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Append children (nested arrays allowed) as nodes; strings become text nodes. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace the children of `parent` by `children`, the way `append` takes them. */
export function replace(parent, children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** An SVG element (shorthand for `h('svg:' + tag, …)`). */
export function svg(tag, attributes, ...children) {
  return h('svg:' + tag, attributes, ...children);
}

/**
 * A link to an address found in the data, or only its text when the address is not a
 * web address: a stored URL could be `javascript:…`, and a link must never run it.
 */
export function externalLink(url, text) {
  const safe = webAddress(url);
  if (!safe) return h('span', {}, text);
  return h('a', { href: safe, rel: 'noopener noreferrer external', class: 'external' }, text);
}

/** `url` when it is an absolute http(s) address, else null. */
export function webAddress(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The day part of an ISO date ("2025-01-31T14:15:00" → "2025-01-31"), or the value. */
export function day(value) {
  if (!value) return null;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(value);
  return match ? match[0] : value;
}

/** An ISO date and time as a reader writes it: "2025-01-31 14:15" (the zone, if any, kept). */
export function readableTime(value) {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(.*))?$/.exec(value);
  if (!match) return value;
  const [, date, time, zone] = match;
  if (!time || (time === '00:00' && !zone)) return date;
  return `${date} ${time}${zone && zone !== 'Z' && zone !== '+00:00' ? ` (UTC${zone})` : zone ? ' UTC' : ''}`;
}

/** "1 statement", "2 statements". */
export function count(n, noun) {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

/** The path of a speaker's page. */
export function speakerPath(name) {
  return '/speakers/' + encodeURIComponent(name);
}

/** The path of an article's page, optionally pointing at one statement in it. */
export function articlePath(id, statement) {
  return `/articles/${encodeURIComponent(id)}` + (statement ? `?statement=${statement}` : '');
}

/** A box telling what went wrong, announced to screen readers. */
export function errorBox(message) {
  return h('div', { class: 'error', role: 'alert' }, message);
}
