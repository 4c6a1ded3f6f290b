// An article's text with its quotations highlighted, one colour per speaker, and the cue
// and source mention of a quotation shown when its highlight has focus or the pointer.
//
// Spans arrive as UTF-8 byte offsets (the API's unit, so that they match the bytes of the
// input); JavaScript strings count UTF-16 units, so offsets are converted first. A span
// that does not fall on a character boundary of the text is left out rather than cut a
// character in two.

import { h } from './dom.js';

/** UTF-16 positions of the byte offsets in `wanted` (those on character boundaries). */
function unitPositions(text, wanted) {
  const positions = new Map();
  let bytes = 0;
  let units = 0;
  for (const character of text) {
    if (wanted.has(bytes)) positions.set(bytes, units);
    const point = character.codePointAt(0);
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    units += character.length;
  }
  if (wanted.has(bytes)) positions.set(bytes, units);
  return positions;
}

/** A hue per speaker, far apart for the first few (golden angle steps). */
export function speakerHue(index) {
  return Math.round((205 + index * 137.508) % 360);
}

/** Give `element` the colour of speaker `index` (null: unattributed, grey); returns it. */
export function paintSpeaker(element, index) {
  if (index === null) {
    element.classList.add('unattributed');
  } else {
    // CSSOM, not a style attribute: the Content-Security-Policy allows no inline styles.
    element.style.setProperty('--speaker-hue', String(speakerHue(index)));
  }
  return element;
}

/**
 * Highlight `quotes` in `text`. Each quote: `{content, cue, source}` byte ranges
 * (`[start, end]` or null), `speaker` (a name or null), `speakerKey` (what makes two
 * speakers the same), `kind`, `contentText`, `cueText`, `sourceText`, and optionally
 * `parts` (the byte ranges of an interrupted quotation's parts), `speakerHref` and
 * `statementId`.
 *
 * A quotation is one highlight from its first word to its last (one element to focus and
 * Tab to); the narration between its parts (“…,” Trump said in the Oval Office. “…”) is
 * inside it as a `span.narration`, which the style sheet leaves unpainted: the colour is
 * on the speaker's words only.
 *
 * Returns `{body, legend, detail, marks, speakers}`: the text element, the list of
 * speakers with their colours, the panel that describes the focused quote, the highlight
 * elements in text order and the speakers in order of appearance.
 */
