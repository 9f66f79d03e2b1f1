/**
 * Texts to the customer about their account's security, through the SMS sender that sends their
 * sign-in codes. The event itself is already in the account's history (written with the change);
 * the text is sent after, and a provider failure is logged, never undoes the change.
 */
import type { Pool } from 'pg';
import { logger } from '../../platform/logger';
import { getAccount } from './accounts-store';
import type { OtpSender } from './otp-sender';

const HELP = 'If this wasn’t you, contact Timely support now.';

export const SECURITY_TEXTS = {
  factor_added: `Timely: a new second sign-in step was added to your account. ${HELP}`,
  factor_removed: `Timely: a second sign-in step was removed from your account. ${HELP}`,
  recovery_codes_created: `Timely: new recovery codes were made for your account; the old ones no longer work. ${HELP}`,
  recovery_code_used: `Timely: a recovery code was used to confirm it’s you. ${HELP}`,
  phone_changed: `Timely: the phone number on your account was changed. ${HELP}`,
  new_device: `Timely: your account was signed in on a new device. ${HELP}`,
} as const;
export type SecurityText = keyof typeof SECURITY_TEXTS;

/** Not awaited by callers' answers: the change is done, the text is a courtesy that may lag. */
export function textSecurityNotice(pool: Pool, sender: OtpSender, accountId: string, kind: SecurityText, phone?: string): void {
  void (async () => {
    const to = phone ?? (await getAccount(pool, accountId))?.phone;
    if (!to) return;
    if (!sender.sendText) {
      logger.info({ accountId, notice: kind, provider: sender.name }, 'security notice not texted: the SMS provider sends codes only');
      return;
    }
    await sender.sendText(to, SECURITY_TEXTS[kind]);
  })().catch((err: unknown) =>
    logger.error({ accountId, notice: kind, provider: sender.name, error: err instanceof Error ? err.message : String(err) }, 'security notice not texted'),
  );
}
