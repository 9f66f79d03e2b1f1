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

/**
 * After the right phone code, for a customer with a second factor: the ticket that the second
 * step spends. Useless without the passkey, app or recovery code, and gone in 5 minutes.
 */
export interface SecondStep {
  ticket: string;
  methods: ('passkey' | 'totp' | 'recovery')[];
  expiresAt: string;
}

const SECOND_STEP_KEY = 'timely.second-step';

export function saveSecondStep(s: SecondStep): void {
  sessionStorage.setItem(SECOND_STEP_KEY, JSON.stringify(s));
}

export function loadSecondStep(): SecondStep | null {
  try {
    const raw = sessionStorage.getItem(SECOND_STEP_KEY);
    return raw ? (JSON.parse(raw) as SecondStep) : null;
  } catch {
    return null;
  }
}

export function clearSecondStep(): void {
  sessionStorage.removeItem(SECOND_STEP_KEY);
}
