// Statements per week as an SVG bar chart, drawn here (no chart library, nothing fetched),
// with the same numbers as a table for readers who cannot see the chart.

import { h, svg, count } from './dom.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every week from the first to the last in `weeks`, the missing ones with 0. */
export function fillWeeks(weeks) {
  if (!weeks.length) return [];
  const byWeek = new Map(weeks.map((w) => [w.week, w.statements]));
  const first = Date.parse(weeks[0].week + 'T00:00:00Z');
  const last = Date.parse(weeks[weeks.length - 1].week + 'T00:00:00Z');
  if (Number.isNaN(first) || Number.isNaN(last) || last < first) return weeks;
  const filled = [];
  // A store spanning decades would draw thousands of hairline bars; such a range keeps
  // only the weeks with statements.
  if ((last - first) / (7 * DAY_MS) > 1500) return weeks;
  for (let t = first; t <= last; t += 7 * DAY_MS) {
    const week = new Date(t).toISOString().slice(0, 10);
    filled.push({ week, statements: byWeek.get(week) ?? 0 });
  }
  return filled;
}

/** Draw `weeks` into a new SVG `width` pixels wide. */
function draw(weeks, width) {
  const height = 180;
  const margin = { top: 12, right: 8, bottom: 28, left: 34 };
  const plotWidth = Math.max(40, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const most = Math.max(1, ...weeks.map((w) => w.statements));
  // A few weeks would make slabs: bars are at most 48 px apart, the plot aligned left.
  const step = Math.min(48, plotWidth / weeks.length);
  const plotEnd = margin.left + step * weeks.length;
  const barWidth = Math.max(1, step * 0.8);
  const y = (n) => margin.top + plotHeight - (n / most) * plotHeight;

  const chart = svg('svg', {
    class: 'timeline-chart',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': 'timeline-title',
  }, svg('title', { id: 'timeline-title' },
    `Statements per week, ${weeks[0].week} to ${weeks[weeks.length - 1].week}; at most ${most} in a week`));

  // Gridlines and their labels: 0, half and the maximum.
  for (const value of [...new Set([0, Math.round(most / 2), most])]) {
    chart.append(
      svg('line', { class: 'grid', x1: margin.left, x2: plotEnd, y1: y(value), y2: y(value) }),
      svg('text', { class: 'axis', x: margin.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, String(value)),
    );
  }
  weeks.forEach((week, i) => {
    const top = y(week.statements);
    chart.append(svg('rect', {
      class: 'bar',
      x: margin.left + i * step + (step - barWidth) / 2,
      y: top,
      width: barWidth,
      height: margin.top + plotHeight - top,
      'data-week': week.week,
      'data-statements': week.statements,
    }, svg('title', {}, `Week of ${week.week}: ${count(week.statements, 'statement')}`)));
  });
  // Labels for the first and last week and a few between, as many as fit.
  const labels = Math.max(1, Math.min(weeks.length, Math.floor((plotEnd - margin.left) / 90)));
  const shown = new Set([0, weeks.length - 1]);
  for (let k = 1; k < labels - 1; k++) shown.add(Math.round((k * (weeks.length - 1)) / (labels - 1)));
  for (const i of [...shown].sort((a, b) => a - b)) {
    if (labels === 1 && i !== 0) continue;
    const x = margin.left + i * step + step / 2;
    const anchor = i === 0 ? 'start' : i === weeks.length - 1 ? 'end' : 'middle';
    chart.append(svg('text', {
      class: 'axis',
      x: anchor === 'start' ? margin.left : anchor === 'end' ? plotEnd : x,
      y: height - 8,
      'text-anchor': anchor,
    }, weeks[i].week));
  }
  return chart;
}

/** A figure with the chart of `weeks` (redrawn to fit when its box is resized) and a table. */
export function timeline(weeksGiven) {
  const weeks = fillWeeks(weeksGiven);
  const figure = h('figure', { class: 'timeline' });
  if (!weeks.length) {
    figure.append(h('p', { class: 'muted' }, 'None of the articles quoting this speaker carries a date.'));
    return figure;
  }
  const holder = h('div', { class: 'timeline-holder' });
  let drawnWidth = 0;
  const redraw = () => {
    const width = Math.floor(holder.clientWidth) || 600;
    if (width === drawnWidth) return;
    drawnWidth = width;
    holder.replaceChildren(draw(weeks, width));
  };
  new ResizeObserver(redraw).observe(holder);
  figure.append(
    holder,
    h('figcaption', {}, weeks.length === 1
      ? `Statements reported in the week of ${weeks[0].week}.`
      : `Statements reported per week, ${weeks[0].week} to ${weeks[weeks.length - 1].week} (${count(weeks.length, 'week')}).`),
    h('details', {},
      h('summary', {}, 'The same as a table'),
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Week of'), h('th', { scope: 'col' }, 'Statements'))),
        h('tbody', {}, weeksGiven.map((w) => h('tr', {}, h('td', {}, w.week), h('td', {}, String(w.statements))))))),
  );
  return figure;
}
