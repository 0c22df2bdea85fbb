import type { ImportField, ImportMapping } from '../../../api/imports';

// The header row of a CSV file, read in the browser so staff can map its columns before
// uploading. It follows the server's reader (importer/reader.go): UTF-8 with or without a
// byte-order mark, ";" when the first line has more semicolons than commas outside quotes,
// quoted cells with "" for a quote, cells trimmed.

export interface CsvHeader {
  /** The column names, in order (empty names dropped, each name once). */
  columns: string[];
  delimiter: ',' | ';';
}

/** Only the start of the file is read: the header row is in it. */
export const HEADER_BYTES = 64 * 1024;

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

function sniffDelimiter(text: string): ',' | ';' {
  const end = text.indexOf('\n');
  const line = end >= 0 ? text.slice(0, end) : text;
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ',') commas++;
    else if (ch === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

/** The first record of the text (a quoted header may span lines). */
export function parseHeader(raw: string): CsvHeader {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const delimiter = sniffDelimiter(text);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') break;
    else cell += ch;
  }
  cells.push(cell);
  const columns: string[] = [];
  for (const c of cells.map((c) => c.trim())) {
    if (c && !columns.some((x) => x.toLowerCase() === c.toLowerCase())) columns.push(c);
  }
  return { columns, delimiter };
}

/** What each field is called on the mapping form, email first (the only one required). */
export const IMPORT_FIELDS: { field: ImportField; label: string; hint?: string }[] = [
  { field: 'email', label: 'Email (required)' },
  { field: 'first_name', label: 'First name' },
  { field: 'last_name', label: 'Last name' },
  { field: 'name', label: 'Full name', hint: 'Used when there is no first or last name.' },
  { field: 'phone', label: 'Phone' },
  { field: 'tags', label: 'Tags', hint: 'Separated by ; or |.' },
  { field: 'offers', label: 'Offers', hint: 'Offer ids or names, separated by ; or |: each row is granted its own.' },
  { field: 'communities', label: 'Communities', hint: 'Community names, separated by ; or |.' },
];

// Column names that say what they hold, squeezed (lower case, no spaces, _ or -).
const GUESSES: Record<string, ImportField> = {
  email: 'email',
  emailaddress: 'email',
  mail: 'email',
  firstname: 'first_name',
  givenname: 'first_name',
  lastname: 'last_name',
  surname: 'last_name',
  familyname: 'last_name',
  name: 'name',
  fullname: 'name',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  tags: 'tags',
  tag: 'tags',
  offers: 'offers',
  offer: 'offers',
  communities: 'communities',
  community: 'communities',
  groups: 'communities',
};

/** Pre-chosen columns: "E-mail" → email, "First name" → first_name …; the first match wins. */
export function guessMapping(columns: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const column of columns) {
    const field = GUESSES[column.toLowerCase().replace(/[\s_-]/g, '')];
    if (field && !mapping[field]) mapping[field] = column;
  }
  return mapping;
}

/** Reads the header of a chosen file, or says why it cannot be used. */
export async function readHeader(file: File): Promise<CsvHeader | { error: string }> {
  if (file.size > MAX_FILE_BYTES) return { error: 'The file is larger than 20 MiB: split it into smaller files.' };
  const bytes = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { error: 'The file is UTF-16 text: save it as “CSV UTF-8” and choose it again.' };
  }
  const header = parseHeader(new TextDecoder('utf-8').decode(bytes));
  if (header.columns.length === 0) return { error: 'The file has no header row: its first line must name the columns.' };
  return header;
}
