import { describe, expect, it } from 'vitest';
import { guessMapping, parseHeader, readHeader } from './csvHeader';

describe('CSV header parser', () => {
  it('reads a plain comma-separated header, trimming cells and stopping at the first line', () => {
    expect(parseHeader('email, First name ,Last name\r\nmia@example.com,Mia,M\n')).toEqual({
      columns: ['email', 'First name', 'Last name'],
      delimiter: ',',
    });
  });

  it('strips a byte-order mark', () => {
    const h = parseHeader('\uFEFFE-mail,Name\nmia@example.com,Mia');
    expect(h.columns).toEqual(['E-mail', 'Name']);
    expect(h.columns[0].charCodeAt(0)).toBe('E'.charCodeAt(0));
  });

  it('detects semicolons (spreadsheets in many locales), counting only outside quotes', () => {
    expect(parseHeader('Mail;Prénom;Nom\nmia@example.com;Mia;M')).toEqual({ columns: ['Mail', 'Prénom', 'Nom'], delimiter: ';' });
    // Two commas inside quotes, one semicolon outside … and two outside: still semicolons.
    expect(parseHeader('"Name, full, really";email;phone\n').delimiter).toBe(';');
    // More commas than semicolons outside quotes: commas.
    expect(parseHeader('"a;b;c",email,phone').columns).toEqual(['a;b;c', 'email', 'phone']);
  });

  it('handles quoted headers: the delimiter, doubled quotes and a line break inside quotes', () => {
    expect(parseHeader('"Email address","Say ""hi""","Notes\nsecond line",Tags\nx,y,z,t').columns).toEqual([
      'Email address',
      'Say "hi"',
      'Notes\nsecond line',
      'Tags',
    ]);
  });

  it('drops empty and repeated column names (they cannot be chosen)', () => {
    expect(parseHeader('email,,Name,EMAIL,\n').columns).toEqual(['email', 'Name']);
    expect(parseHeader('').columns).toEqual([]);
  });

  it('reads a chosen file: UTF-8 with a BOM is fine, UTF-16 is refused with what to do', async () => {
    const utf8 = new File([new Uint8Array([0xef, 0xbb, 0xbf]), 'email;Prénom\nmia@example.com;Mia\n'], 'people.csv', { type: 'text/csv' });
    expect(await readHeader(utf8)).toEqual({ columns: ['email', 'Prénom'], delimiter: ';' });
    const utf16 = new File([new Uint8Array([0xff, 0xfe, 0x65, 0x00])], 'people.csv');
    expect(await readHeader(utf16)).toEqual({ error: expect.stringMatching(/UTF-16.*CSV UTF-8/) });
    expect(await readHeader(new File(['\n'], 'empty.csv'))).toEqual({ error: expect.stringMatching(/no header row/) });
  });
});

describe('mapping guesses', () => {
  it('pre-chooses columns whose names say what they hold', () => {
    expect(
      guessMapping(['E-mail', 'First Name', 'last_name', 'Full name', 'Mobile', 'Tags', 'Offer', 'Groups', 'Favourite colour']),
    ).toEqual({
      email: 'E-mail',
      first_name: 'First Name',
      last_name: 'last_name',
      name: 'Full name',
      phone: 'Mobile',
      tags: 'Tags',
      offers: 'Offer',
      communities: 'Groups',
    });
  });

  it('keeps the first match for a field and guesses nothing from unknown names', () => {
    expect(guessMapping(['Email', 'email address', 'Surname', 'Family name'])).toEqual({ email: 'Email', last_name: 'Surname' });
    expect(guessMapping(['Prénom', 'Courriel'])).toEqual({});
    expect(guessMapping(['EMAIL', 'Phone Number', 'Communities'])).toEqual({ email: 'EMAIL', phone: 'Phone Number', communities: 'Communities' });
  });
});
