/**
 * The likeness meter's scale. The recognition net's cosine is not a likeness a person can read:
 * this net puts every face in a narrow cone, so two strangers already score 0.83 (median over
 * 3801 pairs of different people) and a raw "similarity" never drops far below 90 %. The numbers
 * below are measured by build/train/likeness-calibration.ts (calibration.json):
 *
 *   0 % = a typical stranger (median cosine between different people),
 *   100 % = the untouched photo (cosine 1);
 *
 * and the words come from where caricatures and strangers actually fall: artists' caricatures
 * of the same person (AutoToon) score at least `artistP05` in 95 % of cases, while only 1 % of
 * strangers reach `strangerP99`.
 */
import calibration from './calibration.json' with { type: 'json' };

export const LIKENESS_SCALE = {
  strangerMedian: calibration.strangers.median,
  strangerP95: calibration.strangers.p95,
  strangerP99: calibration.strangers.p99,
  artistP05: calibration.artistCaricatureOfSamePerson?.p05 ?? calibration.strangers.max,
} as const;

export interface Likeness {
  /** 0…1: 0 = as alike as a typical stranger, 1 = the photo itself. */
  value: number;
  /** One phrase a user can read. */
  words: string;
  level: 'high' | 'medium' | 'low';
}

export function likeness(cosine: number): Likeness {
  const s = LIKENESS_SCALE;
  const value = Math.max(0, Math.min(1, (cosine - s.strangerMedian) / (1 - s.strangerMedian)));
  if (cosine >= s.artistP05) return { value, words: 'Clearly the sitter — as recognisable as an artist’s caricature', level: 'high' };
  if (cosine >= s.strangerP99) return { value, words: 'Recognisable, but the likeness is thinning', level: 'medium' };
  if (cosine >= s.strangerP95) return { value, words: 'Barely — some strangers look this alike to the recognition net', level: 'low' };
  return { value, words: 'Looks like a stranger to the recognition net', level: 'low' };
}
