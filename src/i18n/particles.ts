/**
 * Korean particles that depend on how the word before them ends: 은/는, 이/가, 을/를, 과/와,
 * 으로/로. Pure, no dependencies, so the dialog and the unit tests share it.
 *
 * A Hangul syllable is read from its final consonant (받침); ㄹ takes 로, not 으로. A name
 * ending in Latin letters is read as Koreans say it: an all-caps abbreviation letter by letter
 * (SK → 에스케이, LG → 엘지, ...M → 엠), a word by its last sounds (Clinic → 클리닉, Seoul → 서울,
 * Center → 센터). Digits are read as Sino-Korean numbers (7 → 칠, 10 → 십, 1000 → 천).
 * Closing brackets, quotes, spaces and punctuation at the end are skipped: "하늘의원(강남점)".
 */
export type ParticlePair = '은/는' | '이/가' | '을/를' | '과/와' | '으로/로';

/** How a word ends when read aloud: a vowel, ㄹ, or another final consonant. */
export type Ending = 'vowel' | 'rieul' | 'consonant';

const HANGUL_START = 0xac00;
const HANGUL_END = 0xd7a3;
const RIEUL = 8;

/** Korean names of the Latin letters end like this (엘, 엠, 엔, 알 end in a consonant). */
const LETTER: Record<string, Ending> = { l: 'rieul', r: 'rieul', m: 'consonant', n: 'consonant' };
/** The reading of a number's last digit (일, 칠, 팔 end in ㄹ; 삼, 육 in a consonant; 영 in ㅇ). */
const DIGIT: Ending[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];

export function ending(word: string): Ending | undefined {
  const text = word.replace(/[\s)\]}>〉》」』"'’”.,!?·…~-]+$/u, '');
  const last = text.at(-1);
  if (!last) return undefined;
  const code = last.charCodeAt(0);
  if (code >= HANGUL_START && code <= HANGUL_END) {
    const final = (code - HANGUL_START) % 28;
    return final === 0 ? 'vowel' : final === RIEUL ? 'rieul' : 'consonant';
  }
  if (/[0-9]/.test(last)) return numberEnding(text.match(/[0-9]+$/)![0]);
  if (/[a-z]/i.test(last)) return latinEnding(text.match(/[a-z]+$/i)![0]);
  return undefined;
}

function numberEnding(digits: string): Ending {
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  if (zeros === digits.length) return 'consonant'; // 영
  if (zeros === 0) return DIGIT[Number(digits.at(-1))];
  // 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ) and larger units all end in a consonant.
  return 'consonant';
}

function latinEnding(word: string): Ending {
  // An abbreviation (SK, LG, ABC) is read letter by letter.
  if (word.length <= 4 && word === word.toUpperCase()) return LETTER[word.at(-1)!.toLowerCase()] ?? 'vowel';
  const w = word.toLowerCase();
  if (/(?:le|l)$/.test(w)) return 'rieul'; // Seoul 서울, Smile 스마일
  if (/(?:[mn]|ng)$/.test(w)) return 'consonant'; // Dream 드림, Seon 선, Young 영
  if (/[aeiou]{2}[bdgt]$/.test(w)) return 'vowel'; // Speed 스피드, Street 스트리트
  if (/[ckp]$/.test(w) || /[^aeiou]?[aeiou]t$/.test(w)) return 'consonant'; // Clinic 클리닉, Top 탑, Cut 컷
  return 'vowel'; // Center 센터, Care 케어, Plus 플러스, Med 메드
}

/** The particle of `pair` that follows `word`; the form after a consonant when we cannot tell. */
export function particle(word: string, pair: ParticlePair): string {
  const [afterConsonant, afterVowel] = pair.split('/');
  const end = ending(word);
  if (end === undefined) return afterConsonant;
  if (pair === '으로/로') return end === 'consonant' ? afterConsonant : afterVowel;
  return end === 'vowel' ? afterVowel : afterConsonant;
}

/** The word with its particle: withParticle('하늘 치과', '은/는') → '하늘 치과는'. */
export const withParticle = (word: string, pair: ParticlePair): string => word + particle(word, pair);
