// The portal's primary colour comes from the server's settings, so it can be anything. These
// helpers derive the shades the UI needs and keep every text/background pair at WCAG AA
// (4.5:1), whatever the colour is.

type RGB = [number, number, number];

const FALLBACK = '#4338ca';
const LIGHT = '#ffffff';
const DARK = '#111827';
const PAGE_BACKGROUND = '#f5f6f8';

export function parseHex(input: string): RGB | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
  if (!m) return null;
  let hex = m[1];
  if (hex.length === 3) hex = hex.split('').map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
}

function toHex(rgb: RGB): string {
  return '#' + rgb.map((v) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0')).join('');
}

function luminance([r, g, b]: RGB): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: string, b: string): number {
  const ra = parseHex(a);
  const rb = parseHex(b);
  if (!ra || !rb) return 1;
  const [hi, lo] = [luminance(ra), luminance(rb)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function mix(rgb: RGB, target: RGB, amount: number): RGB {
  return rgb.map((v, i) => v + (target[i] - v) * amount) as RGB;
}

/** Moves colour toward black until it reaches ratio against every background. */
function darkenUntil(color: string, backgrounds: string[], ratio: number): string {
  const rgb = parseHex(color) ?? (parseHex(FALLBACK) as RGB);
  for (let step = 0; step <= 20; step++) {
    const candidate = toHex(mix(rgb, [0, 0, 0], step / 20));
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= ratio)) return candidate;
  }
  return '#000000';
}

export interface BrandPalette {
  brand: string; // backgrounds: buttons, the top bar
  onBrand: string; // text on brand
  brandHover: string; // hovered buttons, still readable with onBrand
  brandInk: string; // brand-coloured text and outlines on light backgrounds
}

export function brandPalette(primary: string): BrandPalette {
  let brand = parseHex(primary) ? toHex(parseHex(primary) as RGB) : FALLBACK;
  let onBrand = contrastRatio(brand, LIGHT) >= contrastRatio(brand, DARK) ? LIGHT : DARK;
  if (contrastRatio(brand, onBrand) < 4.5) {
    // Mid-tones (e.g. #777) reach AA with neither white nor dark text: darken them for white.
    brand = darkenUntil(brand, [LIGHT], 4.5);
    onBrand = LIGHT;
  }
  const rgb = parseHex(brand) as RGB;
  // Hover moves away from the text colour so contrast only grows.
  const brandHover = toHex(mix(rgb, onBrand === LIGHT ? [0, 0, 0] : [255, 255, 255], 0.15));
  const brandInk = darkenUntil(brand, [LIGHT, PAGE_BACKGROUND], 4.5);
  return { brand, onBrand, brandHover, brandInk };
}

/** Sets the palette as CSS custom properties on the document (CSSOM, allowed by the CSP). */
export function applyBrand(primary: string, root: HTMLElement = document.documentElement): void {
  const p = brandPalette(primary);
  root.style.setProperty('--brand', p.brand);
  root.style.setProperty('--on-brand', p.onBrand);
  root.style.setProperty('--brand-hover', p.brandHover);
  root.style.setProperty('--brand-ink', p.brandInk);
}