export function highlight(text, quotes) {
  const wanted = new Set();
  for (const quote of quotes) {
    for (const range of [quote.content, quote.cue, quote.source, ...(quote.parts ?? [])]) {
      if (range) wanted.add(range[0]).add(range[1]);
    }
  }
  const at = unitPositions(text, wanted);
  const toUnits = (range) =>
    range && at.has(range[0]) && at.has(range[1]) && range[0] < range[1]
      ? [at.get(range[0]), at.get(range[1])]
      : null;

  // Speakers in order of first appearance: the order of the legend and of the colours.
  const speakers = [];
  const speakerIndex = new Map();
  for (const quote of quotes) {
    if (quote.speakerKey === null || quote.speakerKey === undefined) continue;
    if (!speakerIndex.has(quote.speakerKey)) {
      speakerIndex.set(quote.speakerKey, speakers.length);
      speakers.push({ name: quote.speaker, href: quote.speakerHref ?? null, quotes: 0 });
    }
    speakers[speakerIndex.get(quote.speakerKey)].quotes += 1;
  }
  const colourOf = (quote) => speakerIndex.get(quote.speakerKey) ?? null;

  // Highlights nest (a paraphrase can contain a shorter quotation of the same words) but
  // cannot cross: an element has one parent, so a content that starts inside another and
  // ends after it is left unmarked. Outer first: sorted by start, then longest.
  const contents = quotes
    .map((quote, index) => ({ index, range: toUnits(quote.content) }))
    .filter((c) => c.range)
    .sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1] || a.index - b.index);
  const kept = [];
  for (const content of contents) {
    const [start, end] = content.range;
    const crosses = kept.some(({ range: [s, e] }) => s < start && start < e && e < end);
    if (!crosses) kept.push(content);
  }
  // The narration between the parts of each highlighted quotation.
  const narrations = [];
  for (const { index, range: [start, end] } of kept) {
    const parts = (quotes[index].parts ?? []).map(toUnits);
    if (parts.length < 2 || parts.some((p) => !p)) continue;
    for (let i = 0; i + 1 < parts.length; i++) {
      const [from, to] = [parts[i][1], parts[i + 1][0]];
      if (start <= from && from < to && to <= end) narrations.push({ index, range: [from, to] });
    }
  }
  const mentions = [];
  quotes.forEach((quote, index) => {
    for (const role of ['cue', 'source']) {
      const range = toUnits(quote[role]);
      if (range) mentions.push({ role, index, range });
    }
  });

  const cuts = new Set([0, text.length]);
  for (const { range } of [...kept, ...narrations, ...mentions]) {
    cuts.add(range[0]);
    cuts.add(range[1]);
  }
  const points = [...cuts].filter((p) => p <= text.length).sort((a, b) => a - b);

  const body = h('div', { class: 'article-text' });
  const marks = [];
  const mentionsOf = new Map(quotes.map((_, index) => [index, []]));
  // The marks open around the current piece of text, outermost first.
  const open = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const around = kept.filter((c) => c.range[0] <= start && end <= c.range[1]);
    let depth = 0;
    while (depth < open.length && depth < around.length && open[depth].index === around[depth].index) depth++;
    open.length = depth;
    for (const content of around.slice(depth)) {
      const quote = quotes[content.index];
      const mark = h('mark', {
        class: `quote ${quote.kind}`,
        tabindex: 0,
        'data-quote': content.index,
        'data-speaker': quote.speaker ?? '',
        'data-statement': quote.statementId ?? null,
        title: [quote.speaker ?? 'no known speaker', quote.cueText && `cue: ${quote.cueText}`,
          quote.sourceText && `source: ${quote.sourceText}`].filter(Boolean).join(' · '),
      });
      paintSpeaker(mark, colourOf(quote));
      marks.push(mark);
      (open.length ? open[open.length - 1].element : body).append(mark);
      open.push({ index: content.index, element: mark });
    }
    let piece = document.createTextNode(text.slice(start, end));
    const covering = mentions.filter((m) => m.range[0] <= start && end <= m.range[1]);
    if (covering.length) {
      const roles = [...new Set(covering.map((m) => m.role))];
      piece = h('span', { class: roles.join(' ') }, piece);
      for (const mention of covering) mentionsOf.get(mention.index).push(piece);
    }
    let parent = open.length ? open[open.length - 1].element : body;
    // Narration of the innermost quotation open here (the reporter's words, its cue and
    // source among them) goes into one span, continued while it is the last thing there.
    const narration = open.length
      ? narrations.find((n) => n.index === open[open.length - 1].index && n.range[0] <= start && end <= n.range[1])
      : undefined;
    if (narration) {
      if (!narration.element || parent.lastChild !== narration.element) {
        narration.element = h('span', { class: 'narration' });
        parent.append(narration.element);
      }
      parent = narration.element;
    }
    parent.append(piece);
  }

  const detail = h('aside', { class: 'quote-detail', 'aria-live': 'polite', 'aria-label': 'The quotation in focus' },
    h('p', { class: 'hint' }, marks.length
      ? 'Focus a highlighted quotation (Tab, or point at it) to see its speaker, cue and source.'
      : 'No quotation of this text could be highlighted.'));

  let active = null;
  const show = (mark) => {
    if (mark === active) return;
    if (active) {
      active.classList.remove('active');
      for (const el of mentionsOf.get(Number(active.dataset.quote))) el.classList.remove('active');
    }
    active = mark;
    const index = Number(mark.dataset.quote);
    const quote = quotes[index];
    mark.classList.add('active');
    for (const el of mentionsOf.get(index)) el.classList.add('active');
    const swatch = paintSpeaker(h('span', { class: 'swatch', 'aria-hidden': 'true' }), colourOf(quote));
    const speaker = quote.speaker
      ? quote.speakerHref ? h('a', { href: quote.speakerHref }, quote.speaker) : quote.speaker
      : 'no known speaker';
    detail.replaceChildren(
      h('p', { class: 'detail-speaker' }, swatch, speaker),
      h('dl', {},
        h('dt', {}, 'Kind'), h('dd', { class: 'detail-kind' }, quote.kind),
        h('dt', {}, 'Cue'), h('dd', { class: 'detail-cue' }, quote.cueText ?? '(none)'),
        h('dt', {}, 'Source'), h('dd', { class: 'detail-source' }, quote.sourceText ?? '(none)')),
      h('p', { class: 'detail-count' }, `Quotation ${marks.indexOf(mark) + 1} of ${marks.length}`),
    );
  };
  body.addEventListener('focusin', (event) => {
    const mark = event.target.closest?.('mark.quote');
    if (mark) show(mark);
  });
  body.addEventListener('mouseover', (event) => {
    const mark = event.target.closest?.('mark.quote');
    if (mark) show(mark);
  });

  const legend = h('ul', { class: 'legend', 'aria-label': 'Speakers and their colours' },
    speakers.map((speaker, index) => {
      const swatch = paintSpeaker(h('span', { class: 'swatch', 'aria-hidden': 'true' }), index);
      return h('li', {}, swatch,
        speaker.href ? h('a', { href: speaker.href }, speaker.name) : speaker.name,
        h('span', { class: 'muted' }, ` (${speaker.quotes})`));
    }),
    quotes.some((q) => q.speakerKey === null || q.speakerKey === undefined)
      ? h('li', {}, paintSpeaker(h('span', { class: 'swatch', 'aria-hidden': 'true' }), null), 'no known speaker')
      : null);

  return { body, legend, detail, marks, speakers };
}
