// SPEC O7: the report as one self-contained HTML file — inline style, inline SVG charts each with a table of the same numbers, no script.
import { japanDateTime } from '../i18n/japan-time.js';
import type { Report } from './model.js';
import { reportTexts, type ReportTexts } from './texts.js';

export type ReportLang = 'ja' | 'en';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n: number) => n.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '0.0%' : `${((part / whole) * 100).toFixed(1)}%`);

const COLORS = { main: '#1d4f91', second: '#c8553d', pale: '#dfe6f0', text: '#1f2933', grid: '#c9d1db' };

/** Horizontal bars, one per row, labelled on the left with the value on the right. */
function hbars(label: string, rows: { name: string; value: number }[], color = COLORS.main): string {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 28;
  const left = 230;
  const width = 640;
  const barW = width - left - 70;
  const height = rows.length * rowH + 8;
  const bars = rows
    .map((r, i) => {
      const y = 4 + i * rowH;
      const w = Math.round((r.value / max) * barW);
      return `<text x="${left - 8}" y="${y + 18}" text-anchor="end">${esc(r.name)}</text><rect x="${left}" y="${y + 4}" width="${Math.max(w, r.value > 0 ? 2 : 0)}" height="${rowH - 10}" fill="${color}"/><text x="${left + w + 6}" y="${y + 18}">${num(r.value)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${bars}</svg>`;
}

/** Columns per day; with two series they stand side by side. */
function columns(label: string, days: string[], series: { name: string; values: number[]; color: string }[]): string {
  const width = 640;
  const height = 200;
  const top = 16;
  const bottom = 40;
  const left = 36;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = (width - left - 8) / days.length;
  const barW = Math.max(2, (slot * 0.7) / series.length);
  // whole-number ticks only: 0, the middle when it is a whole number, the top
  const ticks = [0, ...(max % 2 === 0 ? [max / 2] : []), max];
  const grid = ticks
    .map((v) => {
      const y = top + plotH - (v / max) * plotH;
      return `<line x1="${left}" x2="${width - 4}" y1="${y}" y2="${y}" stroke="${COLORS.grid}"/><text x="${left - 4}" y="${y + 4}" text-anchor="end" class="small">${num(v)}</text>`;
    })
    .join('');
  const bars = days
    .map((day, i) => {
      const x0 = left + i * slot + slot * 0.15;
      const cols = series
        .map((s, k) => {
          const h = Math.round((s.values[i] / max) * plotH);
          return `<rect x="${(x0 + k * barW).toFixed(1)}" y="${top + plotH - h}" width="${barW.toFixed(1)}" height="${h}" fill="${s.color}"/>`;
        })
        .join('');
      const tick = i % Math.ceil(days.length / 7) === 0 || i === days.length - 1 ? `<text x="${(x0 + (barW * series.length) / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" class="small">${day.slice(5)}</text>` : '';
      return cols + tick;
    })
    .join('');
  const legend =
    series.length > 1
      ? series.map((s, k) => `<rect x="${left + k * 170}" y="${height - 14}" width="12" height="12" fill="${s.color}"/><text x="${left + k * 170 + 18}" y="${height - 4}" class="small">${esc(s.name)}</text>`).join('')
      : '';
  return `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${grid}${bars}${legend}</svg>`;
}

/** A stacked bar: migrated against not yet, as a share. */
function shareBar(label: string, part: number, whole: number, t: ReportTexts): string {
  const width = 640;
  const w = whole === 0 ? 0 : Math.round((part / whole) * width);
  return `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} 30" width="${width}" height="30"><rect x="0" y="4" width="${width}" height="22" fill="${COLORS.pale}"/><rect x="0" y="4" width="${w}" height="22" fill="${COLORS.main}"/><text x="${Math.min(w + 6, width - 120)}" y="20">${esc(`${t.migrated} ${pct(part, whole)}`)}</text></svg>`;
}

function table(caption: string, head: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => (typeof v === 'number' ? `<td class="n">${num(v)}</td>` : `<td>${esc(v)}</td>`);
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const STYLE = `
body{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans",Meiryo,sans-serif;color:${COLORS.text};margin:0;background:#f4f6f9;line-height:1.6}
main{max-width:760px;margin:0 auto;padding:24px 16px 48px;background:#fff}
h1{font-size:1.5rem;margin:0 0 4px}h2{font-size:1.15rem;margin:32px 0 8px;border-bottom:2px solid ${COLORS.main};padding-bottom:4px}
p.meta{color:#52606d;margin:0 0 16px;font-size:.9rem}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:16px 0}
.tile{border:1px solid ${COLORS.grid};border-radius:6px;padding:10px 12px}.tile b{display:block;font-size:1.6rem;color:${COLORS.main}}
.tile span{font-size:.85rem;color:#52606d}
svg{max-width:100%;height:auto;display:block;margin:8px 0;font-size:13px}svg text{fill:${COLORS.text}}svg .small{font-size:11px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:.9rem}caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid ${COLORS.grid};padding:4px 8px;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eef2f7}
.note{font-size:.85rem;color:#52606d}
`;

export function renderReportHtml(r: Report, lang: ReportLang, brand: string): string {
  const t = reportTexts[lang];
  const days = r.days.map((d) => d.day);
  const stopped = r.funnel.map((f) => ({ name: `${f.number}. ${t.steps[f.step as keyof typeof t.steps]}`, value: f.cancelled + f.expired + f.inProgress }));
  const refusalName = (key: string) => t.reasons[key] ?? key;
  const body = [
    `<h1>${esc(t.title(brand))}</h1>`,
    `<p class="meta">${esc(t.generated(japanDateTime(r.generatedAt, lang), r.firstDay, r.lastDay))}</p>`,
    `<section aria-labelledby="summary"><h2 id="summary">${esc(t.summary)}</h2>`,
    `<div class="tiles">`,
    `<div class="tile"><b>${num(r.holders)}</b><span>${esc(t.holdersImported)}</span></div>`,
    `<div class="tile"><b>${num(r.cards)}</b><span>${esc(t.cardsImported)}</span></div>`,
    `<div class="tile"><b>${pct(r.migratedHolders, r.holders)}</b><span>${esc(t.migratedHolders)}: ${num(r.migratedHolders)}</span></div>`,
    `<div class="tile"><b>${num(r.totals.completed)}</b><span>${esc(t.completionsTile)}</span></div>`,
    `</div>`,
    `<p>${esc(t.migratedHolders)}</p>${shareBar(t.migratedHolders, r.migratedHolders, r.holders, t)}`,
    `<p>${esc(t.migratedCards)}</p>${shareBar(t.migratedCards, r.migratedCards, r.cards, t)}`,
    table(t.progressCaption, ['', t.total, t.migrated, '%', t.notYet], [
      [t.holdersImported, r.holders, r.migratedHolders, pct(r.migratedHolders, r.holders), r.holders - r.migratedHolders],
      [t.cardsImported, r.cards, r.migratedCards, pct(r.migratedCards, r.cards), r.cards - r.migratedCards],
    ]),
    `</section>`,
    `<section aria-labelledby="funnel"><h2 id="funnel">${esc(t.funnel)}</h2><p>${esc(t.funnelIntro)}</p>`,
    table(t.funnel, [t.started, t.completed, t.cancelled, t.expired, t.inProgress], [[r.flows.started, r.flows.completed, r.flows.cancelled, r.flows.expired, r.flows.inProgress]]),
    hbars(t.stoppedTotal, stopped, COLORS.second),
    table(t.stoppedTotal, [t.step, t.cancelled, t.expired, t.inProgress, t.total], r.funnel.map((f, i) => [stopped[i].name, f.cancelled, f.expired, f.inProgress, stopped[i].value])),
    `</section>`,
    `<section aria-labelledby="daily"><h2 id="daily">${esc(t.perDay)}</h2>`,
    `<h3>${esc(t.completionsPerDay)}</h3>`,
    columns(t.completionsPerDay, days, [{ name: t.completed, values: r.days.map((d) => d.completed), color: COLORS.main }]),
    `<h3>${esc(t.locksPerDay)}</h3>`,
    columns(t.locksPerDay, days, [
      { name: t.signInLocks, values: r.days.map((d) => d.signInLocks), color: COLORS.main },
      { name: t.codeLocks, values: r.days.map((d) => d.codeLocks), color: COLORS.second },
    ]),
    table(t.perDay, [t.day, t.completed, t.signInLocks, t.codeLocks], [...r.days.map((d) => [d.day, d.completed, d.signInLocks, d.codeLocks] as (string | number)[]), [t.total, r.totals.completed, r.totals.signInLocks, r.totals.codeLocks]]),
    `<h3>${esc(t.deliveryFailures)}</h3>`,
    table(t.deliveryFailures, [t.deliveryFailures, t.count], [[t.total, r.totals.deliveryFailures]]),
    r.totals.deliveryFailures === 0 ? `<p class="note">${esc(t.deliveryNote)}</p>` : '',
    `</section>`,
    `<section aria-labelledby="refusals"><h2 id="refusals">${esc(t.refusals)}</h2><p>${esc(t.refusalsIntro)}</p>`,
    hbars(t.refusals, r.refusals.map((x) => ({ name: refusalName(x.key), value: x.n }))),
    table(t.refusals, [t.reason, t.count], r.refusals.map((x) => [refusalName(x.key), x.n])),
    `</section>`,
    `<p class="note">${esc(t.source)}</p>`,
  ].join('\n');
  return `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${esc(t.title(brand))}</title><style>${STYLE}</style></head><body><main>\n${body}\n</main></body></html>\n`;
}
