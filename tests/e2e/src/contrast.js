// WCAG 2.x contrast check of the text the window shows, run in the page through WebDriver
// `execute`. Every visible element with its own text is checked: its computed colour against
// the background behind it (transparent backgrounds resolved by walking up the ancestors and
// compositing), 4.5:1 for body text, 3:1 for large text (24px, or 18.66px bold). Disabled
// controls are exempt (WCAG 1.4.3). Text over a gradient or image cannot be computed and is
// reported apart, as `unknown`. Returns {checked, failures, unknown}; with arguments[0] = pairs
// [[fg, bg], …] it returns their ratios instead, so the test can check the math itself.
const parse = (css) => {
  const m = /^rgba?\(([^)]*)\)$/.exec(css.trim());
  if (!m) return null;
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  if (p.length < 3 || p.some(Number.isNaN)) return null;
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const channel = (c) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
};
const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
const ratio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const over = (top, under) => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
};
const pairs = arguments[0];
if (Array.isArray(pairs)) {
  return pairs.map(([fg, bg]) => ratio(over(parse(fg), [255, 255, 255, 1]), parse(bg)));
}

// The opaque colour behind `el`, or null when a gradient or image lies in the way.
const background = (el) => {
  const layers = [];
  for (let node = el; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.backgroundImage && style.backgroundImage !== 'none') return null;
    const colour = parse(style.backgroundColor);
    if (colour && colour[3] > 0) {
      layers.push(colour);
      if (colour[3] >= 1) break;
    }
  }
  let result = [255, 255, 255, 1];
  for (const layer of layers.reverse()) result = over(layer, result);
  return result;
};
const opacity = (el) => {
  let value = 1;
  for (let node = el; node; node = node.parentElement) value *= Number(getComputedStyle(node).opacity);
  return value;
};
const describe = (el) => {
  const id = el.closest('[data-testid]');
  return `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}${id ? ` in [data-testid=${id.dataset.testid}]` : ''}`;
};
const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');

const failures = [];
const unknown = [];
let checked = 0;
for (const el of document.body.querySelectorAll('*')) {
  const own = Array.from(el.childNodes)
    .filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => n.textContent.trim())
    .join(' ')
    .trim();
  if (!own) continue;
  if (['SCRIPT', 'STYLE', 'OPTION', 'TITLE'].includes(el.tagName)) continue;
  const rect = el.getBoundingClientRect();
  // Visually hidden text (1px clip) and closed things take no room: nobody sees them.
  if (rect.width <= 1 || rect.height <= 1) continue;
  const style = getComputedStyle(el);
  if (style.visibility !== 'visible' || style.display === 'none') continue;
  if (el.closest(':disabled, [aria-disabled="true"]')) continue;
  const fg = parse(style.color);
  if (!fg || fg[3] === 0) continue;
  const bg = background(el);
  const text = own.slice(0, 40);
  if (!bg) {
    unknown.push({ text, element: describe(el) });
    continue;
  }
  const alpha = fg[3] * opacity(el);
  const shown = over([fg[0], fg[1], fg[2], alpha], bg);
  const value = ratio(shown, bg);
  const size = parseFloat(style.fontSize);
  const bold = Number(style.fontWeight) >= 700;
  const large = size >= 24 || (bold && size >= 18.66);
  const needed = large ? 3 : 4.5;
  checked++;
  if (value < needed - 0.005) {
    failures.push({ text, element: describe(el), fg: hex(shown), bg: hex(bg), ratio: Math.round(value * 100) / 100, needed });
  }
}
return { checked, failures, unknown };
