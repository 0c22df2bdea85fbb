import { describe, expect, it } from 'vitest';
import { isServerStep, safeNextPath } from './nextPath';
import { brandPalette, contrastRatio } from './brand';

describe('safeNextPath', () => {
  it.each([
    ['/offers', '/offers'],
    ['/admin/contacts?q=jane', '/admin/contacts?q=jane'],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['javascript:alert(1)', null],
    ['/login', null],
    ['/offers\n', null],
    ['', null],
    [null, null],
  ])('%s → %s', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe('isServerStep', () => {
  it.each([
    ['/oauth/continue?id=1', true],
    ['/forward-auth/start?app=1&rd=x', true],
    ['/offers', false],
    ['/oauthx', false],
    [null, false],
  ])('%s → %s', (input, expected) => {
    expect(isServerStep(input)).toBe(expected);
  });
});

describe('brandPalette', () => {
  it.each(['#4338ca', '#ffeb3b', '#00ff00', '#777777', '#000', 'nonsense'])('keeps AA contrast for %s', (color) => {
    const p = brandPalette(color);
    expect(contrastRatio(p.brand, p.onBrand)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(p.brandHover, p.onBrand)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(p.brandInk, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(p.brandInk, '#f5f6f8')).toBeGreaterThanOrEqual(4.5);
  });
});
