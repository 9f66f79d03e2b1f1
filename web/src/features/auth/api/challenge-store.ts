/**
 * The sign-in challenge in progress (its id, the phone it went to, when a new code may be asked
 * for, tries left), kept in sessionStorage so a reload on the code page keeps it. It holds no
 * secret: a challenge id is useless without the code sent to the phone.
 */
export interface Challenge {
  challengeId: string;
  phone: string;
  expiresAt: string;
  resendAvailableAt: string | null;
  triesLeft: number | null;
  /** When this code was sent (the page waits a little before offering another). */
  sentAt: string;
}

const KEY = 'timely.challenge';

export function saveChallenge(c: Challenge): void {
  sessionStorage.setItem(KEY, JSON.stringify(c));
}

export function loadChallenge(): Challenge | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Challenge) : null;
  } catch {
    return null;
  }
}

export function clearChallenge(): void {
  sessionStorage.removeItem(KEY);
}
