/** How the editor draws the 68-point scheme (common/face68/regions.ts): a colour per region, the contour lines. */
import type { Region, Span } from '../../../common/face68/regions';

export const REGION_COLORS: Record<Region, string> = {
  jaw: '#f0a040',
  brows: '#c77dff',
  nose: '#4fd18b',
  eyes: '#4fb3ff',
  mouth: '#ff6b8b',
};

/** Polylines drawn through a span of landmarks (closed ones loop back). */
export const CONTOURS: ReadonlyArray<{ span: Span; closed: boolean }> = [
  { span: [0, 17], closed: false },
  { span: [17, 22], closed: false },
  { span: [22, 27], closed: false },
  { span: [27, 31], closed: false },
  { span: [31, 36], closed: false },
  { span: [36, 42], closed: true },
  { span: [42, 48], closed: true },
  { span: [48, 60], closed: true },
  { span: [60, 68], closed: true },
];
