// Small DOM helpers: elements from a tag, attributes and children, without innerHTML (no markup from data).

/**
 * Creates an element. `attrs`: properties (className, hidden, value...), `on*` listeners, `aria-*`, `data-*` and other
 * attributes; children: nodes, strings (text) or null (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name.includes('-') || name === 'role' || name === 'for' || name === 'scope') el.setAttribute(name, value);
    else el[name] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** A table with a caption, header cells and rows of cells (strings or nodes), scrolling sideways on narrow screens. */
export function table(caption, headers, rows, empty = 'None') {
  if (rows.length === 0) return h('p', { className: 'empty' }, `${caption}: ${empty}`);
  return h('div', { className: 'table-wrap', role: 'group', 'aria-label': caption, tabIndex: 0 },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell, i) => h('td', { 'data-label': headers[i] }, cell)))))));
}

/** Figures as a definition list: [[label, value], ...]. */
export function figures(pairs) {
  return h('dl', { className: 'figures' },
    pairs.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))));
}

/** A rate 0..1 as a percentage, or a dash when there is none. */
export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** A number with thousands separators. */
export function count(n) {
  return Number(n ?? 0).toLocaleString('en');
}

/** An ISO time as a short local time. */
export function time(iso) {
  return iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' }) : '—';
}

/** A state badge. */
export function badge(text) {
  return h('span', { className: `badge badge-${String(text).toLowerCase()}` }, text ?? '—');
}
