// A small RFC 4180 CSV reader for the legacy import: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM.

/** One record and the file line it starts on (the header is line 1). */
export type CsvRecord = { line: number; fields: string[] };

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; problem: string };

/**
 * Splits CSV text into records. A quoted field may hold commas, quotes (doubled) and line breaks;
 * lines that are completely empty are skipped (a trailing newline is normal, not a record).
 */
export function parseCsv(input: string): CsvResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;

  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };

  while (i < text.length) {
    const ch = text[i];
    if (atFieldStart && ch === '"') {
      // a quoted field runs to the next quote that is not doubled
      i++;
      let closed = false;
      while (i < text.length) {
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      if (!closed) return { ok: false, line: recordLine, problem: 'a quoted field is never closed' };
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && text[i + 1] === '\n')) {
        return { ok: false, line, problem: 'text after a closing quote (a quote inside a field must be doubled)' };
      }
      atFieldStart = false;
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endRecord();
      i += ch === '\r' ? 2 : 1;
      line++;
      recordLine = line;
    } else if (ch === '"') {
      return { ok: false, line, problem: 'a quote inside an unquoted field (quote the field and double the quote)' };
    } else {
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || fields.length > 0 || field !== '') endRecord();
  return { ok: true, records };
}
