// The one table `npm run bench` prints: each row a figure, its target and whether it was met.

export type Row = {
  id: string;
  what: string;
  value: number;
  format: 'ratio' | 'times' | 'ms' | 'MB' | '%';
  target: string;
  /** null: a reference row, measured for comparison, with no target of its own */
  met: boolean | null;
  detail: string;
};

function show(row: Row): string {
  if (!Number.isFinite(row.value)) return 'n/a';
  switch (row.format) {
    case 'ratio':
      return row.value.toFixed(2);
    case 'times':
      return `${row.value.toFixed(1)}×`;
    case 'ms':
      return `${row.value.toFixed(row.value < 10 ? 1 : 0)} ms`;
    case 'MB':
      return `${row.value.toFixed(0)} MB`;
    case '%':
      return `${row.value.toFixed(1)} %`;
  }
}

/** A Markdown table, so the output can be pasted into docs/performance.md as it is. */
export function formatTable(rows: Row[]): string {
  const lines = ['| | measure | value | target | met | detail |', '| --- | --- | ---: | --- | --- | --- |'];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  for (const r of rows) lines.push(`| ${r.id} | ${cell(r.what)} | ${show(r)} | ${cell(r.target)} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} | ${cell(r.detail)} |`);
  return lines.join('\n');
}
