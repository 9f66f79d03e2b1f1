/**
 * Who delivers sign-in codes by SMS. A real provider is a drop-in: implement OtpSender and
 * choose it with OTP_PROVIDER. The fake one (default outside production; refused in production by
 * platform/config.ts) sends nothing: every challenge's code is FAKE_OTP_CODE, written to the log.
 */
import { randomInt } from 'node:crypto';
import type { Config } from '../../platform/config';
import { otpProvider } from '../../platform/config';
import { logger } from '../../platform/logger';

export interface OtpSender {
  readonly name: string;
  /** The code to send for a new challenge. */
  newCode(): string;
  send(phone: string, code: string): Promise<void>;
  /** Any other text to the customer (security notices). Absent: the notice is only logged. */
  sendText?(phone: string, body: string): Promise<void>;
}

export class FakeOtpSender implements OtpSender {
  readonly name = 'fake';
  constructor(private readonly code: string) {}
  newCode(): string {
    return this.code;
  }
  async send(phone: string, code: string): Promise<void> {
    logger.info({ phone, otpCode: code, provider: this.name }, 'fake SMS: sign-in code (not sent)');
  }
  /** Texts the fake provider was asked to send, newest last (tests read them). */
  readonly texts: { phone: string; body: string }[] = [];
  async sendText(phone: string, body: string): Promise<void> {
    this.texts.push({ phone, body });
    if (this.texts.length > 100) this.texts.shift();
    logger.info({ phone, provider: this.name }, 'fake SMS: notice (not sent)');
  }
}

/** Twilio's Messages API over fetch: no SDK needed for one call. */
export class TwilioOtpSender implements OtpSender {
  readonly name = 'twilio';
  constructor(private readonly sid: string, private readonly authToken: string, private readonly from: string) {}
  newCode(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }
  async send(phone: string, code: string): Promise<void> {
    await this.sendText(phone, `Your Timely code is ${code}. It expires in 10 minutes.`);
  }
  async sendText(phone: string, body: string): Promise<void> {
    const res = await fetch(`https://api.twilio.com/2010-04-01/Accounts/${this.sid}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${this.sid}:${this.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: phone, From: this.from, Body: body }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`Twilio answered ${res.status}`);
  }
}

export function otpSenderFromConfig(cfg: Config): OtpSender {
  if (otpProvider(cfg) === 'twilio') return new TwilioOtpSender(cfg.TWILIO_ACCOUNT_SID!, cfg.TWILIO_AUTH_TOKEN!, cfg.TWILIO_FROM!);
  return new FakeOtpSender(cfg.FAKE_OTP_CODE);
}
